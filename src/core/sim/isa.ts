/** The instruction set: mnemonics, their class and operand shapes (pre-decoded opcodes: `./fastpath`). */
import type { InstructionClass } from './api';

export { Op, Alu, isControlTransfer } from './fastpath';

export type OperandKind = 'reg' | 'imm' | 'mem' | 'cs' | 'cr';

/** Operand slots a mnemonic accepts, one string per slot, e.g. `['reg|mem', 'reg|imm|mem']`. */
export interface MnemonicSpec {
  name: string;
  aliases?: string[];
  cls: InstructionClass;
  operands: string[];
  syntax: string;
  /** Ends a basic block (for binary translation). */
  endsBlock?: boolean;
}

const I = 'innocuous' as const;
const P = 'privileged' as const;
const S = 'sensitive-unprivileged' as const;
const X = 'special' as const;

export const MNEMONIC_SPECS: readonly MnemonicSpec[] = [
  { name: 'nop', cls: I, operands: [], syntax: 'nop' },
  { name: 'mov', cls: I, operands: ['reg|mem|cr', 'reg|imm|mem|cs|cr'], syntax: 'mov dst, src' },
  { name: 'add', cls: I, operands: ['reg|mem', 'reg|imm|mem'], syntax: 'add dst, src' },
  { name: 'sub', cls: I, operands: ['reg|mem', 'reg|imm|mem'], syntax: 'sub dst, src' },
  { name: 'and', cls: I, operands: ['reg|mem', 'reg|imm|mem'], syntax: 'and dst, src' },
  { name: 'or', cls: I, operands: ['reg|mem', 'reg|imm|mem'], syntax: 'or dst, src' },
  { name: 'xor', cls: I, operands: ['reg|mem', 'reg|imm|mem'], syntax: 'xor dst, src' },
  { name: 'shl', cls: I, operands: ['reg|mem', 'reg|imm'], syntax: 'shl dst, count' },
  { name: 'shr', cls: I, operands: ['reg|mem', 'reg|imm'], syntax: 'shr dst, count' },
  { name: 'mul', cls: I, operands: ['reg', 'reg|imm|mem'], syntax: 'mul dst, src' },
  { name: 'inc', cls: I, operands: ['reg|mem'], syntax: 'inc dst' },
  { name: 'dec', cls: I, operands: ['reg|mem'], syntax: 'dec dst' },
  { name: 'cmp', cls: I, operands: ['reg|mem', 'reg|imm|mem'], syntax: 'cmp a, b' },
  { name: 'jmp', cls: I, operands: ['imm'], syntax: 'jmp label', endsBlock: true },
  { name: 'jz', aliases: ['je'], cls: I, operands: ['imm'], syntax: 'jz label', endsBlock: true },
  { name: 'jnz', aliases: ['jne'], cls: I, operands: ['imm'], syntax: 'jnz label', endsBlock: true },
  { name: 'jl', cls: I, operands: ['imm'], syntax: 'jl label', endsBlock: true },
  { name: 'jg', cls: I, operands: ['imm'], syntax: 'jg label', endsBlock: true },
  { name: 'jle', cls: I, operands: ['imm'], syntax: 'jle label', endsBlock: true },
  { name: 'jge', cls: I, operands: ['imm'], syntax: 'jge label', endsBlock: true },
  { name: 'jb', cls: I, operands: ['imm'], syntax: 'jb label', endsBlock: true },
  { name: 'ja', cls: I, operands: ['imm'], syntax: 'ja label', endsBlock: true },
  { name: 'call', cls: I, operands: ['imm'], syntax: 'call label', endsBlock: true },
  { name: 'ret', cls: I, operands: [], syntax: 'ret', endsBlock: true },
  { name: 'push', cls: I, operands: ['reg|imm|mem|cs'], syntax: 'push src' },
  { name: 'pop', cls: I, operands: ['reg|mem'], syntax: 'pop dst' },
  { name: 'hlt', cls: P, operands: [], syntax: 'hlt', endsBlock: true },
  { name: 'cli', cls: P, operands: [], syntax: 'cli' },
  { name: 'sti', cls: P, operands: [], syntax: 'sti' },
  { name: 'in', cls: P, operands: ['reg', 'imm'], syntax: 'in reg, port' },
  { name: 'out', cls: P, operands: ['imm', 'reg'], syntax: 'out port, reg' },
  { name: 'lidt', cls: P, operands: ['mem'], syntax: 'lidt [m]' },
  { name: 'lgdt', cls: P, operands: ['mem'], syntax: 'lgdt [m]' },
  { name: 'invlpg', cls: P, operands: ['mem'], syntax: 'invlpg [m]' },
  { name: 'iret', cls: P, operands: [], syntax: 'iret', endsBlock: true },
  { name: 'pushf', cls: S, operands: [], syntax: 'pushf' },
  { name: 'popf', cls: S, operands: [], syntax: 'popf' },
  { name: 'sgdt', cls: S, operands: ['mem'], syntax: 'sgdt [m]' },
  { name: 'sidt', cls: S, operands: ['mem'], syntax: 'sidt [m]' },
  { name: 'smsw', cls: S, operands: ['reg'], syntax: 'smsw reg' },
  { name: 'cpuid', cls: X, operands: [], syntax: 'cpuid' },
  { name: 'rdtsc', cls: X, operands: [], syntax: 'rdtsc' },
  { name: 'vmcall', cls: X, operands: [], syntax: 'vmcall', endsBlock: true },
  { name: 'int', cls: X, operands: ['imm'], syntax: 'int n', endsBlock: true },
  { name: 'ud2', cls: X, operands: [], syntax: 'ud2', endsBlock: true },
];

const byName = new Map<string, MnemonicSpec>();
for (const spec of MNEMONIC_SPECS) {
  byName.set(spec.name, spec);
  for (const alias of spec.aliases ?? []) byName.set(alias, spec);
}

/** The spec of a mnemonic or alias (case-insensitive). */
export function mnemonicSpec(name: string): MnemonicSpec | undefined {
  return byName.get(name.toLowerCase());
}

/** Every accepted mnemonic spelling, lower case (aliases included). */
export const MNEMONICS: readonly string[] = [...byName.keys()];
export const REGISTERS: readonly string[] = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'sp', 'cs', 'cr0', 'cr2', 'cr3'];
export const DIRECTIVES: readonly string[] = ['.equ', '.word', '.byte', '.ascii', '.asciz', '.space', '.align', '.org'];

/** Register file index of `sp` (r0..r7 are 0..7). */
export const SP = 8;

/** Bytes one instruction occupies in guest memory (addresses of labels count with this). */
export const INSTRUCTION_SIZE = 4;
