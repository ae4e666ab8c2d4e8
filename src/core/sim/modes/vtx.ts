/**
 * `vtx`: KVM on Intel VT-x with QEMU in user space. The guest runs in VMX non-root mode at its
 * real CPL; only what the VM-execution controls select exits. KVM handles some exits in the kernel
 * and returns the rest to user space (KVM_EXIT_*), where QEMU's device models act.
 */
import type { DivergenceKind, ExitQualification, KvmExitReason, Layer, Mode, UserSpaceExit, VmxExitReason } from '../api';
import { deviceAt, portAccessSize } from '../devices';
import { Op } from '../fastpath';
import { CR0_PE, CR0_PG } from '../machine';
import { KVM_EXIT_REASON_NUMBERS, VMX_EXIT_REASON_NUMBERS } from '../vmx';
import { Hypercall } from '../execute';
import { vectorName, Vmm, type ExceptionCause } from './vmm';

const REGISTER_NAMES = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'sp', 'zero'];

const USER_EXIT_OF: Partial<Record<KvmExitReason, UserSpaceExit>> = {
  KVM_EXIT_HLT: { kind: 'hlt' }, KVM_EXIT_SHUTDOWN: { kind: 'shutdown' }, KVM_EXIT_HYPERCALL: { kind: 'hypercall' },
};

export class VtxVmm extends Vmm {
  override readonly mode: Mode = 'vtx';
  /** The current HLT caused a VM exit (decides how the halt ends). */
  private hltExited = false;
  /** The current OUT/IN caused a VM exit (decides where the device work happens). */
  private ioExited = false;

  protected override get deviceLayer(): Layer {
    return 'qemu';
  }

  private exit(reason: VmxExitReason, qualification?: ExitQualification): void {
    const m = this.m;
    m.countVmExit(reason);
    // Without VPID the exit and the entry after it flush the guest's TLB entries.
    if (!this.controls.enableVpid) m.mmu.flush('VM exit and entry without VPID', '无 VPID 时的 VM exit 与 VM entry', 'Virtual-processor identifier (VPID)');
    if (!m.recording) {
      m.stats.cycles += this.costs.vmExit;
      return;
    }
    const number = VMX_EXIT_REASON_NUMBERS[reason];
    m.ev('vmexit', 'kvm', this.costs.vmExit, `VM exit: ${reason} (basic exit reason ${number})`, `VM exit：${reason}（基本退出原因 ${number}）`,
      { vmExit: { reason, number, qualification }, term: reason === 'EPT_VIOLATION' ? 'EPT violation' : 'VM exit' });
  }

  /** KVM completes the exit in the kernel and re-enters the guest (`instruction`: it emulated one). */
  private inKernel(en: string, zh: string, instruction = true): void {
    const m = this.m;
    if (instruction) m.stats.emulated++;
    if (!m.recording) m.stats.cycles += this.costs.vmmEmulation;
    else m.ev('kvm-handled', 'kvm', this.costs.vmmEmulation, `KVM: ${en}`, `KVM：${zh}`);
  }

  private toUser(reason: KvmExitReason, en: string, zh: string, instruction = true, userExit?: UserSpaceExit): void {
    const m = this.m;
    if (instruction) m.stats.emulated++;
    m.countKvmExit(reason);
    if (!m.recording) {
      m.stats.cycles += this.costs.userspaceExit;
      return;
    }
    const number = KVM_EXIT_REASON_NUMBERS[reason];
    m.ev('kvm-exit', 'qemu', this.costs.userspaceExit, `KVM_RUN returns ${reason} (${number}) to QEMU: ${en}`, `KVM_RUN 向 QEMU 返回 ${reason}（${number}）：${zh}`,
      { kvmExit: { reason, number }, term: 'KVM exit reasons (KVM_EXIT_*)', userExit: userExit ?? USER_EXIT_OF[reason] });
  }

  override privileged(op: Op): void {
    const m = this.m;
    const c = this.controls;
    const p = m.program;
    const a = p.a[m.current];
    const b = p.b[m.current];
    this.hltExited = false;
    this.ioExited = false;
    switch (op) {
      case Op.Hlt:
        if (!c.hltExiting) break;
        this.hltExited = true;
        this.exit('HLT');
        m.stats.emulated++;
        return;
      case Op.In:
      case Op.Out:
        if (!c.unconditionalIoExiting) break;
        this.ioExited = true;
        this.exit('IO_INSTRUCTION', { kind: 'io', port: op === Op.In ? b : a, size: portAccessSize(op === Op.In ? b : a), direction: op === Op.In ? 'in' : 'out' });
        return;
      case Op.Lidt:
      case Op.Lgdt:
        if (!c.descriptorTableExiting) break;
        this.exit('GDTR_IDTR');
        this.inKernel(`emulates ${op === Op.Lidt ? 'LIDT' : 'LGDT'} on the guest state in the VMCS`, `在 VMCS 的客户机状态上模拟 ${op === Op.Lidt ? 'LIDT' : 'LGDT'}`);
        return;
      case Op.MovToCr: {
        const value = m.regs[b];
        const exits = a === 3 ? c.cr3LoadExiting : c.cr0WriteExiting && ((value ^ m.cr0) & (CR0_PE | CR0_PG)) !== 0;
        if (!exits) break;
        this.exit('CR_ACCESS', { kind: 'cr', cr: a === 3 ? 3 : 0, access: 'mov-to-cr', register: REGISTER_NAMES[b] });
        if (a === 3 && !c.enableEpt) {
          // The shadow MMU books the switch of shadow roots itself (memory/shadow.ts).
          this.inKernel('loads the guest CR3 (no EPT: shadow page tables)', '装入客户机 CR3（无 EPT：影子页表）');
        } else {
          this.inKernel(a === 3 ? 'records the guest CR3 (EPT translates guest-physical memory, no shadow tables)' : 'updates the guest CR0 and its read shadow',
            a === 3 ? '记录客户机 CR3（EPT 负责客户机物理地址转换，无影子页表）' : '更新客户机 CR0 及其读影子');
        }
        return;
      }
      case Op.MovFromCr:
        if (b !== 3 || !c.cr3StoreExiting) break;
        this.exit('CR_ACCESS', { kind: 'cr', cr: 3, access: 'mov-from-cr', register: REGISTER_NAMES[a] });
        this.inKernel('returns the guest\'s own CR3', '返回客户机自己的 CR3');
        return;
      case Op.Invlpg:
        if (!c.invlpgExiting) break;
        this.exit('INVLPG', { kind: 'invlpg', linearAddress: m.ea(a, b) });
        if (c.enableEpt) this.inKernel('executes INVLPG for the guest (EPT keeps no shadow entry)', '替客户机执行 INVLPG（EPT 下没有影子页表项）');
        else this.inKernel('drops the shadow page-table entry and the TLB entry', '删除影子页表项与 TLB 项');
        return;
      default:
        break;
    }
    this.direct();
  }

  override portIo(port: number, direction: 'in' | 'out', value: number): void {
    if (!this.ioExited) {
      this.deviceEvent('hardware', port, direction, value, '');
      return;
    }
    if (deviceAt(port) === 'timer') {
      this.inKernel('in-kernel PIT emulation of the timer port', '内核中的 PIT 模拟定时器端口');
      return;
    }
    // The toy machine's ports move one byte (the debug-exit port's data too), as the translated in/out.
    if (this.m.recording) this.toUser('KVM_EXIT_IO', `${direction} port 0x${port.toString(16)}`, `${direction === 'in' ? '读' : '写'}端口 0x${port.toString(16)}`, true, { kind: 'io', port, direction, size: 1, data: value & 0xff });
    else this.toUser('KVM_EXIT_IO', '', '');
    this.deviceEvent('qemu', port, direction, value, 'QEMU ');
  }

  override sensitive(kind: DivergenceKind, expected: number): number {
    if ((kind === 'sgdt' || kind === 'sidt') && this.controls.descriptorTableExiting) {
      this.exit('GDTR_IDTR');
      this.inKernel(`emulates ${kind.toUpperCase()} from the guest state`, `按客户机状态模拟 ${kind.toUpperCase()}`);
    } else this.direct();
    return expected;
  }

  override signature(): string {
    return 'KVMKVMKVM\0\0\0';
  }

  override cpuid(): void {
    this.exit('CPUID');
    this.inKernel('answers CPUID (hypervisor bit, signature "KVMKVMKVM")', '应答 CPUID（hypervisor 位，签名 "KVMKVMKVM"）');
  }

  override rdtsc(): void {
    if (!this.controls.rdtscExiting) return this.direct();
    this.exit('RDTSC');
    this.inKernel('supplies the guest time stamp', '提供客户机时间戳');
  }

  override acceptsHypercalls(): boolean {
    return true;
  }

  override hypercall(n: number): void {
    const m = this.m;
    m.stats.hypercalls++;
    // The halt hypercall ends like an exiting HLT (KVM_EXIT_HLT without an in-kernel irqchip).
    this.hltExited = n === Hypercall.Halt;
    this.exit('VMCALL');
    m.ev('hypercall', 'kvm', 0, `hypercall ${n}`, `超级调用 ${n}`, { hypercall: n, term: 'Hypercall' });
    if (n === Hypercall.ConsoleWrite && m.cpl === 0) {
      this.toUser('KVM_EXIT_HYPERCALL', 'the paravirtual console writes the whole buffer', '半虚拟控制台一次写出整个缓冲区');
      this.device('QEMU paravirtual console: buffer written to the serial output', 'QEMU 半虚拟控制台：缓冲区写到串口输出');
    } else this.inKernel(`handles hypercall ${n}`, `处理超级调用 ${n}`);
  }

  override get memoryLayer(): Layer {
    return 'kvm';
  }

  /** Shadow paging without EPT: a #PF (intercepted through the exception bitmap) exits to KVM. */
  override memoryTrap(kind: 'hidden-fault' | 'page-fault' | 'pt-write', la: number): void {
    this.exit('EXCEPTION_NMI', { kind: 'exception', vector: 14 });
    if (!this.m.recording) return this.inKernel('', '', false);
    const a = `0x${(la >>> 0).toString(16)}`;
    if (kind === 'pt-write') this.inKernel(`#PF on the write-protected guest page table at ${a}`, `写保护的客户机页表 ${a} 上的 #PF`, false);
    else this.inKernel(`#PF at ${a}: walks the guest page tables (shadow MMU)`, `${a} 处 #PF：遍历客户机页表（影子 MMU）`, false);
  }

  override eptViolation(gpa: number): void {
    const m = this.m;
    this.exit('EPT_VIOLATION', { kind: 'ept', guestPhysicalAddress: gpa >>> 0 });
    m.mmu.stats.eptViolations++;
    m.ev('ept-violation', 'kvm', this.costs.eptViolation,
      `EPT violation at guest-physical 0x${(gpa >>> 0).toString(16)}: first touch of the page, KVM maps it in EPT in the kernel (no exit to user space)`,
      `客户机物理地址 0x${(gpa >>> 0).toString(16)} 处 EPT 违例：该页首次被访问，KVM 在内核中把它映射进 EPT（不退出到用户态）`,
      { term: 'EPT violation', page: { linear: gpa >>> 0 } });
  }

  override raise(vector: number, cause: ExceptionCause): void {
    if (vector === 14 && cause === 'fault' && this.controls.enableEpt && this.controls.pfExiting) {
      this.exit('EXCEPTION_NMI', { kind: 'exception', vector });
      this.inKernel('intercepts the guest #PF (exception bitmap) and reinjects it', '截获客户机 #PF（异常位图）并重新注入', false);
      return;
    }
    if (cause === 'irq') {
      this.exit('EXTERNAL_INTERRUPT');
      this.inKernel('the host timer fired; KVM injects vector 32 at the next VM entry', '宿主机定时器触发；KVM 在下次 VM entry 时注入向量 32', false);
    } else if (vector === 6 && cause === 'fault') {
      this.exit('EXCEPTION_NMI', { kind: 'exception', vector });
      this.inKernel('intercepts #UD (the exception bitmap has it, to emulate VMCALL), finds no hypercall and reinjects it', '截获 #UD（异常位图包含它，以便模拟 VMCALL），不是超级调用，于是重新注入', false);
    }
  }

  override exception(vector: number): void {
    if (!this.m.recording) {
      this.m.stats.cycles += this.costs.exceptionDelivery;
      return;
    }
    this.m.ev('exception', 'hardware', this.costs.exceptionDelivery, `${vectorName(vector)} delivered through the guest IDT (no exit)`, `${vectorName(vector)} 经客户机 IDT 交付（无退出）`, { vector });
  }

  override bus(address: number, write: boolean, data?: number): void {
    this.exit('EPT_VIOLATION', { kind: 'ept', guestPhysicalAddress: address >>> 0 });
    if (this.controls.enableEpt) this.m.mmu.stats.eptViolations++;
    this.toUser('KVM_EXIT_MMIO', `${write ? 'write' : 'read'} at 0x${address.toString(16)} outside guest RAM`, `在客户机内存之外的 0x${address.toString(16)} ${write ? '写' : '读'}`, false,
      { kind: 'mmio', address, isWrite: write, ...(data === undefined ? {} : { data }) });
    this.device(`QEMU MMIO ${write ? 'write' : 'read'} at 0x${address.toString(16)}`, `QEMU MMIO ${write ? '写' : '读'} 0x${address.toString(16)}`);
  }

  override halt(): void {
    if (!this.hltExited) {
      this.m.ev('halt', 'hardware', 0, 'HLT without HLT exiting: the processor halts inside the guest', '未启用 HLT exiting：处理器在客户机内停机');
      return;
    }
    this.toUser('KVM_EXIT_HLT', 'no in-kernel interrupt controller, so the halted vCPU goes to user space', '没有内核中断控制器，停机的 vCPU 交给用户态', false);
    this.m.ev('halt', 'qemu', 0, 'QEMU ends the run (KVM_EXIT_HLT)', 'QEMU 结束运行（KVM_EXIT_HLT）');
  }

  override haltWait(): void {
    if (this.hltExited) this.inKernel('blocks the vCPU until the timer interrupt', '阻塞 vCPU 直到定时器中断', false);
    else this.m.ev('device', 'hardware', 0, 'the processor waits in the guest for the timer', '处理器在客户机内等待定时器');
  }

  override debugExit(code: number): void {
    this.m.ev('halt', 'qemu', 0, `QEMU isa-debug-exit: exits with code ${code}`, `QEMU isa-debug-exit：以退出码 ${code} 退出`);
  }

  override tripleFault(): void {
    this.exit('TRIPLE_FAULT');
    this.toUser('KVM_EXIT_SHUTDOWN', 'the guest triple-faulted', '客户机发生三重故障', false);
    this.m.ev('halt', 'qemu', 0, 'QEMU shuts the virtual machine down', 'QEMU 关闭虚拟机');
  }
}
