import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outlineNote } from '../../../src/core/notes/index';
import { allNodes, labels, nodeLabelled, studyNote } from './helpers';

// Our learner-style fixture: YAML front matter, a blockquote, links, images, ordered lists inside
// bullet lists, four levels of items, full-width punctuation.
const note = studyNote();
const outline = outlineNote(note);

test('the front matter gives the title and no nodes', () => {
  assert.equal(outline.title, '学习KVM');
  const lines = allNodes(outline.roots).map((node) => node.line);
  assert.ok(lines.every((line) => line > 11), `a node inside the front matter: ${lines.filter((l) => l <= 11)}`);
});

test('headings nest by level and keep their real source lines', () => {
  assert.deepEqual(labels(outline.roots), ['虚拟化复习笔记']);
  const [h1] = outline.roots;
  assert.deepEqual([h1.kind, h1.line, h1.depth], ['heading', 13, 1]);
  assert.deepEqual(labels(h1.children), ['KVM 文档', 'QEMU 文档', '一、从云计算说起', '二、虚拟化的分类', '三、核心：截获并重定向']);
  const h2 = nodeLabelled(outline.roots, '二、虚拟化的分类');
  assert.deepEqual([h2.kind, h2.line, h2.depth], ['heading', 33, 2]);
});

test('the top-level items of a section sit under its heading', () => {
  const h2 = nodeLabelled(outline.roots, '二、虚拟化的分类');
  assert.deepEqual(labels(h2.children), ['按实现方式划分：', '按客户机是否修改划分：', '按 VMM 的结构划分：']);
  assert.deepEqual(h2.children.map((node) => node.line), [35, 45, 48]);
});

test('bullet and ordered lists nest as written, four levels deep', () => {
  const byMethod = nodeLabelled(outline.roots, '按实现方式划分：');
  assert.equal(byMethod.depth, 1);
  assert.deepEqual(byMethod.children.map((node) => [node.line, node.label.split('：')[0]]), [[36, '软件虚拟化'], [42, '硬件辅助虚拟化']]);
  const software = byMethod.children[0];
  assert.equal(software.depth, 2);
  assert.deepEqual(labels(software.children), ['纯软件模拟：QEMU（不带 KVM 时）', '动态二进制翻译：早期的 VMware', '缺点：多了一层翻译，性能一般。']);
  const translation = software.children[1];
  assert.deepEqual(translation.children.map((node) => [node.line, node.depth, node.label]), [
    [39, 4, '用户态代码直接运行'],
    [40, 4, '内核代码先翻译、再运行'],
  ]);
  // An ordered list and a bullet list under one item are both its children.
  const models = nodeLabelled(outline.roots, '三种服务模式：');
  assert.deepEqual(labels(models.children), ['软件即服务（SaaS）', '平台即服务（PaaS）', '基础设施即服务（IaaS）']);
});

test('the structure section keeps the slip as written: Xen under the hosted model, KVM under the hybrid one', () => {
  const structure = nodeLabelled(outline.roots, '按 VMM 的结构划分：');
  assert.deepEqual(structure.children.map((node) => node.line), [49, 50, 51]);
  assert.match(structure.children[1].label, /^宿主模型：.*Xen。$/);
  assert.match(structure.children[2].label, /^混合模型：.*例如 KVM。$/);
});

test('an item label is its own text only: markup rendered, children left out, full-width punctuation kept', () => {
  const notCloud = nodeLabelled(outline.roots, '云计算不等于虚拟化');
  assert.equal(notCloud.line, 24);
  assert.equal(notCloud.children.length, 1);
  const hardware = nodeLabelled(outline.roots, /^客户机内核留在 0 环/);
  assert.equal(hardware.label, '客户机内核留在 0 环，需要截获的操作由 CPU 直接退出到 VMM。');
});

test('images without alt text are left out; an image with alt text keeps it as its label', () => {
  const all = allNodes(outline.roots);
  assert.equal(all.some((node) => node.label === ''), false);
  assert.equal(nodeLabelled(outline.roots, '服务模式分层图').line, 31);
  assert.ok(!all.some((node) => node.line === 30), 'the image with no alt text gave a node');
});

test('nodeCount counts every node in the tree', () => {
  assert.equal(outline.nodeCount, allNodes(outline.roots).length);
  assert.deepEqual(outline.warnings, []);
});
