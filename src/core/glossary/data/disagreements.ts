/** Texts shared by several entries where reputable sources classify or count differently. */

/** The disputed placement of KVM and Xen, shown on every entry of the structure models. */
export const structureDisagreement = {
  en: 'Sources classify differently. The Chinese textbook "System Virtualization: Principles and Implementation" puts VMware ESX/ESXi under the hypervisor model, KVM (and VMware Workstation) under the hosted model because KVM relies on the Linux kernel around it, and Xen under the hybrid model because its drivers live in Dom0. In the Type 1/Type 2 scheme Xen is Type 1, while KVM is called Type 1 by Red Hat and others (Linux itself becomes the hypervisor) and Type 2 by those who stress that it runs inside a general-purpose OS. Some study notes swap Xen and KVM; the placement above is the textbook one.',
  'zh-cn': '不同资料的归类并不一致。《系统虚拟化——原理与实现》把 VMware ESX/ESXi 归为 Hypervisor 模型；把 KVM（以及 VMware Workstation）归为宿主模型，因为 KVM 依赖其所在的 Linux 内核；把 Xen 归为混合模型，因为它的设备驱动位于 Dom0 中。按 Type 1/Type 2 的分法，Xen 属于 Type 1；KVM 则被 Red Hat 等称为 Type 1（Linux 本身成为 Hypervisor），也有人因为它运行在通用操作系统之内而称之为 Type 2。有些学习笔记把 Xen 和 KVM 的位置写反了，以上是教材中的归类。',
};

export const kvmStructureDisagreement = {
  en: 'Is KVM Type 1 or Type 2? Red Hat describes it as turning Linux into a bare-metal (Type 1) hypervisor; others call it Type 2 because guests run as processes of a general-purpose OS. In the three-way structure classification of the Chinese textbook, KVM belongs to the hosted model, not the hybrid model (some study notes swap KVM and Xen here).',
  'zh-cn': 'KVM 属于 Type 1 还是 Type 2？Red Hat 认为它把 Linux 变成了裸机型（Type 1）Hypervisor；另一些人则因为客户机是通用操作系统中的进程而称之为 Type 2。在《系统虚拟化——原理与实现》的三种结构分类中，KVM 属于宿主模型，而不是混合模型（有些学习笔记把 KVM 和 Xen 的位置写反了）。',
};

export const xenStructureDisagreement = {
  en: 'Xen is a Type 1 hypervisor in the Type 1/Type 2 scheme, but in the three-way structure classification of the Chinese textbook it is the example of the hybrid model, because its device drivers run in the privileged Dom0 rather than in the hypervisor. It is not a hosted-model VMM, although some study notes place it there.',
  'zh-cn': '按 Type 1/Type 2 的分法，Xen 属于 Type 1；但在《系统虚拟化——原理与实现》的三种结构分类中，它是混合模型的典型例子，因为它的设备驱动运行在特权域 Dom0 中，而不在 Hypervisor 里。它并不属于宿主模型，尽管有些学习笔记这样写。',
};

export const criticalInstructionCount = {
  en: 'Robin and Irvine (2000) speak of seventeen sensitive but unprivileged Pentium instructions, yet their two groups, counted mnemonic by mnemonic, name eighteen: SGDT, SIDT, SLDT, SMSW, PUSHF, POPF; LAR, LSL, VERR, VERW, POP, PUSH, CALL, JMP, INT n, RET, STR, MOV. Secondary sources, textbooks included, therefore cite 17 or 18 depending on how they count; the conclusion, that x86 did not meet the Popek–Goldberg requirement, is the same.',
  'zh-cn': 'Robin 与 Irvine（2000）称奔腾处理器上有 17 条敏感但非特权的指令，但他们给出的两组指令按助记符逐个数下来共有 18 个：SGDT、SIDT、SLDT、SMSW、PUSHF、POPF；LAR、LSL、VERR、VERW、POP、PUSH、CALL、JMP、INT n、RET、STR、MOV。因此包括教材在内的二手资料按各自的数法写作 17 条或 18 条；但结论是一致的：x86 不满足 Popek–Goldberg 条件。',
};
