// The chart comparing every mode on the same program.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODES, type Mode, type RunResult } from '../../../src/core/sim/api';
import { assemble, Simulation } from '../../../src/core/sim';
import { barFractions, ModeComparison, modeRows } from '../../../src/webview/compare';
import { CountingSim, ManualScheduler } from './fakes';

function result(mode: Mode, over: Partial<RunResult> = {}, stats: Partial<RunResult['stats']> = {}): RunResult {
  return {
    mode,
    exit: { reason: 'hlt', line: 9 },
    serial: 'Hi\n',
    registers: { r0: 0, r1: 0, r2: 0, r3: 0, r4: 0, r5: 0, r6: 0, r7: 0, sp: 65536, pc: 40, flags: 2, cpl: 0, cr0: 1, cr2: 0, cr3: 0 },
    stats: { instructions: 10, direct: 10, emulated: 0, traps: 0, vmexits: {}, kvmExits: {}, hypercalls: 0, translatedBlocks: 0, translationCacheHits: 0, callouts: 0, cycles: 10,
      memory: { tlbHits: 0, tlbMisses: 0, pageWalkReferences: 0, guestPageFaults: 0, hiddenPageFaults: 0, shadowUpdates: 0, eptViolations: 0 }, ...stats },
    divergences: [],
    ...over,
  };
}

test('a mode with a divergence or other output is not "the same as bare metal"', () => {
  const rows = modeRows([
    result('native'),
    result('trap', { divergences: [{ line: 4, instruction: 'popf', explanation: 'IF kept' }] }, { traps: 2, cycles: 3000 }),
    result('vtx', {}, { vmexits: { IO_INSTRUCTION: 3 }, kvmExits: { KVM_EXIT_IO: 3 }, cycles: 5000 }),
    result('emulate', { serial: 'H' }),
  ]);
  assert.deepEqual(rows.map((r) => [r.mode, r.sameAsNative]), [['native', true], ['trap', false], ['vtx', true], ['emulate', false]]);
  const vtx = rows[2]!;
  assert.equal(vtx.vmexits, 3);
  assert.deepEqual(vtx.exitsByReason, [{ reason: 'IO_INSTRUCTION', count: 3 }, { reason: 'KVM_EXIT_IO', count: 3 }]);
});

test('bars are fractions of the largest value', () => {
  assert.deepEqual(barFractions([5, 10, 0]), [0.5, 1, 0]);
  assert.deepEqual(barFractions([0, 0]), [0, 0]);
});

test('the comparison runs every mode in slices and can be cancelled', () => {
  const scheduler = new ManualScheduler();
  const started: Mode[] = [];
  const comparison = new ModeComparison(scheduler);
  let rows: ReturnType<typeof modeRows> | undefined;
  comparison.start(
    (mode) => {
      started.push(mode);
      const sim = new CountingSim(50_000);
      return Object.assign(sim, { result: () => result(mode, {}, { instructions: sim.executed }) });
    },
    (r) => (rows = r),
  );
  scheduler.runAll();
  assert.deepEqual(started, [...MODES]);
  assert.equal(rows?.length, MODES.length);
  assert.ok(rows!.every((r) => r.instructions === 50_000));

  const cancelled = new ModeComparison(scheduler);
  let done = false;
  cancelled.start((mode) => Object.assign(new CountingSim(10_000_000), { result: () => result(mode) }), () => (done = true));
  scheduler.runOne();
  cancelled.cancel();
  scheduler.runAll();
  assert.equal(done, false);
});

test('real simulations are listened to: each row has its cycles by cause, summing to its cycles, and the era', () => {
  const source = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'bt-vs-vtx.vmasm'), 'utf8');
  const program = assemble(source).program!;
  const scheduler = new ManualScheduler();
  let rows: ReturnType<typeof modeRows> | undefined;
  new ModeComparison(scheduler).start((mode) => new Simulation(program, { mode, era: 'early-vtx', compile: false }), (r) => (rows = r));
  scheduler.runAll();
  assert.equal(rows?.length, MODES.length);
  for (const row of rows!) {
    assert.equal(row.era, 'early-vtx');
    assert.ok(row.breakdown.length > 0, row.mode);
    assert.equal(row.breakdown.reduce((sum, s) => sum + s.cycles, 0), row.cycles, row.mode);
    assert.equal(row.result.stats.cycles, row.cycles);
  }
  assert.ok(rows!.find((r) => r.mode === 'vtx')!.breakdown.some((s) => s.cause === 'exits'));
});
