/** Finding an entry by what a user types: exact names and aliases, then the nearest ones. */
import { formKey, isCaseSensitive, surfaceForms } from './forms';
import type { GlossaryEntry } from './types';

export class TermIndex {
  /** Case-sensitive keys (acronyms, identifiers) in their exact case. */
  private readonly exact = new Map<string, GlossaryEntry>();
  /** Ordinary words and ids, folded. */
  private readonly folded = new Map<string, GlossaryEntry>();
  /** Every form with its folded key, for suggestions. */
  private readonly forms: { key: string; entry: GlossaryEntry }[] = [];

  constructor(entries: readonly GlossaryEntry[]) {
    for (const entry of entries) {
      this.folded.set(entry.id, entry);
      for (const form of surfaceForms(entry)) {
        const caseSensitive = isCaseSensitive(form);
        const map = caseSensitive ? this.exact : this.folded;
        const key = formKey(form, caseSensitive);
        if (!map.has(key)) map.set(key, entry);
        this.forms.push({ key: formKey(form, false), entry });
      }
    }
  }

  lookup(nameOrAlias: string): GlossaryEntry | undefined {
    const trimmed = nameOrAlias.trim();
    if (trimmed === '') return undefined;
    return this.exact.get(formKey(trimmed, true)) ?? this.folded.get(formKey(trimmed, false));
  }

  /**
   * Nearest entries by edit distance to a whole form or to its beginning (so "Hypervisr" finds
   * "Hypervisor" and "Hypervisor model"), case-insensitively; at most `max`, best first.
   */
  suggest(query: string, max: number): GlossaryEntry[] {
    const q = formKey(query, false);
    if (q === '' || max <= 0) return [];
    const limit = Math.max(1, Math.floor(q.length / 3));
    const scores = new Map<GlossaryEntry, number>();
    for (const { key, entry } of this.forms) {
      const [whole, prefix] = distances(q, key);
      const score = Math.min(whole, prefix + 0.5);
      if (score > limit + 0.5) continue;
      const previous = scores.get(entry);
      if (previous === undefined || score < previous) scores.set(entry, score);
    }
    return [...scores]
      .sort((a, b) => a[1] - b[1] || a[0].names.en.length - b[0].names.en.length)
      .slice(0, max)
      .map(([entry]) => entry);
  }
}

/**
 * Levenshtein distance (with adjacent transpositions) of `q` to all of `s`, and the smallest distance
 * of `q` to any prefix of `s`: the last row of the table holds the distances to every prefix. Three
 * rolling rows, reused across calls, because suggestions compare the query with every form.
 */
let rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

function distances(q: string, s: string): [number, number] {
  const cols = s.length + 1;
  if (rows[0].length < cols) rows = [new Int32Array(cols * 2), new Int32Array(cols * 2), new Int32Array(cols * 2)];
  let [before, previous, current] = rows;
  for (let j = 0; j < cols; j++) previous[j] = j;
  for (let i = 1; i <= q.length; i++) {
    current[0] = i;
    for (let j = 1; j < cols; j++) {
      const cost = q.charCodeAt(i - 1) === s.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && q.charCodeAt(i - 1) === s.charCodeAt(j - 2) && q.charCodeAt(i - 2) === s.charCodeAt(j - 1)) v = Math.min(v, before[j - 2] + 1);
      current[j] = v;
    }
    [before, previous, current] = [previous, current, before];
  }
  let prefix = previous[0];
  for (let j = 1; j < cols; j++) prefix = Math.min(prefix, previous[j]);
  return [previous[cols - 1], prefix];
}
