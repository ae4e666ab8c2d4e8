import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoStackTrace, runCli } from './helpers';
import { MODES } from '../../../src/core/sim/index';

const HELLO = [
  '_start:',
  '    mov r1, msg',
  'loop:',
  '    mov r0, [r1]',
  '    and r0, 0xFF',
  '    jz done',
  '    out 0x3F8, r0',
  '    inc r1',
  '    jmp loop',
  'done:',
  '    hlt',
  'msg: .asciz "Hi\\n"',
  '',
].join('\n');

const EXIT_3 = `_start:\n    mov r0, 3\n    out 0xF4, r0\n`;
const FOREVER = `_start:\n    inc r0\n    jmp _start\n`;
// The guest kernel's POPF loses its IF change under trap-and-emulate (line 5).
const POPF = `_start:\n    sti\n    pushf\n    cli\n    popf\n    hlt\n`;

const files = { 'hello.vmasm': HELLO, 'exit3.vmasm': EXIT_3, 'forever.vmasm': FOREVER, 'popf.vmasm': POPF, 'bad.vmasm': '    mov r9, 1\n' };

test('run --json: exactly the spec\'s shape, keys in order', async () => {
  const { code, stdout, stderr } = await runCli(['run', 'hello.vmasm', '--mode', 'vtx', '--json'], files);
  assert.equal(code, 0, stderr);
  const result = JSON.parse(stdout);
  assert.deepEqual(Object.keys(result), ['mode', 'exit', 'serial', 'registers', 'stats', 'divergences']);
  assert.equal(result.mode, 'vtx');
  assert.deepEqual(result.exit, { reason: 'hlt', line: 11 });
  assert.equal(result.serial, 'Hi\n');
  assert.deepEqual(Object.keys(result.registers), ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'sp', 'pc', 'flags', 'cpl', 'cr0', 'cr2', 'cr3']);
  // Spec v2: control registers too; CR0 reads PE|ET as on every x86 since the 486.
  assert.equal(result.registers.cr0, 0x11);
  for (const value of Object.values(result.registers)) assert.equal(typeof value, 'number');
  assert.equal(result.registers.cpl, 0);
  assert.equal(result.registers.sp, 65536);
  assert.deepEqual(Object.keys(result.stats), [
    'instructions', 'direct', 'emulated', 'traps', 'vmexits', 'kvmExits', 'hypercalls',
    'translatedBlocks', 'translationCacheHits', 'callouts', 'cycles', 'memory',
  ]);
  assert.deepEqual(Object.keys(result.stats.memory), ['tlbHits', 'tlbMisses', 'pageWalkReferences', 'guestPageFaults', 'hiddenPageFaults', 'shadowUpdates', 'eptViolations']);
  assert.equal(result.stats.vmexits.IO_INSTRUCTION, 3);
  assert.equal(result.stats.vmexits.HLT, 1);
  assert.equal(result.stats.kvmExits.KVM_EXIT_IO, 3);
  assert.equal(result.stats.kvmExits.KVM_EXIT_HLT, 1);
  assert.ok(result.stats.cycles > 0);
  assert.deepEqual(result.divergences, []);
});

test('run --json: counters that do not apply are 0 or {}, never missing; debug-exit has its code', async () => {
  const { code, stdout } = await runCli(['run', 'exit3.vmasm', '--mode=native', '--json'], files);
  assert.equal(code, 0);
  const result = JSON.parse(stdout);
  assert.deepEqual(result.exit, { reason: 'debug-exit', code: 7, line: 3 });
  assert.deepEqual(result.stats.vmexits, {});
  assert.deepEqual(result.stats.kvmExits, {});
  assert.equal(result.stats.traps, 0);
  assert.equal(result.stats.hypercalls, 0);
  assert.equal(result.stats.translatedBlocks, 0);
});

test('run: the text report shows serial output, exit, stats and divergences with lines', async () => {
  const hello = await runCli(['run', 'hello.vmasm'], files);
  assert.equal(hello.code, 0, hello.stderr);
  assert.match(hello.stdout, /mode vtx, era current/);
  assert.match(hello.stdout, /--- serial ---\nHi\n--- end of serial ---/);
  assert.match(hello.stdout, /^exit: hlt at line 11$/m);
  assert.match(hello.stdout, /^VM exits: .*IO_INSTRUCTION 3/m);
  assert.match(hello.stdout, /^KVM exits: .*KVM_EXIT_IO 3/m);
  // Spec v2: the memory counters in text too (EPT maps the pages hello touches on first touch).
  assert.match(hello.stdout, /^memory: TLB hits \d+, misses \d+, walk references \d+ +guest page faults 0, hidden 0 +shadow updates 0 +EPT violations [1-9]\d*$/m);
  assert.match(hello.stdout, /^divergences: none$/m);

  const popf = await runCli(['run', 'popf.vmasm', '--mode', 'trap'], files);
  assert.equal(popf.code, 0, popf.stderr);
  assert.match(popf.stdout, /^ {2}popf\.vmasm:5: popf: /m);
});

test('run: every mode name is accepted; a wrong one is a usage error naming the right ones', async () => {
  for (const mode of MODES) {
    const { code, stdout } = await runCli(['run', 'hello.vmasm', '--mode', mode, '--json'], files);
    assert.equal(code, 0, mode);
    assert.equal(JSON.parse(stdout).mode, mode);
  }
  const { code, stdout, stderr } = await runCli(['run', 'hello.vmasm', '--mode', 'vtz'], files);
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.match(stderr, /unknown mode 'vtz'/);
  assert.match(stderr, /did you mean 'vtx'/);
  assert.match(stderr, /native, emulate, trap, bt, paravirt, vtx/);
  assert.equal(stderr.trimEnd().split('\n').length, 1);
  // A product name points to the mode that models it.
  const vmx = await runCli(['run', 'hello.vmasm', '--mode', 'vmx'], files);
  assert.equal(vmx.code, 2);
  assert.match(vmx.stderr, /did you mean 'vtx'/);
  assert.match((await runCli(['run', 'hello.vmasm', '--mode', 'xen'], files)).stderr, /did you mean 'paravirt'/);
  // Mode names are case-insensitive, like the assembler's mnemonics.
  assert.equal(JSON.parse((await runCli(['run', 'hello.vmasm', '--mode', 'BT', '--json'], files)).stdout).mode, 'bt');
});

test('run: a program without instructions is wrong input, not a triple fault at address 0', async () => {
  const { code, stdout, stderr } = await runCli(['run', 'empty.vmasm'], { 'empty.vmasm': '; nothing\n' });
  assert.equal(code, 1);
  assert.equal(stdout, '');
  assert.equal(stderr, 'kvm-lab run: empty.vmasm: no instructions, nothing to run\n');
});

test('run --era: early-vtx and its aliases give the same costs; current is cheaper for exits; others are usage errors', async () => {
  const cycles = async (era: string) => {
    const { code, stdout, stderr } = await runCli(['run', 'hello.vmasm', '--era', era, '--json'], files);
    assert.equal(code, 0, stderr);
    return JSON.parse(stdout).stats.cycles as number;
  };
  const early = await cycles('early-vtx');
  assert.equal(await cycles('early'), early);
  assert.equal(await cycles('2006'), early);
  assert.ok((await cycles('current')) < early, 'a VM exit costs more on first-generation VT-x');
  const bad = await runCli(['run', 'hello.vmasm', '--era', '1999'], files);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown era '1999'.*early-vtx, current/);
});

test('run --max-steps bounds a runaway guest: step-limit, exit 0, a warning on stderr', async () => {
  const { code, stdout, stderr } = await runCli(['run', 'forever.vmasm', '--max-steps', '1000', '--json'], files);
  assert.equal(code, 0);
  const result = JSON.parse(stdout);
  assert.equal(result.exit.reason, 'step-limit');
  assert.equal(result.stats.instructions, 1000);
  assert.ok([2, 3].includes(result.exit.line));
  assert.match(stderr, /step limit/);
  for (const bad of ['0', '-5', 'ten', '1.5']) {
    const r = await runCli(['run', 'forever.vmasm', `--max-steps=${bad}`], files);
    assert.equal(r.code, 2, bad);
    assert.match(r.stderr, /--max-steps needs a positive whole number/);
  }
  const huge = await runCli(['run', 'forever.vmasm', '--max-steps', '1_000_000_000_000'], files);
  assert.equal(huge.code, 2);
  assert.match(huge.stderr, /--max-steps is at most 1000000000/);
  const underscores = await runCli(['run', 'forever.vmasm', '--max-steps', '2_000', '--json'], files);
  assert.equal(JSON.parse(underscores.stdout).stats.instructions, 2000);
  const missing = await runCli(['run', 'forever.vmasm', '--max-steps'], files);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--max-steps needs a value/);
});

test('run: a program with errors prints its diagnostics and runs nothing (exit 1)', async () => {
  const { code, stdout, stderr } = await runCli(['run', 'bad.vmasm', '--json'], files);
  assert.equal(code, 1);
  assert.equal(stdout, '');
  assert.match(stderr, /^bad\.vmasm:1:\d+: error: /m);
  assert.match(stderr, /^kvm-lab run: bad\.vmasm: 1 error, nothing was run$/m);
  assertNoStackTrace(stderr);
});

test('run: usage errors (no file, two files, unknown flag) exit 2; a missing file exits 1', async () => {
  assert.equal((await runCli(['run'], files)).code, 2);
  assert.equal((await runCli(['run', 'hello.vmasm', 'exit3.vmasm'], files)).code, 2);
  const flag = await runCli(['run', 'hello.vmasm', '--fast'], files);
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /unknown option --fast/);
  const missing = await runCli(['run', 'nope.vmasm'], files);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^kvm-lab run: nope\.vmasm: no such file\n$/);
});

test('kvm-lab --help lists check, run and compare', async () => {
  const { code, stdout } = await runCli(['--help']);
  assert.equal(code, 0);
  for (const name of ['check PROG.vmasm', 'run PROG.vmasm', 'compare PROG.vmasm']) assert.ok(stdout.includes(`kvm-lab ${name}`), name);
});

test('run: a triple fault says why and where, not only "shutdown"', async () => {
  const { code, stdout } = await runCli(['run', 'fall.vmasm', '--mode', 'native'], { 'fall.vmasm': '_start:\n    nop\n' });
  assert.equal(code, 0);
  assert.match(stdout, /exit: shutdown/);
  assert.match(stdout, /why: #UD at 0x4: execution ran past the last instruction \(line 2\)/);
});
