/**
 * Building the matcher's trie: every surface form, folded, inserted character by character, then
 * laid out flat in typed arrays for the scan (see matcher.ts).
 */
import * as forms from './forms';
import type { GlossaryEntry } from './types';

/** Classes with every field always set: one hidden class each keeps V8's property loads monomorphic. */
export class Terminal {
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

export const SPACE = 0x20;
const charClass = forms.charClass;
const CJK = forms.CJK;
const { formKey, isCaseSensitive, isWordChar, surfaceForms } = forms;

/**
 * The trie laid out flat, in breadth-first order: node n's edges are edgeCode/edgeTarget[edgeStart[n]
 * .. edgeStart[n + 1]). Contiguous typed arrays keep the walk in cache; one object per node did not
 * (the child lookup was a third of the profile).
 */
export interface FlatTrie {
  /** Node of each ASCII first character (folded), or -1. */
  asciiRoot: Int32Array;
  /** Node of each other first character, behind the `otherStarts` bit filter (8 KB, stays in cache). */
  otherRoot: Map<number, number>;
  otherStarts: Uint32Array;
  /**
   * A 64K-bit filter over hashed (first, second) character pairs of every form: most positions that
   * start with a first character of some form (common Chinese characters, every English word start)
   * continue with a second one no form has, and are rejected without touching the trie.
   */
  pairs: Uint32Array;
  edgeStart: Int32Array;
  edgeCode: Uint16Array;
  edgeTarget: Int32Array;
  /** The node after a run of separators, or -1. */
  separatorTarget: Int32Array;
  /** Index into `terminalLists`, or -1. */
  terminalIndex: Int32Array;
  terminalLists: Terminal[][];
}

export function pairHash(first: number, second: number): number {
  return (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b)) >>> 16;
}

export function buildTrie(entries: readonly GlossaryEntry[]): FlatTrie {
  const builder = new TrieBuilder();
  for (const entry of entries) {
    for (const form of surfaceForms(entry)) builder.add(entry.id, form);
  }
  return builder.compile();
}

class TrieBuilder {
  private readonly asciiBuild: (TrieNode | null)[] = new Array<TrieNode | null>(128).fill(null);
  private readonly otherBuild = new Map<number, TrieNode>();
  private readonly otherStarts = new Uint32Array(0x10000 >>> 5);
  private readonly pairs = new Uint32Array(0x10000 >>> 5);

  compile(): FlatTrie {
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
    const trie: FlatTrie = {
      asciiRoot: new Int32Array(128).fill(-1),
      otherRoot: new Map(),
      otherStarts: this.otherStarts,
      pairs: this.pairs,
      edgeStart: new Int32Array(count + 1),
      edgeCode: new Uint16Array(edges),
      edgeTarget: new Int32Array(edges),
      separatorTarget: new Int32Array(count).fill(-1),
      terminalIndex: new Int32Array(count).fill(-1),
      terminalLists: [],
    };
    let e = 0;
    order.forEach((node, n) => {
      trie.edgeStart[n] = e;
      node.kids.forEach((kid, k) => {
        trie.edgeCode[e] = node.codes[k];
        trie.edgeTarget[e++] = ids.get(kid)!;
      });
      if (node.separator) trie.separatorTarget[n] = ids.get(node.separator)!;
      if (node.terminals) {
        trie.terminalIndex[n] = trie.terminalLists.length;
        trie.terminalLists.push(node.terminals);
      }
    });
    trie.edgeStart[count] = e;
    this.asciiBuild.forEach((node, code) => node && (trie.asciiRoot[code] = ids.get(node)!));
    this.otherBuild.forEach((node, code) => trie.otherRoot.set(code, ids.get(node)!));
    return trie;
  }

  add(term: string, form: string): void {
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
}
