// Random and hostile Markdown through everything that reads a learner's note: the outline, the
// glossary's term finder, the preview plugin and the ```vmasm fence finders. Each property asserts
// that nothing throws and that the work stays proportional to the input, counted in operations
// (characters handed to the matcher, marks, nodes, fences), never in wall time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { findTerms, skippedLineRanges, termIdsInText } from '../../../src/core/glossary/index';
import { forEachNode, outlineNote } from '../../../src/core/notes/index';
import { LANGUAGE_ATTRIBUTE, MAX_GROWTH, SMALL_NOTE_ALLOWANCE, termsPlugin } from '../../../src/core/preview/termsPlugin';
import { FenceCache, fenceAt, findVmasmFences } from '../../../src/extension/guestLanguage/fences';
import { fuzzParams } from './config';

const params = fuzzParams(60);

/** Pieces learners and attackers write: every block construct, glossary terms in both languages, fences, HTML. */
const fragment = fc.oneof(
  fc.constantFrom(
    '# Hypervisor 与 VMM\n', '## 半虚拟化 paravirtualization\n', '- KVM\n', '  - EPT, VT-x\n', '1. VM exit\n', '> QEMU\n',
    '```vmasm\ncpuid ; VMM\n```\n', '```vmasm\n', '```\n', '~~~c\nVMM\n~~~\n', '    indented VMM code\n', '`VMM`', '[VMM](x)',
    '[ref]: http://a "VMM"\n', '[ref]', '<abbr title="x">VMM</abbr>', '<div>\nVMM\n</div>\n', '<!-- VMM -->\n', '---\n', '...\n',
    '\n', '\r\n', '\r', '\t', '*', '_', '**VMM**', '\\', '&amp;', '&#0;', '\u0000', '\uFEFF', '\uD800', '\uDFFF', '🙂',
    '| a | VMM |\n|---|---|\n| 半虚拟化 | b |\n', 'Xen 的半虚拟化很快。', 'a hypervisor, or VMM.',
  ),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** Markdown built from the pieces above, plus deliberately hostile shapes. */
const hostileMarkdown = fc.oneof(
  { weight: 4, arbitrary: fc.array(fragment, { maxLength: 60 }).map((parts) => parts.join('')) },
  // Deep nesting: quotes, lists, brackets, emphasis, a staircase of indented items.
  fc.tuple(fc.constantFrom('> ', '- ', '1. ', '[', '*', '_', '<div>', '  '), fc.integer({ min: 50, max: 3000 }), fc.constantFrom('VMM', 'hypervisor', '半虚拟化')).map(
    ([marker, depth, term]) => `${marker.repeat(depth)}${term}\n`,
  ),
  fc.integer({ min: 10, max: 200 }).map((n) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- VMM ${i}`).join('\n')),
  // Dense with terms: what the preview's budget is for.
  fc.array(fc.constantFrom('VMM ', '半虚拟化', 'EPT,', 'KVM\n', '- VT-x ', '\n\n', 'QEMU '), { minLength: 200, maxLength: 3000 }).map((parts) => parts.join('')),
  // Binary and broken UTF-8: random bytes decoded leniently, as an editor shows a file it cannot read.
  fc.uint8Array({ maxLength: 400 }).map((bytes) => new TextDecoder('utf-8').decode(bytes)),
  fc.uint8Array({ maxLength: 400 }).map((bytes) => String.fromCharCode(...bytes)),
  // Reference-definition storms, with and without uses.
  fc.integer({ min: 1, max: 2000 }).map((n) => Array.from({ length: n }, (_, i) => `[r${i}]: http://x/${i} "VMM ${i}"\n`).join('') + '[r1] [r2][r3] VMM\n'),
  // Many fences, closed or not, of both kinds, with and without the vmasm info string.
  fc.array(fc.constantFrom('```vmasm\nhlt\n```\n', '~~~vmasm\nhlt\n', '````\n```vmasm\n````\n', '```js\nVMM\n```\n', '```vmasm {x}\n', 'VMM\n'), { maxLength: 300 }).map((parts) => parts.join('')),
  // Front matter edge cases: unclosed, empty, `...` closing, CRLF, after a BOM, huge, fences inside.
  fc.constantFrom(
    '---\n', '---\n---\n', '---\ntitle: VMM\n...\nVMM\n', '---\r\ntitle: x\r\n---\r\n# VMM\r\n', '\uFEFF---\ntitle: x\n---\nVMM',
    `---\n${'k: VMM\n'.repeat(5000)}---\n# after\n`, '---\n```vmasm\nhlt\n---\n```\n', '---\ntitle: [unclosed\n---\n',
  ),
);

/** A finder that counts what it is given: the matcher's work is linear in the characters it sees. */
function countingFinder() {
  const counter = { calls: 0, chars: 0 };
  const find = (text: string) => {
    counter.calls++;
    counter.chars += text.length;
    return findTerms(text, { markdown: false });
  };
  return { counter, find };
}

const LANGUAGE_ELEMENT = `<div hidden ${LANGUAGE_ATTRIBUTE}="en"></div>\n`;
const stripMarks = (html: string) => html.replaceAll('<abbr>', '').replaceAll('</abbr>', '').replace(LANGUAGE_ELEMENT, '');

/** The plain render, or undefined where markdown-it itself gives up (its inline parser can recurse). */
function plainRender(text: string): string | undefined {
  try {
    return new MarkdownIt({ html: true }).render(text);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

function checkPreview(text: string): void {
  const plain = plainRender(text);
  if (plain === undefined) return;
  const { counter, find } = countingFinder();
  const md = new MarkdownIt({ html: true });
  termsPlugin(md, { findInText: find, language: () => 'en' });
  const html = md.render(text);
  assert.ok(html.length <= (1 + MAX_GROWTH) * plain.length + SMALL_NOTE_ALLOWANCE + LANGUAGE_ELEMENT.length, `preview ${html.length} vs plain ${plain.length}`);
  assert.equal(stripMarks(html), stripMarks(plain), 'marks only wrap text that is there anyway');
  // Text runs are disjoint pieces of the note (entities and escapes only shorten them), scanned twice:
  // once to count the terms against the budget, once to mark them.
  assert.ok(counter.chars <= 2 * text.length, `matcher saw ${counter.chars} characters of a ${text.length}-character note`);
}

function checkOutline(text: string): void {
  let labelChars = 0;
  const outline = outlineNote(text, {
    findTerms: (label) => {
      labelChars += label.length;
      return termIdsInText(label);
    },
  });
  const lines = text.split(/\r\n|\r|\n/).length;
  let nodes = 0;
  forEachNode(outline.roots, (node) => {
    nodes++;
    assert.ok(node.line >= 1 && node.line <= node.endLine && node.endLine <= lines + 1, `node lines ${node.line}-${node.endLine} of ${lines}`);
  });
  assert.equal(nodes, outline.nodeCount);
  assert.ok(outline.nodeCount <= text.length, `${outline.nodeCount} nodes from ${text.length} characters`);
  // Each label is the text of its own block: together they cannot outgrow the note.
  assert.ok(labelChars <= text.length, `labels ${labelChars} of ${text.length}`);
}

function checkTermFinder(text: string): void {
  const matches = findTerms(text);
  assert.ok(matches.length <= text.length);
  let end = 0;
  for (const match of matches) {
    assert.ok(match.offset >= end && match.length > 0 && match.offset + match.length <= text.length, 'ordered, disjoint, inside');
    assert.equal(text.slice(match.offset, match.offset + match.length), match.text);
    end = match.offset + match.length;
  }
  const ranges = skippedLineRanges(text);
  const lines = text.split('\n').length;
  let last = 0;
  for (const [from, to] of ranges) {
    assert.ok(from > last && from <= to && to <= lines, `skipped ${from}-${to} after ${last} of ${lines}`);
    last = to;
  }
}

function checkFences(text: string): void {
  const fences = findVmasmFences(text);
  const lines = text.split(/\r?\n/).length;
  let programChars = 0;
  let previousEnd = -1;
  for (const fence of fences) {
    assert.ok(fence.fenceLine > previousEnd && fence.firstLine === fence.fenceLine + 1 && fence.endLine >= fence.fenceLine && fence.endLine <= lines);
    assert.equal(fenceAt(fences, fence.fenceLine), fence);
    programChars += fence.text.length;
    previousEnd = fence.endLine;
  }
  assert.ok(fences.length <= lines && programChars <= text.length, `${fences.length} fences, ${programChars} program characters of ${text.length}`);
  // Asked again and again for the same version, the note is read once.
  const cache = new FenceCache();
  let reads = 0;
  const document = { uri: 'file:///note.md', version: 1, getText: () => (reads++, text) };
  for (let i = 0; i < 5; i++) assert.equal(cache.fencesOf(document).length, fences.length);
  assert.equal(reads, 1);
}

const property = (check: (text: string) => void) => () => fc.assert(fc.property(hostileMarkdown, check), params);

test('preview plugin: hostile Markdown never throws, the page stays within 1.5× the plain render, the matcher sees each character at most twice', property(checkPreview));
test('outline: hostile Markdown never throws, nodes and labels stay within the size of the note', property(checkOutline));
test('term finder: matches are ordered, disjoint and no more than the characters, skipped ranges sound', property(checkTermFinder));
test('fence finders: fences are ordered and disjoint, their programs no larger than the note, read once per version', property(checkFences));

test('huge notes: a 1 MB note dense with terms and a 2 MB reference storm stay within the same bounds', () => {
  const dense = 'VMM 半虚拟化 hypervisor EPT VT-x KVM QEMU. '.repeat(Math.ceil(1024 * 1024 / 40));
  const storm = Array.from({ length: 60_000 }, (_, i) => `[r${i}]: http://example.org/${i} "VMM"\n`).join('') + '[r1] VMM\n';
  for (const text of [dense, storm]) {
    checkPreview(text);
    checkOutline(text);
    checkTermFinder(text);
    checkFences(text);
  }
});
