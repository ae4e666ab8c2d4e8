// The chart that compares every mode on the same program. Each mode runs to
// completion (bounded) in slices, one after another, so the page stays responsive.
import { MODES, type CycleShare, type Era, type Mode, type RunResult, type SimulationApi } from '../core/sim/api';
import { CycleLedger } from '../core/sim/breakdown';
import { Runner, type Scheduler } from './runner';

/** Bound per mode: enough for every example, small enough to answer in about a second. */
export const COMPARE_MAX_STEPS = 2_000_000;

export interface ModeRow {
  readonly mode: Mode;
  readonly cycles: number;
  readonly instructions: number;
  readonly direct: number;
  readonly emulated: number;
  readonly traps: number;
  readonly vmexits: number;
  readonly kvmExits: number;
  readonly hypercalls: number;
  /** VM exits by basic exit reason and KVM exits by kvm_run reason, largest first. */
  readonly exitsByReason: readonly { reason: string; count: number }[];
  readonly divergences: number;
  readonly exitReason: string;
  /** Same serial output and same way of stopping as `native`, no divergence. */
  readonly sameAsNative: boolean;
  /** The run itself (for the sentences that explain the comparison). */
  readonly result: RunResult;
  /** Where its cycles went, by cause, summing to `cycles` (empty when the run was not listened to). */
  readonly breakdown: readonly CycleShare[];
  /** The era whose cost model priced the run (undefined when the simulation did not say). */
  readonly era?: Era;
}

/** What a finished run gives the chart: its result and, when measured, its cycles by cause. */
export interface MeasuredRun {
  result: RunResult;
  breakdown?: readonly CycleShare[];
  era?: Era;
}

const sum = (o: Partial<Record<string, number>>) => Object.values(o).reduce<number>((a, b) => a + (b ?? 0), 0);

export function modeRows(runs: readonly (RunResult | MeasuredRun)[]): ModeRow[] {
  const measured = runs.map((x): MeasuredRun => ('stats' in x ? { result: x } : x));
  const native = measured.find((x) => x.result.mode === 'native')?.result;
  return measured.map(({ result: r, breakdown, era }) => {
    const reasons = [
      ...Object.entries(r.stats.vmexits).map(([reason, count]) => ({ reason, count: count ?? 0 })),
      ...Object.entries(r.stats.kvmExits).map(([reason, count]) => ({ reason, count: count ?? 0 })),
    ].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
    return {
      mode: r.mode,
      cycles: r.stats.cycles,
      instructions: r.stats.instructions,
      direct: r.stats.direct,
      emulated: r.stats.emulated,
      traps: r.stats.traps,
      vmexits: sum(r.stats.vmexits),
      kvmExits: sum(r.stats.kvmExits),
      hypercalls: r.stats.hypercalls,
      exitsByReason: reasons,
      divergences: r.divergences.length,
      exitReason: r.exit.reason,
      sameAsNative:
        native !== undefined &&
        r.divergences.length === 0 &&
        r.serial === native.serial &&
        r.exit.reason === native.exit.reason &&
        r.exit.code === native.exit.code,
      result: r,
      breakdown: breakdown ?? [],
      ...(era ? { era } : {}),
    };
  });
}

/** Bar lengths as fractions of the largest value (0 when all are 0). */
export function barFractions(values: readonly number[]): number[] {
  const max = Math.max(0, ...values);
  return values.map((v) => (max > 0 ? v / max : 0));
}

/** A simulation that also offers `onEvent` and `costs` gets its cycles broken down by cause. */
export type SimulationFactory = (mode: Mode) => Pick<SimulationApi, 'step' | 'run' | 'isFinished' | 'result'> & Partial<Pick<SimulationApi, 'onEvent' | 'costs'>>;

/** Runs every mode in turn; `cancel()` stops at the next slice boundary. */
export class ModeComparison {
  private readonly runner: Runner;
  private cancelled = false;

  constructor(scheduler: Scheduler) {
    this.runner = new Runner(scheduler);
  }

  start(create: SimulationFactory, onDone: (rows: ModeRow[]) => void, onProgress?: (mode: Mode) => void): void {
    const results: MeasuredRun[] = [];
    const next = (i: number) => {
      if (this.cancelled) return;
      if (i >= MODES.length) return onDone(modeRows(results));
      const mode = MODES[i]!;
      onProgress?.(mode);
      const sim = create(mode);
      const costs = sim.costs;
      const ledger = costs && sim.onEvent ? new CycleLedger(costs) : undefined;
      const unsubscribe = ledger && sim.onEvent ? sim.onEvent((e) => ledger.record(e)) : undefined;
      this.runner.start(sim, Infinity, {
        onSlice: () => undefined,
        onStop: () => {
          unsubscribe?.();
          const result = sim.result();
          results.push({ result, breakdown: ledger?.breakdown(result), era: costs?.era });
          next(i + 1);
        },
      });
    };
    next(0);
  }

  cancel(): void {
    this.cancelled = true;
    this.runner.pause();
  }
}
