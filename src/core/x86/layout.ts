/**
 * Where things live in the real-KVM guest (docs/real-kvm.md): guest RAM at 0, the MMIO console
 * page above it (no slot: the runner emulates it), and the runtime slot high in the address space.
 */
import { MEMORY_SIZE } from '../sim/program';

export const GUEST_RAM_SIZE = MEMORY_SIZE;

/** The runtime slot: cells, the jump table of `ret`, then the translated code. */
export const RUNTIME_BASE = 0xffc00000;
/**
 * The slot must end below 0xFFFBC000: KVM's default identity-map page and the TSS pages that a
 * runner may place with KVM_SET_TSS_ADDR (QEMU uses 0xFFFBD000) lie there on Intel hosts.
 */
export const RUNTIME_LIMIT = 0xfffbc000;

/** Byte offsets of the 4-byte cells in the runtime slot. */
export const CELL = {
  /** Home of r7 (there is no eighth free x86 register beside ESP). */
  r7: 0x00,
  /** Instructions left (see X86Image.stepBudgetCell). */
  budget: 0x04,
  /** Index of the instruction that used the last unit of the budget (-1: none): the step-limit exit's line. */
  lastInstruction: 0x08,
  /** The address `ret` popped: the simulator's pc when it holds no instruction. */
  returnAddress: 0x0c,
  /** `ret`'s x86 target, for an indirect jump after ECX is restored. */
  jumpTarget: 0x10,
  /** An immediate operand `mul` needs in memory. */
  immediate: 0x14,
  /** The flags image `popf` popped, masked. */
  flagsImage: 0x18,
  /** The guest's ESP while `popf` points ESP at `flagsImage`. */
  savedEsp: 0x1c,
  /** Save cells of EAX..EDI (x86 numbering) while a register serves as scratch. */
  save: 0x20,
  /** The IDTR as `sidt` stores it (limit:16, base:32), read when #UD is delivered through the toy IDT. */
  idtr: 0x40,
  /** A pseudo-descriptor of limit 0, loaded before the `ud2` that must end in a triple fault. */
  emptyIdtr: 0x48,
  /** The handler address read from the toy IDT. */
  handler: 0x50,
  /** The toy machine's CPL (0 or 3) in a program that enters user mode with `iret`. */
  cpl: 0x54,
  /** What `cs` reads: 0x08 at CPL 0, 0x1B at CPL 3. */
  csValue: 0x58,
  /** The CPL `iret` popped, and EFLAGS kept while `popf` at CPL 3 reads the current IF. */
  poppedCpl: 0x5c,
  currentFlags: 0x60,
} as const;

export const JUMP_TABLE_OFFSET = 0x1000;
/** One 4-byte x86 address per byte address of guest RAM. */
export const JUMP_TABLE_SIZE = 4 * GUEST_RAM_SIZE;
export const CODE_OFFSET = JUMP_TABLE_OFFSET + JUMP_TABLE_SIZE;

export const cell = (name: keyof typeof CELL): number => RUNTIME_BASE + CELL[name];
export const saveCell = (x86: number): number => RUNTIME_BASE + CELL.save + 4 * x86;

/** EFLAGS bits the toy machine has (CF PF AF ZF SF IF OF): what `popf` may load. */
export const FLAGS_MASK = 0x1 | 0x4 | 0x10 | 0x40 | 0x80 | 0x200 | 0x800;

/** CR0 at start: PE, and ET as every processor since the 486 reports it. */
export const INITIAL_CR0 = 0x11;
