/**
 * The slow path: one instruction with its full architectural effect on the guest's state, asking
 * the mode's VMM at every point where modes differ. Also exception delivery and hypercalls.
 */
import { portRead, portWrite, TIMER_VECTOR } from './devices';
import { debugExitWhy, haltWhy, shutdownWhy } from './exits';
import { Alu, Op } from './fastpath';
import { FLAG_ALWAYS, FLAG_IF, MODELLED_FLAGS } from './flags';
import type { Machine } from './machine';
import { CR0_PE, CR0_PG, PAGE_FAULT } from './memory/mmu';
import { mmuUpdate, MMU_UPDATE_EFAULT } from './memory/pvmmu';
import type { ExceptionCause, Vmm } from './modes/vmm';
import type { GenericInstruction, GenericOperand } from './program';

export const VECTOR_UD = 6;
export const VECTOR_DF = 8;
export const VECTOR_GP = 13;
export const VECTOR_PF = 14;

/** Hypercall numbers (VMCALL with r0 = number; arguments r1, r2; result in r0). */
export const enum Hypercall {
  /** Writes r2 bytes at r1 to the serial output with one exit; returns the count. */
  ConsoleWrite = 1,
  /** Sets the virtual IF to (r1 != 0); returns the old IF (Xen's event-channel mask). */
  SetInterruptFlag = 2,
  /** Loads the IDT from the 6-byte descriptor at r1 (Xen's set_trap_table). */
  LoadIdt = 3,
  /** Loads CR3 with r1 (Xen's MMUEXT_NEW_BASEPTR). */
  WriteCr3 = 4,
  /** Halts like HLT (Xen's SCHEDOP_block). */
  Halt = 5,
  /** Applies r2 (page-table entry address, value) pairs at r1 in one batch (Xen's mmu_update). */
  MmuUpdate = 6,
}
/** -KVM_ENOSYS and -KVM_EPERM, as KVM returns them in RAX. */
export const HYPERCALL_UNKNOWN = -1000;
export const HYPERCALL_NOT_PERMITTED = -1;

/** CPUID vendor of the simulated processor (leaf 0): "GenuineIntel" in EBX, EDX, ECX. */
const VENDOR = 'GenuineIntel';
/** Leaf 1 EAX: a family 6 signature; identical in every mode. */
const LEAF1_SIGNATURE = 0x000906ea;

function word(s: string, i: number): number {
  let v = 0;
  for (let k = 3; k >= 0; k--) v = (v << 8) | (s.charCodeAt(i + k) || 0);
  return v | 0;
}

/**
 * Executes the instruction at `m.slot` (one step of the slow path). A page fault on any of its
 * accesses undoes what it changed in sp and the flags and delivers #PF at the instruction.
 */
export function executeSlow(m: Machine, vmm: Vmm): void {
  const s = m.slot;
  const sp = m.regs[8];
  const flags = m.flags;
  const bareIf = m.bareIf;
  const shadow = m.interruptShadow;
  const accounted = m.stats.direct + m.stats.emulated;
  try {
    executeInstruction(m, vmm);
  } catch (e) {
    if (e !== PAGE_FAULT) throw e;
    m.regs[8] = sp;
    m.setFlags(flags, true);
    m.bareIf = bareIf;
    m.interruptShadow = shadow;
    m.slot = s;
    m.current = s;
    // The faulting instruction ran (directly or emulated) unless its VMM step already counted it.
    if (m.stats.direct + m.stats.emulated === accounted) vmm.accountFast(1);
    pageFault(m, vmm, m.addressOf(s));
  }
}

/** Sets CR2 and delivers #PF with its error code, the return address being the faulting instruction. */
function pageFault(m: Machine, vmm: Vmm, returnAddress: number): void {
  m.cr2 = PAGE_FAULT.linear | 0;
  m.mmu.stats.guestPageFaults++;
  deliver(m, vmm, VECTOR_PF, returnAddress, 'fault', PAGE_FAULT.errorCode);
}

function executeInstruction(m: Machine, vmm: Vmm): void {
  const p = m.program;
  const s = m.slot;
  m.current = s;
  m.busAccess = -1;
  m.busReadBeforeWrite = -1;
  m.stats.instructions++;
  const op = p.op[s];
  const a = p.a[s];
  const b = p.b[s];
  const R = m.regs;
  const next = m.nextAddress(s);
  const here = m.addressOf(s);
  if (op < Op.FirstSystem) {
    const g = p.generic[s];
    if (g) executeGeneric(m, g, s);
    vmm.accountFast(1);
    vmm.stepEvent();
    if (m.busAccess >= 0) busExits(m, vmm);
    return;
  }
  if (isPrivileged(op) && m.cpl !== 0) {
    vmm.faultingInstruction();
    deliver(m, vmm, VECTOR_GP, here, 'fault');
    return;
  }
  switch (op) {
    case Op.Hlt:
      vmm.privileged(op);
      m.jumpTo(next);
      haltOrWait(m, vmm);
      return;
    case Op.Cli:
    case Op.Sti:
      vmm.privileged(op);
      // STI shadow: an STI that enables interrupts holds them off until after the next instruction.
      if (op === Op.Sti && !m.ifl) m.interruptShadow = true;
      m.setIf(op === Op.Sti);
      break;
    case Op.In: {
      vmm.privileged(op);
      const v = portRead(m, b);
      R[a] = v;
      vmm.portIo(b, 'in', v);
      break;
    }
    case Op.Out: {
      vmm.privileged(op);
      const v = R[b];
      const code = portWrite(m, a, v);
      vmm.portIo(a, 'out', v);
      if (code !== undefined) {
        m.jumpTo(next);
        vmm.debugExit(code);
        m.stop({ reason: 'debug-exit', code, line: m.lineOfSlot(s), why: debugExitWhy(m, s, v, code) });
        return;
      }
      break;
    }
    case Op.Lidt:
    case Op.Lgdt: {
      vmm.privileged(op);
      const ea = m.ea(a, b);
      const limit = m.read8(ea) | (m.read8(ea + 1) << 8);
      const base = m.read32(ea + 2) >>> 0;
      if (op === Op.Lidt) {
        m.idtBase = base;
        m.idtLimit = limit;
      } else {
        m.gdtBase = base;
        m.gdtLimit = limit;
      }
      break;
    }
    case Op.MovToCr:
      if (a === 0 && (R[b] & CR0_PG) !== 0 && (R[b] & CR0_PE) === 0) {
        // PG without PE: #GP (SDM vol. 3A, 2.5), before any VMM sees the write.
        vmm.faultingInstruction();
        deliver(m, vmm, VECTOR_GP, here, 'fault');
        return;
      }
      vmm.privileged(op);
      if (a === 0) m.mmu.loadCr0(R[b]);
      else if (a === 2) m.cr2 = R[b] | 0;
      else m.mmu.loadCr3(R[b]);
      break;
    case Op.MovFromCr:
      vmm.privileged(op);
      R[a] = b === 0 ? m.cr0 : b === 2 ? m.cr2 : m.cr3;
      break;
    case Op.Invlpg:
      vmm.privileged(op);
      m.mmu.invlpg(m.ea(a, b));
      break;
    case Op.Iret: {
      vmm.privileged(op);
      // Read all three before changing anything, so that a page fault leaves the frame intact.
      const sp = m.regs[8];
      const pc = m.read32(sp);
      const cpl = m.read32(sp + 4);
      const flags = m.read32(sp + 8);
      m.regs[8] = (sp + 12) | 0;
      m.cpl = (cpl & 3) === 0 ? 0 : 3;
      m.setFlags(flags, true);
      m.jumpTo(pc);
      return;
    }
    case Op.Pushf: {
      // Bare metal pushes the flags with its own IF (see `bareIf`); the hardware, the real IF.
      const flags = m.flags & ~FLAG_IF;
      const expected = flags | (m.bareIf ? FLAG_IF : 0);
      const real = flags | (vmm.realIf() ? FLAG_IF : 0);
      m.push(vmm.sensitive('pushf-if', expected, real));
      break;
    }
    case Op.Popf: {
      // Bits of the image that the machine does not model (TF, DF, IOPL, ...) are dropped.
      const v = (m.pop() & MODELLED_FLAGS) | FLAG_ALWAYS;
      const expected = m.cpl === 0 ? v : (v & ~FLAG_IF) | (m.bareIf ? FLAG_IF : 0);
      // At a real CPL > 0 the processor ignores the IF bit, and no VMM sees it change.
      const real = vmm.realCpl() === 0 ? v : (v & ~FLAG_IF) | (m.ifl ? FLAG_IF : 0);
      m.setFlags(vmm.sensitive('popf-if', expected, real), true);
      m.bareIf = (expected & FLAG_IF) !== 0;
      break;
    }
    case Op.Sgdt:
    case Op.Sidt: {
      const gdt = op === Op.Sgdt;
      const guest = gdt ? { base: m.gdtBase >>> 0, limit: m.gdtLimit } : { base: m.idtBase >>> 0, limit: m.idtLimit };
      const real = gdt ? vmm.realGdtr() : vmm.realIdtr();
      const base = vmm.sensitive(gdt ? 'sgdt' : 'sidt', guest.base, real.base) >>> 0;
      const limit = base === guest.base ? guest.limit : real.limit;
      const ea = m.ea(a, b);
      m.write8(ea, limit);
      m.write8(ea + 1, limit >>> 8);
      m.write32(ea + 2, base);
      break;
    }
    case Op.Smsw:
      R[a] = vmm.sensitive('smsw', m.cr0 & 0xffff, vmm.realCr0() & 0xffff);
      break;
    case Op.MovRCs:
    case Op.PushCs: {
      const rc = vmm.realCpl();
      const v = vmm.sensitive('cs-cpl', m.cs, rc === 3 ? 0x1b : 0x08 | rc);
      if (op === Op.MovRCs) R[a] = v;
      else m.push(v);
      break;
    }
    case Op.Cpuid:
      vmm.cpuid(R[0] >>> 0);
      cpuid(m, vmm.signature());
      break;
    case Op.Rdtsc: {
      vmm.rdtsc();
      const t = m.stats.cycles;
      R[0] = t % 0x100000000 | 0;
      R[3] = Math.floor(t / 0x100000000) | 0;
      break;
    }
    case Op.Vmcall:
      if (!vmm.acceptsHypercalls()) {
        vmm.faultingInstruction();
        deliver(m, vmm, VECTOR_UD, here, 'fault');
        return;
      }
      m.jumpTo(next);
      hypercall(m, vmm);
      return;
    case Op.Int:
      vmm.faultingInstruction();
      deliver(m, vmm, a & 0xff, next, 'int');
      return;
    default:
      // ud2 and fetches where no instruction is: #UD, the return address being the fault's.
      vmm.faultingInstruction();
      deliver(m, vmm, VECTOR_UD, here, 'fault');
      return;
  }
  if (m.busAccess >= 0) busExits(m, vmm);
  m.jumpTo(next);
}

/** The instruction's accesses outside RAM: a read-modify-write makes two (read, then write), as on real KVM. */
function busExits(m: Machine, vmm: Vmm): void {
  if (m.busReadBeforeWrite >= 0) vmm.bus(m.busReadBeforeWrite, false, 0xffffffff);
  vmm.bus(m.busAccess, m.busWrite, m.busValue);
}

export function isPrivileged(op: number): boolean {
  return op >= Op.Hlt && op <= Op.Iret;
}

function haltOrWait(m: Machine, vmm: Vmm): void {
  if (m.timerPeriod > 0 && m.ifl) {
    vmm.haltWait();
    m.timerCountdown = 0;
    return;
  }
  vmm.halt();
  m.stop({ reason: 'hlt', line: m.lineOfSlot(m.current), why: haltWhy(m, m.current) });
}

/**
 * Delivers `vector` through the guest's IDT: pushes flags, the old CPL and `returnAddress`, clears
 * IF and enters CPL 0 at the handler. A vector outside the IDT limit becomes a double fault, and
 * a double fault that cannot be delivered a triple fault: the machine shuts down.
 */
export function deliver(m: Machine, vmm: Vmm, vector: number, returnAddress: number, cause: ExceptionCause, errorCode?: number): void {
  let v = vector;
  let why = cause;
  let code = errorCode;
  let deliveryFault: number | undefined;
  vmm.raise(vector, cause);
  for (let attempt = 0; attempt < 2; attempt++) {
    const offset = v * 4;
    if (offset + 3 <= m.idtLimit) {
      // The IDT read and the pushes go through paging; a page fault during delivery escalates.
      const sp = m.regs[8];
      // Delivery's accesses are supervisor accesses (SDM 4.6), even from user mode.
      m.mmu.supervisorAccess = true;
      try {
        const handler = m.read32(m.idtBase + offset) >>> 0;
        const flags = m.flags;
        m.push(flags);
        m.push(m.cpl);
        m.push(returnAddress);
        if (code !== undefined) m.push(code);
        vmm.exception(v, why);
        m.setIf(false);
        m.interruptShadow = false;
        m.cpl = 0;
        m.jumpTo(handler);
        return;
      } catch (e) {
        if (e !== PAGE_FAULT) throw e;
        m.regs[8] = sp;
        m.cr2 = PAGE_FAULT.linear | 0;
        deliveryFault = PAGE_FAULT.linear;
        m.ev('exception', 'hardware', 0, `page fault at 0x${PAGE_FAULT.linear.toString(16)} while delivering ${v === VECTOR_DF ? 'a double fault' : `vector ${v}`}: escalates`,
          `交付${v === VECTOR_DF ? '双重故障' : `向量 ${v}`}时在 0x${PAGE_FAULT.linear.toString(16)} 缺页：升级`, { vector: v });
        v = VECTOR_DF;
        why = 'fault';
        code = undefined;
        continue;
      } finally {
        m.mmu.supervisorAccess = false;
      }
    }
    m.ev('exception', 'hardware', 0, `${v === VECTOR_DF ? 'double fault' : `vector ${v}`} lies outside the IDT (limit 0x${m.idtLimit.toString(16)}): escalates`, `向量 ${v} 超出 IDT 界限（0x${m.idtLimit.toString(16)}）：升级`, { vector: v });
    v = VECTOR_DF;
    why = 'fault';
    code = undefined;
  }
  vmm.tripleFault();
  m.stop({ reason: 'shutdown', line: m.lineOfSlot(m.current), why: shutdownWhy(m, vector, m.current, deliveryFault) });
}

/** Delivers a due timer interrupt before the next instruction. */
export function deliverTimer(m: Machine, vmm: Vmm): void {
  m.timerCountdown = m.timerPeriod;
  m.current = m.slot;
  deliver(m, vmm, TIMER_VECTOR, m.pc, 'irq');
}

function cpuid(m: Machine, signature: string | null): void {
  const R = m.regs;
  const leaf = R[0] >>> 0;
  R[0] = R[1] = R[2] = R[3] = 0;
  if (leaf === 0) {
    R[0] = 1;
    R[1] = word(VENDOR, 0);
    R[3] = word(VENDOR, 4);
    R[2] = word(VENDOR, 8);
  } else if (leaf === 1) {
    R[0] = LEAF1_SIGNATURE;
    R[2] = signature !== null ? 1 << 31 : 0;
  } else if (leaf === 0x40000000 && signature !== null) {
    R[0] = 0x40000001;
    R[1] = word(signature, 0);
    R[2] = word(signature, 4);
    R[3] = word(signature, 8);
  }
}

function hypercall(m: Machine, vmm: Vmm): void {
  const R = m.regs;
  const n = R[0] >>> 0;
  vmm.hypercall(n);
  if (m.cpl !== 0) {
    R[0] = HYPERCALL_NOT_PERMITTED;
    return;
  }
  switch (n) {
    case Hypercall.ConsoleWrite:
      R[0] = vmmReads(m, () => m.serialBuffer(R[1], R[2], true));
      break;
    case Hypercall.SetInterruptFlag:
      R[0] = m.ifl ? 1 : 0;
      m.setIf(R[1] !== 0);
      break;
    case Hypercall.LoadIdt: {
      const ea = R[1] >>> 0;
      R[0] = vmmReads(m, () => {
        const limit = m.read8(ea) | (m.read8(ea + 1) << 8);
        const base = m.read32(ea + 2) >>> 0;
        m.idtLimit = limit;
        m.idtBase = base;
        return 0;
      });
      break;
    }
    case Hypercall.WriteCr3:
      m.mmu.loadCr3(R[1]);
      R[0] = 0;
      break;
    case Hypercall.MmuUpdate:
      R[0] = mmuUpdate(m, R[1] >>> 0, R[2], vmm.memoryLayer);
      break;
    case Hypercall.Halt:
      R[0] = 0;
      haltOrWait(m, vmm);
      break;
    default:
      R[0] = HYPERCALL_UNKNOWN;
  }
}

/**
 * The VMM reading guest memory for a hypercall: through the guest's paging, but an unmapped
 * buffer is the hypercall's error (-EFAULT, as Xen and KVM return), not a guest page fault.
 */
function vmmReads(m: Machine, read: () => number): number {
  m.mmu.vmmAccess = true;
  try {
    return read();
  } catch (e) {
    if (e !== PAGE_FAULT) throw e;
    return MMU_UPDATE_EFAULT;
  } finally {
    m.mmu.vmmAccess = false;
  }
}

function read(m: Machine, o: GenericOperand | undefined): number {
  if (!o) return 0;
  if (o.kind === 'reg') return m.regs[o.reg];
  if (o.kind === 'imm') return o.value;
  return m.read32(m.ea(o.base, o.disp));
}

function write(m: Machine, o: GenericOperand | undefined, v: number): void {
  if (!o) return;
  if (o.kind === 'reg') m.regs[o.reg] = v;
  else if (o.kind === 'mem') m.write32(m.ea(o.base, o.disp), v);
}

/** Innocuous instructions in their general form (memory operands through the full bus). */
function executeGeneric(m: Machine, g: GenericInstruction, slot: number): void {
  const p = m.program;
  // MOV and POP only write their destination: reading it could fault with the wrong error code.
  const x = g.alu === Alu.Mov || g.alu === Alu.Pop ? 0 : read(m, g.dst);
  const y = read(m, g.src);
  let r = 0;
  switch (g.alu) {
    case Alu.Nop:
      break;
    case Alu.Mov:
      write(m, g.dst, y);
      break;
    case Alu.Add:
      r = (x + y) | 0;
      m.cf = r >>> 0 < x >>> 0;
      m.of = ((x ^ r) & (y ^ r)) < 0;
      m.av = x ^ y ^ r;
      m.setResultFlags(r);
      write(m, g.dst, r);
      break;
    case Alu.Sub:
    case Alu.Cmp:
      r = (x - y) | 0;
      m.cf = x >>> 0 < y >>> 0;
      m.of = ((x ^ y) & (x ^ r)) < 0;
      m.av = x ^ y ^ r;
      m.setResultFlags(r);
      if (g.alu === Alu.Sub) write(m, g.dst, r);
      break;
    case Alu.And:
    case Alu.Or:
    case Alu.Xor:
      r = g.alu === Alu.And ? x & y : g.alu === Alu.Or ? x | y : x ^ y;
      m.cf = m.of = false;
      m.av = 0; // undefined on x86
      m.setResultFlags(r);
      write(m, g.dst, r);
      break;
    case Alu.Shl:
    case Alu.Shr: {
      const count = y & 31;
      r = count === 0 ? x : g.alu === Alu.Shl ? x << count : (x >>> count) | 0;
      if (count !== 0) {
        m.cf = ((g.alu === Alu.Shl ? x >>> (32 - count) : x >>> (count - 1)) & 1) !== 0;
        // OF as for a count of 1 (undefined beyond): SHL MSB(result) ^ CF; SHR MSB(operand), 0 beyond.
        m.of = g.alu === Alu.Shl ? (r < 0) !== m.cf : count === 1 && x < 0;
        m.av = 0; // undefined on x86
        m.setResultFlags(r);
      }
      write(m, g.dst, r);
      break;
    }
    case Alu.Mul:
      r = Math.imul(x, y);
      m.cf = m.of = (x >>> 0) * (y >>> 0) > 0xffffffff;
      m.av = 0; // AF, and SF/ZF/PF (from the low half here), are undefined on x86
      m.setResultFlags(r);
      write(m, g.dst, r);
      break;
    case Alu.Inc:
    case Alu.Dec:
      r = g.alu === Alu.Inc ? (x + 1) | 0 : (x - 1) | 0;
      m.of = g.alu === Alu.Inc ? r === -0x80000000 : r === 0x7fffffff;
      m.av = x ^ r;
      m.setResultFlags(r);
      write(m, g.dst, r);
      break;
    case Alu.Push:
      m.push(x);
      break;
    case Alu.Pop: {
      const v = m.pop();
      write(m, g.dst, v);
      break;
    }
    case Alu.Call:
      m.push(m.nextAddress(slot));
      m.slot = p.a[slot];
      return;
    case Alu.Ret:
      m.jumpTo(m.pop());
      return;
    default:
      break;
  }
  m.jumpTo(m.nextAddress(slot));
}
