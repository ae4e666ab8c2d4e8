// The real-KVM messages of the simulator panel: validated both ways, with size bounds, like the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isHostToWebview, isWebviewToHost, parseBoot, UI_STRING_KEYS } from '../../../src/shared/protocol';
import { KVM_STRING_KEYS, MAX_KVM_EXIT_BATCH, MAX_KVM_STEPS, type KvmPanelExit, type KvmPanelResult } from '../../../src/shared/kvmProtocol';

const exit: KvmPanelExit = { index: 0, exit: 'KVM_EXIT_IO', line: 35, detail: "out 0x3f8 ← 0x54 'T'", simulated: { exit: 'KVM_EXIT_IO', line: 35 }, match: true };
const result: KvmPanelResult = {
  exit: { reason: 'hlt', line: 27 },
  serial: 'Hi\n',
  instructions: 289,
  kvmExits: { KVM_EXIT_IO: 45, KVM_EXIT_HLT: 1 },
  simulatedKvmExits: { KVM_EXIT_IO: 45, KVM_EXIT_HLT: 1 },
  exitCount: 46,
  byLine: [{ line: 27, real: 1, simulated: 1, match: true }, { line: 35, real: 45, simulated: 45, match: true }],
  kvmStats: { exits: 47, insn_emulation: 2763 },
  host: { vendor: 'AuthenticAMD', pvm: true, apiVersion: 12 },
  exitCosts: { ioToUserSpace: 8.1, cpuidInKernel: 0.6 },
  differences: [],
  tolerated: [],
  masked: [],
};
const text = { en: 'no /dev/kvm', 'zh-cn': '没有 /dev/kvm' };
const measured = { ioToUserSpaceMicroseconds: 8.1, inKernelExitMicroseconds: 0.9, cyclesPerMicrosecond: 2400, clockSource: 'cpu MHz of /proc/cpuinfo' };

test('well-formed real-KVM messages pass both ways', () => {
  assert.ok(isHostToWebview({ type: 'kvmAvailability', available: true }));
  assert.ok(isHostToWebview({ type: 'kvmAvailability', available: false, reason: text }));
  assert.ok(isHostToWebview({ type: 'kvmAvailability', available: true, measured }));
  assert.ok(isHostToWebview({ type: 'kvmExits', runId: 1, exits: [exit, { index: 1, exit: '', line: 0, detail: '', simulated: { exit: 'KVM_EXIT_HLT', line: 27 }, match: false }] }));
  assert.ok(isHostToWebview({ type: 'kvmResult', runId: 1, result }));
  assert.ok(isHostToWebview({ type: 'kvmResult', runId: 1, result: { ...result, exitCosts: undefined, exit: { reason: 'internal-error', line: 0, message: 'KVM said no' }, differences: [text] } }));
  assert.ok(isHostToWebview({ type: 'kvmFailed', runId: 2, reason: text }));
  assert.ok(isWebviewToHost({ type: 'kvmRun', runId: 1, program: { name: 'uart.vmasm', text: 'hlt\n' }, maxSteps: 1000 }));
  assert.ok(isWebviewToHost({ type: 'kvmCancel', runId: 1 }));
});

test('malformed or oversized real-KVM messages are rejected', () => {
  const fromHost: unknown[] = [
    { type: 'kvmAvailability' },
    { type: 'kvmAvailability', available: false },
    { type: 'kvmAvailability', available: false, reason: 'no' },
    { type: 'kvmAvailability', available: false, reason: { en: 'x'.repeat(2001), 'zh-cn': '' } },
    { type: 'kvmAvailability', available: false, reason: text, measured },
    { type: 'kvmAvailability', available: true, measured: { ...measured, cyclesPerMicrosecond: 0 } },
    { type: 'kvmAvailability', available: true, measured: { ...measured, ioToUserSpaceMicroseconds: Infinity } },
    { type: 'kvmAvailability', available: true, measured: { ...measured, clockSource: 'x'.repeat(201) } },
    { type: 'kvmExits', runId: -1, exits: [] },
    { type: 'kvmExits', runId: 1, exits: Array.from({ length: MAX_KVM_EXIT_BATCH + 1 }, () => exit) },
    { type: 'kvmExits', runId: 1, exits: [{ ...exit, exit: '<img src=x>' }] },
    { type: 'kvmExits', runId: 1, exits: [{ ...exit, line: -2 }] },
    { type: 'kvmExits', runId: 1, exits: [{ ...exit, detail: 'x'.repeat(201) }] },
    { type: 'kvmExits', runId: 1, exits: [{ ...exit, match: 'yes' }] },
    { type: 'kvmExits', runId: 1, exits: [{ ...exit, simulated: { exit: 'KVM_EXIT_IO' } }] },
    { type: 'kvmResult', runId: 1 },
    { type: 'kvmResult', runId: 1, result: { ...result, serial: 'x'.repeat(100_001) } },
    { type: 'kvmResult', runId: 1, result: { ...result, byLine: undefined } },
    { type: 'kvmResult', runId: 1, result: { ...result, byLine: [{ line: 3, real: -1, simulated: 0, match: true }] } },
    { type: 'kvmResult', runId: 1, result: { ...result, byLine: Array.from({ length: 16_385 }, (_, line) => ({ line, real: 1, simulated: 1, match: true })) } },
    { type: 'kvmResult', runId: 1, result: { ...result, exit: { reason: 'HLT!', line: 1 } } },
    { type: 'kvmResult', runId: 1, result: { ...result, kvmStats: { exits: 'many' } } },
    { type: 'kvmResult', runId: 1, result: { ...result, kvmStats: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`s${i}`, 1])) } },
    { type: 'kvmResult', runId: 1, result: { ...result, host: { vendor: { nested: 1 } } } },
    { type: 'kvmResult', runId: 1, result: { ...result, exitCosts: { ioToUserSpace: -1, cpuidInKernel: 1 } } },
    { type: 'kvmResult', runId: 1, result: { ...result, differences: ['plain string'] } },
    { type: 'kvmFailed', runId: 1 },
  ];
  for (const m of fromHost) assert.equal(isHostToWebview(m), false, JSON.stringify(m).slice(0, 120));
  const fromPage: unknown[] = [
    { type: 'kvmRun', runId: 1, program: { name: 'a', text: 'hlt' }, maxSteps: 0 },
    { type: 'kvmRun', runId: 1, program: { name: 'a', text: 'hlt' }, maxSteps: MAX_KVM_STEPS + 1 },
    { type: 'kvmRun', runId: 1, program: { name: 'a', text: 'x'.repeat(1_000_001) }, maxSteps: 10 },
    { type: 'kvmRun', runId: 1, program: 'hlt', maxSteps: 10 },
    { type: 'kvmRun', runId: 1.5, program: { name: 'a', text: 'hlt' }, maxSteps: 10 },
    { type: 'kvmCancel' },
    { type: 'kvmAvailability', available: true },
  ];
  for (const m of fromPage) assert.equal(isWebviewToHost(m), false, JSON.stringify(m).slice(0, 120));
});

test('the KVM strings are part of the page strings', () => {
  for (const key of KVM_STRING_KEYS) assert.ok((UI_STRING_KEYS as readonly string[]).includes(key));
  assert.equal(parseBoot(JSON.stringify({ strings: { modeKvm: 'Real KVM' } })).strings.modeKvm, 'Real KVM');
});
