import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { forEachNode, type TaxonomyNode } from '../../../src/core/notes/index';

export const fixturesDir = join(__dirname, '..', '..', 'fixtures', 'notes');

export function fixture(name: string): string {
  return readFileSync(join(fixturesDir, name), 'utf8');
}

/**
 * The real learner's note the product is designed around. It is read from the design folder beside
 * the checkout (`../shared/seed/`, also present in CI) rather than copied into the project.
 */
export const seedNotePath = join(__dirname, '..', '..', '..', '..', 'shared', 'seed', 'kvm-study-note.zh.md');

export function seedNote(): string {
  if (!existsSync(seedNotePath)) throw new Error(`the seed note is missing: expected ${seedNotePath} (the design folder beside the checkout)`);
  return readFileSync(seedNotePath, 'utf8');
}

/** The first node (document order) whose label matches, or a failed assertion. */
export function nodeLabelled(roots: readonly TaxonomyNode[], label: string | RegExp): TaxonomyNode {
  let found: TaxonomyNode | undefined;
  forEachNode(roots, (node) => {
    if (!found && (typeof label === 'string' ? node.label === label : label.test(node.label))) found = node;
  });
  if (!found) throw new Error(`no node labelled ${String(label)}`);
  return found;
}

/** Labels of a node list, to compare the tree's shape one level at a time. */
export function labels(nodes: readonly TaxonomyNode[]): string[] {
  return nodes.map((node) => node.label);
}

export function allNodes(roots: readonly TaxonomyNode[]): TaxonomyNode[] {
  const nodes: TaxonomyNode[] = [];
  forEachNode(roots, (node) => nodes.push(node));
  return nodes;
}
