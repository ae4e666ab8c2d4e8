/** A vCPU in an image's initial state: KVM's CPUID leaves, the segments' hidden parts, control and general registers. */
import type { X86InitialState, X86Segment } from '../../core/x86/image';
import type { Vm, Vcpu } from './kvm';
import type { CpuidEntry, Regs, Segment, Sregs } from './structs';

/**
 * Creates vCPU 0 of `vm` in state `initial`. `cpuid` is KVM_GET_SUPPORTED_CPUID's answer, passed
 * on unchanged: the hypervisor bit and "KVMKVMKVM" at 0x40000000, as a KVM guest sees them.
 */
export function bootVcpu(vm: Vm, initial: X86InitialState, cpuid: readonly CpuidEntry[]): Vcpu {
  const vcpu = vm.createVcpu(0);
  vcpu.setCpuid(cpuid);
  vcpu.setSregs(initialSregs(vcpu.getSregs(), initial));
  vcpu.setRegs(initialRegs(initial));
  return vcpu;
}

/** A code or data segment (S = 1), present and usable, from the image's hidden-part description. */
function segment(s: X86Segment): Segment {
  return {
    base: s.base >>> 0, limit: s.limit >>> 0, selector: s.selector, type: s.type, present: 1, dpl: s.dpl, db: s.db,
    s: 1, l: 0, g: s.granularity, avl: 0, unusable: 0,
  };
}

function initialSregs(current: Sregs, i: X86InitialState): Sregs {
  return {
    ...current,
    cs: segment(i.cs), ds: segment(i.ds), es: segment(i.es), ss: segment(i.ss), fs: segment(i.fs), gs: segment(i.gs),
    gdt: { base: i.gdt.base >>> 0, limit: i.gdt.limit }, idt: { base: i.idt.base >>> 0, limit: i.idt.limit },
    cr0: i.cr0 >>> 0, cr3: i.cr3 >>> 0, cr4: i.cr4 >>> 0, efer: 0,
  };
}

function initialRegs(i: X86InitialState): Regs {
  return {
    rax: i.eax >>> 0, rbx: i.ebx >>> 0, rcx: i.ecx >>> 0, rdx: i.edx >>> 0, rsi: i.esi >>> 0, rdi: i.edi >>> 0, rsp: i.esp >>> 0, rbp: i.ebp >>> 0,
    r8: 0, r9: 0, r10: 0, r11: 0, r12: 0, r13: 0, r14: 0, r15: 0, rip: i.eip >>> 0, rflags: (i.eflags | 2) >>> 0,
  };
}

