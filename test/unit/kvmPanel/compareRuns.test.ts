// The panel's comparison of a real KVM run with the simulated vtx run: agreement is silent,
// every kind of difference the spec forbids is named, exits are paired index by index.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareRuns, describeRealExit, type RealRun, type SimulatedRun } from '../../../src/extension/simulator/kvm/compareRuns';
import type { RunResult } from '../../../src/core/sim/api';

const registers = { r0: 1, r1: 2, r2: 0, r3: 0, r4: 0, r5: 0, r6: 0, r7: 0, sp: 0x8000, pc: 24, flags: 0x46, cpl: 0 };
const simResult = {
  mode: 'vtx', exit: { reason: 'hlt', line: 5 }, serial: 'Hi', registers,
  stats: { instructions: 9, direct: 0, emulated: 0, traps: 0, vmexits: {}, kvmExits: {}, hypercalls: 0, translatedBlocks: 0, translationCacheHits: 0, callouts: 0, cycles: 0 },
  divergences: [],
} as RunResult;
const realExits: RealRun['exitLog'] = [
  { exit: 'KVM_EXIT_IO', line: 3, kind: 'io', port: 0x3f8, direction: 'out', size: 1, data: 0x48 },
  { exit: 'KVM_EXIT_IO', line: 3, kind: 'io', port: 0x3f8, direction: 'out', size: 1, data: 0x69 },
  { exit: 'KVM_EXIT_HLT', line: 5, kind: 'hlt' },
];
const real = (patch: Partial<RealRun> = {}): RealRun => ({ exit: { reason: 'hlt', line: 5 }, serial: 'Hi', registers: { ...registers }, exitLog: realExits, memory: new Uint8Array(16), ...patch });
const simulated = (patch: Partial<SimulatedRun> = {}): SimulatedRun => ({
  result: simResult,
  exits: [{ exit: 'KVM_EXIT_IO', line: 3 }, { exit: 'KVM_EXIT_IO', line: 3 }, { exit: 'KVM_EXIT_HLT', line: 5 }],
  memory: new Uint8Array(16),
  ...patch,
});

test('two runs that agree have no differences and every exit matches', () => {
  const c = compareRuns(real(), simulated());
  assert.deepEqual(c.differences, []);
  assert.deepEqual(c.exits.map((e) => [e.exit, e.line, e.match]), [['KVM_EXIT_IO', 3, true], ['KVM_EXIT_IO', 3, true], ['KVM_EXIT_HLT', 5, true]]);
  assert.equal(c.exits[0]!.detail, "out 0x3f8 ← 0x48 'H'");
});

test('AF (undefined after logical instructions) is masked; the other flags are not', () => {
  assert.deepEqual(compareRuns(real({ registers: { ...registers, flags: 0x46 | 0x10 } }), simulated()).differences, []);
  const c = compareRuns(real({ registers: { ...registers, flags: 0x47 } }), simulated());
  assert.deepEqual(c.differences.map((d) => d.en), ['flags: 0x47 on KVM, 0x46 simulated']);
});

test('serial, end, a missing exit, registers and memory are each named, in both languages', () => {
  const memory = new Uint8Array(16);
  memory[9] = 7;
  const c = compareRuns(
    real({ serial: 'H', exit: { reason: 'shutdown', line: 4 }, exitLog: realExits.slice(0, 2), registers: { ...registers, r0: 5 }, memory }),
    simulated(),
  );
  const en = c.differences.map((d) => d.en);
  assert.match(en[0]!, /^serial output: "H" on KVM, "Hi" simulated/);
  assert.match(en[1]!, /^end of the run: shutdown \(line 4\) on KVM, hlt \(line 5\) simulated/);
  assert.match(en[2]!, /^exit to user space #3: none on KVM, KVM_EXIT_HLT \(line 5\) simulated/);
  assert.match(en[3]!, /^r0: 0x5 on KVM, 0x1 simulated/);
  assert.match(en[4]!, /^memory: 1 bytes differ, the first at 0x9/);
  assert.ok(c.differences.every((d) => d['zh-cn'].length > 0 && d['zh-cn'] !== d.en));
  assert.deepEqual(c.exits[2], { index: 2, exit: '', line: 0, detail: '', simulated: { exit: 'KVM_EXIT_HLT', line: 5 }, match: false });
});

test('many differing exits are summed up after the first five', () => {
  const many = Array.from({ length: 9 }, () => ({ exit: 'KVM_EXIT_IO' as const, line: 3 }));
  const c = compareRuns(real({ exitLog: [] }), simulated({ exits: many, result: { ...simResult } }));
  assert.equal(c.differences.filter((d) => d.en.startsWith('exit to user space')).length, 5);
  assert.ok(c.differences.some((d) => d.en === 'and 4 more exits to user space differ'));
});

test('device accesses read as a learner would say them', () => {
  assert.equal(describeRealExit({ exit: 'KVM_EXIT_IO', line: 1, kind: 'io', port: 0x3fd, direction: 'in', size: 1, data: 0x60 }), 'in 0x3fd → 0x60');
  assert.equal(describeRealExit({ exit: 'KVM_EXIT_MMIO', line: 1, kind: 'mmio', address: 0xf000, isWrite: true, length: 4, data: 0x41 }), 'store 0xf000 ← 0x41 (4 B)');
  assert.equal(describeRealExit({ exit: 'KVM_EXIT_HLT', line: 1, kind: 'hlt' }), '');
});
