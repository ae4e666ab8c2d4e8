import type { GlossaryEntry } from '../types';
import { qemuDocs } from './sources';

const clark = {
  title: 'C. Clark et al., "Live Migration of Virtual Machines"',
  where: 'NSDI 2005',
  url: 'https://www.usenix.org/legacy/event/nsdi05/tech/clark.html',
};

export const operationEntries: GlossaryEntry[] = [
  {
    id: 'live-migration',
    category: 'operations',
    names: { en: 'Live migration', 'zh-cn': '热迁移' },
    aliases: ['live migration', 'hot migration', 'pre-copy migration', 'vMotion', '在线迁移', '实时迁移', '动态迁移', '虚拟机迁移'],
    summary: {
      en: 'Moving a running virtual machine to another host with a pause of typically well under a second. In the usual pre-copy scheme the memory is copied while the guest keeps running, pages it dirties meanwhile are copied again in rounds, and finally the guest is stopped briefly to copy the rest and the device state. The disk is usually on shared storage; otherwise it has to be copied too.',
      'zh-cn': '把一台正在运行的虚拟机迁移到另一台宿主机上，停顿时间通常远小于一秒。常用的预拷贝方式是：在客户机继续运行的同时复制内存，把期间被写脏的页一轮轮重新复制，最后短暂暂停客户机，复制剩余的页和设备状态。磁盘通常放在共享存储上，否则也需要一并复制。',
    },
    taxonomy: ['virtualization', 'server-virtualization'],
    related: ['network-storage', 'vsphere', 'libvirt', 'device-passthrough', 'snapshot'],
    sources: [clark, qemuDocs('Developer Information, "Migration framework"', 'https://www.qemu.org/docs/master/devel/migration/index.html')],
  },
  {
    id: 'snapshot',
    category: 'operations',
    names: { en: 'Snapshot', 'zh-cn': '快照' },
    aliases: ['snapshots', 'VM snapshot', 'savevm', 'loadvm', '虚拟机快照'],
    summary: {
      en: 'The saved state of a virtual machine at a moment: its disk contents and, for a full snapshot, its memory and device state too, so that it can later be resumed or rolled back to exactly that point. Disk snapshots are cheap with copy-on-write image formats such as qcow2, which record only the blocks changed afterwards.',
      'zh-cn': '虚拟机在某一时刻被保存下来的状态：磁盘内容，以及（完整快照时）内存和设备状态，之后可以从该时刻恢复运行或回滚到该时刻。借助 qcow2 这类写时复制的镜像格式，磁盘快照的代价很小，因为它只记录之后被修改的块。',
    },
    taxonomy: ['virtualization', 'server-virtualization'],
    related: ['disk-image', 'live-migration'],
    sources: [qemuDocs('System Emulation, "Disk Images", "VM snapshots"', 'https://www.qemu.org/docs/master/system/images.html')],
  },
  {
    id: 'disk-image',
    category: 'operations',
    names: { en: 'Virtual disk image', 'zh-cn': '虚拟磁盘镜像' },
    aliases: ['disk image', 'virtual disk', 'qcow2', 'QCOW2', 'VMDK', 'VHDX', 'raw image', 'qemu-img', '磁盘镜像', '虚拟磁盘', '镜像文件'],
    summary: {
      en: "A file (or volume) that holds the contents of a guest's disk. Raw images are byte-for-byte copies; formats such as QEMU's qcow2, VMware's VMDK and Hyper-V's VHDX allocate space on demand and support snapshots and backing files. qemu-img creates and converts them.",
      'zh-cn': '保存客户机磁盘内容的文件（或卷）。raw 镜像与磁盘逐字节对应；QEMU 的 qcow2、VMware 的 VMDK、Hyper-V 的 VHDX 等格式按需分配空间，并支持快照和后备文件。qemu-img 用来创建和转换这些镜像。',
    },
    taxonomy: ['virtualization', 'storage-virtualization'],
    related: ['snapshot', 'storage-virtualization', 'qemu'],
    sources: [qemuDocs('System Emulation, "Disk Images"; Tools, "QEMU disk image utility"', 'https://www.qemu.org/docs/master/system/images.html')],
  },
];
