/** Hover documentation of every mnemonic: what it does and what each mode does with it. */
import type { InstructionInfo, LocalizedText, Mode, RegisterInfo } from './api';
import { MNEMONIC_SPECS, mnemonicSpec, type MnemonicSpec } from './isa';

type Pair = [en: string, zh: string];

const SUMMARY: Record<string, Pair> = {
  nop: ['Does nothing.', '什么也不做。'],
  mov: ['Copies src to dst (not memory to memory). Also reads cs and reads/writes cr0 (PE bit 0, WP bit 16, PG bit 31: paging), cr2 (the address of the last page fault) and cr3 (the page directory; loading it flushes the TLB), all privileged.', '把 src 复制到 dst（不能内存到内存）。也用于读 cs，以及读写 cr0（PE 第 0 位、WP 第 16 位、PG 第 31 位：分页）、cr2（最近一次缺页的地址）和 cr3（页目录；装入时清空 TLB），均为特权操作。'],
  add: ['dst = dst + src; sets CF (carry), OF (signed overflow), ZF, SF, PF and AF as on x86.', 'dst = dst + src；按 x86 设置 CF（进位）、OF（有符号溢出）、ZF、SF、PF 和 AF。'],
  sub: ['dst = dst - src; sets CF (borrow), OF, ZF, SF, PF and AF as on x86.', 'dst = dst - src；按 x86 设置 CF（借位）、OF、ZF、SF、PF 和 AF。'],
  and: ['Bitwise AND; CF = OF = 0, ZF, SF, PF from the result (AF undefined on x86: 0 here).', '按位与；CF = OF = 0，ZF、SF、PF 取自结果（AF 在 x86 上未定义，此处为 0）。'],
  or: ['Bitwise OR; CF = OF = 0, ZF, SF, PF from the result (AF undefined on x86: 0 here).', '按位或；CF = OF = 0，ZF、SF、PF 取自结果（AF 在 x86 上未定义，此处为 0）。'],
  xor: ['Bitwise XOR; CF = OF = 0, ZF, SF, PF from the result (AF undefined on x86: 0 here).', '按位异或；CF = OF = 0，ZF、SF、PF 取自结果（AF 在 x86 上未定义，此处为 0）。'],
  shl: ['Shifts left by count (masked to 5 bits); CF = last bit shifted out, OF = MSB(result) XOR CF, ZF, SF, PF from the result; a count of 0 changes no flag.', '左移 count 位（只取低 5 位）；CF = 最后移出的位，OF = 结果最高位 XOR CF，ZF、SF、PF 取自结果；count 为 0 时不改任何标志。'],
  shr: ['Shifts right (logical) by count (masked to 5 bits); CF = last bit shifted out, OF = the operand\'s old MSB for a count of 1, ZF, SF, PF from the result; a count of 0 changes no flag.', '逻辑右移 count 位（只取低 5 位）；CF = 最后移出的位，count 为 1 时 OF = 操作数原最高位，ZF、SF、PF 取自结果；count 为 0 时不改任何标志。'],
  mul: ['dst = low 32 bits of dst × src (unsigned); CF = OF = 1 when the high 32 bits are not 0, as x86 MUL (SF, ZF, PF, AF undefined on x86).', 'dst = dst × src（无符号）的低 32 位；高 32 位非 0 时 CF = OF = 1，同 x86 MUL（SF、ZF、PF、AF 在 x86 上未定义）。'],
  inc: ['Adds 1; sets OF, ZF, SF, PF and AF; CF unchanged.', '加 1；设置 OF、ZF、SF、PF 和 AF；CF 不变。'],
  dec: ['Subtracts 1; sets OF, ZF, SF, PF and AF; CF unchanged.', '减 1；设置 OF、ZF、SF、PF 和 AF；CF 不变。'],
  cmp: ['Computes a - b, discards it, sets the flags as sub.', '计算 a - b 并丢弃结果，像 sub 一样设置标志。'],
  jmp: ['Jumps to the label.', '跳转到标号。'],
  jz: ['Jumps if ZF = 1 (equal).', 'ZF = 1（相等）时跳转。'],
  jnz: ['Jumps if ZF = 0 (not equal).', 'ZF = 0（不相等）时跳转。'],
  jl: ['Jumps if less (signed: SF ≠ OF).', '有符号小于（SF ≠ OF）时跳转。'],
  jg: ['Jumps if greater (signed: ZF = 0 and SF = OF).', '有符号大于（ZF = 0 且 SF = OF）时跳转。'],
  jle: ['Jumps if less or equal (signed: ZF = 1 or SF ≠ OF).', '有符号小于等于（ZF = 1 或 SF ≠ OF）时跳转。'],
  jge: ['Jumps if greater or equal (signed: SF = OF).', '有符号大于等于（SF = OF）时跳转。'],
  jb: ['Jumps if below (unsigned: CF = 1).', '无符号低于（CF = 1）时跳转。'],
  ja: ['Jumps if above (unsigned: CF = 0 and ZF = 0).', '无符号高于（CF = 0 且 ZF = 0）时跳转。'],
  call: ['Pushes the return address and jumps.', '压入返回地址并跳转。'],
  ret: ['Pops the return address and jumps there.', '弹出返回地址并跳转。'],
  push: ['sp -= 4, then stores src at [sp].', 'sp -= 4，然后把 src 存到 [sp]。'],
  pop: ['Loads dst from [sp], then sp += 4.', '从 [sp] 取出 dst，然后 sp += 4。'],
  hlt: ['Halts the processor until an interrupt; with none possible the machine stops.', '使处理器停机直到中断；若不可能有中断则机器停止。'],
  cli: ['Clears IF: masks interrupts.', '清除 IF：屏蔽中断。'],
  sti: ['Sets IF: enables interrupts, after the next instruction (the STI shadow: `sti; hlt` cannot miss a wake-up).', '置位 IF：在下一条指令之后允许中断（STI 阴影：`sti; hlt` 不会错过唤醒）。'],
  in: ['Reads a byte from an I/O port into a register.', '从 I/O 端口读一个字节到寄存器。'],
  out: ['Writes the low byte of a register to an I/O port (the timer port takes the whole register).', '把寄存器的低字节写到 I/O 端口（定时器端口取整个寄存器）。'],
  lidt: ['Loads IDTR from a 6-byte descriptor (limit:16, base:32).', '从 6 字节描述符（limit:16, base:32）装入 IDTR。'],
  lgdt: ['Loads GDTR from a 6-byte descriptor (limit:16, base:32).', '从 6 字节描述符（limit:16, base:32）装入 GDTR。'],
  invlpg: ['Invalidates the TLB entry of an address.', '使某地址的 TLB 项失效。'],
  iret: ['Returns from an interrupt: pops pc, CPL and flags (also how a kernel enters user mode).', '从中断返回：弹出 pc、CPL 和标志（也是内核进入用户态的方式）。'],
  pushf: ['Pushes the flags (CF, PF, AF, ZF, SF, IF, OF; bit 1 = 1).', '压入标志寄存器（CF、PF、AF、ZF、SF、IF、OF；第 1 位为 1）。'],
  popf: ['Pops the flags; at CPL > 0 a change of IF is silently ignored.', '弹出标志；CPL > 0 时对 IF 的修改被静默忽略。'],
  sgdt: ['Stores GDTR (6 bytes) to memory, at any privilege level.', '在任何特权级把 GDTR（6 字节）存到内存。'],
  sidt: ['Stores IDTR (6 bytes) to memory, at any privilege level.', '在任何特权级把 IDTR（6 字节）存到内存。'],
  smsw: ['Reads the low 16 bits of cr0, at any privilege level.', '在任何特权级读取 cr0 的低 16 位。'],
  cpuid: ['Identifies the processor: r0 = leaf in; r0..r3 = EAX, EBX, ECX, EDX out.', '识别处理器：输入 r0 = 叶号；输出 r0..r3 = EAX、EBX、ECX、EDX。'],
  rdtsc: ['Reads the time-stamp counter: r0 = low 32 bits, r3 = high 32 bits.', '读取时间戳计数器：r0 = 低 32 位，r3 = 高 32 位。'],
  vmcall: ['Hypercall: r0 = number, r1.. = arguments, result in r0. Only paravirt and vtx offer hypercalls; elsewhere #UD, as on bare metal.', '超级调用：r0 = 调用号，r1.. = 参数，结果在 r0。只有 paravirt 与 vtx 提供超级调用；其他模式与裸机相同，触发 #UD。'],
  int: ['Software interrupt: delivers vector n through the IDT.', '软件中断：经 IDT 交付向量 n。'],
  ud2: ['Raises #UD (invalid opcode, vector 6).', '引发 #UD（无效操作码，向量 6）。'],
};

const INNOCUOUS_MODES: Record<Mode, Pair> = {
  native: ['Executes directly.', '直接执行。'],
  emulate: ['Emulated by QEMU TCG (about ten host cycles per instruction).', '由 QEMU TCG 模拟（每条约十个宿主周期）。'],
  trap: ['Runs directly at the guest\'s deprivileged level.', '在客户机降级后的特权级上直接运行。'],
  bt: ['Kernel code: copied unchanged into the translation cache; user code: runs directly.', '内核代码：原样复制进翻译缓存；用户代码：直接运行。'],
  paravirt: ['Runs directly.', '直接运行。'],
  vtx: ['Runs directly in VMX non-root mode.', '在 VMX non-root 模式下直接运行。'],
};

const PRIVILEGED_MODES: Record<Mode, Pair> = {
  native: ['Executes at CPL 0; #GP (vector 13) at CPL 3.', 'CPL 0 下执行；CPL 3 下引发 #GP（向量 13）。'],
  emulate: ['TCG emulates it on the virtual CPU.', 'TCG 在虚拟 CPU 上模拟它。'],
  trap: ['The guest kernel runs at CPL 1, so it faults (#GP) into the VMM, which emulates it on the virtual CPU: a trap, then emulation.', '客户机内核运行在 CPL 1，因此它引发 #GP 陷入 VMM，由 VMM 在虚拟 CPU 上模拟：先陷入，再模拟。'],
  bt: ['In kernel code it is translated into a callout to the VMM (no trap).', '在内核代码中被翻译为对 VMM 的调出（不陷入）。'],
  paravirt: ['Traps as under trap; a paravirtualized kernel calls vmcall instead.', '与 trap 模式一样陷入；半虚拟化内核改用 vmcall。'],
  vtx: ['Runs in the guest unless a VM-execution control makes it exit.', '在客户机内运行，除非某个 VM 执行控制使其退出。'],
};

const SENSITIVE_MODES: Record<Mode, Pair> = {
  native: ['Executes and shows the real state, which is the guest\'s.', '执行并显示真实状态，也就是客户机自己的状态。'],
  emulate: ['TCG shows the guest its virtual state: correct.', 'TCG 向客户机显示其虚拟状态：结果正确。'],
  trap: ['Does not trap at CPL 1: it runs directly and shows the real (VMM\'s) state — a divergence, recorded with its line.', '在 CPL 1 不陷入：直接运行并显示真实（VMM 的）状态——产生偏差，并记录其行号。'],
  bt: ['In kernel code it is translated into a callout, so the guest sees its virtual state. (The real VMware ran user code directly, where SIDT still revealed the VMM; this model keeps bt exact, as the spec asks.)', '在内核代码中被翻译为调出，客户机看到其虚拟状态。（真实的 VMware 直接运行用户代码，SIDT 在那里仍会暴露 VMM；本模型按规范让 bt 保持精确。）'],
  paravirt: ['As under trap: runs directly and may show the real state (a paravirtual kernel avoids it).', '与 trap 相同：直接运行，可能显示真实状态（半虚拟内核会避免使用它）。'],
  vtx: ['Runs in the guest on the guest\'s own registers held by the VMCS: correct, no exit.', '在客户机内作用于 VMCS 保存的客户机自身寄存器：结果正确，无退出。'],
};

/** Mode texts that differ from the class's. */
const SPECIFIC: Record<string, Partial<Record<Mode, Pair>>> = {
  hlt: { vtx: ['HLT exiting (on by default): VM exit HLT (12); KVM blocks the vCPU if the timer can wake it, else returns KVM_EXIT_HLT (5) and the run ends.', 'HLT exiting（默认开）：VM exit HLT（12）；若定时器能唤醒，KVM 阻塞 vCPU，否则返回 KVM_EXIT_HLT（5），运行结束。'] },
  cli: { vtx: ['Runs in the guest (VMX non-root, CPL 0): no exit.', '在客户机内运行（VMX non-root，CPL 0）：无退出。'] },
  sti: { vtx: ['Runs in the guest (VMX non-root, CPL 0): no exit.', '在客户机内运行（VMX non-root，CPL 0）：无退出。'] },
  iret: { vtx: ['Runs in the guest: no exit, which is why system calls are cheap under VT-x.', '在客户机内运行：无退出，这正是 VT-x 下系统调用便宜的原因。'] },
  in: { vtx: ['Unconditional I/O exiting: VM exit IO_INSTRUCTION (30) with port, size and direction; QEMU\'s device gets it as KVM_EXIT_IO (2) (the timer port stays in KVM).', '无条件 I/O exiting：VM exit IO_INSTRUCTION（30），带端口、宽度和方向；QEMU 的设备以 KVM_EXIT_IO（2）收到它（定时器端口留在 KVM 内）。'] },
  out: { vtx: ['Unconditional I/O exiting: VM exit IO_INSTRUCTION (30); the UART and debug-exit ports go to QEMU as KVM_EXIT_IO (2): one exit per byte on the UART.', '无条件 I/O exiting：VM exit IO_INSTRUCTION（30）；串口与 debug-exit 端口以 KVM_EXIT_IO（2）交给 QEMU：串口每个字节一次退出。'] },
  lidt: { vtx: ['Runs in the guest unless descriptor-table exiting is on (GDTR_IDTR, 46).', '在客户机内运行，除非开启 descriptor-table exiting（GDTR_IDTR，46）。'] },
  lgdt: { vtx: ['Runs in the guest unless descriptor-table exiting is on (GDTR_IDTR, 46).', '在客户机内运行，除非开启 descriptor-table exiting（GDTR_IDTR，46）。'] },
  invlpg: {
    vtx: ['With EPT runs in the guest; INVLPG exiting (on without EPT, era early-vtx) makes it exit (INVLPG, 14, qualification: the address) so that KVM drops the shadow entry.', '使用 EPT 时在客户机内运行；开启 INVLPG exiting（无 EPT 的 early-vtx 时代）时退出（INVLPG，14，限定信息为地址），由 KVM 删除影子页表项。'],
    trap: ['Traps into the VMM, which drops the TLB entry and its shadow page-table entry.', '陷入 VMM，VMM 删除 TLB 项及对应的影子页表项。'],
    bt: ['Translated into a callout: the VMM drops the TLB entry and its shadow page-table entry.', '被翻译为调出：VMM 删除 TLB 项及对应的影子页表项。'],
  },
  mov: {
    trap: ['Register and memory forms run directly; mov to/from cr0, cr2, cr3 traps into the VMM (for cr3 it switches shadow page tables); mov reg, cs runs directly and shows CPL 1 (a divergence).', '寄存器与内存形式直接运行；读写 cr0、cr2、cr3 陷入 VMM（写 cr3 时切换影子页表）；mov reg, cs 直接运行并显示 CPL 1（偏差）。'],
    vtx: ['Runs directly; mov to cr3 exits (CR_ACCESS, 28) only with CR3-load exiting (era early-vtx: shadow paging), mov from cr3 with CR3-store exiting, mov to cr0 when PE or PG change; cr2 never exits. With EPT (era current) a cr3 load costs no exit.', '直接运行；仅在开启 CR3-load exiting 时（early-vtx 时代：影子页表）写 cr3 退出（CR_ACCESS，28），开启 CR3-store exiting 时读 cr3 退出，写 cr0 改变 PE 或 PG 时退出；cr2 从不退出。使用 EPT（current 时代）时装入 cr3 不引起退出。'],
  },
  sgdt: { vtx: ['Stores the guest\'s GDTR (no exit unless descriptor-table exiting is on).', '存储客户机的 GDTR（除非开启 descriptor-table exiting，否则不退出）。'] },
  sidt: { vtx: ['Stores the guest\'s IDTR (no exit unless descriptor-table exiting is on): no red pill.', '存储客户机的 IDTR（除非开启 descriptor-table exiting，否则不退出）：红色药丸失效。'] },
  cpuid: {
    native: ['Executes: leaf 1 r2 bit 31 = 0, leaf 0x40000000 returns zeros.', '执行：叶 1 的 r2 第 31 位 = 0，叶 0x40000000 返回全零。'],
    emulate: ['TCG answers: hypervisor bit set, signature "TCGTCGTCGTCG".', 'TCG 应答：置 hypervisor 位，签名 "TCGTCGTCGTCG"。'],
    trap: ['Not privileged, cannot be trapped: the guest sees the real processor (no hypervisor bit).', '非特权，无法陷入：客户机看到真实处理器（没有 hypervisor 位）。'],
    bt: ['In kernel code: translated into a callout, hypervisor bit set, signature "VMwareVMware". In user code, which the translator runs directly and cannot see: the real processor answers (no hypervisor bit, no signature).', '内核代码中：被翻译为调出，置 hypervisor 位，签名 "VMwareVMware"。用户代码由翻译器直接运行，它看不到：由真实处理器应答（没有 hypervisor 位和签名）。'],
    paravirt: ['Not trapped: the real processor answers (no hypervisor bit).', '不陷入：由真实处理器应答（没有 hypervisor 位）。'],
    vtx: ['Always exits (CPUID, 10); KVM answers in the kernel: hypervisor bit set, signature "KVMKVMKVM\\0\\0\\0".', '总是退出（CPUID，10）；KVM 在内核中应答：置 hypervisor 位，签名 "KVMKVMKVM\\0\\0\\0"。'],
  },
  rdtsc: {
    native: ['Reads the cycle count.', '读取周期计数。'], trap: ['Runs directly.', '直接运行。'], paravirt: ['Runs directly.', '直接运行。'], bt: ['Runs directly.', '直接运行。'],
    vtx: ['Runs directly (RDTSC exiting is off by default; on: exit RDTSC, 16).', '直接运行（RDTSC exiting 默认关；开启时退出 RDTSC，16）。'],
  },
  vmcall: {
    native: ['#UD (vector 6): there is no hypervisor.', '#UD（向量 6）：没有虚拟机监控器。'],
    trap: ['The classic VMM offers no hypercalls: #UD is reflected to the guest, as on bare metal.', '经典 VMM 不提供超级调用：#UD 被反射给客户机，与裸机相同。'],
    paravirt: ['A hypercall into the VMM (cheaper than trapping a privileged instruction).', '进入 VMM 的超级调用（比特权指令陷入便宜）。'],
    bt: ['#UD, as on bare metal: VMware\'s translator offered no VMCALL hypercalls (its guests used a backdoor I/O port); the exception is reflected to the guest.', '与裸机相同触发 #UD：VMware 的翻译器不提供 VMCALL 超级调用（其客户机使用后门 I/O 端口）；异常被反射给客户机。'],
    emulate: ['#UD, as on bare metal: QEMU\'s TCG has no hypercall interface.', '与裸机相同触发 #UD：QEMU 的 TCG 没有超级调用接口。'],
    vtx: ['Always exits (VMCALL, 18); the console hypercall goes to QEMU as KVM_EXIT_HYPERCALL (3), one exit for the whole buffer.', '总是退出（VMCALL，18）；控制台超级调用以 KVM_EXIT_HYPERCALL（3）交给 QEMU，整个缓冲区只需一次退出。'],
  },
  int: {
    native: ['The CPU delivers vector n through the IDT.', 'CPU 经 IDT 交付向量 n。'],
    trap: ['The real IDT is the VMM\'s: the interrupt traps into the VMM, which reflects it through the guest\'s virtual IDT (expensive system calls).', '真实 IDT 属于 VMM：中断陷入 VMM，再由 VMM 经客户机的虚拟 IDT 反射（系统调用代价高）。'],
    paravirt: ['As under trap: the VMM reflects it.', '与 trap 相同：由 VMM 反射。'],
    bt: ['From user code: traps into the VMM, which reflects it; in kernel code: a callout.', '来自用户代码：陷入 VMM 再反射；在内核代码中：调出。'],
    vtx: ['The CPU delivers it through the guest IDT with no exit.', 'CPU 经客户机 IDT 交付，无退出。'],
  },
  ud2: {
    vtx: ['#UD is in KVM\'s exception bitmap: VM exit EXCEPTION_NMI (0), then KVM reinjects it.', '#UD 在 KVM 的异常位图中：VM exit EXCEPTION_NMI（0），然后 KVM 重新注入。'],
    trap: ['Faults into the VMM, which reflects #UD to the guest.', '陷入 VMM，VMM 把 #UD 反射给客户机。'],
  },
};

/** Glossary entries (English names) to link from a hover, by mnemonic, else by class. */
const TERMS: Record<string, string> = {
  hlt: 'HLT', cpuid: 'CPUID', vmcall: 'Hypercall', sidt: 'SIDT', popf: 'POPF/PUSHF', pushf: 'POPF/PUSHF',
  in: 'Port I/O (PIO)', out: 'Port I/O (PIO)', int: 'System call', iret: 'System call',
};
const CLASS_TERMS: Record<string, string> = {
  innocuous: 'Innocuous instruction', privileged: 'Privileged instruction', 'sensitive-unprivileged': 'Critical instruction (sensitive, unprivileged)',
};

function text(p: Pair): LocalizedText {
  return { en: p[0], 'zh-cn': p[1] };
}

function build(spec: MnemonicSpec): InstructionInfo {
  const base = spec.cls === 'privileged' ? PRIVILEGED_MODES : spec.cls === 'sensitive-unprivileged' ? SENSITIVE_MODES : INNOCUOUS_MODES;
  const specific = SPECIFIC[spec.name] ?? {};
  const modes = {} as Record<Mode, LocalizedText>;
  for (const mode of ['native', 'emulate', 'trap', 'bt', 'paravirt', 'vtx'] as Mode[]) modes[mode] = text(specific[mode] ?? base[mode]);
  const info: InstructionInfo = {
    mnemonic: spec.name, aliases: [...(spec.aliases ?? [])], instructionClass: spec.cls, syntax: spec.syntax,
    summary: text(SUMMARY[spec.name] ?? ['', '']), modes,
  };
  const term = TERMS[spec.name] ?? CLASS_TERMS[spec.cls];
  if (term) info.term = term;
  return info;
}

export const INSTRUCTION_INFOS: readonly InstructionInfo[] = MNEMONIC_SPECS.map(build);

/** Hover information of a mnemonic or alias (case-insensitive). */
export function instructionInfo(mnemonic: string): InstructionInfo | undefined {
  const spec = typeof mnemonic === 'string' ? mnemonicSpec(mnemonic.trim()) : undefined;
  return spec ? INSTRUCTION_INFOS.find((i) => i.mnemonic === spec.name) : undefined;
}

const REGISTER_TEXT: Record<string, [Pair, string?]> = {
  sp: [['The stack pointer: push, pop, call, ret and exception delivery use it; it starts at the top of RAM (0x10000).', '栈指针：push、pop、call、ret 与异常交付都使用它；初值为内存顶端（0x10000）。']],
  cs: [['The code segment selector, read only: its low two bits are the real CPL (0x08 | CPL in the kernel, 0x1B in user mode), which is why reading it reveals ring deprivileging.', '代码段选择子，只读：低两位是真实的 CPL（内核为 0x08 | CPL，用户态为 0x1B），因此读取它会暴露特权级降级。'], 'Current privilege level (CPL)'],
  cr0: [['Control register 0: bit 0 PE (protection, always set here), bit 16 WP (kernel writes to read-only pages fault), bit 31 PG (paging on; needs PE, else #GP). Changing PG or WP flushes the TLB. Privileged (mov cr0, r / mov r, cr0).', '控制寄存器 0：第 0 位 PE（保护模式，此处恒置位），第 16 位 WP（内核写只读页也触发缺页），第 31 位 PG（开启分页；需要 PE，否则 #GP）。改变 PG 或 WP 会清空 TLB。特权操作（mov cr0, r / mov r, cr0）。'], 'Memory management unit (MMU)'],
  cr2: [['Control register 2: the linear address of the last page fault (#PF), which the #PF handler reads with mov r, cr2 (privileged) to know which page to map.', '控制寄存器 2：最近一次缺页（#PF）的线性地址，#PF 处理程序用 mov r, cr2（特权）读取它，以便知道要映射哪一页。'], 'Page fault'],
  cr3: [['Control register 3: bits 31:12 give the physical address of the page directory. Loading it switches address spaces and flushes the TLB; under shadow paging it traps (CR_ACCESS without EPT), with EPT it costs no exit.', '控制寄存器 3：第 31:12 位给出页目录的物理地址。装入它就切换地址空间并清空 TLB；影子页表下它会陷入（无 EPT 时为 CR_ACCESS），使用 EPT 时不引起退出。'], 'Page table'],
};

/** Hover information of a register name (case-insensitive): r0-r7, sp, cs, cr0, cr2, cr3. */
export function registerInfo(name: string): RegisterInfo | undefined {
  const n = typeof name === 'string' ? name.trim().toLowerCase() : '';
  if (/^r[0-7]$/.test(n)) return { name: n, summary: { en: `General-purpose register ${n}: 32 bits, arithmetic wraps modulo 2^32.`, 'zh-cn': `通用寄存器 ${n}：32 位，运算按 2^32 取模回绕。` } };
  const entry = REGISTER_TEXT[n];
  if (!entry) return undefined;
  const [[en, zh], term] = entry;
  return term ? { name: n, summary: { en, 'zh-cn': zh }, term } : { name: n, summary: { en, 'zh-cn': zh } };
}
