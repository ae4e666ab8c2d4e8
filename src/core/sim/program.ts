/** The assembled program: source map for the UI and pre-decoded arrays for the interpreter. */
import type { Program, ProgramInstruction } from './api';
import { INSTRUCTION_SIZE } from './isa';

/** Guest-physical memory size; the initial `sp` is this value (top of memory). */
export const MEMORY_SIZE = 0x10000;

export type GenericOperand =
  | { kind: 'reg'; reg: number }
  | { kind: 'imm'; value: number }
  | { kind: 'mem'; base: number; disp: number };

/** Operands of an `Op.Generic` instruction (rare memory forms of innocuous instructions). */
export interface GenericInstruction {
  alu: number;
  dst?: GenericOperand;
  src?: GenericOperand;
}

/**
 * The interpreter walks *slots*: the instructions sorted by address, with an `Op.Invalid` slot
 * wherever the next address holds no instruction, so that falling through into data (or off the
 * end) faults with #UD instead of silently skipping to the next instruction. Slot `s` is
 * `op[s]` with fields `a[s] b[s] c[s] d[s]` (meaning per opcode: see the assembler's encoder).
 */
export class AssembledProgram implements Program {
  readonly op: Int32Array;
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly c: Int32Array;
  readonly d: Int32Array;
  /** Address of each slot. */
  readonly slotAddress: Int32Array;
  /** Index into `instructions` of each slot, -1 for a fault slot. */
  readonly slotInstruction: Int32Array;
  /** Slot at each byte address, -1 where no instruction starts. */
  readonly slotOfAddress: Int32Array;
  readonly generic: (GenericInstruction | undefined)[];
  readonly entrySlot: number;
  private readonly linesToAddresses = new Map<number, number[]>();

  constructor(
    readonly instructions: readonly ProgramInstruction[],
    readonly entry: number,
    readonly symbols: ReadonlyMap<string, number>,
    /** Initial memory: data directives; code bytes are not encoded (code is pre-decoded). */
    readonly image: Uint8Array,
    decoded: DecodedFields[],
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
    const n = slots.length;
    this.op = new Int32Array(n).fill(64 /* Op.Invalid */);
    this.a = new Int32Array(n);
    this.b = new Int32Array(n);
    this.c = new Int32Array(n);
    this.d = new Int32Array(n);
    this.slotAddress = new Int32Array(n);
    this.slotInstruction = new Int32Array(n);
    this.generic = new Array(n).fill(undefined);
    this.slotOfAddress = new Int32Array(MEMORY_SIZE).fill(-1);
    slots.forEach((slot, s) => {
      this.slotAddress[s] = slot.address;
      this.slotInstruction[s] = slot.ins;
      if (slot.ins < 0) return;
      const f = decoded[slot.ins];
      this.op[s] = f.op;
      this.a[s] = f.a;
      this.b[s] = f.b;
      this.c[s] = f.c;
      this.d[s] = f.d;
      this.generic[s] = f.generic;
      if (slot.address < MEMORY_SIZE) this.slotOfAddress[slot.address] = s;
      const line = instructions[slot.ins].line;
      const list = this.linesToAddresses.get(line) ?? [];
      list.push(slot.address);
      this.linesToAddresses.set(line, list);
    });
    // Jump targets were encoded as addresses in `a`; turn them into slots now that slots exist.
    for (let s = 0; s < n; s++) {
      if (isJumpOp(this.op[s])) this.a[s] = this.slotAt(this.c[s]);
    }
    this.entrySlot = Math.max(0, this.slotAt(entry));
  }

  /** Slot of the instruction at `address`, -1 when none starts there. */
  slotAt(address: number): number {
    return address >= 0 && address < MEMORY_SIZE ? this.slotOfAddress[address] : -1;
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
  op: number;
  a: number;
  b: number;
  c: number;
  d: number;
  generic?: GenericInstruction;
}

/** Jmp..Call (26..35): their `c` holds the target address and `a` its slot. */
export function isJumpOp(op: number): boolean {
  return op >= 26 && op <= 35;
}
