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
 * of `q` to any prefix of `s`. One table serves both: the last row holds the distances to every prefix.
 */
function distances(q: string, s: string): [number, number] {
  const rows = q.length + 1;
  const cols = s.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = q[i - 1] === s[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && q[i - 1] === s[j - 2] && q[i - 2] === s[j - 1]) v = Math.min(v, d[i - 2][j - 2] + 1);
      d[i][j] = v;
    }
  }
  return [d[rows - 1][cols - 1], Math.min(...d[rows - 1])];
}
