// Real KVM for the panel, through the worker the extension host uses: the UART example's exits
// (one KVM_EXIT_IO per byte) beside the simulated vtx ones, agreement, a program outside the
// subset, and cancelling. Skipped, with the reason, where /dev/kvm cannot be used.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
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
  const outLine = io[0]!.line;
  assert.deepEqual(outcome.result.byLine.find((l) => l.line === outLine), { line: outLine, real: BYTES, simulated: BYTES, match: true });
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

/** This process's open KVM fds (/dev/kvm, VMs, vCPUs, stats): a worker thread shares the process's fd table. */
function openKvmFds(): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return /kvm/.test(target) ? [target] : [];
    } catch {
      return []; // closed while we looked (readdir's own fd)
    }
  });
}

/** 50,000 writes to an unknown port: one KVM_EXIT_IO each, a run of about a second here. */
const manyExits = { name: 'many-exits.vmasm', text: '    mov r5, 50000\nagain:\n    out 0x80, r5\n    dec r5\n    jnz again\n    hlt\n' };

test('exits are handed over while the real run goes on, and a cancel read between exits closes the VM', { skip: kvmSkipReason() }, () => {
  const before = openKvmFds();
  const signal = { aborted: false };
  const batches: KvmPanelExit[][] = [];
  // Cancelled from the first batch: only a run that hands exits over as they happen can see it.
  const outcome = runForPanel({ ...manyExits, maxSteps: 1_000_000 }, (b) => {
    batches.push(b);
    signal.aborted = true;
  }, signal);
  assert.deepEqual(outcome, { cancelled: true });
  assert.equal(batches.length, 1);
  assert.ok(batches[0]!.length > 0 && batches[0]!.every((e) => e.exit === 'KVM_EXIT_IO' && e.match && e.line === 3), JSON.stringify(batches[0]!.slice(0, 3)));
  assert.deepEqual(openKvmFds(), before, 'no KVM fd is left open');
});

test('a cancelled worker run ends at its next exit with its VM closed; the same worker takes the next run', { skip: kvmSkipReason() }, async () => {
  const c = client();
  await c.availability();
  const before = openKvmFds();
  let cancelledAt = -1;
  const running = c.run(manyExits, 1_000_000, (batch) => {
    if (cancelledAt < 0) {
      cancelledAt = batch.length;
      c.cancel();
    }
  });
  assert.deepEqual(await running, { cancelled: true });
  assert.ok(cancelledAt > 0, 'exits arrived before the cancel');
  // Queued behind the cancelled run in the same worker: when it is done, that run has ended.
  const again = await c.run(uart, 1_000_000, () => {});
  assert.ok('result' in again, JSON.stringify(again));
  assert.deepEqual(openKvmFds(), before, 'no KVM fd is left open');

  // Cancelled before the worker even started it: the simulated run beside it stops at once.
  const early = c.run(manyExits, 1_000_000, () => assert.fail('no exit of a run cancelled before it started'));
  c.cancel();
  assert.deepEqual(await early, { cancelled: true });
  assert.ok('result' in (await c.run(uart, 1_000_000, () => {})));
  assert.deepEqual(openKvmFds(), before, 'no KVM fd is left open');
});
