/** `emulate`: QEMU's TCG. Software produces every instruction's effect; results are always right. */
import type { Layer, Mode } from '../api';
import type { Op } from '../fastpath';
import { vectorName, Vmm, type ExceptionCause } from './vmm';

export class EmulateVmm extends Vmm {
  override readonly mode: Mode = 'emulate';

  protected override get deviceLayer(): Layer {
    return 'qemu';
  }

  override accountFast(n: number): void {
    this.m.stats.emulated += n;
    this.m.stats.cycles += n * this.costs.emulatedInstruction;
  }

  override stepEvent(): void {
    this.m.note('emulated', 'qemu', this.costs.emulatedInstruction, 'emulated by TCG (translated guest code run by QEMU)', '由 TCG 模拟（QEMU 运行翻译后的客户机代码）');
  }

  private emulated(en: string, zh: string): void {
    this.m.stats.emulated++;
    this.m.ev('emulated', 'qemu', this.costs.emulatedInstruction, en, zh);
  }

  override privileged(_op: Op): void {
    this.emulated('TCG emulates the privileged instruction on the virtual CPU', 'TCG 在虚拟 CPU 上模拟该特权指令');
  }

  override sensitive(_kind: Parameters<Vmm['sensitive']>[0], expected: number): number {
    this.emulated('TCG emulates it on the virtual CPU: the guest sees its own state', 'TCG 在虚拟 CPU 上模拟：客户机看到自己的状态');
    return expected;
  }

  override signature(): string {
    return 'TCGTCGTCGTCG';
  }

  override cpuid(): void {
    this.emulated('TCG answers CPUID (hypervisor bit set, signature "TCGTCGTCGTCG")', 'TCG 应答 CPUID（置 hypervisor 位，签名 "TCGTCGTCGTCG"）');
  }

  override rdtsc(): void {
    this.emulated('TCG computes the time stamp', 'TCG 计算时间戳');
  }

  override faultingInstruction(): void {
    this.emulated('TCG raises the exception in the virtual CPU', 'TCG 在虚拟 CPU 中引发异常');
  }

  override raise(_vector: number, cause: ExceptionCause): void {
    if (cause === 'irq') this.m.ev('device', 'qemu', 0, 'QEMU timer: interrupt request', 'QEMU 定时器：中断请求');
  }

  override exception(vector: number): void {
    this.m.ev('exception', 'qemu', this.costs.exceptionDelivery, `TCG delivers ${vectorName(vector)} through the guest IDT`, `TCG 经客户机 IDT 交付 ${vectorName(vector)}`, { vector });
  }

  override halt(): void {
    this.m.ev('halt', 'qemu', 0, 'HLT: QEMU stops the virtual CPU', 'HLT：QEMU 停止虚拟 CPU');
  }

  override haltWait(): void {
    this.m.ev('device', 'qemu', 0, 'HLT: QEMU idles until the timer interrupt', 'HLT：QEMU 空闲等待定时器中断');
  }

  override tripleFault(): void {
    this.m.ev('halt', 'qemu', 0, 'triple fault: QEMU shuts the machine down', '三重故障：QEMU 关闭机器');
  }
}
