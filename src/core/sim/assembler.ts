/**
 * The assembler: two passes over the source (layout, then values), every error of the file
 * collected with its position, never an exception whatever the input.
 */
import type { AssembleOptions, AssembleResult, Diagnostic, ProgramInstruction } from './api';
import { encode, operandProblem, type Resolved } from './encode';
import { DIRECTIVES, INSTRUCTION_SIZE, MNEMONICS, mnemonicSpec, type MnemonicSpec } from './isa';
import { decodeEscapes, splitOperands, stripComment, suggest } from './lexer';
import { evaluate, parseOperand, printable, registerIndex, registerLike, suggestion, tryEvaluate, type Expr, type Operand, type SyntaxError } from './operands';
import { AssembledProgram, MEMORY_SIZE, type DecodedFields } from './program';

/** Beyond this many errors the rest of a file is not worth reading (e.g. a binary file). */
export const MAX_DIAGNOSTICS = 500;

interface PendingInstruction {
  spec: MnemonicSpec;
  mnemonic: string;
  operands: Operand[];
  address: number;
  line: number;
  column: number;
  text: string;
}

interface PendingData {
  exprs: Expr[];
  address: number;
  size: 1 | 4;
  line: number;
}

interface PendingEqu {
  name: string;
  expr: Expr;
  line: number;
}

class Collector {
  readonly diagnostics: Diagnostic[] = [];
  full = false;

  add(line: number, start: number, end: number, message: string, severity: 'error' | 'warning' = 'error'): void {
    if (this.full) return;
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) {
      this.full = true;
      this.diagnostics.push({ line, column: start + 1, message: `too many errors; stopped reporting after ${MAX_DIAGNOSTICS}`, severity: 'error' });
      return;
    }
    this.diagnostics.push({ line, column: start + 1, endColumn: Math.max(end, start + 1) + 1, message, severity });
  }

  addAll(line: number, errors: SyntaxError[]): void {
    for (const e of errors) this.add(line, e.start, e.end, e.message);
  }

  get errorCount(): number {
    return this.diagnostics.filter((d) => d.severity === 'error').length;
  }
}

const LABEL = /^\s*([A-Za-z_.][A-Za-z0-9_.]*)\s*:/;
const WORD = /^\S+/;

/** Assembles a guest program. Never throws. */
export function assemble(source: string, _options: AssembleOptions = {}): AssembleResult {
  try {
    return assembleUnsafe(typeof source === 'string' ? source : String(source));
  } catch (e) {
    // Defensive: a bug here must show as a diagnostic, not break the editor or the CLI.
    return { diagnostics: [{ line: 1, column: 1, message: `internal assembler error: ${e instanceof Error ? e.message : String(e)}`, severity: 'error' }] };
  }
}

function assembleUnsafe(source: string): AssembleResult {
  const out = new Collector();
  const symbols = new Map<string, number>();
  const symbolLines = new Map<string, number>();
  const image = new Uint8Array(MEMORY_SIZE);
  /** Line that placed each byte (0: free), for overlap errors. */
  const owner = new Int32Array(MEMORY_SIZE);
  const instructions: PendingInstruction[] = [];
  const data: PendingData[] = [];
  const equs: PendingEqu[] = [];
  let lc = 0;

  const define = (name: string, value: number, line: number, start: number, end: number): void => {
    const before = symbolLines.get(name);
    if (before !== undefined) out.add(line, start, end, `'${name}' is already defined at line ${before}`);
    else {
      symbols.set(name, value);
      symbolLines.set(name, line);
    }
  };

  /** Claims [address, address+size) for `line`; false (with an error) when outside RAM or overlapping. */
  const claim = (address: number, size: number, line: number, start: number, end: number): boolean => {
    if (size === 0) return true;
    if (address < 0 || address + size > MEMORY_SIZE) {
      out.add(line, start, end, `address 0x${(address >>> 0).toString(16)} is outside the 64 KiB of guest memory (0x0-0xffff)`);
      return false;
    }
    for (let i = 0; i < size; i++) {
      if (owner[address + i] !== 0) {
        out.add(line, start, end, `overlaps code or data of line ${owner[address + i]} at 0x${(address + i).toString(16)} (check .org)`);
        return false;
      }
    }
    owner.fill(line, address, address + size);
    return true;
  };

  const lines = source.split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length && !out.full; index++) {
    const lineNo = index + 1;
    const raw = lines[index];
    let text = stripComment(raw);
    let offset = 0;
    // Labels, possibly several, before the statement.
    for (;;) {
      const m = LABEL.exec(text);
      if (!m) break;
      const name = m[1];
      const start = offset + m[0].indexOf(name);
      const end = start + name.length;
      if (name.startsWith('.') && DIRECTIVES.includes(name.toLowerCase())) break;
      if (registerIndex(name) !== undefined || ['cs', 'cr0', 'cr2', 'cr3'].includes(name.toLowerCase())) {
        out.add(lineNo, start, end, `'${name}' is a register name and cannot be a label`);
      } else define(name, lc, lineNo, start, end);
      offset += m[0].length;
      text = text.slice(m[0].length);
    }
    const lead = text.length - text.trimStart().length;
    const body = text.trim();
    if (body === '') continue;
    const bodyStart = offset + lead;
    const word = WORD.exec(body)![0];
    const wordEnd = bodyStart + word.length;
    const restText = body.slice(word.length);
    const restOffset = wordEnd;
    const lower = word.toLowerCase();

    if (word.startsWith('.')) {
      lc = directive(lower, word, restText, restOffset, lineNo, bodyStart, wordEnd, lc);
      continue;
    }
    const spec = mnemonicSpec(word);
    if (!spec && /^[0-9][A-Za-z0-9_.]*:/.test(body)) {
      const name = body.slice(0, body.indexOf(':'));
      out.add(lineNo, bodyStart, bodyStart + name.length, `label '${name}' must not start with a digit (labels use letters, digits, _ and .)`);
      continue;
    }
    if (!spec) {
      if (/^[A-Za-z_.][A-Za-z0-9_.]*$/.test(word) && restText.trim() === '' && !raw.includes(':')) {
        const near = suggest(word, MNEMONICS);
        out.add(lineNo, bodyStart, wordEnd, `unknown mnemonic '${word}'${near ? suggestion(near) : ` (a label needs a colon: '${word}:')`}`);
      } else {
        const dot = DIRECTIVES.find((d) => d.slice(1) === lower);
        const near = dot ?? suggest(word, MNEMONICS);
        out.add(lineNo, bodyStart, wordEnd, `unknown mnemonic '${[...word].map(printable).join('')}'${suggestion(near)}`);
      }
      continue;
    }
    const errors: SyntaxError[] = [];
    const operands: Operand[] = [];
    if (restText.trim() !== '') {
      for (const piece of splitOperands(restText, restOffset)) {
        if (piece.text === '') {
          errors.push({ start: piece.offset, end: piece.offset + 1, message: `missing operand between commas (expected ${spec.syntax})` });
          continue;
        }
        const op = parseOperand(piece.text, piece.offset, errors);
        if (op) operands.push(op);
      }
    }
    if (errors.length > 0) {
      out.addAll(lineNo, errors);
      lc += INSTRUCTION_SIZE;
      continue;
    }
    const problem = operandProblem(spec, operands.map((o) => o.kind));
    if (problem) {
      const target = problem.index >= 0 ? operands[problem.index] : undefined;
      out.add(lineNo, target ? target.start : bodyStart, target ? target.end : bodyStart + body.length, problem.message);
    }
    if (claim(lc, INSTRUCTION_SIZE, lineNo, bodyStart, wordEnd) && !problem) {
      instructions.push({ spec, mnemonic: lower, operands, address: lc, line: lineNo, column: bodyStart + 1, text: body });
    }
    lc += INSTRUCTION_SIZE;
  }

  function directive(lower: string, word: string, rest: string, restOffset: number, line: number, start: number, end: number, at: number): number {
    const pieces = rest.trim() === '' ? [] : splitOperands(rest, restOffset);
    const errors: SyntaxError[] = [];
    const needArgs = (min: number, max: number, syntax: string): boolean => {
      if (pieces.length >= min && pieces.length <= max && pieces.every((p) => p.text !== '')) return true;
      out.add(line, start, end, `'${lower}' expects ${syntax}`);
      return false;
    };
    const constant = (piece: { text: string; offset: number }, what: string): number | undefined => {
      const op = parseOperand(piece.text, piece.offset, errors);
      if (!op) return undefined;
      if (op.kind !== 'imm') {
        errors.push({ start: op.start, end: op.end, message: `${what} must be a number or constant` });
        return undefined;
      }
      const v = tryEvaluate(op.expr, symbols);
      if (v === undefined) errors.push({ start: op.start, end: op.end, message: `${what} must be known here (use numbers or constants defined above)` });
      return v;
    };
    switch (lower) {
      case '.equ': {
        if (!needArgs(2, 2, 'a name and a value (.equ NAME, value)')) return at;
        const name = pieces[0].text;
        if (!/^[A-Za-z_.][A-Za-z0-9_.]*$/.test(name)) {
          out.add(line, pieces[0].offset, pieces[0].offset + name.length, `'${name}' is not a valid name (letters, digits, _ and ., not starting with a digit)`);
          return at;
        }
        if (registerIndex(name) !== undefined || registerLike(name)) {
          out.add(line, pieces[0].offset, pieces[0].offset + name.length, `'${name}' is a register name and cannot be a constant`);
          return at;
        }
        const op = parseOperand(pieces[1].text, pieces[1].offset, errors);
        if (op && op.kind !== 'imm') errors.push({ start: op.start, end: op.end, message: `the value of '.equ' must be a number, label or constant expression` });
        else if (op) {
          const v = tryEvaluate(op.expr, symbols);
          if (v !== undefined) define(name, v | 0, line, pieces[0].offset, pieces[0].offset + name.length);
          else {
            // Forward reference: resolved once every label is known.
            equs.push({ name, expr: op.expr, line });
            symbolLines.set(name, line);
          }
        }
        break;
      }
      case '.word':
      case '.byte': {
        if (!needArgs(1, Infinity, `one or more values (${lower} v[, v...])`)) return at;
        const size = lower === '.word' ? 4 : 1;
        const exprs: Expr[] = [];
        for (const piece of pieces) {
          const op = parseOperand(piece.text, piece.offset, errors);
          if (op && op.kind !== 'imm') errors.push({ start: op.start, end: op.end, message: `${lower} values must be numbers, labels or constants` });
          else if (op) exprs.push(op.expr);
        }
        out.addAll(line, errors);
        if (errors.length === 0 && claim(at, size * exprs.length, line, start, end)) data.push({ exprs, address: at, size, line });
        return at + size * pieces.length;
      }
      case '.ascii':
      case '.asciz': {
        const literal = rest.trim();
        const litStart = restOffset + (rest.length - rest.trimStart().length);
        if (!/^".*"$/s.test(literal) || literal.length < 2) {
          out.add(line, literal ? litStart : start, literal ? litStart + literal.length : end, `'${lower}' expects one string in double quotes (${lower} "text")`);
          return at;
        }
        const bytes = decodeEscapes(literal.slice(1, -1));
        if (typeof bytes === 'string') {
          out.add(line, litStart, litStart + literal.length, bytes);
          return at;
        }
        if (/(^|[^\\])(\\\\)*"/.test(literal.slice(1, -1))) {
          out.add(line, litStart, litStart + literal.length, `unescaped '"' inside the string (write \\")`);
          return at;
        }
        if (lower === '.asciz') bytes.push(0);
        if (claim(at, bytes.length, line, start, end)) image.set(bytes, at);
        return at + bytes.length;
      }
      case '.space': {
        if (!needArgs(1, 1, 'a byte count (.space n)')) return at;
        const n = constant(pieces[0], 'the size of .space');
        out.addAll(line, errors);
        if (n === undefined) return at;
        if (n < 0 || at + n > MEMORY_SIZE) {
          out.add(line, pieces[0].offset, pieces[0].offset + pieces[0].text.length, `.space ${n} does not fit in the 64 KiB of guest memory`);
          return at;
        }
        claim(at, n, line, start, end);
        return at + n;
      }
      case '.align': {
        if (!needArgs(1, 1, 'an alignment in bytes (.align n)')) return at;
        const n = constant(pieces[0], 'the alignment');
        out.addAll(line, errors);
        if (n === undefined) return at;
        if (n <= 0 || n > MEMORY_SIZE) {
          out.add(line, pieces[0].offset, pieces[0].offset + pieces[0].text.length, `.align needs a positive number of bytes, got ${n}`);
          return at;
        }
        return Math.ceil(at / n) * n;
      }
      case '.org': {
        if (!needArgs(1, 1, 'an address (.org addr)')) return at;
        const n = constant(pieces[0], 'the address of .org');
        out.addAll(line, errors);
        if (n === undefined) return at;
        if (n < 0 || n >= MEMORY_SIZE) {
          out.add(line, pieces[0].offset, pieces[0].offset + pieces[0].text.length, `.org 0x${(n >>> 0).toString(16)} is outside the 64 KiB of guest memory (0x0-0xffff)`);
          return at;
        }
        return n;
      }
      default:
        out.add(line, start, end, `unknown directive '${word}'${suggestion(suggest(lower, DIRECTIVES))} (expected one of ${DIRECTIVES.join(' ')})`);
        return at;
    }
    out.addAll(line, errors);
    return at;
  }

  // Constants that referred to later labels.
  for (let progress = true; progress && equs.length > 0; ) {
    progress = false;
    for (let i = 0; i < equs.length; i++) {
      const v = tryEvaluate(equs[i].expr, symbols);
      if (v === undefined) continue;
      symbols.set(equs[i].name, v | 0);
      equs.splice(i--, 1);
      progress = true;
    }
  }
  for (const e of equs) {
    const errors: SyntaxError[] = [];
    evaluate(e.expr, symbols, errors);
    if (errors.length === 0) errors.push({ start: e.expr.start, end: e.expr.end, message: `the value of '${e.name}' depends on itself` });
    out.addAll(e.line, errors);
  }

  // Pass 2: values.
  for (const d of data) {
    const errors: SyntaxError[] = [];
    d.exprs.forEach((expr, i) => {
      const v = evaluate(expr, symbols, errors);
      if (v === undefined) return;
      if (d.size === 1 && (v < -128 || v > 255)) {
        errors.push({ start: expr.start, end: expr.end, message: `.byte value ${v} does not fit in a byte (expected -128..255)` });
        return;
      }
      if (d.size === 1) image[d.address + i] = v & 0xff;
      else new DataView(image.buffer).setInt32(d.address + 4 * i, v | 0, true);
    });
    out.addAll(d.line, errors);
  }
  const listed: ProgramInstruction[] = [];
  const decoded: DecodedFields[] = [];
  const jumpTargets: { line: number; start: number; end: number; target: number }[] = [];
  for (const ins of instructions) {
    const errors: SyntaxError[] = [];
    const resolved: Resolved[] = [];
    for (const op of ins.operands) {
      if (op.kind === 'imm') {
        const v = evaluate(op.expr, symbols, errors);
        resolved.push({ kind: 'imm', value: v ?? 0 });
      } else if (op.kind === 'mem') {
        const v = op.expr ? evaluate(op.expr, symbols, errors) : 0;
        resolved.push({ kind: 'mem', base: op.base, disp: (v ?? 0) | 0 });
      } else resolved.push(op);
    }
    rangeChecks(ins, resolved, errors);
    if (errors.length > 0) {
      out.addAll(ins.line, errors);
      continue;
    }
    if (ins.spec.name === 'call' || ins.spec.name.startsWith('j')) {
      const op = ins.operands[0];
      jumpTargets.push({ line: ins.line, start: op.start, end: op.end, target: (resolved[0] as { value: number }).value >>> 0 });
    }
    listed.push({ address: ins.address, line: ins.line, column: ins.column, mnemonic: ins.mnemonic, text: ins.text, instructionClass: ins.spec.cls });
    decoded.push(encode(ins.spec.name, resolved));
  }
  const starts = new Set(listed.map((i) => i.address));
  for (const j of jumpTargets) {
    if (!starts.has(j.target)) out.add(j.line, j.start, j.end, `jump target 0x${j.target.toString(16)} is not the address of an instruction (executing there raises #UD)`, 'warning');
  }

  const diagnostics = out.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const start = symbols.get('_start');
  const entry = start !== undefined ? start >>> 0 : listed.length > 0 ? listed[0].address : 0;
  return { program: new AssembledProgram(listed, entry, symbols, image, decoded), diagnostics };
}

function rangeChecks(ins: PendingInstruction, resolved: Resolved[], errors: SyntaxError[]): void {
  const check = (i: number, min: number, max: number, what: string) => {
    const r = resolved[i];
    if (r?.kind !== 'imm') return;
    if (r.value < min || r.value > max) {
      const op = ins.operands[i];
      errors.push({ start: op.start, end: op.end, message: `${what} ${r.value} is out of range (expected ${min}..${max})` });
    }
  };
  const name = ins.spec.name;
  if (name === 'in') check(1, 0, 0xffff, 'port');
  else if (name === 'out') check(0, 0, 0xffff, 'port');
  else if (name === 'int') check(0, 0, 255, 'vector');
  else resolved.forEach((r, i) => r.kind === 'imm' && check(i, -0x80000000, 0xffffffff, 'value'));
}

/** `prog.vmasm:12:9: error: message`, the CLI and compiler format. */
export function formatDiagnostic(d: Diagnostic, fileName = 'program.vmasm'): string {
  return `${fileName}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[], fileName = 'program.vmasm'): string {
  return diagnostics.map((d) => formatDiagnostic(d, fileName)).join('\n');
}
