/** Small lexical helpers of the assembler: comments, commas, literals, the work counters. */

/** Beyond this many errors the rest of a file is not worth reading (e.g. a binary file). */
export const MAX_DIAGNOSTICS = 500;

/** Index of the comment (`;` or `#` outside a string or character literal), or the line's length. */
export function commentStart(line: string): number {
  // Most lines hold no quote: then the first ; or # is the comment, found without a loop in JavaScript.
  if (line.indexOf('"') < 0 && line.indexOf("'") < 0) {
    const semicolon = line.indexOf(';');
    const hash = line.indexOf('#');
    if (semicolon < 0) return hash < 0 ? line.length : hash;
    return hash < 0 ? semicolon : Math.min(semicolon, hash);
  }
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === ';' || ch === '#') {
      return i;
    }
  }
  return line.length;
}

/** The source with its comment removed. */
export function stripComment(line: string): string {
  return line.slice(0, commentStart(line));
}

export interface Piece {
  text: string;
  /** 0-based offset of `text` (trimmed) in the line. */
  offset: number;
}

/** The white space `String.prototype.trim` removes that a line can hold (line breaks never reach here). */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Splits operands at commas outside quotes and brackets; each piece trimmed, with its offset. */
export function splitOperands(text: string, baseOffset: number): Piece[] {
  const pieces: Piece[] = [];
  let quote: string | null = null;
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') depth++;
    else if (ch === ']') depth--;
    else if (ch === ',' && depth <= 0) {
      pieces.push(trimmedPiece(text, start, i, baseOffset));
      start = i + 1;
    }
  }
  pieces.push(trimmedPiece(text, start, text.length, baseOffset));
  return pieces;
}

/** text[from, to) trimmed by index (one copy), with its offset. */
function trimmedPiece(text: string, from: number, to: number, baseOffset: number): Piece {
  while (from < to && isSpace(text.charCodeAt(from))) from++;
  while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
  return { text: text.slice(from, to), offset: baseOffset + from };
}

const ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, '0': 0, '\\': 92, "'": 39, '"': 34 };

/** Decodes the body of a quoted literal; returns the byte values or an error message. */
export function decodeEscapes(body: string): number[] | string {
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\') {
      const code = ch.charCodeAt(0);
      if (code > 0xff) return `character '${ch}' is not a single byte (use .byte for non-Latin-1 text)`;
      out.push(code);
      continue;
    }
    const next = body[++i];
    if (next === undefined) return 'escape \\ at the end of the literal';
    if (next === 'x') {
      const hex = body.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return `'\\x' needs two hex digits`;
      out.push(parseInt(hex, 16));
      i += 2;
      continue;
    }
    if (!(next in ESCAPES)) return `unknown escape '\\${next}' (expected \\n, \\t, \\r, \\0, \\\\, \\', \\", \\xNN)`;
    out.push(ESCAPES[next]);
  }
  return out;
}

/**
 * Counts of the assembler's work, so that tests can bound its cost in operations rather than in
 * wall time: each should grow linearly with the source, whatever the source holds.
 */
export interface AssemblyWork {
  /** Times the source was split into lines (one per assembly). */
  lineSplits: number;
  /** Lines read (reading stops once the diagnostics are capped). */
  linesRead: number;
  /** Expression terms looked at (evaluation, `.equ` resolution). */
  exprTerms: number;
  /** Edit-distance computations started, for "did you mean" suggestions. */
  distanceRuns: number;
  /** Cells of those edit-distance tables filled. */
  distanceCells: number;
  /** Unknown names a suggestion was searched for (each at most once, and only while reporting). */
  suggestionSearches: number;
  /** Known names compared with an unknown one (most are set aside before any edit distance). */
  suggestionCandidates: number;
}

export function newWork(): AssemblyWork {
  return { lineSplits: 0, linesRead: 0, exprTerms: 0, distanceRuns: 0, distanceCells: 0, suggestionSearches: 0, suggestionCandidates: 0 };
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/** Longest piece of source text quoted in a message; a 1 MB token would otherwise be copied into each. */
export const QUOTE_LIMIT = 60;

/** `text`, cut to QUOTE_LIMIT characters with an ellipsis. */
export function clip(text: string): string {
  return text.length <= QUOTE_LIMIT ? text : `${text.slice(0, QUOTE_LIMIT - 1)}…`;
}
