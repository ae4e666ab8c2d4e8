/**
 * `bt`: VMware-style binary translation. Guest kernel code is translated one basic block at a
 * time on first entry and cached; privileged and sensitive instructions become callouts into the
 * VMM, which emulates them on the virtual CPU, so results are always right. User code runs
 * directly (at CPL 3), so its faults, system calls and interrupts still trap into the VMM, and its
 * CPUID, which the translator cannot see, is answered by the real processor. VMCALL is #UD here:
 * VMware's translator offered no VMCALL hypercalls.
 */
import type { DivergenceKind, Mode } from '../api';
import { isControlTransfer, Op } from '../fastpath';
import { ClassicVmm } from './classic';

/** A translation unit never grows beyond this (as VMware's TUs are bounded). */
const MAX_BLOCK = 64;

export class BtVmm extends ClassicVmm {
  override readonly mode: Mode = 'bt';
  override readonly translates: boolean = true;
  private translated: Uint8Array | undefined;

  private callout(en: string, zh: string): void {
    const m = this.m;
    m.stats.callouts++;
    m.stats.emulated++;
    m.ev('callout', 'vmm', this.costs.callout + this.costs.vmmEmulation, en, zh, { term: 'Binary translation' });
  }

  private get inKernel(): boolean {
    return this.m.cpl === 0;
  }

  /** At the entry of a kernel basic block: translate it once, then reuse the translation. */
  enterBlock(): void {
    const m = this.m;
    const p = m.program;
    const translated = (this.translated ??= new Uint8Array(p.op.length));
    const start = m.slot;
    if (translated[start]) {
      m.stats.translationCacheHits++;
      return;
    }
    translated[start] = 1;
    let count = 0;
    for (let s = start; s < p.op.length && count < MAX_BLOCK; s++) {
      count++;
      if (isControlTransfer(p.op[s]) || p.slotInstruction[s] < 0) break;
    }
    m.stats.translatedBlocks++;
    m.current = start;
    m.ev('translate', 'vmm', count * this.costs.translateInstruction,
      `translates the kernel block at 0x${m.addressOf(start).toString(16)} (${count} instructions) into the translation cache`,
      `把 0x${m.addressOf(start).toString(16)} 处的内核基本块（${count} 条指令）翻译进翻译缓存`,
      { block: { start: m.addressOf(start), instructions: count }, term: 'Binary translation' });
  }

  override privileged(op: Op): void {
    this.callout(`translated ${op === Op.Iret ? 'IRET' : 'privileged instruction'}: callout to the VMM, which emulates it on the virtual CPU`,
      `翻译后的${op === Op.Iret ? ' IRET' : '特权指令'}：调出到 VMM，在虚拟 CPU 上模拟`);
  }

  override sensitive(_kind: DivergenceKind, expected: number): number {
    if (this.inKernel) this.callout('sensitive instruction translated into a callout: the guest sees its virtual state', '敏感指令被翻译为调出：客户机看到其虚拟状态');
    else this.direct();
    return expected;
  }

  /**
   * Only translated (kernel) code reaches the VMM. User code runs directly on the processor,
   * which the translator never sees: its CPUID gets the real processor's answer, no signature.
   */
  override signature(): string | null {
    return this.inKernel ? 'VMwareVMware' : null;
  }

  override cpuid(): void {
    if (this.inKernel) this.callout('CPUID translated into a callout (hypervisor bit, signature "VMwareVMware")', 'CPUID 被翻译为调出（hypervisor 位，签名 "VMwareVMware"）');
    else this.direct();
  }

  override faultingInstruction(): void {
    if (this.inKernel) this.callout('translated code raises the exception through a callout', '翻译后的代码通过调出引发异常');
    else super.faultingInstruction();
  }
}
