/**
 * The term matcher: a trie over every surface form, walked once over the text.
 *
 * Hand-written rather than one big regex because the rules differ per form (case-sensitive acronyms
 * next to case-insensitive words, word boundaries for English but not for Chinese, separator runs,
 * optional spaces between Latin and Chinese, plurals) and one regex alternating ~820 forms with
 * lookarounds is hard to keep "longest match first" and, measured on the bench note, about 50 times
 * slower in V8 (irregexp tries the alternatives one by one at each position). The common case, a
 * character that starts no term, costs a table load or a bit test; inside an English word we skip to
 * its end, since no term can start mid-word. Measured in bench/glossary.bench.ts.
 */
import * as forms from './forms';
import * as trie from './trie';
import type { Terminal } from './trie';
import type { GlossaryEntry } from './types';

export interface TermMatch {
  /** Entry id. */
  term: string;
  /** The matched text as it appears. */
  text: string;
  /** UTF-16 index in the text. */
  offset: number;
  length: number;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
}

/** A marker: the first character is a non-ASCII start, to be looked up only if the pair filter passes. */
const NON_ASCII = -2;

// Module-local bindings: read through an import, every access in the hot loop would be a getter call
// under CommonJS interop (tsx, the CLI); esbuild would inline them, but the bench runs through tsx.
const charClass = forms.charClass;
const WORD = forms.WORD;
const SEPARATOR = forms.SEPARATOR;
const CJK = forms.CJK;
const UPPER = forms.UPPER;
const SPACE = trie.SPACE;
const pairHash = trie.pairHash;

export class TermMatcher {
  private readonly asciiRoot: Int32Array;
  private readonly otherRoot: Map<number, number>;
  private readonly otherStarts: Uint32Array;
  private readonly pairs: Uint32Array;
  private readonly edgeStart: Int32Array;
  private readonly edgeCode: Uint16Array;
  private readonly edgeTarget: Int32Array;
  private readonly separatorTarget: Int32Array;
  private readonly terminalIndex: Int32Array;
  private readonly terminalLists: Terminal[][];

  constructor(entries: readonly GlossaryEntry[]) {
    // Copied into fields of this one class so that the hot loop's loads stay monomorphic.
    const flat = trie.buildTrie(entries);
    this.asciiRoot = flat.asciiRoot;
    this.otherRoot = flat.otherRoot;
    this.otherStarts = flat.otherStarts;
    this.pairs = flat.pairs;
    this.edgeStart = flat.edgeStart;
    this.edgeCode = flat.edgeCode;
    this.edgeTarget = flat.edgeTarget;
    this.separatorTarget = flat.separatorTarget;
    this.terminalIndex = flat.terminalIndex;
    this.terminalLists = flat.terminalLists;
  }

  /**
   * Every non-overlapping occurrence in `text[start, end)`, leftmost first and longest at each position.
   * `line`/`lineStart` describe `start`; `atLineStart` (Markdown) is consulted at each line start and
   * returns where scanning resumes when a fenced block is to be skipped.
   */
  scan(text: string, start: number, end: number, line: number, lineStart: number, atLineStart?: LineStartHook): TermMatch[] {
    const found: TermMatch[] = [];
    const asciiRoot = this.asciiRoot;
    const otherRoot = this.otherRoot;
    const otherStarts = this.otherStarts;
    const pairs = this.pairs;
    let i = start;
    while (i < end) {
      if (atLineStart !== undefined && i === lineStart) {
        const resume = atLineStart(text, i, end);
        if (resume !== i) {
          // Skipped lines (a fenced block): count their line breaks.
          for (let k = i; k < resume; k++) {
            const c = text.charCodeAt(k);
            if (c === 0x0a || (c === 0x0d && text.charCodeAt(k + 1) !== 0x0a)) {
              line++;
              lineStart = k + 1;
            }
          }
          i = resume;
          continue;
        }
      }
      const code = text.charCodeAt(i);
      // The commonest case in a Chinese note: an ideograph no form starts with. Nothing else to check.
      if (code >= 0x4e00 && code <= 0x9fff && (otherStarts[code >>> 5] & (1 << (code & 31))) === 0) {
        i++;
        continue;
      }
      if (code === 0x0a || code === 0x0d) {
        if (code === 0x0a || text.charCodeAt(i + 1) !== 0x0a) {
          line++;
          lineStart = i + 1;
        }
        i++;
        continue;
      }
      const cls = charClass(code);
      if ((cls & WORD) !== 0 && i > 0 && (charClass(text.charCodeAt(i - 1)) & WORD) !== 0) {
        i++;
        continue;
      }
      if (code === 0x68 && isUrlAt(text, i)) {
        // A link's address is not prose: `…/learn-kvm/…` should not be read as terms.
        while (i < end && !isUrlEnd(text.charCodeAt(i))) i++;
        continue;
      }
      // Cheapest test first: does any form start with this character? Then: with these two? Then the trie.
      const first = (cls & UPPER) !== 0 ? code | 0x20 : code;
      let node = code < 128 ? asciiRoot[first] : (otherStarts[code >>> 5] & (1 << (code & 31))) !== 0 ? NON_ASCII : -1;
      if (node !== -1) {
        const next = i + 1 < end ? text.charCodeAt(i + 1) : SPACE;
        const nextClass = charClass(next);
        const h = pairHash(first, (nextClass & SEPARATOR) !== 0 ? SPACE : (nextClass & UPPER) !== 0 ? next | 0x20 : next);
        if ((pairs[h >>> 5] & (1 << (h & 31))) === 0) node = -1;
        else if (node === NON_ASCII) node = otherRoot.get(code) ?? -1;
      }
      if (node >= 0) {
        const matchEnd = this.walk(text, i, end, node, i + 1, (cls & CJK) !== 0, false);
        if (matchEnd > 0) {
          found.push({ term: this.matchedTerm, text: text.slice(i, matchEnd), offset: i, length: matchEnd - i, line, column: i - lineStart + 1 });
          i = matchEnd;
          continue;
        }
      }
      i++;
      // No English term starts inside a word: jump to its end.
      if ((cls & WORD) !== 0) while (i < end && (charClass(text.charCodeAt(i)) & WORD) !== 0) i++;
    }
    return found;
  }

  /** Set by `walk`/`accept` next to the end index they return, to avoid allocating a pair per match. */
  private matchedTerm = '';

  /**
   * Follows the trie from `node` at text index `j`; returns the end of the longest form starting at
   * `start` (its id in `matchedTerm`), or -1. Iterative except at a separator run that may be either
   * a word separator of the form or an optional space next to Chinese ("CPU 虚拟化" against both
   * "CPU virtualization" and "CPU虚拟化"): there both ways are tried and the longer wins.
   */
  private walk(text: string, start: number, end: number, node: number, j: number, lastCjk: boolean, justSkipped: boolean): number {
    const edgeStart = this.edgeStart;
    const edgeCode = this.edgeCode;
    const terminalIndex = this.terminalIndex;
    let best = -1;
    let bestTerm = '';
    for (;;) {
      const terminals = terminalIndex[node];
      if (terminals >= 0 && !justSkipped && this.accept(text, start, j, end, this.terminalLists[terminals]) > 0) {
        best = this.acceptedEnd;
        bestTerm = this.matchedTerm;
      }
      justSkipped = false;
      if (j >= end) break;
      const code = text.charCodeAt(j);
      const cls = charClass(code);
      if ((cls & SEPARATOR) !== 0) {
        let k = j + 1;
        while (k < end && (charClass(text.charCodeAt(k)) & SEPARATOR) !== 0) k++;
        const child = this.separatorTarget[node];
        // Optional space between Latin and Chinese; hyphens are never optional.
        const optional = code !== 0x2d && text.charCodeAt(k - 1) !== 0x2d && k < end && (lastCjk || (charClass(text.charCodeAt(k)) & CJK) !== 0);
        if (child >= 0 && optional) {
          const viaSeparator = this.walk(text, start, end, child, k, false, false);
          const separatorTerm = this.matchedTerm;
          const viaSkip = this.walk(text, start, end, node, k, lastCjk, true);
          if (viaSeparator >= viaSkip && viaSeparator > 0) {
            this.matchedTerm = separatorTerm;
            return viaSeparator;
          }
          if (viaSkip > 0) return viaSkip;
          break;
        }
        if (child >= 0) {
          node = child;
          j = k;
          lastCjk = false;
          continue;
        }
        if (optional) {
          j = k;
          justSkipped = true;
          continue;
        }
        break;
      }
      // The innermost loop of the matcher: a node has two or three edges on average.
      const key = (cls & UPPER) !== 0 ? code | 0x20 : code;
      let e = edgeStart[node];
      const stop = edgeStart[node + 1];
      while (e < stop && edgeCode[e] !== key) e++;
      if (e === stop) break;
      node = this.edgeTarget[e];
      j++;
      lastCjk = (cls & CJK) !== 0;
    }
    this.matchedTerm = bestTerm;
    return best;
  }

  private acceptedEnd = -1;

  /** The first terminal that fits at `j` (case, right boundary, plural): 1 with `acceptedEnd`/`matchedTerm` set, or 0. */
  private accept(text: string, start: number, j: number, end: number, terminals: readonly Terminal[]): number {
    for (let n = 0; n < terminals.length; n++) {
      const t = terminals[n];
      const exact = t.exact;
      if (exact !== null) {
        // Usually the text is the form exactly (a short acronym): compare in place; other separators
        // between its words need the letter-by-letter comparison.
        let k = 0;
        if (j - start === exact.length) while (k < exact.length && text.charCodeAt(start + k) === exact.charCodeAt(k)) k++;
        if (k !== exact.length && !sameCase(text, start, j, exact)) continue;
      }
      let at = -1;
      if (!t.rightBoundary || j >= end || (charClass(text.charCodeAt(j)) & WORD) === 0) at = j;
      else if (t.plural !== 0) {
        // Plurals: "hypervisors", "VMMs", "VMs"; a lowercase `s` only, so `VMS` stays unmatched.
        const after = text.charCodeAt(j);
        if (after === 0x73 && (j + 1 >= end || (charClass(text.charCodeAt(j + 1)) & WORD) === 0)) at = j + 1;
        else if (t.plural === 2 && after === 0x65 && text.charCodeAt(j + 1) === 0x73 && (j + 2 >= end || (charClass(text.charCodeAt(j + 2)) & WORD) === 0)) at = j + 2;
      }
      if (at < 0) continue;
      this.acceptedEnd = at;
      this.matchedTerm = t.term;
      return 1;
    }
    return 0;
  }
}

/** Called at each line start; returns the index to resume at (the same index to scan the line). */
export type LineStartHook = (text: string, lineStart: number, end: number) => number;

/** The folded walk already matched; compare the letters in their exact case, ignoring separators. */
function sameCase(text: string, start: number, end: number, exact: string): boolean {
  let k = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if ((charClass(code) & SEPARATOR) !== 0) continue;
    while (k < exact.length && exact.charCodeAt(k) === SPACE) k++;
    if (exact.charCodeAt(k) !== code) return false;
    k++;
  }
  return true;
}

function isUrlAt(text: string, i: number): boolean {
  return text.startsWith('http://', i) || text.startsWith('https://', i);
}

function isUrlEnd(code: number): boolean {
  return code <= 0x20 || code === 0x29 || code === 0x3e || code === 0x5d || code === 0x22 || code === 0x27 || code === 0x3c;
}
