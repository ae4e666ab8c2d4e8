/**
 * The assembler: two passes over the source (layout, then values), every error of the file
 * collected with its position, never an exception whatever the input.
 */
import type { AssembleOptions, AssembleResult, Diagnostic, ProgramInstruction } from './api';
import { encode, operandProblem, type Resolved } from './encode';
import { DIRECTIVES, INSTRUCTION_SIZE, MNEMONICS, mnemonicSpec, type MnemonicSpec } from './isa';
import { clip, decodeEscapes, MAX_DIAGNOSTICS, newWork, splitOperands, stripComment, type AssemblyWork, type Piece } from './lexer';
import { NameSuggester, SUGGESTION_STEPS_BASE, SUGGESTION_STEPS_PER_CHAR, suggest, suggestion } from './suggestions';
import { evaluate, immediateProblem, IMMEDIATE_MAX, IMMEDIATE_MIN, isRegisterName, outOfRange, parseOperand, printable, registerLike, tryEvaluate, type Explainer, type Expr, type Operand, type SyntaxError } from './operands';
import { AssembledProgram, MEMORY_SIZE, type DecodedFields } from './program';
import { Collector, LineReader, ownership } from './bookkeeping';

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

/** No word longer than this is a mnemonic. */
const LONGEST_MNEMONIC = Math.max(...MNEMONICS.map((m) => m.length));

/** A label at the sticky position (several may start a line: `a: b: nop`). */
const LABEL = /\s*([A-Za-z_.][A-Za-z0-9_.]*)\s*:/y;
const WORD = /^\S+/;

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

/**
 * `assemble`, adding its work to `work` (for tests and benchmarks that bound the cost in
 * operations); without `build`, only the diagnostics.
 */
export function assembleCounted(source: string, work: AssemblyWork, build = true): AssembleResult {
  try {
    return new Assembly(typeof source === 'string' ? source : String(source), work, build).run();
  } catch (e) {
    // Defensive: a bug here must show as a diagnostic, not break the editor or the CLI.
    return { diagnostics: [{ line: 1, column: 1, message: `internal assembler error: ${e instanceof Error ? e.message : String(e)}`, severity: 'error' }] };
  }
}

/**
 * One assembly: pass 1 (layout: labels, directives, instructions placed), the resolution of
 * forward `.equ` constants, then pass 2 (values). Its steps are methods, not closures made anew
 * for each program (a note may hold thousands of small programs).
 */
class Assembly implements Explainer {
  private readonly out = new Collector();
  private readonly symbols = new Map<string, number>();
  /** Line of each defined name, whether or not it got a value. */
  private readonly symbolLines = new Map<string, number>();
  /** Initial memory, made when the first byte of data is placed. */
  private image?: Uint8Array;
  private readonly instructions: PendingInstruction[] = [];
  private readonly data: PendingData[] = [];
  private readonly equs = new Map<string, PendingEqu>();
  /** Constants in a definition cycle, with the message naming the cycle. */
  private readonly cyclic = new Map<string, string>();
  private suggester?: NameSuggester;
  /** While reporting a cycle: names that are defined are not news. */
  private onlyUndefined = false;
  /** The location counter. */
  private lc = 0;

  constructor(
    private readonly source: string,
    private readonly work: AssemblyWork,
    private readonly build: boolean,
  ) {}

  run(): AssembleResult {
    ownership.begin();
    this.layout();
    // Every name is known from here on.
    this.suggester = new NameSuggester(this.symbolLines.keys(), this.work, SUGGESTION_STEPS_BASE + SUGGESTION_STEPS_PER_CHAR * this.source.length);
    this.resolveConstants();
    this.placeData();
    const { listed, decoded } = this.resolveInstructions();
    const diagnostics = this.out.sorted();
    if (!this.build || diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
    const start = this.symbols.get('_start');
    const entry = start !== undefined ? start >>> 0 : listed.length > 0 ? listed[0].address : 0;
    return { program: new AssembledProgram(listed, entry, this.symbols, this.memory(), decoded), diagnostics };
  }

  /**
   * Pass 1, one pass over the lines, cut as they are reached: reading stops with the reports, so
   * that the comments after 500 bad lines are never even looked at.
   */
  private layout(): void {
    const { out, work } = this;
    work.lineSplits++;
    const lines = new LineReader(this.source);
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
        } else this.define(name, this.lc, lineNo, start, end);
        offset += m[0].length;
      }
      const text = offset === 0 ? code : code.slice(offset);
      const body = text.trim();
      if (body === '') continue;
      const bodyStart = offset + text.indexOf(body[0]);
      const word = WORD.exec(body)![0];
      const wordEnd = bodyStart + word.length;
      const restText = body.slice(word.length);
      const lower = word.toLowerCase();
      if (word.startsWith('.')) this.lc = this.directive(lower, word, restText, wordEnd, lineNo, bodyStart, wordEnd, this.lc);
      else this.instruction(raw, body, word, lower, restText, lineNo, bodyStart, wordEnd);
    }
  }

  private instruction(raw: string, body: string, word: string, lower: string, restText: string, lineNo: number, bodyStart: number, wordEnd: number): void {
    const { out, work } = this;
    // A word longer than every mnemonic is not one (and is not lower-cased again to find out).
    const spec = word.length <= LONGEST_MNEMONIC ? mnemonicSpec(word) : undefined;
    if (!spec && /^[0-9][A-Za-z0-9_.]*:/.test(body)) {
      const name = body.slice(0, body.indexOf(':'));
      out.add(lineNo, bodyStart, bodyStart + name.length, `label '${clip(name)}' must not start with a digit (labels use letters, digits, _ and .)`);
      return;
    }
    if (!spec && /^[^\s:;#]+:/.test(body)) {
      // Looks like a label definition with a character labels cannot hold ('café:', '🚀:').
      const name = body.slice(0, body.indexOf(':'));
      out.add(lineNo, bodyStart, bodyStart + name.length, `invalid label '${[...clip(name)].map(printable).join('')}' (labels use the letters a-z and A-Z, digits, _ and .)`);
      return;
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
      return;
    }
    const errors: SyntaxError[] = [];
    const operands: Operand[] = [];
    if (restText.trim() !== '') {
      for (const piece of splitOperands(restText, wordEnd)) {
        if (errors.length > MAX_DIAGNOSTICS) break;
        if (piece.text === '') {
          errors.push({ start: piece.offset, end: piece.offset + 1, message: `missing operand between commas (expected ${spec.syntax})` });
          continue;
        }
        const op = parseOperand(piece.text, piece.offset, errors);
        if (op) operands.push(op);
      }
    }
    const address = this.lc;
    this.lc += INSTRUCTION_SIZE;
    if (errors.length > 0) {
      out.addAll(lineNo, errors);
      return;
    }
    const problem = operandProblem(spec, operands.map((o) => o.kind));
    if (problem) {
      const target = problem.index >= 0 ? operands[problem.index] : undefined;
      out.add(lineNo, target ? target.start : bodyStart, target ? target.end : bodyStart + body.length, problem.message);
    }
    if (this.claim(address, INSTRUCTION_SIZE, lineNo, bodyStart, wordEnd) && !problem) {
      this.instructions.push({ spec, mnemonic: lower, operands, address, line: lineNo, column: bodyStart + 1, text: body });
    }
  }

  private memory(): Uint8Array {
    return (this.image ??= new Uint8Array(MEMORY_SIZE));
  }

  private define(name: string, value: number, line: number, start: number, end: number): void {
    const before = this.symbolLines.get(name);
    if (before !== undefined) this.out.add(line, start, end, `'${clip(name)}' is already defined at line ${before}`);
    else {
      this.symbols.set(name, value);
      this.symbolLines.set(name, line);
    }
  }

  /** Claims [address, address+size) for `line`; false (with an error) when outside RAM or overlapping. */
  private claim(address: number, size: number, line: number, start: number, end: number): boolean {
    if (size === 0) return true;
    if (address < 0 || address + size > MEMORY_SIZE) {
      this.out.add(line, start, end, `address 0x${(address >>> 0).toString(16)} is outside the 64 KiB of guest memory (0x0-0xffff)`);
      return false;
    }
    for (let i = 0; i < size; i++) {
      const owner = ownership.ownerOf(address + i);
      if (owner !== 0) {
        this.out.add(line, start, end, `overlaps code or data of line ${owner} at 0x${(address + i).toString(16)} (check .org)`);
        return false;
      }
    }
    ownership.take(address, size, line);
    return true;
  }

  /** Reports that a directive expects other arguments; the location counter, unchanged. */
  private expected(line: number, start: number, end: number, lower: string, syntax: string, at: number): number {
    this.out.add(line, start, end, `'${lower}' expects ${syntax}`);
    return at;
  }

  /** The value of a directive's argument, which must be known in pass 1 (numbers and constants defined above). */
  private constant(piece: Piece, what: string, errors: SyntaxError[]): number | undefined {
    const op = parseOperand(piece.text, piece.offset, errors);
    if (!op) return undefined;
    if (op.kind !== 'imm') {
      errors.push({ start: op.start, end: op.end, message: `${what} must be a number or constant` });
      return undefined;
    }
    const v = tryEvaluate(op.expr, this.symbols, this.work);
    if (v === undefined) errors.push({ start: op.start, end: op.end, message: `${what} must be known here (use numbers or constants defined above)` });
    return v;
  }

  /** A directive at `at`; returns the location counter after it. */
  private directive(lower: string, word: string, rest: string, restOffset: number, line: number, start: number, end: number, at: number): number {
    const { out, symbols, symbolLines, work } = this;
    const pieces = rest.trim() === '' ? [] : splitOperands(rest, restOffset);
    const errors: SyntaxError[] = [];
    switch (lower) {
      case '.equ': {
        if (!argumentsFit(pieces, 2, 2)) return this.expected(line, start, end, lower, 'a name and a value (.equ NAME, value)', at);
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
          if (v === undefined) this.equs.set(name, { name, expr: op.expr, line, start: nameStart, end: nameEnd, state: UNSEEN, depth: 0, next: 0, sum: 0, ok: true });
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
        if (!argumentsFit(pieces, 1, Infinity)) return this.expected(line, start, end, lower, `one or more values (${lower} v[, v...])`, at);
        const size = lower === '.word' ? 4 : 1;
        const exprs: Expr[] = [];
        for (const piece of pieces) {
          const op = parseOperand(piece.text, piece.offset, errors);
          if (op && op.kind !== 'imm') errors.push({ start: op.start, end: op.end, message: `${lower} values must be numbers, labels or constants` });
          else if (op) exprs.push(op.expr);
        }
        out.addAll(line, errors);
        if (errors.length === 0 && this.claim(at, size * exprs.length, line, start, end)) this.data.push({ exprs, address: at, size, line });
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
        if (this.claim(at, bytes.length, line, start, end)) this.memory().set(bytes, at);
        return at + bytes.length;
      }
      case '.space': {
        if (!argumentsFit(pieces, 1, 1)) return this.expected(line, start, end, lower, 'a byte count (.space n)', at);
        const n = this.constant(pieces[0], 'the size of .space', errors);
        out.addAll(line, errors);
        if (n === undefined) return at;
        if (n < 0 || at + n > MEMORY_SIZE) {
          out.add(line, pieces[0].offset, pieces[0].offset + pieces[0].text.length, `.space ${n} does not fit in the 64 KiB of guest memory`);
          return at;
        }
        this.claim(at, n, line, start, end);
        return at + n;
      }
      case '.align': {
        if (!argumentsFit(pieces, 1, 1)) return this.expected(line, start, end, lower, 'an alignment in bytes (.align n)', at);
        const n = this.constant(pieces[0], 'the alignment', errors);
        out.addAll(line, errors);
        if (n === undefined) return at;
        if (n <= 0 || n > MEMORY_SIZE) {
          out.add(line, pieces[0].offset, pieces[0].offset + pieces[0].text.length, `.align needs a positive number of bytes, got ${n}`);
          return at;
        }
        return Math.ceil(at / n) * n;
      }
      case '.org': {
        if (!argumentsFit(pieces, 1, 1)) return this.expected(line, start, end, lower, 'an address (.org addr)', at);
        const n = this.constant(pieces[0], 'the address of .org', errors);
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
  private resolveConstants(): void {
    const { equs, symbols, work, out } = this;
    const stack: PendingEqu[] = [];
    for (const root of equs.values()) {
      if (root.state !== UNSEEN) continue;
      enter(stack, root);
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
            enter(stack, dep); // this term is looked at again once `dep` is done
            continue;
          }
          if (dep?.state === VISITING) this.markCycle(stack, dep.depth);
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
      const cycle = this.cyclic.get(e.name);
      if (cycle !== undefined) out.add(e.line, e.start, e.end, cycle);
      const errors: SyntaxError[] = [];
      // In a cycle, names of the cycle are not news; names never defined still are.
      this.onlyUndefined = cycle !== undefined;
      evaluate(e.expr, symbols, errors, this, work);
      this.onlyUndefined = false;
      if (cycle === undefined && errors.length === 0 && !out.full) errors.push({ start: e.start, end: e.end, message: `the value of '${clip(e.name)}' cannot be computed` });
      out.addAll(e.line, errors);
    }
  }

  /** Marks stack[from..] as a cycle; walks down from the top only to the first constant already marked, so marking stays linear. */
  private markCycle(stack: readonly PendingEqu[], from: number): void {
    const length = stack.length - from;
    const shown = length <= CYCLE_NAMES_SHOWN + 1 ? [...Array(length).keys()] : [...Array(CYCLE_NAMES_SHOWN - 1).keys(), -1, length - 1];
    const names = shown.map((k) => (k < 0 ? '…' : `'${clip(stack[from + k].name)}'`));
    names.push(`'${clip(stack[from].name)}'`);
    const message = `circular definition: ${names.join(' → ')}${length > CYCLE_NAMES_SHOWN + 1 ? ` (${length} constants)` : ''}`;
    for (let k = stack.length - 1; k >= from && !this.cyclic.has(stack[k].name); k--) this.cyclic.set(stack[k].name, message);
  }

  /** Why a name has no value (`Explainer`): circular, defined with an error, or unknown. */
  explain(name: string): string | undefined {
    if (this.out.full) return undefined;
    const line = this.symbolLines.get(name);
    if (this.onlyUndefined && line !== undefined) return undefined;
    const cycle = this.cyclic.get(name);
    if (cycle !== undefined) return `'${clip(name)}' has no value: ${cycle}`;
    if (line !== undefined) return `'${clip(name)}' has no value: its definition at line ${line} has an error`;
    return `unknown label or constant '${clip(name)}'${this.suggester!.hint(name)}`;
  }

  /** Pass 2 for `.word` and `.byte`. */
  private placeData(): void {
    const { out, data } = this;
    const view = data.length > 0 ? new DataView(this.memory().buffer) : undefined;
    for (const d of data) {
      if (out.full) break;
      const errors: SyntaxError[] = [];
      for (let i = 0; i < d.exprs.length; i++) {
        const expr = d.exprs[i];
        const v = evaluate(expr, this.symbols, errors, this, this.work);
        if (v === undefined) continue;
        if (d.size === 1 && (v < -128 || v > 255)) {
          errors.push({ start: expr.start, end: expr.end, message: `.byte value ${v} does not fit in a byte (expected -128..255)` });
          continue;
        }
        const problem = d.size === 4 ? immediateProblem(v) : undefined;
        if (problem) errors.push({ start: expr.start, end: expr.end, message: problem });
        else if (d.size === 1) this.memory()[d.address + i] = v & 0xff;
        else view!.setInt32(d.address + 4 * i, v | 0, true);
      }
      out.addAll(d.line, errors);
    }
  }

  /** Pass 2 for instructions: operand values, range checks, pre-decoding, jump targets. */
  private resolveInstructions(): { listed: ProgramInstruction[]; decoded: DecodedFields[] } {
    const { out, symbols, work } = this;
    const listed: ProgramInstruction[] = [];
    const decoded: DecodedFields[] = [];
    const jumpTargets: { line: number; start: number; end: number; target: number }[] = [];
    for (const ins of this.instructions) {
      if (out.full) break;
      const errors: SyntaxError[] = [];
      const resolved: Resolved[] = [];
      for (const op of ins.operands) {
        if (op.kind === 'imm') {
          const v = evaluate(op.expr, symbols, errors, this, work);
          resolved.push({ kind: 'imm', value: v ?? 0 });
        } else if (op.kind === 'mem') {
          const v = op.expr ? evaluate(op.expr, symbols, errors, this, work) : 0;
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
      if (this.build) decoded.push(encode(ins.spec.name, resolved));
    }
    const starts = new Set(listed.map((i) => i.address));
    for (const j of jumpTargets) {
      if (!starts.has(j.target)) out.add(j.line, j.start, j.end, `jump target 0x${j.target.toString(16)} is not the address of an instruction (executing there raises #UD)`, 'warning');
    }
    return { listed, decoded };
  }
}

/** Pushes `equ` on the resolution stack. */
function enter(stack: PendingEqu[], equ: PendingEqu): void {
  equ.state = VISITING;
  equ.depth = stack.length;
  stack.push(equ);
}

/** Between min and max arguments, none of them empty. */
function argumentsFit(pieces: readonly Piece[], min: number, max: number): boolean {
  if (pieces.length < min || pieces.length > max) return false;
  for (const p of pieces) if (p.text === '') return false;
  return true;
}

function rangeChecks(ins: PendingInstruction, resolved: Resolved[], errors: SyntaxError[]): void {
  const name = ins.spec.name;
  if (name === 'in') checkRange(ins, resolved, 1, 0, 0xffff, 'port', errors);
  else if (name === 'out') checkRange(ins, resolved, 0, 0, 0xffff, 'port', errors);
  else if (name === 'int') checkRange(ins, resolved, 0, 0, 255, 'vector', errors);
  else for (let i = 0; i < resolved.length; i++) checkRange(ins, resolved, i, IMMEDIATE_MIN, IMMEDIATE_MAX, 'value', errors);
}

/** An error when immediate operand `i` lies outside min..max. */
function checkRange(ins: PendingInstruction, resolved: Resolved[], i: number, min: number, max: number, what: string, errors: SyntaxError[]): void {
  const r = resolved[i];
  if (r?.kind !== 'imm') return;
  const problem = outOfRange(what, r.value, min, max);
  if (problem) errors.push({ start: ins.operands[i].start, end: ins.operands[i].end, message: problem });
}

/** `prog.vmasm:12:9: error: message`, the CLI and compiler format. */
export function formatDiagnostic(d: Diagnostic, fileName = 'program.vmasm'): string {
  return `${fileName}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[], fileName = 'program.vmasm'): string {
  return diagnostics.map((d) => formatDiagnostic(d, fileName)).join('\n');
}
