import type { GlossaryEntry } from '../types';
import { kvmApi, kvmHeader } from './sources';

/** The exit reasons a user-space VMM sees: sources are api.rst's kvm_run section and kvm.h's numbers. */
const runStructure = kvmApi('section 5 "The kvm_run structure"');

function exitEntry(
  id: string,
  constant: string,
  value: number,
  zhName: string,
  summary: GlossaryEntry['summary'],
  related: string[],
  extraAliases: string[] = [],
): GlossaryEntry {
  return {
    id,
    category: 'kvm-api',
    names: { en: constant, 'zh-cn': `${constant}（${zhName}）` },
    aliases: [...extraAliases],
    summary,
    taxonomy: ['kvm', 'kvm-run', 'kvm-exit-reasons'],
    related: ['kvm-exit-reasons', 'kvm-run-struct', ...related],
    sources: [runStructure, { ...kvmHeader, where: `include/uapi/linux/kvm.h (#define ${constant} ${value})` }],
  };
}

export const kvmApiEntries: GlossaryEntry[] = [
  {
    id: 'dev-kvm',
    category: 'kvm-api',
    names: { en: '/dev/kvm', 'zh-cn': '/dev/kvm 设备文件' },
    aliases: ['/dev/kvm', 'dev/kvm'],
    summary: {
      en: 'The character device through which user space uses KVM. Opening it gives a system file descriptor for ioctls such as KVM_GET_API_VERSION, KVM_CHECK_EXTENSION and KVM_CREATE_VM; each VM and each vCPU then gets a file descriptor of its own. Its presence shows that the kvm modules are loaded and the CPU supports VT-x or AMD-V.',
      'zh-cn': '用户态使用 KVM 所通过的字符设备。打开它得到一个系统级文件描述符，可以对它调用 KVM_GET_API_VERSION、KVM_CHECK_EXTENSION、KVM_CREATE_VM 等 ioctl；之后每台虚拟机、每个 vCPU 都有各自的文件描述符。它存在，说明 kvm 模块已加载且 CPU 支持 VT-x 或 AMD-V。',
    },
    taxonomy: ['kvm'],
    related: ['kvm-create-vm', 'kvm-create-vcpu', 'kvm-run', 'kvm-module'],
    sources: [kvmApi('section 3 "Extensions" and section 4 "API description" (system ioctls)'), kvmHeader],
  },
  {
    id: 'kvm-create-vm',
    category: 'kvm-api',
    names: { en: 'KVM_CREATE_VM', 'zh-cn': 'KVM_CREATE_VM（创建虚拟机）' },
    aliases: ['KVM_CREATE_VM'],
    summary: {
      en: 'The ioctl on /dev/kvm that creates a virtual machine with no vCPUs and no memory, and returns a file descriptor for it. VM-wide ioctls, such as adding memory slots or vCPUs, are made on that descriptor.',
      'zh-cn': '对 /dev/kvm 调用的 ioctl，它创建一台既没有 vCPU 也没有内存的虚拟机，并返回代表它的文件描述符。添加内存槽、创建 vCPU 等针对整台虚拟机的 ioctl 都在这个描述符上调用。',
    },
    taxonomy: ['kvm', 'dev-kvm'],
    related: ['dev-kvm', 'kvm-create-vcpu', 'kvm-set-user-memory-region'],
    sources: [kvmApi('section 4 "API description", "KVM_CREATE_VM"')],
  },
  {
    id: 'kvm-create-vcpu',
    category: 'kvm-api',
    names: { en: 'KVM_CREATE_VCPU', 'zh-cn': 'KVM_CREATE_VCPU（创建 vCPU）' },
    aliases: ['KVM_CREATE_VCPU'],
    summary: {
      en: 'The VM ioctl that adds a vCPU with a given id and returns its file descriptor. The VMM maps that descriptor to reach the vCPU\'s struct kvm_run, sets its registers with KVM_SET_REGS and KVM_SET_SREGS, and runs it with KVM_RUN, usually from a thread of its own.',
      'zh-cn': '在虚拟机文件描述符上调用的 ioctl，它按给定的编号添加一个 vCPU 并返回其文件描述符。VMM 通过 mmap 这个描述符访问该 vCPU 的 struct kvm_run，用 KVM_SET_REGS、KVM_SET_SREGS 设置寄存器，再用 KVM_RUN 运行它，通常每个 vCPU 由一个单独的线程负责。',
    },
    taxonomy: ['kvm', 'dev-kvm'],
    related: ['vcpu', 'kvm-run', 'kvm-run-struct', 'kvm-get-regs'],
    sources: [kvmApi('section 4 "API description", "KVM_CREATE_VCPU"')],
  },
  {
    id: 'kvm-set-user-memory-region',
    category: 'kvm-api',
    names: { en: 'KVM_SET_USER_MEMORY_REGION', 'zh-cn': 'KVM_SET_USER_MEMORY_REGION（设置内存槽）' },
    aliases: ['KVM_SET_USER_MEMORY_REGION', 'KVM_SET_USER_MEMORY_REGION2', 'memory slot', 'memory slots', 'memslot', 'memslots', '内存槽'],
    summary: {
      en: 'The VM ioctl that gives a guest memory: a memory slot maps a range of guest-physical addresses to a range of the calling process\'s own virtual memory (userspace_addr). Guest memory is therefore ordinary memory of the user-space VMM. Guest-physical addresses outside every slot are treated as MMIO.',
      'zh-cn': '为客户机提供内存的虚拟机级 ioctl：一个内存槽把一段客户机物理地址映射到调用进程自己的一段虚拟内存（userspace_addr）。因此客户机内存就是用户态 VMM 的普通内存。不属于任何内存槽的客户机物理地址被当作 MMIO 处理。',
    },
    taxonomy: ['kvm', 'dev-kvm'],
    related: ['gpa', 'hva', 'mmio', 'kvm-create-vm'],
    sources: [kvmApi('section 4 "API description", "KVM_SET_USER_MEMORY_REGION"')],
  },
  {
    id: 'kvm-get-regs',
    category: 'kvm-api',
    names: { en: 'KVM_GET_REGS / KVM_SET_REGS', 'zh-cn': 'KVM_GET_REGS / KVM_SET_REGS（读写寄存器）' },
    aliases: ['KVM_GET_REGS', 'KVM_SET_REGS', 'KVM_GET_SREGS', 'KVM_SET_SREGS'],
    summary: {
      en: 'The vCPU ioctls that read and write a vCPU\'s general-purpose registers (struct kvm_regs: RAX…R15, RIP, RFLAGS) and, with the S variants, its special registers (struct kvm_sregs: segment registers, CR0, CR3, CR4, EFER and descriptor tables). A minimal VMM uses them to put a new vCPU in the mode and at the address where its code starts.',
      'zh-cn': '读写 vCPU 通用寄存器（struct kvm_regs：RAX…R15、RIP、RFLAGS）的 vCPU 级 ioctl；带 S 的版本读写特殊寄存器（struct kvm_sregs：段寄存器、CR0、CR3、CR4、EFER 和描述符表）。最简单的 VMM 就用它们把新建的 vCPU 设置到正确的运行模式和代码起始地址。',
    },
    taxonomy: ['kvm', 'dev-kvm', 'kvm-create-vcpu'],
    related: ['kvm-create-vcpu', 'kvm-run', 'vcpu'],
    sources: [kvmApi('section 4 "API description", "KVM_GET_REGS", "KVM_SET_REGS", "KVM_GET_SREGS"')],
  },
  {
    id: 'kvm-run',
    category: 'kvm-api',
    names: { en: 'KVM_RUN', 'zh-cn': 'KVM_RUN（运行 vCPU）' },
    aliases: ['KVM_RUN', 'KVM_RUN ioctl'],
    summary: {
      en: 'The vCPU ioctl that runs guest code: the calling thread enters the guest and stays in the kernel while KVM handles exits itself, and the ioctl returns only when an exit needs user space (I/O to an emulated device, an unhandled MMIO access, a shutdown) or a signal arrives. The reason and its details are then in the vCPU\'s struct kvm_run; the VMM handles them and calls KVM_RUN again.',
      'zh-cn': '运行客户机代码的 vCPU 级 ioctl：调用线程进入客户机，KVM 能自行处理的退出都在内核中处理，只有当某个退出需要用户态处理（访问模拟设备的 I/O、未处理的 MMIO 访问、关机）或收到信号时，ioctl 才返回。此时退出原因及其细节保存在该 vCPU 的 struct kvm_run 中；VMM 处理完后再次调用 KVM_RUN。',
    },
    taxonomy: ['kvm', 'dev-kvm', 'kvm-create-vcpu'],
    related: ['kvm-run-struct', 'kvm-exit-reasons', 'vm-exit', 'vcpu', 'qemu-kvm'],
    sources: [kvmApi('section 4 "API description", "KVM_RUN"'), runStructure],
  },
  {
    id: 'kvm-run-struct',
    category: 'kvm-api',
    names: { en: 'struct kvm_run', 'zh-cn': 'kvm_run 结构体' },
    aliases: ['kvm_run', 'struct kvm_run', 'KVM_GET_VCPU_MMAP_SIZE', 'kvm_run 结构'],
    summary: {
      en: 'The per-vCPU structure shared between KVM and user space, mapped with mmap on the vCPU file descriptor (its size comes from KVM_GET_VCPU_MMAP_SIZE). After KVM_RUN returns, its exit_reason field says why, and a union holds the details, such as io or mmio; user space writes its answers (for example the data of an emulated read) back into it before the next KVM_RUN.',
      'zh-cn': 'KVM 与用户态共享的每个 vCPU 一份的结构，通过对 vCPU 文件描述符调用 mmap 映射得到（其大小由 KVM_GET_VCPU_MMAP_SIZE 给出）。KVM_RUN 返回后，其中的 exit_reason 字段说明返回原因，一个联合体保存细节（例如 io 或 mmio）；用户态在下一次 KVM_RUN 之前把处理结果（例如模拟读操作得到的数据）写回其中。',
    },
    taxonomy: ['kvm', 'kvm-run'],
    related: ['kvm-run', 'kvm-exit-reasons', 'kvm-exit-io', 'kvm-exit-mmio'],
    sources: [runStructure, kvmHeader],
  },
  {
    id: 'kvm-exit-reasons',
    category: 'kvm-api',
    names: { en: 'KVM exit reasons (KVM_EXIT_*)', 'zh-cn': 'KVM 退出原因（KVM_EXIT_*）' },
    aliases: ['KVM_EXIT_*', 'KVM exit reason', 'KVM exit reasons', 'exit_reason', 'KVM 退出原因', 'KVM退出原因'],
    summary: {
      en: 'The values of kvm_run.exit_reason, telling user space why KVM_RUN returned. They are not the hardware exit reasons: most VM exits are handled inside KVM and never seen by user space, and one KVM_EXIT_* can stand for several hardware reasons. Common ones are KVM_EXIT_IO (2), KVM_EXIT_HLT (5), KVM_EXIT_MMIO (6), KVM_EXIT_SHUTDOWN (8), KVM_EXIT_FAIL_ENTRY (9) and KVM_EXIT_INTERNAL_ERROR (17).',
      'zh-cn': 'kvm_run.exit_reason 字段的取值，告诉用户态 KVM_RUN 为什么返回。它们不同于硬件的退出原因：大多数 VM 退出在 KVM 内部就处理掉了，用户态根本看不到；一个 KVM_EXIT_* 也可能对应多种硬件退出原因。常见的有 KVM_EXIT_IO（2）、KVM_EXIT_HLT（5）、KVM_EXIT_MMIO（6）、KVM_EXIT_SHUTDOWN（8）、KVM_EXIT_FAIL_ENTRY（9）和 KVM_EXIT_INTERNAL_ERROR（17）。',
    },
    taxonomy: ['kvm', 'kvm-run'],
    related: ['exit-reason', 'kvm-run-struct', 'kvm-exit-io', 'kvm-exit-mmio', 'kvm-exit-hlt', 'vm-exit'],
    sources: [runStructure, kvmHeader],
  },
  exitEntry('kvm-exit-io', 'KVM_EXIT_IO', 2, '端口 I/O 退出', {
    en: 'KVM_RUN returned because the guest executed an IN or OUT instruction on a port that no in-kernel device handles. kvm_run.io gives the direction, access size, port, repeat count and the offset inside the kvm_run area of the data buffer; user space emulates the access (for an IN, it writes the data there) and runs the vCPU again.',
    'zh-cn': 'KVM_RUN 返回，是因为客户机对一个内核中没有设备处理的端口执行了 IN 或 OUT 指令。kvm_run.io 给出方向、访问宽度、端口号、重复次数以及数据缓冲区在 kvm_run 区域中的偏移；用户态模拟这次访问（对于 IN，把数据写到该处）后再次运行 vCPU。',
  }, ['port-io', 'uart']),
  exitEntry('kvm-exit-mmio', 'KVM_EXIT_MMIO', 6, 'MMIO 退出', {
    en: 'KVM_RUN returned because the guest accessed a guest-physical address that belongs to no memory slot and no in-kernel device. kvm_run.mmio gives the address, the length, whether it is a write, and up to 8 bytes of data; for a read, user space fills in the data before the next KVM_RUN, which completes the guest\'s instruction.',
    'zh-cn': 'KVM_RUN 返回，是因为客户机访问了一个既不属于任何内存槽、也没有内核设备处理的客户机物理地址。kvm_run.mmio 给出地址、长度、是否为写以及最多 8 个字节的数据；如果是读，用户态在下一次 KVM_RUN 之前填好数据，客户机的这条指令随之完成。',
  }, ['mmio', 'ept-violation']),
  exitEntry('kvm-exit-hlt', 'KVM_EXIT_HLT', 5, '停机退出', {
    en: 'KVM_RUN returned because the guest executed HLT and user space, not the kernel, emulates the interrupt controller. With the usual in-kernel local APIC, KVM instead puts the vCPU thread to sleep until an interrupt arrives and never returns this reason.',
    'zh-cn': 'KVM_RUN 返回，是因为客户机执行了 HLT，而中断控制器由用户态而不是内核模拟。在通常使用内核内置 local APIC 的配置下，KVM 会让 vCPU 线程睡眠直到有中断到来，不会返回这个原因。',
  }, ['hlt', 'interrupt-virtualization']),
  exitEntry('kvm-exit-shutdown', 'KVM_EXIT_SHUTDOWN', 8, '关机退出', {
    en: 'KVM_RUN returned because the guest reached a shutdown condition; on x86 that is a triple fault, a fault raised while delivering a double fault, which on real hardware resets the machine. A VMM usually resets or stops the VM; a learner usually sees it when a hand-built guest has no valid IDT or page tables.',
    'zh-cn': 'KVM_RUN 返回，是因为客户机进入了关机状态；在 x86 上这就是三重错误（在递交双重错误时又发生异常），真实硬件遇到它会复位。VMM 通常会重置或停止虚拟机；初学者往往在自己构造的客户机没有有效的 IDT 或页表时遇到它。',
  }, ['kvm-exit-fail-entry']),
  exitEntry('kvm-exit-fail-entry', 'KVM_EXIT_FAIL_ENTRY', 9, 'VM 进入失败', {
    en: 'KVM_RUN returned because the processor refused the VM entry, usually because the guest state in the VMCS is invalid (for example inconsistent segment registers or control registers). kvm_run.fail_entry holds the hardware reason; the guest cannot continue until its state is fixed.',
    'zh-cn': 'KVM_RUN 返回，是因为处理器拒绝了 VM 进入，通常是因为 VMCS 中的客户机状态无效（例如段寄存器或控制寄存器的设置互相矛盾）。kvm_run.fail_entry 中保存硬件给出的原因；在状态修正之前客户机无法继续运行。',
  }, ['vm-entry', 'vmcs', 'kvm-get-regs']),
];
