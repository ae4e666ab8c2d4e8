/**
 * An outline tree as two flat values for the trip from the outline worker to the extension host:
 * every label in one string and the numbers in one Int32Array (transferred, not copied). Cloning a
 * tree of tens of thousands of node objects took the host's thread ~100 ms at once; one string and
 * one buffer cost a few milliseconds, and the host rebuilds the nodes in slices between which it
 * answers others (`rebuildOutline`). Pure: no Node API, no `vscode`.
 */
import type { TaxonomyNode } from '../../core/notes/index';

/** Per node, in pre-order: kind (0 heading, 1 item), line, endLine, depth, parent's index (-1: a root), label length. */
const FIELDS = 6;

export interface FlatOutline {
  labels: string;
  numbers: Int32Array;
}

export function flattenOutline(roots: readonly TaxonomyNode[]): FlatOutline {
  const labels: string[] = [];
  const numbers: number[] = [];
  // Iterative pre-order: a note may nest thousands of levels.
  const stack: { node: TaxonomyNode; parent: number }[] = roots.map((node) => ({ node, parent: -1 })).reverse();
  while (stack.length > 0) {
    const { node, parent } = stack.pop()!;
    const index = labels.length;
    labels.push(node.label);
    numbers.push(node.kind === 'heading' ? 0 : 1, node.line, node.endLine, node.depth, parent, node.label.length);
    for (let c = node.children.length - 1; c >= 0; c--) stack.push({ node: node.children[c]!, parent: index });
  }
  return { labels: labels.join(''), numbers: Int32Array.from(numbers) };
}

/** Nodes rebuilt per slice before the host's thread is given back. */
export const REBUILD_SLICE = 2_000;

/**
 * The tree again, with `findTerms` run on each label, `REBUILD_SLICE` nodes at a time; `yieldThread`
 * runs between slices (the host passes a setImmediate, so other callers are answered in between).
 */
export async function rebuildOutline(flat: FlatOutline, findTerms: ((label: string) => string[]) | undefined, yieldThread: () => Promise<void>): Promise<TaxonomyNode[]> {
  const count = Math.floor(flat.numbers.length / FIELDS);
  const nodes: TaxonomyNode[] = new Array(count);
  const roots: TaxonomyNode[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % REBUILD_SLICE === 0) await yieldThread();
    const at = i * FIELDS;
    const n = flat.numbers;
    const label = flat.labels.slice(offset, offset + n[at + 5]!);
    offset += n[at + 5]!;
    const node: TaxonomyNode = {
      label, kind: n[at] === 0 ? 'heading' : 'item', line: n[at + 1]!, endLine: n[at + 2]!, depth: n[at + 3]!,
      terms: label && findTerms ? findTerms(label).slice() : [], children: [],
    };
    nodes[i] = node;
    const parent = n[at + 4]!;
    (parent < 0 ? roots : nodes[parent]!.children).push(node);
  }
  return roots;
}
