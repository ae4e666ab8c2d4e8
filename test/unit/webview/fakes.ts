// Fakes for the panel's DOM-free logic: a manual scheduler and a tiny deterministic "simulation".
import type { Layer, SimEvent, SimEventKind } from '../../../src/core/sim/api';
import type { Scheduler } from '../../../src/webview/runner';

/** Runs scheduled callbacks only when the test says so; time advances by `tick`. */
export class ManualScheduler implements Scheduler {
  time = 0;
  private queue: { at: number; callback: () => void; id: number }[] = [];
  private next = 0;

  now(): number {
    return this.time;
  }

  schedule(callback: () => void, delayMs: number): () => void {
    const id = this.next++;
    this.queue.push({ at: this.time + delayMs, callback, id });
    return () => {
      this.queue = this.queue.filter((q) => q.id !== id);
    };
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Runs the earliest callback; false when nothing is scheduled. */
  runOne(): boolean {
    this.queue.sort((a, b) => a.at - b.at || a.id - b.id);
    const first = this.queue.shift();
    if (!first) return false;
    this.time = Math.max(this.time, first.at);
    first.callback();
    return true;
  }

  runAll(limit = 1_000_000): number {
    let n = 0;
    while (n < limit && this.runOne()) n++;
    return n;
  }
}

export function event(kind: SimEventKind, line: number, layer: Layer = 'guest-kernel', extra: Partial<SimEvent> = {}): SimEvent {
  return { kind, layer, line, pc: line * 4, mnemonic: 'nop', cycles: 1, text: { en: kind, 'zh-cn': kind }, ...extra };
}

/** A guest that runs `length` instructions and stops; `run` counts calls so tests can see slicing. */
export class CountingSim {
  executed = 0;
  runCalls: number[] = [];
  constructor(readonly length: number, private readonly msPerInstruction = 0, private readonly scheduler?: ManualScheduler) {}

  get isFinished(): boolean {
    return this.executed >= this.length;
  }

  step(): SimEvent[] {
    if (this.isFinished) return [];
    this.executed++;
    return [event('direct', this.executed)];
  }

  run(max = Infinity) {
    const n = Math.min(max, this.length - this.executed);
    this.runCalls.push(n);
    this.executed += n;
    if (this.scheduler) this.scheduler.time += n * this.msPerInstruction;
    return { executed: n, finished: this.isFinished };
  }
}
