import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeAtLine, outlineNote } from '../../../src/core/notes/index';
import { generateNote } from '../../../bench/noteText';
import { allNodes, fixture, nodeLabelled } from './helpers';

test('an empty note gives an empty tree and no warning', () => {
  for (const text of ['', '\n\n', '   ', '---\ntitle: Only front matter\n---\n']) {
    const outline = outlineNote(text);
    assert.deepEqual([outline.roots, outline.nodeCount, outline.warnings], [[], 0, []]);
  }
  assert.equal(outlineNote('---\ntitle: Only front matter\n---\n').title, 'Only front matter');
});

test('3,000 levels of nested lists and blockquotes: no stack overflow, a tree and a warning', () => {
  // `- - - … x` opens one list inside another per marker; 3,000 indented lines would exceed the size limit.
  const lists = `${'- '.repeat(3000)}deep\n${'1. '.repeat(3000)}deeper\n`;
  const quotes = `${'>'.repeat(3000)} deep quote\n\n# After the quote\n`;
  for (const text of [lists, quotes]) {
    const outline = outlineNote(text);
    assert.ok(outline.warnings.length > 0, 'the truncation is reported');
  }
  // What markdown-it drops is the text of the deepest levels; the empty levels above it go too.
  assert.equal(outlineNote(lists).nodeCount, 0);
  const mixed = `# Top\n\n${'> '.repeat(3000)}- buried item\n\n- visible item\n  - its child\n`;
  const outline = outlineNote(mixed);
  assert.ok(outline.warnings.length > 0);
  assert.deepEqual(outline.roots[0].children.map((node) => node.label), ['visible item']);
  assert.equal(outline.roots[0].children[0].children[0].label, 'its child');
  assert.equal(outlineNote(quotes).roots.at(-1)?.label, 'After the quote');
});

test('3,000 levels of nested brackets and emphasis in one line do not take the parser down', () => {
  const text = `# ${'['.repeat(3000)}x${']'.repeat(3000)}\n\n- ${'*_'.repeat(3000)}y\n`;
  const outline = outlineNote(text);
  assert.equal(outline.roots.length, 1);
});

test('a binary file gives a clear warning and no nodes', () => {
  const outline = outlineNote('PK\u0003\u0004\u0000\u0000binary\u0000# not a heading');
  assert.equal(outline.nodeCount, 0);
  assert.match(outline.warnings[0], /binary/i);
});

test('a note over the size limit is refused with a reason, in the asked language', () => {
  const outline = outlineNote('# big\n'.repeat(100), { maxChars: 100, language: 'zh-cn' });
  assert.equal(outline.nodeCount, 0);
  assert.equal(outline.warnings.length, 1);
  assert.match(outline.warnings[0], /[\u4e00-\u9fff]/, 'the warning is in Chinese');
});

test('a 2 MB note gives its whole tree', () => {
  const note = generateNote(2 * 1024 * 1024);
  const outline = outlineNote(note);
  assert.deepEqual(outline.warnings, []);
  assert.equal(outline.title, '生成的笔记 Generated note');
  const sections = outline.roots[0].children;
  assert.ok(sections.length > 1000, `${sections.length} sections`);
  // Every generated section has the same shape: heading > heading > items > nested items.
  const last = sections.at(-1)!;
  assert.match(last.label, /^\d+\. 虚拟化的分类/);
  assert.equal(last.children[0].children[0].children.length, 2);
});

test('nodeAtLine finds the deepest node covering a line', () => {
  const outline = outlineNote(fixture('varied.md'));
  assert.equal(nodeAtLine(outline.roots, 12)?.label, 'ordered child one');
  assert.equal(nodeAtLine(outline.roots, 20)?.label, 'Skipped to level four');
  assert.equal(nodeAtLine(outline.roots, 45)?.label, 'soft wrapped label');
  assert.equal(nodeAtLine(outline.roots, 52)?.label, 'Back to level one');
  assert.equal(nodeAtLine(outline.roots, 1000), undefined);
  for (const node of allNodes(outline.roots)) {
    assert.ok(node.endLine >= node.line, `"${node.label}" ends after it starts`);
    assert.equal(nodeAtLine(outline.roots, node.line), node, `a node's own line finds "${node.label}"`);
  }
  assert.equal(nodeLabelled(outline.roots, 'Inline markup 🚀').line, 35);
});
