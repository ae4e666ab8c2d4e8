/**
 * The runtime's own code around the guest's instructions: the step-budget check, `ret`'s jump
 * through the table, `popf`'s masked load, the toy machine's interrupt delivery, `iret` and CPL
 * check (its interrupts and user mode are done in code; the real vCPU stays at ring 0). Only
 * flag-neutral instructions, or flags saved in a cell and restored, and never the guest's stack
 * beyond what the simulator's instruction itself pushes or pops.
 */
import { abs, Assembler, EAX, ECX, ESP, Label, mem, OPCODE, reg } from './asm';
import { cell, FLAGS_MASK, JUMP_TABLE_OFFSET, RUNTIME_BASE, saveCell } from './layout';

/** Context the bodies need: where jumps go. */
export interface Targets {
  label(address: number): Label;
  dynamic: Label;
  /** The program loads its own IDT: #UD is delivered through it instead of ending the run at once. */
  toyIdt: boolean;
  /** The program has `iret`, so it may run at CPL 3: the CPL lives in a cell and privileged instructions check it. */
  userMode: boolean;
}

export const VECTOR_UD = 6;
export const VECTOR_DF = 8;
export const VECTOR_GP = 13;
const FLAG_IF = 0x200;

/** Runs `body` with ESP pointing at `esp` in the runtime slot, the guest's ESP kept in a cell. */
export function withEsp(a: Assembler, esp: number, body: () => void): void {
  a.aluRmReg('mov', abs(cell('savedEsp')), ESP);
  a.aluRmImm('mov', reg(ESP), esp);
  body();
  a.aluRegMem('mov', ESP, abs(cell('savedEsp')));
}

/**
 * `popf`: pop the image into a cell (the guest's ESP moves as the simulator's sp), keep only the
 * toy machine's flags, and load them with POPFD from the cell (ESP pointed there and back). The
 * AND's own flags do not matter: POPFD replaces them all. TF, DF, IOPL, NT, AC and ID never reach the CPU.
 */
export function emitPopf(a: Assembler, targets: Targets): void {
  a.pop(abs(cell('flagsImage')));
  a.aluRmImm('and', abs(cell('flagsImage')), FLAGS_MASK);
  if (targets.userMode) {
    // At CPL 3 a change to IF is silently ignored: the current IF replaces the popped one.
    const kernel = new Label();
    a.aluRmReg('mov', abs(saveCell(ECX)), ECX);
    a.aluRegMem('mov', ECX, abs(cell('cpl')));
    a.jecxz(kernel);
    a.aluRmImm('and', abs(cell('flagsImage')), ~FLAG_IF);
    withEsp(a, cell('currentFlags') + 4, () => a.bytes(...OPCODE.pushfd));
    a.aluRegMem('mov', ECX, abs(cell('currentFlags')));
    a.aluRmImm('and', reg(ECX), FLAG_IF);
    a.aluRmReg('or', abs(cell('flagsImage')), ECX);
    a.bind(kernel);
    a.aluRegMem('mov', ECX, abs(saveCell(ECX)));
  }
  withEsp(a, cell('flagsImage'), () => a.bytes(...OPCODE.popfd));
}

/**
 * `ret`: pop the simulator address into a cell, then jump through the table (one entry per byte
 * address of RAM) with only mov/movzx/jecxz/jmp, so the guest's flags stay as they are. An
 * address outside RAM, or with no instruction, goes to the dynamic fault stub.
 */
export function emitRet(a: Assembler, dynamic: Label): void {
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
 * Delivers `vector` with the return address `pc` (undefined: the one in the `returnAddress`
 * cell), as the simulator does. Without a toy IDT the real `ud2`, which escalates to a triple
 * fault through IDTR limit 0. With one (the program runs `lidt`, which loads the real IDTR so that
 * `sidt` reads it back): through the toy IDT's 4-byte entry of `vector` (else the double fault's,
 * else a triple fault: IDTR limit 0 loaded, then `ud2`), pushing the flags image, the CPL and
 * `pc`, clearing IF, entering CPL 0. The arithmetic flags are kept in a cell meanwhile, so the
 * delivery's own comparisons leave no trace.
 */
export function emitDeliver(a: Assembler, vector: number, pc: number | undefined, targets: Targets): void {
  if (!targets.toyIdt) {
    a.bytes(...OPCODE.ud2);
    return;
  }
  const doubleFault = new Label();
  const triple = new Label();
  const found = new Label();
  withEsp(a, cell('flagsImage') + 4, () => a.bytes(...OPCODE.pushfd));
  a.aluRmReg('mov', abs(saveCell(EAX)), EAX);
  a.group7(1, abs(cell('idtr')));
  a.movzx(EAX, abs(cell('idtr')), 16);
  a.aluRmImm('cmp', reg(EAX), vector * 4 + 3);
  a.jcc('jb', doubleFault);
  a.aluRegMem('mov', EAX, abs(cell('idtr') + 2));
  a.aluRegMem('mov', EAX, mem(EAX, vector * 4));
  a.jmp(found);
  a.bind(doubleFault);
  a.aluRmImm('cmp', reg(EAX), VECTOR_DF * 4 + 3);
  a.jcc('jb', triple);
  a.aluRegMem('mov', EAX, abs(cell('idtr') + 2));
  a.aluRegMem('mov', EAX, mem(EAX, VECTOR_DF * 4));
  a.bind(found);
  a.aluRmReg('mov', abs(cell('handler')), EAX);
  a.aluRegMem('mov', EAX, abs(saveCell(EAX)));
  a.push(abs(cell('flagsImage')));
  if (targets.userMode) a.push(abs(cell('cpl')));
  else a.pushImm(0);
  if (pc === undefined) a.push(abs(cell('returnAddress')));
  else a.pushImm(pc | 0);
  if (targets.userMode) {
    a.aluRmImm('mov', abs(cell('cpl')), 0);
    a.aluRmImm('mov', abs(cell('csValue')), 0x08);
  }
  a.aluRmReg('mov', abs(saveCell(EAX)), EAX);
  a.aluRegMem('mov', EAX, abs(cell('handler')));
  a.aluRmReg('mov', abs(cell('returnAddress')), EAX);
  a.aluRegMem('mov', EAX, abs(saveCell(EAX)));
  a.aluRmImm('and', abs(cell('flagsImage')), ~FLAG_IF);
  withEsp(a, cell('flagsImage'), () => a.bytes(...OPCODE.popfd));
  emitTableJump(a, targets.dynamic);
  a.bind(triple);
  a.aluRegMem('mov', EAX, abs(saveCell(EAX)));
  withEsp(a, cell('flagsImage'), () => a.bytes(...OPCODE.popfd));
  a.group7(3, abs(cell('emptyIdtr')));
  a.bytes(...OPCODE.ud2);
}

/**
 * `iret`: pops pc, CPL and flags as the simulator does; a CPL other than 0 means user mode (the
 * CPL cell, what `cs` reads); the popped flags, IF included, are masked and loaded; then the jump
 * through the table.
 */
export function emitIret(a: Assembler, targets: Targets): void {
  const kernel = new Label();
  const done = new Label();
  a.pop(abs(cell('returnAddress')));
  a.pop(abs(cell('poppedCpl')));
  a.pop(abs(cell('flagsImage')));
  // EFLAGS are free from here: POPFD below loads them all.
  a.aluRmReg('mov', abs(saveCell(EAX)), EAX);
  a.aluRegMem('mov', EAX, abs(cell('poppedCpl')));
  a.aluRmImm('and', reg(EAX), 3);
  a.jcc('jz', kernel);
  a.aluRmImm('mov', abs(cell('cpl')), 3);
  a.aluRmImm('mov', abs(cell('csValue')), 0x1b);
  a.jmp(done);
  a.bind(kernel);
  a.aluRmImm('mov', abs(cell('cpl')), 0);
  a.aluRmImm('mov', abs(cell('csValue')), 0x08);
  a.bind(done);
  a.aluRegMem('mov', EAX, abs(saveCell(EAX)));
  a.aluRmImm('and', abs(cell('flagsImage')), FLAGS_MASK);
  withEsp(a, cell('flagsImage'), () => a.bytes(...OPCODE.popfd));
  emitTableJump(a, targets.dynamic);
}

/**
 * Before a privileged instruction in a program that may run at CPL 3: at CPL 3 it raises #GP
 * (the simulator's check comes before anything else); at CPL 0 `body` runs.
 */
export function emitPrivilegeCheck(a: Assembler, pc: number, targets: Targets, body: () => void): void {
  const ok = new Label();
  const gp = new Label();
  const after = new Label();
  a.aluRmReg('mov', abs(saveCell(ECX)), ECX);
  a.aluRegMem('mov', ECX, abs(cell('cpl')));
  a.jecxz(ok);
  a.aluRegMem('mov', ECX, abs(saveCell(ECX)));
  a.jmp(gp);
  a.bind(ok);
  a.aluRegMem('mov', ECX, abs(saveCell(ECX)));
  body();
  a.jmp(after);
  a.bind(gp);
  emitDeliver(a, VECTOR_GP, pc, targets);
  a.bind(after);
}

/**
 * The step-budget check before each slot: with none left, halt in this slot's stub (ECX restored);
 * otherwise count one down, and when that was the last one record `index` as the step-limit line.
 * Returns the address of the stub's HLT, after which the stub jumps back to the check, so that a
 * run can go on with a new budget.
 */
export function emitBudgetCheck(a: Assembler, index: number): number {
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
