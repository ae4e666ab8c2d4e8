// The chart that compares every mode on the same program. Each mode runs to
// completion (bounded) in slices, one after another, so the page stays responsive.
import { MODES, type Mode, type RunResult, type SimulationApi } from '../core/sim/api';
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
}

const sum = (o: Partial<Record<string, number>>) => Object.values(o).reduce<number>((a, b) => a + (b ?? 0), 0);

export function modeRows(results: readonly RunResult[]): ModeRow[] {
  const native = results.find((r) => r.mode === 'native');
  return results.map((r) => {
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
    };
  });
}

/** Bar lengths as fractions of the largest value (0 when all are 0). */
export function barFractions(values: readonly number[]): number[] {
  const max = Math.max(0, ...values);
  return values.map((v) => (max > 0 ? v / max : 0));
}

export type SimulationFactory = (mode: Mode) => Pick<SimulationApi, 'step' | 'run' | 'isFinished' | 'result'>;

/** Runs every mode in turn; `cancel()` stops at the next slice boundary. */
export class ModeComparison {
  private readonly runner: Runner;
  private cancelled = false;

  constructor(scheduler: Scheduler) {
    this.runner = new Runner(scheduler);
  }

  start(create: SimulationFactory, onDone: (rows: ModeRow[]) => void, onProgress?: (mode: Mode) => void): void {
    const results: RunResult[] = [];
    const next = (i: number) => {
      if (this.cancelled) return;
      if (i >= MODES.length) return onDone(modeRows(results));
      const mode = MODES[i]!;
      onProgress?.(mode);
      const sim = create(mode);
      this.runner.start(sim, Infinity, {
        onSlice: () => undefined,
        onStop: () => {
          results.push(sim.result());
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
