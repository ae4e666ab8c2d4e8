import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './helpers';
import { MODES } from '../../../src/core/sim/index';

const HELLO = `_start:\n    mov r0, 'H'\n    out 0x3F8, r0\n    mov r0, 10\n    out 0x3F8, r0\n    hlt\n`;
// SIDT at CPL 0 shows the VMM's IDT under trap-and-emulate (line 3).
const SIDT = `_start:\n    lidt [desc]\n    sidt [seen]\n    mov r0, [seen+2]\n    hlt\ndesc: .byte 0xFF, 0x03\n .word 0x8000\nseen: .space 8\n`;
const files = { 'hello.vmasm': HELLO, 'sidt.vmasm': SIDT };

test('compare --json: every mode, each with equivalentToNative and its differences', async () => {
  const { code, stdout, stderr } = await runCli(['compare', 'hello.vmasm', '--json'], files);
  assert.equal(code, 0, stderr);
  const result = JSON.parse(stdout);
  assert.equal(result.era, 'current');
  assert.deepEqual(result.modes.map((m: { mode: string }) => m.mode).sort(), [...MODES].sort());
  for (const m of result.modes) {
    assert.deepEqual(Object.keys(m), ['mode', 'equivalentToNative', 'differences', 'result']);
    assert.equal(m.result.mode, m.mode);
    assert.deepEqual(Object.keys(m.result), ['mode', 'exit', 'serial', 'registers', 'stats', 'divergences']);
    assert.equal(m.equivalentToNative, true, `${m.mode}: ${m.differences.join('; ')}`);
    assert.deepEqual(m.differences, []);
    assert.equal(m.result.serial, 'H\n');
  }
});

test('compare: a sensitive-unprivileged instruction makes trap differ, with the line', async () => {
  const json = JSON.parse((await runCli(['compare', 'sidt.vmasm', '--json'], files)).stdout);
  const byMode = new Map(json.modes.map((m: { mode: string }) => [m.mode, m]));
  const trap = byMode.get('trap') as { equivalentToNative: boolean; differences: string[]; result: { divergences: { line: number }[] } };
  assert.equal(trap.equivalentToNative, false);
  assert.ok(trap.differences.length > 0);
  assert.deepEqual(trap.result.divergences.map((d) => d.line), [3]);
  for (const mode of ['emulate', 'bt', 'vtx']) {
    assert.equal((byMode.get(mode) as { equivalentToNative: boolean }).equivalentToNative, true, mode);
  }

  const { code, stdout } = await runCli(['compare', 'sidt.vmasm'], files);
  assert.equal(code, 0);
  const tableRows = stdout.split('\n').filter((line) => MODES.some((m) => line.startsWith(m + ' ')));
  assert.equal(tableRows.length, 2 * MODES.length, 'one row per mode in the main table and in the memory table');
  assert.match(stdout, /same as native/);
  assert.match(stdout, /^memory +TLB hits +TLB misses +walk refs +guest #PF +hidden #PF +shadow updates +EPT violations$/m);
  assert.match(stdout, /^trap +.* no \(\d+\)$/m);
  assert.match(stdout, /^vtx +.* yes$/m);
  assert.match(stdout, /divergence at sidt\.vmasm:3: sidt: /);
});

test('compare --era early-vtx: the era is reported and exits cost more', async () => {
  const early = JSON.parse((await runCli(['compare', 'hello.vmasm', '--era', '2006', '--json'], files)).stdout);
  const current = JSON.parse((await runCli(['compare', 'hello.vmasm', '--json'], files)).stdout);
  assert.equal(early.era, 'early-vtx');
  const vtxCycles = (r: { modes: { mode: string; result: { stats: { cycles: number } } }[] }) =>
    r.modes.find((m) => m.mode === 'vtx')!.result.stats.cycles;
  assert.ok(vtxCycles(early) > vtxCycles(current));
});

test('compare --max-steps: a runaway guest stops in every mode, with a warning', async () => {
  const { code, stdout, stderr } = await runCli(['compare', 'loop.vmasm', '--max-steps', '500', '--json'], { 'loop.vmasm': 'top:\n  inc r0\n  jmp top\n' });
  assert.equal(code, 0);
  for (const m of JSON.parse(stdout).modes) {
    assert.equal(m.result.exit.reason, 'step-limit', m.mode);
    assert.equal(m.result.stats.instructions, 500, m.mode);
  }
  assert.match(stderr, /warning: stopped by the step limit in native, emulate, trap, bt, paravirt, vtx/);
});

test('compare: usage and input errors', async () => {
  assert.equal((await runCli(['compare'], files)).code, 2);
  assert.equal((await runCli(['compare', 'hello.vmasm', '--mode', 'vtx'], files)).code, 2);
  const bad = await runCli(['compare', 'x.vmasm'], { 'x.vmasm': 'jmp nowhere\n' });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^x\.vmasm:1:\d+: error: /m);
});

test('compare: a program that makes hypercalls gets a note that equivalence does not cover them', async () => {
  const pv = '_start:\n    mov r0, 5\n    vmcall\n    hlt\n';
  const { code, stdout } = await runCli(['compare', 'pv.vmasm', '--lang', 'en'], { 'pv.vmasm': pv });
  assert.equal(code, 0);
  assert.match(stdout, /^This program made hypercalls \(VMCALL\) under paravirt, vtx/m);
  const quiet = await runCli(['compare', 'plain.vmasm', '--lang', 'en'], { 'plain.vmasm': '_start:\n    hlt\n' });
  assert.doesNotMatch(quiet.stdout, /made hypercalls/);
});

test('compare: the text shows each mode\'s cycles by cause, the dominant cost and the explanations, in the chosen language', async () => {
  const { code, stdout } = await runCli(['compare', 'hello.vmasm', '--era', 'early-vtx', '--lang', 'en'], files);
  assert.equal(code, 0);
  assert.match(stdout, /^cycles by cause:$/m);
  assert.match(stdout, /^ {2}vtx +.*VM exits \d+ \(\d+%\)/m);
  assert.match(stdout, /^Under trap, exits to user space \(world switches\) cost the most: [\d,]+ of [\d,]+ cycles/m);
  assert.match(stdout, /^No hypercall under paravirt: this program is unmodified code/m);
  const zh = await runCli(['compare', 'hello.vmasm', '--lang', 'zh-cn'], files);
  assert.match(zh.stdout, /^周期按原因分解：$/m);
  assert.match(zh.stdout, /^vtx 下开销最大的是/m);
  const bad = await runCli(['compare', 'hello.vmasm', '--lang', 'fr'], files);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /--lang must be one of/);
});
