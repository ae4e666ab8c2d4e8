import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareModes, instructionInfo, INSTRUCTION_INFOS, MNEMONICS, MODES, runProgram, Simulation, DEFAULT_MAX_STEPS, type SimEvent } from '../../../src/core/sim';
import { program, run } from './helpers';

const LOOP = 'mov r0, 0\nloop: inc r0\njmp loop';

test('the JSON result has exactly the spec shape, counters never missing', () => {
  const r = run('mov r0, 2\nout 0x3F8, r0\nout 0xF4, r0', 'vtx');
  // `why` (for people) is the only key beyond the spec's; the CLI's --json leaves it out.
  assert.deepEqual(Object.keys(r), ['mode', 'exit', 'serial', 'registers', 'stats', 'divergences', 'why']);
  assert.deepEqual(Object.keys(r.exit), ['reason', 'code', 'line']);
  assert.deepEqual(Object.keys(r.registers), ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'sp', 'pc', 'flags', 'cpl', 'cr0', 'cr2', 'cr3']);
  assert.deepEqual(Object.keys(r.stats), ['instructions', 'direct', 'emulated', 'traps', 'vmexits', 'kvmExits', 'hypercalls', 'translatedBlocks', 'translationCacheHits', 'callouts', 'cycles', 'memory']);
  assert.deepEqual(Object.keys(r.stats.memory), ['tlbHits', 'tlbMisses', 'pageWalkReferences', 'guestPageFaults', 'hiddenPageFaults', 'shadowUpdates', 'eptViolations']);
  assert.deepEqual(r.exit, { reason: 'debug-exit', code: 5, line: 3 });
  assert.deepEqual(r.stats.vmexits, { IO_INSTRUCTION: 2 });
  assert.deepEqual(r.stats.kvmExits, { KVM_EXIT_IO: 2 });
  const n = run('hlt');
  assert.deepEqual(Object.keys(n.exit), ['reason', 'line'], 'no code unless debug-exit');
  assert.deepEqual([n.stats.vmexits, n.stats.kvmExits, n.stats.traps, n.stats.callouts], [{}, {}, 0, 0]);
  assert.deepEqual(Object.values(n.stats.memory), [0, 0, 0, 0, 0, 0, 0], 'memory counters present and 0 without paging natively');
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
});

test('a runaway guest stops at maxSteps with step-limit at the line of its last instruction', () => {
  const r = run(LOOP, 'native', { maxSteps: 1001 });
  assert.deepEqual(r.exit, { reason: 'step-limit', line: 3 });
  assert.equal(r.stats.instructions, 1001);
  assert.equal(r.registers.r0, 500);
  assert.equal(DEFAULT_MAX_STEPS, 10_000_000);
  for (const mode of MODES) assert.equal(run(LOOP, mode, { maxSteps: 5000 }).exit.reason, 'step-limit', mode);
});

test('step() returns every event of one instruction, direct ones included', () => {
  const sim = new Simulation(program('mov r0, 1\ncli\nhlt'), { mode: 'trap' });
  const first = sim.step();
  assert.deepEqual(first.map((e) => e.kind), ['direct']);
  assert.equal(first[0].line, 1);
  assert.equal(first[0].layer, 'guest-kernel');
  const second = sim.step();
  assert.deepEqual(second.map((e) => [e.kind, e.layer]), [['trap', 'vmm'], ['emulated', 'vmm']]);
  assert.ok(second.every((e) => e.line === 2 && e.mnemonic === 'cli' && e.pc === 4 && e.cycles > 0));
  const third = sim.step();
  assert.equal(third[third.length - 1].kind, 'halt');
  const { why, ...exit } = third[third.length - 1].exit ?? { reason: 'none', line: 0 };
  assert.deepEqual(exit, { reason: 'hlt', line: 3 });
  assert.match(why?.en ?? '', /halted at 0x8 \(line 3: hlt\)/, 'the exit event says why');
  assert.ok(sim.isFinished);
  assert.deepEqual(sim.step(), []);
});

test('run() resumes in slices, reports what it executed, and feeds listeners until unsubscribed', () => {
  const sim = new Simulation(program('mov r0, 200\nl: out 0x3F8, r0\ndec r0\njnz l\nhlt'), { mode: 'vtx' });
  const seen: SimEvent[] = [];
  const off = sim.onEvent((e) => seen.push(e));
  const a = sim.run(100);
  assert.deepEqual(a, { executed: 100, finished: false });
  assert.ok(seen.length > 0 && seen.every((e) => e.kind !== 'direct'));
  off();
  const count = seen.length;
  let total = 100;
  while (!sim.isFinished) total += sim.run(77).executed;
  assert.equal(seen.length, count);
  assert.equal(total, 1 + 200 * 3 + 1);
  assert.equal(sim.result().stats.instructions, total);
});

test('state(): guest beside real control state, the next line, serial and the timer', () => {
  const sim = new Simulation(program('mov r0, 50\nout 0x40, r0\ncli\nnop\nhlt'), { mode: 'trap' });
  sim.step();
  sim.step();
  const s = sim.state();
  assert.equal(s.timerPeriod, 50);
  assert.equal(s.line, 3);
  assert.equal(s.finished, false);
  assert.equal(s.guest.cs, 0x08);
  assert.equal(s.real.cs, 0x09);
  assert.equal(s.real.if, true);
  assert.equal(s.guest.if, false);
  const partial = sim.result();
  assert.equal(partial.exit.reason, 'step-limit', 'an unfinished run reports step-limit so far');
});

test('determinism: the same program and options give the same events and result', () => {
  const src = 'mov r5, 30\nl: pushf\npop r1\nout 0x3F8, r5\nmov r0, 0\ncpuid\ndec r5\njnz l\nhlt';
  const trace = () => {
    const sim = new Simulation(program(src), { mode: 'vtx', era: 'early-vtx' });
    const events: SimEvent[] = [];
    while (!sim.isFinished) events.push(...sim.step());
    return JSON.stringify([events, sim.result()]);
  };
  assert.equal(trace(), trace());
});

test('readMemory reads guest memory; out-of-range bytes read as 0', () => {
  const sim = new Simulation(program('hlt\n.org 0xFFFE\n.byte 7, 8'), { mode: 'native' });
  assert.deepEqual([...sim.readMemory(0xfffd, 4)], [0, 7, 8, 0]);
  assert.deepEqual([...sim.readMemory(-2, 3)], [0, 0, 0]);
});

test('a program not made by assemble() is refused; bad options fall back to defaults', () => {
  assert.throws(() => new Simulation({ instructions: [], entry: 0, symbols: new Map(), lineOf: () => 0, addressesOfLine: () => [] }, { mode: 'native' }));
  const sim = new Simulation(program('hlt'), { mode: 'nonsense' as never, era: 'x' as never, maxSteps: -3, costs: { trap: -5, vmExit: Number.NaN } });
  assert.equal(sim.mode, 'native');
  assert.equal(sim.era, 'current');
  assert.ok(sim.costs.trap > 0 && sim.costs.vmExit > 0);
});

test('compareModes: equivalence and human-readable differences', () => {
  const c = compareModes(program('mov r0, cs\nout 0x3F8, r0\nhlt'));
  const by = Object.fromEntries(c.modes.map((m) => [m.mode, m]));
  assert.deepEqual(c.modes.map((m) => m.mode), [...MODES]);
  for (const m of ['native', 'emulate', 'bt', 'vtx']) assert.equal(by[m].equivalentToNative, true, m);
  assert.equal(by.trap.equivalentToNative, false);
  assert.ok(by.trap.differences.includes('r0: 9 vs 8 on native'), by.trap.differences.join('; '));
  assert.ok(
    by.trap.differences.includes('serial: 1 vs 1 characters on native, first difference at character 1: "\\t" vs "\\b"'),
    by.trap.differences.join('; '),
  );
  assert.ok(by.trap.differences.some((d) => /divergences: mov at line 1/.test(d)));
  const t = compareModes(program('rdtsc\nhlt'));
  assert.ok(t.modes.every((m) => m.equivalentToNative), 'rdtsc values differ by design');
});

test('compareModes says when hypercalls put a run outside equivalence with native', () => {
  const quiet = compareModes(program('mov r0, 1\nhlt'));
  assert.deepEqual(quiet.notes, []);
  const c = compareModes(program('mov r0, 99\nvmcall\nhlt'));
  assert.equal(c.notes.length, 1);
  assert.match(c.notes[0].en, /hypercalls \(VMCALL\) under paravirt, vtx\. On bare metal VMCALL raises #UD/);
  assert.match(c.notes[0]['zh-cn'], /paravirt, vtx 下发起了超级调用/);
  const by = Object.fromEntries(c.modes.map((m) => [m.mode, m]));
  for (const m of ['paravirt', 'vtx']) assert.ok(by[m].differences.some((d) => /^hypercalls: 1 \(VMCALL is #UD on native/.test(d)), m);
  for (const m of ['emulate', 'bt', 'trap']) {
    assert.equal(by[m].result.exit.reason, 'shutdown', `${m}: #UD with no IDT, as native`);
    assert.equal(by[m].equivalentToNative, true, m);
  }
});

test('runProgram honours era, controls and cost overrides', () => {
  const p = program('mov r0, 0\ncpuid\nhlt');
  const early = runProgram(p, { mode: 'vtx', era: 'early-vtx' }).stats.cycles;
  const current = runProgram(p, { mode: 'vtx', era: 'current' }).stats.cycles;
  assert.ok(early > current);
  const cheap = runProgram(p, { mode: 'vtx', costs: { vmExit: 0, userspaceExit: 0, vmmEmulation: 0 } }).stats.cycles;
  assert.ok(cheap < current);
});

test('instructionInfo: every mnemonic, both languages, every mode', () => {
  for (const m of MNEMONICS) {
    const info = instructionInfo(m.toUpperCase());
    assert.ok(info, m);
    assert.ok(info.summary.en && info.summary['zh-cn'], m);
    for (const mode of MODES) assert.ok(info.modes[mode].en && info.modes[mode]['zh-cn'], `${m} ${mode}`);
  }
  assert.equal(instructionInfo('je')?.mnemonic, 'jz');
  assert.deepEqual(instructionInfo('jz')?.aliases, ['je']);
  assert.equal(instructionInfo('popf')?.instructionClass, 'sensitive-unprivileged');
  assert.equal(instructionInfo('lidt')?.instructionClass, 'privileged');
  assert.equal(instructionInfo('cpuid')?.instructionClass, 'special');
  assert.match(instructionInfo('out')!.modes.vtx.en, /IO_INSTRUCTION \(30\)/);
  assert.equal(instructionInfo('nosuch'), undefined);
  assert.equal(INSTRUCTION_INFOS.length, new Set(MNEMONICS.map((m) => instructionInfo(m)!.mnemonic)).size);
});

test('step() events carry the cost of their instruction, booked once', () => {
  const sim = new Simulation(program('nop\nnop\nhlt'), { mode: 'emulate', era: 'current' });
  const [e] = sim.step();
  assert.equal(e.kind, 'emulated');
  assert.equal(e.cycles, sim.costs.emulatedInstruction);
  assert.equal(sim.state().stats.cycles, sim.costs.emulatedInstruction);
});
