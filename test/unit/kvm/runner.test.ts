/**
 * End-to-end runs of hand-assembled 32-bit guests on the real /dev/kvm: every kind of exit the
 * runner decodes, the devices' answers (as the simulator's), the step budget, the exit limit and
 * the placement of each exit on its source line. Skipped, saying why, where KVM is not usable.
 * Bounded by counts (each guest ends by itself or at maxSteps/maxExits), never by time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runOnKvm, type KvmExitRecord } from '../../../src/host/kvm';
import { tinyImage, TINY_BUDGET_CELL } from '../../../src/host/kvm/tiny';
import { assembleBytes, kvmSkipReason, le32, sourceOf } from './helpers';

const HLT = [0xf4];
const movDx = (port: number) => [0x66, 0xba, port & 0xff, port >> 8];
const movAl = (v: number) => [0xb0, v];
const movEax = (v: number) => [0xb8, ...le32(v)];
const storeEax = (address: number) => [0xa3, ...le32(address)];
const storeDword = (address: number, v: number) => [0xc7, 0x05, ...le32(address), ...le32(v)];

/** Runs hand-assembled instructions; those listed in `stubs` are budget stubs (a HLT) of their own index. */
function run(instructions: number[][], options: Parameters<typeof runOnKvm>[2] = {}, prepare?: (ram: Uint8Array) => void, stubs: number[] = []) {
  const { code, ranges } = assembleBytes(instructions);
  const image = tinyImage(code, ranges, stubs.map((i) => ({ offset: ranges[i].offset, instruction: i })));
  prepare?.(image.slots[0].initial);
  return runOnKvm(image, sourceOf(instructions.length), options);
}

const brief = (log: KvmExitRecord[]) =>
  log.map((r) => (r.kind === 'io' ? `${r.line} io ${r.direction} 0x${r.port.toString(16)}/${r.size} ${r.data}` : r.kind === 'mmio' ? `${r.line} mmio ${r.isWrite ? 'w' : 'r'} 0x${r.address.toString(16)}/${r.length} ${r.data}` : `${r.line} ${r.kind}`));

test('UART output, line status, a port with no device, then HLT', (t) => {
  const skip = kvmSkipReason();
  if (skip) return t.skip(skip);
  const r = run([
    movDx(0x3f8), movAl(0x48), [0xee], movAl(0x69), [0xee], movAl(0x0a), [0xee], // "Hi\n"
    movDx(0x3fd), [0x31, 0xc0], [0xec], [0x89, 0xc3], // xor eax, eax; in al, dx; mov ebx, eax
    [0xe4, 0x80], [0xe6, 0x80], // in al, 0x80; out 0x80, al
    HLT,
  ]);
  assert.equal(r.mode, 'kvm');
  assert.equal(r.serial, 'Hi\n');
  assert.deepEqual(r.exit, { reason: 'hlt', line: 14 });
  assert.equal(r.registers.r1, 0x60, 'line status reads 0x60 (ready)');
  assert.equal(r.registers.r0, 0xff, 'a port with no device reads 0xFF');
  assert.equal(r.registers.pc, 14 * 4, 'pc is the simulator address after the hlt');
  assert.equal(r.registers.sp, 0x10000);
  assert.equal(r.registers.cpl, 0);
  assert.equal(r.registers.cr0 & 1, 1);
  assert.deepEqual(r.stats.kvmExits, { KVM_EXIT_IO: 6, KVM_EXIT_HLT: 1 });
  assert.deepEqual(brief(r.exitLog), [
    '3 io out 0x3f8/1 72', '5 io out 0x3f8/1 105', '7 io out 0x3f8/1 10', '10 io in 0x3fd/1 96', '12 io in 0x80/1 255', '13 io out 0x80/1 255', '14 hlt',
  ]);
  assert.equal(r.host.apiVersion, 12);
  assert.ok((r.kvmStats.exits ?? 0) >= 7, `the stats fd counts at least the 7 exits: ${JSON.stringify(r.kvmStats)}`);
  assert.equal(r.memory.length, 0x10000);
});

test('MMIO console: byte register, doorbell with a buffer from RAM; open bus reads all ones and loses writes', (t) => {
  const skip = kvmSkipReason();
  if (skip) return t.skip(skip);
  const r = run([
    movEax(0x41), storeEax(0x10000), // 'A' through the data register
    movAl(0x42), [0xa2, ...le32(0x10000)], // a byte store there is lost, as in the simulator
    storeDword(0x10004, 0x2000), storeDword(0x10008, 3), storeDword(0x1000c, 1), // "ok!" by doorbell
    [0xa1, ...le32(0x20000)], // mov eax, [0x20000]: open bus
    [0x8b, 0x0d, ...le32(0x10000)], // mov ecx, [0x10000]: the console reads all ones too
    storeDword(0x30000, 5), // lost
    storeEax(0x11004), // r7 lives in a cell of the runtime page
    HLT,
  ], {}, (ram) => ram.set([0x6f, 0x6b, 0x21], 0x2000));
  assert.equal(r.serial, 'Aok!');
  assert.equal(r.registers.r0, 0xffffffff);
  assert.equal(r.registers.r2, 0xffffffff);
  assert.equal(r.registers.r7, 0xffffffff);
  assert.deepEqual(r.exit, { reason: 'hlt', line: 12 });
  assert.deepEqual(brief(r.exitLog), [
    '2 mmio w 0x10000/4 65', '4 mmio w 0x10000/1 66', '5 mmio w 0x10004/4 8192', '6 mmio w 0x10008/4 3', '7 mmio w 0x1000c/4 1',
    '8 mmio r 0x20000/4 4294967295', '9 mmio r 0x10000/4 4294967295', '10 mmio w 0x30000/4 5', '12 hlt',
  ]);
  assert.equal(r.stats.kvmExits.KVM_EXIT_MMIO, 8);
});

test('debug-exit port stops with code (v << 1) | 1 on the OUT line, after the runner lets the instruction finish', (t) => {
  const skip = kvmSkipReason();
  if (skip) return t.skip(skip);
  // The OUT's translation restores EBX before the next slot's budget stub (here: a HLT).
  const r = run([movAl(3), [0xe6, 0xf4, 0xbb, ...le32(42)], HLT], {}, undefined, [2]);
  assert.equal(r.registers.r1, 42, 'the registers are read once the instruction has finished');
  assert.deepEqual(r.exit, { reason: 'debug-exit', code: 7, line: 2 });
  assert.equal(r.registers.pc, 8);
  assert.deepEqual(r.stats.kvmExits, { KVM_EXIT_IO: 1 });
});

test('an exception without an IDT escalates to a triple fault: KVM_EXIT_SHUTDOWN; memory written before it is in the result', (t) => {
  const skip = kvmSkipReason();
  if (skip) return t.skip(skip);
  const r = run([movEax(0xdeadbeef), storeEax(0x3000), [0x0f, 0x0b], HLT]);
  assert.deepEqual(r.exit, { reason: 'shutdown', line: 3 });
  assert.equal(r.registers.pc, 8);
  assert.deepEqual([...r.memory.subarray(0x3000, 0x3004)], [0xef, 0xbe, 0xad, 0xde]);
  assert.deepEqual(r.stats.kvmExits, { KVM_EXIT_SHUTDOWN: 1 });
});

test('CPUID shows KVM\'s leaves: the hypervisor bit and "KVMKVMKVM"', (t) => {
  const skip = kvmSkipReason();
  if (skip) return t.skip(skip);
  const r = run([movEax(0x40000000), [0x0f, 0xa2], [0x89, 0xde], movEax(1), [0x0f, 0xa2], [0x89, 0xcf], HLT]);
  // esi keeps leaf 0x40000000's EBX ("KVMK" little-endian), edi leaf 1's ECX.
  assert.equal(Buffer.from(le32(r.registers.r4)).toString('latin1'), 'KVMK');
  assert.notEqual(r.registers.r5 & 0x80000000, 0, 'leaf 1 ECX bit 31 (hypervisor present)');
});

test('the step budget cell bounds the guest: its stub halts with step-limit on the stopped instruction', (t) => {
  const skip = kvmSkipReason();
  if (skip) return t.skip(skip);
  // Instruction 0 ("inc r1") = budget countdown + body; instruction 1 = jmp back; the stub's hlt belongs to instruction 0.
  const countdown = [0xff, 0x0d, ...le32(TINY_BUDGET_CELL), 0x74, 0x03]; // dec dword [cell]; jz stub
  const code = [...countdown, 0x43, 0xeb, -(countdown.length + 3) & 0xff, 0xf4];
  const stubOffset = code.length - 1;
  const image = tinyImage(new Uint8Array(code), [{ offset: 0, length: countdown.length + 1 }, { offset: countdown.length + 1, length: 2 }], [{ offset: stubOffset, instruction: 0 }]);
  const r = runOnKvm(image, sourceOf(2), { maxSteps: 5 });
  assert.deepEqual(r.exit, { reason: 'step-limit', line: 1 });
  assert.equal(r.registers.r1, 4, 'four increments ran; the fifth countdown reached zero');
  assert.equal(r.stats.instructions, 5);
  assert.equal(r.registers.pc, 0);
  assert.deepEqual(r.exitLog, [], 'the budget stub is the runner\'s, not an exit of the guest');
  assert.deepEqual(r.stats.kvmExits, {});
});

test('a guest that never stops ends at the exit limit', (t) => {
  const skip = kvmSkipReason();
  if (skip) return t.skip(skip);
  const r = run([[0xe6, 0x80], [0xeb, 0xfc]], { maxExits: 10 });
  assert.equal(r.exit.reason, 'exit-limit');
  assert.equal(r.exit.line, 1);
  assert.match(r.exit.message ?? '', /10 exits/);
  assert.deepEqual(r.stats.kvmExits, { KVM_EXIT_IO: 10 });
  assert.equal(r.exitLog.length, 10);
});

test('without the exit log, and with KVM_GET_REGS instead of synced registers, the run gives the same result', (t) => {
  const skip = kvmSkipReason();
  if (skip) return t.skip(skip);
  const program = [movDx(0x3f8), movAl(0x21), [0xee], movEax(7), storeEax(0x10000), [0xa1, ...le32(0x10000)], movAl(5), [0xe6, 0xf4], HLT];
  const logged = run(program, {}, undefined, [8]);
  const unsynced = run(program, { syncRegs: false }, undefined, [8]);
  assert.deepEqual({ ...unsynced, kvmStats: {} }, { ...logged, kvmStats: {} });
  assert.deepEqual(brief(logged.exitLog), ['3 io out 0x3f8/1 33', '5 mmio w 0x10000/4 7', '6 mmio r 0x10000/4 4294967295', '8 io out 0xf4/1 5']);
  const quiet = run(program, { exitLog: false }, undefined, [8]);
  assert.deepEqual(quiet.exitLog, []);
  assert.deepEqual({ ...quiet, exitLog: [], kvmStats: {} }, { ...logged, exitLog: [], kvmStats: {} });
});
