/**
 * VT-x and KVM vocabulary: basic exit reasons (Intel SDM vol. 3, appendix C), KVM exit reasons
 * (linux/include/uapi/linux/kvm.h) and the VM-execution controls as documented switches.
 */
import type { Era, KvmExitReason, VmxControlInfo, VmxControls, VmxExitReason } from './api';

export const VMX_EXIT_REASON_NUMBERS: Readonly<Record<VmxExitReason, number>> = {
  EXCEPTION_NMI: 0,
  EXTERNAL_INTERRUPT: 1,
  TRIPLE_FAULT: 2,
  CPUID: 10,
  HLT: 12,
  INVLPG: 14,
  RDTSC: 16,
  VMCALL: 18,
  CR_ACCESS: 28,
  IO_INSTRUCTION: 30,
  GDTR_IDTR: 46,
  EPT_VIOLATION: 48,
};

export const KVM_EXIT_REASON_NUMBERS: Readonly<Record<KvmExitReason, number>> = {
  KVM_EXIT_IO: 2,
  KVM_EXIT_HYPERCALL: 3,
  KVM_EXIT_HLT: 5,
  KVM_EXIT_MMIO: 6,
  KVM_EXIT_SHUTDOWN: 8,
};

/**
 * Defaults of each era (spec v2). Both: HLT exiting on, unconditional I/O exiting on, RDTSC exiting
 * off, descriptor-table exiting off, the CR0 guest/host mask covers PE and PG (KVM always owns
 * them). `current`: EPT and VPID on, so KVM turns CR3-load/store, INVLPG and #PF exiting off.
 * `early-vtx` (no EPT, no VPID): shadow paging, which needs CR3 loads and stores, INVLPG and guest
 * page faults to exit.
 */
export const VMX_CONTROL_DEFAULTS: Readonly<Record<Era, Readonly<VmxControls>>> = {
  current: Object.freeze({
    hltExiting: true,
    invlpgExiting: false,
    rdtscExiting: false,
    cr3LoadExiting: false,
    cr3StoreExiting: false,
    unconditionalIoExiting: true,
    descriptorTableExiting: false,
    cr0WriteExiting: true,
    enableEpt: true,
    enableVpid: true,
    pfExiting: false,
  }),
  'early-vtx': Object.freeze({
    hltExiting: true,
    invlpgExiting: true,
    rdtscExiting: false,
    cr3LoadExiting: true,
    cr3StoreExiting: true,
    unconditionalIoExiting: true,
    descriptorTableExiting: false,
    cr0WriteExiting: true,
    enableEpt: false,
    enableVpid: false,
    pfExiting: true,
  }),
};

/** The defaults of era `current`. */
export const DEFAULT_VMX_CONTROLS: Readonly<VmxControls> = VMX_CONTROL_DEFAULTS.current;

export const VMX_CONTROLS: readonly VmxControlInfo[] = [
  {
    id: 'hltExiting', sdmName: 'HLT exiting', defaultValue: true,
    description: {
      en: 'Primary processor-based control, bit 7. On: HLT causes a VM exit (reason 12, HLT); KVM then blocks the vCPU until an interrupt, or, without an in-kernel interrupt controller, returns KVM_EXIT_HLT to user space. Off: the processor halts inside the guest.',
      'zh-cn': '基于处理器的主控制位 7。开：HLT 引起 VM exit（原因 12，HLT）；KVM 阻塞该 vCPU 直到中断到来，或在没有内核中断控制器时向用户态返回 KVM_EXIT_HLT。关：处理器在客户机内直接停机。',
    },
  },
  {
    id: 'invlpgExiting', sdmName: 'INVLPG exiting', defaultValue: false, eraDefaults: { current: false, 'early-vtx': true },
    description: {
      en: 'Primary control, bit 9. On: INVLPG exits (reason 14) with the linear address as exit qualification, as a VMM with shadow page tables needs. Off (KVM with EPT): the guest flushes its own TLB entry.',
      'zh-cn': '主控制位 9。开：INVLPG 引起退出（原因 14），退出限定信息为线性地址，使用影子页表的 VMM 需要它。关（KVM 使用 EPT 时）：客户机自行刷新 TLB 项。',
    },
  },
  {
    id: 'rdtscExiting', sdmName: 'RDTSC exiting', defaultValue: false,
    description: {
      en: 'Primary control, bit 12. On: RDTSC exits (reason 16) and the VMM supplies the time stamp. Off: the guest reads the TSC directly (plus the TSC offset).',
      'zh-cn': '主控制位 12。开：RDTSC 引起退出（原因 16），由 VMM 提供时间戳。关：客户机直接读取 TSC（加上 TSC 偏移）。',
    },
  },
  {
    id: 'cr3LoadExiting', sdmName: 'CR3-load exiting', defaultValue: false, eraDefaults: { current: false, 'early-vtx': true },
    description: {
      en: 'Primary control, bit 15. On: MOV to CR3 exits (reason 28, CR_ACCESS; the qualification names CR3 and the source register), as shadow paging requires. With EPT, KVM turns it off.',
      'zh-cn': '主控制位 15。开：写 CR3 引起退出（原因 28，CR_ACCESS；限定信息给出 CR3 和源寄存器），影子页表需要如此。使用 EPT 时 KVM 关闭它。',
    },
  },
  {
    id: 'cr3StoreExiting', sdmName: 'CR3-store exiting', defaultValue: false, eraDefaults: { current: false, 'early-vtx': true },
    description: {
      en: 'Primary control, bit 16. On: MOV from CR3 exits (CR_ACCESS), so the VMM can show the guest its own CR3 instead of the shadow page table root.',
      'zh-cn': '主控制位 16。开：读 CR3 引起退出（CR_ACCESS），VMM 因而能向客户机呈现其自己的 CR3，而不是影子页表的根。',
    },
  },
  {
    id: 'unconditionalIoExiting', sdmName: 'Unconditional I/O exiting', defaultValue: true,
    description: {
      en: 'Primary control, bit 24. On: every IN/OUT exits (reason 30, IO_INSTRUCTION; qualification: port, size, direction); KVM handles its in-kernel devices and passes the rest to user space as KVM_EXIT_IO. Off (model only): port I/O reaches the devices without an exit, as if the ports were passed through — unsafe on a real host.',
      'zh-cn': '主控制位 24。开：每条 IN/OUT 都引起退出（原因 30，IO_INSTRUCTION；限定信息：端口、宽度、方向）；KVM 处理内核中的设备，其余以 KVM_EXIT_IO 交给用户态。关（仅本模型）：端口 I/O 不经退出直接到达设备，如同端口直通——在真实主机上并不安全。',
    },
  },
  {
    id: 'descriptorTableExiting', sdmName: 'Descriptor-table exiting', defaultValue: false,
    description: {
      en: 'Secondary control, bit 2. On: LGDT, LIDT, SGDT and SIDT exit (reason 46, GDTR_IDTR). Off: they run in the guest on the guest\'s own registers (VT-x keeps the guest\'s GDTR/IDTR in the VMCS, so SIDT is no red pill).',
      'zh-cn': '次级控制位 2。开：LGDT、LIDT、SGDT、SIDT 引起退出（原因 46，GDTR_IDTR）。关：它们在客户机内作用于客户机自己的寄存器（VT-x 在 VMCS 中保存客户机的 GDTR/IDTR，SIDT 不再是“红色药丸”）。',
    },
  },
  {
    id: 'cr0WriteExiting', sdmName: 'CR0 guest/host mask (PE, PG)', defaultValue: true,
    description: {
      en: 'The CR0 guest/host mask: a MOV to CR0 that changes an owned bit (PE or PG) exits (CR_ACCESS). Reads of CR0 and SMSW return the read shadow, so the guest sees its own value.',
      'zh-cn': 'CR0 客户机/主机掩码：写 CR0 并改变宿主拥有的位（PE 或 PG）时引起退出（CR_ACCESS）。读 CR0 和 SMSW 返回读影子，客户机看到的是自己的值。',
    },
  },
  {
    id: 'enableEpt', sdmName: 'Enable EPT', defaultValue: true, eraDefaults: { current: true, 'early-vtx': false },
    description: {
      en: 'Secondary control, bit 1. On: the processor translates guest-physical addresses through KVM\'s EPT (a 2-D walk of 14 references per TLB miss with guest paging on); the guest\'s page faults, CR3 loads and INVLPG need no exit, and KVM fills EPT lazily on EPT violations. Off: KVM keeps shadow page tables and forces CR3-load, INVLPG and #PF exiting on.',
      'zh-cn': '次级控制位 1。开：处理器经 KVM 的 EPT 转换客户机物理地址（客户机开启分页时每次 TLB 未命中做 14 次访存的二维遍历）；客户机缺页、写 CR3 与 INVLPG 都无需退出，KVM 在 EPT 违例时惰性填充 EPT。关：KVM 维护影子页表，并强制开启 CR3-load、INVLPG 与 #PF 退出。',
    },
  },
  {
    id: 'enableVpid', sdmName: 'Enable VPID', defaultValue: true, eraDefaults: { current: true, 'early-vtx': false },
    description: {
      en: 'Secondary control, bit 5. On: TLB entries are tagged with the virtual processor\'s ID, so VM exits and entries keep the guest\'s translations. Off: every VM exit and entry flushes the TLB, and the guest pays the misses again.',
      'zh-cn': '次级控制位 5。开：TLB 项带有虚拟处理器标识，VM exit 与 VM entry 保留客户机的地址转换。关：每次 VM exit 和 VM entry 都清空 TLB，客户机要再次承担未命中。',
    },
  },
  {
    id: 'pfExiting', sdmName: 'Exception bitmap bit 14 (#PF)', defaultValue: false, eraDefaults: { current: false, 'early-vtx': true },
    description: {
      en: 'Exception bitmap, bit 14. On: every page fault in the guest causes a VM exit (EXCEPTION_NMI) and KVM decides: a hidden fault it fixes in its shadow tables, or a real one it injects into the guest. Shadow paging needs it; with EPT KVM leaves it off.',
      'zh-cn': '异常位图第 14 位。开：客户机中的每次缺页都引起 VM exit（EXCEPTION_NMI），由 KVM 判断：隐藏缺页在影子页表中修复，真正的缺页注入客户机。影子页表需要它；使用 EPT 时 KVM 关闭它。',
    },
  },
];

/**
 * Controls of a run: the era's defaults overridden by the given switches. Without EPT, KVM's
 * shadow MMU needs CR3 loads, INVLPG and guest page faults to exit, and sets them itself, so
 * they are forced on whatever was asked.
 */
export function vmxControls(overrides: Partial<VmxControls> | undefined, era: Era = 'current'): VmxControls {
  const c: VmxControls = { ...(VMX_CONTROL_DEFAULTS[era] ?? VMX_CONTROL_DEFAULTS.current) };
  if (overrides) {
    for (const key of Object.keys(c) as (keyof VmxControls)[]) {
      const v = overrides[key];
      if (typeof v === 'boolean') c[key] = v;
    }
  }
  if (!c.enableEpt) {
    c.cr3LoadExiting = true;
    c.invlpgExiting = true;
    c.pfExiting = true;
  }
  return c;
}
