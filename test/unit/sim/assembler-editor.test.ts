// Where the editor underlines the assembler's diagnostics (statement.ts, no vscode needed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble } from '../../../src/core/sim';
import { newWork } from '../../../src/core/sim/lexer';
import { diagnosticSpans } from '../../../src/extension/guestLanguage/statement';

test('a span keeps the end the assembler gives, clamped to the line', () => {
  const text = 'nop\n    popfd\n';
  const r = assemble(text);
  assert.deepEqual(diagnosticSpans(text, r.diagnostics), [{ line: 2, column: 5, endColumn: 10 }]);
  assert.deepEqual(diagnosticSpans('ab', [{ line: 1, column: 2, endColumn: 40 }]), [{ line: 1, column: 2, endColumn: 3 }]);
});

test('without an end, the word at the column is underlined (or one character)', () => {
  const text = "mov r0, label_x + 1\nmov r0, 'a'";
  assert.deepEqual(diagnosticSpans(text, [{ line: 1, column: 9 }]), [{ line: 1, column: 9, endColumn: 16 }]);
  assert.deepEqual(diagnosticSpans(text, [{ line: 1, column: 17 }]), [{ line: 1, column: 17, endColumn: 18 }]);
  assert.deepEqual(diagnosticSpans(text, [{ line: 2, column: 9 }]), [{ line: 2, column: 9, endColumn: 12 }]);
});

test('lines and columns outside the program are clamped into it', () => {
  const text = 'nop\nhlt';
  assert.deepEqual(diagnosticSpans(text, [{ line: 9, column: 50 }, { line: 0, column: 0, endColumn: 2 }]), [
    { line: 2, column: 4, endColumn: 4 },
    { line: 1, column: 1, endColumn: 2 },
  ]);
});

test('lines are counted as the assembler counts them (CRLF and lone CR)', () => {
  const text = 'nop\r\nnop\rpopfd';
  const r = assemble(text);
  assert.equal(r.diagnostics[0].line, 3);
  assert.deepEqual(diagnosticSpans(text, r.diagnostics), [{ line: 3, column: 1, endColumn: 6 }]);
});

test('hundreds of diagnostics on one long line are placed from one split of the program', () => {
  const text = `${'x'.repeat(200_000)} ${'mov r0, @ '.repeat(10)}`;
  const diagnostics = Array.from({ length: 500 }, (_, i) => ({ line: 1, column: 1 + i * 7 }));
  const work = newWork();
  const spans = diagnosticSpans(text, diagnostics, work);
  assert.equal(work.lineSplits, 1);
  assert.deepEqual(spans[0], { line: 1, column: 1, endColumn: 200_001 });
});
