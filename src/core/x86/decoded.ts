/**
 * Read-only view of an assembled program's pre-decoded operands, per instruction, in the
 * simulator's register numbering (r0..r7 = 0..7, sp = 8, the zero pseudo register of `[expr]` = 9).
 */
import { Alu, Op } from '../sim/fastpath';
import type { AssembledProgram, GenericOperand } from '../sim/program';

export type VmOperand =
  | GenericOperand
  | { kind: 'cs' }
  | { kind: 'cr'; cr: number };

export interface DecodedInstruction {
  /** Canonical mnemonic (`jz` for `je`), lower case. */
  name: string;
  dst?: VmOperand;
  src?: VmOperand;
  /** Jump and call targets (simulator addresses). */
  target?: number;
  /** A form this reader does not know (e.g. one added to the simulator later). */
  unknown?: true;
}

const PLAIN: Partial<Record<Op, string>> = {
  [Op.Nop]: 'nop', [Op.Hlt]: 'hlt', [Op.Cli]: 'cli', [Op.Sti]: 'sti', [Op.Iret]: 'iret', [Op.Pushf]: 'pushf',
  [Op.Popf]: 'popf', [Op.Cpuid]: 'cpuid', [Op.Rdtsc]: 'rdtsc', [Op.Vmcall]: 'vmcall', [Op.Ud2]: 'ud2', [Op.Ret]: 'ret',
};
const JUMP: Partial<Record<Op, string>> = {
  [Op.Jmp]: 'jmp', [Op.Jz]: 'jz', [Op.Jnz]: 'jnz', [Op.Jl]: 'jl', [Op.Jg]: 'jg', [Op.Jle]: 'jle', [Op.Jge]: 'jge',
  [Op.Jb]: 'jb', [Op.Ja]: 'ja', [Op.Call]: 'call',
};
const MEMORY: Partial<Record<Op, string>> = { [Op.Lidt]: 'lidt', [Op.Lgdt]: 'lgdt', [Op.Sgdt]: 'sgdt', [Op.Sidt]: 'sidt', [Op.Invlpg]: 'invlpg' };
const RR: Partial<Record<Op, string>> = {
  [Op.AddRR]: 'add', [Op.SubRR]: 'sub', [Op.AndRR]: 'and', [Op.OrRR]: 'or', [Op.XorRR]: 'xor', [Op.ShlRR]: 'shl',
  [Op.ShrRR]: 'shr', [Op.MulRR]: 'mul', [Op.CmpRR]: 'cmp',
};
const RI: Partial<Record<Op, string>> = {
  [Op.AddRI]: 'add', [Op.SubRI]: 'sub', [Op.AndRI]: 'and', [Op.OrRI]: 'or', [Op.XorRI]: 'xor', [Op.ShlRI]: 'shl',
  [Op.ShrRI]: 'shr', [Op.MulRI]: 'mul', [Op.CmpRI]: 'cmp',
};
const ALU_NAME: Partial<Record<Alu, string>> = {
  [Alu.Mov]: 'mov', [Alu.Add]: 'add', [Alu.Sub]: 'sub', [Alu.And]: 'and', [Alu.Or]: 'or', [Alu.Xor]: 'xor', [Alu.Shl]: 'shl',
  [Alu.Shr]: 'shr', [Alu.Mul]: 'mul', [Alu.Cmp]: 'cmp', [Alu.Inc]: 'inc', [Alu.Dec]: 'dec', [Alu.Push]: 'push', [Alu.Pop]: 'pop',
  [Alu.Nop]: 'nop',
};

const r = (n: number): VmOperand => ({ kind: 'reg', reg: n });
const imm = (n: number): VmOperand => ({ kind: 'imm', value: n | 0 });
const m = (base: number, disp: number): VmOperand => ({ kind: 'mem', base, disp: disp | 0 });

/** The operands of `program.instructions[index]`, from the slots the interpreter runs. */
export function decodedInstruction(program: AssembledProgram, index: number): DecodedInstruction {
  const s = program.slotAt(program.instructions[index].address);
  const op = program.op[s] as Op;
  const a = program.a[s];
  const b = program.b[s];
  const c = program.c[s];
  if (PLAIN[op]) return { name: PLAIN[op]! };
  if (JUMP[op]) return { name: JUMP[op]!, target: c >>> 0 };
  if (MEMORY[op]) return { name: MEMORY[op]!, dst: m(a, b) };
  if (RR[op]) return { name: RR[op]!, dst: r(a), src: r(b) };
  if (RI[op]) return { name: RI[op]!, dst: r(a), src: imm(b) };
  switch (op) {
    case Op.MovRR: return { name: 'mov', dst: r(a), src: r(b) };
    case Op.MovRI: return { name: 'mov', dst: r(a), src: imm(b) };
    case Op.MovRM: return { name: 'mov', dst: r(a), src: m(b, c) };
    case Op.MovMR: return { name: 'mov', dst: m(a, b), src: r(c) };
    case Op.MovMI: return { name: 'mov', dst: m(a, b), src: imm(c) };
    case Op.Inc: return { name: 'inc', dst: r(a) };
    case Op.Dec: return { name: 'dec', dst: r(a) };
    case Op.PushR: return { name: 'push', src: r(a) };
    case Op.PushI: return { name: 'push', src: imm(a) };
    case Op.PushCs: return { name: 'push', src: { kind: 'cs' } };
    case Op.PopR: return { name: 'pop', dst: r(a) };
    case Op.MovRCs: return { name: 'mov', dst: r(a), src: { kind: 'cs' } };
    case Op.MovFromCr: return { name: 'mov', dst: r(a), src: { kind: 'cr', cr: b } };
    case Op.MovToCr: return { name: 'mov', dst: { kind: 'cr', cr: a }, src: r(b) };
    case Op.In: return { name: 'in', dst: r(a), src: imm(b) };
    case Op.Out: return { name: 'out', dst: imm(a), src: r(b) };
    case Op.Smsw: return { name: 'smsw', dst: r(a) };
    case Op.Int: return { name: 'int', dst: imm(a) };
    case Op.Generic: {
      const g = program.generic[s]!;
      const name = ALU_NAME[g.alu] ?? 'nop';
      // push keeps its single operand as the source, like the other forms above.
      if (name === 'push') return { name, src: g.dst };
      return { name, dst: g.dst, src: g.src };
    }
    default:
      return { name: program.instructions[index].mnemonic, unknown: true };
  }
}
