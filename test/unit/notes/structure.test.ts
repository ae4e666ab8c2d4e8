import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_LABEL, outlineNote } from '../../../src/core/notes/index';
import { allNodes, fixture, labels, nodeLabelled } from './helpers';

const varied = fixture('varied.md');

test('setext and ATX headings nest by level, skipped levels included', () => {
  const { roots } = outlineNote(varied);
  assert.deepEqual(labels(roots), ['Setext Title', 'Back to level one']);
  const [title] = roots;
  assert.deepEqual([title.kind, title.line, title.depth], ['heading', 1, 1]);
  assert.deepEqual(labels(title.children), ['Second Level Setext', 'Inline markup 🚀']);
  const second = title.children[0];
  assert.deepEqual([second.line, second.depth], [6, 2]);
  // Level 4 directly under level 2: it nests under the nearest shallower heading.
  assert.deepEqual(labels(second.children), ['Skipped to level four']);
  assert.deepEqual([second.children[0].line, second.children[0].depth], [9, 4]);
});

test('a heading section ends on its last line of content before the next heading of its level or higher', () => {
  const { roots } = outlineNote(varied);
  // Line 33 closes the HTML comment; the blank line 34 before "## Inline markup" is not the section's.
  assert.equal(nodeLabelled(roots, 'Second Level Setext').endLine, 33);
  assert.equal(nodeLabelled(roots, 'Setext Title').endLine, 50);
  assert.equal(nodeLabelled(roots, 'Back to level one').endLine, 52);
});

test('bullet and ordered items nest under their heading and their item', () => {
  const { roots } = outlineNote(varied);
  const item = nodeLabelled(roots, 'item under the level-four heading');
  assert.deepEqual([item.kind, item.line, item.endLine, item.depth], ['item', 11, 13, 1]);
  assert.deepEqual(labels(item.children), ['ordered child one', 'ordered child two']);
  assert.deepEqual(item.children.map((child) => [child.line, child.depth]), [[12, 2], [13, 2]]);
  const second = nodeLabelled(roots, 'second ordered');
  assert.deepEqual(labels(second.children), ['nested bullet']);
  assert.deepEqual(labels(nodeLabelled(roots, 'Inline markup 🚀').children).slice(-2), ['first ordered', 'second ordered']);
});

test('code fences, indented code, tables, HTML blocks and comments produce no nodes', () => {
  const all = allNodes(outlineNote(varied).roots);
  for (const hidden of [/shell comment/, /not an item/, /indented code/, /col/, /HTML block/, /commented-out/]) {
    assert.equal(all.some((node) => hidden.test(node.label)), false, `${hidden} leaked into the tree`);
  }
  assert.ok(all.every((node) => node.line < 15 || node.line > 33), 'a node from lines 15-33');
});

test('labels are plain text: code, emphasis, links and strikethrough keep their text, images their alt', () => {
  const { roots } = outlineNote(varied);
  const markup = nodeLabelled(roots, /^kvm\.ko/);
  assert.equal(markup.label, 'kvm.ko loads into the kernel via modprobe and magic');
  assert.equal(nodeLabelled(roots, /is an image/).label, 'QEMU logo is an image with alt text');
  assert.equal(nodeLabelled(roots, /HTML inline/).label, 'bold HTML inline is dropped, text kept');
  assert.equal(nodeLabelled(roots, /^soft/).label, 'soft wrapped label');
  assert.equal(nodeLabelled(roots, /中文/).label, '中文全角标点：（括号）、顿号，句号。');
  assert.equal(nodeLabelled(roots, /emoji/).label, '😀 emoji first');
});

test('an item with no text is dropped when it is a leaf and marked when it has children', () => {
  const { roots } = outlineNote(varied);
  const section = nodeLabelled(roots, 'Inline markup 🚀');
  const marked = section.children.find((node) => node.line === 40);
  assert.ok(marked);
  assert.equal(marked.label, EMPTY_LABEL);
  assert.deepEqual(labels(marked.children), ['child keeps its parent']);
  assert.equal(section.children.some((node) => node.line === 39), false);
  assert.equal(outlineNote('- ![](a.png)\n- - \n#\n').nodeCount, 0);
});

test('CRLF and lone CR line endings give the same tree with the same lines', () => {
  const lf = outlineNote(varied);
  assert.deepEqual(outlineNote(varied.replace(/\n/g, '\r\n')), lf);
  assert.deepEqual(outlineNote(varied.replace(/\n/g, '\r')), lf);
});

test('a heading inside a list item belongs to the item and opens no section', () => {
  const { roots } = outlineNote('# Top\n- item\n\n  ## inner\n- next\n');
  assert.deepEqual(labels(roots), ['Top']);
  assert.deepEqual(labels(roots[0].children), ['item', 'next']);
  assert.deepEqual(labels(roots[0].children[0].children), ['inner']);
  assert.equal(roots[0].children[0].children[0].kind, 'heading');
});

test('items in a blockquote still count; the later paragraphs of an item do not', () => {
  const { roots } = outlineNote('> - quoted item\n>   - quoted child\n\n- first paragraph\n\n  second paragraph\n');
  assert.deepEqual(labels(roots), ['quoted item', 'first paragraph']);
  assert.deepEqual(labels(roots[0].children), ['quoted child']);
  assert.deepEqual(roots[1].children, []);
});

test('the injected term finder fills terms; without one they stay empty', () => {
  const note = '# KVM and Xen\n- EPT\n';
  assert.deepEqual(allNodes(outlineNote(note).roots).map((node) => node.terms), [[], []]);
  const seen: string[] = [];
  const findTerms = (label: string): string[] => {
    seen.push(label);
    return label.split(/\W+/).filter((word) => ['KVM', 'Xen', 'EPT'].includes(word)).map((word) => word.toLowerCase());
  };
  const { roots } = outlineNote(note, { findTerms });
  assert.deepEqual(roots[0].terms, ['kvm', 'xen']);
  assert.deepEqual(roots[0].children[0].terms, ['ept']);
  assert.deepEqual(seen, ['KVM and Xen', 'EPT']);
});

test('reference-style links in labels keep their text, resolved against the definitions of the note', () => {
  const { roots } = outlineNote('# See [the SDM][sdm] and [KVM]\n\n- [Xen][] paper\n\n[sdm]: https://example.invalid/sdm\n[KVM]: https://example.invalid/kvm\n[xen]: https://example.invalid/xen\n');
  assert.equal(roots[0].label, 'See the SDM and KVM');
  assert.equal(roots[0].children[0].label, 'Xen paper');
});
