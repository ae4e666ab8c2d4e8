/**
 * `trap` and `paravirt`: classic trap-and-emulate with ring deprivileging on a CPU without VT.
 * The guest kernel runs at CPL 1; the VMM keeps the virtual CPU (the guest's IF, CPL, IDTR, GDTR,
 * CR0, CR3: the Machine's state) while the real processor holds the VMM's own values. Privileged
 * instructions fault into the VMM, which emulates them on the virtual CPU; sensitive unprivileged
 * ones run directly and see the real values — each such difference is a recorded divergence.
 */
import type { DivergenceKind, Layer, Mode, TableRegister } from '../api';
import { deviceAt } from '../devices';
import { Op } from '../fastpath';
import { vectorName, Vmm, type ExceptionCause } from './vmm';

/** What the real processor holds while a classic VMM runs the guest (VMM-owned, high addresses). */
export const VMM_GDTR: Readonly<TableRegister> = { base: 0xffc01000, limit: 0x3f };
export const VMM_IDTR: Readonly<TableRegister> = { base: 0xffc00000, limit: 0x3ff };
/** PG, AM, WP, NE, ET, MP, PE: what an OS (here the VMM) typically runs with. */
export const VMM_CR0 = 0x80050033 | 0;
/** Root of the shadow page tables the VMM builds for the guest. */
export const VMM_CR3 = 0x01ff0000;

const OP_TEXT: Partial<Record<Op, [string, string]>> = {
  [Op.Hlt]: ['HLT: the virtual CPU halts', 'HLT：虚拟 CPU 停机'],
  [Op.Cli]: ['CLI: virtual IF = 0', 'CLI：虚拟 IF = 0'],
  [Op.Sti]: ['STI: virtual IF = 1', 'STI：虚拟 IF = 1'],
  [Op.In]: ['IN: the VMM reads its device model', 'IN：VMM 读取其设备模型'],
  [Op.Out]: ['OUT: the VMM writes to its device model', 'OUT：VMM 写入其设备模型'],
  [Op.Lidt]: ['LIDT: loads the virtual IDTR (the real IDT stays the VMM\'s)', 'LIDT：装入虚拟 IDTR（真实 IDT 仍属 VMM）'],
  [Op.Lgdt]: ['LGDT: loads the virtual GDTR (the VMM builds a shadow GDT)', 'LGDT：装入虚拟 GDTR（VMM 建立影子 GDT）'],
  [Op.MovToCr]: ['MOV to CR: updates the virtual control register (and the shadow page tables for CR3)', '写控制寄存器：更新虚拟控制寄存器（写 CR3 时还要更新影子页表）'],
  [Op.MovFromCr]: ['MOV from CR: returns the virtual control register', '读控制寄存器：返回虚拟控制寄存器'],
  [Op.Invlpg]: ['INVLPG: the VMM updates its shadow page tables', 'INVLPG：VMM 更新影子页表'],
  [Op.Iret]: ['IRET: the VMM returns to the guest with the virtual CPL and IF', 'IRET：VMM 按虚拟 CPL 与 IF 返回客户机'],
};

export class ClassicVmm extends Vmm {
  override readonly mode: Mode = 'trap';

  override realCpl(): number {
    return this.m.cpl === 0 ? 1 : 3;
  }
  override realIf(): boolean {
    return true;
  }
  override realCr0(): number {
    return VMM_CR0;
  }
  override realCr3(): number {
    return VMM_CR3;
  }
  override realGdtr(): TableRegister {
    return { ...VMM_GDTR };
  }
  override realIdtr(): TableRegister {
    return { ...VMM_IDTR };
  }

  protected override get deviceLayer(): Layer {
    return 'vmm';
  }

  /** A fault from the deprivileged guest into the VMM. */
  protected trap(en: string, zh: string): void {
    this.m.stats.traps++;
    this.m.ev('trap', 'vmm', this.costs.trap, en, zh, { term: 'Trap-and-emulate' });
  }

  /** The VMM producing an instruction's effect on the virtual CPU. */
  protected emulate(en: string, zh: string): void {
    this.m.stats.emulated++;
    this.m.ev('emulated', 'vmm', this.costs.vmmEmulation, en, zh);
  }

  override privileged(op: Op): void {
    this.trap('#GP at CPL 1: the privileged instruction traps into the VMM', 'CPL 1 下的 #GP：特权指令陷入 VMM');
    if (this.m.recording) {
      const [en, zh] = OP_TEXT[op] ?? ['the VMM emulates the instruction', 'VMM 模拟该指令'];
      this.emulate(`VMM emulates ${en}`, `VMM 模拟 ${zh}`);
    } else this.emulate('', '');
  }

  override get memoryLayer(): Layer {
    return 'vmm';
  }

  /** Shadow paging and the PV MMU: the real MMU's fault or a write-protected page brings the guest into the VMM. */
  override memoryTrap(kind: 'hidden-fault' | 'page-fault' | 'pt-write', la: number): void {
    const m = this.m;
    if (!m.recording) return this.trap('', '');
    const a = `0x${(la >>> 0).toString(16)}`;
    if (kind === 'pt-write') this.trap(`write to the write-protected page table at ${a}: trap into the VMM`, `写被写保护的页表 ${a}：陷入 VMM`);
    else this.trap(`page fault at ${a} on the real MMU: trap into the VMM, which walks the guest's tables`, `真实 MMU 在 ${a} 缺页：陷入 VMM，由它遍历客户机页表`);
  }

  override sensitive(kind: DivergenceKind, expected: number, real: number): number {
    this.direct();
    if ((real | 0) !== (expected | 0)) this.diverge(kind, expected, real);
    return real;
  }

  override acceptsHypercalls(): boolean {
    return false;
  }

  override hypercall(n: number): void {
    this.m.stats.hypercalls++;
    this.m.stats.emulated++;
    this.m.ev('hypercall', 'vmm', this.costs.hypercall, `hypercall ${n} into the VMM`, `超级调用 ${n} 进入 VMM`, { hypercall: n, term: 'Hypercall' });
    if (n === 1 && this.m.cpl === 0) {
      this.worldSwitch();
      this.device('paravirtual console backend: the whole buffer to the serial output', '半虚拟控制台后端：整个缓冲区写到串口输出');
    }
  }

  override faultingInstruction(): void {
    this.trap('the real CPU faults into the VMM (the VMM owns the real IDT)', '真实 CPU 异常陷入 VMM（真实 IDT 属于 VMM）');
    this.m.stats.emulated++;
  }

  override raise(_vector: number, cause: ExceptionCause): void {
    if (cause === 'irq') this.trap('timer interrupt arrives in the VMM', '定时器中断到达 VMM');
  }

  override exception(vector: number): void {
    if (!this.m.recording) {
      this.m.stats.cycles += this.costs.vmmEmulation + this.costs.exceptionDelivery;
      return;
    }
    this.m.ev('reflect', 'vmm', this.costs.vmmEmulation + this.costs.exceptionDelivery,
      `VMM reflects ${vectorName(vector)} through the guest's virtual IDT`, `VMM 经客户机的虚拟 IDT 反射 ${vectorName(vector)}`, { vector });
  }

  override bus(address: number, write: boolean, _data?: number): void {
    this.trap(`page fault on MMIO address 0x${address.toString(16)}: trap into the VMM`, `MMIO 地址 0x${address.toString(16)} 缺页：陷入 VMM`);
    this.worldSwitch();
    this.device(`host device model: MMIO ${write ? 'write' : 'read'}`, `宿主机设备模型：MMIO ${write ? '写' : '读'}`);
  }

  /**
   * Device models of a classic VMM live on the host (VMware's VMX process, Xen's dom0): reaching
   * one costs a world switch out of the VMM and back, as an exit to QEMU does under KVM.
   */
  protected worldSwitch(): void {
    this.m.ev('device', 'qemu', this.costs.userspaceExit, 'world switch: the VMM hands the access to the device model on the host', '世界切换：VMM 把访问交给宿主机上的设备模型');
  }

  override portIo(port: number, direction: 'in' | 'out', value: number): void {
    if (deviceAt(port) === 'timer') {
      // The timer is emulated inside the VMM, as KVM keeps its PIT in the kernel.
      this.deviceEvent('vmm', port, direction, value, 'VMM ');
      return;
    }
    this.worldSwitch();
    this.deviceEvent('qemu', port, direction, value, '');
  }

  override halt(): void {
    this.m.ev('halt', 'vmm', 0, 'the VMM stops the virtual machine (HLT, nothing pending)', 'VMM 停止虚拟机（HLT，无待处理中断）');
  }

  override haltWait(): void {
    this.m.ev('device', 'vmm', 0, 'the VMM idles the virtual CPU until its timer fires', 'VMM 让虚拟 CPU 空闲直到定时器触发');
  }

  override tripleFault(): void {
    this.m.ev('halt', 'vmm', 0, 'triple fault in the guest: the VMM shuts the virtual machine down', '客户机三重故障：VMM 关闭虚拟机');
  }
}

/** `paravirt`: as `trap`, plus hypercalls (VMCALL) that a modified guest uses instead. */
export class ParavirtVmm extends ClassicVmm {
  override readonly mode: Mode = 'paravirt';

  override acceptsHypercalls(): boolean {
    return true;
  }
}
