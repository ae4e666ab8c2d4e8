/**
 * The runtime's own code around the guest's instructions: the step-budget check, `ret`'s jump
 * through the table, `popf`'s masked load, the delivery of #UD through a toy IDT. Only
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
}

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
export function emitPopf(a: Assembler): void {
  a.pop(abs(cell('flagsImage')));
  a.aluRmImm('and', abs(cell('flagsImage')), FLAGS_MASK);
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
 * #UD at the simulator address `pc` (undefined: the one in the `returnAddress` cell). Without a
 * toy IDT it is the real `ud2`, which escalates to a triple fault through IDTR limit 0. With one
 * (the program ran `lidt`, which loads the real IDTR so that `sidt` reads it back), it is the
 * simulator's delivery: through the toy IDT's 4-byte entry of vector 6 (else 8, else a triple
 * fault), pushing the flags image, CPL 0 and `pc`, clearing IF. The arithmetic flags are kept in
 * a cell meanwhile, so the delivery's own comparisons leave no trace.
 */
export function emitUndefined(a: Assembler, pc: number | undefined, targets: Targets): void {
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
