/** Checks resolved operands against a mnemonic and pre-decodes them into an interpreter slot. */
import { Alu, Op } from './fastpath';
import type { MnemonicSpec } from './isa';
import type { Operand } from './operands';
import type { DecodedFields, GenericOperand } from './program';

/** An operand with its expression resolved to a number. */
export type Resolved =
  | { kind: 'reg'; reg: number }
  | { kind: 'cs' }
  | { kind: 'cr'; cr: 0 | 2 | 3 }
  | { kind: 'imm'; value: number }
  | { kind: 'mem'; base: number; disp: number };

const KIND_TEXT: Record<string, string> = {
  reg: 'a register (r0-r7, sp)',
  imm: 'a number or label',
  mem: 'a memory operand ([reg], [reg+offset] or [address])',
  cs: 'cs',
  cr: 'a control register (cr0, cr2, cr3)',
};

export function describeKind(kind: Operand['kind']): string {
  return KIND_TEXT[kind];
}

/** Why these operand kinds do not fit `spec`, or undefined when they do. Index -1: the whole statement. */
export function operandProblem(spec: MnemonicSpec, kinds: Operand['kind'][]): { index: number; message: string } | undefined {
  const name = spec.name;
  if (kinds.length !== spec.operands.length) {
    const n = spec.operands.length;
    const want = n === 0 ? 'no operands' : n === 1 ? '1 operand' : `${n} operands`;
    return { index: -1, message: `'${name}' takes ${want} (${spec.syntax}), got ${kinds.length}` };
  }
  for (let i = 0; i < kinds.length; i++) {
    const allowed = spec.operands[i].split('|');
    if (!allowed.includes(kinds[i])) {
      const expected = allowed.map((k) => KIND_TEXT[k]).join(' or ');
      return { index: i, message: `operand ${i + 1} of '${name}' must be ${expected} (${spec.syntax}), not ${KIND_TEXT[kinds[i]]}` };
    }
  }
  if (name === 'mov') {
    const [d, s] = kinds;
    if (d === 'mem' && s === 'mem') return { index: 1, message: `'mov' cannot copy memory to memory (load into a register first)` };
    if (d === 'mem' && (s === 'cs' || s === 'cr')) return { index: 1, message: `'mov' can copy ${s === 'cs' ? 'cs' : 'a control register'} only into a register (mov reg, ${s === 'cs' ? 'cs' : 'crN'})` };
    if (d === 'cr' && s !== 'reg') return { index: 1, message: `'mov crN, src' needs a register as source (mov crN, reg)` };
    if (d === 'cr' && s === 'reg') return undefined;
    if (s === 'cr' && d !== 'reg') return { index: 0, message: `'mov dst, crN' needs a register as destination` };
  } else if (kinds.length === 2 && kinds[0] === 'mem' && kinds[1] === 'mem') {
    return { index: 1, message: `'${name}' cannot take two memory operands (load one into a register first)` };
  }
  return undefined;
}

const ALU_OF: Record<string, Alu> = {
  mov: Alu.Mov, add: Alu.Add, sub: Alu.Sub, and: Alu.And, or: Alu.Or, xor: Alu.Xor, shl: Alu.Shl, shr: Alu.Shr,
  mul: Alu.Mul, cmp: Alu.Cmp, inc: Alu.Inc, dec: Alu.Dec, push: Alu.Push, pop: Alu.Pop, call: Alu.Call, ret: Alu.Ret, nop: Alu.Nop,
};

/** [register-register op, register-immediate op] of the two-operand ALU mnemonics. */
const ALU_OPS: Record<string, [Op, Op]> = {
  add: [Op.AddRR, Op.AddRI], sub: [Op.SubRR, Op.SubRI], and: [Op.AndRR, Op.AndRI], or: [Op.OrRR, Op.OrRI],
  xor: [Op.XorRR, Op.XorRI], shl: [Op.ShlRR, Op.ShlRI], shr: [Op.ShrRR, Op.ShrRI], mul: [Op.MulRR, Op.MulRI], cmp: [Op.CmpRR, Op.CmpRI],
};

const JUMPS: Record<string, Op> = {
  jmp: Op.Jmp, jz: Op.Jz, jnz: Op.Jnz, jl: Op.Jl, jg: Op.Jg, jle: Op.Jle, jge: Op.Jge, jb: Op.Jb, ja: Op.Ja, call: Op.Call,
};

const PLAIN: Record<string, Op> = {
  hlt: Op.Hlt, cli: Op.Cli, sti: Op.Sti, iret: Op.Iret, pushf: Op.Pushf, popf: Op.Popf, cpuid: Op.Cpuid,
  rdtsc: Op.Rdtsc, vmcall: Op.Vmcall, ud2: Op.Ud2, nop: Op.Nop, ret: Op.Ret,
};

const MEMORY_OPS: Record<string, Op> = { lidt: Op.Lidt, lgdt: Op.Lgdt, sgdt: Op.Sgdt, sidt: Op.Sidt, invlpg: Op.Invlpg };

function generic(o: Resolved | undefined): GenericOperand | undefined {
  if (!o) return undefined;
  if (o.kind === 'reg') return { kind: 'reg', reg: o.reg };
  if (o.kind === 'imm') return { kind: 'imm', value: o.value | 0 };
  if (o.kind === 'mem') return { kind: 'mem', base: o.base, disp: o.disp | 0 };
  return undefined;
}

/** Pre-decodes an instruction whose operands passed `operandProblem`. `name` is canonical (jz for je). */
export function encode(name: string, ops: Resolved[]): DecodedFields {
  const [d, s] = ops;
  const alu = ALU_OF[name];
  const g = alu !== undefined ? { alu, dst: generic(d), src: generic(s) } : undefined;
  const f = (op: Op, a = 0, b = 0, c = 0): DecodedFields => ({ op, a: a | 0, b: b | 0, c: c | 0, generic: g });
  if (name in PLAIN) return f(PLAIN[name]);
  if (name in JUMPS) return f(JUMPS[name], 0, 0, (d as { value: number }).value);
  if (name in MEMORY_OPS) {
    const m = d as { base: number; disp: number };
    return f(MEMORY_OPS[name], m.base, m.disp);
  }
  switch (name) {
    case 'mov':
      if (d.kind === 'reg' && s.kind === 'reg') return f(Op.MovRR, d.reg, s.reg);
      if (d.kind === 'reg' && s.kind === 'imm') return f(Op.MovRI, d.reg, s.value);
      if (d.kind === 'reg' && s.kind === 'mem') return f(Op.MovRM, d.reg, s.base, s.disp);
      if (d.kind === 'mem' && s.kind === 'reg') return f(Op.MovMR, d.base, d.disp, s.reg);
      if (d.kind === 'mem' && s.kind === 'imm') return f(Op.MovMI, d.base, d.disp, s.value);
      if (d.kind === 'reg' && s.kind === 'cs') return { op: Op.MovRCs, a: d.reg, b: 0, c: 0 };
      if (d.kind === 'reg' && s.kind === 'cr') return { op: Op.MovFromCr, a: d.reg, b: s.cr, c: 0 };
      if (d.kind === 'cr' && s.kind === 'reg') return { op: Op.MovToCr, a: d.cr, b: s.reg, c: 0 };
      break;
    case 'inc':
    case 'dec':
      return d.kind === 'reg' ? f(name === 'inc' ? Op.Inc : Op.Dec, d.reg) : f(Op.Generic);
    case 'push':
      if (d.kind === 'reg') return f(Op.PushR, d.reg);
      if (d.kind === 'imm') return f(Op.PushI, d.value);
      if (d.kind === 'cs') return { op: Op.PushCs, a: 0, b: 0, c: 0 };
      return f(Op.Generic);
    case 'pop':
      return d.kind === 'reg' ? f(Op.PopR, d.reg) : f(Op.Generic);
    case 'in':
      return { op: Op.In, a: (d as { reg: number }).reg, b: (s as { value: number }).value, c: 0 };
    case 'out':
      return { op: Op.Out, a: (d as { value: number }).value, b: (s as { reg: number }).reg, c: 0 };
    case 'smsw':
      return { op: Op.Smsw, a: (d as { reg: number }).reg, b: 0, c: 0 };
    case 'int':
      return { op: Op.Int, a: (d as { value: number }).value, b: 0, c: 0 };
    default:
      break;
  }
  const pair = ALU_OPS[name];
  if (pair && d.kind === 'reg' && s.kind === 'reg') return f(pair[0], d.reg, s.reg);
  if (pair && d.kind === 'reg' && s.kind === 'imm') return f(pair[1], d.reg, s.value);
  return f(Op.Generic);
}
