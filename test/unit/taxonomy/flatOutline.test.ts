// The outline's trip from the worker to the host, flat: the tree comes back exactly (labels of any
// script, empty ones, deep nesting), terms found on the way, and the host given back its thread
// every REBUILD_SLICE nodes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { termIdsInText } from '../../../src/core/glossary/index';
import { outlineNote } from '../../../src/core/notes/index';
import { flattenOutline, rebuildOutline, REBUILD_SLICE } from '../../../src/extension/taxonomy/flatOutline';

const note = [
  '---', 'title: t', '---', '# Hypervisor 与 VMM', '', '- 半虚拟化 (Xen)', '  - EPT 🚀 and VT-x', '    1. `code` only', '', '## QEMU', '', 'Setext', '======', '', '#', '',
  ...Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- level ${i} KVM`),
].join('\n');

test('flatten then rebuild gives the core outline back, glossary terms included', async () => {
  const expected = outlineNote(note, { findTerms: termIdsInText });
  const flat = flattenOutline(outlineNote(note).roots);
  assert.equal(flat.numbers.length, expected.nodeCount * 6);
  const roots = await rebuildOutline(flat, termIdsInText, async () => {});
  assert.deepEqual(roots, expected.roots);
  assert.deepEqual(await rebuildOutline(flattenOutline([]), termIdsInText, async () => {}), []);
});

test('the rebuild gives the thread back every REBUILD_SLICE nodes', async () => {
  const many = Array.from({ length: REBUILD_SLICE * 3 + 5 }, (_, i) => `- item ${i} about the hypervisor`).join('\n');
  const outline = outlineNote(many);
  let yields = 0;
  const roots = await rebuildOutline(flattenOutline(outline.roots), termIdsInText, async () => {
    yields++;
  });
  assert.equal(yields, 3);
  assert.equal(roots.length, REBUILD_SLICE * 3 + 5);
  assert.deepEqual(roots[7]!.terms, ['hypervisor']);
});
