/**
 * The term matcher: a trie over every surface form, walked once over the text.
 *
 * Hand-written rather than one big regex because the rules differ per form (case-sensitive acronyms
 * next to case-insensitive words, word boundaries for English but not for Chinese, separator runs,
 * optional spaces between Latin and Chinese, plurals) and a regex alternation of ~900 forms with
 * lookarounds is both slower in V8 and hard to keep "longest match first". The root is a flat array
 * indexed by UTF-16 code unit, so the common case (a character that starts no term) costs one load,
 * and inside an English word we skip to its end, since no term can start mid-word.
 */
import { formKey, isCaseSensitive, isCjk, isSeparator, isWordChar, surfaceForms } from './forms';
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

interface Terminal {
  term: string;
  /** For case-sensitive forms: the key in its exact case, checked once the folded walk has matched. */
  exact?: string;
  /** 0: no plural; 1: may take `s`; 2: may take `s` or `es`. */
  plural: 0 | 1 | 2;
  /** English at the end: the next character must not be a word character. */
  rightBoundary: boolean;
}

interface TrieNode {
  next?: Map<number, TrieNode>;
  /** Case-sensitive terminals first: `KVM_RUN` (the ioctl) must beat a folded `kvm_run` (the struct). */
  terminals?: Terminal[];
}

const SPACE = 0x20;

function fold(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code | 0x20 : code;
}

export class TermMatcher {
  private readonly root: (TrieNode | null)[] = new Array<TrieNode | null>(0x10000).fill(null);

  constructor(entries: readonly GlossaryEntry[]) {
    for (const entry of entries) {
      for (const form of surfaceForms(entry)) this.add(entry.id, form);
    }
  }

  private add(term: string, form: string): void {
    const caseSensitive = isCaseSensitive(form);
    const exact = formKey(form, true);
    const folded = formKey(form, false);
    let node = this.root[folded.charCodeAt(0)] ?? (this.root[folded.charCodeAt(0)] = {});
    for (let i = 1; i < folded.length; i++) {
      const code = folded.charCodeAt(i);
      node.next ??= new Map();
      let child = node.next.get(code);
      if (!child) node.next.set(code, (child = {}));
      node = child;
    }
    const last = folded.charCodeAt(folded.length - 1);
    const endsInLetter = last >= 0x61 && last <= 0x7a;
    const plural = !endsInLetter ? 0 : /(?:s|x|ch|sh)$/.test(folded) ? (caseSensitive ? 0 : 2) : 1;
    const terminal: Terminal = { term, plural, rightBoundary: isWordChar(last) };
    if (caseSensitive) terminal.exact = exact;
    const list = (node.terminals ??= []);
    if (list.some((t) => t.term === term && t.exact === terminal.exact)) return;
    if (caseSensitive) list.unshift(terminal);
    else list.push(terminal);
  }

  /**
   * Every non-overlapping occurrence in `text[start, end)`, leftmost first and longest at each position.
   * `line`/`lineStart` describe `start`; `skipFence` (Markdown) is consulted at each line start and
   * returns where scanning resumes when a fenced block is to be skipped.
   */
  scan(text: string, start: number, end: number, line: number, lineStart: number, atLineStart?: LineStartHook): TermMatch[] {
    const found: TermMatch[] = [];
    const root = this.root;
    let i = start;
    while (i < end) {
      if (atLineStart && i === lineStart) {
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
      if (code === 0x0a || code === 0x0d) {
        if (code === 0x0a || text.charCodeAt(i + 1) !== 0x0a) {
          line++;
          lineStart = i + 1;
        }
        i++;
        continue;
      }
      const word = isWordChar(code);
      if (word && i > 0 && isWordChar(text.charCodeAt(i - 1))) {
        i++;
        continue;
      }
      if (code === 0x68 && isUrlAt(text, i)) {
        // A link's address is not prose: `…/learn-kvm/…` should not be read as terms.
        while (i < end && !isUrlEnd(text.charCodeAt(i))) i++;
        continue;
      }
      const node = root[fold(code)];
      if (node) {
        const match = this.matchAt(text, i, end, node);
        if (match) {
          const [matchEnd, term] = match;
          found.push({ term, text: text.slice(i, matchEnd), offset: i, length: matchEnd - i, line, column: i - lineStart + 1 });
          i = matchEnd;
          continue;
        }
      }
      i++;
      // No English term starts inside a word: jump to its end.
      if (word) while (i < end && isWordChar(text.charCodeAt(i))) i++;
    }
    return found;
  }

  /** The longest form starting at `start`: [end, term id], or undefined. */
  private matchAt(text: string, start: number, end: number, first: TrieNode): [number, string] | undefined {
    return this.walk(text, start, end, first, start + 1, isCjk(text.charCodeAt(start)), false);
  }

  /**
   * Follows the trie from `node`, text index `j`. Iterative except at a separator run that may be
   * either a word separator of the form or an optional space next to Chinese ("CPU 虚拟化" against
   * both "CPU virtualization" and "CPU虚拟化"): there both ways are tried and the longer wins.
   */
  private walk(text: string, start: number, end: number, node: TrieNode, j: number, lastCjk: boolean, justSkipped: boolean): [number, string] | undefined {
    let best: [number, string] | undefined;
    for (;;) {
      if (node.terminals && !justSkipped) {
        const hit = this.accept(text, start, j, end, node.terminals);
        if (hit) best = hit;
      }
      justSkipped = false;
      if (j >= end) break;
      const code = text.charCodeAt(j);
      if (isSeparator(code)) {
        let k = j + 1;
        while (k < end && isSeparator(text.charCodeAt(k))) k++;
        const child = node.next?.get(SPACE);
        // Optional space between Latin and Chinese; hyphens are never optional.
        const optional = code !== 0x2d && text.charCodeAt(k - 1) !== 0x2d && k < end && (lastCjk || isCjk(text.charCodeAt(k)));
        if (child && optional) {
          const viaSeparator = this.walk(text, start, end, child, k, false, false);
          const viaSkip = this.walk(text, start, end, node, k, lastCjk, true);
          const longer = !viaSkip || (viaSeparator && viaSeparator[0] >= viaSkip[0]) ? viaSeparator : viaSkip;
          return longer ?? best;
        }
        if (child) {
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
      const child = node.next?.get(fold(code));
      if (!child) break;
      node = child;
      j++;
      lastCjk = isCjk(code);
    }
    return best;
  }

  private accept(text: string, start: number, j: number, end: number, terminals: readonly Terminal[]): [number, string] | undefined {
    for (const t of terminals) {
      if (t.exact !== undefined && !sameCase(text, start, j, t.exact)) continue;
      if (!t.rightBoundary || j >= end || !isWordChar(text.charCodeAt(j))) return [j, t.term];
      if (t.plural === 0) continue;
      // Plurals: "hypervisors", "VMMs", "VMs"; a lowercase `s` only, so `VMS` stays unmatched.
      const after = text.charCodeAt(j);
      if (after === 0x73 && (j + 1 >= end || !isWordChar(text.charCodeAt(j + 1)))) return [j + 1, t.term];
      if (t.plural === 2 && after === 0x65 && text.charCodeAt(j + 1) === 0x73 && (j + 2 >= end || !isWordChar(text.charCodeAt(j + 2)))) {
        return [j + 2, t.term];
      }
    }
    return undefined;
  }
}

/** Called at each line start; returns the index to resume at (the same index to scan the line). */
export type LineStartHook = (text: string, lineStart: number, end: number) => number;

/** The folded walk already matched; compare the letters in their exact case, ignoring separators. */
function sameCase(text: string, start: number, end: number, exact: string): boolean {
  let k = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (isSeparator(code)) continue;
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
