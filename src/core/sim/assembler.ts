/**
 * The assembler: two passes over the source (layout, then values), every error of the file
 * collected with its position, never an exception whatever the input.
 */
import type { AssembleOptions, AssembleResult, Diagnostic, ProgramInstruction } from './api';
import { encode, operandProblem, type Resolved } from './encode';
import { DIRECTIVES, INSTRUCTION_SIZE, MNEMONICS, mnemonicSpec, type MnemonicSpec } from './isa';
import { clip, decodeEscapes, MAX_DIAGNOSTICS, NameSuggester, newWork, SUGGESTION_STEPS_BASE, SUGGESTION_STEPS_PER_CHAR, splitOperands, stripComment, suggest, suggestion, type AssemblyWork, type Piece } from './lexer';
import { evaluate, immediateProblem, IMMEDIATE_MAX, IMMEDIATE_MIN, isRegisterName, outOfRange, parseOperand, printable, registerLike, tryEvaluate, type Expr, type Operand, type SyntaxError } from './operands';
import { AssembledProgram, MEMORY_SIZE, type DecodedFields } from './program';

export { MAX_DIAGNOSTICS, type AssemblyWork } from './lexer';

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

/** A `.equ` whose value needs names defined later; resolved once every label is known. */
interface PendingEqu {
  name: string;
  expr: Expr;
  line: number;
  /** 0-based span of the name in its line. */
  start: number;
  end: number;
  /** While resolving: not yet, being computed (at `depth` on the stack), or done. */
  state: typeof UNSEEN | typeof VISITING | typeof DONE;
  depth: number;
  /** The next term to look at, the sum so far, and whether every term had a value. */
  next: number;
  sum: number;
  ok: boolean;
}

const UNSEEN = 0;
const VISITING = 1;
const DONE = 2;

/** Names shown of a long cycle in its message (the first ones, then the last). */
const CYCLE_NAMES_SHOWN = 6;

class Collector {
  private readonly diagnostics: Diagnostic[] = [];
  /** Where reporting stopped, once MAX_DIAGNOSTICS were reported. */
  private stopped?: Diagnostic;

  get full(): boolean {
    return this.stopped !== undefined;
  }

  add(line: number, start: number, end: number, message: string, severity: 'error' | 'warning' = 'error'): void {
    if (this.stopped) return;
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) {
      this.stopped = { line, column: start + 1, message: `too many errors; stopped reporting after ${MAX_DIAGNOSTICS}`, severity: 'error' };
      return;
    }
    this.diagnostics.push({ line, column: start + 1, endColumn: Math.max(end, start + 1) + 1, message, severity });
  }

  /** In line order, the note that reporting stopped last. */
  sorted(): Diagnostic[] {
    const sorted = this.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
    return this.stopped ? [...sorted, this.stopped] : sorted;
  }

  addAll(line: number, errors: SyntaxError[]): void {
    for (const e of errors) this.add(line, e.start, e.end, e.message);
  }
}

/** The lines of a text one by one, ended by \r\n, \r or \n as everywhere in the extension. */
class LineReader {
  private start = 0;
  private lf: number;
  private cr: number;

  constructor(private readonly text: string) {
    this.lf = text.indexOf('\n');
    this.cr = text.indexOf('\r');
  }

  get done(): boolean {
    return this.start > this.text.length;
  }

  next(): string {
    const { text, start } = this;
    // Each search starts where the last one stopped: one scan of the text in all.
    if (this.lf >= 0 && this.lf < start) this.lf = text.indexOf('\n', start);
    if (this.cr >= 0 && this.cr < start) this.cr = text.indexOf('\r', start);
    const end = this.lf < 0 ? (this.cr < 0 ? text.length : this.cr) : this.cr < 0 ? this.lf : Math.min(this.lf, this.cr);
    this.start = end === text.length ? end + 1 : end + (end === this.cr && this.lf === end + 1 ? 2 : 1);
    return text.slice(start, end);
  }
}

/** A label at the sticky position (several may start a line: `a: b: nop`). */
const LABEL = /\s*([A-Za-z_.][A-Za-z0-9_.]*)\s*:/y;
const WORD = /^\S+/;

/**
 * Which line placed each byte of guest memory, for overlap errors. One table serves every
 * assembly (they never run at the same time), each marking its bytes with its own number, so
 * that a program of one line does not clear 256 KiB: a note with 50,000 tiny programs is
 * checked in a blink.
 */
class Ownership {
  private stamps?: Int32Array;
  private lines?: Int32Array;
  private current = 0;

  /** Starts an assembly: every byte free. */
  begin(): void {
    if (!this.stamps) {
      this.stamps = new Int32Array(MEMORY_SIZE);
      this.lines = new Int32Array(MEMORY_SIZE);
    }
    if (++this.current === 0x7fffffff) {
      this.stamps.fill(0);
      this.current = 1;
    }
  }

  /** The line that placed `address` in this assembly, or 0. */
  ownerOf(address: number): number {
    return this.stamps![address] === this.current ? this.lines![address] : 0;
  }

  take(address: number, size: number, line: number): void {
    this.stamps!.fill(this.current, address, address + size);
    this.lines!.fill(line, address, address + size);
  }
}

const ownership = new Ownership();

/** Assembles a guest program. Never throws. */
export function assemble(source: string, _options: AssembleOptions = {}): AssembleResult {
  return assembleCounted(source, newWork());
}

/**
 * The diagnostics alone, as the editor wants them after each pause in typing: the same as
 * `assemble(source).diagnostics`, without building the program (its tables of 64 Ki entries).
 */
export function diagnoseProgram(source: string): Diagnostic[] {
  return assembleCounted(source, newWork(), false).diagnostics;
}

/** `assemble`, adding its work to `work` (for tests and benchmarks that bound the cost in operations). */
export function assembleCounted(source: string, work: AssemblyWork, build = true): AssembleResult {
  try {
    return assembleUnsafe(typeof source === 'string' ? source : String(source), work, build);
  } catch (e) {
    // Defensive: a bug here must show as a diagnostic, not break the editor or the CLI.
    return { diagnostics: [{ line: 1, column: 1, message: `internal assembler error: ${e instanceof Error ? e.message : String(e)}`, severity: 'error' }] };
  }
}

function assembleUnsafe(source: string, work: AssemblyWork, build: boolean): AssembleResult {
  const out = new Collector();
  const symbols = new Map<string, number>();
  const symbolLines = new Map<string, number>();
  /** Initial memory, made when the first byte of data is placed. */
  let image: Uint8Array | undefined;
  const memory = () => (image ??= new Uint8Array(MEMORY_SIZE));
  ownership.begin();
  const instructions: PendingInstruction[] = [];
  const data: PendingData[] = [];
  const equs = new Map<string, PendingEqu>();
  /** Constants in a definition cycle, with the message naming the cycle. */
  const cyclic = new Map<string, string>();
  let lc = 0;

  const define = (name: string, value: number, line: number, start: number, end: number): void => {
    const before = symbolLines.get(name);
    if (before !== undefined) out.add(line, start, end, `'${clip(name)}' is already defined at line ${before}`);
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
      const owner = ownership.ownerOf(address + i);
      if (owner !== 0) {
        out.add(line, start, end, `overlaps code or data of line ${owner} at 0x${(address + i).toString(16)} (check .org)`);
        return false;
      }
    }
    ownership.take(address, size, line);
    return true;
  };

  // One pass over the lines, cut as they are reached: reading stops with the reports, so that
  // the comments after 500 bad lines are never even looked at.
  work.lineSplits++;
  const lines = new LineReader(source);
  for (let lineNo = 1; !lines.done && !out.full; lineNo++) {
    const raw = lines.next();
    work.linesRead++;
    if (raw === '') continue;
    const code = stripComment(raw);
    let offset = 0;
    // Labels, possibly several, before the statement (matched in place: no copy per label).
    for (;;) {
      LABEL.lastIndex = offset;
      const m = LABEL.exec(code);
      if (!m) break;
      const name = m[1];
      const start = offset + m[0].indexOf(name);
      const end = start + name.length;
      if (name.startsWith('.') && DIRECTIVES.includes(name.toLowerCase())) break;
      if (isRegisterName(name)) {
        out.add(lineNo, start, end, `'${name}' is a register name and cannot be a label`);
      } else define(name, lc, lineNo, start, end);
      offset += m[0].length;
    }
    const text = offset === 0 ? code : code.slice(offset);
    const body = text.trim();
    if (body === '') continue;
    const lead = text.indexOf(body[0]);
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
      out.add(lineNo, bodyStart, bodyStart + name.length, `label '${clip(name)}' must not start with a digit (labels use letters, digits, _ and .)`);
      continue;
    }
    if (!spec) {
      if (/^[A-Za-z_.][A-Za-z0-9_.]*$/.test(word) && restText.trim() === '' && !raw.includes(':')) {
        const near = suggest(word, MNEMONICS, true, work);
        out.add(lineNo, bodyStart, wordEnd, `unknown mnemonic '${clip(word)}'${near ? suggestion(near) : ` (a label needs a colon: '${clip(word)}:')`}`);
      } else {
        const dot = DIRECTIVES.find((d) => d.slice(1) === lower);
        const near = dot ?? suggest(word, MNEMONICS, true, work);
        out.add(lineNo, bodyStart, wordEnd, `unknown mnemonic '${[...clip(word)].map(printable).join('')}'${suggestion(near)}`);
      }
      continue;
    }
    const errors: SyntaxError[] = [];
    const operands: Operand[] = [];
    if (restText.trim() !== '') {
      for (const piece of splitOperands(restText, restOffset)) {
        if (errors.length > MAX_DIAGNOSTICS) break;
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

  /** Reports that a directive expects other arguments; the location counter, unchanged. */
  function expected(line: number, start: number, end: number, lower: string, syntax: string, at: number): number {
    out.add(line, start, end, `'${lower}' expects ${syntax}`);
    return at;
  }

  /** The value of a directive's argument, which must be known in pass 1 (numbers and constants defined above). */
  function constant(piece: { text: string; offset: number }, what: string, errors: SyntaxError[]): number | undefined {
    const op = parseOperand(piece.text, piece.offset, errors);
    if (!op) return undefined;
    if (op.kind !== 'imm') {
      errors.push({ start: op.start, end: op.end, message: `${what} must be a number or constant` });
      return undefined;
    }
    const v = tryEvaluate(op.expr, symbols, work);
    if (v === undefined) errors.push({ start: op.start, end: op.end, message: `${what} must be known here (use numbers or constants defined above)` });
    return v;
  }

  function directive(lower: string, word: string, rest: string, restOffset: number, line: number, start: number, end: number, at: number): number {
    const pieces = rest.trim() === '' ? [] : splitOperands(rest, restOffset);
    const errors: SyntaxError[] = [];
    switch (lower) {
      case '.equ': {
        if (!argumentsFit(pieces, 2, 2)) return expected(line, start, end, lower, 'a name and a value (.equ NAME, value)', at);
        const name = pieces[0].text;
        const nameStart = pieces[0].offset;
        const nameEnd = nameStart + name.length;
        if (!/^[A-Za-z_.][A-Za-z0-9_.]*$/.test(name)) {
          out.add(line, nameStart, nameEnd, `'${clip(name)}' is not a valid name (letters, digits, _ and ., not starting with a digit)`);
          return at;
        }
        if (isRegisterName(name) || registerLike(name)) {
          out.add(line, nameStart, nameEnd, `'${clip(name)}' is a register name and cannot be a constant`);
          return at;
        }
        const before = symbolLines.get(name);
        if (before !== undefined) {
          out.add(line, nameStart, nameEnd, `'${clip(name)}' is already defined at line ${before}`);
          return at;
        }
        // Defined from here on, even if its value is wrong: uses then say so instead of "unknown".
        symbolLines.set(name, line);
        const op = parseOperand(pieces[1].text, pieces[1].offset, errors);
        if (op && op.kind !== 'imm') errors.push({ start: op.start, end: op.end, message: `the value of '.equ' must be a number, label or constant expression` });
        else if (op) {
          const v = tryEvaluate(op.expr, symbols, work);
          if (v === undefined) equs.set(name, { name, expr: op.expr, line, start: nameStart, end: nameEnd, state: UNSEEN, depth: 0, next: 0, sum: 0, ok: true });
          else {
            // Kept exact, not wrapped: `mov` refuses what a constant would otherwise hide.
            const problem = immediateProblem(v);
            if (problem) errors.push({ start: op.start, end: op.end, message: problem });
            else symbols.set(name, v);
          }
        }
        break;
      }
      case '.word':
      case '.byte': {
        if (!argumentsFit(pieces, 1, Infinity)) return expected(line, start, end, lower, `one or more values (${lower} v[, v...])`, at);
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
        if (claim(at, bytes.length, line, start, end)) memory().set(bytes, at);
        return at + bytes.length;
      }
      case '.space': {
        if (!argumentsFit(pieces, 1, 1)) return expected(line, start, end, lower, 'a byte count (.space n)', at);
        const n = constant(pieces[0], 'the size of .space', errors);
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
        if (!argumentsFit(pieces, 1, 1)) return expected(line, start, end, lower, 'an alignment in bytes (.align n)', at);
        const n = constant(pieces[0], 'the alignment', errors);
        out.addAll(line, errors);
        if (n === undefined) return at;
        if (n <= 0 || n > MEMORY_SIZE) {
          out.add(line, pieces[0].offset, pieces[0].offset + pieces[0].text.length, `.align needs a positive number of bytes, got ${n}`);
          return at;
        }
        return Math.ceil(at / n) * n;
      }
      case '.org': {
        if (!argumentsFit(pieces, 1, 1)) return expected(line, start, end, lower, 'an address (.org addr)', at);
        const n = constant(pieces[0], 'the address of .org', errors);
        out.addAll(line, errors);
        if (n === undefined) return at;
        if (n < 0 || n >= MEMORY_SIZE) {
          out.add(line, pieces[0].offset, pieces[0].offset + pieces[0].text.length, `.org 0x${(n >>> 0).toString(16)} is outside the 64 KiB of guest memory (0x0-0xffff)`);
          return at;
        }
        return n;
      }
      default:
        out.add(line, start, end, `unknown directive '${clip(word)}'${suggestion(suggest(lower, DIRECTIVES, true, work))} (expected one of ${DIRECTIVES.join(' ')})`);
        return at;
    }
    out.addAll(line, errors);
    return at;
  }

  /**
   * Gives each pending `.equ` its value, depth first with memoization, so that a chain of n
   * forward definitions costs O(n) (not one definition per pass over all of them). Iterative: a
   * chain of 100,000 constants must not overflow the call stack. A name met again while its own
   * value is being computed closes a cycle, reported as such on each constant in it.
   */
  function resolveConstants(): void {
    const stack: PendingEqu[] = [];
    const enter = (equ: PendingEqu) => {
      equ.state = VISITING;
      equ.depth = stack.length;
      stack.push(equ);
    };
    for (const root of equs.values()) {
      if (root.state !== UNSEEN) continue;
      enter(root);
      while (stack.length > 0) {
        const f = stack[stack.length - 1];
        const terms = f.expr.terms;
        if (f.next < terms.length) {
          const term = terms[f.next];
          work.exprTerms++;
          const v = term.symbol === undefined ? term.value : symbols.get(term.symbol);
          if (v !== undefined) {
            f.sum += term.sign * v;
            f.next++;
            continue;
          }
          const dep = equs.get(term.symbol!);
          if (dep?.state === UNSEEN) {
            enter(dep); // this term is looked at again once `dep` is done
            continue;
          }
          if (dep?.state === VISITING) markCycle(stack, dep.depth);
          f.ok = false;
          f.next++;
          continue;
        }
        stack.pop();
        f.state = DONE;
        const problem = f.ok ? immediateProblem(f.sum) : undefined;
        if (f.ok && !problem) symbols.set(f.name, f.sum);
        else if (problem) out.add(f.line, f.expr.start, f.expr.end, problem);
      }
    }
    // In source order, as everything else is reported.
    for (const e of equs.values()) {
      if (e.ok || out.full) continue;
      const cycle = cyclic.get(e.name);
      if (cycle !== undefined) out.add(e.line, e.start, e.end, cycle);
      const errors: SyntaxError[] = [];
      // In a cycle, names of the cycle are not news; names never defined still are.
      evaluate(e.expr, symbols, errors, cycle === undefined ? explain : explainUndefined, work);
      if (cycle === undefined && errors.length === 0 && !out.full) errors.push({ start: e.start, end: e.end, message: `the value of '${clip(e.name)}' cannot be computed` });
      out.addAll(e.line, errors);
    }
  }

  function explainUndefined(name: string): string | undefined {
    return symbolLines.has(name) ? undefined : explain(name);
  }

  /** Marks stack[from..] as a cycle; walks down from the top only to the first constant already marked, so marking stays linear. */
  function markCycle(stack: readonly PendingEqu[], from: number): void {
    const length = stack.length - from;
    const names: string[] = [];
    const at = (k: number) => `'${clip(stack[from + k].name)}'`;
    if (length <= CYCLE_NAMES_SHOWN + 1) for (let k = 0; k < length; k++) names.push(at(k));
    else {
      for (let k = 0; k < CYCLE_NAMES_SHOWN - 1; k++) names.push(at(k));
      names.push('…', at(length - 1));
    }
    names.push(at(0));
    const message = `circular definition: ${names.join(' → ')}${length > CYCLE_NAMES_SHOWN + 1 ? ` (${length} constants)` : ''}`;
    for (let k = stack.length - 1; k >= from && !cyclic.has(stack[k].name); k--) cyclic.set(stack[k].name, message);
  }

  // Every name is known from here on.
  const suggester = new NameSuggester(symbolLines.keys(), work, SUGGESTION_STEPS_BASE + SUGGESTION_STEPS_PER_CHAR * source.length);
  resolveConstants();

  /** Why a name used in pass 2 has no value. */
  function explain(name: string): string | undefined {
    if (out.full) return undefined;
    const cycle = cyclic.get(name);
    if (cycle !== undefined) return `'${clip(name)}' has no value: ${cycle}`;
    const line = symbolLines.get(name);
    if (line !== undefined) return `'${clip(name)}' has no value: its definition at line ${line} has an error`;
    return `unknown label or constant '${clip(name)}'${suggester.hint(name)}`;
  }

  // Pass 2: values.
  const view = data.length > 0 ? new DataView(memory().buffer) : undefined;
  for (const d of data) {
    if (out.full) break;
    const errors: SyntaxError[] = [];
    d.exprs.forEach((expr, i) => {
      const v = evaluate(expr, symbols, errors, explain, work);
      if (v === undefined) return;
      if (d.size === 1 && (v < -128 || v > 255)) {
        errors.push({ start: expr.start, end: expr.end, message: `.byte value ${v} does not fit in a byte (expected -128..255)` });
        return;
      }
      const problem = d.size === 4 ? immediateProblem(v) : undefined;
      if (problem) errors.push({ start: expr.start, end: expr.end, message: problem });
      else if (d.size === 1) memory()[d.address + i] = v & 0xff;
      else view!.setInt32(d.address + 4 * i, v | 0, true);
    });
    out.addAll(d.line, errors);
  }
  const listed: ProgramInstruction[] = [];
  const decoded: DecodedFields[] = [];
  const jumpTargets: { line: number; start: number; end: number; target: number }[] = [];
  for (const ins of instructions) {
    if (out.full) break;
    const errors: SyntaxError[] = [];
    const resolved: Resolved[] = [];
    for (const op of ins.operands) {
      if (op.kind === 'imm') {
        const v = evaluate(op.expr, symbols, errors, explain, work);
        resolved.push({ kind: 'imm', value: v ?? 0 });
      } else if (op.kind === 'mem') {
        const v = op.expr ? evaluate(op.expr, symbols, errors, explain, work) : 0;
        // A displacement is a value written like any other: the same rule, no silent wrap.
        const problem = v === undefined ? undefined : immediateProblem(v);
        if (problem && op.expr) errors.push({ start: op.expr.start, end: op.expr.end, message: problem });
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
    if (build) decoded.push(encode(ins.spec.name, resolved));
  }
  const starts = new Set(listed.map((i) => i.address));
  for (const j of jumpTargets) {
    if (!starts.has(j.target)) out.add(j.line, j.start, j.end, `jump target 0x${j.target.toString(16)} is not the address of an instruction (executing there raises #UD)`, 'warning');
  }

  const diagnostics = out.sorted();
  if (!build || diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const start = symbols.get('_start');
  const entry = start !== undefined ? start >>> 0 : listed.length > 0 ? listed[0].address : 0;
  return { program: new AssembledProgram(listed, entry, symbols, memory(), decoded), diagnostics };
}

/** Between min and max arguments, none of them empty. */
function argumentsFit(pieces: readonly Piece[], min: number, max: number): boolean {
  if (pieces.length < min || pieces.length > max) return false;
  for (const p of pieces) if (p.text === '') return false;
  return true;
}

function rangeChecks(ins: PendingInstruction, resolved: Resolved[], errors: SyntaxError[]): void {
  const check = (i: number, min: number, max: number, what: string) => {
    const r = resolved[i];
    if (r?.kind !== 'imm') return;
    const problem = outOfRange(what, r.value, min, max);
    if (problem) errors.push({ start: ins.operands[i].start, end: ins.operands[i].end, message: problem });
  };
  const name = ins.spec.name;
  if (name === 'in') check(1, 0, 0xffff, 'port');
  else if (name === 'out') check(0, 0, 0xffff, 'port');
  else if (name === 'int') check(0, 0, 255, 'vector');
  else resolved.forEach((r, i) => r.kind === 'imm' && check(i, IMMEDIATE_MIN, IMMEDIATE_MAX, 'value'));
}

/** `prog.vmasm:12:9: error: message`, the CLI and compiler format. */
export function formatDiagnostic(d: Diagnostic, fileName = 'program.vmasm'): string {
  return `${fileName}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[], fileName = 'program.vmasm'): string {
  return diagnostics.map((d) => formatDiagnostic(d, fileName)).join('\n');
}
