// Just enough reading of a vmasm line for hovers and completion: where the label, the
// mnemonic and the operands are, and which symbols a program defines. The assembler
// stays the authority on what is valid; this never rejects anything. No vscode import.

// Comments end code exactly where the assembler says they do.
import { commentStart, type AssemblyWork } from '../../core/sim/lexer';

/** Line breaks as the assembler counts them, so that line numbers agree with its diagnostics. */
const LINE_BREAK = /\r\n|\r|\n/;

const NAME = /[A-Za-z_.][A-Za-z0-9_.]*/y;

export interface Span {
  readonly text: string;
  /** 0-based, UTF-16. */
  readonly start: number;
  readonly end: number;
}

export interface Statement {
  readonly label?: Span;
  /** The first word after the label: a mnemonic or a directive. */
  readonly head?: Span;
  /** Where the code ends (the comment's start, or the line's length). */
  readonly codeEnd: number;
}

function skipSpace(line: string, i: number): number {
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return i;
}

function nameAt(line: string, i: number): Span | undefined {
  NAME.lastIndex = i;
  const m = NAME.exec(line);
  return m ? { text: m[0], start: i, end: i + m[0].length } : undefined;
}

export function parseStatement(line: string): Statement {
  const codeEnd = commentStart(line);
  const code = line.slice(0, codeEnd);
  let i = skipSpace(code, 0);
  let first = nameAt(code, i);
  let label: Span | undefined;
  if (first) {
    const after = skipSpace(code, first.end);
    if (code[after] === ':') {
      label = first;
      i = skipSpace(code, after + 1);
      first = nameAt(code, i);
    }
  }
  return { label, head: first, codeEnd };
}

/** The mnemonic or directive under the 0-based `character`, if the cursor is on it. */
export function headAt(line: string, character: number): Span | undefined {
  const { head } = parseStatement(line);
  return head && character >= head.start && character <= head.end ? head : undefined;
}

export type CompletionContext = 'head' | 'operand' | 'none';

/** What fits at the 0-based `character`: a mnemonic/directive, an operand, or nothing (comment). */
export function completionContext(line: string, character: number): CompletionContext {
  const { label, head, codeEnd } = parseStatement(line);
  if (character > codeEnd) return 'none';
  const before = line.slice(0, character);
  // A `;` appended at the cursor starts a comment only outside strings and comments.
  if (commentStart(before + ';') !== before.length) return 'none';
  if (!head || character <= head.end) {
    // Typing the label itself (`loo|` before a `:` exists) still counts as the head.
    return label && character <= label.end ? 'none' : 'head';
  }
  return 'operand';
}

/** Labels and `.equ` names the program defines, in order of definition. */
export function definedSymbols(text: string): { name: string; kind: 'label' | 'equ'; line: number }[] {
  const out: { name: string; kind: 'label' | 'equ'; line: number }[] = [];
  const seen = new Set<string>();
  text.split(LINE_BREAK).forEach((line, index) => {
    const { label, head, codeEnd } = parseStatement(line);
    const add = (name: string, kind: 'label' | 'equ') => {
      if (seen.has(name)) return;
      seen.add(name);
      out.push({ name, kind, line: index });
    };
    if (label) add(label.text, 'label');
    if (head && head.text.toLowerCase() === '.equ') {
      const name = nameAt(line.slice(0, codeEnd), skipSpace(line, head.end));
      if (name) add(name.text, 'equ');
    }
  });
  return out;
}

/** Where a diagnostic is underlined: 1-based line and columns, clamped to the program's text. */
export interface DiagnosticSpan {
  readonly line: number;
  readonly column: number;
  readonly endColumn: number;
}

const WORD = /[A-Za-z0-9_.']+/y;

/**
 * The spans of all diagnostics of one program. The text is cut into lines once for all of them
 * (once per diagnostic made 500 diagnostics of a long program quadratic), only as far as the last
 * line they name, and a missing end extends over the word at the column without copying the rest
 * of the line.
 */
export function diagnosticSpans(
  text: string,
  diagnostics: readonly { line: number; column: number; endColumn?: number }[],
  work?: AssemblyWork,
): DiagnosticSpan[] {
  if (diagnostics.length === 0) return [];
  const lastLine = diagnostics.reduce((max, d) => Math.max(max, d.line), 1);
  const lines = linesUpTo(text, lastLine);
  if (work) work.lineSplits++;
  return diagnostics.map((d) => {
    const line = Math.min(Math.max(1, d.line), lines.length);
    const lineText = lines[line - 1] ?? '';
    const column = Math.min(Math.max(1, d.column), lineText.length + 1);
    let end = d.endColumn ?? column;
    if (end <= column) {
      // Without an end, underline the word starting at the column (or one character).
      WORD.lastIndex = column - 1;
      const word = WORD.exec(lineText);
      end = column + Math.max(1, word?.[0].length ?? 1);
    }
    return { line, column, endColumn: Math.min(end, lineText.length + 1) };
  });
}

/** The first `count` lines of `text` (all of them when it has fewer). */
function linesUpTo(text: string, count: number): string[] {
  const lines: string[] = [];
  const end = new RegExp(LINE_BREAK.source, 'g');
  let start = 0;
  while (lines.length < count) {
    const m = end.exec(text);
    if (!m) {
      lines.push(text.slice(start));
      break;
    }
    lines.push(text.slice(start, m.index));
    start = m.index + m[0].length;
  }
  return lines;
}
