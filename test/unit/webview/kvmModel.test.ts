// The page's model of a real KVM run: stale and cancelled runs are ignored, exits are grouped by line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMicros, KvmRun, nonZeroStats } from '../../../src/webview/kvmModel';
import type { KvmPanelExit, KvmPanelResult } from '../../../src/shared/kvmProtocol';

const io = (index: number, line: number, match = true): KvmPanelExit => ({ index, exit: 'KVM_EXIT_IO', line, detail: 'out', simulated: { exit: 'KVM_EXIT_IO', line }, match });
const result = { exit: { reason: 'hlt', line: 3 }, serial: '', instructions: 1, kvmExits: {}, simulatedKvmExits: {}, exitCount: 0, byLine: [], kvmStats: {}, host: {}, differences: [], tolerated: [], masked: [] } as KvmPanelResult;

test('a run takes its own batches and result, not those of a run before it', () => {
  const run = new KvmRun();
  const first = run.start();
  const second = run.start();
  assert.notEqual(first, second);
  assert.equal(run.receive({ type: 'kvmExits', runId: first, exits: [io(0, 9)] }), false);
  assert.equal(run.receive({ type: 'kvmExits', runId: second, exits: [io(0, 5), io(1, 5)] }), true);
  assert.equal(run.receive({ type: 'kvmExits', runId: second, exits: [{ index: 2, exit: 'KVM_EXIT_HLT', line: 3, detail: '', simulated: { exit: 'KVM_EXIT_HLT', line: 3 }, match: true }] }), true);
  // While the run goes on: the rows received so far.
  assert.deepEqual([...run.realLineCounts()], [[3, 1], [5, 2]]);
  assert.deepEqual(run.byLine(), [{ line: 3, real: 1, simulated: 1, match: true }, { line: 5, real: 2, simulated: 2, match: true }]);
  // Once the result is in: the host's count of every exit, beyond the rows a page is sent.
  const byLine = [{ line: 3, real: 1, simulated: 1, match: true }, { line: 5, real: 12_000, simulated: 12_000, match: true }];
  assert.equal(run.receive({ type: 'kvmResult', runId: second, result: { ...result, byLine } }), true);
  assert.equal(run.status, 'done');
  assert.deepEqual([...run.realLineCounts()], [[3, 1], [5, 12_000]]);
  assert.deepEqual(run.byLine(), byLine);
  assert.equal(run.mismatches, 0);
});

test('a cancelled run ignores what still arrives; a failure keeps its reason', () => {
  const run = new KvmRun();
  const id = run.start();
  run.cancel();
  assert.equal(run.status, 'cancelled');
  assert.equal(run.receive({ type: 'kvmResult', runId: id, result }), false);
  const next = run.start();
  assert.equal(run.receive({ type: 'kvmFailed', runId: next, reason: { en: 'line 3 (lidt) is outside', 'zh-cn': '第 3 行' } }), true);
  assert.equal(run.status, 'failed');
  assert.equal(run.failure?.en, 'line 3 (lidt) is outside');
});

test('mismatches mark both lines: the real one and the simulated one', () => {
  const run = new KvmRun();
  const id = run.start();
  run.receive({ type: 'kvmExits', runId: id, exits: [io(0, 4), { index: 1, exit: 'KVM_EXIT_IO', line: 4, detail: '', simulated: { exit: 'KVM_EXIT_HLT', line: 7 }, match: false }, { index: 2, exit: '', line: 0, detail: '', simulated: { exit: 'KVM_EXIT_IO', line: 4 }, match: false }] });
  assert.deepEqual(run.byLine(), [{ line: 4, real: 2, simulated: 2, match: false }, { line: 7, real: 0, simulated: 1, match: false }]);
  assert.equal(run.mismatches, 2);
  assert.deepEqual([...run.realLineCounts()], [[4, 2]]);
});

test('only non-zero KVM counters are listed, by name; microseconds are readable', () => {
  assert.deepEqual(nonZeroStats({ pf_taken: 0, exits: 47, halt_exits: 1 }), [['exits', 47], ['halt_exits', 1]]);
  assert.equal(formatMicros(8.05531, 'en'), '8.06');
  assert.equal(formatMicros(1234.5, 'en'), '1,235');
});
