import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { forEachNode, type TaxonomyNode } from '../../../src/core/notes/index';

export const fixturesDir = join(__dirname, '..', '..', 'fixtures', 'notes');

export function fixture(name: string): string {
  return readFileSync(join(fixturesDir, name), 'utf8');
}

/**
 * Our own learner-style study note (Chinese, YAML front matter, nested ordered and bullet lists,
 * images with and without alt text, and the common slip of swapping Xen and KVM between the hosted
 * and hybrid models). Every test that needs a realistic note reads this one, so a fresh clone passes.
 */
export const studyNotePath = join(fixturesDir, 'study-note.zh.md');

export function studyNote(): string {
  return readFileSync(studyNotePath, 'utf8');
}

/** Kept for callers written before the fixture existed: the same note as studyNote(). */
export const seedNote = studyNote;

/**
 * The real learner's note the product was designed around is not part of the project (a user's
 * clone has only our own fixture, studyNote()); a developer who has it points KVM_LAB_SEED_NOTE at
 * it to run the tests against it. Without it they skip, saying why.
 */
export const designSeedNotePath = process.env.KVM_LAB_SEED_NOTE ?? '';

export function designSeedNote(): { text: string; skip: false } | { text: ''; skip: string } {
  if (!designSeedNotePath || !existsSync(designSeedNotePath)) {
    return { text: '', skip: `no learner's seed note (${designSeedNotePath || 'KVM_LAB_SEED_NOTE is not set'}); set KVM_LAB_SEED_NOTE to its path to run this test` };
  }
  return { text: readFileSync(designSeedNotePath, 'utf8'), skip: false };
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
