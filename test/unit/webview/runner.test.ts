// The runner keeps the page responsive: work happens in slices between which the page handles
// input, so Pause always works and ten million instructions never run in one go.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Runner, SLICE_BUDGET_MS } from '../../../src/webview/runner';
import { CountingSim, ManualScheduler } from './fakes';

test('a ten-million-instruction run at full speed is cut into many short slices', () => {
  const scheduler = new ManualScheduler();
  // 1 µs per instruction: a 10 M run takes 10 s of guest work, far beyond one frame.
  const sim = new CountingSim(10_000_000, 0.001, scheduler);
  const runner = new Runner(scheduler);
  let stopped = false;
  let slices = 0;
  runner.start(sim, Infinity, { onSlice: () => slices++, onStop: () => (stopped = true) });
  scheduler.runAll();
  assert.ok(stopped);
  assert.equal(sim.executed, 10_000_000);
  assert.ok(slices > 100, `only ${slices} slices`);
  const longest = Math.max(...sim.runCalls) * 0.001;
  assert.ok(longest <= SLICE_BUDGET_MS * 2.5, `a slice took ${longest} ms`);
});

test('pause takes effect before the next slice, and run resumes where it stopped', () => {
  const scheduler = new ManualScheduler();
  const sim = new CountingSim(10_000_000, 0.001, scheduler);
  const runner = new Runner(scheduler);
  let stops = 0;
  runner.start(sim, Infinity, { onSlice: () => undefined, onStop: () => stops++ });
  scheduler.runOne();
  scheduler.runOne();
  const afterTwo = sim.executed;
  assert.ok(runner.running);
  runner.pause();
  assert.equal(runner.running, false);
  assert.equal(scheduler.runAll(), 0, 'nothing left scheduled after pause');
  assert.equal(sim.executed, afterTwo);
  assert.equal(stops, 0, 'a pause is not a stop');
  runner.start(sim, Infinity, { onSlice: () => undefined, onStop: () => stops++ });
  scheduler.runAll();
  assert.equal(sim.executed, 10_000_000);
  assert.equal(stops, 1);
});

test('a visible speed steps instruction by instruction, about `speed` per second', () => {
  const scheduler = new ManualScheduler();
  const sim = new CountingSim(1000);
  const runner = new Runner(scheduler);
  let steps = 0;
  runner.start(sim, 10, { onStep: () => steps++, onSlice: () => undefined });
  while (scheduler.time < 1000 && scheduler.runOne());
  assert.ok(steps >= 9 && steps <= 11, `${steps} steps in one second at 10/s`);
  assert.equal(sim.runCalls.length, 0, 'visible speeds never use run()');
  runner.pause();
});

test('`until` stops after that many instructions (restoring a saved position)', () => {
  const scheduler = new ManualScheduler();
  const sim = new CountingSim(1_000_000);
  const runner = new Runner(scheduler);
  let stopped = false;
  runner.start(sim, Infinity, { onSlice: () => undefined, onStop: () => (stopped = true) }, 12_345);
  scheduler.runAll();
  assert.ok(stopped);
  assert.equal(sim.executed, 12_345);
});

test('starting a finished machine stops at once without running it', () => {
  const scheduler = new ManualScheduler();
  const sim = new CountingSim(0);
  const runner = new Runner(scheduler);
  let stopped = false;
  runner.start(sim, Infinity, { onSlice: () => undefined, onStop: () => (stopped = true) });
  scheduler.runAll();
  assert.ok(stopped);
  assert.deepEqual(sim.runCalls, []);
});

test('the speed shown is the speed run, even when drawing each step is slow', () => {
  for (const [speed, drawMs] of [[50, 60], [10, 5], [500, 30], [2, 200]] as const) {
    const scheduler = new ManualScheduler();
    const sim = new CountingSim(1_000_000);
    const runner = new Runner(scheduler);
    // Drawing the panel after each tick costs time on the page's clock (the old pacing lost it: 50/s ran at ~12/s).
    runner.start(sim, speed, { onSlice: () => (scheduler.time += drawMs) });
    while (scheduler.time < 10_000 && scheduler.runOne());
    runner.pause();
    const perSecond = sim.executed / (scheduler.time / 1000);
    assert.ok(Math.abs(perSecond - speed) <= speed * 0.05 + 0.2, `${perSecond.toFixed(1)}/s at a shown ${speed}/s (drawing ${drawMs} ms)`);
  }
});

test('after a stall (a hidden panel) a visible speed catches up at most a quarter second', () => {
  const scheduler = new ManualScheduler();
  const sim = new CountingSim(1_000_000);
  const runner = new Runner(scheduler);
  const perTick: number[] = [];
  runner.start(sim, 100, { onSlice: (n) => perTick.push(n) });
  scheduler.runOne();
  scheduler.time += 5_000;
  scheduler.runOne();
  runner.pause();
  assert.equal(perTick[0], 1, 'the first instruction runs at once');
  assert.equal(perTick[1], 25, 'a quarter second of instructions, not five seconds');
});
