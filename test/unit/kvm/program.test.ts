/** runProgramOnKvm: what the panel calls. Outside the subset and without KVM it answers, never throws. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble } from '../../../src/core/sim/index';
import { runProgramOnKvm } from '../../../src/host/kvm';
import { kvmSkipReason } from './helpers';

const program = (text: string) => {
  const { program: p } = assemble(text);
  assert.ok(p);
  return p;
};

test('a program outside the subset: its line and a sentence in both languages', () => {
  const r = runProgramOnKvm(program('_start:\n    vmcall\n    hlt\n'));
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.why === 'outside-subset');
  assert.equal(!r.ok && r.why === 'outside-subset' ? r.line : 0, 2);
  assert.match(!r.ok ? r.text.en : '', /^line 2: 'vmcall' is outside what runs on real KVM: on real KVM an unknown hypercall/);
  assert.match(!r.ok ? r.text['zh-cn'] : '', /^第 2 行/);
});

test('without usable KVM: the runner\'s sentence, not an exception', () => {
  const r = runProgramOnKvm(program('_start:\n    hlt\n'), { path: '/nonexistent/kvm', platform: 'linux' });
  assert.ok(!r.ok && r.why === 'kvm-unavailable', JSON.stringify(r));
  // Where koffi itself cannot load (another OS), that is the reason given instead.
  assert.ok(r.kind === 'no-device' || r.kind === 'no-ffi', r.kind);
  if (r.kind === 'no-device') assert.match(r.text.en, /\/nonexistent\/kvm/);
  assert.ok(r.text['zh-cn'].length > 0);
});

test('real KVM: the UART loop runs and agrees with the simulated vtx run', (t) => {
  const skip = kvmSkipReason();
  if (skip) return t.skip(skip);
  const r = runProgramOnKvm(program('_start:\n    mov r0, 0x41\n    out 0x3f8, r0\n    out 0x3f8, r0\n    hlt\n'));
  assert.ok(r.ok);
  assert.equal(r.result.serial, 'AA');
  assert.equal(r.comparison.equivalentToVtx, true, JSON.stringify(r.comparison.differences));
  assert.deepEqual(r.result.exitLog.map((e) => e.line), [3, 4, 5]);
});
