// Drives a simulation in slices so that the page stays responsive: between two
// slices the browser handles input, so Pause always works, and a ten-million-
// instruction run only costs time, never a frozen panel. DOM-free: the scheduler
// is injected (MessageChannel/setTimeout in the page, a fake clock in tests).
import type { SimEvent, SimulationApi } from '../core/sim/api';

export interface Scheduler {
  /** Calls `callback` after `delayMs` (0: as soon as the event loop is free). Returns a cancel function. */
  schedule(callback: () => void, delayMs: number): () => void;
  now(): number;
}

export type Steppable = Pick<SimulationApi, 'step' | 'run' | 'isFinished'>;

export interface RunnerHooks {
  /** After each `step()` at a visible speed, with the events that instruction caused. */
  onStep?(events: SimEvent[]): void;
  /** After every slice; `executed` counts instructions of this slice. */
  onSlice(executed: number, finished: boolean): void;
  /** When the run stops by itself (finished or reached `until`), not when paused. */
  onStop?(): void;
}

/** Target wall time of one slice at full speed: well under a 60 Hz frame budget. */
export const SLICE_BUDGET_MS = 12;
const MIN_SLICE = 1_000;
const MAX_SLICE = 2_000_000;
/** Visible speeds tick at most 60 times a second (one display frame). */
const MIN_TICK_MS = 1000 / 60;

export class Runner {
  private cancel: (() => void) | undefined;
  // Small at first: the first slice of an exit-heavy program must not be a long task.
  private slice = 2_000;

  constructor(private readonly scheduler: Scheduler) {}

  get running(): boolean {
    return this.cancel !== undefined;
  }

  /**
   * Runs `sim` at `speed` instructions per second (Infinity: as fast as slices allow),
   * stopping when it finishes or after `until` more instructions.
   */
  start(sim: Steppable, speed: number, hooks: RunnerHooks, until = Infinity): void {
    this.pause();
    let left = until;
    const finish = () => {
      this.cancel = undefined;
      hooks.onStop?.();
    };
    // Visible speeds are paced by the clock, not by counting ticks: a tick that renders slowly
    // (a big listing, a busy machine) runs the instructions that fell due meanwhile, so the speed
    // shown is the speed run. At most a quarter second is caught up after a stall (a hidden tab).
    let paceStart = this.scheduler.now();
    let paced = 0;
    const tick = () => {
      if (sim.isFinished || left <= 0) return finish();
      let executed = 0;
      if (Number.isFinite(speed)) {
        const now = this.scheduler.now();
        // Instruction k (0-based) falls due at k / speed seconds after the start.
        const lag = Math.floor(((now - paceStart) * speed) / 1000 + 1e-9) + 1 - paced;
        const maxCatchUp = Math.max(1, Math.ceil(speed / 4));
        if (lag > maxCatchUp) {
          paced += lag - maxCatchUp;
        }
        // Visible speeds step one instruction at a time so every event can be shown.
        const due = Math.min(lag, maxCatchUp);
        for (let i = 0; i < due && !sim.isFinished && left > 0 && this.cancel; i++) {
          const events = sim.step();
          executed++;
          paced++;
          left--;
          hooks.onStep?.(events);
        }
      } else {
        const started = this.scheduler.now();
        const r = sim.run(Math.min(this.slice, left));
        executed = r.executed;
        left -= r.executed;
        this.adapt(this.scheduler.now() - started, r.executed);
      }
      const done = sim.isFinished || left <= 0;
      hooks.onSlice(executed, sim.isFinished);
      if (done) return finish();
      if (!this.cancel) return;
      if (Number.isFinite(speed)) {
        // The next instruction falls due at paceStart + paced / speed; no faster than 60 ticks a second.
        const nextDue = paceStart + (paced * 1000) / speed;
        this.cancel = this.scheduler.schedule(tick, Math.max(nextDue - this.scheduler.now(), MIN_TICK_MS));
      } else {
        this.cancel = this.scheduler.schedule(tick, 0);
      }
    };
    this.cancel = this.scheduler.schedule(() => {
      paceStart = this.scheduler.now();
      tick();
    }, 0);
  }

  pause(): void {
    this.cancel?.();
    this.cancel = undefined;
  }

  /** Keeps a slice near SLICE_BUDGET_MS whatever the machine's speed and the events' cost. */
  private adapt(elapsedMs: number, executed: number): void {
    if (executed < this.slice) return;
    const ratio = elapsedMs <= 0 ? 2 : Math.min(2, Math.max(0.25, SLICE_BUDGET_MS / elapsedMs));
    this.slice = Math.round(Math.min(MAX_SLICE, Math.max(MIN_SLICE, this.slice * ratio)));
  }

  get sliceSize(): number {
    return this.slice;
  }
}
