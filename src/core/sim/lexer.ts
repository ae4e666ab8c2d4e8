/** Small lexical helpers of the assembler: comments, commas, literals, suggestions. */

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

/** Rows reused by `boundedDistance` (grown on demand). */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/**
 * Levenshtein distance when it is at most `max`, else `max + 1`. Only the diagonal band of width
 * 2·max+1 can hold such a distance, and a row whose band exceeds `max` ends the search, so the
 * cost is O(length · max) instead of O(length²).
 */
export function boundedDistance(a: string, b: string, max: number, work?: AssemblyWork): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (work) work.distanceRuns++;
  const big = max + 1;
  // prev[j] = distance(a[0..i-1), b[0..j)), kept only for |i - j| <= max.
  if (rowA.length <= b.length) {
    rowA = new Int32Array(2 * b.length + 2);
    rowB = new Int32Array(2 * b.length + 2);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j <= max ? j : big;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    cur[from - 1] = from - 1 === 0 ? i : big;
    let rowMin = cur[from - 1];
    for (let j = from; j <= to; j++) {
      const diag = prev[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      const up = j <= i - 1 + max ? prev[j] + 1 : big;
      const left = cur[j - 1] + 1;
      const d = Math.min(diag, up, left, big);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (work) work.distanceCells += to - from + 1;
    if (rowMin > max) return big;
    const done = prev;
    prev = cur;
    cur = done;
  }
  return Math.min(prev[b.length], big);
}

/** The largest distance worth suggesting for a word of this length (1 or 2). */
function maxDistance(length: number): number {
  return Math.max(1, Math.min(2, Math.floor(length / 2)));
}

/** The closest candidate within a small distance, or undefined (for short fixed vocabularies). */
export function suggest(word: string, candidates: Iterable<string>, caseless = true, work?: AssemblyWork): string | undefined {
  const w = caseless ? word.toLowerCase() : word;
  let best: string | undefined;
  let bestDistance = maxDistance(w.length);
  for (const candidate of candidates) {
    const c = caseless ? candidate.toLowerCase() : candidate;
    const d = boundedDistance(w, c, bestDistance, work);
    if (d < bestDistance || (d === bestDistance && best === undefined)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * The suggestion search of one assembly may take this many steps (candidates looked at plus
 * edit-distance cells) per character of source, plus a fixed allowance: a program with tens of
 * thousands of labels and hundreds of unknown names still gets its diagnostics at once (the first
 * names get their suggestion, later ones none), while a learner's program never runs out.
 */
export const SUGGESTION_STEPS_PER_CHAR = 2;
export const SUGGESTION_STEPS_BASE = 50_000;

/** One bit per character class present (char code mod 32): an edit flips at most two bits. */
function letterMask(name: string): number {
  let mask = 0;
  for (let i = 0; i < name.length; i++) mask |= 1 << (name.charCodeAt(i) & 31);
  return mask;
}

function bitCount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

interface Bucket {
  names: string[];
  masks: number[];
}

/**
 * "Did you mean" for the labels and constants of one program. Candidates are grouped by length
 * (a name more than 2 edits away in length cannot be suggested) and filtered by the characters
 * they hold before any edit distance is computed; each unknown name is looked up once, and the
 * whole search has a budget of steps.
 */
export class NameSuggester {
  private byLength?: Map<number, Bucket>;
  private byLowerCase?: Map<string, string>;
  private readonly cache = new Map<string, string>();

  constructor(
    /** Read on the first lookup, when every name is known. */
    private readonly names: Iterable<string>,
    private readonly work: AssemblyWork,
    private readonly budget: number,
  ) {}

  /** ` — did you mean 'x'? …` for an unknown `name`, or ''. */
  hint(name: string): string {
    const known = this.cache.get(name);
    if (known !== undefined) return known;
    const hint = this.search(name);
    this.cache.set(name, hint);
    return hint;
  }

  private search(name: string): string {
    this.work.suggestionSearches++;
    if (!this.byLength) this.index();
    const sameLetters = this.byLowerCase!.get(name.toLowerCase());
    if (sameLetters !== undefined) return ` — did you mean '${clip(sameLetters)}'? (labels are case-sensitive)`;
    const work = this.work;
    const max = maxDistance(name.length);
    const mask = letterMask(name);
    let best: string | undefined;
    let bestDistance = max;
    for (let length = name.length - max; length <= name.length + max; length++) {
      const bucket = this.byLength!.get(length);
      if (!bucket) continue;
      for (let k = 0; k < bucket.names.length; k++) {
        if (work.suggestionCandidates + work.distanceCells >= this.budget) return suggestion(best);
        work.suggestionCandidates++;
        if (bitCount(mask ^ bucket.masks[k]) > 2 * bestDistance) continue;
        const candidate = bucket.names[k];
        const d = boundedDistance(name, candidate, bestDistance, work);
        if (d < bestDistance || (d === bestDistance && best === undefined)) {
          best = candidate;
          bestDistance = d;
        }
      }
    }
    return suggestion(best);
  }

  private index(): void {
    this.byLength = new Map();
    this.byLowerCase = new Map();
    for (const name of this.names) {
      let bucket = this.byLength.get(name.length);
      if (!bucket) this.byLength.set(name.length, (bucket = { names: [], masks: [] }));
      bucket.names.push(name);
      bucket.masks.push(letterMask(name));
      const lower = name.toLowerCase();
      if (!this.byLowerCase.has(lower)) this.byLowerCase.set(lower, name);
    }
  }
}

export function suggestion(near: string | undefined): string {
  return near ? ` — did you mean '${clip(near)}'?` : '';
}

/** Longest piece of source text quoted in a message; a 1 MB token would otherwise be copied into each. */
export const QUOTE_LIMIT = 60;

/** `text`, cut to QUOTE_LIMIT characters with an ellipsis. */
export function clip(text: string): string {
  return text.length <= QUOTE_LIMIT ? text : `${text.slice(0, QUOTE_LIMIT - 1)}…`;
}
