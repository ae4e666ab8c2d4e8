import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assemble, formatDiagnostic, Simulation, DIRECTIVES, MNEMONICS, REGISTERS } from '../../../src/core/sim';
import { errorsOf, program, run } from './helpers';

test('numbers: decimal, negative, hex, binary and characters with escapes', () => {
  const r = run(`
    mov r0, 42
    mov r1, -1
    mov r2, 0x2A
    mov r3, 0b101
    mov r4, 'A'
    mov r5, '\\n'
    mov r6, '\\''
    mov r7, '\\\\'
    hlt`);
  assert.deepEqual([r.registers.r0, r.registers.r1, r.registers.r2, r.registers.r3], [42, 0xffffffff, 42, 5]);
  assert.deepEqual([r.registers.r4, r.registers.r5, r.registers.r6, r.registers.r7], [65, 10, 39, 92]);
  assert.equal(run("mov r0, '\\0'\nhlt").registers.r0, 0);
});

test('mnemonics, registers and directives are case-insensitive; labels are case-sensitive', () => {
  const r = run(`
.EQU Five, 5
_start:
    MOV R0, Five
    Add r0, R0
    JMP End
end: mov r1, 1
End: HLT`);
  assert.equal(r.registers.r0, 10);
  assert.equal(r.registers.r1, 0, 'End and end are different labels');
  const [e] = errorsOf('jmp START\n_start: hlt\nStart: nop');
  assert.match(e.message, /unknown label or constant 'START' — did you mean '(Start|_start)'\?/);
});

test('operands: [reg], [reg+expr], [reg-expr], [expr] and .equ names in memory operands', () => {
  const r = run(`
.equ BASE, 0x9000
    mov r1, BASE
    mov [r1], 11
    mov [r1+8], 22
    mov r2, BASE+12
    mov [r2-8], 33
    mov [BASE+16], 44
    mov r3, [BASE]
    mov r4, [r1+8]
    mov r5, [BASE+4]
    mov r6, [0x9010]
    hlt`);
  assert.deepEqual([r.registers.r3, r.registers.r4, r.registers.r5, r.registers.r6], [11, 22, 33, 44]);
});

test('data directives lay out little-endian bytes; labels take addresses; .org and .align move the counter', () => {
  const p = program(`
_start: hlt
.org 0x100
bytes: .byte 1, 2, 0xFF, -1
words: .word 0x11223344, bytes
text:  .ascii "Hi"
textz: .asciz "A\\n"
.align 8
after: .space 3
end:`);
  assert.equal(p.symbols.get('bytes'), 0x100);
  assert.equal(p.symbols.get('words'), 0x104);
  assert.equal(p.symbols.get('text'), 0x10c);
  assert.equal(p.symbols.get('textz'), 0x10e);
  assert.equal(p.symbols.get('after'), 0x118, '.align 8 rounds 0x111 up');
  assert.equal(p.symbols.get('end'), 0x11b);
  const sim = new Simulation(p, { mode: 'native' });
  assert.deepEqual([...sim.readMemory(0x100, 18)], [1, 2, 255, 255, 0x44, 0x33, 0x22, 0x11, 0, 1, 0, 0, 72, 105, 65, 10, 0, 0]);
});

test('execution starts at _start, else at the first instruction', () => {
  assert.equal(program('mov r0, 1\n_start: hlt').entry, 4);
  assert.equal(program('.org 0x40\nmov r0, 1\nhlt').entry, 0x40);
});

test('.equ may refer to labels defined later', () => {
  const r = run('.equ TARGET, later+4\n jmp TARGET\nlater: mov r0, 1\n mov r0, 2\n hlt');
  assert.equal(r.registers.r0, 2);
});

test('source map: every instruction knows its line and column; lines know their addresses', () => {
  const p = program('; comment\n\nstart:  mov r0, 1   ; set\n        hlt');
  assert.deepEqual(p.instructions.map((i) => [i.address, i.line, i.column, i.mnemonic, i.text]), [
    [0, 3, 9, 'mov', 'mov r0, 1'],
    [4, 4, 9, 'hlt', 'hlt'],
  ]);
  assert.equal(p.lineOf(4), 4);
  assert.equal(p.lineOf(2), 0);
  assert.deepEqual(p.addressesOfLine(3), [0]);
  assert.equal(p.instructions[1].instructionClass, 'privileged');
});

test('unknown mnemonic: position, and a suggestion', () => {
  const [e] = errorsOf('nop\n    popfd\n');
  assert.equal(e.line, 2);
  assert.equal(e.column, 5);
  assert.equal(e.endColumn, 10);
  assert.equal(e.message, "unknown mnemonic 'popfd' — did you mean 'popf'?");
});

test('unknown register says what was expected, at the operand', () => {
  const [e] = errorsOf('mov r9, 1');
  assert.equal(e.message, "unknown register 'r9' (expected r0-r7, sp)");
  assert.deepEqual([e.line, e.column, e.endColumn], [1, 5, 7]);
  assert.equal(formatDiagnostic(e, 'prog.vmasm'), "prog.vmasm:1:5: error: unknown register 'r9' (expected r0-r7, sp)");
  assert.match(errorsOf('mov r0, cr4')[0].message, /unknown control register 'cr4' \(expected cr0, cr2 or cr3\)/);
});

test('all errors of a file are reported, in line order', () => {
  const errors = errorsOf(`
    mov r9, 1
    add r0
    .wrod 5
    out r0, 0x3F8
    mov [r1], [r2]
    jmp nowhere
    mov r0, 0xZZ
    int 300
    x: nop
    x: nop`);
  assert.equal(errors.length, 9);
  assert.deepEqual(errors.map((e) => e.line), [2, 3, 4, 5, 6, 7, 8, 9, 11]);
  assert.match(errors[1].message, /'add' takes 2 operands \(add dst, src\), got 1/);
  assert.match(errors[2].message, /unknown directive '\.wrod' — did you mean '\.word'\?/);
  assert.match(errors[3].message, /operand 1 of 'out' must be a number or label/);
  assert.match(errors[4].message, /cannot copy memory to memory/);
  assert.match(errors[5].message, /unknown label or constant 'nowhere'/);
  assert.match(errors[6].message, /invalid hexadecimal number '0xZZ'/);
  assert.match(errors[7].message, /vector 300 is out of range \(expected 0\.\.255\)/);
  assert.match(errors[8].message, /'x' is already defined at line 10/);
});

test('layout errors: overlapping .org and data beyond 64 KiB', () => {
  assert.match(errorsOf('nop\nnop\n.org 4\nnop')[0].message, /overlaps code or data of line 2/);
  assert.match(errorsOf('.org 0xFFFE\n.word 1')[0].message, /outside the 64 KiB/);
  assert.match(errorsOf('.byte 256')[0].message, /does not fit in a byte/);
});

test('a jump to an address with no instruction is a warning, not an error', () => {
  const r = assemble('jmp data\ndata: .word 0');
  assert.ok(r.program);
  assert.equal(r.diagnostics[0].severity, 'warning');
});

test('completion lists hold the spec vocabulary', () => {
  for (const m of ['mov', 'popf', 'sidt', 'vmcall', 'je', 'jne', 'ud2']) assert.ok(MNEMONICS.includes(m), m);
  for (const r of ['r0', 'r7', 'sp', 'cs', 'cr0', 'cr3']) assert.ok(REGISTERS.includes(r), r);
  assert.deepEqual([...DIRECTIVES].sort(), ['.align', '.ascii', '.asciz', '.byte', '.equ', '.org', '.space', '.word']);
});

test('property: any text (random, binary, huge lines) never makes the assembler throw', () => {
  const vocabulary = fc.constantFrom('mov', 'r1', ',', '[', ']', '+', '-', "'", '"', ':', '.equ', '.word', '0x', '\\', ';', '\n', ' ', 'sp', 'cr0', 'label', '_start', '.org', '99999999999');
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.array(vocabulary, { maxLength: 80 }).map((a) => a.join('')), fc.uint8Array({ maxLength: 200 }).map((b) => String.fromCharCode(...b))), (text) => {
      const r = assemble(text);
      assert.ok(Array.isArray(r.diagnostics));
      for (const d of r.diagnostics) assert.ok(d.line >= 1 && d.column >= 1 && typeof d.message === 'string');
      assert.equal(r.program === undefined, r.diagnostics.some((d) => d.severity === 'error'));
    }),
    { numRuns: 400 },
  );
  const huge = assemble('mov r0, r9\n'.repeat(5000));
  assert.ok(huge.diagnostics.length <= 501, 'a flood of errors is capped');
});

test('a label starting with a digit is named as such', () => {
  const [e] = errorsOf('1st: nop');
  assert.equal(e.message, "label '1st' must not start with a digit (labels use letters, digits, _ and .)");
  assert.deepEqual([e.column, e.endColumn], [1, 4]);
});
