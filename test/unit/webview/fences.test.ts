// ```vmasm blocks in notes: found like CommonMark finds fences, and positions mapped both ways
// so that an assembler error lands on the right character of the note.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FenceCache, fenceAt, findVmasmFences, toNotePosition, toProgramPosition } from '../../../src/extension/guestLanguage/fences';

const note = [
  '# POPF', //                0
  '',
  '```vmasm', //              2
  '_start: mov r0, 1', //     3
  '        popf', //          4
  '```', //                   5
  '',
  '- In a list:', //          7
  '  ~~~~ VMASM {title="x"}', // 8
  '    hlt', //               9
  '  ~~~~', //                10
  '```js', //                 11
  'not vmasm', //             12
  '```',
  '```vmasm', //              14
  'unterminated', //          15
].join('\n');

test('finds every vmasm block, in lists and with attributes, but not other languages', () => {
  const fences = findVmasmFences(note);
  assert.deepEqual(fences.map((f) => [f.fenceLine, f.firstLine, f.endLine]), [[2, 3, 5], [8, 9, 10], [14, 15, 16]]);
  assert.equal(fences[0]!.text, '_start: mov r0, 1\n        popf');
  assert.equal(fences[1]!.text, '  hlt', 'the fence indentation (2) is removed, the rest kept');
  assert.equal(fences[2]!.text, 'unterminated');
});

test('a closing fence must be as long as the opening one', () => {
  const fences = findVmasmFences('````vmasm\nnop\n```\nhlt\n````\n');
  assert.equal(fences.length, 1);
  assert.equal(fences[0]!.text, 'nop\n```\nhlt');
});

test('a backtick fence whose info string has a backtick is not a fence', () => {
  assert.equal(findVmasmFences('``` vmasm `x`\nhlt\n```').length, 0);
});

test('CRLF notes work', () => {
  const [fence] = findVmasmFences('text\r\n```vmasm\r\nhlt\r\n```\r\n');
  assert.equal(fence!.text, 'hlt');
  assert.equal(fence!.firstLine, 2);
});

test('positions map between a block and its note', () => {
  const fences = findVmasmFences(note);
  const list = fences[1]!;
  // Program line 1, column 3 (`hlt` after two spaces) is note line 9, character 4.
  assert.deepEqual(toNotePosition(list, 1, 3), { line: 9, character: 4 });
  assert.deepEqual(toProgramPosition(list, 9, 4), { line: 0, character: 2 });
  assert.equal(toProgramPosition(list, 8, 0), undefined, 'the fence line is not program text');
  assert.equal(fenceAt(fences, 4), fences[0]);
  assert.equal(fenceAt(fences, 2), fences[0]);
  assert.equal(fenceAt(fences, 5), undefined, 'the closing fence is outside');
  assert.equal(fenceAt(fences, 12), undefined);
});

test('fenceAt finds the block around a line among many (binary search agrees with a scan)', () => {
  const many = findVmasmFences(Array.from({ length: 200 }, (_, i) => `para ${i}\n\n\`\`\`vmasm\nhlt\n\`\`\`\n`).join('\n'));
  assert.equal(many.length, 200);
  const lines = many[many.length - 1]!.endLine + 2;
  for (let line = 0; line < lines; line++) {
    assert.equal(fenceAt(many, line), many.find((f) => line >= f.fenceLine && line < f.endLine), `line ${line}`);
  }
});

/** A document as the cache sees it, counting how often its whole text is read. */
function fakeDocument(uri: string, text: string) {
  const doc = { uri, version: 1, text, reads: 0, getText: () => (doc.reads++, doc.text) };
  return doc;
}

test('the fence cache reads a document once per version, and again after an edit or a close', () => {
  const cache = new FenceCache();
  const doc = fakeDocument('file:///note.md', note);
  const first = cache.fencesOf(doc);
  assert.equal(cache.fencesOf(doc), first, 'same version: the same fences, no re-read');
  assert.equal(doc.reads, 1);
  doc.text = '```vmasm\nnop\n```\n';
  doc.version = 2;
  assert.equal(cache.fencesOf(doc).length, 1, 'a new version is read again');
  assert.equal(doc.reads, 2);
  cache.forget(doc.uri);
  doc.version = 1; // a reopened document counts from 1 again
  doc.text = 'no fences';
  assert.equal(cache.fencesOf(doc).length, 0);
  assert.equal(doc.reads, 3);
});

test('the fence cache is bounded and evicts the least recently used document', () => {
  const cache = new FenceCache(3);
  const docs = ['a', 'b', 'c', 'd'].map((name) => fakeDocument(`file:///${name}.md`, note));
  cache.fencesOf(docs[0]!);
  cache.fencesOf(docs[1]!);
  cache.fencesOf(docs[2]!);
  cache.fencesOf(docs[0]!); // a is used again: b is now the oldest
  cache.fencesOf(docs[3]!);
  assert.equal(cache.size, 3);
  cache.fencesOf(docs[0]!);
  cache.fencesOf(docs[1]!);
  assert.deepEqual(docs.map((d) => d.reads), [1, 2, 1, 1], 'a stayed cached, b was evicted and read again');
});

test('the fence cache also bounds the programs it holds, keeping the document just asked for', () => {
  const cache = new FenceCache(16, 40);
  const program = (n: number) => `\`\`\`vmasm\n${'x'.repeat(n)}\n\`\`\`\n`;
  const small = fakeDocument('file:///small.md', program(10));
  const big = fakeDocument('file:///big.md', program(100));
  cache.fencesOf(small);
  cache.fencesOf(big);
  assert.equal(cache.size, 1, 'the small note made room for the big one');
  cache.fencesOf(big);
  assert.equal(big.reads, 1, 'the big one, alone over the limit, is still cached');
  cache.fencesOf(small);
  assert.deepEqual([small.reads, cache.size], [2, 1]);
});
