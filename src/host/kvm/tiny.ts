/**
 * A flat 32-bit protected-mode machine for hand-assembled guests (kvm-info's measurements, the
 * bench, the tests): RAM 0x0–0xFFFF as the simulator's, code at 0x1000, the stack at the top of
 * RAM, no IDT (any exception escalates to a triple fault), a runtime page at 0x11000 holding the
 * step budget cell. The MMIO console page 0x10000 is left unmapped, so accesses there exit.
 */
import type { X86Image, X86InitialState, X86Segment } from '../../core/x86/image';

export const TINY_CODE_AT = 0x1000;
export const TINY_RUNTIME_AT = 0x11000;
export const TINY_BUDGET_CELL = TINY_RUNTIME_AT;

const flat = (selector: number, type: number): X86Segment => ({ selector, base: 0, limit: 0xffffffff, type, db: 1, dpl: 0, granularity: 1 });

/** Flat segments (code 0x08, data 0x10), CR0 = PE | ET, IF = 0, no IDT. */
export function flatInitialState(eip: number, esp = 0x10000): X86InitialState {
  const data = flat(0x10, 0x3);
  return {
    eax: 0, ebx: 0, ecx: 0, edx: 0, esi: 0, edi: 0, ebp: 0, esp, eip, eflags: 0x2,
    cr0: 0x11, cr3: 0, cr4: 0,
    cs: flat(0x08, 0xb), ds: data, es: data, ss: data, fs: data, gs: data,
    gdt: { base: 0, limit: 0 }, idt: { base: 0, limit: 0 },
  };
}

/**
 * An image of `code` at 0x1000 in which every byte range of `instructions` (offsets into `code`)
 * is one source instruction, instruction i at simulator address 4i on line i + 1; r0..r3 live in
 * EAX..EDX, r4..r7 in ESI, EDI, EBP and a cell, sp in ESP. `stubs` are budget stubs (the offset
 * of their HLT); the step-limit exit of stub k reports instruction k. `pcAt` knows nothing (-1).
 */
export function tinyImage(code: Uint8Array, instructions: Array<{ offset: number; length: number }> = [{ offset: 0, length: code.length }], stubs: Array<{ offset: number; instruction: number }> = []): X86Image {
  const ram = new Uint8Array(0x10000);
  ram.set(code, TINY_CODE_AT);
  const ranges = instructions.map((r, instruction) => ({ instruction, start: TINY_CODE_AT + r.offset, length: r.length }));
  // KVM reports the EIP after a HLT: the stub's HLT is at eip - 1.
  const stepLimitAt = (eip: number) => stubs.find((s) => TINY_CODE_AT + s.offset === eip || TINY_CODE_AT + s.offset === eip - 1)?.instruction ?? -1;
  return {
    slots: [
      { purpose: 'guest-ram', guestPhysicalAddress: 0, size: 0x10000, initial: ram },
      { purpose: 'runtime', guestPhysicalAddress: TINY_RUNTIME_AT, size: 0x1000, initial: new Uint8Array(0) },
    ],
    initial: flatInitialState(TINY_CODE_AT),
    registers: {
      r0: { kind: 'register', x86: 'eax' }, r1: { kind: 'register', x86: 'ebx' }, r2: { kind: 'register', x86: 'ecx' }, r3: { kind: 'register', x86: 'edx' },
      r4: { kind: 'register', x86: 'esi' }, r5: { kind: 'register', x86: 'edi' }, r6: { kind: 'register', x86: 'ebp' },
      r7: { kind: 'cell', guestPhysicalAddress: TINY_RUNTIME_AT + 4 }, sp: { kind: 'register', x86: 'esp' },
    },
    code: ranges,
    instructionAt: (eip) => ranges.find((r) => eip >= r.start && eip < r.start + r.length)?.instruction ?? -1,
    stepBudgetCell: TINY_BUDGET_CELL,
    stepLimitAt,
    lastInstructionCell: TINY_RUNTIME_AT + 8,
    returnAddressCell: TINY_RUNTIME_AT + 12,
    stepLimitExit: (eip) => {
      const k = stepLimitAt(eip);
      return k < 0 ? undefined : { instruction: k, line: k + 1, pc: 4 * k };
    },
    pcAt: () => -1,
  };
}
