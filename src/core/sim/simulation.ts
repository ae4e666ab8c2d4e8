/**
 * A running guest: the run loop (fast path for innocuous instructions, slow path for the rest,
 * the timer, basic-block entry under binary translation), the step/slice API and the results.
 */
import type {
  CpuControlState, DivergenceDetail, Era, MachineState, Mode, Program, Registers, RunExit, RunResult, RunStats,
  SimEvent, SimEventListener, SimulationApi, SimulationOptions, SliceResult, VmxControls, CostModel,
} from './api';
import { DEFAULT_MAX_STEPS } from './api';
import { costModel } from './costs';
import { deliverTimer, executeSlow } from './execute';
import { stepLimitWhy } from './exits';
import { isControlTransfer, runFast } from './fastpath';
import { blockCacheOf, jitAvailable, runCompiled, type BlockCache } from './jit';
import { Machine } from './machine';
import { memoryVirtualization } from './memory';
import { memorySnapshot, readGuestMemory, type GuestMemoryRead, type MemorySnapshot } from './memory/inspect';
import { BtVmm } from './modes/bt';
import { ClassicVmm, ParavirtVmm } from './modes/classic';
import { EmulateVmm } from './modes/emulate';
import { Vmm } from './modes/vmm';
import { VtxVmm } from './modes/vtx';
import { AssembledProgram } from './program';
import { vmxControls } from './vmx';

function createVmm(mode: Mode, m: Machine, costs: CostModel, controls: VmxControls): Vmm {
  switch (mode) {
    case 'emulate': return new EmulateVmm(m, costs, controls);
    case 'trap': return new ClassicVmm(m, costs, controls);
    case 'paravirt': return new ParavirtVmm(m, costs, controls);
    case 'bt': return new BtVmm(m, costs, controls);
    case 'vtx': return new VtxVmm(m, costs, controls);
    default: return new Vmm(m, costs, controls);
  }
}

const MODE_SET = new Set<Mode>(['native', 'emulate', 'trap', 'bt', 'paravirt', 'vtx']);

export class Simulation implements SimulationApi {
  readonly program: AssembledProgram;
  readonly mode: Mode;
  readonly era: Era;
  readonly controls: Readonly<VmxControls>;
  readonly costs: Readonly<CostModel>;
  private readonly m: Machine;
  private readonly vmm: Vmm;
  private readonly maxSteps: number;
  private readonly listeners: SimEventListener[] = [];
  /** Under binary translation: the next kernel instruction starts a basic block. */
  private blockStart = true;
  /** Compiled blocks of innocuous code (see jit.ts) where the host allows code generation. */
  private readonly compiled: BlockCache | undefined;
  /** Slot of the last instruction started (the line of a step-limit exit). */
  private lastSlot: number;

  constructor(program: Program, options: SimulationOptions) {
    if (!(program instanceof AssembledProgram)) throw new TypeError('Simulation needs a program produced by assemble()');
    this.program = program;
    this.mode = MODE_SET.has(options.mode) ? options.mode : 'native';
    this.era = options.era === 'early-vtx' ? 'early-vtx' : 'current';
    this.costs = Object.freeze(costModel(this.era, options.costs, options.costModel));
    // The processor's EPT (the cost model's `ept`) is the default of the `enableEpt` control.
    this.controls = Object.freeze(vmxControls({ enableEpt: this.costs.ept, ...options.controls }, this.era));
    const max = options.maxSteps;
    this.maxSteps = typeof max === 'number' && Number.isFinite(max) && max >= 0 ? Math.floor(max) : DEFAULT_MAX_STEPS;
    this.m = new Machine(program, this.costs);
    this.vmm = createVmm(this.mode, this.m, this.costs, this.controls);
    this.m.mmu.use(memoryVirtualization(this.mode, this.controls, this.m, this.vmm));
    this.lastSlot = this.m.slot;
    this.compiled = options.compile !== false && jitAvailable() ? blockCacheOf(program) : undefined;
  }

  get isFinished(): boolean {
    return this.m.finished;
  }

  step(): SimEvent[] {
    if (this.m.finished) return [];
    const events: SimEvent[] = [];
    this.m.sink = events;
    this.advance(1, true);
    this.m.sink = null;
    for (const e of events) this.dispatch(e, true);
    return events;
  }

  run(maxInstructions = Infinity): SliceResult {
    if (this.m.finished) return { executed: 0, finished: true };
    const budget = typeof maxInstructions === 'number' && maxInstructions > 0 ? maxInstructions : 0;
    const events: SimEvent[] | null = this.listeners.length > 0 ? [] : null;
    this.m.sink = events;
    const executed = this.advance(budget, false);
    this.m.sink = null;
    if (events) for (const e of events) this.dispatch(e, false);
    return { executed, finished: this.m.finished };
  }

  onEvent(listener: SimEventListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  private dispatch(e: SimEvent, includeDirect: boolean): void {
    if (!includeDirect && e.kind === 'direct') return;
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch {
        // A listener's bug must not stop the guest.
      }
    }
  }

  /** Runs up to `budget` instructions; `stepping` runs them one by one through the event path. */
  private advance(budget: number, stepping: boolean): number {
    const m = this.m;
    const vmm = this.vmm;
    const p = this.program;
    const bt = vmm instanceof BtVmm ? vmm : undefined;
    const events = m.sink;
    let done = 0;
    while (done < budget && !m.finished) {
      if (m.stats.instructions >= this.maxSteps) {
        this.stop({ reason: 'step-limit', line: p.lineOfSlot(this.lastSlot), why: stepLimitWhy(this.maxSteps) });
        break;
      }
      if (m.timerPeriod > 0 && m.timerCountdown <= 0 && m.ifl && !m.interruptShadow) {
        deliverTimer(m, vmm);
        this.blockStart = true;
        continue;
      }
      if (bt && m.cpl === 0 && this.blockStart) {
        bt.enterBlock();
        this.blockStart = false;
      }
      const toLimit = this.maxSteps - m.stats.instructions;
      let limit = Math.min(budget - done, toLimit);
      const timed = m.ifl && m.timerPeriod > 0;
      if (timed) limit = Math.min(limit, m.timerCountdown);
      // Keep the last instruction before the step limit apart, to know its line.
      if (limit === toLimit && limit > 1) limit--;
      // The one instruction in an STI shadow runs alone; the shadow ends after it.
      const shadowed = m.interruptShadow;
      if (stepping || shadowed) limit = Math.min(limit, 1);
      this.lastSlot = m.slot;
      const cplBefore = m.cpl;
      const btKernel = bt !== undefined && m.cpl === 0;
      const n = this.compiled && !btKernel && !stepping ? runCompiled(m, p, limit, this.compiled) : runFast(m, p, limit, btKernel);
      if (shadowed && n > 0) m.interruptShadow = false;
      if (n > 0) {
        m.stats.instructions += n;
        vmm.accountFast(n);
        if (stepping) {
          m.current = this.lastSlot;
          vmm.stepEvent();
        }
        if (timed) m.timerCountdown -= n;
        if (m.branched) {
          m.branched = false;
          this.blockStart = true;
        }
        done += n;
        continue;
      }
      const op = p.op[m.slot];
      const faults = m.mmu.stats.guestPageFaults;
      executeSlow(m, vmm);
      if (shadowed) m.interruptShadow = false;
      done++;
      if (timed) m.timerCountdown--;
      // A page fault enters its handler like a control transfer: a new block under binary translation.
      if (isControlTransfer(op) || m.cpl !== cplBefore || m.mmu.stats.guestPageFaults !== faults) this.blockStart = true;
      if (events && events.length > 4096 && !stepping) {
        // Long runs with listeners: hand events over as they come instead of piling them up.
        for (const e of events.splice(0)) this.dispatch(e, false);
      }
    }
    this.attachExit();
    return done;
  }

  private stop(exit: RunExit & { reason: 'step-limit' }): void {
    const m = this.m;
    m.current = this.lastSlot;
    m.ev('halt', m.guestLayer, 0, `step limit of ${this.maxSteps} instructions reached`, `达到 ${this.maxSteps} 条指令的步数上限`);
    m.stop(exit);
  }

  /** The last `halt` event of a finished run carries the exit. */
  private attachExit(): void {
    const m = this.m;
    if (!m.finished || !m.sink || !m.exit) return;
    for (let i = m.sink.length - 1; i >= 0; i--) {
      if (m.sink[i].kind === 'halt') {
        m.sink[i].exit = { ...m.exit };
        return;
      }
    }
  }

  state(): MachineState {
    const m = this.m;
    const v = this.vmm;
    const guest: CpuControlState = {
      cpl: m.cpl, if: m.ifl, flags: m.flags, cs: m.cs, cr0: m.cr0 >>> 0, cr3: m.cr3 >>> 0,
      gdtr: { base: m.gdtBase >>> 0, limit: m.gdtLimit }, idtr: { base: m.idtBase >>> 0, limit: m.idtLimit },
    };
    const rc = v.realCpl();
    const realIf = v.realIf();
    const real: CpuControlState = {
      cpl: rc, if: realIf, flags: (m.flags & ~0x200) | (realIf ? 0x200 : 0), cs: rc === 3 ? 0x1b : 0x08 | rc,
      cr0: v.realCr0() >>> 0, cr3: v.realCr3() >>> 0, gdtr: v.realGdtr(), idtr: v.realIdtr(),
    };
    return {
      mode: this.mode, registers: this.registers(), guest, real,
      line: this.program.lineOf(m.pc), serial: m.serial, stats: copyStats(m.stats), finished: m.finished,
      exit: m.exit ? { ...m.exit } : undefined, timerPeriod: m.timerPeriod,
    };
  }

  private registers(): Registers {
    const m = this.m;
    const r = m.regs;
    return {
      r0: r[0] >>> 0, r1: r[1] >>> 0, r2: r[2] >>> 0, r3: r[3] >>> 0, r4: r[4] >>> 0, r5: r[5] >>> 0, r6: r[6] >>> 0, r7: r[7] >>> 0,
      sp: r[8] >>> 0, pc: m.pc, flags: m.flags, cpl: m.cpl, cr0: m.cr0 >>> 0, cr2: m.cr2 >>> 0, cr3: m.cr3 >>> 0,
    };
  }

  result(): RunResult {
    const m = this.m;
    const exit = m.exit ? { ...m.exit } : { reason: 'step-limit' as const, line: this.program.lineOfSlot(this.lastSlot) };
    return {
      mode: this.mode,
      exit: exit.code !== undefined ? { reason: exit.reason, code: exit.code, line: exit.line } : { reason: exit.reason, line: exit.line },
      serial: m.serial,
      registers: this.registers(),
      stats: copyStats(m.stats),
      divergences: this.vmm.divergences.map((d) => ({ line: d.line, instruction: d.instruction, explanation: d.explanation })),
      ...(exit.why ? { why: { ...exit.why } } : {}),
    };
  }

  divergenceDetails(): DivergenceDetail[] {
    return this.vmm.divergences.map((d) => ({ ...d, text: { ...d.text } }));
  }

  readMemory(address: number, length: number): Uint8Array {
    return this.m.mmu.readPhysical(address, length);
  }

  /** The memory machinery now, for a Memory view (see memory/inspect.ts). */
  memorySnapshot(): MemorySnapshot {
    return memorySnapshot(this.m);
  }

  /** Guest memory through the guest's paging (`linear`) or guest-physical, without side effects. */
  readGuestMemory(address: number, length: number, space: 'linear' | 'physical' = 'linear'): GuestMemoryRead {
    return readGuestMemory(this.m, address, length, space);
  }
}

/** The spec's key order; every counter present. */
export function copyStats(s: RunStats): RunStats {
  return {
    instructions: s.instructions, direct: s.direct, emulated: s.emulated, traps: s.traps,
    vmexits: sortedCounts(s.vmexits), kvmExits: sortedCounts(s.kvmExits), hypercalls: s.hypercalls,
    translatedBlocks: s.translatedBlocks, translationCacheHits: s.translationCacheHits, callouts: s.callouts, cycles: s.cycles,
    memory: { ...s.memory },
  };
}

function sortedCounts<K extends string>(o: Partial<Record<K, number>>): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const k of (Object.keys(o) as K[]).sort()) out[k] = o[k];
  return out;
}
