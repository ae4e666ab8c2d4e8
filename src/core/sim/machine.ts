/**
 * The guest machine's architectural state (what the guest believes: under a classic VMM this is
 * the *virtual* CPU the VMM keeps), its memory bus, and the ledger of costs and events.
 */
import type { CostModel, Layer, RunExit, RunStats, SimEvent, SimEventKind, KvmExitReason, VmxExitReason } from './api';
import { FLAG_AF, FLAG_ALWAYS, FLAG_CF, FLAG_IF, FLAG_OF, FLAG_PF, FLAG_SF, FLAG_ZF, parityFlag } from './flags';
import { emptyMemoryStats, Mmu } from './memory/mmu';
import { MEMORY_SIZE, type AssembledProgram } from './program';

export { FLAG_IF } from './flags';
export { MMIO_BASE } from './memory/mmu';
/** CR0 bits (SDM vol. 3, 2.5). */
export const CR0_PE = 1;
/** Extension type: hard-wired to 1 on every processor since the 486 (SDM vol. 3, 2.5). */
export const CR0_ET = 0x10;
export const CR0_PG = 0x80000000 | 0;
/** CR0 at reset as the guest finds it: protected mode, ET set (what SMSW shows). */
export const CR0_INITIAL = CR0_PE | CR0_ET;

/** A module-local copy: imported bindings are getters once bundled as CommonJS. */
const RAM_SIZE = MEMORY_SIZE;

/** Serial output kept per run; beyond it output is dropped (a runaway printer stays bounded). */
export const SERIAL_LIMIT = 1 << 20;

export function emptyStats(): RunStats {
  return {
    instructions: 0, direct: 0, emulated: 0, traps: 0, vmexits: {}, kvmExits: {}, hypercalls: 0,
    translatedBlocks: 0, translationCacheHits: 0, callouts: 0, cycles: 0, memory: emptyMemoryStats(),
  };
}

export class Machine {
  /** r0..r7, sp (8), and the always-zero pseudo register (9) of `[expr]` operands. */
  readonly regs = new Int32Array(10);
  readonly ram = new Uint8Array(RAM_SIZE);
  readonly view = new DataView(this.ram.buffer);
  /** Slot of the next instruction (see AssembledProgram). */
  slot: number;
  /** Address of the next instruction when `slot` is the program's dynamic fault slot. */
  dynamicAddress = 0;
  cf = false;
  zf = false;
  sf = false;
  of = false;
  /**
   * PF and AF are kept lazily, because nothing but the flags image reads them: PF is the parity
   * of the low byte of `pv` (the last result), AF is bit 4 of `av` (x ^ y ^ result, or 0).
   * Initially PF = 0 (pv = 1: odd parity) and AF = 0.
   */
  pv = 1;
  av = 0;
  ifl = false;
  /**
   * What IF would be on bare metal. It differs from `ifl` only after a POPF whose IF change a
   * deprivileged guest kernel lost (`trap`, `paravirt`): divergence texts compare with it.
   */
  bareIf = false;
  /** STI shadow: the STI just executed set IF, and interrupts wait until after the next instruction. */
  interruptShadow = false;
  cpl = 0;
  cr0 = CR0_INITIAL;
  cr3 = 0;
  /** Linear address of the last page fault. */
  cr2 = 0;
  gdtBase = 0;
  gdtLimit = 0;
  idtBase = 0;
  idtLimit = 0;
  /** Timer period in guest instructions (0: off) and instructions left until the next tick. */
  timerPeriod = 0;
  timerCountdown = 0;
  /** MMIO console registers: buffer address and length for the doorbell. */
  mmioAddress = 0;
  mmioLength = 0;
  /** Serial output bytes (kept as bytes: appending to a string per byte churns the heap). */
  private serialBytes = new Uint8Array(256);
  private serialLength = 0;
  private serialText = '';
  private serialTextLength = 0;
  readonly stats: RunStats = emptyStats();
  finished = false;
  exit: RunExit | undefined;
  /** Set by a data access outside RAM (MMIO or open bus) during the current instruction. */
  busAccess = -1;
  busWrite = false;
  /** The value of that access (what was read or written). */
  busValue = 0;
  /**
   * A read outside RAM earlier in the same instruction that then wrote outside RAM (a
   * read-modify-write such as `add [0x10000], r1`): real KVM exits for both, read first. -1: none.
   */
  busReadBeforeWrite = -1;
  /** Set by the fast path when it stopped right after a control transfer (end of a basic block). */
  branched = false;
  /** Slot of the instruction being executed by the slow path (for event lines). */
  current = 0;
  /** Events of the current step, collected only while someone listens (null: not recording). */
  sink: SimEvent[] | null = null;

  /** The one memory path (TLB, page walks, the mode's memory virtualization, the physical bus). */
  readonly mmu: Mmu;

  constructor(readonly program: AssembledProgram, readonly costs: CostModel) {
    this.mmu = new Mmu(this);
    this.ram.set(program.image.subarray(0, RAM_SIZE));
    this.regs[8] = RAM_SIZE;
    this.slot = program.dynamicSlot;
    this.jumpTo(program.entry);
    this.current = this.slot;
  }

  // --- program counter

  /** Address of the instruction at `slot`. */
  addressOf(slot: number): number {
    return slot === this.program.dynamicSlot ? this.dynamicAddress : this.program.slotAddress[slot] >>> 0;
  }

  get pc(): number {
    return this.addressOf(this.slot);
  }

  jumpTo(address: number): void {
    const a = address >>> 0;
    const s = this.program.slotAtRaw(a);
    if (s >= 0) this.slot = s;
    else {
      this.dynamicAddress = a;
      this.slot = this.program.dynamicSlot;
    }
  }

  /** Address of the instruction after the one at `slot` (the return address of call/int). */
  nextAddress(slot: number): number {
    return (this.addressOf(slot) + 4) >>> 0;
  }

  lineOfSlot(slot: number): number {
    return this.program.lineOfSlot(slot);
  }

  // --- flags

  /** The flags image (x86 EFLAGS positions): CF, PF, AF, ZF, SF, IF, OF and bit 1. */
  get flags(): number {
    return FLAG_ALWAYS | (this.cf ? FLAG_CF : 0) | (parityFlag(this.pv) ? FLAG_PF : 0) | (this.av & FLAG_AF)
      | (this.zf ? FLAG_ZF : 0) | (this.sf ? FLAG_SF : 0) | (this.ifl ? FLAG_IF : 0) | (this.of ? FLAG_OF : 0);
  }

  /** Loads the six status flags and, when `withIf`, IF from a flags image (other bits are not modelled). */
  setFlags(value: number, withIf: boolean): void {
    this.cf = (value & FLAG_CF) !== 0;
    this.pv = value & FLAG_PF ? 0 : 1;
    this.av = value & FLAG_AF;
    this.zf = (value & FLAG_ZF) !== 0;
    this.sf = (value & FLAG_SF) !== 0;
    this.of = (value & FLAG_OF) !== 0;
    if (withIf) this.setIf((value & FLAG_IF) !== 0);
  }

  /** Sets IF (and what bare metal would hold: the same, as every instruction but a lost POPF agrees). */
  setIf(on: boolean): void {
    this.ifl = on;
    this.bareIf = on;
  }

  /** ZF, SF and PF from a result. */
  setResultFlags(r: number): void {
    this.zf = r === 0;
    this.sf = r < 0;
    this.pv = r;
  }

  get cs(): number {
    return this.cpl === 3 ? 0x1b : 0x08 | this.cpl;
  }

  // --- memory: every data access goes through the MMU (memory/mmu.ts), linear addresses here

  read32(address: number): number {
    return this.mmu.read32(address);
  }

  write32(address: number, value: number): void {
    this.mmu.write32(address, value);
  }

  read8(address: number): number {
    return this.mmu.read8(address);
  }

  write8(address: number, value: number): void {
    this.mmu.write8(address, value);
  }

  /**
   * The MMIO console (virtio-like): 0x10000 DATA (low byte to the serial output), 0x10004 buffer
   * ADDRESS, 0x10008 LENGTH, 0x1000C DOORBELL (writes the whole buffer).
   */
  mmioWrite(offset: number, value: number): void {
    if (offset === 0) this.serialOut(value & 0xff);
    else if (offset === 4) this.mmioAddress = value >>> 0;
    else if (offset === 8) this.mmioLength = value >>> 0;
    else if (offset === 12) this.serialBuffer(this.mmioAddress, this.mmioLength);
  }

  /** Stores first, then moves sp: a page fault leaves sp unchanged. */
  push(value: number): void {
    const sp = (this.regs[8] - 4) | 0;
    this.write32(sp, value);
    this.regs[8] = sp;
  }

  pop(): number {
    const v = this.read32(this.regs[8]);
    this.regs[8] = (this.regs[8] + 4) | 0;
    return v;
  }

  /** Effective address of `[base + disp]`. */
  ea(base: number, disp: number): number {
    return (this.regs[base] + disp) >>> 0;
  }

  // --- devices shared by every mode

  serialOut(byte: number): void {
    if (this.serialLength >= SERIAL_LIMIT) return;
    if (this.serialLength === this.serialBytes.length) {
      const bigger = new Uint8Array(Math.min(SERIAL_LIMIT, this.serialBytes.length * 2));
      bigger.set(this.serialBytes);
      this.serialBytes = bigger;
    }
    this.serialBytes[this.serialLength++] = byte;
  }

  /** The serial output so far, one character per byte (Latin-1). */
  get serial(): string {
    if (this.serialTextLength !== this.serialLength) {
      let text = this.serialText;
      for (let i = this.serialTextLength; i < this.serialLength; i += 8192) {
        text += String.fromCharCode(...this.serialBytes.subarray(i, Math.min(this.serialLength, i + 8192)));
      }
      this.serialText = text;
      this.serialTextLength = this.serialLength;
    }
    return this.serialText;
  }

  /** Sends a buffer to the serial output: a device's DMA reads guest-physical memory, a hypercall linear memory. */
  serialBuffer(address: number, length: number, linear = false): number {
    const n = Math.min(length >>> 0, SERIAL_LIMIT);
    const mmu = this.mmu;
    if (!linear) {
      for (let i = 0; i < n; i++) this.serialOut(mmu.physRead8(address + i));
      return n;
    }
    // Read the whole buffer first: an unmapped byte fails the hypercall before anything is sent.
    const bytes = new Uint8Array(n);
    for (let i = 0; i < n; i++) bytes[i] = mmu.read8(address + i);
    for (let i = 0; i < n; i++) this.serialOut(bytes[i]);
    return n;
  }

  stop(exit: RunExit): void {
    this.finished = true;
    this.exit = exit;
  }

  // --- ledger

  /** Adds `cycles` and, when recording, an event for the instruction being executed. */
  ev(kind: SimEventKind, layer: Layer, cycles: number, en: string, zh: string, extra?: Partial<SimEvent>): void {
    this.stats.cycles += cycles;
    if (!this.sink) return;
    const slot = this.current;
    const event: SimEvent = {
      kind, layer, line: this.lineOfSlot(slot), pc: this.addressOf(slot), mnemonic: this.program.mnemonicOfSlot(slot), cycles,
      text: { en, 'zh-cn': zh }, ...extra,
    };
    this.sink.push(event);
  }

  /** An event whose cycles are already booked (e.g. the fast path's), recorded only. */
  note(kind: SimEventKind, layer: Layer, cycles: number, en: string, zh: string): void {
    const stats = this.stats;
    const before = stats.cycles;
    this.ev(kind, layer, cycles, en, zh);
    stats.cycles = before;
  }

  get recording(): boolean {
    return this.sink !== null;
  }

  countVmExit(reason: VmxExitReason): void {
    this.stats.vmexits[reason] = (this.stats.vmexits[reason] ?? 0) + 1;
  }

  countKvmExit(reason: KvmExitReason): void {
    this.stats.kvmExits[reason] = (this.stats.kvmExits[reason] ?? 0) + 1;
  }

  /** Guest layer of the code now running. */
  get guestLayer(): Layer {
    return this.cpl === 3 ? 'guest-user' : 'guest-kernel';
  }
}

