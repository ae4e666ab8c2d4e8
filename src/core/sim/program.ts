/** The assembled program: source map for the UI and pre-decoded arrays for the interpreter. */
import type { Program, ProgramInstruction } from './api';
import { Alu, Op, isJumpOp } from './fastpath';
import { INSTRUCTION_SIZE } from './isa';

/** Guest-physical RAM size; the initial `sp` is this value (top of memory). */
export const MEMORY_SIZE = 0x10000;

/** Register file index of the always-zero pseudo register used by `[expr]` operands. */
export const ZERO_REG = 9;

export type GenericOperand =
  | { kind: 'reg'; reg: number }
  | { kind: 'imm'; value: number }
  /** `[base + disp]`; base ZERO_REG for `[expr]`. */
  | { kind: 'mem'; base: number; disp: number };

/**
 * Every innocuous instruction also has this operand form, which the slow path executes with the
 * full memory bus (MMIO, open bus) when the fast path cannot (`Op.Generic`, or an access outside RAM).
 */
export interface GenericInstruction {
  alu: Alu;
  dst?: GenericOperand;
  src?: GenericOperand;
}

/**
 * The interpreter walks *slots*: the instructions sorted by address, with an `Op.Invalid` slot
 * wherever the next address holds no instruction, so that falling through into data (or off the
 * end) faults with #UD instead of silently skipping to the next instruction. Jumps to addresses
 * without an instruction get an `Op.Invalid` slot of their own; computed targets (`ret`, `iret`,
 * IDT handlers) that hit no instruction use `dynamicSlot`, whose address the CPU keeps.
 * Slot `s` is `op[s]` with fields `a[s] b[s] c[s]` (meaning per opcode: see `encode.ts`).
 */
export class AssembledProgram implements Program {
  readonly op: Int32Array;
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly c: Int32Array;
  /** `op a b c` of every slot interleaved (slot s at 4s), the layout the fast path reads. */
  readonly code: Int32Array;
  /** Address of each slot (unused for `dynamicSlot`). */
  readonly slotAddress: Int32Array;
  /** Index into `instructions` of each slot, -1 for a fault slot. */
  readonly slotInstruction: Int32Array;
  /** Slot at each byte address of RAM, -1 where no instruction starts. */
  readonly slotOfAddress: Int32Array;
  readonly generic: (GenericInstruction | undefined)[];
  /** Slot of `entry`, -1 when no instruction is there (the CPU then faults at `entry`). */
  readonly entrySlot: number;
  readonly dynamicSlot: number;
  private readonly linesToAddresses = new Map<number, number[]>();

  constructor(
    readonly instructions: readonly ProgramInstruction[],
    readonly entry: number,
    readonly symbols: ReadonlyMap<string, number>,
    /** Initial memory: data directives. Code is pre-decoded, not encoded: its bytes read as 0. */
    readonly image: Uint8Array,
    decoded: readonly DecodedFields[],
  ) {
    const order = instructions.map((_, i) => i).sort((x, y) => instructions[x].address - instructions[y].address);
    const slots: { ins: number; address: number }[] = [];
    for (const i of order) {
      const prev = slots[slots.length - 1];
      if (prev && prev.address + INSTRUCTION_SIZE !== instructions[i].address) slots.push({ ins: -1, address: prev.address + INSTRUCTION_SIZE });
      slots.push({ ins: i, address: instructions[i].address });
    }
    const last = slots[slots.length - 1];
    slots.push({ ins: -1, address: last ? last.address + INSTRUCTION_SIZE : 0 });
    this.slotOfAddress = new Int32Array(MEMORY_SIZE).fill(-1);
    for (let s = 0; s < slots.length; s++) {
      const address = slots[s].address;
      if (address >= 0 && address < MEMORY_SIZE && this.slotOfAddress[address] < 0) this.slotOfAddress[address] = s;
    }
    // Jump targets that hold no instruction get a fault slot at their address.
    const wild = new Map<number, number>();
    for (const f of decoded) {
      if (!isJumpOp(f.op) || this.slotAtRaw(f.c) >= 0 || wild.has(f.c)) continue;
      wild.set(f.c, slots.length);
      slots.push({ ins: -1, address: f.c });
    }
    this.dynamicSlot = slots.length;
    slots.push({ ins: -1, address: 0 });

    const n = slots.length;
    this.op = new Int32Array(n).fill(Op.Invalid);
    this.a = new Int32Array(n);
    this.b = new Int32Array(n);
    this.c = new Int32Array(n);
    this.slotAddress = new Int32Array(n);
    this.slotInstruction = new Int32Array(n);
    this.generic = new Array<GenericInstruction | undefined>(n).fill(undefined);
    slots.forEach((slot, s) => {
      this.slotAddress[s] = slot.address;
      this.slotInstruction[s] = slot.ins;
      if (slot.ins < 0) return;
      const f = decoded[slot.ins];
      this.op[s] = f.op;
      this.a[s] = f.a;
      this.b[s] = f.b;
      this.c[s] = f.c;
      this.generic[s] = f.generic;
      const line = instructions[slot.ins].line;
      const list = this.linesToAddresses.get(line) ?? [];
      list.push(slot.address);
      this.linesToAddresses.set(line, list);
    });
    // Jump targets were encoded as addresses in `c`; `a` gets their slot now that slots exist.
    for (let s = 0; s < n; s++) {
      if (isJumpOp(this.op[s])) {
        const t = this.slotAtRaw(this.c[s]);
        this.a[s] = t >= 0 ? t : (wild.get(this.c[s]) ?? this.dynamicSlot);
      }
    }
    this.code = new Int32Array(4 * n);
    for (let s = 0; s < n; s++) {
      this.code[4 * s] = this.op[s];
      this.code[4 * s + 1] = this.a[s];
      this.code[4 * s + 2] = this.b[s];
      this.code[4 * s + 3] = this.c[s];
    }
    this.entrySlot = this.slotAtRaw(entry);
  }

  /** Slot at `address`, fault slots included; -1 outside RAM or where nothing starts. */
  slotAtRaw(address: number): number {
    return address >= 0 && address < MEMORY_SIZE ? this.slotOfAddress[address] : -1;
  }

  /** Slot of the instruction at `address`, -1 when none starts there. */
  slotAt(address: number): number {
    const s = this.slotAtRaw(address);
    return s >= 0 && this.slotInstruction[s] >= 0 ? s : -1;
  }

  lineOf(address: number): number {
    const s = this.slotAt(address);
    return s < 0 ? 0 : this.instructions[this.slotInstruction[s]].line;
  }

  /** Source line of a slot (0 for fault slots). */
  lineOfSlot(slot: number): number {
    const i = this.slotInstruction[slot];
    return i < 0 ? 0 : this.instructions[i].line;
  }

  mnemonicOfSlot(slot: number): string {
    const i = this.slotInstruction[slot];
    return i < 0 ? '' : this.instructions[i].mnemonic;
  }

  addressesOfLine(line: number): readonly number[] {
    return this.linesToAddresses.get(line) ?? [];
  }
}

export interface DecodedFields {
  op: Op;
  a: number;
  b: number;
  c: number;
  generic?: GenericInstruction;
}
