/**
 * The real-KVM subset: which vmasm instructions the code generator translates exactly, and, for the
 * others, why not (one bilingual sentence; docs/real-kvm.md explains each at length).
 */
import type { LocalizedText } from '../sim/api';
import { TIMER_PORT } from '../sim/devices';
import type { DecodedInstruction } from './decoded';

/** Guest-physical range of the runtime slot (see codegen.ts); a guest access there would reach it. */
export interface RuntimeRange {
  start: number;
  end: number;
}

const REASONS: Record<string, LocalizedText> = {
  vmcall: {
    en: 'on real KVM an unknown hypercall returns -1000 in EAX inside the kernel and the known numbers mean other things (and AMD needs vmmcall); the paravirtual console there is the MMIO doorbell at 0x10000',
    'zh-cn': '在真实 KVM 上，未知的超级调用在内核里直接在 EAX 中返回 -1000，已知的编号含义也不同（AMD 还需要 vmmcall）；那里的半虚拟控制台是 0x10000 处的 MMIO 门铃',
  },
  'mov-cr0': {
    en: 'writing cr0 can turn paging or protection on or off, which the translated code (flat 32-bit protected mode, no paging) cannot follow',
    'zh-cn': '写 cr0 可能开启或关闭分页、保护模式，而翻译后的代码（平坦的 32 位保护模式，无分页）无法随之改变',
  },
  timer: {
    en: `port 0x${TIMER_PORT.toString(16)} is the simulator's timer, which KVM emulates in the kernel there; without an in-kernel PIT the real KVM would exit to user space, and timer interrupts need interrupt delivery, outside the subset`,
    'zh-cn': `端口 0x${TIMER_PORT.toString(16)} 是模拟器的定时器，模拟中由 KVM 在内核里模拟；没有内核 PIT 时真实 KVM 会退出到用户态，而定时器中断需要中断交付，不在子集之内`,
  },
};

const UNKNOWN: LocalizedText = {
  en: 'the x86 code generator does not know this instruction form yet',
  'zh-cn': 'x86 代码生成器还不认识这种指令形式',
};

function runtimeReason(address: number, range: RuntimeRange): LocalizedText {
  const hex = (v: number) => `0x${(v >>> 0).toString(16)}`;
  return {
    en: `the address ${hex(address)} lies in the runtime slot (${hex(range.start)}-${hex(range.end - 1)}) that holds the translated code, where the simulator has an open bus`,
    'zh-cn': `地址 ${hex(address)} 位于存放翻译后代码的运行时内存槽（${hex(range.start)}-${hex(range.end - 1)}），而模拟器在那里是开路总线`,
  };
}

/** Why `ins` cannot run exactly on real KVM, or undefined when it can. */
export function unsupportedReason(ins: DecodedInstruction, runtime: RuntimeRange): LocalizedText | undefined {
  if (ins.unknown) return UNKNOWN;
  if (REASONS[ins.name]) return REASONS[ins.name];
  if (ins.name === 'mov' && ins.dst?.kind === 'cr' && ins.dst.cr === 0) return REASONS['mov-cr0'];
  if (ins.name === 'in' && ins.src?.kind === 'imm' && ins.src.value === TIMER_PORT) return REASONS.timer;
  if (ins.name === 'out' && ins.dst?.kind === 'imm' && ins.dst.value === TIMER_PORT) return REASONS.timer;
  for (const o of [ins.dst, ins.src]) {
    // `[expr]`: the zero pseudo register (9) as base; only then is the address known here.
    if (o?.kind === 'mem' && o.base === 9) {
      const first = o.disp >>> 0;
      const last = (first + 5) >>> 0;
      if ((first >= runtime.start && first < runtime.end) || (last >= runtime.start && last < runtime.end)) return runtimeReason(first, runtime);
    }
  }
  return undefined;
}
