/**
 * Runs an `X86Image` (src/core/x86/image.ts) on the host's real KVM: one VM, its memory slots,
 * one vCPU in the image's initial state; KVM_RUN until the guest stops; every exit decoded once
 * (./exit.ts) and answered by the same devices as the simulator's (./devices.ts). The result has
 * the spec's `--json` shape with mode "kvm", plus what only real KVM has: `host`, `kvmStats`, the
 * ordered `exitLog` placed on source lines, and the final guest RAM for comparison.
 */
import type { X86Image } from '../../core/x86/image';
import { bootVcpu } from './boot';
import { CAP, KVM_SYNC_X86_REGS } from './layout';
import type { ExitKind, ProgramInstruction, Registers, RunStats } from '../../core/sim/api';
import { DEFAULT_MAX_STEPS } from '../../core/sim/api';
import { MEMORY_SIZE } from '../../core/sim/program';
import { Kvm, type GuestMemory, type OpenKvmOptions, type Vcpu } from './kvm';
import { describeInternalError, exitName, littleEndian, type VcpuExit } from './exit';
import { UserSpaceDevices } from './devices';
import { describeHost, type KvmHost } from './host';
import { errors } from './errors';
import type { Sregs, Regs } from './structs';
import { throwIfCancelled, type CancelSignal } from './cancel';

export const DEFAULT_MAX_EXITS = 200_000;

export interface KvmRunOptions extends OpenKvmOptions {
  /** Guest instructions, written into the image's budget cell (default the simulator's DEFAULT_MAX_STEPS). */
  maxSteps?: number;
  /** Exits to user space before the run stops with `exit-limit` (default DEFAULT_MAX_EXITS). */
  maxExits?: number;
  /** Keep the ordered exit log (default true; off, a run skips the register read per exit). */
  exitLog?: boolean;
  /** Read EIP from kvm_run (KVM_CAP_SYNC_REGS) instead of a KVM_GET_REGS per exit (default: where KVM offers it). */
  syncRegs?: boolean;
  /** Read after every exit: once aborted, the run throws RunCancelled (./cancel.ts), its VM closed. */
  signal?: CancelSignal;
  /** Called with each logged exit as it happens, so a caller can show the run while it goes on. */
  onExit?: (record: KvmExitRecord) => void;
}

/** Where a run ended: the spec's reasons, and those only real KVM has (`message` then says what happened). */
export type KvmExitKind = ExitKind | 'exit-limit' | 'internal-error' | 'fail-entry' | 'unexpected-exit';

export interface KvmRunExit {
  reason: KvmExitKind;
  code?: number;
  line: number;
  message?: string;
}

/** One exit to user space, as the device model saw it, placed on the source line that caused it. */
export type KvmExitRecord = {
  /** KVM_EXIT_* name. */
  exit: string;
  /** Source line (0: none, e.g. the runner's own code). */
  line: number;
  /** Index into `program.instructions` (-1: none). */
  instruction: number;
  eip: number;
} & (
  | { kind: 'io'; port: number; direction: 'in' | 'out'; size: number; data: number }
  | { kind: 'mmio'; address: number; isWrite: boolean; length: number; data: number }
  | { kind: 'hlt' | 'shutdown' | 'other' }
);

export interface KvmRegisters extends Registers {
  cr0: number;
  cr2: number;
  cr3: number;
}

export interface KvmRunResult {
  mode: 'kvm';
  exit: KvmRunExit;
  serial: string;
  registers: KvmRegisters;
  stats: RunStats;
  divergences: [];
  host: KvmHost & { apiVersion: number };
  /** The vCPU's KVM_GET_STATS_FD counters after the run ("on this host": never compared). */
  kvmStats: Record<string, number>;
  exitLog: KvmExitRecord[];
  /** Guest RAM (the simulator's 64 KiB) at the end. */
  memory: Uint8Array;
}

/** What the runner needs of the assembled program: each instruction's simulator address and source line. */
export interface SourceProgram {
  readonly instructions: readonly Pick<ProgramInstruction, 'address' | 'line'>[];
}

const IO_OPCODES = new Set([0xe4, 0xe5, 0xe6, 0xe7, 0xec, 0xed, 0xee, 0xef, 0x6c, 0x6d, 0x6e, 0x6f]);
const REGISTER_NAMES = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'sp'] as const;

/** Runs `image` (built from `program`) on /dev/kvm; throws a KvmError when KVM cannot be used or the image is malformed. */
export function runOnKvm(image: X86Image, program: SourceProgram, options: KvmRunOptions = {}): KvmRunResult {
  checkImage(image);
  const kvm = Kvm.open(options);
  try {
    const vm = kvm.createVm();
    try {
      const slots = image.slots.map((slot, i) => {
        const mem = vm.addMemory(i, slot.guestPhysicalAddress, slot.size);
        mem.write(slot.guestPhysicalAddress, slot.initial);
        return { slot, mem };
      });
      const memoryAt = (gpa: number, length = 1): GuestMemory | undefined => slots.find((s) => s.mem.contains(gpa, length))?.mem;
      const budget = memoryAt(image.stepBudgetCell, 4);
      if (!budget) throw errors.badImage(`the step budget cell 0x${image.stepBudgetCell.toString(16)} lies in no slot`);
      const maxSteps = Math.min(Math.max(0, Math.trunc(options.maxSteps ?? DEFAULT_MAX_STEPS)), 0xffffffff);
      budget.write(image.stepBudgetCell, u32le(maxSteps));

      const vcpu = bootVcpu(vm, image.initial, kvm.supportedCpuid());
      if (options.syncRegs !== false && kvm.checkExtension(CAP.KVM_CAP_SYNC_REGS) & KVM_SYNC_X86_REGS) vcpu.enableSyncRegs();

      const ram = slots.find((s) => s.slot.purpose === 'guest-ram')?.mem;
      const readRam = (address: number, length: number): Uint8Array => {
        const out = new Uint8Array(length).fill(0xff);
        const end = Math.min(address + length, MEMORY_SIZE);
        if (ram && address < end) out.set(ram.read(address, end - address), 0);
        return out;
      };
      const loop = new RunLoop(image, program, vcpu, new UserSpaceDevices(readRam), memoryAt, options);
      const exit = loop.run();

      const regs = vcpu.getRegs();
      const sregs = vcpu.getSregs();
      const budgetLeft = loop.budgetLeftAtStop ?? littleEndian(budget.read(image.stepBudgetCell, 4));
      return {
        mode: 'kvm',
        exit,
        serial: loop.devices.serial,
        registers: registersOf(image, regs, sregs, loop.pc, memoryAt),
        stats: {
          instructions: maxSteps - budgetLeft, direct: 0, emulated: 0, traps: 0, vmexits: {}, kvmExits: loop.kvmExits as RunStats['kvmExits'],
          hypercalls: 0, translatedBlocks: 0, translationCacheHits: 0, callouts: 0, cycles: 0,
          // No paging in the subset: the simulator's memory counters have nothing to count here.
          memory: { tlbHits: 0, tlbMisses: 0, pageWalkReferences: 0, guestPageFaults: 0, hiddenPageFaults: 0, shadowUpdates: 0, eptViolations: 0 },
        },
        divergences: [],
        host: { ...describeHost(), apiVersion: kvm.apiVersion },
        kvmStats: vcpu.readStats(),
        exitLog: loop.log,
        memory: readRam(0, MEMORY_SIZE),
      };
    } finally {
      vm.close();
    }
  } finally {
    kvm.close();
  }
}

class RunLoop {
  readonly log: KvmExitRecord[] = [];
  readonly kvmExits: Record<string, number> = {};
  /** The simulator address the run stopped at (`registers.pc`). */
  pc = 0;
  /** The budget when the guest stopped, where the runner spent it afterwards (finishing a debug-exit OUT). */
  budgetLeftAtStop?: number;
  private readonly read32 = (gpa: number): number => {
    const mem = this.memoryAt(gpa, 4);
    return mem ? littleEndian(mem.read(gpa, 4)) : 0xffffffff;
  };

  constructor(
    private readonly image: X86Image,
    private readonly program: SourceProgram,
    private readonly vcpu: Vcpu,
    readonly devices: UserSpaceDevices,
    private readonly memoryAt: (gpa: number, length?: number) => GuestMemory | undefined,
    private readonly options: KvmRunOptions,
  ) {}

  run(): KvmRunExit {
    const maxExits = options(this.options.maxExits, DEFAULT_MAX_EXITS);
    const logging = this.options.exitLog !== false;
    let e: VcpuExit | undefined;
    for (let n = 0; n < maxExits; n++) {
      throwIfCancelled(this.options.signal);
      this.vcpu.run();
      e = this.vcpu.exit();
      const name = exitName(e);
      const stop = this.handle(e, name, logging);
      // The budget stub's HLT is the runner's set-up, not an exit of the guest: the simulator has none.
      if (stop?.reason !== 'step-limit') this.kvmExits[name] = (this.kvmExits[name] ?? 0) + 1;
      if (stop) return stop;
    }
    // The guest has not resumed after the latest exit: the run stops on the instruction that made it.
    const eip = this.vcpu.rip();
    const k = e?.kind === 'io' ? this.ioInstruction(eip) : e?.kind === 'mmio' ? this.mmioInstruction(e.isWrite, eip) : this.image.instructionAt(eip);
    this.pc = this.pcOf(eip, this.addressOf(k, 0, eip));
    return { reason: 'exit-limit', line: this.lineOf(k), message: `the run stopped after ${maxExits} exits to user space` };
  }

  private handle(e: VcpuExit, name: string, logging: boolean): KvmRunExit | undefined {
    switch (e.kind) {
      case 'io': {
        let value = 0;
        let code: number | undefined;
        if (e.direction === 'in') {
          value = this.devices.portIn(e.port);
          const bytes = new Uint8Array(e.size * e.count);
          for (let i = 0; i < e.count; i++) bytes.set(u32le(value).subarray(0, e.size), i * e.size);
          this.vcpu.completeIn(e.dataOffset, bytes);
        } else {
          for (let i = 0; i < e.count && code === undefined; i++) {
            value = littleEndian(e.data, i * e.size, e.size);
            code = this.devices.portOut(e.port, value);
          }
        }
        if (logging || code !== undefined) {
          const eip = this.vcpu.rip();
          const k = this.ioInstruction(eip);
          this.record({ exit: name, kind: 'io', port: e.port, direction: e.direction, size: e.size, data: value, ...this.place(k, eip) }, logging);
          if (code !== undefined) {
            this.pc = this.pcOf(this.finishInstruction(), this.addressOf(k, 4, eip));
            return { reason: 'debug-exit', code, line: this.lineOf(k) };
          }
        }
        return undefined;
      }
      case 'mmio': {
        let value: number;
        if (e.isWrite) {
          value = littleEndian(e.data, 0, e.length);
          this.devices.mmioWrite(e.address, e.length, value);
        } else {
          const bytes = this.devices.mmioRead(e.length);
          this.vcpu.completeMmioRead(bytes);
          value = littleEndian(bytes, 0, e.length);
        }
        if (logging) {
          const eip = this.vcpu.rip();
          this.record({ exit: name, kind: 'mmio', address: e.address, isWrite: e.isWrite, length: e.length, data: value, ...this.place(this.mmioInstruction(e.isWrite, eip), eip) }, true);
        }
        return undefined;
      }
      case 'hlt': {
        // EIP is past the one-byte HLT.
        const eip = this.vcpu.rip();
        const limit = this.image.stepLimitExit(eip, this.read32);
        if (limit) {
          this.pc = limit.pc;
          return { reason: 'step-limit', line: limit.line };
        }
        const k = this.image.instructionAt(eip - 1);
        this.record({ exit: name, kind: 'hlt', ...this.place(k, eip) }, logging);
        this.pc = this.pcOf(eip, this.addressOf(k, 4, eip));
        return { reason: 'hlt', line: this.lineOf(k) };
      }
      case 'shutdown': {
        const eip = this.vcpu.rip();
        const k = this.image.instructionAt(eip);
        this.record({ exit: name, kind: 'shutdown', ...this.place(k, eip) }, logging);
        this.pc = this.pcOf(eip, this.addressOf(k, 0, eip));
        return { reason: 'shutdown', line: this.lineOf(k) };
      }
      default: {
        const eip = this.vcpu.rip();
        const k = this.image.instructionAt(eip);
        this.record({ exit: name, kind: 'other', ...this.place(k, eip) }, logging);
        this.pc = this.pcOf(eip, this.addressOf(k, 0, eip));
        const at = `at EIP 0x${eip.toString(16)}`;
        if (e.kind === 'internal-error') {
          return { reason: 'internal-error', line: this.lineOf(k), message: `KVM reported an internal error (${describeInternalError(e.suberror)}${e.data.length ? `, data ${e.data.map((d) => `0x${d.toString(16)}`).join(' ')}` : ''}) ${at}` };
        }
        if (e.kind === 'fail-entry') {
          return { reason: 'fail-entry', line: this.lineOf(k), message: `KVM could not enter the guest (hardware entry failure reason 0x${e.hardwareEntryFailureReason.toString(16)}) ${at}` };
        }
        return { reason: 'unexpected-exit', line: this.lineOf(k), message: `the guest exited with ${name}, which the runner does not handle, ${at}` };
      }
    }
  }

  /**
   * The instruction of an I/O exit. KVM's fast PIO path leaves EIP on the IN/OUT until user space
   * has answered; other paths (string I/O, the emulator) may have moved it past. So: if the bytes
   * at EIP are an I/O opcode, it is that instruction, else the one that ends just before EIP.
   */
  private ioInstruction(eip: number): number {
    const mem = this.memoryAt(eip, 2);
    if (mem) {
      const b = mem.read(eip, 2);
      const opcode = b[0] === 0x66 ? b[1] : b[0];
      if (IO_OPCODES.has(opcode)) return this.image.instructionAt(eip);
    }
    return this.image.instructionAt(eip - 1);
  }

  /**
   * The instruction of an MMIO exit. KVM's emulator has finished a store before user space sees
   * its data (EIP is past it), while a load restarts once user space has answered (EIP on it).
   */
  private mmioInstruction(isWrite: boolean, eip: number): number {
    return this.image.instructionAt(isWrite ? eip - 1 : eip);
  }

  /**
   * A debug-exit OUT stops the guest in the middle of its translation, scratch values still in
   * EAX/EDX. With the budget at 0, one more KVM_RUN completes the instruction and halts in the next
   * slot's budget stub, where every register is the guest's (image.ts, "Stopping in the middle of
   * an instruction"); that HLT is the set-up's, not the guest's. Returns the EIP it halted at.
   */
  private finishInstruction(): number {
    this.budgetLeftAtStop = this.read32(this.image.stepBudgetCell);
    const cell = this.memoryAt(this.image.stepBudgetCell, 4);
    cell?.write(this.image.stepBudgetCell, u32le(0));
    this.vcpu.run();
    const e = this.vcpu.exit();
    const eip = this.vcpu.rip();
    if (e.kind !== 'hlt' || this.image.stepLimitAt(eip) < 0) {
      throw errors.badImage(`after the debug-exit OUT the guest stopped with ${exitName(e)} at EIP 0x${eip.toString(16)} instead of in a budget stub`);
    }
    return eip;
  }

  /** The simulator's pc for a vCPU stopped at `eip` (the image knows its stubs), else `fallback`. */
  private pcOf(eip: number, fallback: number): number {
    const pc = this.image.pcAt(eip, this.read32);
    return pc >= 0 ? pc : fallback;
  }

  private place(k: number, eip: number): { line: number; instruction: number; eip: number } {
    return { line: this.lineOf(k), instruction: k, eip };
  }

  private record(r: KvmExitRecord, logging: boolean): void {
    if (!logging) return;
    this.log.push(r);
    this.options.onExit?.(r);
  }

  private lineOf(k: number): number {
    return k >= 0 ? this.program.instructions[k]?.line ?? 0 : 0;
  }

  /** The simulator address of instruction `k` plus `after` (4: the one after it), or EIP where none. */
  private addressOf(k: number, after: number, eip: number): number {
    const ins = k >= 0 ? this.program.instructions[k] : undefined;
    return ins ? ins.address + after : eip;
  }
}

function options(value: number | undefined, fallback: number): number {
  return value === undefined || !Number.isFinite(value) || value < 1 ? fallback : Math.trunc(value);
}

function u32le(v: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v >>> 0, true);
  return b;
}

function checkImage(image: X86Image): void {
  const sorted = [...image.slots].sort((a, b) => a.guestPhysicalAddress - b.guestPhysicalAddress);
  if (sorted.length === 0) throw errors.badImage('it has no memory slot');
  sorted.forEach((s, i) => {
    const where = `slot ${s.purpose} at 0x${s.guestPhysicalAddress.toString(16)}`;
    if (s.guestPhysicalAddress % 4096 !== 0 || s.size % 4096 !== 0 || s.size <= 0) throw errors.badImage(`${where} is not page-aligned (address and size must be multiples of 4096)`);
    if (s.initial.length > s.size) throw errors.badImage(`${where} has ${s.initial.length} initial bytes for ${s.size} bytes of memory`);
    const next = sorted[i + 1];
    if (next && s.guestPhysicalAddress + s.size > next.guestPhysicalAddress) throw errors.badImage(`${where} overlaps the slot at 0x${next.guestPhysicalAddress.toString(16)}`);
  });
}

function registersOf(image: X86Image, regs: Regs, sregs: Sregs, pc: number, memoryAt: (gpa: number, length?: number) => GuestMemory | undefined): KvmRegisters {
  const value = (name: string): number => {
    const home = image.registers[name];
    if (!home) return 0;
    // eax → rax … esp → rsp: the 32-bit register is the low half of its 64-bit one.
    if (home.kind === 'register') return regs[`r${home.x86.slice(1)}` as 'rax'] >>> 0;
    const mem = memoryAt(home.guestPhysicalAddress, 4);
    return mem ? littleEndian(mem.read(home.guestPhysicalAddress, 4)) : 0;
  };
  const out = Object.fromEntries(REGISTER_NAMES.map((n) => [n, value(n)])) as Record<(typeof REGISTER_NAMES)[number], number>;
  return {
    ...out, pc, flags: regs.rflags >>> 0, cpl: sregs.cs.selector & 3,
    cr0: sregs.cr0 >>> 0, cr2: sregs.cr2 >>> 0, cr3: sregs.cr3 >>> 0,
  };
}
