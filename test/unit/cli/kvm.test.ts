/**
 * `run --mode kvm`, `compare`'s kvm row and `kvm-info`: in memory with a machine that has no
 * usable KVM (injected), and for real on /dev/kvm where it can be used (skipped, saying why, elsewhere).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoStackTrace, runCli } from './helpers';
import type { KvmBackend } from '../../../src/cli/kvm';
import { kvmSkipReason } from '../kvm/helpers';

const HELLO = ['_start:', '    mov r1, msg', 'loop:', '    mov r0, [r1]', '    and r0, 0xFF', '    jz done', '    out 0x3F8, r0', '    inc r1', '    jmp loop', 'done:', '    hlt', 'msg: .asciz "Hi\\n"', ''].join('\n');
const TIMER = '_start:\n    mov r0, 1\n    out 0x40, r0\n    hlt\n';
const files = { 'hello.vmasm': HELLO, 'timer.vmasm': TIMER };

const NO_KVM_SENTENCE = 'there is no /dev/kvm on this machine: load the kvm module (modprobe kvm_intel or kvm_amd) or enable virtualization in the firmware';
const noKvm: KvmBackend = {
  unavailable: () => NO_KVM_SENTENCE,
  run: () => assert.fail('the runner must not be called without KVM'),
  info: () => assert.fail('kvm-info must not measure without KVM'),
};

test('run --mode kvm without KVM: exit 1 with the runner\'s one sentence', async () => {
  const { code, stdout, stderr } = await runCli(['run', 'hello.vmasm', '--mode', 'kvm'], files, { kvm: noKvm });
  assert.equal(code, 1);
  assert.equal(stdout, '');
  assert.equal(stderr, `kvm-lab run: ${NO_KVM_SENTENCE}\n`);
});

test('run --mode kvm of a program outside the subset: exit 1 naming its line, before KVM is asked', async () => {
  const { code, stderr } = await runCli(['run', 'timer.vmasm', '--mode', 'kvm'], files, { kvm: noKvm });
  assert.equal(code, 1);
  assert.match(stderr, /^kvm-lab run: timer\.vmasm:3:5: 'out' is outside what runs on real KVM: port 0x40 is the simulator's timer/);
  assert.equal(stderr.split('\n').length, 2, 'one line');
  assertNoStackTrace(stderr);
});

test('run --mode kvm with --era is a usage error; a misspelt mode suggests kvm', async () => {
  const era = await runCli(['run', 'hello.vmasm', '--mode', 'kvm', '--era', 'current'], files, { kvm: noKvm });
  assert.equal(era.code, 2);
  assert.match(era.stderr, /--era applies to the simulated modes/);
  const typo = await runCli(['run', 'hello.vmasm', '--mode', 'kvn'], files, { kvm: noKvm });
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /did you mean 'kvm'\?.*expected one of: native, emulate, trap, bt, paravirt, vtx, kvm/);
});

test('compare without KVM: the modes as before, one line saying why there is no kvm row; --json says it too', async () => {
  const text = await runCli(['compare', 'hello.vmasm'], files, { kvm: noKvm });
  assert.equal(text.code, 0, text.stderr);
  assert.doesNotMatch(text.stdout, /^kvm {2,}/m, 'no kvm row in the table');
  assert.ok(text.stdout.includes(`kvm (the real /dev/kvm of this machine): not run: ${NO_KVM_SENTENCE}`), text.stdout);
  const json = await runCli(['compare', 'hello.vmasm', '--json'], files, { kvm: noKvm });
  assert.deepEqual(JSON.parse(json.stdout).kvm, { notRun: NO_KVM_SENTENCE });
  const outside = await runCli(['compare', 'timer.vmasm', '--json'], files, { kvm: noKvm });
  assert.match(JSON.parse(outside.stdout).kvm.notRun, /^timer\.vmasm:3:5: 'out' is outside/);
});

test('kvm-info without KVM: exit 1 with the sentence; extra arguments are a usage error', async () => {
  const { code, stderr } = await runCli(['kvm-info'], {}, { kvm: noKvm });
  assert.equal(code, 1);
  assert.equal(stderr, `kvm-lab kvm-info: ${NO_KVM_SENTENCE}\n`);
  assert.equal((await runCli(['kvm-info', 'x'], {}, { kvm: noKvm })).code, 2);
});

test('real KVM: run --mode kvm --json is the spec\'s shape plus host, kvmStats and the exit log', async (t) => {
  const skip = kvmSkipReason();
  if (skip) return t.skip(skip);
  const { code, stdout, stderr } = await runCli(['run', 'hello.vmasm', '--mode', 'kvm', '--json'], files);
  assert.equal(code, 0, stderr);
  const r = JSON.parse(stdout);
  assert.deepEqual(Object.keys(r).slice(0, 6), ['mode', 'exit', 'serial', 'registers', 'stats', 'divergences']);
  assert.equal(r.mode, 'kvm');
  assert.deepEqual(r.exit, { reason: 'hlt', line: 11 });
  assert.equal(r.serial, 'Hi\n');
  assert.deepEqual(r.stats.kvmExits, { KVM_EXIT_IO: 3, KVM_EXIT_HLT: 1 });
  assert.equal(r.host.apiVersion, 12);
  assert.equal(typeof r.kvmStats, 'object');
  assert.deepEqual(r.exitLog.map((e: { kind: string; line: number; data?: number }) => `${e.line} ${e.kind} ${e.data ?? ''}`), ['7 io 72', '7 io 105', '7 io 10', '11 hlt ']);
  const text = await runCli(['run', 'hello.vmasm', '--mode', 'kvm'], files);
  assert.match(text.stdout, /--- serial ---\nHi\n--- end of serial ---\nexit: hlt at line 11\n/);
  assert.match(text.stdout, /line 7: KVM_EXIT_IO out port 0x3f8 size 1 data 0x48/);
  assert.match(text.stdout, /KVM's counters on this host/);
});

test('real KVM: compare has a kvm row equivalent to vtx; kvm-info --json describes the host', async (t) => {
  const skip = kvmSkipReason();
  if (skip) return t.skip(skip);
  const text = await runCli(['compare', 'hello.vmasm'], files);
  assert.match(text.stdout, /^kvm +hlt at line 11 +3 B .* vtx: yes$/m);
  assert.match(text.stdout, /against the simulated vtx: the same/);
  const json = JSON.parse((await runCli(['compare', 'hello.vmasm', '--json'], files)).stdout);
  assert.equal(json.kvm.equivalentToVtx, true);
  assert.deepEqual(json.kvm.differences, []);
  assert.equal(json.kvm.result.mode, 'kvm');
  const info = JSON.parse((await runCli(['kvm-info', '--json'])).stdout);
  assert.equal(info.apiVersion, 12);
  assert.equal(info.guestCpuid.signature, 'KVMKVMKVM');
  assert.ok(info.exitCosts.ioToUserSpace.microseconds > 0);
});

test('--era this-machine without KVM: exit 1 saying it measures this machine\'s KVM and why it cannot', async () => {
  for (const command of ['run', 'compare']) {
    const { code, stderr } = await runCli([command, 'hello.vmasm', '--era', 'this-machine'], files, { kvm: noKvm });
    assert.equal(code, 1, command);
    assert.equal(stderr, `kvm-lab ${command}: --era this-machine measures this machine's KVM, which cannot be used: ${NO_KVM_SENTENCE}\n`);
  }
  const typo = await runCli(['run', 'hello.vmasm', '--era', 'this-machin'], files, { kvm: noKvm });
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /did you mean 'this-machine'/);
});

test('real KVM: --era this-machine measures once and says what it measured', async (t) => {
  const skip = kvmSkipReason();
  if (skip) return t.skip(skip);
  const run = await runCli(['run', 'hello.vmasm', '--era', 'this-machine'], files);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^hello\.vmasm: mode vtx, era this-machine \(this machine \(measured on its KVM: I\/O exit [\d.]+ µs, CPUID exit [\d.]+ µs, at \d+ MHz\); other costs: current\)/);
  const json = JSON.parse((await runCli(['compare', 'hello.vmasm', '--era', 'this-machine', '--json'], files)).stdout);
  assert.equal(json.era, 'this-machine');
  assert.ok(json.measured.ioToUserSpaceMicroseconds > 0);
  assert.equal(json.costs.vmExit + json.costs.userspaceExit, Math.max(json.costs.vmExit, Math.round(json.measured.ioToUserSpaceMicroseconds * json.measured.cyclesPerMicrosecond)));
});

test('compare of a long run without --max-steps: the kvm row says why it was not run, before KVM is asked', async () => {
  const { code, stdout } = await runCli(['compare', 'forever.vmasm', '--json'], { 'forever.vmasm': '_start:\n    inc r0\n    jmp _start\n' }, { kvm: noKvm });
  assert.equal(code, 0);
  assert.match(JSON.parse(stdout).kvm.notRun, /^the simulated vtx run took 10000000 instructions, more than real KVM runs by default \(1000000/);
});
