// Values of constants and data: cycles named as such, and one 32-bit range rule for mov, .word and .equ.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble } from '../../../src/core/sim';
import { errorsOf, program, run } from './helpers';

const RANGE = /value 4294967296 is out of range \(expected -2147483648\.\.4294967295\)/;

test('.equ A, A is a circular definition, not an unknown name', () => {
  const [e] = errorsOf('.equ A, A');
  assert.equal(e.message, "circular definition: 'A' → 'A'");
  assert.deepEqual([e.line, e.column, e.endColumn], [1, 6, 7]);
});

test('a longer cycle is named on each of its constants, and its uses say why they have no value', () => {
  const errors = errorsOf('.equ A, B + 1\n.equ B, C\n.equ C, A\nmov r0, A\nhlt');
  const cycle = "circular definition: 'A' → 'B' → 'C' → 'A'";
  assert.deepEqual(errors.map((e) => [e.line, e.message]), [
    [1, cycle],
    [2, cycle],
    [3, cycle],
    [4, `'A' has no value: ${cycle}`],
  ]);
  assert.doesNotMatch(errors.map((e) => e.message).join('\n'), /unknown|undefined/);
});

test('a constant depending on a cycle, or on a bad definition, is not called unknown', () => {
  const errors = errorsOf('.equ A, A\n.equ D, A + 1\n.equ E, 1 +\n.equ F, E');
  assert.deepEqual(errors.map((e) => [e.line, e.message]), [
    [1, "circular definition: 'A' → 'A'"],
    [2, "'A' has no value: circular definition: 'A' → 'A'"],
    [3, "expression ends with '+' (expected a number, label or constant after it)"],
    [4, "'E' has no value: its definition at line 3 has an error"],
  ]);
});

test('a name in a cycle that also uses an unknown name reports both', () => {
  const messages = errorsOf('.equ A, B + nowhere\n.equ B, A').map((e) => e.message);
  assert.ok(messages.includes("circular definition: 'A' → 'B' → 'A'"));
  assert.ok(messages.includes("unknown label or constant 'nowhere'"));
});

test('forward constants that do resolve still do, through labels defined later', () => {
  const p = program('.equ A, B + 4\n.equ B, C\n.equ C, later\nnop\nlater: hlt');
  assert.equal(p.symbols.get('A'), 8);
  assert.equal(run('.equ T, later + 4\njmp T\nlater: mov r0, 1\nmov r0, 2\nhlt').registers.r0, 2);
});

test('a second definition of a forward constant is an error too', () => {
  const [e] = errorsOf('.equ A, later\n.equ A, 3\nlater: hlt');
  assert.equal(e.message, "'A' is already defined at line 1");
  assert.equal(e.line, 2);
});

test('mov, .word, .equ and memory displacements refuse the same values with the same message', () => {
  assert.match(errorsOf('mov r0, 0xffffffff + 1')[0].message, RANGE);
  assert.match(errorsOf('.word 0xffffffff + 1')[0].message, RANGE);
  assert.match(errorsOf('mov r0, [0xffffffff + 1]')[0].message, RANGE);
  assert.match(errorsOf('mov r0, [r1 + 0xffffffff + 1]')[0].message, RANGE);
  assert.match(errorsOf('.equ BIG, 0xffffffff + 1')[0].message, RANGE);
  assert.match(errorsOf('.equ BIG, later + 0xffffffff\nnop\nlater: hlt')[0].message, /value 4294967299 is out of range/);
  assert.match(errorsOf('.equ LOW, -0x80000000 - 1')[0].message, /value -2147483649 is out of range \(expected -2147483648\.\.4294967295\)/);
});

test('a constant keeps its exact value: adding to 0xffffffff does not wrap to 0', () => {
  const errors = errorsOf('.equ MAX, 0xffffffff\n.equ NEXT, MAX + 1\nmov r0, NEXT');
  assert.match(errors[0].message, RANGE);
  assert.equal(errors[1].message, "'NEXT' has no value: its definition at line 2 has an error");
  assert.match(errorsOf('.equ MAX, 0xffffffff\nmov r0, MAX + 1')[0].message, RANGE);
});

test('values within the rule are accepted everywhere, signed or unsigned', () => {
  const source = '.equ MAX, 0xffffffff\n.equ MIN, -0x80000000\nmov r0, MAX\nmov r1, MIN\nhlt\ndata: .word MAX, MIN, -1';
  const r = run(source);
  assert.equal(r.registers.r0 >>> 0, 0xffffffff);
  assert.equal(r.registers.r1 | 0, -0x80000000);
  const p = program(source);
  assert.equal(p.symbols.get('MAX'), 0xffffffff);
  assert.equal(assemble(source).diagnostics.length, 0);
});
