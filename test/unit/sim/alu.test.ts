import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from './helpers';

const CF = 1, ZF = 0x40, SF = 0x80;
const u32 = (v: number) => v >>> 0;

/** The spec's arithmetic, written independently of the simulator: [result, flags] or undefined for cmp. */
function reference(op: string, a: number, b: number, oldCf: boolean): { result: number; flags: number } {
  let r: number;
  let cf = oldCf;
  switch (op) {
    case 'add': r = u32(a + b); cf = a + b > 0xffffffff; break;
    case 'sub': case 'cmp': r = u32(a - b); cf = a < b; break;
    case 'and': r = u32(a & b); break;
    case 'or': r = u32(a | b); break;
    case 'xor': r = u32(a ^ b); break;
    case 'shl': r = u32(a << (b & 31)); break;
    case 'shr': r = a >>> (b & 31); break;
    case 'mul': r = Number((BigInt(a) * BigInt(b)) & 0xffffffffn); break;
    default: throw new Error(op);
  }
  const flags = 2 | (cf ? CF : 0) | (r === 0 ? ZF : 0) | (r >= 0x80000000 ? SF : 0);
  return { result: op === 'cmp' ? a : r, flags };
}

const VALUES = [0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0x12345678, 31, 33];
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
            const expected = reference(op, a, b, setCf);
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

test('inc and dec: ZF and SF from the result, CF kept; memory and register forms agree', () => {
  for (const v of VALUES) {
    for (const op of ['inc', 'dec']) {
      for (const setCf of [false, true]) {
        const r = run(`mov r1, ${v}\nmov [0x9000], r1\nmov r3, 0\n${setCf ? 'sub r3, 1' : 'add r3, 0'}\n${op} r1\n${op} [0x9000]\nmov r6, [0x9000]\npushf\npop r7\nhlt`);
        const res = u32(op === 'inc' ? v + 1 : v - 1);
        assert.equal(r.registers.r1, res);
        assert.equal(r.registers.r6, res);
        assert.equal(r.registers.r7, 2 | (setCf ? CF : 0) | (res === 0 ? ZF : 0) | (res >= 0x80000000 ? SF : 0), `${op} ${v}`);
      }
    }
  }
});
