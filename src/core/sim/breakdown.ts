/**
 * Where a run's cycles went, by cause: the stacked bars of the comparison and its sentences.
 *
 * Exact by construction. A `CycleLedger` listens to a run's events (every cycle a mode charges
 * outside the fast path goes through an event while someone listens), and `cycleBreakdown`
 * adds what no event reports: the fast path's instructions and the slow path's `direct` ones,
 * which `run()` does not hand to listeners. The parts sum to `stats.cycles`; whatever cannot be
 * attributed lands in `other`, which the tests require to be 0 for every example, mode and era.
 */
import type { CostModel, CycleCause, CycleShare, LocalizedText, RunResult, SimEvent } from './api';

/** Stacking order: the guest's own work first, then the ways into a VMM, then what they lead to. */
export const CYCLE_CAUSES: readonly CycleCause[] = [
  'direct', 'emulated', 'translation', 'callouts', 'traps', 'exits', 'userspace-exits',
  'hypercalls', 'devices', 'exceptions', 'shadow-paging', 'page-walks', 'ept', 'other',
];

export const CAUSE_LABELS: Readonly<Record<CycleCause, LocalizedText>> = {
  direct: { en: 'direct execution', 'zh-cn': '直接执行' },
  emulated: { en: 'emulation in software', 'zh-cn': '软件模拟' },
  translation: { en: 'binary translation', 'zh-cn': '二进制翻译' },
  callouts: { en: 'callouts', 'zh-cn': '调出' },
  traps: { en: 'traps', 'zh-cn': '陷入' },
  exits: { en: 'VM exits', 'zh-cn': 'VM 退出（VM exit）' },
  'userspace-exits': { en: 'exits to user space (world switches)', 'zh-cn': '返回用户态（世界切换）' },
  hypercalls: { en: 'hypercalls', 'zh-cn': '超级调用' },
  devices: { en: 'device accesses', 'zh-cn': '设备访问' },
  exceptions: { en: 'exception delivery', 'zh-cn': '异常交付' },
  'shadow-paging': { en: 'shadow page tables', 'zh-cn': '影子页表' },
  'page-walks': { en: 'page walks and TLB flushes', 'zh-cn': '页表遍历与 TLB 清空' },
  ept: { en: 'EPT violations (KVM mapping pages)', 'zh-cn': 'EPT 违例（KVM 映射页面）' },
  other: { en: 'other', 'zh-cn': '其他' },
};

/** What a ledger summed from a run's events; `tcgInstructions`: TCG emulations among them. */
export interface ChargedCycles {
  byCause: Record<CycleCause, { cycles: number; count: number }>;
  tcgInstructions: number;
}

function emptyCharges(): ChargedCycles {
  const byCause = {} as ChargedCycles['byCause'];
  for (const c of CYCLE_CAUSES) byCause[c] = { cycles: 0, count: 0 };
  return { byCause, tcgInstructions: 0 };
}

/**
 * Sums a run's events by cause. Attach it before the run (`sim.onEvent((e) => ledger.record(e))`)
 * and let `run()` or `step()` drive: `step()` also reports `direct` events, which the ledger
 * ignores because `cycleBreakdown` counts them from the statistics.
 */
export class CycleLedger {
  private readonly charged = emptyCharges();

  constructor(private readonly costs: Readonly<CostModel>) {}

  record(e: SimEvent): void {
    if (e.kind === 'direct' || e.cycles === 0) return;
    const c = this.costs;
    switch (e.kind) {
      case 'emulated':
      case 'kvm-handled':
        if (e.term === 'Shadow page table') return this.add('shadow-paging', e.cycles);
        // TCG's per-instruction price (also the notes `step()` makes for the fast path).
        if (e.kind === 'emulated' && e.layer === 'qemu') this.charged.tcgInstructions++;
        return this.add('emulated', e.cycles);
      case 'trap': return this.add('traps', e.cycles);
      case 'vmexit': return this.add('exits', e.cycles);
      case 'kvm-exit': return this.add('userspace-exits', e.cycles);
      case 'translate': return this.add('translation', e.cycles);
      case 'hypercall': return this.add('hypercalls', e.cycles);
      case 'exception': return this.add('exceptions', e.cycles);
      // Memory virtualization (memory/*.ts): walks, flushes, shadow-table work, EPT fills.
      case 'page-walk':
      case 'tlb-flush': return this.add('page-walks', e.cycles);
      case 'hidden-page-fault':
      case 'shadow-update': return this.add('shadow-paging', e.cycles);
      case 'ept-violation': return this.add('ept', e.cycles);
      // A callout carries the VMM's emulation of the instruction, a reflection the VMM's work.
      case 'callout': return this.split('callouts', c.callout, e.cycles);
      case 'reflect': return this.split('exceptions', c.exceptionDelivery, e.cycles);
      case 'device':
        // A classic VMM's world switch to its host-side device model is a `device` event priced
        // as an exit to user space; the device model's own work is priced `deviceAccess`.
        if (e.layer === 'qemu' && e.cycles === c.userspaceExit && c.userspaceExit !== c.deviceAccess) return this.add('userspace-exits', e.cycles);
        return this.add('devices', e.cycles);
      default: return this.add('other', e.cycles);
    }
  }

  /** The run's breakdown (see `cycleBreakdown`). */
  breakdown(result: Readonly<RunResult>): CycleShare[] {
    return cycleBreakdown(this.charged, result, this.costs);
  }

  private add(cause: CycleCause, cycles: number): void {
    const t = this.charged.byCause[cause];
    t.cycles += cycles;
    t.count++;
  }

  /** `cause` takes its own price (at most the whole event); the rest is the VMM's emulation. */
  private split(cause: CycleCause, price: number, cycles: number): void {
    const own = Math.min(price, cycles);
    this.add(cause, own);
    if (cycles > own) this.add('emulated', cycles - own);
  }
}

/**
 * The ordered breakdown of a run from what its events `charged`, completed from its statistics:
 * `direct` instructions at the model's price and, under `emulate`, the fast path's instructions
 * at TCG's. Causes that cost nothing are left out; the cycles always sum to `stats.cycles`
 * (`other` takes any remainder, which the tests keep at 0).
 */
export function cycleBreakdown(charged: Readonly<ChargedCycles>, result: Readonly<RunResult>, costs: Readonly<CostModel>): CycleShare[] {
  const { stats } = result;
  const parts = emptyCharges().byCause;
  let rest = stats.cycles;
  for (const c of CYCLE_CAUSES) {
    parts[c] = { ...charged.byCause[c] };
    rest -= charged.byCause[c].cycles;
  }
  parts.direct = { cycles: stats.direct * costs.direct, count: stats.direct };
  rest -= parts.direct.cycles;
  if (result.mode === 'emulate') {
    // The fast path books TCG's price per instruction without an event.
    const fast = Math.max(0, stats.emulated - charged.tcgInstructions);
    parts.emulated.cycles += fast * costs.emulatedInstruction;
    parts.emulated.count += fast;
    rest -= fast * costs.emulatedInstruction;
  }
  if (rest !== 0) parts.other.cycles += rest;
  return CYCLE_CAUSES.filter((c) => parts[c].cycles !== 0).map((c) => ({ cause: c, cycles: parts[c].cycles, count: parts[c].count }));
}
