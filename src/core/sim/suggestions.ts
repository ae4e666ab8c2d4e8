/**
 * "Did you mean" for the assembler: a bounded edit distance, suggestions from a fixed vocabulary
 * (mnemonics, directives), and from a program's own names at a cost that stays linear in the
 * program however many names and unknown references it holds.
 */
import { clip, type AssemblyWork } from './lexer';

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
  const max = maxDistance(word.length);
  let w: string | undefined;
  let best: string | undefined;
  let bestDistance = max;
  for (const candidate of candidates) {
    // A word far longer or shorter than every candidate is not even lower-cased.
    if (Math.abs(candidate.length - word.length) > max) continue;
    w ??= caseless ? word.toLowerCase() : word;
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
