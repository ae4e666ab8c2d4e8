/**
 * The body of each vmasm instruction: the x86 instruction that does the work, its operands
 * lowered to x86 (r7 in its cell, a scratch register saved in its cell where two memory
 * operands would meet), with only flag-neutral moves around it.
 */
import {
  abs, Assembler, EAX, EBP, EBX, ECX, EDI, EDX, ESI, ESP, mem, OPCODE, reg,
  type AluName, type ConditionName, type Rm,
} from './asm';
import type { DecodedInstruction, VmOperand } from './decoded';
import { cell, saveCell } from './layout';
import { emitDeliver, emitIret, emitPopf, emitPrivilegeCheck, emitRet, VECTOR_UD, withEsp, type Targets } from './stubs';

/** Home of each vmasm register: r0..r6 in x86 registers (r0..r3 = EAX..EDX), r7 in a cell, sp = ESP. */
export const X86_OF: readonly number[] = [EAX, EBX, ECX, EDX, ESI, EDI, EBP, -1, ESP];
const R7 = 7;
const ZERO = 9;
const SCRATCH_ORDER = [EAX, ECX, EDX, EBX, ESI, EDI, EBP];
export const X86_NAMES = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi'] as const;

/** Scratch registers of one instruction: saved to their cells on first use, restored at the end. */
class Scratch {
  private readonly saved: number[] = [];
  constructor(private readonly a: Assembler, private readonly busy: ReadonlySet<number>) {}

  save(r: number): void {
    if (this.saved.includes(r)) return;
    this.a.aluRmReg('mov', abs(saveCell(r)), r);
    this.saved.push(r);
  }

  /** A register that no guest operand of this instruction uses, saved. */
  take(): number {
    const r = SCRATCH_ORDER.find((x) => !this.busy.has(x) && !this.saved.includes(x));
    if (r === undefined) throw new Error('x86: no scratch register left');
    this.save(r);
    return r;
  }

  restore(): void {
    for (const r of [...this.saved].reverse()) this.a.aluRegMem('mov', r, abs(saveCell(r)));
    this.saved.length = 0;
  }
}

/** x86 registers the guest operands name (as registers or as bases). */
function busyOf(...ops: (VmOperand | undefined)[]): Set<number> {
  const busy = new Set<number>();
  for (const o of ops) {
    if (o?.kind === 'reg' && X86_OF[o.reg] >= 0) busy.add(X86_OF[o.reg]);
    if (o?.kind === 'mem' && o.base !== ZERO && X86_OF[o.base] >= 0) busy.add(X86_OF[o.base]);
  }
  return busy;
}

type Lowered = Rm | { kind: 'imm'; value: number };

/** A guest operand as an x86 operand; a memory operand based on r7 gets r7 in a scratch register. */
function lower(a: Assembler, s: Scratch, o: VmOperand): Lowered {
  if (o.kind === 'imm') return o;
  if (o.kind === 'reg') return o.reg === R7 ? abs(cell('r7')) : reg(X86_OF[o.reg]);
  if (o.kind !== 'mem') throw new Error(`x86: operand ${o.kind} here`);
  if (o.base === ZERO) return abs(o.disp);
  if (o.base === R7) {
    const t = s.take();
    a.aluRegMem('mov', t, abs(cell('r7')));
    return mem(t, o.disp);
  }
  return mem(X86_OF[o.base], o.disp);
}

const isMem = (x: Lowered): x is Extract<Rm, { kind: 'mem' }> => x.kind === 'mem';
const sameRm = (x: Lowered, y: Lowered) => JSON.stringify(x) === JSON.stringify(y);

function aluOp(a: Assembler, name: AluName, d: Rm, s: Lowered): void {
  if (s.kind === 'imm') a.aluRmImm(name, d, s.value);
  else if (s.kind === 'reg') a.aluRmReg(name, d, s.reg);
  else if (d.kind === 'reg') a.aluRegMem(name, d.reg, s);
  else throw new Error('x86: two memory operands');
}

export interface Emitted {
  guestHalt?: number;
}

/** Instructions that raise #GP at CPL 3 (the simulator's `isPrivileged`). */
const PRIVILEGED = new Set(['hlt', 'cli', 'sti', 'in', 'out', 'lidt', 'lgdt', 'invlpg', 'iret']);

/** The body of one vmasm instruction (after its budget check). */
export function emitBody(a: Assembler, ins: DecodedInstruction, address: number, targets: Targets): Emitted {
  const privileged = PRIVILEGED.has(ins.name) || (ins.name === 'mov' && (ins.dst?.kind === 'cr' || ins.src?.kind === 'cr'));
  if (!targets.userMode || !privileged) return emitOperation(a, ins, address, targets);
  let emitted: Emitted = {};
  emitPrivilegeCheck(a, address, targets, () => {
    emitted = emitOperation(a, ins, address, targets);
  });
  return emitted;
}

function emitOperation(a: Assembler, ins: DecodedInstruction, address: number, targets: Targets): Emitted {
  const { name, dst, src } = ins;
  switch (name) {
    case 'nop':
      a.bytes(...OPCODE.nop);
      return {};
    case 'hlt': {
      const at = a.here;
      // KVM reports the EIP after HLT; the never-run ud2 keeps that EIP inside this instruction.
      a.bytes(...OPCODE.hlt, ...OPCODE.ud2);
      return { guestHalt: at };
    }
    case 'cli': a.bytes(...OPCODE.cli); return {};
    case 'sti': a.bytes(...OPCODE.sti); return {};
    case 'ud2': emitDeliver(a, VECTOR_UD, address, targets); return {};
    case 'int': emitDeliver(a, (ins.dst as { value: number }).value & 0xff, address + 4, targets); return {};
    case 'iret': emitIret(a, targets); return {};
    case 'rdtsc': a.bytes(...OPCODE.rdtsc); return {};
    case 'pushf': a.bytes(...OPCODE.pushfd); return {};
    case 'cpuid':
      // The simulator ignores r2; a fixed sub-leaf makes leaves 4, 7, 0xB... deterministic too.
      a.aluRmImm('mov', reg(ECX), 0);
      a.bytes(...OPCODE.cpuid);
      return {};
    case 'popf':
      emitPopf(a, targets);
      return {};
    case 'jmp':
      a.jmp(targets.label(ins.target!));
      return {};
    case 'jz': case 'jnz': case 'jl': case 'jg': case 'jle': case 'jge': case 'jb': case 'ja':
      a.jcc(name as ConditionName, targets.label(ins.target!));
      return {};
    case 'call':
      a.pushImm((address + 4) | 0);
      a.jmp(targets.label(ins.target!));
      return {};
    case 'ret':
      emitRet(a, targets.dynamic);
      return {};
    case 'mov':
      if (src?.kind === 'cs' || src?.kind === 'cr' || dst?.kind === 'cr') emitSystemMov(a, dst!, src!, targets.userMode);
      else emitAlu(a, 'mov', dst!, src!);
      return {};
    case 'add': case 'sub': case 'and': case 'or': case 'xor': case 'cmp':
      emitAlu(a, name, dst!, src!);
      return {};
    case 'shl': case 'shr':
      emitShift(a, name === 'shr', dst!, src!);
      return {};
    case 'mul':
      emitMul(a, dst as Extract<VmOperand, { kind: 'reg' }>, src!);
      return {};
    case 'inc': case 'dec': {
      const s = new Scratch(a, busyOf(dst));
      a.incDec(name === 'dec', lower(a, s, dst!) as Rm);
      s.restore();
      return {};
    }
    case 'push':
      emitPush(a, src!, targets.userMode);
      return {};
    case 'pop': {
      const s = new Scratch(a, busyOf(dst));
      a.pop(lower(a, s, dst!) as Rm);
      s.restore();
      return {};
    }
    case 'smsw':
      emitZeroExtended16(a, dst as Extract<VmOperand, { kind: 'reg' }>, (rm) => a.smsw(rm));
      return {};
    case 'lgdt': case 'sgdt': case 'sidt': case 'lidt': case 'invlpg': {
      const s = new Scratch(a, busyOf(dst));
      const ext = ({ lgdt: 2, sgdt: 0, sidt: 1, lidt: 3, invlpg: 7 } as const)[name];
      a.group7(ext, lower(a, s, dst!) as Rm);
      s.restore();
      return {};
    }
    case 'in':
      emitIn(a, dst as Extract<VmOperand, { kind: 'reg' }>, (src as { value: number }).value);
      return {};
    case 'out':
      emitOut(a, (dst as { value: number }).value, src as Extract<VmOperand, { kind: 'reg' }>);
      return {};
    default:
      throw new Error(`x86: no translation for '${name}'`);
  }
}

/** `mov`/`add`/`sub`/`and`/`or`/`xor`/`cmp`: one x86 instruction, through a scratch register when both operands are in memory. */
function emitAlu(a: Assembler, name: AluName, dst: VmOperand, src: VmOperand): void {
  const s = new Scratch(a, busyOf(dst, src));
  const d = lower(a, s, dst) as Rm;
  const v = lower(a, s, src);
  if (isMem(d) && isMem(v)) {
    if (!(name === 'mov' && sameRm(d, v))) {
      const t = s.take();
      a.aluRegMem('mov', t, v);
      aluOp(a, name, d, reg(t));
    }
  } else aluOp(a, name, d, v);
  s.restore();
}

/** `shl`/`shr`: by an immediate, or by CL holding the count register's value. */
function emitShift(a: Assembler, right: boolean, dst: VmOperand, count: VmOperand): void {
  const s = new Scratch(a, busyOf(dst, count));
  if (count.kind === 'imm') {
    a.shift(right, lower(a, s, dst) as Rm, count.value & 31);
  } else if (count.kind === 'reg' && X86_OF[count.reg] === ECX) {
    a.shift(right, lower(a, s, dst) as Rm);
  } else if (count.kind === 'reg') {
    s.save(ECX);
    let d: Rm;
    if (dst.kind === 'reg' && X86_OF[dst.reg] === ECX) d = abs(saveCell(ECX));
    else if (dst.kind === 'mem' && dst.base !== ZERO && (dst.base === R7 || X86_OF[dst.base] === ECX)) {
      const t = s.take();
      a.aluRegMem('mov', t, abs(dst.base === R7 ? cell('r7') : saveCell(ECX)));
      d = mem(t, dst.disp);
    } else d = lower(a, s, dst) as Rm;
    if (count.reg === R7) a.aluRegMem('mov', ECX, abs(cell('r7')));
    else a.aluRmReg('mov', reg(ECX), X86_OF[count.reg]);
    a.shift(right, d);
  } else throw new Error('x86: shift count');
  s.restore();
}

/** `mul dst, src`: the one-operand MUL on EAX, the low half to dst, EDX kept (CF = OF = high half ≠ 0). */
function emitMul(a: Assembler, dst: Extract<VmOperand, { kind: 'reg' }>, src: VmOperand): void {
  const dx = dst.reg === R7 ? -1 : X86_OF[dst.reg];
  const home = (x: number): Rm => (x < 0 ? abs(cell('r7')) : reg(x));
  if (dx !== EAX) a.aluRmReg('mov', abs(saveCell(EAX)), EAX);
  if (dx !== EDX) a.aluRmReg('mov', abs(saveCell(EDX)), EDX);
  if (dx >= 0 && dx !== EAX) a.aluRmReg('mov', reg(EAX), dx);
  else if (dx < 0) a.aluRegMem('mov', EAX, abs(cell('r7')));
  if (src.kind === 'imm') {
    a.aluRmImm('mov', abs(cell('immediate')), src.value);
    a.mul(abs(cell('immediate')));
  } else if (src.kind === 'reg') {
    const sx = src.reg === R7 ? -1 : X86_OF[src.reg];
    if (sx < 0) a.mul(abs(cell('r7')));
    else if (sx === EAX && dx !== EAX) a.mul(abs(saveCell(EAX)));
    else a.mul(reg(sx));
  } else if (src.kind === 'mem') {
    if (src.base === ZERO) a.mul(abs(src.disp));
    else if (src.base === R7) {
      a.aluRegMem('mov', EDX, abs(cell('r7')));
      a.mul(mem(EDX, src.disp));
    } else if (X86_OF[src.base] === EAX && dx !== EAX) {
      a.aluRegMem('mov', EDX, abs(saveCell(EAX)));
      a.mul(mem(EDX, src.disp));
    } else a.mul(mem(X86_OF[src.base], src.disp));
  } else throw new Error('x86: mul source');
  if (dx !== EAX) a.aluRmReg('mov', home(dx), EAX);
  if (dx !== EDX) a.aluRegMem('mov', EDX, abs(saveCell(EDX)));
  if (dx !== EAX) a.aluRegMem('mov', EAX, abs(saveCell(EAX)));
}

function emitPush(a: Assembler, src: VmOperand, userMode: boolean): void {
  if (src.kind === 'imm') {
    a.pushImm(src.value);
    return;
  }
  if (src.kind === 'cs' && userMode) {
    // The CPL is the toy machine's, kept in a cell: so is what `cs` reads.
    a.push(abs(cell('csValue')));
    return;
  }
  if (src.kind === 'cs') {
    // x86 `push cs` may store only 16 bits; the toy machine pushes the zero-extended selector.
    a.aluRmReg('mov', abs(saveCell(EAX)), EAX);
    a.movFromCs(reg(EAX));
    a.movzx(EAX, reg(EAX), 16);
    a.push(reg(EAX));
    a.aluRegMem('mov', EAX, abs(saveCell(EAX)));
    return;
  }
  const s = new Scratch(a, busyOf(src));
  a.push(lower(a, s, src) as Rm);
  s.restore();
}

/** `smsw reg`, `mov reg, cs`: a 16-bit value zero-extended (x86 leaves the high half undefined). */
function emitZeroExtended16(a: Assembler, dst: Extract<VmOperand, { kind: 'reg' }>, read: (rm: Rm) => void): void {
  if (dst.reg === R7) {
    a.aluRmImm('mov', abs(cell('r7')), 0);
    read(abs(cell('r7')));
  } else {
    const x = X86_OF[dst.reg];
    read(reg(x));
    a.movzx(x, reg(x), 16);
  }
}

function emitSystemMov(a: Assembler, dst: VmOperand, src: VmOperand, userMode: boolean): void {
  if (src.kind === 'cs' && userMode) {
    const s = new Scratch(a, new Set());
    const d = dst as Extract<VmOperand, { kind: 'reg' }>;
    if (d.reg === R7) {
      const t = s.take();
      a.aluRegMem('mov', t, abs(cell('csValue')));
      a.aluRmReg('mov', abs(cell('r7')), t);
    } else a.aluRegMem('mov', X86_OF[d.reg], abs(cell('csValue')));
    s.restore();
    return;
  }
  if (src.kind === 'cs') {
    emitZeroExtended16(a, dst as Extract<VmOperand, { kind: 'reg' }>, (rm) => a.movFromCs(rm));
    return;
  }
  const s = new Scratch(a, new Set());
  // The SDM leaves CF PF AF ZF SF OF undefined after MOV to or from a control register; the
  // simulator keeps them, so they are saved around it (on a cell, not on the guest's stack).
  withEsp(a, cell('flagsImage') + 4, () => a.bytes(...OPCODE.pushfd));
  if (src.kind === 'cr' && dst.kind === 'reg') {
    if (dst.reg === R7) {
      const t = s.take();
      a.movFromCr(t, src.cr);
      a.aluRmReg('mov', abs(cell('r7')), t);
    } else a.movFromCr(X86_OF[dst.reg], src.cr);
  } else if (dst.kind === 'cr' && src.kind === 'reg') {
    if (src.reg === R7) {
      const t = s.take();
      a.aluRegMem('mov', t, abs(cell('r7')));
      a.movToCr(dst.cr, t);
    } else a.movToCr(dst.cr, X86_OF[src.reg]);
  } else throw new Error('x86: control register move');
  s.restore();
  withEsp(a, cell('flagsImage'), () => a.bytes(...OPCODE.popfd));
}

/** `in reg, port`: one byte (`in al`), zero-extended, as the simulator's devices answer. */
function emitIn(a: Assembler, dst: Extract<VmOperand, { kind: 'reg' }>, port: number): void {
  const dx = dst.reg === R7 ? -1 : X86_OF[dst.reg];
  const wide = port > 0xff;
  if (dx !== EAX) a.aluRmReg('mov', abs(saveCell(EAX)), EAX);
  if (wide && dx !== EDX) a.aluRmReg('mov', abs(saveCell(EDX)), EDX);
  if (wide) a.aluRmImm('mov', reg(EDX), port);
  a.inAl(wide ? undefined : port);
  if (dx >= 0) a.movzx(dx, reg(EAX), 8);
  else {
    a.movzx(EAX, reg(EAX), 8);
    a.aluRmReg('mov', abs(cell('r7')), EAX);
  }
  if (wide && dx !== EDX) a.aluRegMem('mov', EDX, abs(saveCell(EDX)));
  if (dx !== EAX) a.aluRegMem('mov', EAX, abs(saveCell(EAX)));
}

/** `out port, reg`: the register's low byte (`out dx, al` or `out imm8, al`). */
function emitOut(a: Assembler, port: number, src: Extract<VmOperand, { kind: 'reg' }>): void {
  const sx = src.reg === R7 ? -1 : X86_OF[src.reg];
  const wide = port > 0xff;
  if (sx !== EAX) {
    a.aluRmReg('mov', abs(saveCell(EAX)), EAX);
    if (sx < 0) a.aluRegMem('mov', EAX, abs(cell('r7')));
    else a.aluRmReg('mov', reg(EAX), sx);
  }
  if (wide) {
    a.aluRmReg('mov', abs(saveCell(EDX)), EDX);
    a.aluRmImm('mov', reg(EDX), port);
  }
  a.outAl(wide ? undefined : port);
  if (wide) a.aluRegMem('mov', EDX, abs(saveCell(EDX)));
  if (sx !== EAX) a.aluRegMem('mov', EAX, abs(saveCell(EAX)));
}
