/** Documentation data of the machine's ports and hypercalls, for hovers and the CLI. */
import type { LocalizedText } from './api';

export interface PortInfo {
  port: number;
  name: string;
  description: LocalizedText;
}

export const PORTS: readonly PortInfo[] = [
  { port: 0x3f8, name: 'UART data (COM1)', description: { en: 'OUT writes the low byte of the register to the serial output.', 'zh-cn': 'OUT 把寄存器的低字节写到串口输出。' } },
  { port: 0x3fd, name: 'UART line status', description: { en: 'IN reads 0x60: bit 5 (transmitter holding register empty) and bit 6 set — always ready.', 'zh-cn': 'IN 读出 0x60：第 5 位（发送保持寄存器空）和第 6 位置位——始终就绪。' } },
  { port: 0xf4, name: 'isa-debug-exit', description: { en: 'OUT stops the machine with exit code ((value & 0xFF) << 1) | 1, as QEMU\'s isa-debug-exit device (a 1-byte port).', 'zh-cn': 'OUT 使机器停止，退出码为 ((value & 0xFF) << 1) | 1，与 QEMU 的 isa-debug-exit 设备（1 字节端口）相同。' } },
  { port: 0x40, name: 'timer (PIT channel 0)', description: { en: 'OUT sets the timer period in guest instructions (0: off); vector 32 is raised every period instructions while IF = 1. IN reads the period. Under vtx KVM emulates it in the kernel (like its in-kernel PIT).', 'zh-cn': 'OUT 设置定时器周期（以客户机指令计，0 表示关闭）；IF = 1 时每隔该周期产生向量 32。IN 读出周期。vtx 模式下由 KVM 在内核中模拟（如其内核 PIT）。' } },
];

export interface HypercallInfo {
  number: number;
  name: string;
  description: LocalizedText;
}

/** VMCALL with r0 = number, arguments in r1, r2; result in r0 (-1000 unknown, -1 from user mode). */
export const HYPERCALLS: readonly HypercallInfo[] = [
  { number: 1, name: 'console write', description: { en: 'Writes r2 bytes at address r1 to the serial output with one exit (a paravirtual console); returns the count.', 'zh-cn': '把地址 r1 处的 r2 个字节写到串口输出，只需一次退出（半虚拟控制台）；返回字节数。' } },
  { number: 2, name: 'set interrupt flag', description: { en: 'Sets the virtual IF to (r1 != 0) and returns the old one: the paravirtual CLI/STI (Xen\'s event-channel mask).', 'zh-cn': '把虚拟 IF 设为 (r1 != 0) 并返回旧值：半虚拟的 CLI/STI（相当于 Xen 的事件通道屏蔽）。' } },
  { number: 3, name: 'load IDT', description: { en: 'Loads the IDT from the 6-byte descriptor at r1 (Xen\'s set_trap_table).', 'zh-cn': '从 r1 处的 6 字节描述符装入 IDT（相当于 Xen 的 set_trap_table）。' } },
  { number: 4, name: 'write CR3', description: { en: 'Loads CR3 with r1 (Xen\'s MMUEXT_NEW_BASEPTR).', 'zh-cn': '把 r1 装入 CR3（相当于 Xen 的 MMUEXT_NEW_BASEPTR）。' } },
  { number: 5, name: 'halt', description: { en: 'Halts like HLT: waits for the timer when it is armed and IF = 1, else stops the machine (Xen\'s SCHEDOP_block).', 'zh-cn': '与 HLT 相同：定时器已设置且 IF = 1 时等待，否则停止机器（相当于 Xen 的 SCHEDOP_block）。' } },
  { number: 6, name: 'mmu_update', description: { en: 'Writes a batch of page-table entries with one hypercall (Xen\'s mmu_update): r1 = address of r2 pairs (guest-physical entry address, new value). Each entry must be word-aligned in RAM and map RAM or the MMIO console page; returns the count written, -22 (EINVAL) at the first invalid entry, -14 (EFAULT) when the array cannot be read.', 'zh-cn': '一次超级调用批量写页表项（相当于 Xen 的 mmu_update）：r1 = r2 个（客户机物理页表项地址，新值）对的地址。每项必须在内存中按字对齐，并映射内存或 MMIO 控制台页；返回写入的项数，遇到第一个无效项返回 -22（EINVAL），数组不可读时返回 -14（EFAULT）。' } },
];
