/** Operand and expression syntax of the assembler: tokens, registers, `[reg±expr]`, `a+b`. */
import { clip, decodeEscapes, MAX_DIAGNOSTICS, type AssemblyWork } from './lexer';
import { SP } from './isa';
import { ZERO_REG } from './program';

export interface Token {
  type: 'id' | 'num' | 'punct';
  text: string;
  /** 0-based offset in the line. */
  start: number;
  end: number;
  value: number;
}

/** An error at a 0-based span of the line. */
export interface SyntaxError {
  start: number;
  end: number;
  message: string;
}

export interface ExprTerm {
  sign: 1 | -1;
  /** A literal value, or a symbol resolved later. */
  value?: number;
  symbol?: string;
  start: number;
  end: number;
}

export interface Expr {
  terms: ExprTerm[];
  start: number;
  end: number;
}

export type Operand =
  | { kind: 'reg'; reg: number; start: number; end: number }
  | { kind: 'cs'; start: number; end: number }
  | { kind: 'cr'; cr: 0 | 2 | 3; start: number; end: number }
  | { kind: 'imm'; expr: Expr; start: number; end: number }
  | { kind: 'mem'; base: number; expr?: Expr; start: number; end: number };

const REGISTER_INDEX = new Map<string, number>([
  ['r0', 0], ['r1', 1], ['r2', 2], ['r3', 3], ['r4', 4], ['r5', 5], ['r6', 6], ['r7', 7], ['sp', SP],
]);

/** Register file index of a general register name (case-insensitive), or undefined. */
export function registerIndex(name: string): number | undefined {
  return REGISTER_INDEX.get(name.toLowerCase());
}

export const REGISTER_NAMES = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'sp'];

/** Every name `registerIndex`, cs, cr0/cr2/cr3 or `registerLike` recognizes has this shape. */
const REGISTER_SHAPED = /^(?:c?r\d+|e?[abcd]x|e?(?:si|di|bp|sp|ip)|pc|rsp|[cdefgs]s)$/i;

/** A register the machine has: r0-r7, sp, cs, cr0, cr2, cr3 (any case). */
export function isRegisterName(name: string): boolean {
  if (!REGISTER_SHAPED.test(name)) return false;
  const lower = name.toLowerCase();
  return registerIndex(lower) !== undefined || lower === 'cs' || lower === 'cr0' || lower === 'cr2' || lower === 'cr3';
}

/** Names that look like a register the machine does not have (r9, eax, cr4, ...). */
export function registerLike(name: string): string | undefined {
  if (!REGISTER_SHAPED.test(name)) return undefined;
  const n = name.toLowerCase();
  if (/^cr\d+$/.test(n)) return `unknown control register '${clip(name)}' (expected cr0, cr2 or cr3)`;
  if (/^r\d+$/.test(n) || /^e?[abcd]x$/.test(n) || /^e?(si|di|bp|sp|ip)$/.test(n) || n === 'pc' || n === 'rsp') {
    return `unknown register '${clip(name)}' (expected r0-r7, sp)`;
  }
  if (/^[cdefgs]s$/.test(n) && n !== 'cs') return `unknown segment register '${name}' (only cs can be read)`;
  return undefined;
}

/** Character classes by code, not by regular expression: the tokenizer looks at every character. */
function isIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 46;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isIdPart(c: number): boolean {
  return isIdStart(c) || isDigit(c);
}

/** Tokens of an operand; errors for characters that cannot start a token. */
export function tokenize(text: string, offset: number, errors: SyntaxError[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  // Past the cap nobody reads the errors; a megabyte of stray characters must not make a million.
  while (i < text.length && errors.length <= MAX_DIAGNOSTICS) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 9) {
      i++;
      continue;
    }
    const ch = text[i];
    const start = i;
    if (isIdStart(code) || code >= 0x80) {
      // Non-ASCII letters are taken into the word so that a message names the learner's whole
      // name ('café', '🚀'), not its first odd UTF-16 unit.
      let foreign = false;
      while (i < text.length) {
        const c = text.charCodeAt(i);
        if (c >= 0x80 && !isSpace(c)) foreign = true;
        else if (!isIdPart(c)) break;
        i++;
      }
      const word = text.slice(start, i);
      if (foreign) errors.push({ start: offset + start, end: offset + i, message: `invalid name '${clip(word)}' (names use the letters a-z and A-Z, digits, _ and .)` });
      tokens.push({ type: 'id', text: word, start: offset + start, end: offset + i, value: 0 });
    } else if (isDigit(code)) {
      // Letters too, so that 0x1F and a malformed 12ab are one token.
      while (i < text.length && isIdPart(text.charCodeAt(i)) && text.charCodeAt(i) !== 46) i++;
      const raw = text.slice(start, i);
      const value = parseNumber(raw);
      if (typeof value === 'string') errors.push({ start: offset + start, end: offset + i, message: value });
      tokens.push({ type: 'num', text: raw, start: offset + start, end: offset + i, value: typeof value === 'number' ? value : 0 });
    } else if (ch === "'") {
      i++;
      while (i < text.length && text[i] !== "'") i += text[i] === '\\' ? 2 : 1;
      const closed = i < text.length;
      i = Math.min(i + 1, text.length);
      const raw = text.slice(start, i);
      let value = 0;
      if (!closed) errors.push({ start: offset + start, end: offset + i, message: `unterminated character literal ${clip(raw)} (expected a closing ')` });
      else {
        const bytes = decodeEscapes(raw.slice(1, -1));
        if (typeof bytes === 'string') errors.push({ start: offset + start, end: offset + i, message: bytes });
        else if (bytes.length !== 1) errors.push({ start: offset + start, end: offset + i, message: `character literal ${clip(raw)} must hold exactly one character (use .ascii for text)` });
        else value = bytes[0];
      }
      tokens.push({ type: 'num', text: raw, start: offset + start, end: offset + i, value });
    } else if ('+-[]'.includes(ch)) {
      i++;
      tokens.push({ type: 'punct', text: ch, start: offset + start, end: offset + i, value: 0 });
    } else {
      i++;
      errors.push({ start: offset + start, end: offset + i, message: `unexpected character '${printable(ch)}' (expected a register, number, label or [address])` });
    }
  }
  return tokens;
}

/** One code point as a message may quote it: control characters and lone surrogates escaped. */
export function printable(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f || (code >= 0xd800 && code <= 0xdfff) ? `\\x${code.toString(16).padStart(2, '0')}` : ch;
}

/** Unicode spaces that end a word (U+00A0, U+2000..U+200A, U+3000 …), as ASCII blanks do. */
function isSpace(c: number): boolean {
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Value of a numeric literal (decimal, 0x hex, 0b binary), or an error message. */
export function parseNumber(raw: string): number | string {
  let value: number;
  if (/^0[xX]/.test(raw)) {
    if (!/^0[xX][0-9a-fA-F]+$/.test(raw)) return `invalid hexadecimal number '${clip(raw)}' (expected 0x followed by 0-9, a-f)`;
    value = parseInt(raw.slice(2), 16);
  } else if (/^0[bB]/.test(raw)) {
    if (!/^0[bB][01]+$/.test(raw)) return `invalid binary number '${clip(raw)}' (expected 0b followed by 0 and 1)`;
    value = parseInt(raw.slice(2), 2);
  } else {
    if (!/^[0-9]+$/.test(raw)) return `invalid number '${clip(raw)}' (expected decimal digits, 0x hex or 0b binary)`;
    value = Number(raw);
  }
  if (!(value <= 0xffffffff)) return `number '${clip(raw)}' does not fit in 32 bits`;
  return value;
}

/** Parses `a`, `-a`, `a+b-c`, ... from tokens[from..to). */
function parseExpr(tokens: Token[], from: number, to: number, errors: SyntaxError[], allowLeadingSign: boolean): Expr | undefined {
  if (from >= to) return undefined;
  const terms: ExprTerm[] = [];
  let i = from;
  let sign: 1 | -1 = 1;
  let expectTerm = true;
  let first = true;
  while (i < to) {
    const t = tokens[i];
    if (expectTerm) {
      if (t.type === 'punct' && (t.text === '-' || t.text === '+') && first && allowLeadingSign) {
        sign = t.text === '-' ? -1 : 1;
        i++;
        first = false;
        continue;
      }
      if (t.type === 'num') terms.push({ sign, value: t.value, start: t.start, end: t.end });
      else if (t.type === 'id') terms.push({ sign, symbol: t.text, start: t.start, end: t.end });
      else {
        errors.push({ start: t.start, end: t.end, message: `unexpected '${clip(t.text)}' (expected a number, label or constant)` });
        return undefined;
      }
      expectTerm = false;
      first = false;
      i++;
    } else {
      if (t.type === 'punct' && (t.text === '+' || t.text === '-')) {
        sign = t.text === '-' ? -1 : 1;
        expectTerm = true;
        i++;
      } else {
        errors.push({ start: t.start, end: t.end, message: `unexpected '${clip(t.text)}' (expected + or - between terms, or a comma between operands)` });
        return undefined;
      }
    }
  }
  if (expectTerm) {
    const last = tokens[to - 1];
    errors.push({ start: last.start, end: last.end, message: `expression ends with '${last.text}' (expected a number, label or constant after it)` });
    return undefined;
  }
  return { terms, start: tokens[from].start, end: tokens[to - 1].end };
}

/** Parses one operand; undefined (with errors) when malformed. */
export function parseOperand(text: string, offset: number, errors: SyntaxError[]): Operand | undefined {
  const before = errors.length;
  const tokens = tokenize(text, offset, errors);
  if (errors.length > before) return undefined;
  if (tokens.length === 0) {
    errors.push({ start: offset, end: offset + 1, message: 'missing operand (expected a register, number, label or [address])' });
    return undefined;
  }
  const first = tokens[0];
  const start = first.start;
  const end = tokens[tokens.length - 1].end;
  if (first.type === 'punct' && first.text === '[') {
    const last = tokens[tokens.length - 1];
    if (last.type !== 'punct' || last.text !== ']') {
      errors.push({ start: last.start, end: last.end, message: `memory operand is not closed (expected ']')` });
      return undefined;
    }
    const inner = tokens.slice(1, -1);
    if (inner.length === 0) {
      errors.push({ start, end, message: 'empty memory operand (expected [reg], [reg+offset] or [address])' });
      return undefined;
    }
    const bad = inner.find((t) => t.type === 'punct' && (t.text === '[' || t.text === ']'));
    if (bad) {
      errors.push({ start: bad.start, end: bad.end, message: `unexpected '${bad.text}' inside a memory operand` });
      return undefined;
    }
    const head = inner[0];
    const reg = head.type === 'id' ? registerIndex(head.text) : undefined;
    if (reg !== undefined) {
      if (inner.length === 1) return { kind: 'mem', base: reg, start, end };
      const op = inner[1];
      if (op.type !== 'punct' || (op.text !== '+' && op.text !== '-')) {
        errors.push({ start: op.start, end: op.end, message: `unexpected '${clip(op.text)}' after the base register (expected + or -)` });
        return undefined;
      }
      const rest = inner.slice(1);
      if (checkNoRegisters(rest, errors)) return undefined;
      const expr = parseExpr(rest, 0, rest.length, errors, true);
      return expr ? { kind: 'mem', base: reg, expr, start, end } : undefined;
    }
    if (checkNoRegisters(inner, errors)) return undefined;
    const expr = parseExpr(inner, 0, inner.length, errors, true);
    return expr ? { kind: 'mem', base: ZERO_REG, expr, start, end } : undefined;
  }
  if (tokens.length === 1 && first.type === 'id') {
    const name = first.text.toLowerCase();
    const reg = registerIndex(name);
    if (reg !== undefined) return { kind: 'reg', reg, start, end };
    if (name === 'cs') return { kind: 'cs', start, end };
    if (name === 'cr0' || name === 'cr2' || name === 'cr3') return { kind: 'cr', cr: name === 'cr0' ? 0 : name === 'cr2' ? 2 : 3, start, end };
  }
  const stray = tokens.find((t) => t.type === 'punct' && (t.text === '[' || t.text === ']'));
  if (stray) {
    errors.push({ start: stray.start, end: stray.end, message: `unexpected '${stray.text}' (a memory operand is written [reg], [reg+offset] or [address])` });
    return undefined;
  }
  if (checkNoRegisters(tokens, errors)) return undefined;
  const expr = parseExpr(tokens, 0, tokens.length, errors, true);
  return expr ? { kind: 'imm', expr, start, end } : undefined;
}

/** Registers inside an expression are errors (no index registers, no register arithmetic). */
function checkNoRegisters(tokens: Token[], errors: SyntaxError[]): boolean {
  for (const t of tokens) {
    // One test sets aside almost every name; only register-shaped ones are looked at closely.
    if (t.type !== 'id' || !REGISTER_SHAPED.test(t.text)) continue;
    if (isRegisterName(t.text)) {
      errors.push({ start: t.start, end: t.end, message: `register '${t.text}' cannot appear here (expected [reg], [reg+offset] or [reg-offset] with a constant offset)` });
      return true;
    }
    const like = registerLike(t.text);
    if (like) {
      errors.push({ start: t.start, end: t.end, message: like });
      return true;
    }
  }
  return false;
}

/** Says why a symbol has no value (a full message), or undefined to leave it unreported. */
export interface Explainer {
  explain(name: string): string | undefined;
}

/** Values of known symbols; `get` as on a Map. */
export interface SymbolValues {
  get(name: string): number | undefined;
}

/** Evaluates an expression; each symbol without a value is reported with the explainer's message. */
export function evaluate(expr: Expr, symbols: SymbolValues, errors: SyntaxError[], explainer: Explainer, work?: AssemblyWork): number | undefined {
  let value = 0;
  let ok = true;
  for (const term of expr.terms) {
    let v = term.value;
    if (term.symbol !== undefined) {
      v = symbols.get(term.symbol);
      if (v === undefined) {
        ok = false;
        // Past the cap no message is even made (a suggestion costs a search).
        const message = errors.length <= MAX_DIAGNOSTICS ? explainer.explain(term.symbol) : undefined;
        if (message !== undefined) errors.push({ start: term.start, end: term.end, message });
        continue;
      }
    }
    value += term.sign * (v ?? 0);
  }
  if (work) work.exprTerms += expr.terms.length;
  return ok ? value : undefined;
}

/** Evaluates using only symbols already known; undefined without errors when one is missing. */
export function tryEvaluate(expr: Expr, symbols: SymbolValues, work?: AssemblyWork): number | undefined {
  let value = 0;
  for (const term of expr.terms) {
    if (work) work.exprTerms++;
    const v = term.symbol !== undefined ? symbols.get(term.symbol) : term.value;
    if (v === undefined) return undefined;
    value += term.sign * v;
  }
  return value;
}

/**
 * A 32-bit value may be written signed or unsigned: one rule for `mov` immediates, `.word` and
 * `.equ`, so that none of them wraps a value another refuses.
 */
export const IMMEDIATE_MIN = -0x80000000;
export const IMMEDIATE_MAX = 0xffffffff;

/** The message for a value outside min..max, the same wherever a range is checked. */
export function outOfRange(what: string, value: number, min: number, max: number): string | undefined {
  return value < min || value > max ? `${what} ${value} is out of range (expected ${min}..${max})` : undefined;
}

/** The message for a 32-bit value that is neither a signed nor an unsigned 32-bit number. */
export function immediateProblem(value: number): string | undefined {
  return outOfRange('value', value, IMMEDIATE_MIN, IMMEDIATE_MAX);
}
