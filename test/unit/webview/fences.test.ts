// ```vmasm blocks in notes: found like CommonMark finds fences, and positions mapped both ways
// so that an assembler error lands on the right character of the note.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fenceAt, findVmasmFences, toNotePosition, toProgramPosition } from '../../../src/extension/guestLanguage/fences';

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
