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

/** Classes with every field always set: one hidden class each keeps V8's property loads monomorphic. */
class Terminal {
  constructor(
    readonly term: string,
    /** For case-sensitive forms: the key in its exact case, checked once the folded walk has matched. */
    readonly exact: string | null,
    /** 0: no plural; 1: may take `s`; 2: may take `s` or `es`. */
    readonly plural: 0 | 1 | 2,
    /** English at the end: the next character must not be a word character. */
    readonly rightBoundary: boolean,
  ) {}
}

/** The trie while it is built; `compile` then lays it out flat. */
class TrieNode {
  /** Children by folded code unit, as parallel arrays. */
  codes: number[] = [];
  kids: TrieNode[] = [];
  /** The child for a run of separators (a space in the form). */
  separator: TrieNode | null = null;
  /** Case-sensitive terminals first: `KVM_RUN` (the ioctl) must beat a folded `kvm_run` (the struct). */
  terminals: Terminal[] | null = null;

  addChild(code: number): TrieNode {
    if (code === SPACE) return (this.separator ??= new TrieNode());
    const at = this.codes.indexOf(code);
    if (at >= 0) return this.kids[at];
    const kid = new TrieNode();
    this.codes.push(code);
    this.kids.push(kid);
    return kid;
  }
}

/** A marker: the first character is a non-ASCII start, to be looked up only if the pair filter passes. */
const NON_ASCII = -2;

const SPACE = 0x20;
// Module-local bindings: read through an import, every access in the hot loop would be a getter call
// under CommonJS interop (tsx, the CLI); esbuild would inline them, but the bench runs through tsx.
const charClass = forms.charClass;
const WORD = forms.WORD;
const SEPARATOR = forms.SEPARATOR;
const CJK = forms.CJK;
const UPPER = forms.UPPER;
const { formKey, isCaseSensitive, isWordChar, surfaceForms } = forms;

export class TermMatcher {
  /** First characters, while building: ASCII by index; others in a map behind a 64K-bit filter (8 KB, stays in cache). */
  private readonly asciiBuild: (TrieNode | null)[] = new Array<TrieNode | null>(128).fill(null);
  private readonly otherBuild = new Map<number, TrieNode>();
  /**
   * The trie laid out flat, in breadth-first order: node n's edges are edgeCode/edgeTarget[edgeStart[n]
   * .. edgeStart[n + 1]). Contiguous typed arrays keep the walk in cache; one object per node did not
   * (the child lookup was a third of the profile).
   */
  private asciiRoot = new Int32Array(128).fill(-1);
  private otherRoot = new Map<number, number>();
  private edgeStart = new Int32Array(1);
  private edgeCode = new Uint16Array(0);
  private edgeTarget = new Int32Array(0);
  private separatorTarget = new Int32Array(0);
  /** Index into `terminalLists`, or -1. */
  private terminalIndex = new Int32Array(0);
  private terminalLists: Terminal[][] = [];
  private readonly otherStarts = new Uint32Array(0x10000 >>> 5);
  /**
   * A 64K-bit filter over hashed (first, second) character pairs of every form: most positions that
   * start with a first character of some form (common Chinese characters, every English word start)
   * continue with a second one no form has, and are rejected here without touching the trie.
   */
  private readonly pairs = new Uint32Array(0x10000 >>> 5);

  constructor(entries: readonly GlossaryEntry[]) {
    for (const entry of entries) {
      for (const form of surfaceForms(entry)) this.add(entry.id, form);
    }
    this.compile();
  }

  private compile(): void {
    const order: TrieNode[] = [];
    const ids = new Map<TrieNode, number>();
    const visit = (node: TrieNode): void => {
      ids.set(node, order.length);
      order.push(node);
    };
    this.asciiBuild.forEach((node) => node && visit(node));
    this.otherBuild.forEach(visit);
    for (let n = 0; n < order.length; n++) {
      order[n].kids.forEach(visit);
      if (order[n].separator) visit(order[n].separator!);
    }
    const count = order.length;
    const edges = order.reduce((sum, node) => sum + node.kids.length, 0);
    this.edgeStart = new Int32Array(count + 1);
    this.edgeCode = new Uint16Array(edges);
    this.edgeTarget = new Int32Array(edges);
    this.separatorTarget = new Int32Array(count).fill(-1);
    this.terminalIndex = new Int32Array(count).fill(-1);
    let e = 0;
    order.forEach((node, n) => {
      this.edgeStart[n] = e;
      node.kids.forEach((kid, k) => {
        this.edgeCode[e] = node.codes[k];
        this.edgeTarget[e++] = ids.get(kid)!;
      });
      if (node.separator) this.separatorTarget[n] = ids.get(node.separator)!;
      if (node.terminals) {
        this.terminalIndex[n] = this.terminalLists.length;
        this.terminalLists.push(node.terminals);
      }
    });
    this.edgeStart[count] = e;
    this.asciiBuild.forEach((node, code) => node && (this.asciiRoot[code] = ids.get(node)!));
    this.otherBuild.forEach((node, code) => this.otherRoot.set(code, ids.get(node)!));
  }

  private add(term: string, form: string): void {
    const caseSensitive = isCaseSensitive(form);
    const exact = formKey(form, true);
    const folded = formKey(form, false);
    this.addPair(folded);
    let node = this.rootFor(folded.charCodeAt(0));
    for (let i = 1; i < folded.length; i++) node = node.addChild(folded.charCodeAt(i));
    const last = folded.charCodeAt(folded.length - 1);
    const endsInLetter = last >= 0x61 && last <= 0x7a;
    const plural = !endsInLetter ? 0 : /(?:s|x|ch|sh)$/.test(folded) ? (caseSensitive ? 0 : 2) : 1;
    const terminal = new Terminal(term, caseSensitive ? exact : null, plural, isWordChar(last));
    const list = (node.terminals ??= []);
    if (list.some((t) => t.term === term && t.exact === terminal.exact)) return;
    if (caseSensitive) list.unshift(terminal);
    else list.push(terminal);
  }

  private addPair(folded: string): void {
    const first = folded.charCodeAt(0);
    // Every form has two characters or more: formKey trims, and no name or alias is a single letter.
    const second = folded.length > 1 ? folded.charCodeAt(1) : SPACE;
    this.setPair(first, second);
    // "CPU虚拟化" also begins "C", "P" in "CPU 虚拟化"; but "X虚" would begin "X", " " in "X 虚".
    const cjkFirst = (charClass(first) & CJK) !== 0;
    if (second !== SPACE && cjkFirst !== ((charClass(second) & CJK) !== 0)) this.setPair(first, SPACE);
  }

  private setPair(first: number, second: number): void {
    const h = pairHash(first, second);
    this.pairs[h >>> 5] |= 1 << (h & 31);
  }

  private rootFor(code: number): TrieNode {
    if (code < 128) return (this.asciiBuild[code] ??= new TrieNode());
    this.otherStarts[code >>> 5] |= 1 << (code & 31);
    let node = this.otherBuild.get(code);
    if (!node) this.otherBuild.set(code, (node = new TrieNode()));
    return node;
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
      // Usually the text is the form exactly; only other separators or case need the letter-by-letter comparison.
      if (t.exact !== null && !text.startsWith(t.exact, start) && !sameCase(text, start, j, t.exact)) continue;
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

function pairHash(first: number, second: number): number {
  return (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b)) >>> 16;
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
