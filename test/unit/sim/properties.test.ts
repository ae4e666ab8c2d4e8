import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assemble, Simulation, type Mode, type RunResult } from '../../../src/core/sim';

const MAX_STEPS = 3000;
const reg = fc.constantFrom('r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'sp');
const imm = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.integer({ min: 0, max: 0xffff }),
  fc.constantFrom(0x7fffffff, -0x80000000, 0xfffc, 0x10000, 0x3f8, 0x8000),
);
const mem = fc.oneof(
  reg.map((r) => `[${r}]`),
  fc.tuple(reg, fc.integer({ min: -8, max: 8 })).map(([r, d]) => `[${r}${d < 0 ? '-' : '+'}${Math.abs(d)}]`),
  fc.integer({ min: 0, max: 0x10010 }).map((a) => `[${a}]`),
);
const alu = fc.constantFrom('add', 'sub', 'and', 'or', 'xor', 'cmp', 'shl', 'shr', 'mul');
const jcc = fc.constantFrom('jmp', 'jz', 'jnz', 'jl', 'jg', 'jle', 'jge', 'jb', 'ja', 'call');

/** One instruction; `L` stands for a label chosen later. */
const innocuous = fc.oneof(
  fc.tuple(reg, fc.oneof(reg, imm.map(String), mem)).map(([d, s]) => `mov ${d}, ${s}`),
  fc.tuple(mem, fc.oneof(reg, imm.map(String))).map(([d, s]) => `mov ${d}, ${s}`),
  fc.tuple(alu, reg, fc.oneof(reg, imm.map(String), mem)).map(([o, d, s]) => (o === 'shl' || o === 'shr') && s.startsWith('[') ? `${o} ${d}, 3` : o === 'mul' && false ? '' : `${o} ${d}, ${s}`),
  fc.tuple(alu.filter((o) => o !== 'mul'), mem, fc.oneof(reg, imm.map(String))).map(([o, d, s]) => `${o} ${d}, ${s}`),
  fc.tuple(fc.constantFrom('inc', 'dec', 'push', 'pop'), fc.oneof(reg, mem)).map(([o, d]) => `${o} ${d}`),
  imm.map((v) => `push ${v}`),
  jcc.map((j) => `${j} L`),
  fc.constant('ret'),
  fc.constant('nop'),
);
const privileged = fc.oneof(
  fc.constantFrom('cli', 'sti', 'hlt', 'iret', 'mov r1, cr0', 'mov r2, cr3'),
  reg.map((r) => `mov cr3, ${r}`),
  reg.map((r) => `mov cr0, ${r}`),
  mem.map((m) => `lidt ${m}`),
  mem.map((m) => `lgdt ${m}`),
  mem.map((m) => `invlpg ${m}`),
);
const device = fc.oneof(
  fc.tuple(fc.constantFrom(0x3f8, 0x3fd, 0x40, 0x80, 0xf4), reg).map(([p, r]) => `out ${p}, ${r}`),
  fc.tuple(reg, fc.constantFrom(0x3f8, 0x3fd, 0x40, 0x81)).map(([r, p]) => `in ${r}, ${p}`),
  fc.integer({ min: 0, max: 70 }).map((n) => `int ${n}`),
  fc.constant('ud2'),
);
const sensitive = fc.oneof(
  fc.constantFrom('pushf', 'popf', 'push cs'),
  reg.map((r) => `smsw ${r}`),
  reg.map((r) => `mov ${r}, cs`),
  mem.map((m) => `sgdt ${m}`),
  mem.map((m) => `sidt ${m}`),
);

function programOf(lines: string[], targets: number[]): string {
  const body = lines.map((l, i) => `L${i}: ${l.replace(/ L$/, ` L${targets[i] % (lines.length + 1)}`)}`);
  // An IDT of 64 vectors at 0x8008 whose handlers are the first instruction or the final hlt
  // (vectors beyond its data point at 0: the program restarts), loaded first.
  const end = `L${lines.length}`;
  const handlers = Array.from({ length: 16 }, (_, i) => (i % 2 ? end : 'L0')).join(', ');
  return `_start: lidt [0x8000]\n${body.join('\n')}\n${end}: hlt\n.org 0x8000\n.word 0x800800FF, 0, ${handlers}\n`;
}

const programs = (instruction: fc.Arbitrary<string>) =>
  fc.array(instruction, { minLength: 1, maxLength: 40 }).chain((lines) =>
    fc.array(fc.nat({ max: 1000 }), { minLength: lines.length, maxLength: lines.length }).map((targets) => programOf(lines, targets)),
  );

interface Outcome {
  result: RunResult;
  memory: Uint8Array;
}

function outcome(source: string, mode: Mode, compile = true, era: 'current' | 'early-vtx' = 'current'): Outcome {
  const { program } = assemble(source);
  assert.ok(program, source);
  const sim = new Simulation(program, { mode, maxSteps: MAX_STEPS, compile, era });
  while (!sim.isFinished) sim.run(997);
  return { result: sim.result(), memory: sim.readMemory(0, 0x10000) };
}

function assertSame(a: Outcome, b: Outcome, source: string): void {
  const what = `\n${source}`;
  assert.equal(b.result.serial, a.result.serial, `serial${what}`);
  assert.deepEqual(b.result.exit, a.result.exit, `exit${what}`);
  assert.deepEqual(b.result.registers, a.result.registers, `registers${what}`);
  assert.ok(Buffer.from(b.memory).equals(Buffer.from(a.memory)), `memory${what}`);
  assert.equal(b.result.stats.instructions, a.result.stats.instructions, `instructions${what}`);
}

test('property: emulate, bt and vtx give exactly the results of native', () => {
  fc.assert(
    fc.property(programs(fc.oneof({ arbitrary: innocuous, weight: 5 }, { arbitrary: privileged, weight: 2 }, { arbitrary: device, weight: 2 }, { arbitrary: sensitive, weight: 1 })), (source) => {
      const native = outcome(source, 'native');
      for (const mode of ['emulate', 'bt', 'vtx'] as const) assertSame(native, outcome(source, mode), source);
    }),
    { numRuns: 120 },
  );
});

test('property: VMCALL is #UD, as on native, under emulate, bt and trap (spec v2)', () => {
  const hypercall = fc.integer({ min: 0, max: 6 }).map((n) => `mov r0, ${n}\nvmcall`);
  fc.assert(
    fc.property(programs(fc.oneof({ arbitrary: innocuous, weight: 5 }, { arbitrary: privileged, weight: 1 }, { arbitrary: hypercall, weight: 2 })), (source) => {
      const native = outcome(source, 'native');
      for (const mode of ['emulate', 'bt', 'trap'] as const) {
        const other = outcome(source, mode);
        assertSame(native, other, source);
        assert.equal(other.result.stats.hypercalls, 0, `${mode}\n${source}`);
      }
    }),
    { numRuns: 80 },
  );
});

test('property: trap and paravirt match native when no sensitive unprivileged instruction runs', () => {
  fc.assert(
    fc.property(programs(fc.oneof({ arbitrary: innocuous, weight: 5 }, { arbitrary: privileged, weight: 2 }, { arbitrary: device, weight: 2 })), (source) => {
      const native = outcome(source, 'native');
      for (const mode of ['trap', 'paravirt'] as const) {
        const other = outcome(source, mode);
        assertSame(native, other, source);
        assert.deepEqual(other.result.divergences, []);
      }
    }),
    { numRuns: 120 },
  );
});

test('property: under trap, a program diverges only where a sensitive instruction ran, and says where', () => {
  fc.assert(
    fc.property(programs(fc.oneof({ arbitrary: innocuous, weight: 4 }, { arbitrary: sensitive, weight: 2 })), (source) => {
      const trap = outcome(source, 'trap').result;
      const lines = source.split('\n');
      for (const d of trap.divergences) {
        assert.match(lines[d.line - 1], /pushf|popf|push cs|smsw|, cs|sgdt|sidt/, `line ${d.line} of\n${source}`);
      }
    }),
    { numRuns: 120 },
  );
});

test('property: compiled blocks and the interpreter agree', () => {
  fc.assert(
    fc.property(programs(fc.oneof({ arbitrary: innocuous, weight: 8 }, { arbitrary: device, weight: 1 })), (source) => {
      assertSame(outcome(source, 'native', false), outcome(source, 'native', true), source);
      assertSame(outcome(source, 'vtx', false), outcome(source, 'vtx', true), source);
    }),
    { numRuns: 120 },
  );
});

test('property: step() one by one and run() in slices reach the same end', () => {
  fc.assert(
    fc.property(programs(fc.oneof(innocuous, privileged, device, sensitive)), fc.constantFrom<Mode>('native', 'trap', 'bt', 'vtx'), (source, mode) => {
      const { program } = assemble(source);
      const stepped = new Simulation(program!, { mode, maxSteps: 500 });
      while (!stepped.isFinished) stepped.step();
      const ran = new Simulation(program!, { mode, maxSteps: 500 });
      while (!ran.isFinished) ran.run(7);
      assert.deepEqual(stepped.result(), ran.result(), source);
    }),
    { numRuns: 120 },
  );
});

const special = fc.oneof(
  fc.constantFrom('cpuid', 'rdtsc', 'vmcall', 'ud2'),
  fc.integer({ min: 0, max: 6 }).map((n) => `mov r0, ${n}\nvmcall`),
  fc.integer({ min: 0, max: 1000 }).map((n) => `mov r0, ${n}\nout 0x40, r0\nsti`),
);

test('property: no program, mode, era or set of controls makes the simulator throw', () => {
  fc.assert(
    fc.property(
      programs(fc.oneof(innocuous, privileged, device, sensitive, special)),
      fc.constantFrom<Mode>('native', 'emulate', 'trap', 'bt', 'paravirt', 'vtx'),
      fc.constantFrom('early-vtx' as const, 'current' as const),
      fc.record({
        hltExiting: fc.boolean(), rdtscExiting: fc.boolean(), unconditionalIoExiting: fc.boolean(), descriptorTableExiting: fc.boolean(), invlpgExiting: fc.boolean(),
        enableEpt: fc.boolean(), enableVpid: fc.boolean(), pfExiting: fc.boolean(), cr3LoadExiting: fc.boolean(),
      }),
      (source, mode, era, controls) => {
        const { program } = assemble(source);
        const sim = new Simulation(program!, { mode, era, controls, maxSteps: 2000 });
        let events = 0;
        sim.onEvent(() => events++);
        while (!sim.isFinished) sim.run(333);
        const r = sim.result();
        assert.ok(['hlt', 'shutdown', 'debug-exit', 'step-limit'].includes(r.exit.reason));
        assert.ok(r.stats.instructions <= 2000);
        assert.equal(r.stats.instructions, r.stats.direct + r.stats.emulated, 'each instruction counted once, directly or by software');
        assert.ok(Number.isFinite(r.stats.cycles) && r.stats.cycles >= 0);
      },
    ),
    { numRuns: 150 },
  );
});

// ---------------------------------------------------------------------------------------------
// Paging. Layout: directories 0x8000 and 0xA000 (both: entry 0 → the identity map of RAM at
// 0x9000, entry 1 → the region table at 0xB000 for 0x400000-0x407FFF), frames 0xC000-0xE000 for
// the region, data at 0x6000, the IDT at 0x7000 with a #PF handler that adds cr2 and the error
// code to 0x7100/0x7104 and makes the faulting page present, writable and user. Programs follow
// x86's rule: every changed region entry is invalidated (invlpg) before it is relied on.

const REGION = 0x400000;
const regionPage = fc.integer({ min: 0, max: 7 });
const pteValue = fc.tuple(fc.constantFrom(0xc000, 0xd000, 0xe000), fc.integer({ min: 0, max: 0x7f })).map(([f, bits]) => f | (bits & 0x67));
const pagedAddress = fc.oneof(
  fc.tuple(regionPage, fc.integer({ min: 0, max: 0xfff })).map(([p, o]) => REGION + p * 4096 + (o & ~3)),
  fc.integer({ min: 0, max: 0x3ff }).map((o) => 0x6000 + 4 * o),
  fc.integer({ min: 0, max: 0xfff }).map((o) => 0x4000 + o),
);
const pagedReg = fc.constantFrom('r1', 'r2', 'r3', 'r4', 'r5');
const pagedInstruction = fc.oneof(
  { arbitrary: fc.tuple(pagedReg, pagedAddress).map(([r, a]) => `mov ${r}, [${a}]`), weight: 4 },
  { arbitrary: fc.tuple(pagedAddress.filter((a) => a >= 0x6000), pagedReg).map(([a, r]) => `mov [${a}], ${r}`), weight: 4 },
  { arbitrary: fc.tuple(fc.constantFrom('add', 'xor', 'sub'), pagedAddress.filter((a) => a >= 0x6000), pagedReg).map(([o, a, r]) => `${o} [${a}], ${r}`), weight: 2 },
  { arbitrary: fc.tuple(pagedReg, fc.integer({ min: -1000, max: 1000 })).map(([r, v]) => `add ${r}, ${v}`), weight: 2 },
  { arbitrary: fc.tuple(regionPage, pteValue).map(([p, v]) => `mov r5, ${v}\n    mov [${0xb000 + 4 * p}], r5\n    invlpg [${REGION + p * 4096}]`), weight: 2 },
  { arbitrary: fc.tuple(pagedReg, regionPage).map(([r, p]) => `mov ${r}, [${0xb000 + 4 * p}]`), weight: 1 },
  { arbitrary: regionPage.map((p) => `invlpg [${REGION + p * 4096}]`), weight: 1 },
  { arbitrary: fc.constantFrom(0x8000, 0xa000).map((d) => `mov r5, ${d}\n    mov cr3, r5`), weight: 1 },
  { arbitrary: fc.boolean().map((wp) => `mov r5, ${wp ? 0x80010001 : 0x80000001}\n    mov cr0, r5`), weight: 1 },
  { arbitrary: fc.constantFrom('push r1\n    pop r2', 'call sub', 'mov r4, cr2', 'mov r4, cr3'), weight: 1 },
);

function pagedProgram(lines: string[], region: number[], wp: boolean): string {
  return `
_start:
    lidt [0x7000]
    mov r0, 0
map:
    mov r1, r0
    shl r1, 12
    or r1, 3
    mov r2, r0
    shl r2, 2
    mov [r2+0x9000], r1
    inc r0
    cmp r0, 16
    jnz map
${region.map((v, i) => `    mov r1, ${v}\n    mov [${0xb000 + 4 * i}], r1`).join('\n')}
    mov r1, 0x9003
    mov [0x8000], r1
    mov [0xA000], r1
    mov r1, 0xB003
    mov [0x8004], r1
    mov [0xA004], r1
    mov r1, 0x8000
    mov cr3, r1
    mov r1, ${wp ? 0x80010001 : 0x80000001}
    mov cr0, r1
    mov r6, 3
top:
    ${lines.join('\n    ')}
    dec r6
    jnz top
    hlt
sub:
    ret
pf:
    push r0
    push r1
    mov r0, cr2
    add [0x7100], r0
    mov r1, [sp+8]
    add [0x7104], r1
    invlpg [r0]
    shr r0, 12
    and r0, 7
    shl r0, 2
    mov r1, [r0+0xB000]
    or r1, 7
    mov [r0+0xB000], r1
    pop r1
    pop r0
    add sp, 4
    iret
.org 0x7000
.word 0x7008003F, 0
.word 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, pf, 0
`;
}

const pagedPrograms = fc.tuple(
  fc.array(pagedInstruction, { minLength: 1, maxLength: 30 }),
  fc.array(pteValue, { minLength: 8, maxLength: 8 }),
  fc.boolean(),
).map(([lines, region, wp]) => pagedProgram(lines, region, wp));

test('property: with paging (random mappings, faults, invlpg, cr3 switches, A/D, WP) every mode equals native', () => {
  fc.assert(
    fc.property(pagedPrograms, (source) => {
      const native = outcome(source, 'native');
      for (const mode of ['emulate', 'bt', 'vtx', 'trap', 'paravirt'] as const) {
        const other = outcome(source, mode);
        assertSame(native, other, source);
        assert.equal(other.result.stats.memory.guestPageFaults, native.result.stats.memory.guestPageFaults, `#PF count under ${mode}\n${source}`);
      }
      // Era early-vtx: vtx with shadow paging and no VPID (every exit flushes the TLB).
      assertSame(native, outcome(source, 'vtx', true, 'early-vtx'), source);
    }),
    { numRuns: 80 },
  );
});

test('property: paging programs give the same results compiled and interpreted, and stepped', () => {
  fc.assert(
    fc.property(pagedPrograms, fc.constantFrom<Mode>('native', 'vtx', 'trap'), (source, mode) => {
      assertSame(outcome(source, mode, false), outcome(source, mode, true), source);
      const { program } = assemble(source);
      const stepped = new Simulation(program!, { mode, maxSteps: MAX_STEPS });
      while (!stepped.isFinished) stepped.step();
      assert.deepEqual(stepped.result().registers, outcome(source, mode).result.registers, source);
    }),
    { numRuns: 40 },
  );
});
