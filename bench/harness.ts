/** Shared helpers for `npm run bench`: each bench file measures ratios against a baseline run in the same process. */
import { performance } from 'node:perf_hooks';

export interface BenchLine {
  name: string;
  /** The measured number (a ratio, a throughput, a time). */
  value: number;
  unit: string;
  /** Human-readable goal, e.g. "<= 1.3"; `met` says whether it was met. */
  goal?: string;
  met?: boolean;
}

/** Median wall time of `fn` in milliseconds over `runs` runs, after `warmup` untimed runs. */
export function medianMs(fn: () => unknown, runs = 7, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** A value at a percentile (0..100) of unsorted samples. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Median over `runs` of the ratio time(measured) / time(baseline), the two timed back to back in
 * alternating order, so that garbage collection and JIT state left by one weigh on both alike.
 */
export function medianRatio(measured: () => unknown, baseline: () => unknown, runs = 11, warmup = 2): { ratio: number; measuredMs: number; baselineMs: number } {
  const time = (fn: () => unknown) => {
    const start = performance.now();
    fn();
    return performance.now() - start;
  };
  for (let i = 0; i < warmup; i++) {
    measured();
    baseline();
  }
  const ratios: number[] = [];
  const measuredTimes: number[] = [];
  const baselineTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    let m: number;
    let b: number;
    if (i % 2 === 0) {
      m = time(measured);
      b = time(baseline);
    } else {
      b = time(baseline);
      m = time(measured);
    }
    measuredTimes.push(m);
    baselineTimes.push(b);
    ratios.push(m / b);
  }
  return { ratio: percentile(ratios, 50), measuredMs: percentile(measuredTimes, 50), baselineMs: percentile(baselineTimes, 50) };
}

/**
 * Best time of each candidate over `rounds` rounds, the candidates taking turns within a round,
 * so that a busy machine slows them alike. Measured in CPU time of this process (milliseconds),
 * which other processes on a shared machine disturb less than wall time. Each candidate runs once
 * untimed first.
 */
export function bestCpuMs(candidates: (() => unknown)[], rounds = 7): number[] {
  for (const fn of candidates) fn();
  const best = candidates.map(() => Infinity);
  for (let r = 0; r < rounds; r++) {
    candidates.forEach((fn, i) => {
      const start = process.cpuUsage();
      fn();
      const used = process.cpuUsage(start);
      best[i] = Math.min(best[i], (used.user + used.system) / 1000);
    });
  }
  return best;
}
