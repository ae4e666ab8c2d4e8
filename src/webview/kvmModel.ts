// The page's state of one real KVM run (no DOM: unit-tested in Node): the exits as they arrive,
// the result or why there is none, and what the view derives from them.
import { exitsByLine, type KvmHostToWebview, type KvmPanelExit, type KvmPanelResult, type KvmText, type LineExits } from '../shared/kvmProtocol';

export type KvmRunStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

export class KvmRun {
  status: KvmRunStatus = 'idle';
  runId = 0;
  readonly exits: KvmPanelExit[] = [];
  result: KvmPanelResult | undefined;
  failure: KvmText | undefined;

  /** Starts a new run; messages of older ones are ignored from now on. Returns its id. */
  start(): number {
    this.clear();
    this.status = 'running';
    return ++this.runId;
  }

  cancel(): void {
    if (this.status === 'running') this.status = 'cancelled';
  }

  clear(): void {
    this.status = 'idle';
    this.exits.length = 0;
    this.result = undefined;
    this.failure = undefined;
  }

  /** Applies a host message; false when it belongs to no run in flight (stale or cancelled). */
  receive(message: KvmHostToWebview): boolean {
    if (message.type === 'kvmAvailability' || message.runId !== this.runId || this.status !== 'running') return false;
    switch (message.type) {
      case 'kvmExits':
        this.exits.push(...message.exits);
        return true;
      case 'kvmResult':
        this.result = message.result;
        this.status = 'done';
        return true;
      case 'kvmFailed':
        this.failure = message.reason;
        this.status = 'failed';
        return true;
    }
  }

  /** Real exits to user space per source line (the listing's `.marked-real`): all of them once the result is in. */
  realLineCounts(): Map<number, number> {
    return new Map(this.byLine().filter((l) => l.real > 0 && l.line > 0).map((l) => [l.line, l.real]));
  }

  /**
   * The exits grouped by source line, real and simulated side by side, in line order: the host's
   * count of every exit once the result is in, else the rows received so far.
   */
  byLine(): readonly LineExits[] {
    return this.result?.byLine ?? exitsByLine(this.exits);
  }

  get mismatches(): number {
    return this.exits.filter((e) => !e.match).length;
  }
}

/** The KVM counters worth a learner's look: the non-zero ones, by name. */
export function nonZeroStats(stats: Readonly<Record<string, number>>): [string, number][] {
  return Object.entries(stats)
    .filter(([, v]) => v !== 0)
    .sort(([a], [b]) => a.localeCompare(b));
}

/** Microseconds with two significant decimals below 10 µs, whole ones above. */
export function formatMicros(us: number, lang: 'en' | 'zh-cn'): string {
  const digits = us < 10 ? 2 : 0;
  return us.toLocaleString(lang === 'zh-cn' ? 'zh-CN' : 'en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
