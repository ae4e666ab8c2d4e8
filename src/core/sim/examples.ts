/**
 * Metadata of the example guest programs shipped in `examples/` (one entry per file, in the
 * order a learner should meet them). Plain data, no Node or vscode import: the webview bundles it.
 */
import type { ExampleInfo } from './api';

export const EXAMPLES: ExampleInfo[] = [
  {
    id: 'hello',
    file: 'hello.vmasm',
    title: { en: 'Hello over the UART', 'zh-cn': '通过串口输出 Hello' },
    description: {
      en: 'Prints a line on the COM1 serial port, polling the line status before each byte. Under VT-x every IN and OUT is a VM exit handed to QEMU (KVM_EXIT_IO).',
      'zh-cn': '在 COM1 串口输出一行字，每个字节前先查询线路状态。VT-x 下每条 IN 和 OUT 都是一次 VM exit，交给 QEMU 处理（KVM_EXIT_IO）。',
    },
    modes: ['native', 'vtx', 'trap', 'emulate'],
  },
  {
    id: 'privileged',
    file: 'privileged.vmasm',
    title: { en: 'A privileged instruction traps', 'zh-cn': '特权指令陷入' },
    description: {
      en: 'The kernel runs CLI, STI and MOV CR3: each traps into the VMM and is emulated correctly under trap-and-emulate. Then user code tries HLT and gets #GP on every machine.',
      'zh-cn': '内核执行 CLI、STI 和 MOV CR3：在“陷入-模拟”下每条都陷入 VMM 并被正确模拟。随后用户态代码执行 HLT，在任何机器上都触发 #GP。',
    },
    modes: ['trap', 'vtx', 'native'],
  },
  {
    id: 'popf',
    file: 'popf.vmasm',
    title: { en: 'PUSHF/POPF fail silently', 'zh-cn': 'PUSHF/POPF 悄然失效' },
    description: {
      en: 'The kernel restores its interrupt flag with POPF, then waits for a timer tick. At CPL 1 the IF change is ignored without a fault: under classic trap-and-emulate a divergence is recorded and the tick never comes; under VT-x it does.',
      'zh-cn': '内核用 POPF 恢复中断标志，然后等待定时器中断。在 CPL 1 下对 IF 的修改被忽略且不产生异常：经典“陷入-模拟”下记录分歧，定时器中断永远不会到来；VT-x 下则正常到来。',
    },
    modes: ['trap', 'vtx', 'native'],
  },
  {
    id: 'redpill',
    file: 'redpill.vmasm',
    title: { en: 'SIDT as a red pill', 'zh-cn': 'SIDT “红色药丸”' },
    description: {
      en: 'The guest loads its IDT, reads it back with the unprivileged SIDT and compares. Under trap-and-emulate it sees the VMM’s IDT and knows it is virtualized.',
      'zh-cn': '客户机加载自己的 IDT，再用非特权指令 SIDT 读回并比较。在“陷入-模拟”下它读到 VMM 的 IDT，从而知道自己运行在虚拟机中。',
    },
    modes: ['trap', 'vtx', 'native'],
  },
  {
    id: 'cpuid',
    file: 'cpuid.vmasm',
    title: { en: 'CPUID reveals KVM', 'zh-cn': 'CPUID 暴露 KVM' },
    description: {
      en: 'Reads the hypervisor-present bit (CPUID.1:ECX[31]) and the signature of leaf 0x40000000: “KVMKVMKVM” under VT-x, nothing on bare metal.',
      'zh-cn': '读取“hypervisor present”位（CPUID.1:ECX[31]）和 0x40000000 叶的签名：VT-x 下为 “KVMKVMKVM”，裸机上为空。',
    },
    modes: ['vtx', 'native', 'emulate', 'bt'],
  },
  {
    id: 'syscalls',
    file: 'syscalls.vmasm',
    title: { en: 'System calls: VT-x against ring deprivileging', 'zh-cn': '系统调用：VT-x 与特权级降级' },
    description: {
      en: 'A user program makes 1000 INT 0x80 system calls. Under VT-x they cause no VM exit; under classic trap-and-emulate each one traps twice (INT and IRET).',
      'zh-cn': '用户程序发起 1000 次 INT 0x80 系统调用。VT-x 下不产生 VM exit；经典“陷入-模拟”下每次调用陷入两次（INT 与 IRET）。',
    },
    modes: ['trap', 'vtx', 'native', 'bt'],
  },
  {
    id: 'uart-console',
    file: 'uart-console.vmasm',
    title: { en: 'UART: one exit per byte', 'zh-cn': 'UART：每字节一次退出' },
    description: {
      en: 'Prints three lines with one OUT per byte. Under VT-x the number of IO_INSTRUCTION exits equals the number of bytes printed.',
      'zh-cn': '每个字节一条 OUT 指令输出三行文字。VT-x 下 IO_INSTRUCTION 退出次数等于输出的字节数。',
    },
    modes: ['vtx', 'paravirt', 'native'],
  },
  {
    id: 'pv-console',
    file: 'pv-console.vmasm',
    title: { en: 'Paravirtual console: one exit per buffer', 'zh-cn': '半虚拟化控制台：每个缓冲区一次退出' },
    description: {
      en: 'Prints the same three lines with one hypercall (VMCALL) per line under paravirt and vtx. Elsewhere (bare metal, trap, emulate, bt) VMCALL is #UD and the guest falls back to the UART.',
      'zh-cn': '在 paravirt 与 vtx 下用每行一次超级调用（VMCALL）输出同样的三行。其他情况（裸机、trap、emulate、bt）下 VMCALL 触发 #UD，客户机退回到 UART 输出。',
    },
    modes: ['paravirt', 'vtx', 'native'],
  },
  {
    id: 'triple-fault',
    file: 'triple-fault.vmasm',
    title: { en: 'Triple fault and shutdown', 'zh-cn': '三重故障与关机' },
    description: {
      en: 'UD2 with no IDT loaded: #UD cannot be delivered, nor can #DF, so the machine shuts down (TRIPLE_FAULT exit and KVM_EXIT_SHUTDOWN under VT-x).',
      'zh-cn': '未加载 IDT 时执行 UD2：#UD 与 #DF 都无法投递，机器关机（VT-x 下为 TRIPLE_FAULT 退出与 KVM_EXIT_SHUTDOWN）。',
    },
    modes: ['vtx', 'native', 'trap'],
  },
  {
    id: 'bt-vs-vtx',
    file: 'bt-vs-vtx.vmasm',
    title: { en: 'Binary translation against early VT-x', 'zh-cn': '二进制翻译与早期 VT-x' },
    description: {
      en: 'A kernel loop of 500 address-space switches (CLI, MOV CR3, STI). With the 2006 cost model binary translation needs fewer cycles than VT-x, as Adams and Agesen found; with the current one VT-x wins.',
      'zh-cn': '内核循环 500 次切换地址空间（CLI、MOV CR3、STI）。采用 2006 年的代价模型时，二进制翻译比 VT-x 用的周期更少，与 Adams 和 Agesen 的发现一致；采用当代模型时 VT-x 更快。',
    },
    modes: ['bt', 'vtx'],
    era: 'early-vtx',
  },
  {
    id: 'demand-paging',
    file: 'demand-paging.vmasm',
    title: { en: 'Demand paging: a #PF handler maps pages', 'zh-cn': '按需调页：缺页处理程序映射页面' },
    description: {
      en: 'The kernel turns on paging and touches 4 unmapped heap pages; its #PF handler reads cr2 and maps each on first touch. The guest takes 4 page faults everywhere; shadow paging (trap, bt) adds hidden page faults and a shadow update per PTE written, EPT (vtx) no exit for the faults but an EPT violation per guest-physical page touched.',
      'zh-cn': '内核开启分页后访问 4 个未映射的堆页；缺页处理程序读取 cr2，在首次访问时映射每一页。客户机在所有模式下都只有 4 次缺页；影子页表（trap、bt）还会有隐藏缺页，并为每次写页表项做一次影子更新；EPT（vtx）下缺页不引起退出，但每个被访问的客户机物理页有一次 EPT 违例。',
    },
    modes: ['native', 'trap', 'vtx', 'emulate', 'bt', 'paravirt'],
  },
  {
    id: 'pt-churn',
    file: 'pt-churn.vmasm',
    title: { en: 'Page-table churn: shadow paging against EPT', 'zh-cn': '页表频繁变动：影子页表与 EPT' },
    description: {
      en: 'Two address spaces, 200 rounds of CR3 loads, PTE writes and INVLPG, as a kernel switching processes. Shadow paging traps on every one of them (about 400 shadow updates, 800 hidden faults); with EPT the loop causes no exit at all and VT-x wins by far. In era early-vtx (no EPT) binary translation beats VT-x, as Adams and Agesen found.',
      'zh-cn': '两个地址空间，200 轮写 CR3、写页表项与 INVLPG，就像内核切换进程。影子页表对其中每一次都要陷入（约 400 次影子更新、800 次隐藏缺页）；使用 EPT 时循环中没有任何退出，VT-x 遥遥领先。在 early-vtx 时代（无 EPT）二进制翻译胜过 VT-x，与 Adams 和 Agesen 的发现一致。',
    },
    modes: ['vtx', 'trap', 'bt', 'native', 'emulate', 'paravirt'],
  },
  {
    id: 'tlb-scan',
    file: 'tlb-scan.vmasm',
    title: { en: 'TLB misses: the 2-D walk costs 14 references', 'zh-cn': 'TLB 未命中：二维遍历要 14 次访存' },
    description: {
      en: 'Reads one word from each of 256 pages, 20 times: every access misses the 64-entry TLB. Natively and under shadow paging a miss walks 2 references; under EPT it walks 14 (Bhargava et al. 2008), so here shadow paging (trap, bt) needs fewer cycles than vtx.',
      'zh-cn': '对 256 个页各读一个字，重复 20 遍：每次访问都不在 64 项的 TLB 中。原生与影子页表下每次未命中访存 2 次；EPT 下要 14 次（Bhargava 等，2008），因此这次影子页表（trap、bt）比 vtx 用的周期更少。',
    },
    modes: ['vtx', 'trap', 'bt', 'native', 'emulate', 'paravirt'],
  },
  {
    id: 'mmu-batch',
    file: 'mmu-batch.vmasm',
    title: { en: 'Xen mmu_update: batched page-table writes', 'zh-cn': 'Xen mmu_update：批量写页表' },
    description: {
      en: 'Under paravirt, 64 direct PTE stores trap one by one into the VMM (64 shadow updates), while one mmu_update hypercall writes the same 64 entries; rdtsc leaves the cycles of each phase in r6 and r7. Without hypercalls (native, trap, emulate, bt) the #UD handler writes them directly.',
      'zh-cn': '在 paravirt 下，64 次直接写页表项逐个陷入 VMM（64 次影子更新），而一次 mmu_update 超级调用就写完同样的 64 项；rdtsc 把两个阶段的周期数留在 r6 和 r7。没有超级调用时（native、trap、emulate、bt），#UD 处理程序直接写入。',
    },
    modes: ['paravirt', 'trap', 'vtx', 'native'],
  },
];
