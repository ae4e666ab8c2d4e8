// Real KVM for the panel, through the worker the extension host uses: the UART example's exits
// (one KVM_EXIT_IO per byte) beside the simulated vtx ones, agreement, a program outside the
// subset, and cancelling. Skipped, with the reason, where /dev/kvm cannot be used.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KvmWorkerClient } from '../../../src/extension/simulator/kvm/kvmWorkerClient';
import { runForPanel } from '../../../src/extension/simulator/kvm/runForPanel';
import type { KvmPanelExit } from '../../../src/shared/kvmProtocol';
import { kvmSkipReason } from '../kvm/helpers';

const scratch = mkdtempSync(join(tmpdir(), 'kvm-lab-kvmworker-'));
// A .js entry that requires the TypeScript worker (a worker inherits --import tsx, not its entry).
const WORKER = join(scratch, 'kvmWorker.js');
writeFileSync(WORKER, `require(${JSON.stringify(join(__dirname, '../../../src/extension/simulator/kvm/kvmWorker.ts'))});\n`);
const clients: KvmWorkerClient[] = [];
const client = (file = WORKER) => {
  const c = new KvmWorkerClient(file);
  clients.push(c);
  return c;
};
after(() => {
  clients.forEach((c) => c.dispose());
  rmSync(scratch, { recursive: true, force: true });
});

const uart = { name: 'uart-console.vmasm', text: readFileSync(join(__dirname, '../../../examples/uart-console.vmasm'), 'utf8') };
const BYTES = 'The quick brown fox\njumps over\nthe lazy dog.\n'.length;

test('a missing worker bundle makes the mode unavailable with a reason, and a run fail with it', async () => {
  const c = client(join(scratch, 'absent.js'));
  const a = await c.availability();
  assert.equal(a.available, false);
  assert.match(!a.available ? a.reason.en : '', /KVM worker .*absent\.js.* is missing/);
  const r = await c.run(uart, 1000, () => {});
  assert.ok('failed' in r);
});

test('a worker that dies makes the mode unavailable with the reason, not a hang or a crash', async () => {
  const broken = join(scratch, 'broken.js');
  writeFileSync(broken, "throw new Error('koffi exploded');\n");
  const c = client(broken);
  const a = await c.availability();
  assert.equal(a.available, false);
  assert.match(!a.available ? a.reason.en : '', /^the KVM worker failed \(.*koffi exploded/);
  const r = await c.run(uart, 1000, () => {});
  assert.ok('failed' in r && /KVM worker stopped|KVM worker failed/.test(r.failed.en), JSON.stringify(r));
});

test('the UART example on real KVM: one KVM_EXIT_IO per byte, each beside its simulated exit, no difference', { skip: kvmSkipReason() }, async () => {
  const c = client();
  const availability = await c.availability();
  assert.equal(availability.available, true);
  // The era this-machine: this host's exit costs and clock rate (absent only where the clock is unknown).
  if (availability.available && availability.measured) {
    assert.ok(availability.measured.ioToUserSpaceMicroseconds > 0 && availability.measured.cyclesPerMicrosecond > 0);
  }
  const batches: KvmPanelExit[][] = [];
  const outcome = await c.run(uart, 1_000_000, (b) => batches.push(b));
  assert.ok('result' in outcome, JSON.stringify(outcome));
  const exits = batches.flat();
  const io = exits.filter((e) => e.exit === 'KVM_EXIT_IO');
  assert.equal(io.length, BYTES);
  assert.ok(io.every((e) => e.match && e.simulated?.exit === 'KVM_EXIT_IO' && e.simulated.line === e.line && /^out 0x3f8/.test(e.detail)));
  assert.deepEqual(outcome.result.differences, []);
  assert.equal(outcome.result.serial, 'The quick brown fox\njumps over\nthe lazy dog.\n');
  assert.equal(outcome.result.kvmExits.KVM_EXIT_IO, BYTES);
  assert.equal(outcome.result.simulatedKvmExits.KVM_EXIT_IO, BYTES);
  assert.ok(outcome.result.exitCosts && outcome.result.exitCosts.ioToUserSpace > 0);
  assert.ok((outcome.result.kvmStats.exits ?? 0) > 0);
});

test('a program outside the real-KVM subset names its line, in both languages', { skip: kvmSkipReason() }, () => {
  const outcome = runForPanel({ name: 'x.vmasm', text: 'mov r0, 1\nvmcall\nhlt\n', maxSteps: 100 }, () => {});
  assert.ok('failed' in outcome, JSON.stringify(outcome).slice(0, 300));
  assert.match(outcome.failed.en, /^line 2 \(vmcall\) is outside the real-KVM subset: on real KVM an unknown hypercall/);
  assert.match(outcome.failed['zh-cn'], /^第 2 行（vmcall）/);
});

test('a long run can be cancelled; the next run starts a fresh worker', { skip: kvmSkipReason() }, async () => {
  const c = client();
  const loop = { name: 'loop.vmasm', text: 'top:\n  inc r0\n  jmp top\n' };
  const running = c.run(loop, 10_000_000, () => {});
  setTimeout(() => c.cancel(), 200);
  assert.deepEqual(await running, { cancelled: true });
  const again = await c.run(uart, 1_000_000, () => {});
  assert.ok('result' in again);
});
