/**
 * vmasm → 32-bit protected-mode x86 machine code for the real KVM (docs/real-kvm.md).
 *
 * Every vmasm instruction becomes a flag-neutral step-budget check (`./stubs`) and a body
 * (`./translate`) whose architectural effect on the guest's registers, flags, stack and memory
 * is exactly the simulator's, laid out in the simulator's address order; this file lays them out
 * with the fault slots, builds `ret`'s jump table and the image with its source map.
 */
import { DEFAULT_MAX_STEPS, type LocalizedText, type Program } from '../sim/api';
import { AssembledProgram } from '../sim/program';
import { Assembler, Label } from './asm';
import { decodedInstruction } from './decoded';
import type { X86CodeRange, X86Image, X86InitialState, X86RegisterHome, X86Segment } from './image';
import { cell, CODE_OFFSET, GUEST_RAM_SIZE, INITIAL_CR0, JUMP_TABLE_OFFSET, RUNTIME_BASE, RUNTIME_LIMIT } from './layout';
import { emitBudgetCheck, emitDeliver, VECTOR_UD, type Targets } from './stubs';
import { unsupportedReason } from './subset';
import { emitBody, X86_NAMES, X86_OF } from './translate';

export interface X86Unsupported {
  /** 1-based source line and column of the first instruction outside the subset. */
  line: number;
  column: number;
  mnemonic: string;
  reason: LocalizedText;
}

export type X86Generation = { image: X86Image } | { unsupported: X86Unsupported };

const FLAT_CODE: X86Segment = { selector: 0x08, base: 0, limit: 0xffffffff, type: 0xb, db: 1, dpl: 0, granularity: 1 };
const FLAT_DATA: X86Segment = { selector: 0x10, base: 0, limit: 0xffffffff, type: 0x3, db: 1, dpl: 0, granularity: 1 };

/** Translates an assembled program, or names its first instruction outside the real-KVM subset. */
export function generateX86(program: Program): X86Generation {
  if (!(program instanceof AssembledProgram)) throw new TypeError('generateX86 needs a program produced by assemble()');
  const decoded = program.instructions.map((_, i) => decodedInstruction(program, i));
  const runtime = { start: RUNTIME_BASE, end: RUNTIME_LIMIT };
  for (let i = 0; i < decoded.length; i++) {
    const reason = unsupportedReason(decoded[i], runtime);
    const ins = program.instructions[i];
    if (reason) return { unsupported: { line: ins.line, column: ins.column, mnemonic: ins.mnemonic, reason } };
  }

  const a = new Assembler(RUNTIME_BASE + CODE_OFFSET);
  const indexAt = new Map<number, number>();
  program.instructions.forEach((ins, i) => indexAt.set(ins.address >>> 0, i));
  const order = [...indexAt.values()].sort((x, y) => program.instructions[x].address - program.instructions[y].address);
  const starts = new Map<number, Label>();
  for (const i of order) starts.set(program.instructions[i].address >>> 0, new Label());
  const faults = new Map<number, Label>();
  const dynamic = new Label();
  const targets: Targets = {
    label(address: number): Label {
      const t = address >>> 0;
      const start = starts.get(t);
      if (start) return start;
      let f = faults.get(t);
      if (!f) faults.set(t, (f = new Label()));
      return f;
    },
    dynamic,
    toyIdt: decoded.some((d) => d.name === 'lidt'),
    userMode: decoded.some((d) => d.name === 'iret'),
  };
  const entryLabel = targets.label(program.entry);

  const code: X86CodeRange[] = [];
  /** HLT of each budget stub: the slot's simulator address (undefined: the dynamic stub) and instruction. */
  const stops = new Map<number, { pc: number | undefined; instruction: number }>();
  const guestHalts = new Map<number, number>();
  const faultStubs: { start: number; end: number; pc: number | undefined }[] = [];
  const emitFault = (pc: number | undefined, label: Label) => {
    const start = a.here;
    a.bind(label);
    stops.set(emitBudgetCheck(a, -1), { pc, instruction: -1 });
    emitDeliver(a, VECTOR_UD, pc, targets);
    faultStubs.push({ start, end: a.here, pc });
  };

  for (const i of order) {
    const ins = program.instructions[i];
    const address = ins.address >>> 0;
    const start = a.here;
    a.bind(starts.get(address)!);
    stops.set(emitBudgetCheck(a, i), { pc: address, instruction: i });
    const emitted = emitBody(a, decoded[i], address, targets);
    if (emitted.guestHalt !== undefined) guestHalts.set(emitted.guestHalt, i);
    code.push({ instruction: i, start, length: a.here - start });
    const next = (address + 4) >>> 0;
    // Falling through to an address with no instruction faults there (#UD), as in the simulator.
    if (!starts.has(next)) {
      const label = targets.label(next);
      if (label.at < 0) emitFault(next, label);
    }
  }
  for (const [address, label] of faults) if (label.at < 0) emitFault(address, label);
  emitFault(undefined, dynamic);
  const machineCode = a.finish();

  const runtimeSize = Math.ceil((CODE_OFFSET + machineCode.length) / 4096) * 4096;
  if (RUNTIME_BASE + runtimeSize > RUNTIME_LIMIT) throw new Error('x86: the translated program does not fit in the runtime slot');
  const runtimeImage = new Uint8Array(CODE_OFFSET + machineCode.length);
  const view = new DataView(runtimeImage.buffer);
  const entryIndex = starts.has(program.entry >>> 0) ? indexAt.get(program.entry >>> 0)! : -1;
  view.setUint32(cell('budget') - RUNTIME_BASE, DEFAULT_MAX_STEPS, true);
  view.setInt32(cell('lastInstruction') - RUNTIME_BASE, entryIndex, true);
  view.setUint32(cell('csValue') - RUNTIME_BASE, 0x08, true);
  for (let address = 0; address < GUEST_RAM_SIZE; address++) {
    const t = starts.get(address)?.at ?? dynamic.at;
    view.setUint32(JUMP_TABLE_OFFSET + 4 * address, t, true);
  }
  runtimeImage.set(machineCode, CODE_OFFSET);

  const ramImage = program.image.slice(0, GUEST_RAM_SIZE);
  const initial: X86InitialState = {
    eax: 0, ebx: 0, ecx: 0, edx: 0, esi: 0, edi: 0, ebp: 0, esp: GUEST_RAM_SIZE,
    eip: entryLabel.at,
    eflags: 0x2,
    cr0: INITIAL_CR0, cr3: 0, cr4: 0,
    cs: FLAT_CODE, ds: FLAT_DATA, es: FLAT_DATA, ss: FLAT_DATA, fs: FLAT_DATA, gs: FLAT_DATA,
    gdt: { base: 0, limit: 0 },
    idt: { base: 0, limit: 0 },
  };
  const registers: Record<string, X86RegisterHome> = {};
  ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6'].forEach((name, n) => {
    registers[name] = { kind: 'register', x86: X86_NAMES[X86_OF[n]] };
  });
  registers.r7 = { kind: 'cell', guestPhysicalAddress: cell('r7') };
  registers.sp = { kind: 'register', x86: 'esp' };

  const instructionAt = (eip: number): number => {
    const e = eip >>> 0;
    let lo = 0;
    let hi = code.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (code[mid].start > e) hi = mid - 1;
      else if (code[mid].start + code[mid].length <= e) lo = mid + 1;
      else return code[mid].instruction;
    }
    return -1;
  };
  /** The budget stub halting at `eip` (KVM may report the HLT's address or the one after it). */
  const stopAt = (eip: number) => stops.get(eip >>> 0) ?? stops.get((eip - 1) >>> 0);
  const image: X86Image = {
    slots: [
      { purpose: 'guest-ram', guestPhysicalAddress: 0, size: GUEST_RAM_SIZE, initial: ramImage },
      { purpose: 'runtime', guestPhysicalAddress: RUNTIME_BASE, size: runtimeSize, initial: runtimeImage },
    ],
    initial,
    registers,
    code,
    instructionAt,
    stepBudgetCell: cell('budget'),
    stepLimitAt(eip: number): number {
      const stop = stopAt(eip);
      if (!stop) return -1;
      return stop.instruction >= 0 ? stop.instruction : program.instructions.length;
    },
    lastInstructionCell: cell('lastInstruction'),
    returnAddressCell: cell('returnAddress'),
    stepLimitExit(eip: number, read32: (guestPhysicalAddress: number) => number) {
      const stop = stopAt(eip);
      if (!stop) return undefined;
      const last = read32(cell('lastInstruction')) | 0;
      const line = last >= 0 && last < program.instructions.length ? program.instructions[last].line : 0;
      return { instruction: last >= 0 ? last : -1, line, pc: stop.pc ?? read32(cell('returnAddress')) >>> 0 };
    },
    pcAt(eip: number, read32: (guestPhysicalAddress: number) => number): number {
      const e = eip >>> 0;
      const stop = stopAt(e);
      if (stop) return stop.pc ?? read32(cell('returnAddress')) >>> 0;
      const halted = guestHalts.get((e - 1) >>> 0) ?? guestHalts.get(e);
      if (halted !== undefined) return (program.instructions[halted].address + 4) >>> 0;
      const stub = faultStubs.find((f) => e >= f.start && e < f.end);
      if (stub) return stub.pc ?? read32(cell('returnAddress')) >>> 0;
      const i = instructionAt(e);
      return i >= 0 ? program.instructions[i].address >>> 0 : -1;
    },
  };
  return { image };
}

