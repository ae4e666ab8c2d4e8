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

function outcome(source: string, mode: Mode, compile = true): Outcome {
  const { program } = assemble(source);
  assert.ok(program, source);
  const sim = new Simulation(program, { mode, maxSteps: MAX_STEPS, compile });
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
      fc.record({ hltExiting: fc.boolean(), rdtscExiting: fc.boolean(), unconditionalIoExiting: fc.boolean(), descriptorTableExiting: fc.boolean(), invlpgExiting: fc.boolean() }),
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
