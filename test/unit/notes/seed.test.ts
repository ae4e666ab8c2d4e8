import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outlineNote } from '../../../src/core/notes/index';
import { findTerms } from '../../../src/core/glossary/index';
import { designSeedNote, labels, nodeLabelled } from './helpers';

// The learner's note the product was designed around, read only where the design folder sits beside
// the repository. A fresh clone has no such folder: the test then skips and says so.
const seed = designSeedNote();

test("the design folder's seed note: title, headings, nesting and key terms", { skip: seed.skip }, () => {
  const outline = outlineNote(seed.text);
  assert.equal(outline.title, '学习KVM');
  assert.deepEqual(labels(outline.roots), ['KVM学习阅读笔记']);
  const intro = nodeLabelled(outline.roots, '1. 虚拟化技术简介');
  assert.deepEqual([intro.kind, intro.line, intro.depth], ['heading', 23, 2]);
  assert.deepEqual(intro.children.map((node) => node.line), [25, 29, 35, 39, 46, 69]);
  const byStructure = nodeLabelled(outline.roots, '从虚拟化实现结构划分：');
  assert.equal(byStructure.children.length, 3);
  assert.match(byStructure.children[1].label, /^宿主模型虚拟化\(host模型\)：/);
  assert.deepEqual(outline.warnings, []);

  const bodyStartLine = seed.text.split('\n').findIndex((line, i) => i > 0 && line === '---') + 2;
  const terms = findTerms(seed.text);
  assert.ok(terms.every((match) => match.line >= bodyStartLine), 'a term matched in the front matter');
  const found = new Set(terms.map((match) => `${match.text} → ${match.term}`));
  for (const pair of ['宿主模型虚拟化 → hosted-model', '混合模型虚拟化 → hybrid-model', '截获并重定向 → trap-and-emulate', 'Hypervisor型虚拟化 → hypervisor-model']) {
    assert.ok(found.has(pair), pair);
  }
});
