/**
 * The one comparison of a run on the real KVM with the simulated `vtx` run of the same program
 * (spec v2, "the same programs on real KVM"), shared by `kvm-lab compare`, the differential tests
 * and the panel. Pure: no Node API, so any host of the core can import it.
 *
 * Compared exactly: the exit reason, code and line; the serial output; the sequence of exits to
 * user space (KVM_EXIT_IO with port, direction, size and data; KVM_EXIT_MMIO with address,
 * direction and, where the simulator knows it, data; KVM_EXIT_HLT; KVM_EXIT_SHUTDOWN); r0..r7,
 * sp, pc, cpl, cr0, cr3; the toy machine's flags (CF PF AF ZF SF IF OF and bit 1); the 64 KiB of
 * guest RAM. Masked, and said so:
 * - the flags the SDM leaves undefined after the last flag-writing instruction (`undefinedFlags`);
 * - EFLAGS bits the toy machine does not have (RF, which KVM reports set after a fault, TF, …);
 * - what the host decides in a program that runs `cpuid` or `rdtsc`: the values in registers,
 *   memory, serial output and the data of `out`s may differ ("tolerated"), but the hypervisor
 *   signature "KVMKVMKVM" must appear in the real serial output as often as in the simulated one.
 * Counts and costs of exits KVM handles in the kernel are "on this host", never compared.
 */
import type { LocalizedText, Program, RunResult, SimEvent, UserSpaceExit } from '../../core/sim/api';
import { Simulation } from '../../core/sim/simulation';
import { FLAG_ALWAYS, FLAGS_WRITTEN, MODELLED_FLAGS, UNDEFINED_FLAGS, undefinedFlags } from '../../core/sim/flags';
import { MEMORY_SIZE } from '../../core/sim/program';
import type { KvmExitRecord, KvmRunResult } from './runner';
import { throwIfCancelled, type CancelSignal } from './cancel';

/** One exit to user space and the source line that made it. */
export type PlacedUserExit = UserSpaceExit & { line: number };

/** What the comparison needs of the simulated `vtx` run (`simulateVtx` makes one). */
export interface SimulatedVtxRun {
  result: RunResult;
  /** Guest RAM at the end (the simulator's 64 KiB). */
  memory: Uint8Array;
  /** Every exit to user space in order (`kvm-exit` events' `userExit`). */
  userExits: PlacedUserExit[];
  /** Flags the SDM leaves undefined after the last flag-writing instruction that ran (EFLAGS bits). */
  undefinedFlags: number;
  /** The program runs `cpuid` or `rdtsc`, whose values the host decides. */
  readsHostValues: boolean;
}

export type KvmDifferenceKind = 'exit' | 'serial' | 'user-exits' | 'registers' | 'flags' | 'memory';

export interface KvmDifference {
  kind: KvmDifferenceKind;
  text: LocalizedText;
  /** A difference the spec allows (host values of cpuid/rdtsc): shown, but the runs stay equivalent. */
  tolerated: boolean;
}

export interface KvmComparison {
  equivalentToVtx: boolean;
  differences: KvmDifference[];
  /** What was masked and why, for people (empty when nothing was). */
  masked: LocalizedText[];
}

const REGISTERS = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'sp', 'pc', 'cpl', 'cr0', 'cr3'] as const;
const GENERAL = new Set<string>(['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7']);
const SIGNATURE = 'KVMKVMKVM';
/** Instructions stepped one by one at the end of a run to find the last flag writer. */
const FLAG_WINDOW = 4096;
/** Differences listed per kind before "… and N more". */
const LISTED = 5;
/** Instructions simulated between two looks at the cancel signal (a few milliseconds). */
const SLICE = 100_000;

/** Runs `program` under the simulated `vtx` and records what the comparison with real KVM needs. */
export function simulateVtx(program: Program, options: { maxSteps?: number; signal?: CancelSignal } = {}): SimulatedVtxRun {
  const sim = new Simulation(program, { mode: 'vtx', maxSteps: options.maxSteps });
  const userExits = userExitsOf([]);
  sim.onEvent((e) => userExits.push(...userExitsOf([e])));
  while (!sim.isFinished) {
    throwIfCancelled(options.signal);
    sim.run(SLICE);
  }
  const result = sim.result();
  const readsHostValues = program.instructions.some((i) => i.mnemonic === 'cpuid' || i.mnemonic === 'rdtsc');
  const undefinedFlags = lastUndefinedFlags(program, result.stats.instructions, options.maxSteps, options.signal);
  return { result, memory: sim.readMemory(0, MEMORY_SIZE), userExits, undefinedFlags, readsHostValues };
}

/** The exits to user space among simulator events (a panel that records its own run uses this). */
export function userExitsOf(events: readonly SimEvent[]): PlacedUserExit[] {
  return events.filter((e) => e.kind === 'kvm-exit' && e.userExit).map((e) => ({ ...e.userExit!, line: e.line }));
}

/**
 * The undefined flags of the last flag-writing instruction of a run of `instructions` steps: the
 * run is replayed fast up to its last FLAG_WINDOW instructions, which are stepped one by one. A
 * writer further back (rare: a long tail without arithmetic) gets the union of the program's masks.
 */
export function lastUndefinedFlags(program: Program, instructions: number, maxSteps?: number, signal?: CancelSignal): number {
  const union = program.instructions.reduce((m, i) => m | (UNDEFINED_FLAGS[i.mnemonic] ?? 0), 0);
  if (union === 0) return 0;
  const at = new Map(program.instructions.map((i) => [i.address, i]));
  const sim = new Simulation(program, { mode: 'vtx', maxSteps });
  const skip = Math.max(0, instructions - FLAG_WINDOW);
  for (let done = 0; !sim.isFinished && done < skip;) {
    throwIfCancelled(signal);
    const { executed } = sim.run(Math.min(SLICE, skip - done));
    if (executed === 0) break;
    done += executed;
  }
  let mask: number | undefined;
  while (!sim.isFinished) {
    const { registers } = sim.state();
    const ins = at.get(registers.pc);
    if (ins && (ins.mnemonic === 'popf' || ins.mnemonic === 'iret')) mask = 0;
    else if (ins && FLAGS_WRITTEN[ins.mnemonic] !== undefined) {
      const count = ins.mnemonic === 'shl' || ins.mnemonic === 'shr' ? shiftCount(ins.text, registers as unknown as Record<string, number>) : undefined;
      // A shift by 0 writes no flag.
      if (count === undefined || (count & 31) !== 0) mask = undefinedFlags(ins.mnemonic, count);
    }
    sim.step();
  }
  return mask ?? union;
}

/** The count of `shl dst, count` from its text: a number or a register's value; undefined if unknown. */
function shiftCount(text: string, registers: Record<string, number>): number | undefined {
  const operand = text.split(',')[1]?.trim().toLowerCase();
  if (!operand) return undefined;
  if (operand in registers) return registers[operand];
  const n = Number(operand);
  return Number.isInteger(n) ? n : undefined;
}

/** The real run against the simulated one, as the spec says; every difference in both languages. */
export function compareKvmWithVtx(sim: SimulatedVtxRun, kvm: KvmRunResult): KvmComparison {
  const differences: KvmDifference[] = [];
  const masked: LocalizedText[] = [];
  const add = (kind: KvmDifferenceKind, en: string, zh: string, tolerated = false) => differences.push({ kind, text: { en, 'zh-cn': zh }, tolerated });
  const host = sim.readsHostValues;
  const hostNote = (en: string) => (host ? `${en} (cpuid/rdtsc values come from the host)` : en);
  const hostNoteZh = (zh: string) => (host ? `${zh}（cpuid/rdtsc 的值来自宿主机）` : zh);

  // Exit.
  const s = sim.result.exit;
  const k = kvm.exit;
  if (s.reason !== k.reason || s.code !== k.code || s.line !== k.line) {
    add('exit', `exit: ${exitText(k)} on real KVM vs ${exitText(s)} simulated${k.message ? ` (${k.message})` : ''}`, `退出：真实 KVM 为 ${exitText(k)}，模拟为 ${exitText(s)}${k.message ? `（${k.message}）` : ''}`);
  }

  // Serial.
  if (kvm.serial !== sim.result.serial) {
    const at = firstDifference(kvm.serial, sim.result.serial);
    const excerpt = (t: string) => JSON.stringify(t.slice(Math.max(0, at - 8), at + 24));
    const signatures = count(kvm.serial, SIGNATURE) === count(sim.result.serial, SIGNATURE);
    add('serial', hostNote(`serial: differs from character ${at + 1}: ${excerpt(kvm.serial)} on real KVM vs ${excerpt(sim.result.serial)} simulated`),
      hostNoteZh(`串口输出：从第 ${at + 1} 个字符起不同：真实 KVM ${excerpt(kvm.serial)}，模拟 ${excerpt(sim.result.serial)}`), host && signatures);
    if (host && !signatures) {
      add('serial', `serial: the hypervisor signature "${SIGNATURE}" appears ${count(kvm.serial, SIGNATURE)} times on real KVM, ${count(sim.result.serial, SIGNATURE)} times simulated`,
        `串口输出：虚拟机监视器签名 "${SIGNATURE}" 在真实 KVM 上出现 ${count(kvm.serial, SIGNATURE)} 次，模拟中 ${count(sim.result.serial, SIGNATURE)} 次`);
    }
  }

  // Exits to user space.
  const real = kvm.exitLog.map(placedOf);
  const simulated = sim.userExits;
  if (real.length !== simulated.length) {
    add('user-exits', `exits to user space: ${real.length} on real KVM vs ${simulated.length} simulated`, `到用户态的退出：真实 KVM ${real.length} 次，模拟 ${simulated.length} 次`);
  }
  let listed = 0;
  let more = 0;
  let moreStrict = false;
  for (let i = 0; i < Math.min(real.length, simulated.length); i++) {
    const d = exitDifference(real[i], simulated[i]);
    if (!d) continue;
    const tolerated = host && d.dataOnly;
    if (listed >= LISTED) {
      more++;
      moreStrict ||= !tolerated;
      continue;
    }
    listed++;
    add('user-exits', hostNote(`exit ${i + 1} to user space (line ${real[i].line}): ${describeExit(real[i])} on real KVM vs ${describeExit(simulated[i])} (line ${simulated[i].line}) simulated`),
      hostNoteZh(`第 ${i + 1} 次到用户态的退出（第 ${real[i].line} 行）：真实 KVM ${describeExit(real[i])}，模拟 ${describeExit(simulated[i])}（第 ${simulated[i].line} 行）`), tolerated);
  }
  if (more > 0) add('user-exits', `… and ${more} more exits that differ`, `……另有 ${more} 次退出不同`, !moreStrict);

  // Registers and flags.
  for (const name of REGISTERS) {
    const a = (kvm.registers[name] ?? 0) >>> 0;
    const b = (sim.result.registers[name] ?? 0) >>> 0;
    if (a !== b) add('registers', hostNote(`${name}: ${hex(a)} on real KVM vs ${hex(b)} simulated`), hostNoteZh(`${name}：真实 KVM ${hex(a)}，模拟 ${hex(b)}`), host && GENERAL.has(name));
  }
  const mask = (MODELLED_FLAGS | FLAG_ALWAYS) & ~sim.undefinedFlags;
  const fa = kvm.registers.flags & mask;
  const fb = sim.result.registers.flags & mask;
  if (fa !== fb) add('flags', `flags: ${flagNames(fa)} on real KVM vs ${flagNames(fb)} simulated (differing: ${flagNames(fa ^ fb)})`, `标志：真实 KVM ${flagNames(fa)}，模拟 ${flagNames(fb)}（不同：${flagNames(fa ^ fb)}）`);
  if (sim.undefinedFlags !== 0) {
    masked.push({ en: `flags ${flagNames(sim.undefinedFlags)}: undefined after the last flag-writing instruction (Intel SDM), not compared`, 'zh-cn': `标志 ${flagNames(sim.undefinedFlags)}：最后一条写标志的指令之后未定义（Intel SDM），不比较` });
  }
  const extra = (kvm.registers.flags & ~(MODELLED_FLAGS | FLAG_ALWAYS)) >>> 0;
  if (extra !== 0) masked.push({ en: `EFLAGS ${hex(extra)}: bits the toy machine does not have (e.g. RF after a fault), not compared`, 'zh-cn': `EFLAGS ${hex(extra)}：玩具机器没有的位（如故障后的 RF），不比较` });

  // Memory.
  const diff: number[] = [];
  for (let a = 0; a < Math.min(kvm.memory.length, sim.memory.length); a++) if (kvm.memory[a] !== sim.memory[a]) diff.push(a);
  if (diff.length > 0) {
    const shown = diff.slice(0, LISTED).map((a) => `[${hex(a)}] ${hex(kvm.memory[a])} vs ${hex(sim.memory[a])}`).join(', ');
    add('memory', hostNote(`memory: ${diff.length} bytes differ (real KVM vs simulated): ${shown}${diff.length > LISTED ? ', …' : ''}`),
      hostNoteZh(`内存：${diff.length} 个字节不同（真实 KVM 对模拟）：${shown}${diff.length > LISTED ? '，……' : ''}`), host);
  }
  if (host) masked.push({ en: 'cpuid and rdtsc return what this host decides: differences they cause are shown but tolerated', 'zh-cn': 'cpuid 与 rdtsc 返回本宿主机决定的值：由此产生的差异会显示，但予以容许' });
  return { equivalentToVtx: differences.every((d) => d.tolerated), differences, masked };
}

function placedOf(r: KvmExitRecord): PlacedUserExit {
  switch (r.kind) {
    case 'io': return { kind: 'io', port: r.port, direction: r.direction, size: r.size, data: r.data, line: r.line };
    case 'mmio': return { kind: 'mmio', address: r.address, isWrite: r.isWrite, data: r.data, line: r.line };
    case 'hlt': case 'shutdown': return { kind: r.kind, line: r.line };
    default: return { kind: 'hypercall', line: r.line };
  }
}

/** Whether two exits differ, and whether only in their data. */
function exitDifference(a: PlacedUserExit, b: PlacedUserExit): { dataOnly: boolean } | undefined {
  if (a.kind !== b.kind || a.line !== b.line) return { dataOnly: false };
  if (a.kind === 'io' && b.kind === 'io') {
    if (a.port !== b.port || a.direction !== b.direction || a.size !== b.size) return { dataOnly: false };
    return a.data !== b.data ? { dataOnly: true } : undefined;
  }
  if (a.kind === 'mmio' && b.kind === 'mmio') {
    if (a.address !== b.address || a.isWrite !== b.isWrite) return { dataOnly: false };
    return a.data !== undefined && b.data !== undefined && a.data !== b.data ? { dataOnly: true } : undefined;
  }
  return undefined;
}

export function describeExit(e: UserSpaceExit): string {
  switch (e.kind) {
    case 'io': return `KVM_EXIT_IO ${e.direction} port ${hex(e.port)} size ${e.size} data ${hex(e.data)}`;
    case 'mmio': return `KVM_EXIT_MMIO ${e.isWrite ? 'write' : 'read'} ${hex(e.address)}${e.data === undefined ? '' : ` data ${hex(e.data)}`}`;
    case 'hlt': return 'KVM_EXIT_HLT';
    case 'shutdown': return 'KVM_EXIT_SHUTDOWN';
    default: return 'another exit';
  }
}

function exitText(e: { reason: string; code?: number; line: number }): string {
  return `${e.reason}${e.code === undefined ? '' : ` (code ${e.code})`} at line ${e.line}`;
}

const FLAG_BITS: Array<[number, string]> = [[0, 'CF'], [2, 'PF'], [4, 'AF'], [6, 'ZF'], [7, 'SF'], [9, 'IF'], [11, 'OF']];

function flagNames(flags: number): string {
  const names = FLAG_BITS.filter(([bit]) => flags & (1 << bit)).map(([, n]) => n);
  return names.length > 0 ? names.join(' ') : '(none)';
}

function hex(v: number): string {
  return `0x${(v >>> 0).toString(16)}`;
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}
