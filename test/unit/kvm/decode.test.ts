/**
 * Pure parts of the runner, runnable anywhere: the one VcpuExit decoder on hand-made kvm_run
 * bytes, and the user-space devices against the simulator's own (same program, same output).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeExit, exitName, littleEndian } from '../../../src/host/kvm/exit';
import { UserSpaceDevices } from '../../../src/host/kvm/devices';
import { RUN, RUN_HEADER_BYTES } from '../../../src/host/kvm/layout';
import { assemble, runProgram } from '../../../src/core/sim';
import { kvmResultJson, type KvmRunResult } from '../../../src/host/kvm';

function page(reason: number, fill: (v: DataView, b: Uint8Array) => void): { header: Uint8Array; data: Uint8Array } {
  const b = new Uint8Array(8192);
  const v = new DataView(b.buffer);
  v.setUint32(RUN.exit_reason, reason, true);
  fill(v, b);
  return { header: b.slice(0, RUN_HEADER_BYTES), data: b };
}

const decode = (p: { header: Uint8Array; data: Uint8Array }) => decodeExit(p.header, (offset, length) => p.data.slice(offset, offset + length));

test('KVM_EXIT_IO: port, direction, size, count and the OUT data at data_offset', () => {
  const out = decode(page(2, (v, b) => {
    b[RUN.io_direction] = 1; b[RUN.io_size] = 1; v.setUint16(RUN.io_port, 0x3f8, true); v.setUint32(RUN.io_count, 1, true);
    v.setBigUint64(RUN.io_data_offset, 4096n, true); b[4096] = 0x48;
  }));
  assert.equal(exitName(out), 'KVM_EXIT_IO');
  assert.deepEqual(out, { kind: 'io', port: 0x3f8, direction: 'out', size: 1, count: 1, dataOffset: 4096, data: new Uint8Array([0x48]) });
  const input = decode(page(2, (v, b) => {
    b[RUN.io_direction] = 0; b[RUN.io_size] = 4; v.setUint16(RUN.io_port, 0x3fd, true); v.setUint32(RUN.io_count, 1, true);
    v.setBigUint64(RUN.io_data_offset, 4096n, true);
  }));
  assert.equal(input.kind === 'io' && input.direction, 'in');
  assert.equal(input.kind === 'io' && input.data.length, 4);
});

test('KVM_EXIT_MMIO: address, direction, length and data', () => {
  const e = decode(page(6, (v, b) => {
    v.setBigUint64(RUN.mmio_phys_addr, 0x1000cn, true); b.set([1, 0, 0, 0], RUN.mmio_data); v.setUint32(RUN.mmio_len, 4, true); b[RUN.mmio_is_write] = 1;
  }));
  assert.deepEqual(e, { kind: 'mmio', address: 0x1000c, isWrite: true, length: 4, data: new Uint8Array([1, 0, 0, 0]) });
});

test('HLT, SHUTDOWN, FAIL_ENTRY, INTERNAL_ERROR and an exit the runner does not know', () => {
  assert.deepEqual(decode(page(5, () => undefined)), { kind: 'hlt' });
  assert.deepEqual(decode(page(8, () => undefined)), { kind: 'shutdown' });
  assert.deepEqual(decode(page(9, (v) => { v.setBigUint64(RUN.fail_entry_hardware_entry_failure_reason, 0x21n, true); v.setUint32(RUN.fail_entry_cpu, 0, true); })), { kind: 'fail-entry', hardwareEntryFailureReason: 0x21, cpu: 0 });
  assert.deepEqual(decode(page(17, (v) => { v.setUint32(RUN.internal_suberror, 1, true); v.setUint32(RUN.internal_ndata, 1, true); v.setBigUint64(RUN.internal_data, 0x77n, true); })), { kind: 'internal-error', suberror: 1, data: [0x77] });
  const odd = decode(page(29, () => undefined));
  assert.deepEqual(odd, { kind: 'unknown', reason: 29, name: 'KVM_EXIT_X86_RDMSR' });
  assert.equal(exitName(odd), 'KVM_EXIT_X86_RDMSR');
});

test('littleEndian reads 1, 2 and 4 bytes', () => {
  assert.equal(littleEndian(new Uint8Array([0xef, 0xbe, 0xad, 0xde])), 0xdeadbeef);
  assert.equal(littleEndian(new Uint8Array([0, 0x34, 0x12]), 1, 2), 0x1234);
  assert.equal(littleEndian(new Uint8Array([0xff]), 0, 1), 0xff);
});

test('ports answer as the simulator\'s: line status 0x60, other UART registers 0, no device 0xFF, debug-exit code', () => {
  const d = new UserSpaceDevices(() => new Uint8Array(0));
  assert.equal(d.portIn(0x3fd), 0x60);
  assert.equal(d.portIn(0x3f9), 0);
  assert.equal(d.portIn(0x80), 0xff);
  assert.equal(d.portIn(0x40), 0xff, 'the timer is outside the real-KVM subset');
  assert.equal(d.portOut(0xf4, 3), 7);
  assert.equal(d.portOut(0x80, 3), undefined);
  assert.equal(d.portOut(0x3f8, 0x141), undefined);
  assert.equal(d.serial, 'A');
});

test('the MMIO console prints what the simulator prints for the same stores', () => {
  const source = `
    mov r1, 0x10000
    mov r0, 'H'
    mov [r1], r0          ; data register
    mov r0, msg
    mov [r1+4], r0        ; buffer address
    mov r0, 3
    mov [r1+8], r0        ; length
    mov [r1+12], r0       ; doorbell
    mov r0, 'x'
    mov [0x10010], r0     ; no register there
    mov [0x20000], r0     ; open bus
    hlt
msg: .ascii "ey!"
`;
  const { program } = assemble(source);
  assert.ok(program);
  const simulated = runProgram(program, { mode: 'vtx' }).serial;
  const ram = new Uint8Array(0x10000);
  const msg = program.symbols.get('msg') ?? 0;
  ram.set([...'ey!'].map((c) => c.charCodeAt(0)), msg);
  const d = new UserSpaceDevices((address, length) => ram.slice(address, address + length));
  for (const [address, value] of [[0x10000, 0x48], [0x10004, msg], [0x10008, 3], [0x1000c, 3], [0x10010, 0x78], [0x20000, 0x78]]) d.mmioWrite(address, 4, value);
  assert.equal(simulated, 'Hey!');
  assert.equal(d.serial, simulated);
  assert.deepEqual([...d.mmioRead(4)], [0xff, 0xff, 0xff, 0xff]);
});

test('the JSON form leaves guest RAM out unless asked, then as base64', () => {
  const result = { mode: 'kvm', serial: 'x', memory: new Uint8Array([1, 2, 3]) } as unknown as KvmRunResult;
  assert.deepEqual(kvmResultJson(result), { mode: 'kvm', serial: 'x' });
  assert.equal(kvmResultJson(result, { memory: true }).memory, 'AQID');
});

test('native memory is only copied, never viewed through an external ArrayBuffer (Electron forbids them)', () => {
  const dir = join(__dirname, '../../../src/host/kvm');
  const viewing = readdirSync(dir).filter((f) => f.endsWith('.ts') && /koffi\.view\(|\bview\(\s*[\w.]+\s*,/.test(readFileSync(join(dir, f), 'utf8')));
  assert.deepEqual(viewing, []);
});
