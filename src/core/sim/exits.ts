/**
 * Why a run ended, in the learner's words (`RunExit.why`): which instruction, where, and what the
 * processor did about it. Built once per run, when it ends.
 */
import type { LocalizedText } from './api';
import type { Machine } from './machine';

const hex = (v: number) => '0x' + (v >>> 0).toString(16);

function vectorNames(vector: number): [en: string, zh: string] {
  switch (vector) {
    case 6: return ['#UD', '#UD（无效操作码）'];
    case 8: return ['#DF', '#DF（双重故障）'];
    case 13: return ['#GP', '#GP（一般保护）'];
    case 14: return ['#PF', '#PF（缺页）'];
    case 32: return ['the timer interrupt (vector 32)', '定时器中断（向量 32）'];
    default: return [`vector ${vector}`, `向量 ${vector}`];
  }
}

/** Where the instruction at `slot` is, or, for a fetch where none is, why execution got there. */
function origin(m: Machine, slot: number): [en: string, zh: string] {
  const p = m.program;
  const address = m.addressOf(slot);
  const line = m.lineOfSlot(slot);
  if (line > 0) return [`at ${hex(address)} (line ${line}: ${p.mnemonicOfSlot(slot)})`, `位于 ${hex(address)}（第 ${line} 行：${p.mnemonicOfSlot(slot)}）`];
  const before = p.slotAt((address - 4) >>> 0);
  if (before >= 0) {
    const last = p.instructions.every((i) => i.address <= address - 4);
    const n = p.lineOfSlot(before);
    return last
      ? [`at ${hex(address)}: execution ran past the last instruction (line ${n})`, `位于 ${hex(address)}：执行越过了最后一条指令（第 ${n} 行）`]
      : [`at ${hex(address)}: execution ran past the instruction at line ${n} into bytes that hold no instruction`, `位于 ${hex(address)}：执行越过第 ${n} 行的指令，进入了没有指令的字节`];
  }
  return [`at ${hex(address)}: no instruction there (reached by a jump, a return or a handler address)`, `位于 ${hex(address)}：那里没有指令（经跳转、返回或处理程序地址到达）`];
}

/** A fault that could not be delivered (outside the IDT, or a page fault during delivery), nor its double fault: the processor shut down. */
export function shutdownWhy(m: Machine, vector: number, slot: number, deliveryFault?: number): LocalizedText {
  const [en, zh] = vectorNames(vector);
  const [where, whereZh] = origin(m, slot);
  const idt = deliveryFault !== undefined
    ? [`delivering it page-faulted at ${hex(deliveryFault)} (the IDT or the stack is not mapped)`, `交付时在 ${hex(deliveryFault)} 缺页（IDT 或栈未映射）`]
    : m.idtLimit === 0 && m.idtBase === 0 ? ['no IDT is loaded', '未加载 IDT'] : [`the IDT (limit ${hex(m.idtLimit)}) has no entry for it`, `IDT（界限 ${hex(m.idtLimit)}）中没有它的表项`];
  return {
    en: `${en} ${where}; ${idt[0]}: double fault, then triple fault, and the processor shuts down`,
    'zh-cn': `${zh} ${whereZh}；${idt[1]}：先双重故障，再三重故障，处理器关机`,
  };
}

export function haltWhy(m: Machine, slot: number): LocalizedText {
  const [where, whereZh] = origin(m, slot);
  const cause = m.timerPeriod > 0 ? ['IF = 0, so the armed timer cannot wake it', 'IF = 0，已设定的定时器无法唤醒它'] : ['no timer is armed to wake it', '没有设定可唤醒它的定时器'];
  return { en: `the processor halted ${where}: ${cause[0]}`, 'zh-cn': `处理器停机，${whereZh}：${cause[1]}` };
}

export function debugExitWhy(m: Machine, slot: number, value: number, code: number): LocalizedText {
  const [where, whereZh] = origin(m, slot);
  return {
    en: `OUT 0xF4 ${where} wrote the byte ${hex(value & 0xff)}: isa-debug-exit stops the machine with code (${hex(value & 0xff)} << 1) | 1 = ${code}`,
    'zh-cn': `OUT 0xF4 ${whereZh} 写入字节 ${hex(value & 0xff)}：isa-debug-exit 以退出码 (${hex(value & 0xff)} << 1) | 1 = ${code} 停止机器`,
  };
}

export function stepLimitWhy(maxSteps: number): LocalizedText {
  return { en: `the step limit of ${maxSteps} instructions was reached`, 'zh-cn': `达到 ${maxSteps} 条指令的步数上限` };
}
