// The panel's state logic: marks on lines, the event log, the path through the layers, and
// the guest's view of its CPU beside the real one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CpuControlState, RunStats } from '../../../src/core/sim/api';
import { controlRows, counterItems, EventLog, format, hex, isLogWorthy, LastInstructionEvents, LineMarkTable, pathOfEvents } from '../../../src/webview/model';
import { event } from './fakes';

test('a VM exit KVM handles itself does not go to QEMU; one it forwards does', () => {
  const inKernel = pathOfEvents([event('vmexit', 5, 'kvm'), event('kvm-handled', 5, 'kvm')], 'guest-kernel', 'vtx');
  assert.equal(inKernel.kind, 'kvm');
  assert.deepEqual(inKernel.boxes, ['guest-kernel', 'hypervisor', 'guest-kernel']);
  const toQemu = pathOfEvents([event('vmexit', 7, 'kvm'), event('kvm-exit', 7, 'qemu'), event('device', 7, 'qemu')], 'guest-kernel', 'vtx');
  assert.equal(toQemu.kind, 'userspace');
  assert.deepEqual(toQemu.boxes, ['guest-kernel', 'hypervisor', 'qemu', 'hypervisor', 'guest-kernel']);
});

test('a classic trap goes to the VMM and back; a direct instruction only touches the hardware', () => {
  const trap = pathOfEvents([event('trap', 3, 'vmm'), event('emulated', 3, 'vmm')], 'guest-kernel', 'trap');
  assert.equal(trap.kind, 'trap');
  assert.deepEqual(trap.boxes, ['guest-kernel', 'hypervisor', 'guest-kernel']);
  const direct = pathOfEvents([event('direct', 1, 'hardware')], 'guest-user', 'trap');
  assert.deepEqual(direct, { kind: 'direct', boxes: ['guest-user', 'hardware', 'guest-user'] });
});

test('a divergence is shown as such even though the instruction ran directly', () => {
  const p = pathOfEvents([event('direct', 4, 'hardware'), event('divergence', 4, 'guest-kernel')], 'guest-kernel', 'trap');
  assert.equal(p.kind, 'divergence');
});

test('a halt ends the path where the machine stopped', () => {
  const p = pathOfEvents([event('vmexit', 9, 'kvm'), event('kvm-exit', 9, 'qemu'), event('halt', 9, 'qemu')], 'guest-kernel', 'vtx');
  assert.equal(p.kind, 'halt');
  assert.equal(p.boxes[p.boxes.length - 1], 'qemu');
});

test('line marks count traps, exits and divergences per line; direct execution marks nothing', () => {
  const marks = new LineMarkTable();
  for (const e of [event('trap', 3), event('trap', 3), event('vmexit', 5), event('divergence', 8), event('direct', 2), event('trap', 0)]) marks.add(e);
  assert.deepEqual(marks.get(3)?.counts, { trap: 2 });
  assert.equal(marks.get(2), undefined);
  assert.deepEqual(marks.linesWith('divergence'), [8]);
  assert.deepEqual(marks.linesWith('exit'), [5]);
  marks.clear();
  assert.deepEqual(marks.linesWith('trap'), []);
});

test('the event log keeps the newest entries and counts all', () => {
  const log = new EventLog(3);
  for (let i = 1; i <= 10; i++) log.add(event('trap', i));
  assert.equal(log.total, 10);
  assert.deepEqual(log.recent().map((e) => e.line), [8, 9, 10]);
  assert.equal(isLogWorthy(event('direct', 1)), false);
  assert.equal(isLogWorthy(event('hypercall', 1)), true);
});

const cpu = (over: Partial<CpuControlState> = {}): CpuControlState => ({
  cpl: 0, if: true, flags: 0x202, cs: 0x08, cr0: 0x80000001, cr3: 0x1000,
  gdtr: { base: 0x100, limit: 0x17 }, idtr: { base: 0x200, limit: 0xff }, ...over,
});

test('registers: what the guest believes beside the real CPU, differences flagged', () => {
  const rows = controlRows(cpu(), cpu({ cpl: 1, cs: 0x09, idtr: { base: 0xf000, limit: 0xff } }));
  const differing = rows.filter((r) => r.differs).map((r) => r.name);
  assert.deepEqual(differing, ['CPL', 'CS', 'IDTR']);
  assert.equal(rows.find((r) => r.name === 'IF')?.guest, '1');
  assert.equal(hex(-1), '0xFFFFFFFF');
});

test('counters: totals, then one per exit reason that occurred', () => {
  const stats: RunStats = {
    instructions: 10, direct: 4, emulated: 6, traps: 0, vmexits: { IO_INSTRUCTION: 3, HLT: 1 }, kvmExits: { KVM_EXIT_IO: 3, KVM_EXIT_HLT: 0 },
    hypercalls: 0, translatedBlocks: 0, translationCacheHits: 0, callouts: 0, cycles: 999,
    memory: { tlbHits: 0, tlbMisses: 0, pageWalkReferences: 0, guestPageFaults: 0, hiddenPageFaults: 0, shadowUpdates: 0, eptViolations: 0 },
  };
  const items = counterItems(stats);
  const by = (id: string) => items.find((c) => c.id === id)?.value;
  assert.equal(by('vmexits'), 4);
  assert.equal(by('kvmExits'), 3);
  assert.equal(by('IO_INSTRUCTION'), 3);
  assert.equal(by('KVM_EXIT_IO'), 3);
  assert.equal(by('KVM_EXIT_HLT'), undefined, 'reasons that never happened are not listed');
});

test('format fills numbered placeholders and leaves unknown ones', () => {
  assert.equal(format('{0} of {1} ({2})', 3, 'x'), '3 of x ({2})');
});

test('the last instruction\'s events: a loop exiting at the same pc starts a new chain each time', () => {
  const group = new LastInstructionEvents();
  // A spin loop whose only exits come from one OUT: every event has the same pc.
  for (let i = 0; i < 10_000; i++) {
    group.add(event('vmexit', 3, 'kvm'), 'vtx');
    group.add(event('kvm-exit', 3, 'qemu'), 'vtx');
    group.add(event('device', 3, 'qemu'), 'vtx');
  }
  assert.deepEqual(group.get().map((e) => e.kind), ['vmexit', 'kvm-exit', 'device']);
  group.add(event('emulated', 3, 'qemu'), 'emulate');
  group.add(event('emulated', 3, 'qemu'), 'emulate');
  assert.equal(group.get().length, 1, 'under emulation each instruction is its own chain');
  for (let i = 0; i < 100; i++) group.add(event('device', 3, 'qemu'), 'vtx');
  assert.ok(group.get().length <= 16, 'a chain is bounded');
  group.clear();
  assert.equal(group.get().length, 0);
});
