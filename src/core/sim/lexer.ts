/** Small lexical helpers of the assembler: comments, commas, literals, suggestions. */

/** Index of the comment (`;` or `#` outside a string or character literal), or the line's length. */
export function commentStart(line: string): number {
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

/** Splits operands at commas outside quotes and brackets; each piece trimmed, with its offset. */
export function splitOperands(text: string, baseOffset: number): Piece[] {
  const pieces: Piece[] = [];
  let quote: string | null = null;
  let depth = 0;
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    pieces.push({ text: raw.trim(), offset: baseOffset + start + lead });
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') depth++;
    else if (ch === ']') depth--;
    else if (ch === ',' && depth <= 0) {
      push(i);
      start = i + 1;
    }
  }
  push(text.length);
  return pieces;
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

/** The closest candidate within a small distance, or undefined. */
export function suggest(word: string, candidates: Iterable<string>, caseless = true): string | undefined {
  const w = caseless ? word.toLowerCase() : word;
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.min(2, Math.floor(w.length / 2)));
  for (const candidate of candidates) {
    const c = caseless ? candidate.toLowerCase() : candidate;
    const d = editDistance(w, c);
    if (d < bestDistance || (d === bestDistance && best === undefined)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
