// The panel's exit table: real and simulated exits paired index by index, each with its match flag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeAccess, pairRow, placedOfRecord, type PlacedExit } from '../../../src/extension/simulator/kvm/pairExits';
import { ExitStream } from '../../../src/extension/simulator/kvm/runForPanel';
import { MAX_KVM_EXIT_BATCH, MAX_KVM_EXITS_SHOWN, type KvmPanelExit } from '../../../src/shared/kvmProtocol';

const out = (line: number, data: number): PlacedExit => ({ kind: 'io', port: 0x3f8, direction: 'out', size: 1, data, line });
const hlt = (line: number): PlacedExit => ({ kind: 'hlt', line });
/** Both sequences paired index by index, one row per index of the longer one. */
const pairExits = (real: PlacedExit[], simulated: PlacedExit[]) =>
  Array.from({ length: Math.max(real.length, simulated.length) }, (_, i) => pairRow(i, real[i], simulated[i]));

test('agreeing sequences match exit by exit, with what the device saw', () => {
  const rows = pairExits([out(3, 0x48), out(3, 0x69), hlt(5)], [out(3, 0x48), out(3, 0x69), hlt(5)]);
  assert.deepEqual(rows.map((r) => [r.exit, r.line, r.simulated?.exit, r.match]), [
    ['KVM_EXIT_IO', 3, 'KVM_EXIT_IO', true], ['KVM_EXIT_IO', 3, 'KVM_EXIT_IO', true], ['KVM_EXIT_HLT', 5, 'KVM_EXIT_HLT', true],
  ]);
  assert.equal(rows[0]!.detail, "out 0x3f8 ← 0x48 'H'");
});

test('a different byte, line or kind, or a missing exit, does not match', () => {
  const rows = pairExits([out(3, 0x48), out(4, 0x69), hlt(5)], [out(3, 0x49), out(3, 0x69), out(5, 1), hlt(6)]);
  assert.deepEqual(rows.map((r) => r.match), [false, false, false, false]);
  assert.deepEqual(rows[3], { index: 3, exit: '', line: 0, detail: '', simulated: { exit: 'KVM_EXIT_HLT', line: 6 }, match: false });
  assert.deepEqual(pairExits([hlt(1)], []), [{ index: 0, exit: 'KVM_EXIT_HLT', line: 1, detail: '', match: false }]);
});

test('MMIO data counts only where both sides know it', () => {
  const real: PlacedExit = { kind: 'mmio', address: 0x10000, isWrite: true, data: 0x41, line: 2 };
  assert.equal(pairExits([real], [{ kind: 'mmio', address: 0x10000, isWrite: true, line: 2 }])[0]!.match, true);
  assert.equal(pairExits([real], [{ kind: 'mmio', address: 0x10000, isWrite: true, data: 0x42, line: 2 }])[0]!.match, false);
});

test('the table sent to the page is bounded, in bounded batches; the count by line takes every exit', () => {
  const batches: KvmPanelExit[][] = [];
  const stream = new ExitStream((b) => batches.push(b));
  for (let i = 0; i < MAX_KVM_EXITS_SHOWN + 50; i++) stream.add((index) => pairRow(index, hlt(1), hlt(1)));
  stream.flush();
  const sent = batches.flat();
  assert.equal(sent.length, MAX_KVM_EXITS_SHOWN);
  assert.ok(batches.every((b) => b.length > 0 && b.length <= MAX_KVM_EXIT_BATCH));
  assert.deepEqual(sent.map((r) => r.index), Array.from({ length: MAX_KVM_EXITS_SHOWN }, (_, i) => i));
  assert.deepEqual(stream.tally.lines(), [{ line: 1, real: MAX_KVM_EXITS_SHOWN + 50, simulated: MAX_KVM_EXITS_SHOWN + 50, match: true }]);
});

test('device accesses and runner records read as a learner would say them', () => {
  assert.equal(describeAccess({ kind: 'io', port: 0x3fd, direction: 'in', size: 1, data: 0x60 }), 'in 0x3fd → 0x60');
  assert.equal(describeAccess({ kind: 'mmio', address: 0x10000, isWrite: true, data: 0x41 }), 'store 0x10000 ← 0x41');
  assert.equal(describeAccess({ kind: 'hlt' }), '');
  assert.deepEqual(placedOfRecord({ exit: 'KVM_EXIT_IO', kind: 'io', port: 0x3f8, direction: 'out', size: 1, data: 84, line: 35, instruction: 10, eip: 0 }), out(35, 84));
  assert.deepEqual(placedOfRecord({ exit: 'KVM_EXIT_HLT', kind: 'hlt', line: 27, instruction: 6, eip: 0 }), hlt(27));
});
