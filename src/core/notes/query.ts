import type { TaxonomyNode } from './types';

/**
 * The deepest node whose lines contain `line` ("Show in taxonomy" from a cursor), or undefined.
 * Siblings are in source order, so each level is a binary search.
 */
export function nodeAtLine(roots: readonly TaxonomyNode[], line: number): TaxonomyNode | undefined {
  let found: TaxonomyNode | undefined;
  let level = roots;
  for (;;) {
    let low = 0;
    let high = level.length - 1;
    let candidate: TaxonomyNode | undefined;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (level[mid].line <= line) {
        candidate = level[mid];
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    if (!candidate || candidate.endLine < line) return found;
    found = candidate;
    level = candidate.children;
  }
}

/** Visits every node in document order (pre-order), iteratively; `depth` is 0 for roots. */
export function forEachNode(
  roots: readonly TaxonomyNode[],
  visit: (node: TaxonomyNode, depth: number, parent: TaxonomyNode | undefined) => void,
): void {
  const stack: { node: TaxonomyNode; depth: number; parent: TaxonomyNode | undefined }[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push({ node: roots[i], depth: 0, parent: undefined });
  while (stack.length > 0) {
    const { node, depth, parent } = stack.pop()!;
    visit(node, depth, parent);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i], depth: depth + 1, parent: node });
  }
}
