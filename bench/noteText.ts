/** A generated study note of about `bytes` UTF-8 bytes, mixing Chinese and English the way learners write. */
export function generateNote(bytes: number): string {
  const sections = [
    (i: number) => `## ${i}. 虚拟化的分类 Classification of virtualization\n\n`,
    (i: number) => `### ${i}.1 Hypervisor 与 VMM（虚拟机监控器）\n\n`,
    () => '- 全虚拟化 full virtualization: the guest OS runs **unmodified**; sensitive instructions trap to the VMM\n',
    () => '  - 二进制翻译 dynamic binary translation, as in *VMware* Workstation\n',
    () => '  - 硬件辅助 Intel VT-x / AMD-V: VMX root and non-root, VM exit 与 VM entry\n',
    () => '    1. EPT 扩展页表 replaces shadow page tables\n',
    () => '- 半虚拟化 paravirtualization: Xen 的 hypercall 取代特权指令, see [Xen](https://xenproject.org)\n',
    () => '\nKVM 把 Linux 内核变成 hypervisor；QEMU 在用户空间模拟设备 (`/dev/kvm`, `KVM_RUN`).\n\n',
    () => '```c\nioctl(vcpu_fd, KVM_RUN, 0); // 一个 VM exit 之后回到用户空间\n```\n\n',
    () => '| 类型 | 例子 |\n|---|---|\n| Type 1 | ESXi, Xen |\n| Type 2 | VirtualBox |\n\n',
  ];
  const parts: string[] = ['---\ntitle: 生成的笔记 Generated note\n---\n\n# 虚拟化学习笔记 Virtualization notes\n\n'];
  let size = Buffer.byteLength(parts[0]);
  for (let i = 1; size < bytes; i++) {
    for (const section of sections) {
      const text = section(i);
      parts.push(text);
      size += Buffer.byteLength(text);
    }
  }
  return parts.join('');
}
