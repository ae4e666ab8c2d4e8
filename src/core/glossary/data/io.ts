import type { GlossaryEntry } from '../types';
import { kvmApi, qemuDocs, qemuPaper, sdm, sugerman, virtioSpec, virtioSpec10, xenPaper } from './sources';

const vtdSpec = {
  title: 'Intel Virtualization Technology for Directed I/O, Architecture Specification',
  where: 'chapter 3 "DMA Remapping"; chapter 5 "Interrupt Remapping"',
};

const vfioDoc = {
  title: 'Linux kernel documentation',
  where: 'Documentation/driver-api/vfio.rst',
  url: 'https://docs.kernel.org/driver-api/vfio.html',
};

export const ioEntries: GlossaryEntry[] = [
  {
    id: 'device-emulation',
    category: 'io',
    names: { en: 'Device emulation', 'zh-cn': '设备模拟' },
    aliases: ['emulated device', 'emulated devices', 'device model', '设备仿真', '模拟设备', '设备模型'],
    summary: {
      en: 'Giving a guest a software imitation of a real device, such as an IDE disk, an e1000 network card or a 16550 UART, so that its unmodified drivers work. Each access the driver makes to the device\'s registers traps to the VMM, which updates the model and performs the real I/O. It is the most compatible and the slowest way of virtualizing I/O; QEMU is the usual device model for KVM and Xen HVM guests.',
      'zh-cn': '在软件中模仿一个真实设备（例如 IDE 磁盘、e1000 网卡、16550 UART）提供给客户机，使客户机未经修改的驱动可以照常工作。驱动对设备寄存器的每次访问都会陷入 VMM，由它更新设备模型并完成真正的 I/O。这是兼容性最好、速度也最慢的 I/O 虚拟化方式；QEMU 是 KVM 和 Xen HVM 客户机常用的设备模型。',
    },
    taxonomy: ['virtualization', 'io-virtualization'],
    related: ['mmio', 'port-io', 'qemu', 'virtio', 'uart'],
    sources: [sugerman, qemuPaper],
  },
  {
    id: 'mmio',
    category: 'io',
    names: { en: 'Memory-mapped I/O (MMIO)', 'zh-cn': '内存映射 I/O（MMIO）' },
    aliases: ['MMIO', 'memory-mapped I/O', 'memory mapped I/O', 'memory-mapped IO', '内存映射I/O', '内存映射 IO', '内存映射IO'],
    summary: {
      en: "Device registers that appear at physical addresses and are accessed with ordinary loads and stores. To emulate such a device the VMM leaves those guest-physical addresses unmapped (or mapped read-only), so that each access faults or exits and can be decoded and emulated. KVM passes accesses it does not handle itself to user space as KVM_EXIT_MMIO.",
      'zh-cn': '出现在物理地址空间中、用普通的读写内存指令访问的设备寄存器。为了模拟这类设备，VMM 不映射（或只读映射）相应的客户机物理地址，使每次访问都引发缺页或退出，再对访问进行解码和模拟。KVM 自己不处理的此类访问，会以 KVM_EXIT_MMIO 交给用户态。',
    },
    taxonomy: ['virtualization', 'io-virtualization'],
    related: ['port-io', 'kvm-exit-mmio', 'ept-violation', 'device-emulation'],
    sources: [kvmApi('section "KVM_RUN", "KVM_EXIT_MMIO"')],
  },
  {
    id: 'port-io',
    category: 'io',
    names: { en: 'Port I/O (PIO)', 'zh-cn': '端口 I/O（PIO）' },
    aliases: ['PIO', 'port I/O', 'port-mapped I/O', 'port IO', 'I/O port', 'I/O ports', 'port-mapped IO', '端口I/O', '端口 IO', '端口IO', 'I/O 端口', 'I/O端口'],
    summary: {
      en: "x86's separate 64 KB I/O address space, reached with the IN and OUT instructions (and their string forms INS and OUTS). Legacy devices such as the serial port (0x3F8) live there. Under VT-x an I/O instruction causes a VM exit (basic reason 30) if the VMM's I/O bitmaps or controls say so; KVM hands unhandled ones to user space as KVM_EXIT_IO.",
      'zh-cn': 'x86 上独立的 64 KB I/O 地址空间，用 IN、OUT 指令（以及串操作形式 INS、OUTS）访问。串口（0x3F8）等传统设备就位于其中。在 VT-x 下，如果 VMM 的 I/O 位图或控制位要求，I/O 指令会引发 VM 退出（基本退出原因 30）；KVM 把自己不处理的这类退出以 KVM_EXIT_IO 交给用户态。',
    },
    taxonomy: ['virtualization', 'io-virtualization'],
    related: ['mmio', 'kvm-exit-io', 'uart', 'exit-reason'],
    sources: [sdm('Vol. 1, chapter "Input/Output"; Vol. 3C, 25.1.3 "Instructions That Cause VM Exits Conditionally"'), kvmApi('section "KVM_RUN", "KVM_EXIT_IO"')],
  },
  {
    id: 'uart',
    category: 'io',
    names: { en: 'UART (serial port)', 'zh-cn': 'UART（串口）' },
    aliases: ['UART', '16550', '16550A', 'serial port', 'serial console', '串口', '串行端口', '串口控制台'],
    summary: {
      en: 'A serial-port controller; the PC standard is the 16550, whose registers sit at I/O port 0x3F8 for COM1. Emulated, it is the simplest console a guest can have, but each byte written is an OUT instruction and therefore one VM exit, which makes it a good example of why paravirtual devices exist.',
      'zh-cn': '串口控制器；PC 上的标准是 16550，COM1 的寄存器位于 I/O 端口 0x3F8。以模拟方式提供时，它是客户机最简单的控制台，但每写一个字节就是一条 OUT 指令，也就是一次 VM 退出，这正好说明了为什么需要半虚拟化设备。',
    },
    taxonomy: ['virtualization', 'io-virtualization', 'device-emulation'],
    related: ['port-io', 'device-emulation', 'virtio', 'kvm-exit-io'],
    sources: [
      { title: 'National Semiconductor, "PC16550D Universal Asynchronous Receiver/Transmitter with FIFOs"', where: 'datasheet, register description' },
      qemuDocs('System Emulation, "Invocation" (-serial)', 'https://www.qemu.org/docs/master/system/invocation.html'),
    ],
  },
  {
    id: 'virtio',
    category: 'io',
    names: { en: 'virtio', 'zh-cn': 'virtio' },
    aliases: ['VirtIO', 'virtio-net', 'virtio-blk', 'virtio-scsi', 'virtio-console', 'virtio devices', 'virtio 设备', 'virtio设备'],
    summary: {
      en: 'A family of paravirtual devices (network, block, console, balloon and others) that a guest driver talks to through shared-memory queues (virtqueues) instead of emulated hardware registers. Its specification is written by an OASIS technical committee and published as OASIS Committee Specifications: VIRTIO 1.0 as Committee Specification 04 (2016), 1.1 and 1.2 each as Committee Specification 01 (2019, 2022). A driver posts many requests and notifies the device once, so a whole batch costs one exit. It is the standard I/O path for KVM guests and is also used by other hypervisors.',
      'zh-cn': '一族半虚拟化设备（网络、块设备、控制台、气球等），客户机驱动通过共享内存中的队列（virtqueue）与之通信，而不是访问模拟出来的硬件寄存器。其规范由 OASIS 的一个技术委员会编写，以 OASIS 委员会规范（Committee Specification）的形式发布：VIRTIO 1.0 为 Committee Specification 04（2016 年），1.1 和 1.2 均为 Committee Specification 01（2019 年、2022 年）。驱动可以放入许多请求后只通知设备一次，一整批请求只需一次退出。它是 KVM 客户机的标准 I/O 路径，其他 Hypervisor 也在使用。',
    },
    taxonomy: ['virtualization', 'io-virtualization', 'paravirtualization'],
    related: ['virtqueue', 'vhost', 'paravirtualization', 'device-emulation', 'ballooning'],
    sources: [virtioSpec, virtioSpec10, { title: 'R. Russell, "virtio: Towards a De-Facto Standard For Virtual I/O Devices"', where: 'ACM SIGOPS Operating Systems Review 42(5), 2008', url: 'https://doi.org/10.1145/1400097.1400108' }],
  },
  {
    id: 'virtqueue',
    category: 'io',
    names: { en: 'Virtqueue', 'zh-cn': '虚拟队列（virtqueue）' },
    aliases: ['virtqueue', 'virtqueues', 'vring', 'split virtqueue', 'packed virtqueue', '虚拟队列'],
    summary: {
      en: 'The shared-memory queue through which a virtio driver and device exchange buffers: the driver places buffer descriptors in it and makes them available, the device consumes them and marks them used. Notifications in either direction are needed only when the other side is waiting, which is what keeps exits rare.',
      'zh-cn': 'virtio 驱动与设备之间交换缓冲区所用的共享内存队列：驱动把缓冲区描述符放入队列并标记为可用，设备取走处理后标记为已用。只有当对方正在等待时才需要在两个方向上发送通知，这正是退出次数少的原因。',
    },
    taxonomy: ['virtualization', 'io-virtualization', 'paravirtualization', 'virtio'],
    related: ['virtio', 'vhost'],
    sources: [{ ...virtioSpec, where: 'section 2.6 "Virtqueues"' }],
  },
  {
    id: 'vhost',
    category: 'io',
    names: { en: 'vhost', 'zh-cn': 'vhost' },
    aliases: ['vhost-net', 'vhost_net', 'vhost-user', 'vhost-scsi', 'vhost-vsock'],
    summary: {
      en: 'Moving the device side of a virtio device out of QEMU: vhost-net is a Linux kernel module that processes the virtqueues of a virtio-net device directly, and vhost-user hands them to another user-space process such as a DPDK switch. Guest notifications then reach the back end through ioeventfd without a trip through QEMU, which cuts latency and copies.',
      'zh-cn': '把 virtio 设备的设备端处理移出 QEMU：vhost-net 是一个 Linux 内核模块，直接处理 virtio-net 设备的 virtqueue；vhost-user 则把它们交给另一个用户态进程（例如 DPDK 虚拟交换机）处理。客户机的通知经由 ioeventfd 直接送达后端，不必绕道 QEMU，从而降低了延迟、减少了数据复制。',
    },
    taxonomy: ['virtualization', 'io-virtualization', 'paravirtualization', 'virtio'],
    related: ['virtio', 'virtqueue', 'network-virtualization', 'qemu-kvm'],
    sources: [
      qemuDocs('Interoperability, "Vhost-user Protocol" (docs/interop/vhost-user.rst)', 'https://www.qemu.org/docs/master/interop/vhost-user.html'),
      { title: 'Linux kernel source', where: 'drivers/vhost/net.c, include/uapi/linux/vhost.h', url: 'https://github.com/torvalds/linux/tree/master/drivers/vhost' },
    ],
  },
  {
    id: 'split-driver',
    category: 'io',
    names: { en: 'Split driver model', 'zh-cn': '前后端驱动模型' },
    aliases: ['split driver', 'split device driver', 'front-end driver', 'back-end driver', 'frontend driver', 'backend driver', 'netfront', 'netback', 'blkfront', 'blkback', '前端驱动', '后端驱动', '前后端驱动', '分离驱动模型'],
    summary: {
      en: "Xen's way of doing paravirtual I/O: a front-end driver in the guest (netfront, blkfront) passes requests through shared-memory rings and event channels to a back-end driver (netback, blkback) in Dom0 or a driver domain, which performs the real I/O with the native driver. virtio follows the same front/back split.",
      'zh-cn': 'Xen 实现半虚拟化 I/O 的方式：客户机中的前端驱动（netfront、blkfront）通过共享内存环和事件通道，把请求交给 Dom0 或驱动域中的后端驱动（netback、blkback），由后者调用真实驱动完成 I/O。virtio 也采用同样的前后端划分。',
    },
    taxonomy: ['virtualization', 'io-virtualization', 'paravirtualization'],
    related: ['dom0', 'domu', 'virtio', 'xen'],
    sources: [xenPaper, { title: 'Xen Project wiki', where: 'Xen_Networking; Paravirtualized_(PV)_drivers', url: 'https://wiki.xenproject.org/wiki/Xen_Networking' }],
  },
  {
    id: 'dma',
    category: 'io',
    names: { en: 'Direct memory access (DMA)', 'zh-cn': '直接内存访问（DMA）' },
    aliases: ['DMA', 'direct memory access', '直接内存访问', '直接存储器访问'],
    summary: {
      en: 'Devices reading and writing memory themselves, without the CPU copying each word. A device programmed by a guest driver would use guest-physical addresses, which are wrong on the host and could overwrite any memory; that is why direct device assignment needs an IOMMU to translate and confine its DMA.',
      'zh-cn': '设备自行读写内存，而不需要 CPU 逐字复制。由客户机驱动编程的设备会使用客户机物理地址，而这些地址在宿主机上是错的，还可能改写任意内存；所以把设备直接分配给客户机时，需要 IOMMU 来转换并限制它的 DMA。',
    },
    taxonomy: ['virtualization', 'io-virtualization'],
    related: ['iommu', 'device-passthrough', 'vt-d'],
    sources: [vtdSpec],
  },
  {
    id: 'iommu',
    category: 'io',
    names: { en: 'IOMMU', 'zh-cn': 'IOMMU（输入输出内存管理单元）' },
    aliases: ['IOMMU', 'I/O memory management unit', 'input-output memory management unit', 'AMD-Vi', 'DMA remapping', 'I/O 内存管理单元', '输入输出内存管理单元', 'DMA 重映射'],
    summary: {
      en: 'A memory management unit for devices: it translates the addresses a device uses for DMA through per-device page tables and blocks accesses outside them, and can remap interrupts too. With it a VMM can give a guest a physical device safely, the device seeing guest-physical addresses. Intel implements it as VT-d, AMD as AMD-Vi.',
      'zh-cn': '面向设备的内存管理单元：它通过每个设备各自的页表转换设备 DMA 所用的地址，阻止越界访问，还可以对中断进行重映射。有了它，VMM 就能安全地把物理设备交给客户机使用，设备看到的是客户机物理地址。Intel 的实现称为 VT-d，AMD 的称为 AMD-Vi。',
    },
    taxonomy: ['virtualization', 'io-virtualization'],
    related: ['vt-d', 'dma', 'device-passthrough', 'sr-iov', 'mmu'],
    sources: [vtdSpec, { title: 'AMD I/O Virtualization Technology (IOMMU) Specification', where: 'publication 48882', url: 'https://www.amd.com/en/support/tech-docs' }],
  },
  {
    id: 'vt-d',
    category: 'io',
    names: { en: 'Intel VT-d', 'zh-cn': 'Intel VT-d' },
    aliases: ['VT-d', 'Intel VT-d', 'Virtualization Technology for Directed I/O', 'VT for Directed I/O'],
    summary: {
      en: "Intel's IOMMU, named Virtualization Technology for Directed I/O: DMA remapping through per-device (and per-PASID) translation tables, and interrupt remapping. It is a chipset/platform feature separate from the CPU's VT-x, and must usually be enabled in firmware and on the Linux command line (intel_iommu=on) before devices can be assigned to guests.",
      'zh-cn': 'Intel 的 IOMMU，全称“面向定向 I/O 的虚拟化技术”：通过每个设备（以及每个 PASID）的转换表实现 DMA 重映射，并提供中断重映射。它是芯片组/平台的特性，与 CPU 的 VT-x 相互独立，通常需要在固件中以及 Linux 命令行上（intel_iommu=on）启用之后，才能把设备分配给客户机。',
    },
    taxonomy: ['virtualization', 'io-virtualization', 'iommu'],
    related: ['iommu', 'vt-x', 'device-passthrough', 'dma'],
    sources: [vtdSpec],
  },
  {
    id: 'device-passthrough',
    category: 'io',
    names: { en: 'Device passthrough', 'zh-cn': '设备直通' },
    aliases: ['passthrough', 'pass-through', 'PCI passthrough', 'device assignment', 'direct device assignment', 'VFIO', 'vfio-pci', '直通', '设备分配', 'PCI 直通', 'PCI直通'],
    summary: {
      en: "Giving a guest exclusive use of a physical device: the guest's own driver programs it directly, its DMA is confined by the IOMMU and its interrupts are routed to the guest. Performance is close to native, but the device cannot be shared and live migration becomes hard. On Linux it is done through VFIO.",
      'zh-cn': '把一个物理设备交给某个客户机独占使用：客户机自己的驱动直接操作设备，设备的 DMA 由 IOMMU 限制，中断被转发给客户机。性能接近原生，但设备无法共享，热迁移也变得困难。在 Linux 上通过 VFIO 实现。',
    },
    taxonomy: ['virtualization', 'io-virtualization'],
    related: ['iommu', 'vt-d', 'sr-iov', 'dma', 'live-migration'],
    sources: [vfioDoc],
  },
  {
    id: 'sr-iov',
    category: 'io',
    names: { en: 'SR-IOV', 'zh-cn': 'SR-IOV（单根 I/O 虚拟化）' },
    aliases: ['SR-IOV', 'SRIOV', 'Single Root I/O Virtualization', 'single-root I/O virtualization', 'virtual function', 'virtual functions', 'physical function', '单根 I/O 虚拟化', '单根I/O虚拟化', '单根虚拟化'],
    summary: {
      en: 'A PCI Express standard that lets one device present itself as several: a physical function (PF) that the host manages, and many lightweight virtual functions (VFs), each with its own queues and PCI identity, that can be passed through to different guests. It combines the speed of passthrough with sharing of one network card or SSD.',
      'zh-cn': 'PCI Express 的一项标准，让一个设备以多个设备的身份出现：一个由宿主机管理的物理功能（PF），以及许多轻量的虚拟功能（VF），每个 VF 有自己的队列和 PCI 身份，可以分别直通给不同的客户机。它兼顾了直通的速度和对一块网卡或 SSD 的共享。',
    },
    taxonomy: ['virtualization', 'io-virtualization', 'device-passthrough'],
    related: ['device-passthrough', 'iommu', 'virtio'],
    sources: [
      { title: 'PCI-SIG, "Single Root I/O Virtualization and Sharing Specification"', where: 'revision 1.1, 2010' },
      { title: 'Linux kernel documentation', where: 'Documentation/PCI/pci-iov-howto.rst', url: 'https://docs.kernel.org/PCI/pci-iov-howto.html' },
    ],
  },
];
