import type { GlossaryEntry } from '../types';
import { adamsAgesen, amdApm, sdm, virtioSpec, xenPaper } from './sources';

const kvmMmuDoc = {
  title: 'Linux kernel documentation: The x86 kvm shadow mmu',
  where: 'Documentation/virt/kvm/x86/mmu.rst',
  url: 'https://docs.kernel.org/virt/kvm/x86/mmu.html',
};

const waldspurger = {
  title: 'C. A. Waldspurger, "Memory Resource Management in VMware ESX Server"',
  where: 'OSDI 2002 (ballooning; content-based page sharing)',
  url: 'https://www.usenix.org/legacy/event/osdi02/tech/waldspurger.html',
};

const bhargava = {
  title: 'R. Bhargava et al., "Accelerating Two-Dimensional Page Walks for Virtualized Systems"',
  where: 'ASPLOS 2008',
  url: 'https://doi.org/10.1145/1346281.1346286',
};

export const memoryEntries: GlossaryEntry[] = [
  {
    id: 'mmu',
    category: 'memory',
    names: { en: 'Memory management unit (MMU)', 'zh-cn': '内存管理单元（MMU）' },
    aliases: ['MMU', 'memory management unit', '内存管理单元'],
    summary: {
      en: 'The part of the processor that translates the virtual addresses used by software into physical addresses by walking the page tables, and enforces the access rights recorded in them. Its results are cached in the TLB. Virtualizing it means adding a second translation for guests, in software (shadow page tables) or in hardware (EPT/NPT).',
      'zh-cn': '处理器中负责地址转换的部件：它遍历页表，把软件使用的虚拟地址转换成物理地址，并检查页表中记录的访问权限。转换结果缓存在 TLB 中。对它进行虚拟化，就是为客户机增加第二层地址转换，可以在软件中实现（影子页表），也可以由硬件完成（EPT/NPT）。',
    },
    taxonomy: ['virtualization', 'memory-virtualization'],
    related: ['tlb', 'page-table', 'shadow-page-table', 'slat'],
    sources: [sdm('Vol. 3A, ch. 4 "Paging"')],
  },
  {
    id: 'page-table',
    category: 'memory',
    names: { en: 'Page table', 'zh-cn': '页表' },
    aliases: ['page tables', 'paging structures', 'page table walk', '页表遍历', '多级页表'],
    summary: {
      en: 'The in-memory tree, rooted at the address in CR3, that maps virtual pages to physical frames with their access rights; x86-64 uses four or five levels. The operating system writes it and the MMU walks it. A guest kernel writes page tables that map to guest-physical addresses, which the VMM must translate once more.',
      'zh-cn': '存放在内存中的树形结构，根地址保存在 CR3 中，它把虚拟页映射到物理页框并记录访问权限；x86-64 使用四级或五级页表。操作系统负责填写，MMU 负责遍历。客户机内核填写的页表映射到的是客户机物理地址，VMM 还必须再转换一次。',
    },
    taxonomy: ['virtualization', 'memory-virtualization', 'mmu'],
    related: ['mmu', 'tlb', 'shadow-page-table', 'ept', 'gpa'],
    sources: [sdm('Vol. 3A, ch. 4 "Paging"')],
  },
  {
    id: 'tlb',
    category: 'memory',
    names: { en: 'Translation lookaside buffer (TLB)', 'zh-cn': '转换后备缓冲器（TLB）' },
    aliases: ['TLB', 'translation lookaside buffer', '快表', '转换后备缓冲器', '转译后备缓冲器', '地址转换缓存'],
    summary: {
      en: 'A cache in the processor of recent virtual-to-physical translations, so that most memory accesses need no page-table walk. Switching address spaces used to mean flushing it; tags such as PCID, VPID and ASID let translations of several processes and guests coexist. Under EPT/NPT it caches the combined guest-virtual to host-physical translation.',
      'zh-cn': '处理器内部缓存最近的虚拟地址到物理地址转换结果的部件，使大多数内存访问无需遍历页表。过去切换地址空间就要清空 TLB；PCID、VPID、ASID 这类标签让多个进程和客户机的转换可以同时留在其中。在 EPT/NPT 下，它缓存的是从客户机虚拟地址直接到宿主机物理地址的合成转换。',
    },
    taxonomy: ['virtualization', 'memory-virtualization', 'mmu'],
    related: ['mmu', 'vpid', 'page-table', 'slat'],
    sources: [sdm('Vol. 3A, 4.10 "Caching Translation Information"; Vol. 3C, 28.3 "Caching Translation Information"')],
  },
  {
    id: 'gva',
    category: 'memory',
    names: { en: 'Guest virtual address (GVA)', 'zh-cn': '客户机虚拟地址（GVA）' },
    aliases: ['GVA', 'guest virtual address', 'guest-virtual address', '客户机虚拟地址'],
    summary: {
      en: 'An address used by software inside the guest, translated by the guest\'s own page tables into a guest-physical address. It is the first of the two translations a virtualized memory access goes through.',
      'zh-cn': '客户机内部软件使用的地址，由客户机自己的页表转换为客户机物理地址。虚拟化环境中的内存访问要经过两层转换，这是第一层的起点。',
    },
    taxonomy: ['virtualization', 'memory-virtualization'],
    related: ['gpa', 'hpa', 'page-table', 'shadow-page-table'],
    sources: [kvmMmuDoc],
  },
  {
    id: 'gpa',
    category: 'memory',
    names: { en: 'Guest physical address (GPA)', 'zh-cn': '客户机物理地址（GPA）' },
    aliases: ['GPA', 'guest physical address', 'guest-physical address', 'GFN', 'guest frame number', '客户机物理地址'],
    summary: {
      en: 'An address in the memory the guest believes is physical. The VMM maps it to host memory: with KVM a guest-physical range belongs to a memory slot backed by a range of host virtual addresses in the user-space VMM, and EPT/NPT or shadow page tables turn it into a host-physical address.',
      'zh-cn': '客户机以为是物理内存的那部分地址空间中的地址。VMM 负责把它映射到宿主机内存：在 KVM 中，一段客户机物理地址属于某个内存槽，该内存槽由用户态 VMM 进程中的一段宿主机虚拟地址承载，再由 EPT/NPT 或影子页表转换为宿主机物理地址。',
    },
    taxonomy: ['virtualization', 'memory-virtualization'],
    related: ['gva', 'hva', 'hpa', 'kvm-set-user-memory-region', 'ept'],
    sources: [kvmMmuDoc, sdm('Vol. 3C, 28.2 "The Extended Page Table Mechanism (EPT)"')],
  },
  {
    id: 'hva',
    category: 'memory',
    names: { en: 'Host virtual address (HVA)', 'zh-cn': '宿主机虚拟地址（HVA）' },
    aliases: ['HVA', 'host virtual address', 'host-virtual address', '宿主机虚拟地址'],
    summary: {
      en: 'An address in the host\'s virtual address space; with KVM, the address in the user-space VMM (such as QEMU) where a piece of guest memory is mapped. Because guest memory is ordinary process memory, Linux can swap it, share it with KSM or back it with huge pages.',
      'zh-cn': '宿主机虚拟地址空间中的地址；在 KVM 中，指客户机内存在用户态 VMM（例如 QEMU）进程中被映射到的地址。由于客户机内存就是普通的进程内存，Linux 可以把它换出、用 KSM 合并，或用大页来承载。',
    },
    taxonomy: ['virtualization', 'memory-virtualization'],
    related: ['gpa', 'hpa', 'kvm-set-user-memory-region', 'ksm'],
    sources: [kvmMmuDoc],
  },
  {
    id: 'hpa',
    category: 'memory',
    names: { en: 'Host physical address (HPA)', 'zh-cn': '宿主机物理地址（HPA）' },
    aliases: ['HPA', 'host physical address', 'host-physical address', 'machine address', '宿主机物理地址', '机器地址'],
    summary: {
      en: 'A real address in the machine\'s RAM, the end of every translation. Xen calls it a machine address. Only the VMM (and devices, through the IOMMU) deal in host-physical addresses; guests never see them unless paravirtualized to do so, as classic Xen PV guests were.',
      'zh-cn': '机器内存中的真实地址，是所有地址转换的终点，Xen 中称为机器地址。只有 VMM（以及经由 IOMMU 的设备）直接使用宿主机物理地址；客户机看不到它们，除非像经典的 Xen PV 客户机那样经过半虚拟化改造。',
    },
    taxonomy: ['virtualization', 'memory-virtualization'],
    related: ['gpa', 'hva', 'iommu'],
    sources: [kvmMmuDoc, xenPaper],
  },
  {
    id: 'page-fault',
    category: 'memory',
    names: { en: 'Page fault', 'zh-cn': '缺页异常' },
    aliases: ['#PF', 'page fault', 'page faults', 'vector 14', '缺页', '缺页中断', '页错误'],
    summary: {
      en: 'The exception (#PF, vector 14 on x86) that the MMU raises when a translation fails: the page is not present, or the access breaks its rights (a write to a read-only page, a user access to a kernel page). CR2 receives the faulting address and an error code says why (bit 0 present, bit 1 write, bit 2 user). Operating systems use it for demand paging and copy-on-write; a VMM with shadow page tables also receives faults the guest never sees.',
      'zh-cn': '地址转换失败时 MMU 引发的异常（x86 上为 #PF，向量 14）：页不存在，或访问违反了它的权限（写只读页、用户态访问内核页）。CR2 保存出错地址，错误码说明原因（第 0 位：页存在，第 1 位：写，第 2 位：用户态）。操作系统用它实现按需调页和写时复制；使用影子页表的 VMM 还会收到客户机看不到的缺页。',
    },
    taxonomy: ['virtualization', 'memory-virtualization', 'mmu'],
    related: ['page-table', 'mmu', 'hidden-page-fault', 'shadow-page-table'],
    sources: [sdm('Vol. 3A, 4.7 "Page-Fault Exceptions"')],
  },
  {
    id: 'hidden-page-fault',
    category: 'memory',
    names: { en: 'Hidden page fault', 'zh-cn': '隐藏缺页' },
    aliases: ['hidden page faults', 'hidden fault', 'shadow page fault', 'true vs hidden fault', '隐藏缺页异常', '影子缺页'],
    summary: {
      en: 'Under shadow paging, a page fault that the real MMU raises on the shadow page table although the guest\'s own tables map the address: the VMM has not filled that shadow entry yet, or keeps it read-only to track the guest\'s dirty bit. The VMM walks the guest\'s tables, fixes the shadow entry and resumes the guest, which never learns of it. A fault the guest\'s tables do cause is a true fault and is injected into the guest. Adams and Agesen count hidden faults among the main costs of a software VMM.',
      'zh-cn': '影子页表机制下，客户机自己的页表已经映射了某地址，但真实 MMU 在影子页表上仍然触发的缺页：VMM 还没有填写那个影子页表项，或者为了跟踪客户机的脏位而把它设为只读。VMM 遍历客户机页表、修好影子页表项后恢复客户机运行，客户机对此一无所知。由客户机页表本身引起的缺页才是真正的缺页，会被注入客户机。Adams 与 Agesen 把隐藏缺页列为软件 VMM 的主要开销之一。',
    },
    taxonomy: ['virtualization', 'memory-virtualization'],
    related: ['shadow-page-table', 'page-fault', 'ept', 'page-table'],
    sources: [adamsAgesen, kvmMmuDoc],
  },
  {
    id: 'shadow-page-table',
    category: 'memory',
    names: { en: 'Shadow page table', 'zh-cn': '影子页表' },
    aliases: ['shadow page tables', 'shadow paging', 'shadow MMU', 'SPT', '影子页表机制'],
    summary: {
      en: 'The software technique for memory virtualization before EPT/NPT: the VMM keeps, for each guest page table, a hidden table that maps guest-virtual addresses straight to host-physical ones, and points the real CR3 at it. To keep it in step the VMM write-protects the guest\'s page tables and traps their updates, which makes page-table-heavy workloads slow. KVM still uses it when EPT/NPT is unavailable and for nested guests.',
      'zh-cn': 'EPT/NPT 出现之前的软件内存虚拟化技术：VMM 为客户机的每个页表维护一份隐藏的表，把客户机虚拟地址直接映射到宿主机物理地址，并让真实的 CR3 指向它。为了与客户机页表保持一致，VMM 要把客户机页表设为写保护并截获对它的修改，因此频繁修改页表的负载会很慢。在没有 EPT/NPT 时以及运行嵌套客户机时，KVM 仍使用它。',
    },
    taxonomy: ['virtualization', 'memory-virtualization'],
    related: ['slat', 'ept', 'page-table', 'mmu', 'gva', 'hpa'],
    sources: [kvmMmuDoc, adamsAgesen],
  },
  {
    id: 'slat',
    category: 'memory',
    names: { en: 'Second-level address translation (SLAT)', 'zh-cn': '二级地址转换（SLAT）' },
    aliases: ['SLAT', 'second level address translation', 'second-level address translation', 'two-dimensional paging', 'TDP', '二级地址转换', '两级地址转换', '二维页表遍历'],
    summary: {
      en: 'Hardware support for memory virtualization: the MMU walks the guest\'s page tables (guest-virtual to guest-physical) and a second set kept by the VMM (guest-physical to host-physical) in one combined walk. Guests may then edit their page tables freely without exits. Intel calls it EPT, AMD NPT; a TLB miss becomes more expensive, because each guest level needs its own walk of the second table.',
      'zh-cn': '对内存虚拟化的硬件支持：MMU 在一次合成的遍历中，既遍历客户机的页表（客户机虚拟地址到客户机物理地址），也遍历 VMM 维护的第二套页表（客户机物理地址到宿主机物理地址）。这样客户机可以随意修改自己的页表而不会引发退出。Intel 称之为 EPT，AMD 称之为 NPT；代价是 TLB 未命中变得更昂贵，因为客户机页表的每一级都要再遍历一次第二套页表。',
    },
    taxonomy: ['virtualization', 'memory-virtualization'],
    related: ['ept', 'npt', 'shadow-page-table', 'tlb', 'mmu'],
    sources: [bhargava, kvmMmuDoc],
  },
  {
    id: 'ept',
    category: 'memory',
    names: { en: 'Extended page tables (EPT)', 'zh-cn': '扩展页表（EPT）' },
    aliases: ['EPT', 'extended page tables', 'extended page table', 'Intel EPT', '扩展页表'],
    summary: {
      en: "Intel's second-level address translation, part of VT-x since 2008 (Nehalem). The VMM points the VMCS's EPT pointer at a page-table tree that maps guest-physical to host-physical addresses; an access that the tree does not allow causes an EPT violation exit.",
      'zh-cn': 'Intel 的二级地址转换，自 2008 年（Nehalem）起成为 VT-x 的一部分。VMM 让 VMCS 中的 EPT 指针指向一棵把客户机物理地址映射到宿主机物理地址的页表树；该页表树不允许的访问会引发 EPT 违例退出。',
    },
    taxonomy: ['virtualization', 'memory-virtualization', 'slat'],
    related: ['slat', 'npt', 'ept-violation', 'vmcs', 'vt-x'],
    sources: [sdm('Vol. 3C, 28.2 "The Extended Page Table Mechanism (EPT)"')],
  },
  {
    id: 'npt',
    category: 'memory',
    names: { en: 'Nested page tables (NPT)', 'zh-cn': '嵌套页表（NPT）' },
    aliases: ['NPT', 'nested page tables', 'nested page table', 'nested paging', 'RVI', 'Rapid Virtualization Indexing', '嵌套页表'],
    summary: {
      en: "AMD's second-level address translation, introduced with the Barcelona processors in 2007 and also marketed as Rapid Virtualization Indexing (RVI). The VMCB holds the nested CR3 of a guest-physical to host-physical page-table tree; a fault in it is a nested page fault that exits to the VMM.",
      'zh-cn': 'AMD 的二级地址转换，2007 年随 Barcelona 处理器推出，市场名称也叫 RVI（快速虚拟化索引）。VMCB 中保存指向一棵“客户机物理地址到宿主机物理地址”页表树的嵌套 CR3；在其中发生的缺页称为嵌套缺页，会退出到 VMM。',
    },
    taxonomy: ['virtualization', 'memory-virtualization', 'slat'],
    related: ['slat', 'ept', 'amd-v', 'vmcb'],
    sources: [{ ...amdApm, where: 'chapter 15, 15.25 "Nested Paging"' }, bhargava],
  },
  {
    id: 'ballooning',
    category: 'memory',
    names: { en: 'Memory ballooning', 'zh-cn': '内存气球' },
    aliases: ['ballooning', 'balloon driver', 'memory balloon', 'virtio-balloon', '气球驱动', '内存气球驱动', '内存膨胀'],
    summary: {
      en: 'A way for the host to take memory back from a guest with the guest\'s cooperation: a driver inside the guest allocates ("inflates") pages and tells the VMM, which can then reuse the host memory behind them; deflating returns them. Because the guest chooses which pages to give up, it can drop caches instead of having the host swap blindly. VMware ESX introduced it; KVM uses virtio-balloon.',
      'zh-cn': '在客户机配合下由宿主机收回内存的方法：客户机内部的驱动申请（“充气”）一些页并告知 VMM，VMM 就可以把这些页背后的宿主机内存挪作他用；“放气”时再把页还给客户机。由于放弃哪些页由客户机自己决定，它可以先丢弃缓存，而不是让宿主机盲目地换出内存。这一技术由 VMware ESX 引入，KVM 使用 virtio-balloon。',
    },
    taxonomy: ['virtualization', 'memory-virtualization'],
    related: ['memory-overcommit', 'ksm', 'virtio', 'esxi'],
    sources: [waldspurger, { ...virtioSpec, where: 'section 5.5 "Traditional Memory Balloon Device"' }],
  },
  {
    id: 'ksm',
    category: 'memory',
    names: { en: 'Kernel samepage merging (KSM)', 'zh-cn': '内核同页合并（KSM）' },
    aliases: ['KSM', 'kernel samepage merging', 'kernel same-page merging', 'page sharing', 'content-based page sharing', '同页合并', '内存页共享', '页共享'],
    summary: {
      en: 'A Linux feature that scans memory for pages with identical contents, keeps one copy and maps it copy-on-write into every process that had one. Many guests running the same operating system have many such pages, so KSM lets a KVM host fit more of them. VMware ESX calls the same idea transparent page sharing.',
      'zh-cn': 'Linux 的一项功能：扫描内存中内容完全相同的页，只保留一份，并以写时复制的方式映射给原先各自持有副本的进程。运行相同操作系统的多个客户机之间有大量这样的页，所以 KSM 能让一台 KVM 宿主机容纳更多客户机。VMware ESX 把同样的思路称为透明页共享。',
    },
    taxonomy: ['virtualization', 'memory-virtualization'],
    related: ['ballooning', 'memory-overcommit', 'hva'],
    sources: [{ title: 'Linux kernel documentation', where: 'Documentation/admin-guide/mm/ksm.rst', url: 'https://docs.kernel.org/admin-guide/mm/ksm.html' }, waldspurger],
  },
  {
    id: 'memory-overcommit',
    category: 'memory',
    names: { en: 'Memory overcommitment', 'zh-cn': '内存超分配' },
    aliases: ['memory overcommit', 'overcommitment', 'overcommit', '内存超分', '内存超配', '超分配'],
    summary: {
      en: 'Giving the guests of a host more memory in total than the host has, betting that they will not all use it at once. It relies on reclaiming memory when the bet fails: ballooning, page sharing (KSM), compression and, as a last resort, host swapping.',
      'zh-cn': '分配给一台宿主机上各客户机的内存总量超过宿主机实际拥有的内存，赌的是它们不会同时用满。一旦赌输，就要靠回收内存的手段：内存气球、页共享（KSM）、内存压缩，最后才是宿主机换页。',
    },
    taxonomy: ['virtualization', 'memory-virtualization'],
    related: ['ballooning', 'ksm'],
    sources: [waldspurger],
  },
];
