/** One whole run (`kvm-lab run`) and every mode beside `native` (`kvm-lab compare`). */
import { MODES, type CompareResult, type CostModel, type Era, type LocalizedText, type ModeComparison, type Program, type RunResult, type SimulationOptions, type VmxControls } from './api';
import { CycleLedger } from './breakdown';
import { Naming, tidyZh, type ModeNames } from './modeNames';
import { AssembledProgram, MEMORY_SIZE } from './program';
import { Simulation } from './simulation';

/** Runs `program` to its end (or its step limit) and returns the `--json` result. */
export function runProgram(program: Program, options: SimulationOptions): RunResult {
  const sim = new Simulation(program, options);
  while (!sim.isFinished) sim.run(Infinity);
  return sim.result();
}

export interface CompareOptions {
  era?: Era;
  maxSteps?: number;
  controls?: Partial<VmxControls>;
  costs?: Partial<Omit<CostModel, 'era' | 'label'>>;
  /** A whole cost model instead of the era's (`SimulationOptions.costModel`). */
  costModel?: Readonly<CostModel>;
  /** Also say where each mode's cycles went (`ModeComparison.breakdown`); runs listen to events. */
  breakdown?: boolean;
}

const REGISTER_KEYS = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'sp', 'pc', 'flags', 'cpl', 'cr0', 'cr2', 'cr3'] as const;

/**
 * Runs every mode and says how each differs from `native`. Values that legitimately differ
 * (what RDTSC and the hypervisor leaves of CPUID return) are listed but do not break
 * equivalence when the program uses those instructions.
 */
export function compareModes(program: Program, options: CompareOptions = {}): CompareResult {
  const era: Era = options.era === 'early-vtx' ? 'early-vtx' : 'current';
  const runs = MODES.map((mode) => {
    const sim = new Simulation(program, { mode, era, maxSteps: options.maxSteps, controls: options.controls, costs: options.costs, costModel: options.costModel });
    const ledger = options.breakdown ? new CycleLedger(sim.costs) : undefined;
    if (ledger) sim.onEvent((e) => ledger.record(e));
    while (!sim.isFinished) sim.run(Infinity);
    const result = sim.result();
    return { mode, result, memory: sim.readMemory(0, MEMORY_SIZE), breakdown: ledger?.breakdown(result) };
  });
  const native = runs[0];
  const usesVaryingValues = program instanceof AssembledProgram && program.instructions.some((i) => i.mnemonic === 'rdtsc' || i.mnemonic === 'cpuid');
  const modes: ModeComparison[] = runs.map((run) => {
    const { strict, tolerated } = differences(native.result, native.memory, run.result, run.memory);
    const all = [...strict, ...tolerated.map((d) => (usesVaryingValues ? `${d} (rdtsc/cpuid values may differ by design)` : d))];
    const equivalentToNative = strict.length === 0 && (usesVaryingValues || tolerated.length === 0);
    const hypercalls = run.result.stats.hypercalls;
    if (hypercalls > 0) all.push(`hypercalls: ${hypercalls} (VMCALL is #UD on native: equivalence does not cover them)`);
    return {
      mode: run.mode, result: run.result, equivalentToNative: run.mode === 'native' || equivalentToNative, differences: run.mode === 'native' ? [] : all,
      ...(run.breakdown ? { breakdown: run.breakdown } : {}),
    };
  });
  return { era, modes, notes: [...hypercallNotes(modes), ...memoryNotes(modes)] };
}

/**
 * Spec v2: equivalence with `native` holds for programs that make no hypercall; say so when one
 * does. Modes are named by `names` where given for a language (the panel's), else by their ids.
 */
export function hypercallNotes(modes: readonly Pick<ModeComparison, 'mode' | 'result'>[], names: ModeNames = {}): LocalizedText[] {
  const made = modes.filter((m) => m.result.stats.hypercalls > 0).map((m) => m.mode);
  if (made.length === 0) return [];
  const naming = new Naming(names);
  return [{
    en: `This program made hypercalls (VMCALL) under ${naming.list(made, 'en')}. On bare metal VMCALL raises #UD (as under the modes without a hypercall interface), so equivalence with ${naming.first('native', 'en')} does not cover ${made.length === 1 ? 'that run' : 'those runs'}: their differences show another road, not a fault of the VMM.`,
    'zh-cn': tidyZh(`该程序在 ${naming.list(made, 'zh-cn')} 下发起了超级调用（VMCALL）。裸机上 VMCALL 触发 #UD（没有超级调用接口的模式亦然），因此与 ${naming.first('native', 'zh-cn')} 的等价性不涵盖${made.length === 1 ? '这次运行' : '这些运行'}：它们的差异只是走了另一条路，并非 VMM 的错误。`),
  }];
}

/**
 * For programs that page (native took TLB misses): who paid what for memory, and which
 * virtualized mode needed the fewest cycles, from the counters of the runs.
 */
function memoryNotes(modes: readonly ModeComparison[]): LocalizedText[] {
  const by = (mode: string) => modes.find((m) => m.mode === mode)?.result.stats;
  const native = by('native');
  if (!native || native.memory.tlbMisses === 0) return [];
  const n = (v: number) => v.toLocaleString('en-US');
  const parts: string[] = [];
  const partsZh: string[] = [];
  parts.push(`native took ${n(native.memory.tlbMisses)} TLB misses (${n(native.memory.pageWalkReferences)} walk references) and ${n(native.memory.guestPageFaults)} page faults`);
  partsZh.push(`native 有 ${n(native.memory.tlbMisses)} 次 TLB 未命中（${n(native.memory.pageWalkReferences)} 次页表访存）和 ${n(native.memory.guestPageFaults)} 次缺页`);
  for (const mode of ['trap', 'bt', 'vtx'] as const) {
    const s = by(mode);
    if (!s) continue;
    const k = s.memory;
    if (k.hiddenPageFaults + k.shadowUpdates > 0) {
      parts.push(`${mode} (shadow page tables) paid ${n(k.hiddenPageFaults)} hidden page faults and ${n(k.shadowUpdates)} shadow updates, each a trap or VM exit`);
      partsZh.push(`${mode}（影子页表）付出 ${n(k.hiddenPageFaults)} 次隐藏缺页和 ${n(k.shadowUpdates)} 次影子更新，每次都是一次陷入或 VM exit`);
    } else if (mode === 'vtx' && k.eptViolations > 0) {
      parts.push(`vtx (EPT) walked ${n(k.pageWalkReferences)} references for ${n(k.tlbMisses)} TLB misses (the 2-D walk) and took ${n(k.eptViolations)} EPT violations, with no exit for page faults, CR3 loads or INVLPG`);
      partsZh.push(`vtx（EPT）为 ${n(k.tlbMisses)} 次 TLB 未命中访存 ${n(k.pageWalkReferences)} 次（二维遍历），有 ${n(k.eptViolations)} 次 EPT 违例，缺页、写 CR3 与 INVLPG 均不退出`);
    }
  }
  // The hypervisors (emulation pays per instruction, not per memory event, so it is left aside).
  const hypervisors = modes.filter((m) => m.mode === 'trap' || m.mode === 'bt' || m.mode === 'paravirt' || m.mode === 'vtx');
  if (hypervisors.length === 0) return [];
  const best = hypervisors.reduce((a, b) => (b.result.stats.cycles < a.result.stats.cycles ? b : a));
  return [{
    en: `Memory: ${parts.join('; ')}. Fewest cycles of the hypervisors (trap, bt, paravirt, vtx): ${best.mode} (${n(best.result.stats.cycles)}).`,
    'zh-cn': `内存：${partsZh.join('；')}。各虚拟机监控器（trap、bt、paravirt、vtx）中周期最少：${best.mode}（${n(best.result.stats.cycles)}）。`,
  }];
}

/**
 * Two serial outputs that differ, shown from a little before the first differing character:
 * long outputs often share their start, and cutting both at the same length hid the difference.
 */
function serialDifference(mode: string, native: string): string {
  let common = 0;
  while (common < mode.length && common < native.length && mode[common] === native[common]) common++;
  const from = Math.max(0, common - 12);
  const excerpt = (s: string) => {
    const part = s.slice(from, from + 36);
    return `${from > 0 ? '…' : ''}${JSON.stringify(part)}${from + 36 < s.length ? '…' : ''}`;
  };
  return `serial: ${mode.length} vs ${native.length} characters on native, first difference at character ${common + 1}: ${excerpt(mode)} vs ${excerpt(native)}`;
}

/** `strict`: always breaks equivalence; `tolerated`: registers and memory, which rdtsc/cpuid may explain. */
function differences(a: RunResult, aMem: Uint8Array, b: RunResult, bMem: Uint8Array): { strict: string[]; tolerated: string[] } {
  const strict: string[] = [];
  const tolerated: string[] = [];
  if (a.serial !== b.serial) strict.push(serialDifference(b.serial, a.serial));
  if (a.exit.reason !== b.exit.reason) strict.push(`exit: ${b.exit.reason} vs ${a.exit.reason} on native`);
  else if (a.exit.code !== b.exit.code) strict.push(`exit code: ${b.exit.code} vs ${a.exit.code} on native`);
  else if (a.exit.line !== b.exit.line) strict.push(`exit line: ${b.exit.line} vs ${a.exit.line} on native`);
  for (const k of REGISTER_KEYS) {
    if (a.registers[k] !== b.registers[k]) tolerated.push(`${k}: ${fmt(k, b.registers[k])} vs ${fmt(k, a.registers[k])} on native`);
  }
  let first = -1;
  let count = 0;
  for (let i = 0; i < aMem.length; i++) {
    if (aMem[i] !== bMem[i]) {
      if (first < 0) first = i;
      count++;
    }
  }
  if (count > 0) tolerated.push(`memory: ${count} byte${count === 1 ? '' : 's'} differ, first at 0x${first.toString(16)}`);
  if (b.divergences.length > 0) strict.push(`divergences: ${b.divergences.map((d) => `${d.instruction} at line ${d.line}`).join(', ')}`);
  return { strict, tolerated };
}

function fmt(key: string, v: number | undefined): string {
  return v !== undefined && (key === 'flags' || key === 'pc' || key.startsWith('cr')) ? `0x${v.toString(16)}` : String(v);
}
