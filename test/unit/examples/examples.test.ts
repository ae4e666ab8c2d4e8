import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assemble, DEFAULT_VMX_CONTROLS, ERAS, MODES, runProgram, Simulation, type Era, type Mode, type Program, type RunResult } from '../../../src/core/sim/index';
import { EXAMPLES } from '../../../src/core/sim/examples';

const examplesDir = join(__dirname, '..', '..', '..', 'examples');

function source(file: string): string {
  return readFileSync(join(examplesDir, file), 'utf8');
}

function program(file: string): Program {
  const { program, diagnostics } = assemble(source(file), { fileName: file });
  assert.deepEqual(diagnostics, [], `${file} has diagnostics`);
  assert.ok(program, file);
  return program;
}

const runs = new Map<string, RunResult>();
function run(file: string, mode: Mode, era: Era = 'current'): RunResult {
  const key = `${file}/${mode}/${era}`;
  const cached = runs.get(key);
  if (cached) return cached;
  const result = runProgram(program(file), { mode, era });
  runs.set(key, result);
  return result;
}

/** 1-based line of the only source line containing `marker` (so tests do not hard-code lines). */
function lineOf(file: string, marker: string): number {
  const lines = source(file).split('\n');
  const found = lines.flatMap((text, i) => (text.includes(marker) ? [i + 1] : []));
  assert.equal(found.length, 1, `${file}: expected one line containing ${JSON.stringify(marker)}, found ${found.length}`);
  return found[0];
}

const total = (counts: Partial<Record<string, number>>) => Object.values(counts).reduce((a: number, n) => a + (n ?? 0), 0);

test('every file in examples/ is listed in EXAMPLES and every entry has its file', () => {
  const files = readdirSync(examplesDir).filter((f) => f.endsWith('.vmasm')).sort();
  assert.deepEqual(EXAMPLES.map((e) => e.file).sort(), files);
  assert.deepEqual(readdirSync(examplesDir).filter((f) => !f.endsWith('.vmasm')), [], 'only guest programs in examples/');
  assert.ok(EXAMPLES.length >= 9);
});

test('EXAMPLES entries are complete: unique ids, both languages, valid modes and era', () => {
  assert.equal(new Set(EXAMPLES.map((e) => e.id)).size, EXAMPLES.length);
  for (const e of EXAMPLES) {
    assert.match(e.id, /^[a-z0-9][a-z0-9-]*$/, 'ids go into URIs and webview messages');
    assert.equal(e.file, `${e.id}.vmasm`);
    for (const text of [e.title, e.description]) {
      assert.ok(text.en.trim().length > 0, e.id);
      assert.match(text['zh-cn'], /[\u4e00-\u9fff]/, e.id);
    }
    assert.ok(e.modes.length > 0, e.id);
    assert.equal(new Set(e.modes).size, e.modes.length, e.id);
    for (const mode of e.modes) assert.ok(MODES.includes(mode), `${e.id}: ${mode}`);
    if (e.era !== undefined) assert.ok(ERAS.includes(e.era), e.id);
  }
});

test('every example has a header saying what to watch, in which modes, with a Chinese line', () => {
  for (const e of EXAMPLES) {
    const header = source(e.file).split('\n').filter((l) => l.startsWith(';')).slice(0, 40).join('\n');
    assert.match(header, /Lesson:/, e.file);
    assert.match(header, /Watch:/, e.file);
    assert.match(header, /Modes:/, e.file);
    assert.match(header, /中文：/, e.file);
    for (const mode of e.modes) assert.ok(header.includes(mode), `${e.file}: header should name ${mode}`);
  }
});

for (const e of EXAMPLES) {
  test(`${e.file}: assembles cleanly and ends cleanly in every mode and era`, () => {
    program(e.file);
    for (const era of ERAS) {
      for (const mode of MODES) {
        const result = run(e.file, mode, era);
        assert.notEqual(result.exit.reason, 'step-limit', `${e.file} ${mode} ${era}`);
        assert.ok(result.exit.line > 0, `${e.file} ${mode}: exit line`);
      }
    }
  });
}

test('every example gives the same result stepped one instruction at a time (as the panel runs it)', () => {
  for (const e of EXAMPLES) {
    const mode = e.modes[0];
    const sim = new Simulation(program(e.file), { mode, era: e.era });
    let halts = 0;
    while (!sim.isFinished) {
      for (const event of sim.step()) if (event.kind === 'halt') halts++;
    }
    assert.deepEqual(sim.result(), run(e.file, mode, e.era ?? 'current'), e.file);
    assert.equal(halts, 1, `${e.file}: one halt event`);
  }
});

/** Modes the spec says must behave exactly like bare metal. */
const FAITHFUL: Mode[] = ['emulate', 'bt', 'vtx'];

test('hello: the same greeting everywhere; under vtx two I/O exits per byte (IN status, OUT data)', () => {
  const native = run('hello.vmasm', 'native');
  assert.equal(native.serial, 'Hello from the guest!\n');
  assert.equal(native.exit.reason, 'hlt');
  for (const mode of MODES) assert.equal(run('hello.vmasm', mode).serial, native.serial, mode);
  const vtx = run('hello.vmasm', 'vtx');
  const bytes = native.serial.length;
  assert.equal(vtx.stats.vmexits.IO_INSTRUCTION, 2 * bytes);
  assert.equal(vtx.stats.kvmExits.KVM_EXIT_IO, 2 * bytes);
  assert.equal(vtx.stats.kvmExits.KVM_EXIT_HLT, 1);
  assert.equal(run('hello.vmasm', 'trap').stats.traps, 2 * bytes + 1, 'every IN, OUT and the HLT trap');
});

test('privileged: kernel privileged instructions trap under trap and are emulated right; user HLT is #GP everywhere', () => {
  const native = run('privileged.vmasm', 'native');
  assert.match(native.serial, /^kernel: CLI, STI and MOV CR3 done at CPL 0\nkernel: #GP from user mode, faulting CPL = 3\n$/);
  assert.equal(native.exit.reason, 'debug-exit');
  assert.equal(native.exit.code, 1);
  for (const mode of MODES) {
    const r = run('privileged.vmasm', mode);
    assert.equal(r.serial, native.serial, mode);
    assert.deepEqual(r.divergences, [], mode);
  }
  const trap = run('privileged.vmasm', 'trap');
  assert.ok(trap.stats.traps >= 7 + native.serial.length, `traps: ${trap.stats.traps}`);
  const vtx = run('privileged.vmasm', 'vtx');
  // CLI and STI never exit; with EPT (era current) neither does the CR3 load; without EPT
  // (early-vtx, shadow paging) the CR3 load and the CR3 read exit.
  assert.equal(vtx.stats.vmexits.CR_ACCESS ?? 0, DEFAULT_VMX_CONTROLS.cr3LoadExiting ? 2 : 0);
  assert.equal(run('privileged.vmasm', 'vtx', 'early-vtx').stats.vmexits.CR_ACCESS, 2);
  assert.equal(vtx.stats.vmexits.HLT ?? 0, 0, 'HLT at CPL 3 faults before any HLT exit');
  assert.equal(vtx.stats.traps, 0);
});

test('popf: a divergence at the POPF line under trap and paravirt, none in the faithful modes', () => {
  const popfLine = lineOf('popf.vmasm', '    popf');
  const waitLine = lineOf('popf.vmasm', 'sleep until the tick');
  const waiting = 'kernel: interrupts restored, waiting for the timer\n';
  for (const mode of ['trap', 'paravirt'] as const) {
    const r = run('popf.vmasm', mode);
    const atPopf = r.divergences.filter((d) => d.line === popfLine);
    assert.equal(atPopf.length, 1, `${mode}: ${JSON.stringify(r.divergences)}`);
    assert.equal(atPopf[0].instruction.split(/\s/)[0].toLowerCase(), 'popf');
    assert.ok(atPopf[0].explanation.length > 20);
    // The virtual IF stayed 0: no tick can wake the guest, HLT stops the machine.
    assert.equal(r.serial, waiting, mode);
    assert.deepEqual(r.exit, { reason: 'hlt', line: waitLine }, mode);
  }
  for (const mode of ['native', ...FAITHFUL] as const) {
    const r = run('popf.vmasm', mode);
    assert.deepEqual(r.divergences, [], mode);
    assert.equal(r.serial, waiting + 'tick\nkernel: the timer woke us up\n', mode);
  }
});

test('redpill: SIDT shows the VMM under trap (divergence at its line), nothing under vtx', () => {
  const sidtLine = lineOf('redpill.vmasm', 'sidt [seen]');
  for (const mode of ['native', ...FAITHFUL] as const) {
    const r = run('redpill.vmasm', mode);
    assert.equal(r.serial, 'IDT base is where I put it: no VMM visible\n', mode);
    assert.deepEqual(r.divergences, [], mode);
  }
  const trap = run('redpill.vmasm', 'trap');
  assert.match(trap.serial, /^Red pill! IDT base is 0x[0-9A-F]{8}, I loaded 0x[0-9A-F]{8}\n$/);
  assert.deepEqual(trap.divergences.map((d) => d.line), [sidtLine]);
});

test('cpuid: KVMKVMKVM and the hypervisor bit under vtx only; CPUID exits stay in KVM', () => {
  const vtx = run('cpuid.vmasm', 'vtx');
  assert.match(vtx.serial, /\(hypervisor present\) = 1\n/);
  assert.match(vtx.serial, /signature: 'KVMKVMKVM'\n/);
  assert.equal(vtx.stats.vmexits.CPUID, 3);
  for (const mode of MODES) assert.match(run('cpuid.vmasm', mode).serial, /^CPUID\.0 vendor: 'GenuineIntel'\n/, mode);
  assert.equal(vtx.stats.kvmExits.KVM_EXIT_HYPERCALL ?? 0, 0);
  for (const mode of ['native', 'trap', 'paravirt'] as const) {
    const r = run('cpuid.vmasm', mode);
    assert.ok(!r.serial.includes('KVMKVMKVM'), mode);
    assert.match(r.serial, /\(hypervisor present\) = 0\n.*signature: ''\n$/s, mode);
  }
  assert.match(run('cpuid.vmasm', 'emulate').serial, /signature: 'TCGTCGTCGTCG'/);
  assert.match(run('cpuid.vmasm', 'bt').serial, /signature: 'VMwareVMware'/);
});

test('syscalls: 1000 INT 0x80 without a VM exit under vtx, two traps each under trap, and cheaper under vtx', () => {
  const native = run('syscalls.vmasm', 'native');
  assert.equal(native.serial, 'user: 1000 syscalls ok\n');
  assert.equal(native.exit.reason, 'debug-exit');
  for (const mode of MODES) assert.equal(run('syscalls.vmasm', mode).serial, native.serial, mode);
  const vtx = run('syscalls.vmasm', 'vtx');
  // Only the serial bytes of the report and the debug exit leave the guest, besides EPT filling
  // each guest-physical page on its first touch (handled in KVM).
  assert.equal(total(vtx.stats.vmexits) - (vtx.stats.vmexits.EPT_VIOLATION ?? 0), native.serial.length + 1, JSON.stringify(vtx.stats.vmexits));
  assert.equal(vtx.stats.vmexits.EPT_VIOLATION, vtx.stats.memory.eptViolations);
  assert.equal(vtx.stats.kvmExits.KVM_EXIT_MMIO ?? 0, 0, 'EPT violations on RAM stay in KVM');
  assert.equal(vtx.stats.vmexits.IO_INSTRUCTION, native.serial.length + 1);
  const trap = run('syscalls.vmasm', 'trap');
  assert.ok(trap.stats.traps >= 2 * 1000, `traps: ${trap.stats.traps}`);
  assert.ok(vtx.stats.cycles < trap.stats.cycles, `vtx ${vtx.stats.cycles} vs trap ${trap.stats.cycles}`);
  assert.ok(run('syscalls.vmasm', 'vtx', 'early-vtx').stats.cycles < run('syscalls.vmasm', 'trap', 'early-vtx').stats.cycles);
});

test('uart-console: one IO_INSTRUCTION exit per byte printed under vtx', () => {
  const vtx = run('uart-console.vmasm', 'vtx');
  assert.equal(vtx.serial, 'The quick brown fox\njumps over\nthe lazy dog.\n');
  assert.equal(vtx.stats.vmexits.IO_INSTRUCTION, vtx.serial.length);
  assert.equal(vtx.stats.kvmExits.KVM_EXIT_IO, vtx.serial.length);
  for (const mode of MODES) assert.equal(run('uart-console.vmasm', mode).serial, vtx.serial, mode);
});

test('pv-console: one hypercall and one exit per buffer; bare metal falls back to the UART', () => {
  const text = 'The quick brown fox\njumps over\nthe lazy dog.\n';
  const paravirt = run('pv-console.vmasm', 'paravirt');
  assert.equal(paravirt.serial, text);
  assert.equal(paravirt.stats.hypercalls, 3);
  const vtx = run('pv-console.vmasm', 'vtx');
  assert.equal(vtx.serial, text);
  assert.equal(vtx.stats.vmexits.VMCALL, 3);
  assert.equal(vtx.stats.kvmExits.KVM_EXIT_HYPERCALL, 3, 'the console lives in user space (QEMU)');
  assert.equal(vtx.stats.vmexits.IO_INSTRUCTION ?? 0, 0, 'no byte goes through the UART');
  assert.equal(vtx.stats.kvmExits.KVM_EXIT_IO ?? 0, 0);
  assert.ok(total(vtx.stats.vmexits) - vtx.stats.memory.eptViolations <= 4, JSON.stringify(vtx.stats.vmexits));
  const uart = run('uart-console.vmasm', 'vtx');
  assert.ok(vtx.stats.cycles < uart.stats.cycles, 'three exits cost less than one per byte');
  // Spec v2: only paravirt and vtx offer hypercalls; everywhere else VMCALL is #UD, as on bare metal.
  const native = run('pv-console.vmasm', 'native');
  for (const mode of ['native', 'trap', 'emulate', 'bt'] as const) {
    const r = run('pv-console.vmasm', mode);
    assert.equal(r.serial, text, `${mode}: the #UD fallback prints the same text`);
    assert.equal(r.stats.hypercalls, 0, mode);
    assert.deepEqual(r.registers, native.registers, mode);
  }
  assert.equal(run('pv-console.vmasm', 'emulate').stats.vmexits.VMCALL ?? 0, 0);
});

test('triple-fault: shutdown at the UD2 line in every mode; TRIPLE_FAULT and KVM_EXIT_SHUTDOWN under vtx', () => {
  const ud2Line = lineOf('triple-fault.vmasm', '    ud2');
  for (const mode of MODES) {
    const r = run('triple-fault.vmasm', mode);
    assert.equal(r.exit.reason, 'shutdown', mode);
    assert.equal(r.exit.line, ud2Line, mode);
    assert.equal(r.serial, 'No IDT loaded. Executing UD2...\n', mode);
  }
  const vtx = run('triple-fault.vmasm', 'vtx');
  assert.equal(vtx.stats.vmexits.TRIPLE_FAULT, 1);
  assert.equal(vtx.stats.kvmExits.KVM_EXIT_SHUTDOWN, 1);
});

test('bt-vs-vtx: with the early-vtx era binary translation needs fewer cycles than VT-x (Adams & Agesen 2006)', () => {
  const entry = EXAMPLES.find((e) => e.id === 'bt-vs-vtx');
  assert.equal(entry?.era, 'early-vtx');
  const bt = run('bt-vs-vtx.vmasm', 'bt', 'early-vtx');
  const vtx = run('bt-vs-vtx.vmasm', 'vtx', 'early-vtx');
  assert.equal(bt.serial, '500 address-space switches done\n');
  assert.equal(vtx.serial, bt.serial);
  assert.equal(vtx.stats.vmexits.CR_ACCESS, 500);
  assert.ok(bt.stats.cycles < vtx.stats.cycles, `bt ${bt.stats.cycles} vs vtx ${vtx.stats.cycles}`);
  assert.ok(bt.stats.translationCacheHits > bt.stats.translatedBlocks, 'blocks are translated once and reused');
  // The hardware got faster: VT-x's disadvantage shrinks in the current era.
  const btNow = run('bt-vs-vtx.vmasm', 'bt', 'current');
  const vtxNow = run('bt-vs-vtx.vmasm', 'vtx', 'current');
  assert.ok(vtxNow.stats.cycles / btNow.stats.cycles < vtx.stats.cycles / bt.stats.cycles);
  assert.ok(vtxNow.stats.cycles < btNow.stats.cycles, `current era: vtx ${vtxNow.stats.cycles} vs bt ${btNow.stats.cycles}`);
});
