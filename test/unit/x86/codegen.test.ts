import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assemble } from '../../../src/core/sim/assembler';
import type { AssembledProgram } from '../../../src/core/sim/program';
import { generateX86 } from '../../../src/core/x86/codegen';
import { decodedInstruction } from '../../../src/core/x86/decoded';
import type { X86Image } from '../../../src/core/x86/image';
import { cell, CODE_OFFSET, JUMP_TABLE_OFFSET, RUNTIME_BASE, RUNTIME_LIMIT } from '../../../src/core/x86/layout';

function program(source: string): AssembledProgram {
  const r = assemble(source);
  assert.ok(r.program, JSON.stringify(r.diagnostics));
  return r.program as AssembledProgram;
}

function image(source: string): { p: AssembledProgram; img: X86Image } {
  const p = program(source);
  const g = generateX86(p);
  assert.ok('image' in g, JSON.stringify(g));
  return { p, img: g.image };
}

/** Reads the runtime slot's initial contents as the runner's `read32` would read guest memory. */
function reader(img: X86Image, cells: Record<number, number> = {}) {
  const rt = img.slots.find((s) => s.purpose === 'runtime')!;
  const view = new DataView(rt.initial.buffer, rt.initial.byteOffset, rt.initial.byteLength);
  return (gpa: number) => (gpa in cells ? cells[gpa] : view.getUint32(gpa - rt.guestPhysicalAddress, true));
}

/** Offset of a budget stub's HLT from the start of its slot's code (see emitBudgetCheck). */
const STUB_HLT = 6 + 6 + 2 + 3 + 6 + 2 + 2 + 6;

const SAMPLE = `
_start:
    mov r1, data
    mov r7, [r1]
    add r7, [r1+4]
    call twice
    cmp r7, 10
    jz done
    out 0x3f8, r7
done:
    hlt
twice:
    shl r7, 1
    ret
data: .word 3, 4
`;

test('every instruction has one code range, sorted, and instructionAt maps each byte back', () => {
  const { p, img } = image(SAMPLE);
  assert.equal(img.code.length, p.instructions.length);
  assert.deepEqual([...img.code.map((c) => c.instruction)].sort((a, b) => a - b), p.instructions.map((_, i) => i));
  for (let k = 0; k < img.code.length; k++) {
    const c = img.code[k];
    if (k > 0) assert.ok(c.start >= img.code[k - 1].start + img.code[k - 1].length, 'ranges do not overlap');
    for (const eip of [c.start, c.start + (c.length >> 1), c.start + c.length - 1]) assert.equal(img.instructionAt(eip), c.instruction);
  }
  assert.equal(img.instructionAt(RUNTIME_BASE), -1, 'the cells are no instruction');
  assert.equal(img.instructionAt(0x100), -1, 'guest RAM is no instruction');
  const last = img.code[img.code.length - 1];
  assert.equal(img.instructionAt(last.start + last.length), -1, 'the fault stub after the last instruction belongs to none');
  // Code follows the simulator's address order, so falling through is falling through.
  const byAddress = [...p.instructions.keys()].sort((a, b) => p.instructions[a].address - p.instructions[b].address);
  assert.deepEqual(img.code.map((c) => c.instruction), byAddress);
});

test('the image: slots, initial state at the entry, register homes', () => {
  const { p, img } = image(SAMPLE);
  const [ram, runtime] = img.slots;
  assert.equal(ram.purpose, 'guest-ram');
  assert.equal(ram.guestPhysicalAddress, 0);
  assert.equal(ram.size, 0x10000);
  assert.deepEqual(ram.initial, p.image.slice(0, 0x10000));
  assert.equal(runtime.purpose, 'runtime');
  assert.equal(runtime.guestPhysicalAddress, RUNTIME_BASE);
  assert.equal(runtime.size % 4096, 0);
  assert.ok(runtime.initial.length <= runtime.size && RUNTIME_BASE + runtime.size <= RUNTIME_LIMIT);
  const s = img.initial;
  assert.equal(img.instructionAt(s.eip), p.instructions.findIndex((i) => i.address === p.entry));
  assert.equal(s.esp, 0x10000);
  assert.equal(s.eflags, 2);
  assert.equal(s.cr0 & 1, 1);
  assert.deepEqual([s.cs.selector, s.cs.db, s.cs.limit, s.ds.selector, s.ss.selector], [0x08, 1, 0xffffffff, 0x10, 0x10]);
  assert.deepEqual(s.idt, { base: 0, limit: 0 });
  assert.deepEqual(s.gdt, { base: 0, limit: 0 });
  assert.deepEqual(
    ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'sp'].map((r) => (img.registers[r] as { x86: string }).x86),
    ['eax', 'ebx', 'ecx', 'edx', 'esi', 'edi', 'ebp', 'esp'],
  );
  assert.deepEqual(img.registers.r7, { kind: 'cell', guestPhysicalAddress: cell('r7') });
  assert.equal(img.stepBudgetCell, cell('budget'));
  assert.equal(runtime.initial.length, CODE_OFFSET + (runtime.initial.length - CODE_OFFSET));
});

test('the jump table of ret: each instruction address to its code, every other byte address to the dynamic fault stub', () => {
  const { p, img } = image(SAMPLE);
  const read32 = reader(img);
  const table = RUNTIME_BASE + JUMP_TABLE_OFFSET;
  for (const c of img.code) assert.equal(read32(table + 4 * p.instructions[c.instruction].address), c.start);
  const dynamic = read32(table + 4 * 1);
  for (const a of [2, 3, 0x8000, 0xffff]) assert.equal(read32(table + 4 * a), dynamic);
  assert.equal(img.instructionAt(dynamic), -1);
  // In the dynamic stub the simulator's pc is the address ret popped.
  assert.equal(img.pcAt(dynamic, reader(img, { [img.returnAddressCell]: 0x12345 })), 0x12345);
});

test('budget stubs: stepLimitAt names the slot that did not run, stepLimitExit the last one that did', () => {
  const { p, img } = image(SAMPLE);
  for (const c of img.code) {
    const hlt = c.start + STUB_HLT;
    assert.equal(img.stepLimitAt(hlt), c.instruction);
    assert.equal(img.stepLimitAt(hlt + 1), c.instruction, 'KVM reports the EIP after HLT');
    assert.equal(img.stepLimitAt(c.start), -1);
    // After the HLT the stub jumps back to the check, so a run goes on with a new budget.
    const rt = img.slots[1].initial;
    assert.equal(rt[hlt + 1 - RUNTIME_BASE], 0xeb);
    assert.equal(hlt + 3 + ((rt[hlt + 2 - RUNTIME_BASE] << 24) >> 24), c.start);
    assert.equal(img.pcAt(hlt + 1, reader(img)), p.instructions[c.instruction].address);
    const exit = img.stepLimitExit(hlt + 1, reader(img, { [img.lastInstructionCell]: 2 }));
    assert.deepEqual(exit, { instruction: 2, line: p.instructions[2].line, pc: p.instructions[c.instruction].address });
  }
  // Before anything ran the simulator names the entry's line.
  const entry = p.instructions.findIndex((i) => i.address === p.entry);
  assert.equal(reader(img)(img.lastInstructionCell), entry);
  const hltIndex = p.instructions.findIndex((i) => i.mnemonic === 'hlt');
  const c = img.code.find((r) => r.instruction === hltIndex)!;
  assert.equal(img.stepLimitExit(c.start + STUB_HLT + 3, reader(img)), undefined, "the guest's own hlt is no budget stub");
});

test("after the guest's hlt the EIP stays in its instruction and pcAt is the next address", () => {
  const { p, img } = image(SAMPLE);
  const i = p.instructions.findIndex((x) => x.mnemonic === 'hlt');
  const c = img.code.find((r) => r.instruction === i)!;
  const guestHlt = c.start + STUB_HLT + 1 + 2 + 10 + 6; // stub HLT, ud2, the last-unit record, ECX restored
  const rt = img.slots[1];
  assert.equal(rt.initial[guestHlt - RUNTIME_BASE], 0xf4);
  assert.equal(img.instructionAt(guestHlt + 1), i);
  assert.equal(img.stepLimitAt(guestHlt + 1), -1);
  assert.equal(img.pcAt(guestHlt + 1, reader(img)), p.instructions[i].address + 4);
});

test('fault slots: falling off the end and jumping where no instruction is get a #UD stub with their own address', () => {
  const { p, img } = image('_start: jmp 0x400\n');
  const read32 = reader(img);
  const stubs: number[] = [];
  const rt = img.slots[1];
  for (let o = CODE_OFFSET; o < rt.initial.length; o++) {
    if (rt.initial[o] === 0xf4 && img.stepLimitAt(RUNTIME_BASE + o) >= 0) stubs.push(RUNTIME_BASE + o);
  }
  // The jmp itself, the slot after it (address 4), the wild target 0x400, the dynamic stub.
  assert.equal(stubs.length, 4);
  assert.equal(img.stepLimitAt(stubs[0]), 0);
  assert.deepEqual(stubs.slice(1).map((s) => img.stepLimitAt(s)), [1, 1, 1].map(() => p.instructions.length));
  assert.deepEqual(stubs.slice(1, 3).map((s) => img.pcAt(s, read32)), [4, 0x400]);
});

test('an empty program starts in the fault stub at address 0', () => {
  const { img } = image('; nothing\n');
  assert.equal(img.code.length, 0);
  assert.equal(img.pcAt(img.initial.eip, reader(img)), 0);
});

const UNSUPPORTED: [string, string, number][] = [
  ['vmcall', 'vmcall', 1],
  ['mov cr0, r1', 'mov', 1],
  ['out 0x40, r1', 'out', 1],
  ['in r1, 0x40', 'in', 1],
  ['mov r1, [0xffc00000]', 'mov', 1],
];

test('outside the subset: the first such line, its mnemonic and a reason in both languages', () => {
  for (const [line, mnemonic] of UNSUPPORTED) {
    const g = generateX86(program(`    nop\n    ${line}\n    hlt\n`));
    assert.ok('unsupported' in g, line);
    assert.equal(g.unsupported.line, 2, line);
    assert.equal(g.unsupported.column, 5, line);
    assert.equal(g.unsupported.mnemonic, mnemonic, line);
    assert.ok(g.unsupported.reason.en.length > 20 && g.unsupported.reason['zh-cn'].length > 10, line);
  }
  const g = generateX86(program('hlt\nvmcall\nout 0x40, r1\n'));
  assert.ok('unsupported' in g && g.unsupported.line === 2 && g.unsupported.mnemonic === 'vmcall');
  // Inside the subset: reading cr0/cr3, writing cr3, invlpg, other ports, addresses below the runtime slot.
  for (const ok of ['lidt [r1]', 'int 0x80', 'iret', 'mov r1, cr0', 'mov r7, cr3', 'mov cr3, r2', 'invlpg [r1]', 'out 0x41, r1', 'in r1, 0x3fd', 'mov r1, [0xffbffff0]']) {
    assert.ok('image' in generateX86(program(`${ok}\nhlt\n`)), ok);
  }
});

test('every example either translates or names its first unsupported line', () => {
  const dir = join(__dirname, '../../../examples');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.vmasm'))) {
    const p = program(readFileSync(join(dir, file), 'utf8'));
    const g = generateX86(p);
    if ('image' in g) {
      assert.equal(g.image.code.length, p.instructions.length, file);
    } else {
      const first = p.instructions.find((i) => i.line === g.unsupported.line);
      assert.ok(first, file);
      assert.equal(first.mnemonic, g.unsupported.mnemonic, file);
      assert.equal(first.column, g.unsupported.column, file);
      assert.ok(['vmcall', 'mov', 'in', 'out'].includes(g.unsupported.mnemonic), file);
    }
  }
});

test('every mnemonic and operand form is read back from the simulator\'s pre-decoded slots', () => {
  const forms = [
    'nop', 'mov r1, r2', 'mov r1, 5', 'mov r1, [r2+4]', 'mov [r2-4], r1', 'mov [8], 7', 'mov r1, cs', 'mov r1, cr0', 'mov cr3, r1',
    'add r1, r2', 'sub r1, 3', 'and r1, [r2]', 'or [r2], r1', 'xor [4], 5', 'shl r1, r2', 'shr r1, 3', 'shl [r1], 2',
    'mul r1, r2', 'mul r1, 3', 'mul r1, [r7]', 'inc r1', 'dec [r2]', 'cmp r1, r2', 'cmp [r1], 3',
    'jmp 0', 'jz 0', 'je 0', 'jnz 0', 'jne 0', 'jl 0', 'jg 0', 'jle 0', 'jge 0', 'jb 0', 'ja 0', 'call 0', 'ret',
    'push r1', 'push 5', 'push [r1]', 'push cs', 'pop r1', 'pop [r1+4]', 'hlt', 'cli', 'sti', 'in r1, 0x3fd', 'out 0x3f8, r1',
    'lidt [r1]', 'lgdt [r1]', 'invlpg [r1]', 'iret', 'pushf', 'popf', 'sgdt [r1]', 'sidt [r1]', 'smsw r1', 'cpuid', 'rdtsc',
    'vmcall', 'int 3', 'ud2',
  ];
  const p = program(forms.join('\n'));
  const canonical: Record<string, string> = { je: 'jz', jne: 'jnz' };
  p.instructions.forEach((ins, i) => {
    const d = decodedInstruction(p, i);
    assert.equal(d.unknown, undefined, ins.text);
    assert.equal(d.name, canonical[ins.mnemonic] ?? ins.mnemonic, ins.text);
  });
  assert.deepEqual(decodedInstruction(p, 3), { name: 'mov', dst: { kind: 'reg', reg: 1 }, src: { kind: 'mem', base: 2, disp: 4 } });
  assert.deepEqual(decodedInstruction(p, 4), { name: 'mov', dst: { kind: 'mem', base: 2, disp: -4 }, src: { kind: 'reg', reg: 1 } });
  assert.deepEqual(decodedInstruction(p, 5), { name: 'mov', dst: { kind: 'mem', base: 9, disp: 8 }, src: { kind: 'imm', value: 7 } });
  assert.deepEqual(decodedInstruction(p, 8), { name: 'mov', dst: { kind: 'cr', cr: 3 }, src: { kind: 'reg', reg: 1 } });
  assert.deepEqual(decodedInstruction(p, 19), { name: 'mul', dst: { kind: 'reg', reg: 1 }, src: { kind: 'mem', base: 7, disp: 0 } });
  assert.deepEqual(decodedInstruction(p, 39), { name: 'push', src: { kind: 'mem', base: 1, disp: 0 } });
  assert.deepEqual(decodedInstruction(p, 46), { name: 'in', dst: { kind: 'reg', reg: 1 }, src: { kind: 'imm', value: 0x3fd } });
  assert.deepEqual(decodedInstruction(p, 47), { name: 'out', dst: { kind: 'imm', value: 0x3f8 }, src: { kind: 'reg', reg: 1 } });
});
