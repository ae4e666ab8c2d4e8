import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble } from '../../../src/core/sim/assembler';
import { generateX86 } from '../../../src/core/x86/codegen';
import { RUNTIME_BASE } from '../../../src/core/x86/layout';

/**
 * An independent reading of the translated code: instruction lengths for the forms the generator
 * emits, and which of them write EFLAGS or touch the stack. It checks that everything around the
 * real operation is flag-neutral and leaves the guest's stack alone.
 */
interface Decoded {
  length: number;
  /** Writes arithmetic flags (add/sub/.../shifts/inc/dec/mul) or loads EFLAGS (popfd). */
  flags: 'none' | 'alu' | 'popfd';
  /** Pushes or pops through ESP. */
  stack: boolean;
  text: string;
}

function modrmLength(code: Uint8Array, at: number): number {
  const m = code[at];
  const mod = m >> 6;
  const rm = m & 7;
  if (mod === 3) return 1;
  let n = 1;
  if (rm === 4) {
    const sib = code[at + 1];
    n++;
    if (mod === 0 && (sib & 7) === 5) return n + 4;
  }
  if (mod === 0 && rm === 5) return n + 4;
  return n + (mod === 1 ? 1 : mod === 2 ? 4 : 0);
}

function decode(code: Uint8Array, at: number): Decoded {
  const op = code[at];
  const ext = (code[at + 1] >> 3) & 7;
  const d = (length: number, flags: Decoded['flags'], stack: boolean, text: string): Decoded => ({ length, flags, stack, text });
  if ([0x01, 0x03, 0x09, 0x0b, 0x21, 0x23, 0x29, 0x2b, 0x31, 0x33, 0x39, 0x3b].includes(op)) return d(1 + modrmLength(code, at + 1), 'alu', false, 'alu r/m');
  if (op === 0x89 || op === 0x8b || op === 0x8d || op === 0x8c) return d(1 + modrmLength(code, at + 1), 'none', false, 'mov/lea');
  if (op === 0x81) return d(1 + modrmLength(code, at + 1) + 4, 'alu', false, 'alu imm32');
  if (op === 0x83 || op === 0xc1) return d(1 + modrmLength(code, at + 1) + 1, 'alu', false, 'alu imm8 / shift');
  if (op === 0xd3) return d(1 + modrmLength(code, at + 1), 'alu', false, 'shift cl');
  if (op === 0xc7) return d(1 + modrmLength(code, at + 1) + 4, 'none', false, 'mov imm');
  if (op >= 0xb8 && op <= 0xbf) return d(5, 'none', false, 'mov r, imm');
  if (op >= 0x40 && op <= 0x4f) return d(1, 'alu', false, 'inc/dec');
  if (op >= 0x50 && op <= 0x5f) return d(1, 'none', true, 'push/pop r');
  if (op === 0x68) return d(5, 'none', true, 'push imm');
  if (op === 0x8f) return d(1 + modrmLength(code, at + 1), 'none', true, 'pop m');
  if (op === 0xff) {
    const n = 1 + modrmLength(code, at + 1);
    if (ext === 0 || ext === 1) return d(n, 'alu', false, 'inc/dec m');
    if (ext === 6) return d(n, 'none', true, 'push m');
    if (ext === 4) return d(n, 'none', false, 'jmp m');
  }
  if (op === 0xf7 && ext === 4) return d(1 + modrmLength(code, at + 1), 'alu', false, 'mul');
  if (op === 0x9c || op === 0x9d) return d(1, op === 0x9d ? 'popfd' : 'none', true, op === 0x9d ? 'popfd' : 'pushfd');
  if (op === 0xe9) return d(5, 'none', false, 'jmp');
  if (op === 0xeb || op === 0xe3 || op === 0xe4 || op === 0xe6) return d(2, 'none', false, 'short / in / out imm8');
  if ([0x90, 0xf4, 0xfa, 0xfb, 0xec, 0xee].includes(op)) return d(1, 'none', false, 'one byte');
  if (op === 0x0f) {
    const op2 = code[at + 1];
    if (op2 >= 0x80 && op2 <= 0x8f) return d(6, 'none', false, 'jcc');
    if (op2 === 0xb6 || op2 === 0xb7 || op2 === 0x01) return d(2 + modrmLength(code, at + 2), 'none', false, 'movzx / group 7');
    if (op2 === 0x20 || op2 === 0x22) return d(3, 'none', false, 'mov cr');
    if (op2 === 0x0b || op2 === 0xa2 || op2 === 0x31) return d(2, 'none', false, 'ud2 / cpuid / rdtsc');
  }
  throw new Error(`unexpected opcode 0x${op.toString(16)} at 0x${at.toString(16)}`);
}

/** The instructions of one vmasm instruction's code. */
function instructionsOf(source: string, after = ''): Decoded[] {
  const r = assemble(`${source}\nhlt\n${after}`);
  assert.ok(r.program, source);
  const g = generateX86(r.program);
  assert.ok('image' in g, source);
  const range = g.image.code.find((c) => c.instruction === 0)!;
  const rt = g.image.slots[1].initial;
  const out: Decoded[] = [];
  for (let at = range.start - RUNTIME_BASE; at < range.start - RUNTIME_BASE + range.length; ) {
    const ins = decode(rt, at);
    out.push(ins);
    at += ins.length;
  }
  return out;
}

const ONE_FLAG_WRITER = [
  'add r1, r2', 'sub r7, r3', 'and r7, r7', 'or r1, [r7+4]', 'xor [r7], r7', 'cmp [r2+8], r7', 'add r7, [0x100]',
  'sub [sp+4], 0x12345', 'shl r1, 3', 'shr r7, r2', 'shl r2, r7', 'shr [r2+4], r1', 'shl [r7], r7', 'mul r1, r2',
  'mul r7, r0', 'mul r0, [r7+4]', 'mul r3, 7', 'mul r1, [r0+8]', 'inc r7', 'dec [r7+4]', 'inc [sp]',
];
const NO_FLAG_WRITER = [
  'mov r1, r2', 'mov r7, [r7+4]', 'mov [r1], r7', 'mov r7, r7', 'push [r7]', 'pop [r7+4]', 'push cs', 'mov r7, cs',
  'smsw r7', 'smsw r1', 'in r7, 0x3fd', 'out 0x3f8, r7', 'in r3, 0x60', 'out 0xf4, r3', 'cpuid', 'rdtsc', 'pushf',
  'sgdt [r7+2]', 'lgdt [r1]', 'call 0', 'ret', 'jz 0', 'nop', 'cli', 'sti',
];

test('around the real operation the translation writes no flag', () => {
  for (const source of ONE_FLAG_WRITER) {
    const writers = instructionsOf(source).filter((i) => i.flags !== 'none');
    assert.deepEqual(writers.map((w) => w.flags), ['alu'], source);
  }
  for (const source of NO_FLAG_WRITER) {
    assert.deepEqual(instructionsOf(source).filter((i) => i.flags !== 'none'), [], source);
  }
  // popf: its AND only masks the image that POPFD then loads; a control-register move restores the flags it saved.
  assert.deepEqual(instructionsOf('popf').filter((i) => i.flags !== 'none').map((i) => i.flags), ['alu', 'popfd']);
  assert.deepEqual(instructionsOf('mov r7, cr3').filter((i) => i.flags !== 'none').map((i) => i.flags), ['popfd']);
});

test('only the stack instructions themselves use the guest stack', () => {
  const stackUse = (s: string) => instructionsOf(s).filter((i) => i.stack).map((i) => i.text);
  for (const source of ['add r1, r2', 'mov r7, [r7+4]', 'mul r7, r0', 'in r7, 0x3fd', 'out 0x3f8, r7', 'shl r2, r7', 'smsw r7']) {
    assert.deepEqual(stackUse(source), [], source);
  }
  assert.deepEqual(stackUse('push [r7]'), ['push m']);
  assert.deepEqual(stackUse('pop r7'), ['pop m']);
  assert.deepEqual(stackUse('push cs'), ['push/pop r']);
  assert.deepEqual(stackUse('call 0'), ['push imm']);
  assert.deepEqual(stackUse('ret'), ['pop m']);
  // pushfd/popfd of popf and of control-register moves run with ESP pointed into the runtime slot.
  const popf = instructionsOf('popf').map((i) => i.text);
  assert.deepEqual(popf.filter((t) => t === 'popfd' || t === 'pop m'), ['pop m', 'popfd']);
});

test('with a toy IDT, #UD is delivered in code whose comparisons sit between a saved and a restored EFLAGS', () => {
  const ud2 = instructionsOf('ud2', 'lidt [0x100]\n');
  const touched = ud2.filter((i) => i.flags !== 'none' || i.text === 'pushfd').map((i) => (i.text === 'pushfd' ? 'save' : i.flags));
  // Saved; two limit comparisons; delivery path: IF cleared in the image, restored; triple-fault path: restored.
  assert.deepEqual(touched, ['save', 'alu', 'alu', 'alu', 'popfd', 'popfd']);
  // Without lidt in the program it stays the plain ud2.
  assert.deepEqual(instructionsOf('ud2').slice(-1).map((i) => i.text), ['ud2 / cpuid / rdtsc']);
});

test('in a program with iret, a privileged instruction checks the CPL without writing flags', () => {
  const touched = (source: string, after: string) =>
    instructionsOf(source, after).filter((i) => i.flags !== 'none' || i.text === 'pushfd').map((i) => (i.text === 'pushfd' ? 'save' : i.flags));
  // CPL 0: the instruction; CPL 3: #GP through the toy IDT, flags saved around the delivery's comparisons.
  assert.deepEqual(touched('cli', 'iret\nlidt [0x100]\n'), ['save', 'alu', 'alu', 'alu', 'popfd', 'popfd']);
  // Without iret nothing runs at CPL 3 and cli is only cli.
  assert.deepEqual(touched('cli', ''), []);
});
