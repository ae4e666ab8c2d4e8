import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fuzzParams } from '../fuzz/config';
import { FLAGS_WRITTEN, UNDEFINED_FLAGS, undefinedFlags } from '../../../src/core/sim';
import { run, simulate } from './helpers';

const CF = 0x1, PF = 0x4, AF = 0x10, ZF = 0x40, SF = 0x80, OF = 0x800;
const u32 = (v: number) => v >>> 0;
const s32 = (v: number) => v | 0;
const bit = (v: number, n: number) => Math.floor(v / 2 ** n) % 2 === 1;

/** Flags before the operation: `mov r3, 0` then `sub r3, 1` (setCf) or `add r3, 0`. */
function before(setCf: boolean): number {
  return reference(setCf ? 'sub' : 'add', 0, setCf ? 1 : 0, 2).flags;
}

/**
 * The Intel SDM's flag definitions, written independently of the simulator (plain arithmetic on
 * unbounded numbers and BigInt, no bit tricks shared with it). Where the SDM says "undefined" the
 * simulator's documented choice is used: AF = 0 after logic, shifts and mul; SF/ZF/PF of mul from
 * the low half; OF of a shift by more than 1 as for a count of 1 (shl), 0 (shr).
 */
function reference(op: string, a: number, b: number, old: number): { result: number; flags: number } {
  let r: number;
  let cf = (old & CF) !== 0;
  let of = (old & OF) !== 0;
  let af = (old & AF) !== 0;
  switch (op) {
    case 'add': case 'inc': {
      const y = op === 'inc' ? 1 : b;
      r = u32(a + y);
      if (op === 'add') cf = a + y > 0xffffffff;
      of = s32(a) + s32(y) !== s32(r);
      af = (a % 16) + (y % 16) > 15;
      break;
    }
    case 'sub': case 'cmp': case 'dec': {
      const y = op === 'dec' ? 1 : b;
      r = u32(a - y);
      if (op !== 'dec') cf = a < y;
      of = s32(a) - s32(y) !== s32(r);
      af = a % 16 < y % 16;
      break;
    }
    case 'and': case 'or': case 'xor':
      r = u32(op === 'and' ? a & b : op === 'or' ? a | b : a ^ b);
      cf = of = af = false;
      break;
    case 'shl': case 'shr': {
      const c = b % 32;
      if (c === 0) return { result: a, flags: old };
      if (op === 'shl') {
        r = Number((BigInt(a) << BigInt(c)) % 2n ** 32n);
        cf = bit(a, 32 - c);
        of = bit(r, 31) !== cf;
      } else {
        r = Math.floor(a / 2 ** c);
        cf = bit(a, c - 1);
        of = c === 1 && bit(a, 31);
      }
      af = false;
      break;
    }
    case 'mul': {
      const p = BigInt(a) * BigInt(b);
      r = Number(p % 2n ** 32n);
      cf = of = p >= 2n ** 32n;
      af = false;
      break;
    }
    default: throw new Error(op);
  }
  let ones = 0;
  for (let k = 0; k < 8; k++) if (bit(r, k)) ones++;
  const flags = 2 | (cf ? CF : 0) | (ones % 2 === 0 ? PF : 0) | (af ? AF : 0) | (r === 0 ? ZF : 0) | (r >= 0x80000000 ? SF : 0) | (of ? OF : 0);
  return { result: op === 'cmp' ? a : r, flags };
}

const VALUES = [0, 1, 2, 0xf, 0x10, 0x7f, 0x7fffffff, 0x80000000, 0x8000000f, 0xffffffff, 0x12345678, 31, 32, 33];
const FORMS = ['rr', 'ri', 'mr', 'rm', 'mi'] as const;

function source(op: string, form: (typeof FORMS)[number], a: number, b: number, setCf: boolean, repeat: number): string {
  const operands = { rr: 'r1, r2', ri: `r1, ${b}`, mr: '[0x9000], r2', rm: 'r1, [0x9004]', mi: `[0x9000], ${b}` }[form];
  // The operation runs `repeat` times in a loop (hot enough to be compiled) on fresh operands.
  return `
    mov r5, ${repeat}
again:
    mov r1, ${a}
    mov r2, ${b}
    mov [0x9000], r1
    mov [0x9004], r2
    mov r3, 0
    ${setCf ? 'sub r3, 1' : 'add r3, 0'}
    ${op} ${operands}
    mov r6, [0x9000]
    pushf
    pop r7
    dec r5
    jnz again
    hlt`;
}

for (const op of ['add', 'sub', 'cmp', 'and', 'or', 'xor', 'shl', 'shr', 'mul']) {
  test(`${op}: result and flags in every operand form, interpreted and compiled`, () => {
    for (const form of FORMS) {
      if (op === 'mul' && (form === 'mr' || form === 'mi')) continue;
      if ((op === 'shl' || op === 'shr') && form === 'rm') continue;
      for (const a of VALUES) {
        for (const b of VALUES) {
          for (const setCf of [false, true]) {
            const expected = reference(op, a, b, before(setCf));
            for (const [repeat, compile] of [[1, false], [12, true]] as const) {
              const r = run(source(op, form, a, b, setCf, repeat), 'native', { compile });
              const value = form === 'mr' || form === 'mi' ? r.registers.r6 : r.registers.r1;
              const what = `${op} ${form} ${a} ${b} cf=${setCf} repeat=${repeat}`;
              assert.equal(value, expected.result, what);
              assert.equal(r.registers.r7, expected.flags, what);
            }
          }
        }
      }
    }
  });
}

test('inc and dec: every flag but CF as the SDM says, CF kept; memory and register forms agree', () => {
  for (const v of VALUES) {
    for (const op of ['inc', 'dec']) {
      for (const setCf of [false, true]) {
        for (const compile of [false, true]) {
          const r = run(`mov r5, ${compile ? 12 : 1}\nagain:\nmov r1, ${v}\nmov [0x9000], r1\nmov r3, 0\n${setCf ? 'sub r3, 1' : 'add r3, 0'}\n${op} r1\npushf\npop r4\n${op} [0x9000]\nmov r6, [0x9000]\npushf\npop r7\ndec r5\njnz again\nhlt`, 'native', { compile });
          const expected = reference(op, v, 1, before(setCf));
          assert.equal(r.registers.r1, expected.result);
          assert.equal(r.registers.r6, expected.result);
          assert.equal(r.registers.r4, expected.flags, `${op} ${v} register`);
          assert.equal(r.registers.r7, expected.flags, `${op} ${v} memory`);
        }
      }
    }
  }
});

test('the reference itself: known x86 results (SDM examples and hand-checked cases)', () => {
  // 0x7fffffff + 1: OF, SF, AF set; PF of 0x00 is set.
  assert.equal(reference('add', 0x7fffffff, 1, 2).flags, 2 | OF | SF | AF | PF);
  // 0 - 1: CF (borrow), SF, AF, PF (0xff has eight 1 bits).
  assert.equal(reference('sub', 0, 1, 2).flags, 2 | CF | SF | AF | PF);
  // shl 0x80000000, 1: CF = 1, result 0, OF = 0 ^ 1.
  assert.equal(reference('shl', 0x80000000, 1, 2).flags, 2 | CF | ZF | PF | OF);
  // shr 0x80000001, 1: CF = 1, OF = old MSB = 1; result 0x40000000 has a low byte of 0: PF.
  assert.equal(reference('shr', 0x80000001, 1, 2).flags, 2 | CF | OF | PF);
  // mul 0x10000 × 0x10000: high half 1, low half 0.
  assert.equal(reference('mul', 0x10000, 0x10000, 2).flags, 2 | CF | OF | ZF | PF);
});

// --- Random ALU chains with every flag-reading branch, against the reference ------------------

type Place = { reg: number } | { word: number };
type Step =
  | { kind: 'alu'; op: string; dst: Place; src: Place | { imm: number } }
  | { kind: 'jump'; cc: string };

const CONDITIONS: Record<string, (f: number) => boolean> = {
  jz: (f) => (f & ZF) !== 0,
  jnz: (f) => (f & ZF) === 0,
  jl: (f) => ((f & SF) !== 0) !== ((f & OF) !== 0),
  jge: (f) => ((f & SF) !== 0) === ((f & OF) !== 0),
  jg: (f) => (f & ZF) === 0 && ((f & SF) !== 0) === ((f & OF) !== 0),
  jle: (f) => (f & ZF) !== 0 || ((f & SF) !== 0) !== ((f & OF) !== 0),
  jb: (f) => (f & CF) !== 0,
  ja: (f) => (f & CF) === 0 && (f & ZF) === 0,
};

const value = fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(0, 1, 0xf, 0x10, 0x7fffffff, 0x80000000, 0xffffffff, 31, 32, 33));
const place: fc.Arbitrary<Place> = fc.oneof(fc.nat({ max: 3 }).map((reg) => ({ reg })), fc.nat({ max: 3 }).map((word) => ({ word })));
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('alu' as const), op: fc.constantFrom('add', 'sub', 'cmp', 'and', 'or', 'xor', 'shl', 'shr', 'mul', 'inc', 'dec'), dst: place, src: fc.oneof(place, value.map((imm) => ({ imm }))) }) },
  { weight: 1, arbitrary: fc.constantFrom(...Object.keys(CONDITIONS)).map((cc) => ({ kind: 'jump' as const, cc })) },
);

/** Operand forms the language accepts: no memory-to-memory, mul into a register, shift counts not in memory. */
function legal(s: Step): Step {
  if (s.kind === 'jump') return s;
  let { dst, src } = s;
  if (s.op === 'mul' && 'word' in dst) dst = { reg: dst.word };
  if ('word' in dst && 'word' in src) src = { reg: src.word };
  if ((s.op === 'shl' || s.op === 'shr') && 'word' in src) src = { imm: src.word * 9 };
  return { ...s, dst, src };
}

const text = (p: Place | { imm: number }) => ('reg' in p ? `r${p.reg}` : 'word' in p ? `[${0x9000 + 4 * p.word}]` : String(p.imm));

/** The chain in vmasm: each jump skips the instruction after it. */
function chainSource(steps: Step[], init: number[], before: number, repeat: number): string {
  const body = steps.map((s, i) => `c${i}: ${s.kind === 'jump' ? `${s.cc} c${i + 2}` : ['inc', 'dec'].includes(s.op) ? `${s.op} ${text(s.dst)}` : `${s.op} ${text(s.dst)}, ${text(s.src)}`}`);
  const setup = init.map((v, i) => (i < 4 ? `mov r${i}, ${v}` : `mov [${0x9000 + 4 * (i - 4)}], ${v}`));
  return `mov r7, ${repeat}\nagain:\n${setup.join('\n')}\npush ${before}\npopf\n${body.join('\n')}\nc${steps.length}: nop\nc${steps.length + 1}: pushf\npop r6\ndec r7\njnz again\nhlt`;
}

/** The same chain on the reference: values (r0..r3, words 0..3) and the final flags. */
function chainReference(steps: Step[], init: number[], before: number): { values: number[]; flags: number } {
  const v = [...init];
  const at = (p: Place | { imm: number }) => ('reg' in p ? p.reg : 'word' in p ? 4 + p.word : -1);
  let flags = before;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if (s.kind === 'jump') {
      if (CONDITIONS[s.cc](flags)) i++;
      continue;
    }
    const a = v[at(s.dst)];
    const b = 'imm' in s.src ? s.src.imm >>> 0 : v[at(s.src)];
    const r = reference(s.op, a, b, flags);
    flags = r.flags;
    if (s.op !== 'cmp') v[at(s.dst)] = r.result;
  }
  return { values: v, flags };
}

test('property: random ALU chains with flag-reading branches match the SDM reference, interpreted, compiled and in memory forms', () => {
  const arbitrary = fc.tuple(
    fc.array(stepArb.map(legal), { minLength: 1, maxLength: 16 }),
    fc.array(value, { minLength: 8, maxLength: 8 }),
    fc.nat({ max: 0xfff }).map((f) => (f & 0x8d5) | 2),
  );
  fc.assert(
    fc.property(arbitrary, ([steps, init, before]) => {
      const expected = chainReference(steps, init, before);
      for (const [repeat, compile] of [[1, false], [12, true]] as const) {
        const source = chainSource(steps, init, before, repeat);
        const sim = simulate(source, 'native', { compile });
        const r = sim.result();
        const words = new DataView(sim.readMemory(0x9000, 16).buffer);
        const got = [r.registers.r0, r.registers.r1, r.registers.r2, r.registers.r3, ...[0, 4, 8, 12].map((o) => words.getUint32(o, true))];
        assert.deepEqual(got, expected.values, source);
        assert.equal(r.registers.r6, expected.flags, `flags 0x${r.registers.r6.toString(16)} vs 0x${expected.flags.toString(16)}\n${source}`);
      }
    }),
    fuzzParams(300),
  );
});

test('UNDEFINED_FLAGS names the flags the SDM leaves undefined, per mnemonic and shift count', () => {
  assert.equal(UNDEFINED_FLAGS.add ?? 0, 0);
  assert.equal(UNDEFINED_FLAGS.inc ?? 0, 0);
  assert.equal(UNDEFINED_FLAGS.and, AF);
  assert.equal(UNDEFINED_FLAGS.mul, SF | ZF | AF | PF);
  assert.equal(UNDEFINED_FLAGS.shl, AF | OF);
  assert.deepEqual([0, 1, 2, 31, 32, 33].map((c) => undefinedFlags('SHR', c)), [0, AF, AF | OF, AF | OF, 0, AF]);
  assert.equal(FLAGS_WRITTEN.dec, PF | AF | ZF | SF | OF, 'inc and dec leave CF alone');
  for (const [m, mask] of Object.entries(UNDEFINED_FLAGS)) assert.equal(mask & ~FLAGS_WRITTEN[m], 0, `${m}: undefined flags are written flags`);
});
