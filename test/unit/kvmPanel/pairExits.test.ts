// The panel's exit table: real and simulated exits paired index by index, each with its match flag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeAccess, pairExits, placedOfRecord, type PlacedExit } from '../../../src/extension/simulator/kvm/pairExits';

const out = (line: number, data: number): PlacedExit => ({ kind: 'io', port: 0x3f8, direction: 'out', size: 1, data, line });
const hlt = (line: number): PlacedExit => ({ kind: 'hlt', line });

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

test('MMIO data counts only where both sides know it; the table is bounded', () => {
  const real: PlacedExit = { kind: 'mmio', address: 0x10000, isWrite: true, data: 0x41, line: 2 };
  assert.equal(pairExits([real], [{ kind: 'mmio', address: 0x10000, isWrite: true, line: 2 }])[0]!.match, true);
  assert.equal(pairExits([real], [{ kind: 'mmio', address: 0x10000, isWrite: true, data: 0x42, line: 2 }])[0]!.match, false);
  assert.equal(pairExits(Array.from({ length: 50 }, () => hlt(1)), [], 10).length, 10);
});

test('device accesses and runner records read as a learner would say them', () => {
  assert.equal(describeAccess({ kind: 'io', port: 0x3fd, direction: 'in', size: 1, data: 0x60 }), 'in 0x3fd → 0x60');
  assert.equal(describeAccess({ kind: 'mmio', address: 0x10000, isWrite: true, data: 0x41 }), 'store 0x10000 ← 0x41');
  assert.equal(describeAccess({ kind: 'hlt' }), '');
  assert.deepEqual(placedOfRecord({ exit: 'KVM_EXIT_IO', kind: 'io', port: 0x3f8, direction: 'out', size: 1, data: 84, line: 35, instruction: 10, eip: 0 }), out(35, 84));
  assert.deepEqual(placedOfRecord({ exit: 'KVM_EXIT_HLT', kind: 'hlt', line: 27, instruction: 6, eip: 0 }), hlt(27));
});
