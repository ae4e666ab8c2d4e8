/**
 * vmasm → 32-bit protected-mode x86 machine code for the real KVM (docs/real-kvm.md).
 *
 * Every vmasm instruction becomes: a flag-neutral step-budget check (with its halt stub), then
 * x86 instructions whose architectural effect on the guest's registers, flags, stack and memory
 * is exactly the simulator's. Scratch registers are saved in cells of the runtime slot with `mov`,
 * never on the guest's stack, and only flag-neutral instructions surround the real operation.
 */
import { DEFAULT_MAX_STEPS, type LocalizedText, type Program } from '../sim/api';
import { AssembledProgram } from '../sim/program';
import {
  abs, Assembler, EAX, EBP, EBX, ECX, EDI, EDX, ESI, ESP, Label, mem, OPCODE, reg,
  type AluName, type ConditionName, type Rm,
} from './asm';
import { decodedInstruction, type DecodedInstruction, type VmOperand } from './decoded';
import type { X86CodeRange, X86Image, X86InitialState, X86RegisterHome, X86Segment } from './image';
import {
  cell, CODE_OFFSET, FLAGS_MASK, GUEST_RAM_SIZE, INITIAL_CR0, JUMP_TABLE_OFFSET, RUNTIME_BASE, RUNTIME_LIMIT, saveCell,
} from './layout';
import { unsupportedReason } from './subset';

export interface X86Unsupported {
  /** 1-based source line and column of the first instruction outside the subset. */
  line: number;
  column: number;
  mnemonic: string;
  reason: LocalizedText;
}

export type X86Generation = { image: X86Image } | { unsupported: X86Unsupported };

/** Home of each vmasm register: r0..r6 in x86 registers (r0..r3 = EAX..EDX), r7 in a cell, sp = ESP. */
const X86_OF: readonly number[] = [EAX, EBX, ECX, EDX, ESI, EDI, EBP, -1, ESP];
const R7 = 7;
const ZERO = 9;
const SCRATCH_ORDER = [EAX, ECX, EDX, EBX, ESI, EDI, EBP];
const X86_NAMES = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi'] as const;

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

interface Emitted {
  guestHalt?: number;
}

/** Context the bodies need: where jumps go. */
interface Targets {
  label(address: number): Label;
  dynamic: Label;
  /** The program loads its own IDT: #UD is delivered through it instead of ending the run at once. */
  toyIdt: boolean;
}

/** The body of one vmasm instruction (after its budget check). */
function emitBody(a: Assembler, ins: DecodedInstruction, address: number, targets: Targets): Emitted {
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
    case 'ud2': emitUndefined(a, address, targets); return {};
    case 'rdtsc': a.bytes(...OPCODE.rdtsc); return {};
    case 'pushf': a.bytes(...OPCODE.pushfd); return {};
    case 'cpuid':
      // The simulator ignores r2; a fixed sub-leaf makes leaves 4, 7, 0xB... deterministic too.
      a.aluRmImm('mov', reg(ECX), 0);
      a.bytes(...OPCODE.cpuid);
      return {};
    case 'popf':
      emitPopf(a);
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
      if (src?.kind === 'cs' || src?.kind === 'cr' || dst?.kind === 'cr') emitSystemMov(a, dst!, src!);
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
      emitPush(a, src!);
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
  if (dx !== EAX) {
    const h = home(dx);
    if (h.kind === 'reg') a.aluRmReg('mov', h, EAX);
    else a.aluRmReg('mov', h, EAX);
  }
  if (dx !== EDX) a.aluRegMem('mov', EDX, abs(saveCell(EDX)));
  if (dx !== EAX) a.aluRegMem('mov', EAX, abs(saveCell(EAX)));
}

function emitPush(a: Assembler, src: VmOperand): void {
  if (src.kind === 'imm') {
    a.pushImm(src.value);
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

function emitSystemMov(a: Assembler, dst: VmOperand, src: VmOperand): void {
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

/** Runs `body` with ESP pointing at `esp` in the runtime slot, the guest's ESP kept in a cell. */
function withEsp(a: Assembler, esp: number, body: () => void): void {
  a.aluRmReg('mov', abs(cell('savedEsp')), ESP);
  a.aluRmImm('mov', reg(ESP), esp);
  body();
  a.aluRegMem('mov', ESP, abs(cell('savedEsp')));
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

/**
 * `popf`: pop the image into a cell (the guest's ESP moves as the simulator's sp), keep only the
 * toy machine's flags, and load them with POPFD from the cell (ESP pointed there and back). The
 * AND's own flags do not matter: POPFD replaces them all. TF, DF, IOPL, NT, AC and ID never reach the CPU.
 */
function emitPopf(a: Assembler): void {
  a.pop(abs(cell('flagsImage')));
  a.aluRmImm('and', abs(cell('flagsImage')), FLAGS_MASK);
  withEsp(a, cell('flagsImage'), () => a.bytes(...OPCODE.popfd));
}

/**
 * `ret`: pop the simulator address into a cell, then jump through the table (one entry per byte
 * address of RAM) with only mov/movzx/jecxz/jmp, so the guest's flags stay as they are. An
 * address outside RAM, or with no instruction, goes to the dynamic fault stub.
 */
function emitRet(a: Assembler, dynamic: Label): void {
  a.pop(abs(cell('returnAddress')));
  emitTableJump(a, dynamic);
}

/** Jumps to the slot of the simulator address in the `returnAddress` cell, flags untouched. */
function emitTableJump(a: Assembler, dynamic: Label): void {
  const inRange = new Label();
  a.aluRmReg('mov', abs(saveCell(ECX)), ECX);
  a.movzx(ECX, abs(cell('returnAddress') + 2), 16);
  a.jecxz(inRange);
  a.aluRegMem('mov', ECX, abs(saveCell(ECX)));
  a.jmp(dynamic);
  a.bind(inRange);
  a.movzx(ECX, abs(cell('returnAddress')), 16);
  a.movIndexed(ECX, ECX, RUNTIME_BASE + JUMP_TABLE_OFFSET);
  a.aluRmReg('mov', abs(cell('jumpTarget')), ECX);
  a.aluRegMem('mov', ECX, abs(saveCell(ECX)));
  a.jmpIndirect(cell('jumpTarget'));
}

/**
 * #UD at the simulator address `pc` (undefined: the one in the `returnAddress` cell). Without a
 * toy IDT it is the real `ud2`, which escalates to a triple fault through IDTR limit 0. With one
 * (the program ran `lidt`, which loads the real IDTR so that `sidt` reads it back), it is the
 * simulator's delivery: through the toy IDT's 4-byte entry of vector 6 (else 8, else a triple
 * fault), pushing the flags image, CPL 0 and `pc`, clearing IF. The arithmetic flags are kept in
 * a cell meanwhile, so the delivery's own comparisons leave no trace.
 */
function emitUndefined(a: Assembler, pc: number | undefined, targets: Targets): void {
  if (!targets.toyIdt) {
    a.bytes(...OPCODE.ud2);
    return;
  }
  const vector8 = new Label();
  const triple = new Label();
  const found = new Label();
  withEsp(a, cell('flagsImage') + 4, () => a.bytes(...OPCODE.pushfd));
  a.aluRmReg('mov', abs(saveCell(EAX)), EAX);
  a.group7(1, abs(cell('idtr')));
  a.movzx(EAX, abs(cell('idtr')), 16);
  a.aluRmImm('cmp', reg(EAX), 6 * 4 + 3);
  a.jcc('jb', vector8);
  a.aluRegMem('mov', EAX, abs(cell('idtr') + 2));
  a.aluRegMem('mov', EAX, mem(EAX, 6 * 4));
  a.jmp(found);
  a.bind(vector8);
  a.aluRmImm('cmp', reg(EAX), 8 * 4 + 3);
  a.jcc('jb', triple);
  a.aluRegMem('mov', EAX, abs(cell('idtr') + 2));
  a.aluRegMem('mov', EAX, mem(EAX, 8 * 4));
  a.bind(found);
  a.aluRmReg('mov', abs(cell('handler')), EAX);
  a.aluRegMem('mov', EAX, abs(saveCell(EAX)));
  a.push(abs(cell('flagsImage')));
  a.pushImm(0);
  if (pc === undefined) a.push(abs(cell('returnAddress')));
  else a.pushImm(pc | 0);
  a.aluRmReg('mov', abs(saveCell(EAX)), EAX);
  a.aluRegMem('mov', EAX, abs(cell('handler')));
  a.aluRmReg('mov', abs(cell('returnAddress')), EAX);
  a.aluRegMem('mov', EAX, abs(saveCell(EAX)));
  a.aluRmImm('and', abs(cell('flagsImage')), ~0x200);
  withEsp(a, cell('flagsImage'), () => a.bytes(...OPCODE.popfd));
  emitTableJump(a, targets.dynamic);
  a.bind(triple);
  a.aluRegMem('mov', EAX, abs(saveCell(EAX)));
  withEsp(a, cell('flagsImage'), () => a.bytes(...OPCODE.popfd));
  a.group7(3, abs(cell('emptyIdtr')));
  a.bytes(...OPCODE.ud2);
}

/**
 * The step-budget check before each slot: with none left, halt in this slot's stub (ECX restored);
 * otherwise count one down, and when that was the last one record `index` as the step-limit line.
 * Returns the address of the stub's HLT, after which the stub jumps back to the check, so that a
 * run can go on with a new budget.
 */
function emitBudgetCheck(a: Assembler, index: number): number {
  const check = new Label();
  const stop = new Label();
  const last = new Label();
  const body = new Label();
  a.bind(check);
  a.aluRmReg('mov', abs(saveCell(ECX)), ECX);
  a.aluRegMem('mov', ECX, abs(cell('budget')));
  a.jecxz(stop);
  a.lea(ECX, mem(ECX, -1));
  a.aluRmReg('mov', abs(cell('budget')), ECX);
  a.jecxz(last);
  a.jmpShort(body);
  a.bind(stop);
  a.aluRegMem('mov', ECX, abs(saveCell(ECX)));
  const halt = a.here;
  a.bytes(...OPCODE.hlt);
  // A runner that writes a new budget and enters again continues here: the slot checks again.
  a.jmpShort(check);
  a.bind(last);
  a.aluRmImm('mov', abs(cell('lastInstruction')), index);
  a.bind(body);
  a.aluRegMem('mov', ECX, abs(saveCell(ECX)));
  return halt;
}

const FLAT_CODE: X86Segment = { selector: 0x08, base: 0, limit: 0xffffffff, type: 0xb, db: 1, dpl: 0, granularity: 1 };
const FLAT_DATA: X86Segment = { selector: 0x10, base: 0, limit: 0xffffffff, type: 0x3, db: 1, dpl: 0, granularity: 1 };

/** Translates an assembled program, or names its first instruction outside the real-KVM subset. */
export function generateX86(program: Program): X86Generation {
  if (!(program instanceof AssembledProgram)) throw new TypeError('generateX86 needs a program produced by assemble()');
  const decoded = program.instructions.map((_, i) => decodedInstruction(program, i));
  const runtime = { start: RUNTIME_BASE, end: RUNTIME_LIMIT };
  for (let i = 0; i < decoded.length; i++) {
    const reason = unsupportedReason(decoded[i], runtime);
    const ins = program.instructions[i];
    if (reason) return { unsupported: { line: ins.line, column: ins.column, mnemonic: ins.mnemonic, reason } };
  }

  const a = new Assembler(RUNTIME_BASE + CODE_OFFSET);
  const indexAt = new Map<number, number>();
  program.instructions.forEach((ins, i) => indexAt.set(ins.address >>> 0, i));
  const order = [...indexAt.values()].sort((x, y) => program.instructions[x].address - program.instructions[y].address);
  const starts = new Map<number, Label>();
  for (const i of order) starts.set(program.instructions[i].address >>> 0, new Label());
  const faults = new Map<number, Label>();
  const dynamic = new Label();
  const targets: Targets = {
    label(address: number): Label {
      const t = address >>> 0;
      const start = starts.get(t);
      if (start) return start;
      let f = faults.get(t);
      if (!f) faults.set(t, (f = new Label()));
      return f;
    },
    dynamic,
    toyIdt: decoded.some((d) => d.name === 'lidt'),
  };
  const entryLabel = targets.label(program.entry);

  const code: X86CodeRange[] = [];
  /** HLT of each budget stub: the slot's simulator address (undefined: the dynamic stub) and instruction. */
  const stops = new Map<number, { pc: number | undefined; instruction: number }>();
  const guestHalts = new Map<number, number>();
  const faultStubs: { start: number; end: number; pc: number | undefined }[] = [];
  const emitFault = (pc: number | undefined, label: Label) => {
    const start = a.here;
    a.bind(label);
    stops.set(emitBudgetCheck(a, -1), { pc, instruction: -1 });
    emitUndefined(a, pc, targets);
    faultStubs.push({ start, end: a.here, pc });
  };

  for (const i of order) {
    const ins = program.instructions[i];
    const address = ins.address >>> 0;
    const start = a.here;
    a.bind(starts.get(address)!);
    stops.set(emitBudgetCheck(a, i), { pc: address, instruction: i });
    const emitted = emitBody(a, decoded[i], address, targets);
    if (emitted.guestHalt !== undefined) guestHalts.set(emitted.guestHalt, i);
    code.push({ instruction: i, start, length: a.here - start });
    const next = (address + 4) >>> 0;
    // Falling through to an address with no instruction faults there (#UD), as in the simulator.
    if (!starts.has(next)) {
      const label = targets.label(next);
      if (label.at < 0) emitFault(next, label);
    }
  }
  for (const [address, label] of faults) if (label.at < 0) emitFault(address, label);
  emitFault(undefined, dynamic);
  const machineCode = a.finish();

  const runtimeSize = Math.ceil((CODE_OFFSET + machineCode.length) / 4096) * 4096;
  if (RUNTIME_BASE + runtimeSize > RUNTIME_LIMIT) throw new Error('x86: the translated program does not fit in the runtime slot');
  const runtimeImage = new Uint8Array(CODE_OFFSET + machineCode.length);
  const view = new DataView(runtimeImage.buffer);
  const entryIndex = starts.has(program.entry >>> 0) ? indexAt.get(program.entry >>> 0)! : -1;
  view.setUint32(cell('budget') - RUNTIME_BASE, DEFAULT_MAX_STEPS, true);
  view.setInt32(cell('lastInstruction') - RUNTIME_BASE, entryIndex, true);
  for (let address = 0; address < GUEST_RAM_SIZE; address++) {
    const t = starts.get(address)?.at ?? dynamic.at;
    view.setUint32(JUMP_TABLE_OFFSET + 4 * address, t, true);
  }
  runtimeImage.set(machineCode, CODE_OFFSET);

  const ramImage = program.image.slice(0, GUEST_RAM_SIZE);
  const initial: X86InitialState = {
    eax: 0, ebx: 0, ecx: 0, edx: 0, esi: 0, edi: 0, ebp: 0, esp: GUEST_RAM_SIZE,
    eip: entryLabel.at,
    eflags: 0x2,
    cr0: INITIAL_CR0, cr3: 0, cr4: 0,
    cs: FLAT_CODE, ds: FLAT_DATA, es: FLAT_DATA, ss: FLAT_DATA, fs: FLAT_DATA, gs: FLAT_DATA,
    gdt: { base: 0, limit: 0 },
    idt: { base: 0, limit: 0 },
  };
  const registers: Record<string, X86RegisterHome> = {};
  ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6'].forEach((name, n) => {
    registers[name] = { kind: 'register', x86: X86_NAMES[X86_OF[n]] };
  });
  registers.r7 = { kind: 'cell', guestPhysicalAddress: cell('r7') };
  registers.sp = { kind: 'register', x86: 'esp' };

  const instructionAt = (eip: number): number => {
    const e = eip >>> 0;
    let lo = 0;
    let hi = code.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (code[mid].start > e) hi = mid - 1;
      else if (code[mid].start + code[mid].length <= e) lo = mid + 1;
      else return code[mid].instruction;
    }
    return -1;
  };
  /** The budget stub halting at `eip` (KVM may report the HLT's address or the one after it). */
  const stopAt = (eip: number) => stops.get(eip >>> 0) ?? stops.get((eip - 1) >>> 0);
  const image: X86Image = {
    slots: [
      { purpose: 'guest-ram', guestPhysicalAddress: 0, size: GUEST_RAM_SIZE, initial: ramImage },
      { purpose: 'runtime', guestPhysicalAddress: RUNTIME_BASE, size: runtimeSize, initial: runtimeImage },
    ],
    initial,
    registers,
    code,
    instructionAt,
    stepBudgetCell: cell('budget'),
    stepLimitAt(eip: number): number {
      const stop = stopAt(eip);
      if (!stop) return -1;
      return stop.instruction >= 0 ? stop.instruction : program.instructions.length;
    },
    lastInstructionCell: cell('lastInstruction'),
    returnAddressCell: cell('returnAddress'),
    stepLimitExit(eip: number, read32: (guestPhysicalAddress: number) => number) {
      const stop = stopAt(eip);
      if (!stop) return undefined;
      const last = read32(cell('lastInstruction')) | 0;
      const line = last >= 0 && last < program.instructions.length ? program.instructions[last].line : 0;
      return { instruction: last >= 0 ? last : -1, line, pc: stop.pc ?? read32(cell('returnAddress')) >>> 0 };
    },
    pcAt(eip: number, read32: (guestPhysicalAddress: number) => number): number {
      const e = eip >>> 0;
      const stop = stopAt(e);
      if (stop) return stop.pc ?? read32(cell('returnAddress')) >>> 0;
      const halted = guestHalts.get((e - 1) >>> 0) ?? guestHalts.get(e);
      if (halted !== undefined) return (program.instructions[halted].address + 4) >>> 0;
      const stub = faultStubs.find((f) => e >= f.start && e < f.end);
      if (stub) return stub.pc ?? read32(cell('returnAddress')) >>> 0;
      const i = instructionAt(e);
      return i >= 0 ? program.instructions[i].address >>> 0 : -1;
    },
  };
  return { image };
}
