/**
 * The contract between the x86 code generator (`./codegen`, pure, runs anywhere) and the real-KVM
 * runner (`src/host/kvm/`, Node only): everything the runner needs to load a vmasm program into a
 * KVM virtual machine and to map what it sees back onto the program's source.
 *
 * The guest runs in 32-bit protected mode with flat segments, as the toy machine's 32-bit
 * registers, `cr0.PE` and (later) two-level paging are x86's own: see docs/real-kvm.md.
 */

/** One KVM memory slot (`KVM_SET_USER_MEMORY_REGION`): page-aligned address and size. */
export interface X86MemorySlot {
  /** What the slot holds, for messages and docs: the guest's RAM, or the runner's code and scratch area. */
  purpose: 'guest-ram' | 'runtime';
  guestPhysicalAddress: number;
  /** Bytes, a multiple of 4096. */
  size: number;
  /** Initial contents from offset 0 (shorter than `size`: the rest is zero). */
  initial: Uint8Array;
}

/** A segment register's hidden part as `struct kvm_segment` holds it. */
export interface X86Segment {
  selector: number;
  base: number;
  limit: number;
  /** Segment type field (e.g. 0xB execute/read accessed code, 0x3 read/write accessed data). */
  type: number;
  /** Default operation size bit (1: 32-bit). */
  db: 0 | 1;
  /** Descriptor privilege level. */
  dpl: number;
  /** 1: limit in 4 KiB units. */
  granularity: 0 | 1;
}

export interface X86InitialState {
  /** General registers as `struct kvm_regs` names them (32-bit values). */
  eax: number; ebx: number; ecx: number; edx: number;
  esi: number; edi: number; ebp: number; esp: number;
  eip: number;
  eflags: number;
  cr0: number;
  cr3: number;
  cr4: number;
  cs: X86Segment; ds: X86Segment; es: X86Segment; ss: X86Segment; fs: X86Segment; gs: X86Segment;
  gdt: { base: number; limit: number };
  idt: { base: number; limit: number };
}

/** Where a vmasm instruction's machine code lies. */
export interface X86CodeRange {
  /** Index into `program.instructions`. */
  instruction: number;
  /** Guest-physical (= linear) address of the first byte, and the number of bytes. */
  start: number;
  length: number;
}

/** A vmasm register that has no x86 register of its own lives in a 4-byte cell of the runtime slot. */
export type X86RegisterHome =
  | { kind: 'register'; x86: 'eax' | 'ebx' | 'ecx' | 'edx' | 'esi' | 'edi' | 'ebp' | 'esp' }
  | { kind: 'cell'; guestPhysicalAddress: number };

export interface X86Image {
  slots: X86MemorySlot[];
  initial: X86InitialState;
  /** Where r0..r7 and sp live (keys 'r0'..'r7', 'sp'). */
  registers: Record<string, X86RegisterHome>;
  /** Every instruction's code, sorted by `start`; `instructionAt` answers the reverse lookup. */
  code: X86CodeRange[];
  /** The instruction whose code contains `eip` (-1: none, e.g. the runner's own stubs). */
  instructionAt(eip: number): number;
  /**
   * Guest-physical address of the 4-byte instruction budget: the runner writes the step limit
   * there before the first KVM_RUN; the generated code counts one down before each vmasm
   * instruction (without touching the guest's flags or stack) and, when none is left, halts in
   * a stub of that instruction instead of running it.
   */
  stepBudgetCell: number;
  /** The instruction whose budget stub halts at `eip` (-1: not a budget stub, e.g. the guest's own `hlt`). */
  stepLimitAt(eip: number): number;
}

/**
 * Additions (the runner may use them; everything above is unchanged).
 *
 * - Step limit. `stepLimitAt` returns, for the stub of a slot where no instruction starts (a fault
 *   slot, where the simulator would raise #UD), `program.instructions.length`. The simulator reports
 *   a step-limit exit on the line of the LAST instruction that ran (not the next one) and its pc at
 *   the next slot: `stepLimitExit` gives both. `instructions` of the run = limit − budget cell. To go on
 *   after a step-limit stop, write a new budget and KVM_RUN again: the slot checks its budget again.
 * - Stopping in the middle of an instruction. A KVM_EXIT_IO that ends the run (the debug-exit port)
 *   comes while the translated `out` still holds scratch values in EAX/EDX. To read the guest's
 *   registers, write 0 to `stepBudgetCell` and KVM_RUN once more: the instruction completes and the
 *   vCPU halts in the next slot's budget stub, where every register is the guest's; that extra
 *   KVM_EXIT_HLT belongs to the set-up, not to the guest's exits.
 * - KVM_EXIT_HLT: KVM reports the EIP after the HLT; `instructionAt(eip)` still answers the guest's
 *   `hlt` instruction (a never-run ud2 follows it), and `pcAt` gives the simulator's pc.
 */
export interface X86StepLimitExit {
  /** Index of the last instruction that ran (-1: none ran), and its source line (0: none). */
  instruction: number;
  line: number;
  /** The simulator's pc: the slot that did not run. */
  pc: number;
}

export interface X86Image {
  /** Guest-physical address of the cell holding the index of the instruction that used the last unit of the budget. */
  lastInstructionCell: number;
  /** Guest-physical address of the cell where `ret` keeps the address it popped. */
  returnAddressCell: number;
  /** The step-limit exit when the vCPU halted (KVM_EXIT_HLT) in a budget stub, else undefined. `read32` reads guest-physical memory. */
  stepLimitExit(eip: number, read32: (guestPhysicalAddress: number) => number): X86StepLimitExit | undefined;
  /**
   * The simulator's pc for a vCPU stopped at `eip`: after the guest's `hlt` the next address, in a
   * budget stub that slot's address, at a fault its address (a `ret` to nowhere: the popped one),
   * inside an instruction its address; -1 elsewhere.
   */
  pcAt(eip: number, read32: (guestPhysicalAddress: number) => number): number;
}
