/**
 * The real CPU as the simulator's oracle (spec v2): every example and test program in the real-KVM
 * subset, and random subset programs (fast-check), run on the host's /dev/kvm and in the simulator
 * and must agree as `compareKvmWithVtx` says (serial, exits to user space, exit, registers, flags
 * with the undefined ones masked, memory); the random ones must also agree with simulated `native`.
 * Read-modify-write instructions on the MMIO page and the open bus are included: both sides make
 * two KVM_EXIT_MMIO for each, a read then a write.
 * Skipped, saying why, where /dev/kvm cannot be used. Bounded by counts: each program ends by
 * itself (forward jumps only) or at MAX_STEPS; `FUZZ_RUNS` sets the number of random programs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { assemble, runProgram, FLAG_IF, STATUS_FLAGS, type Program } from '../../../src/core/sim/index';
import { generateX86 } from '../../../src/core/x86/index';
import { compareKvmWithVtx, runOnKvm, simulateVtx } from '../../../src/host/kvm';
import { fuzzParams } from '../fuzz/config';
import { kvmSkipReason } from './helpers';

const ROOT = join(__dirname, '..', '..', '..');
/** How the random programs ended on real KVM: a generator that only made triple faults would test little. */
const exitReasons = new Map<string, number>();
const MAX_STEPS = 200_000;

function vmasmFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return vmasmFiles(path);
    return name.endsWith('.vmasm') ? [path] : [];
  });
}

/** Runs `program` on both sides and returns the differences that break equivalence (empty: agree). */
function disagreements(program: Program, withNative: boolean): string[] {
  const g = generateX86(program);
  if (!('image' in g)) throw new Error(`outside the subset: line ${g.unsupported.line}: ${g.unsupported.reason.en}`);
  const kvm = runOnKvm(g.image, program, { maxSteps: MAX_STEPS });
  const sim = simulateVtx(program, { maxSteps: MAX_STEPS });
  const c = compareKvmWithVtx(sim, kvm);
  const out = c.differences.filter((d) => !d.tolerated).map((d) => d.text.en);
  exitReasons.set(kvm.exit.reason, (exitReasons.get(kvm.exit.reason) ?? 0) + 1);
  if (!withNative) return out;
  // Simulated native must give the same machine state as the real CPU (it has no exits to user space).
  const native = runProgram(program, { mode: 'native', maxSteps: MAX_STEPS });
  const mask = ~sim.undefinedFlags & (STATUS_FLAGS | FLAG_IF);
  if (native.serial !== kvm.serial) out.push(`native serial ${JSON.stringify(native.serial)} vs kvm ${JSON.stringify(kvm.serial)}`);
  if (native.exit.reason !== kvm.exit.reason || native.exit.line !== kvm.exit.line) out.push(`native exit ${JSON.stringify(native.exit)} vs kvm ${JSON.stringify(kvm.exit)}`);
  for (const r of ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'sp', 'pc'] as const) {
    if (native.registers[r] >>> 0 !== kvm.registers[r] >>> 0) out.push(`native ${r} 0x${(native.registers[r] >>> 0).toString(16)} vs kvm 0x${(kvm.registers[r] >>> 0).toString(16)}`);
  }
  if ((native.registers.flags & mask) !== (kvm.registers.flags & mask)) out.push(`native flags 0x${native.registers.flags.toString(16)} vs kvm 0x${kvm.registers.flags.toString(16)} (compared 0x${(mask >>> 0).toString(16)})`);
  return out;
}

test('every example and test program in the real-KVM subset agrees with the simulated vtx run', (t) => {
  const skip = kvmSkipReason();
  if (skip) return t.skip(skip);
  const files = [...vmasmFiles(join(ROOT, 'examples')), ...vmasmFiles(join(ROOT, 'test'))];
  let ran = 0;
  for (const file of files) {
    const { program } = assemble(readFileSync(file, 'utf8'), { fileName: file });
    if (!program || program.instructions.length === 0) continue; // a test's deliberately broken program
    if (!('image' in generateX86(program))) continue;
    const differences = disagreements(program, false);
    assert.deepEqual(differences, [], `${file} differs on real KVM:\n  ${differences.join('\n  ')}`);
    ran++;
  }
  console.log(`# ${ran} of ${files.length} example and test programs are in the subset; all agree with real KVM`);
  assert.ok(ran >= 8, `the eight examples in the subset ran (${ran})`);
});

// ---------------------------------------------------------------------------------------------
// Random subset programs

const REGS = ['r0', 'r1', 'r2', 'r3', 'r4', 'r6', 'r7'];
/** r5 holds the base of the data area and is never written, so [r5+d] stays in RAM. */
const DATA = 0x8000;
const ALU = ['add', 'sub', 'and', 'or', 'xor', 'cmp'];
const JCC_ALL = ['jz', 'jnz', 'jl', 'jg', 'jle', 'jge', 'jb', 'ja'];

const reg = fc.constantFrom(...REGS);
const imm = fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0xff, 0x80));
const hex = (v: number) => `0x${(v >>> 0).toString(16)}`;
const mem = fc.oneof(
  fc.integer({ min: 0, max: 63 }).map((k) => `[${hex(DATA + 4 * k)}]`),
  fc.integer({ min: 0, max: 255 }).map((d) => `[r5+${d}]`),
);
const source = fc.oneof(reg, imm.map(hex), mem);

/** One unit: a few lines that keep the program's jumps forward and its stack balanced. */
type Unit = (n: number) => string[];

const aluUnit: fc.Arbitrary<Unit> = fc.oneof(
  fc.tuple(fc.constantFrom(...ALU, 'mov'), reg, source).map(([op, d, s]) => () => [`${op} ${d}, ${s}`]),
  fc.tuple(fc.constantFrom('add', 'sub', 'and', 'or', 'xor', 'mov'), mem, fc.oneof(reg, imm.map(hex))).map(([op, m, s]) => () => [`${op} ${m}, ${s}`]),
  fc.tuple(fc.constantFrom('inc', 'dec'), fc.oneof(reg, mem)).map(([op, d]) => () => [`${op} ${d}`]),
  fc.tuple(fc.constantFrom('shl', 'shr'), fc.oneof(reg, mem), fc.oneof(fc.integer({ min: 0, max: 40 }).map(String), reg)).map(([op, d, c]) => () => [`${op} ${d}, ${c}`]),
  fc.tuple(reg, fc.oneof(reg, imm.map(hex), mem)).map(([d, s]) => () => [`mul ${d}, ${s}`]),
);

/** A flag writer whose flags the branch reads are all defined (SDM), then the branch. */
const branchUnit: fc.Arbitrary<Unit> = fc.oneof(
  fc.tuple(fc.constantFrom('add', 'sub', 'cmp', 'and', 'or', 'xor'), reg, source, fc.constantFrom(...JCC_ALL)).map(([op, d, s, j]) => [`${op} ${d}, ${s}`, j] as const),
  fc.tuple(fc.constantFrom('inc', 'dec'), reg, fc.constantFrom(...JCC_ALL)).map(([op, d, j]) => [`${op} ${d}`, j] as const),
  fc.tuple(fc.constantFrom('shl', 'shr'), reg, fc.constantFrom(...JCC_ALL)).map(([op, d, j]) => [`${op} ${d}, 1`, j] as const),
  fc.tuple(fc.constantFrom('shl', 'shr'), reg, fc.integer({ min: 2, max: 31 }), fc.constantFrom('jz', 'jnz', 'jb', 'ja')).map(([op, d, c, j]) => [`${op} ${d}, ${c}`, j] as const),
  fc.tuple(reg, reg, fc.constantFrom('jb')).map(([d, s, j]) => [`mul ${d}, ${s}`, j] as const),
).chain(([writer, jcc]) => fc.tuple(fc.constant(writer), fc.constant(jcc), reg).map(([w, j, r]) => (n: number) => [w, `${j} skip${n}`, `add ${r}, ${n + 1}`, `skip${n}:`]));

const stackUnit: fc.Arbitrary<Unit> = fc.oneof(
  fc.tuple(fc.oneof(reg, imm.map(hex), mem), reg).map(([s, d]) => () => [`push ${s}`, `pop ${d}`]),
  // pushf after a writer that defines every flag it writes.
  fc.tuple(fc.constantFrom('add', 'sub', 'cmp'), reg, source, reg).map(([op, d, s, r]) => () => [`${op} ${d}, ${s}`, 'pushf', `pop ${r}`]),
  fc.integer({ min: 0, max: 0xffffffff }).map((v) => () => [`push ${hex(v & ~0x200)}`, 'popf']),
  fc.tuple(reg, fc.integer({ min: 0, max: 100 })).map(([r, k]) => (n: number) => [`call fn${n}`, `jmp after${n}`, `fn${n}:`, `add ${r}, ${k}`, 'ret', `after${n}:`]),
);

const ioUnit: fc.Arbitrary<Unit> = fc.oneof(
  reg.map((r) => () => [`out 0x3f8, ${r}`]),
  reg.map((r) => () => [`in ${r}, 0x3fd`]),
  fc.tuple(fc.constantFrom(0x10000, 0x10004, 0x10008), reg).map(([a, r]) => () => [`mov [${hex(a)}], ${r}`]),
  fc.tuple(reg, fc.constantFrom(0x10000, 0x10ffc, 0x20000)).map(([r, a]) => () => [`mov ${r}, [${hex(a)}]`]),
  // Read-modify-write on the MMIO page and the open bus: two KVM_EXIT_MMIO, a read then a write.
  fc.tuple(fc.constantFrom('add', 'sub', 'and', 'or', 'xor'), fc.constantFrom(0x10000, 0x10004, 0x10008, 0x20000), reg).map(([op, a, r]) => () => [`${op} [${hex(a)}], ${r}`]),
  fc.tuple(fc.constantFrom('inc', 'dec'), fc.constantFrom(0x10000, 0x20000)).map(([op, a]) => () => [`${op} [${hex(a)}]`]),
  fc.tuple(fc.constantFrom('shl', 'shr'), fc.constantFrom(0x10000, 0x20000), fc.integer({ min: 1, max: 31 })).map(([op, a, c]) => () => [`${op} [${hex(a)}], ${c}`]),
);

/** Privileged and sensitive instructions of the kernel (CPL 0) that run without a trap on real KVM. */
const systemUnit: fc.Arbitrary<Unit> = fc.oneof(
  fc.constantFrom('cli', 'sti').map((op) => () => [op]),
  reg.map((r) => () => [`smsw ${r}`]),
  reg.map((r) => () => [`mov ${r}, cs`]),
  reg.map((r) => () => ['push cs', `pop ${r}`]),
);

/** How a program ends: its `hlt`, a #UD that escalates to a triple fault, or the debug-exit port. */
const ending = fc.oneof(
  { weight: 6, arbitrary: fc.constant(['hlt']) },
  { weight: 1, arbitrary: fc.constant(['ud2']) },
  { weight: 1, arbitrary: reg.map((r) => [`out 0xf4, ${r}`, 'hlt']) },
);

const programArb = fc.tuple(
  fc.array(imm, { minLength: 7, maxLength: 7 }),
  fc.array(fc.oneof({ weight: 5, arbitrary: aluUnit }, { weight: 3, arbitrary: branchUnit }, { weight: 2, arbitrary: stackUnit }, { weight: 1, arbitrary: ioUnit }, { weight: 1, arbitrary: systemUnit }), { minLength: 1, maxLength: 30 }),
  fc.array(imm, { minLength: 64, maxLength: 64 }),
  ending,
).map(([inits, units, data, end]) => [
  '_start:',
  ...REGS.map((r, i) => `    mov ${r}, ${hex(inits[i])}`),
  `    mov r5, ${hex(DATA)}`,
  ...units.flatMap((u, n) => u(n).map((l) => (l.endsWith(':') ? l : `    ${l}`))),
  ...end.map((l) => `    ${l}`),
  `.org ${hex(DATA)}`,
  ...data.map((v) => `    .word ${hex(v)}`),
  '',
].join('\n'));

test('random subset programs agree on real KVM, simulated vtx and simulated native (fast-check)', (t) => {
  const skip = kvmSkipReason();
  if (skip) return t.skip(skip);
  exitReasons.clear();
  const params = fuzzParams(150);
  let runs = 0;
  fc.assert(fc.property(programArb, (text) => {
    const { program, diagnostics } = assemble(text);
    assert.ok(program, `the generator wrote a program that does not assemble: ${diagnostics.map((d) => `${d.line}: ${d.message}`).join('; ')}\n${text}`);
    const differences = disagreements(program, true);
    runs++;
    assert.deepEqual(differences, [], `differs on real KVM:\n  ${differences.join('\n  ')}\n${text}`);
  }), params);
  const ends = [...exitReasons].map(([r, n]) => `${r} ${n}`).join(', ');
  console.log(`# ${runs} random programs agree with real KVM (seed ${params.seed}, FUZZ_RUNS=${params.numRuns}); ended: ${ends}`);
  assert.ok((exitReasons.get('hlt') ?? 0) > runs / 2, `most random programs run to their hlt: ${ends}`);
  assert.ok(exitReasons.has('shutdown') && exitReasons.has('debug-exit'), `some end in a triple fault and some at the debug-exit port: ${ends}`);
});
