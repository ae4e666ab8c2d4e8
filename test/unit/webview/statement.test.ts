// Reading a vmasm line for hovers and completion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commentStart } from '../../../src/core/sim/lexer';
import { completionContext, definedSymbols, headAt, parseStatement } from '../../../src/extension/guestLanguage/statement';

test('label, mnemonic and comment of a line', () => {
  const s = parseStatement('loop:  popf   ; restore IF');
  assert.equal(s.label?.text, 'loop');
  assert.deepEqual(s.head, { text: 'popf', start: 7, end: 11 });
  assert.equal(s.codeEnd, 14);
  assert.equal(parseStatement('    .equ BASE, 0x9000').head?.text, '.equ');
  assert.equal(parseStatement('   # only a comment').head, undefined);
});

test('a ; or # inside a string or character literal is not a comment', () => {
  assert.equal(commentStart('.ascii "a;b#c" ; real'), 15);
  assert.equal(commentStart("mov r0, ';' # real"), 12);
  assert.equal(commentStart("mov r0, '\\'' ; real"), 13);
});

test('the hover finds the mnemonic only when the cursor is on it', () => {
  assert.equal(headAt('  cli ; no', 3)?.text, 'cli');
  assert.equal(headAt('  cli ; no', 8), undefined);
  assert.equal(headAt('start: out 0x3F8, r0', 8)?.text, 'out');
  assert.equal(headAt('start: out 0x3F8, r0', 2), undefined, 'on the label');
  assert.equal(headAt('start: out 0x3F8, r0', 18), undefined, 'on an operand');
});

test('completion context: head, operand, or nothing in comments and strings', () => {
  assert.equal(completionContext('  mo', 4), 'head');
  assert.equal(completionContext('', 0), 'head');
  assert.equal(completionContext('loop: ', 6), 'head');
  assert.equal(completionContext('  mov r', 7), 'operand');
  assert.equal(completionContext('  jmp lo', 8), 'operand');
  assert.equal(completionContext('  nop ; r', 9), 'none');
  assert.equal(completionContext('  .ascii "r', 11), 'none');
});

test('defined symbols: labels and .equ names, each once, in order', () => {
  const text = '.equ BASE, 0x9000\n_start: mov r0, BASE\nloop: dec r0\n jnz loop\nloop: nop ; duplicate\n.EQU Port,0x3F8';
  assert.deepEqual(definedSymbols(text), [
    { name: 'BASE', kind: 'equ', line: 0 },
    { name: '_start', kind: 'label', line: 1 },
    { name: 'loop', kind: 'label', line: 2 },
    { name: 'Port', kind: 'equ', line: 5 },
  ]);
});
