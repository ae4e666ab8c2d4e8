import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isQuietLine, quietLineRanges } from '../../../src/extension/glossary/quietLines';

/** The 0-based lines a hover must not answer on. */
function quiet(text: string): number[] {
  const ranges = quietLineRanges(text);
  return text.split('\n').map((_, i) => i).filter((i) => isQuietLine(ranges, i));
}

test('front matter is quiet, the body is not', () => {
  assert.deepEqual(quiet('---\ntitle: VMM\n---\nThe VMM traps.'), [0, 1, 2]);
  assert.deepEqual(quiet('Intro\n---\ntitle: VMM\n---'), [], 'a rule later in the note is not front matter');
});

test('fenced code is quiet, guest programs are not', () => {
  const note = ['# EPT', '```c', 'ept_violation();', '```', 'text', '```vmasm', 'popf', '```', '~~~', 'VMM', '~~~'].join('\n');
  assert.deepEqual(quiet(note), [1, 2, 3, 8, 9, 10]);
});

test('a fence closes only with the same character, at least as long, with nothing after it', () => {
  const note = ['````md', '```', 'still code', '~~~~', '```` not a close', '`````', 'prose'].join('\n');
  assert.deepEqual(quiet(note), [0, 1, 2, 3, 4, 5]);
});

test('an unclosed fence runs to the end, as the preview renders it', () => {
  assert.deepEqual(quiet('prose\n```\ncode\nmore code'), [1, 2, 3]);
});

test('inline code spans and indented fences inside list items', () => {
  assert.deepEqual(quiet('``` inline `code` span ```\nVMM'), [], 'a backtick in the info string makes it inline code');
  assert.deepEqual(quiet('- item\n    ```sh\n    modprobe kvm\n    ```\n- VMM'), [1, 2, 3]);
  assert.deepEqual(quiet('> quote\n> ```c\n> VMM\n> ```\n> VMM'), [1, 2, 3], 'fences inside blockquotes');
});

test('Windows line endings and a huge note', () => {
  assert.deepEqual(quietLineRanges('a\r\n```\r\nb\r\n```\r\nc'), [[1, 3]]);
  const lines: string[] = [];
  for (let i = 0; i < 20_000; i++) lines.push(i % 10 === 0 ? '```' : 'VMM and EPT');
  const ranges = quietLineRanges(lines.join('\n'));
  assert.equal(ranges.length, 1000);
  assert.equal(isQuietLine(ranges, 15_005), true);
  assert.equal(isQuietLine(ranges, 15_015), false);
});
