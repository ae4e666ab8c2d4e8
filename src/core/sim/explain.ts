/**
 * The comparison in sentences: each mode's dominant cost, and the results a learner would find
 * surprising, each with its reason (computed from the run's own breakdown) and its source.
 */
import type { CycleCause, CycleShare, Era, LocalizedText, Mode, RunResult } from './api';
import { CAUSE_LABELS } from './breakdown';
import { Naming, tidyZh, type ModeNames } from './modeNames';

/** A compared mode as `compareModes(…, { breakdown: true })` gives it (the webview builds the same). */
export interface ExplainedMode {
  mode: Mode;
  result: RunResult;
  breakdown?: readonly CycleShare[];
}

export type FindingId = 'paravirt-unmodified' | 'emulate-beats-vmms' | 'bt-beats-vtx';

export interface ComparisonExplanation {
  /** One sentence per mode with a breakdown: the cause that took most of its cycles. */
  dominant: { mode: Mode; cause: CycleCause; text: LocalizedText }[];
  /** Results that need a reason, with it. */
  findings: { id: FindingId; text: LocalizedText }[];
}

const n = (v: number) => Math.round(v).toLocaleString('en-US');
const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);
const en = (c: CycleCause) => CAUSE_LABELS[c].en;
const zh = (c: CycleCause) => CAUSE_LABELS[c]['zh-cn'];

/**
 * The sentences of a comparison (modes without a breakdown get no dominant-cost sentence); modes
 * are named by `names` where given for a language, else by their ids.
 */
export function explainComparison(c: { era: Era; modes: readonly ExplainedMode[] }, names: ModeNames = {}): ComparisonExplanation {
  const naming = new Naming(names);
  const dominant: ComparisonExplanation['dominant'] = [];
  for (const m of c.modes) {
    const top = [...(m.breakdown ?? [])].sort((a, b) => b.cycles - a.cycles)[0];
    if (top) dominant.push({ mode: m.mode, cause: top.cause, text: dominantText(naming, m.mode, top, m.result.stats.cycles) });
  }
  const by = new Map(c.modes.map((m) => [m.mode, m]));
  const findings: ComparisonExplanation['findings'] = [];
  const paravirt = by.get('paravirt');
  const trap = by.get('trap');
  if (paravirt && paravirt.result.stats.hypercalls === 0) findings.push({ id: 'paravirt-unmodified', text: paravirtText(naming, paravirt, trap) });
  const emulate = by.get('emulate');
  if (emulate) {
    const beaten = (['trap', 'bt', 'paravirt', 'vtx'] as const).map((k) => by.get(k)).filter((m): m is ExplainedMode => m !== undefined && m.result.stats.cycles > emulate.result.stats.cycles);
    if (beaten.length > 0) findings.push({ id: 'emulate-beats-vmms', text: emulateText(naming, emulate, beaten) });
  }
  const bt = by.get('bt');
  const vtx = by.get('vtx');
  if (bt && vtx && bt.result.stats.cycles < vtx.result.stats.cycles) findings.push({ id: 'bt-beats-vtx', text: btText(naming, c.era, bt, vtx) });
  return { dominant, findings };
}

function dominantText(naming: Naming, mode: Mode, top: CycleShare, total: number): LocalizedText {
  const times = top.cause === 'direct' || top.cause === 'emulated' ? { en: 'instructions', zh: '条指令' } : { en: 'times', zh: '次' };
  return {
    en: `Under ${naming.first(mode, 'en')}, ${en(top.cause)} cost the most: ${n(top.cycles)} of ${n(total)} cycles (${pct(top.cycles, total)}%, ${n(top.count)} ${times.en}).`,
    'zh-cn': tidyZh(`${naming.first(mode, 'zh-cn')} 下开销最大的是${zh(top.cause)}：${n(total)} 个周期中占 ${n(top.cycles)} 个（${pct(top.cycles, total)}%，${n(top.count)} ${times.zh}）。`),
  };
}

function paravirtText(naming: Naming, paravirt: ExplainedMode, trap: ExplainedMode | undefined): LocalizedText {
  const p = paravirt.result.stats.cycles;
  const t = trap?.result.stats.cycles;
  const same = t === p;
  return {
    en: `No hypercall under ${naming.first('paravirt', 'en')}: this program is unmodified code, which a paravirtual VMM (Xen style) can only run by trap-and-emulate, so paravirt behaves as ${naming.first('trap', 'en')} here${same ? ` (${n(p)} cycles each)` : t !== undefined ? ` (trap ${n(t)}, paravirt ${n(p)} cycles)` : ''}. Its advantage appears only in a guest rewritten to call the VMM with VMCALL instead of trapping (see examples/pv-console.vmasm).`,
    'zh-cn': tidyZh(`${naming.first('paravirt', 'zh-cn')} 没有发起超级调用：该程序是未经修改的代码，半虚拟化 VMM（Xen 式）只能以“陷入-模拟”运行它，所以这里 paravirt 的表现与 ${naming.first('trap', 'zh-cn')} 相同${same ? `（各 ${n(p)} 个周期）` : t !== undefined ? `（trap ${n(t)}，paravirt ${n(p)} 个周期）` : ''}。只有改写过、用 VMCALL 调用 VMM 而不是陷入的客户机才显出它的优势（见 examples/pv-console.vmasm）。`),
  };
}

const cycles = (m: ExplainedMode, cause: CycleCause) => m.breakdown?.find((s) => s.cause === cause)?.cycles ?? 0;

/** The ways into a VMM (and what they lead to) where `a` spends more than `b`, largest first. */
function extra(a: ExplainedMode, b: ExplainedMode): { cause: CycleCause; cycles: number }[] {
  return (a.breakdown ?? []).filter((s) => s.cause !== 'direct' && s.cause !== 'emulated').map((s) => ({ cause: s.cause, cycles: s.cycles - cycles(b, s.cause) })).filter((d) => d.cycles > 0).sort((x, y) => y.cycles - x.cycles);
}

function listOf(parts: { cause: CycleCause; cycles: number }[]): { en: string; zh: string } {
  return {
    en: parts.map((p) => `${n(p.cycles)} cycles of ${en(p.cause)}`).join(' and '),
    zh: parts.map((p) => `${n(p.cycles)} 个周期的${zh(p.cause)}`).join('和'),
  };
}

function emulateText(naming: Naming, emulate: ExplainedMode, beaten: ExplainedMode[]): LocalizedText {
  const s = emulate.result.stats;
  const price = s.emulated > 0 ? cycles(emulate, 'emulated') / s.emulated : 0;
  // The comparison a learner asks about first: against binary translation when it lost too.
  const rival = beaten.find((m) => m.mode === 'bt') ?? beaten[0];
  const avoided = listOf(extra(rival, emulate).slice(0, 2));
  const rivalStats = rival.result.stats;
  const handled = rivalStats.instructions > 0 ? pct(rivalStats.instructions - rivalStats.direct, rivalStats.instructions) : 0;
  const modes = beaten.map((m) => m.mode);
  return {
    en: `${naming.first('emulate', 'en', "QEMU's TCG (emulate)")} needs fewer cycles than ${naming.list(modes, 'en')} here. TCG charges every instruction the same small price (${n(price)} cycles), privileged or not, and its device models run in the same process; ${rival.mode} runs ordinary instructions at full speed but pays ${avoided.en} that emulate never pays. With ${handled}% of the instructions needing the VMM under ${rival.mode}, and few ordinary instructions between them, the flat price is cheaper; on long stretches of ordinary code it is the other way round, because translated code runs several times slower than native (QEMU's TCG cost model: Bellard, USENIX ATC 2005; docs/cost-model.md).`,
    'zh-cn': tidyZh(`这里 ${naming.first('emulate', 'zh-cn', 'emulate（QEMU 的 TCG）')}所需周期少于 ${naming.list(modes, 'zh-cn')}。TCG 对每条指令收同样的小代价（${n(price)} 个周期），无论是否特权指令，而且设备模型就在同一进程里；${rival.mode} 以全速运行普通指令，却要付出 emulate 从不需要的${avoided.zh}。${rival.mode} 下有 ${handled}% 的指令需要 VMM 处理、其间普通指令很少，于是统一代价更便宜；若是大段普通代码则相反，因为翻译后的代码比原生慢数倍（QEMU TCG 的开销模型：Bellard，USENIX ATC 2005；docs/cost-model.md）。`),
  };
}

function btText(naming: Naming, era: Era, bt: ExplainedMode, vtx: ExplainedMode): LocalizedText {
  const vtxMore = listOf(extra(vtx, bt).slice(0, 2));
  const exits = vtx.breakdown?.find((s) => s.cause === 'exits');
  const callouts = bt.breakdown?.find((s) => s.cause === 'callouts');
  const price = (s: CycleShare | undefined) => (s && s.count > 0 ? n(s.cycles / s.count) : '0');
  const shadow = cycles(vtx, 'shadow-paging') > 0;
  const b = n(bt.result.stats.cycles);
  const v = n(vtx.result.stats.cycles);
  if (era === 'early-vtx') {
    return {
      en: `${naming.first('bt', 'en', 'Binary translation (bt)')} wins over ${naming.first('vtx', 'en')} here (${b} against ${v} cycles): on the first VT-x processors a VM exit and entry cost about ${price(exits)} cycles${shadow ? ', and without EPT every guest CR3 write still needs shadow page tables' : ''}, while a callout from translated code costs about ${price(callouts)}. vtx pays ${vtxMore.en} more than bt. Adams & Agesen (ASPLOS 2006) measured this: the first hardware support rarely beat VMware's binary translator. Switch the era to current to compare with cheaper exits and EPT.`,
      'zh-cn': tidyZh(`这里 ${naming.first('bt', 'zh-cn')} 胜过 ${naming.first('vtx', 'zh-cn')}（${b} 对 ${v} 个周期）：在第一代 VT-x 处理器上，一次 VM exit 加 VM entry 约需 ${price(exits)} 个周期${shadow ? '，且没有 EPT 时客户机每次写 CR3 仍需影子页表' : ''}，而翻译代码的一次调出只需约 ${price(callouts)} 个周期。vtx 比 bt 多付出${vtxMore.zh}。Adams 与 Agesen（ASPLOS 2006）测得的正是这一点：最初的硬件支持很少胜过 VMware 的二进制翻译器。把年代切换到 current，可与更便宜的 exit 和 EPT 作比较。`),
    };
  }
  return {
    en: `${naming.first('bt', 'en', 'Binary translation (bt)')} wins over ${naming.first('vtx', 'en')} here (${b} against ${v} cycles) even on a current CPU: vtx pays ${vtxMore.en} more than bt. Exits are far cheaper than in 2006, but one still costs more than a callout from translated code (about ${price(exits)} against ${price(callouts)} cycles), so a kernel that runs many privileged instructions can still favour binary translation: the trade-off Adams & Agesen (ASPLOS 2006) measured.`,
    'zh-cn': tidyZh(`即使在当代 CPU 上，这里 ${naming.first('bt', 'zh-cn')} 也胜过 ${naming.first('vtx', 'zh-cn')}（${b} 对 ${v} 个周期）：vtx 比 bt 多付出${vtxMore.zh}。exit 比 2006 年便宜得多，但一次仍比翻译代码的一次调出贵（约 ${price(exits)} 对 ${price(callouts)} 个周期），所以执行大量特权指令的内核仍可能更适合二进制翻译：这正是 Adams 与 Agesen（ASPLOS 2006）测得的权衡。`),
  };
}
