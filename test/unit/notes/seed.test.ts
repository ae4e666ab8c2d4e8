import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outlineNote } from '../../../src/core/notes/index';
import { allNodes, labels, nodeLabelled, seedNote } from './helpers';

// A real learner's note: YAML front matter, a blockquote, links, images, five levels of bullets.
const seed = seedNote();
const outline = outlineNote(seed);

test('the front matter gives the title and no nodes', () => {
  assert.equal(outline.title, '学习KVM');
  const lines = allNodes(outline.roots).map((node) => node.line);
  assert.ok(lines.every((line) => line > 13), `a node inside the front matter: ${lines.filter((l) => l <= 13)}`);
});

test('headings nest by level and keep their real source lines', () => {
  assert.deepEqual(labels(outline.roots), ['KVM学习阅读笔记']);
  const [h1] = outline.roots;
  assert.equal(h1.line, 15);
  assert.equal(h1.depth, 1);
  const h2 = nodeLabelled(outline.roots, '1. 虚拟化技术简介');
  assert.equal(h2.kind, 'heading');
  assert.equal(h2.line, 23);
  assert.equal(h2.depth, 2);
  assert.deepEqual(labels(h1.children), ['GitPage', 'GitHub', 'GitBook', '1. 虚拟化技术简介']);
});

test('the top-level items of the introduction sit under its heading', () => {
  const h2 = nodeLabelled(outline.roots, '1. 虚拟化技术简介');
  assert.deepEqual(labels(h2.children), ['云计算：', '云计算模式：', '云计算的本质：', '虚拟化的本质:', '虚拟化的分类：', '虚拟化模型：']);
  assert.deepEqual(h2.children.map((node) => node.line), [25, 29, 35, 39, 46, 69]);
});

test('the classification is nested as written', () => {
  const classification = nodeLabelled(outline.roots, '虚拟化的分类：');
  assert.equal(classification.line, 46);
  assert.equal(classification.depth, 1);
  assert.deepEqual(labels(classification.children), ['支持层次的划分：', '从虚拟平台的角度划分：', '从虚拟化实现结构划分：']);
  assert.deepEqual(classification.children.map((node) => node.line), [47, 60, 65]);

  const bySupport = classification.children[0];
  assert.deepEqual(
    bySupport.children.map((node) => [node.line, node.label.split('：')[0]]),
    [[48, '软件虚拟化'], [53, '硬件虚拟化'], [56, 'CPU虚拟化'], [57, '内存虚拟化'], [58, '网络虚拟化'], [59, '存储虚拟化']],
  );
  const software = bySupport.children[0];
  assert.equal(software.depth, 3);
  assert.deepEqual(labels(software.children).slice(0, 2), ['纯软件翻译：QEMU', '动态二进制翻译：VMware']);
  assert.equal(software.children[0].depth, 4);

  const byStructure = classification.children[2];
  assert.equal(byStructure.children.length, 3);
  assert.match(byStructure.children[1].label, /^宿主模型虚拟化\(host模型\)：/);
});

test('an item label is its own text only: markup rendered, children left out, full-width punctuation kept', () => {
  const notCloud = nodeLabelled(outline.roots, '虚拟化!=云计算');
  assert.equal(notCloud.line, 27);
  assert.equal(notCloud.children.length, 1);
  const core = nodeLabelled(outline.roots, /^虚拟化技术的核心是CPU虚拟化/);
  assert.match(core.label, /“截获并重定向”，内存和IO设备/);
  const full = nodeLabelled(outline.roots, /^全虚拟化/);
  assert.equal(full.label, '全虚拟化(Full Virtualization)(硬件辅助虚拟化)：虚拟机（VM）和硬件之间加了一个软件层–Hypervisor，或者叫做虚拟机管理程序（VMM）。VMM分为两类：');
});

test('images with no alt text and no children are left out', () => {
  const models = nodeLabelled(outline.roots, '云计算模式：');
  assert.deepEqual(labels(models.children), [
    '软件即服务(Software as a Service)',
    '平台即服务(Platform as a Service)',
    '基础设施即服务(Insfrastructure as a Service)',
  ]);
  assert.equal(allNodes(outline.roots).some((node) => node.label === ''), false);
});

test('nodeCount counts every node in the tree', () => {
  assert.equal(outline.nodeCount, allNodes(outline.roots).length);
  assert.deepEqual(outline.warnings, []);
});
