/**
 * Shadow page tables (`trap`, `bt`, and `vtx` without EPT), as VMware's VMM and KVM's shadow MMU
 * keep them: for each guest page directory in use, a table mapping guest-linear pages straight to
 * host memory, which the real MMU walks. Entries are filled lazily on *hidden page faults*; every
 * page the VMM walked as a guest directory or table is write-protected, so a guest store to it
 * traps and the VMM emulates it and updates the shadow (a *shadow update*). A CR3 load switches
 * shadow roots; INVLPG drops one entry. The guest's architectural view (its tables, A/D bits, its
 * own faults) is the MMU's walk; this module keeps the VMM's structures and books their cost.
 */
import type { CostModel, Layer } from '../api';
import type { Machine } from '../machine';
import { recordGuestWalk, type MemoryTechnique, type MemoryVirtualization } from './mmu';
import type { WalkTrace } from './trace';
import { allowed, PTE_D, PTE_RW, Walk, walkTables } from './walk';

/** What the VMM does that the guest must not see: a trap (classic VMM) or a VM exit (KVM). */
export interface MemoryTraps {
  /** The guest entered the VMM because of memory: a fault on the shadow table or a page-table store. */
  memoryTrap(kind: 'hidden-fault' | 'page-fault' | 'pt-write', la: number): void;
  /** Where the VMM runs (events). */
  readonly memoryLayer: Layer;
}

/** One shadow entry: the guest's translation as the VMM copied it, and where it came from. */
export interface ShadowEntry {
  frame: number;
  /** R/W, U/S as the guest allows; PTE_D set when the shadow entry is writable (guest D set). */
  bits: number;
  pdeAddress: number;
  pteAddress: number;
}

export class ShadowPaging implements MemoryVirtualization {
  readonly technique: MemoryTechnique = 'shadow';
  readonly translatesWithoutPaging = false;
  /** Shadow tables by guest page-directory address (cr3 & ~0xfff): linear page number → entry. */
  readonly roots = new Map<number, Map<number, ShadowEntry>>();
  current: Map<number, ShadowEntry> | undefined;
  private readonly peek = new Walk();

  constructor(private readonly m: Machine, private readonly costs: CostModel, private readonly traps: MemoryTraps) {}

  get faultLayer(): Layer {
    return this.traps.memoryLayer;
  }

  private root(): Map<number, ShadowEntry> {
    const key = (this.m.cr3 & ~0xfff) >>> 0;
    let r = this.roots.get(key);
    if (!r) {
      r = new Map();
      this.roots.set(key, r);
    }
    return (this.current = r);
  }

  miss(la: number, write: boolean, user: boolean, w: Walk, trace: WalkTrace): void {
    const m = this.m;
    const mmu = m.mmu;
    const stats = mmu.stats;
    const vpn = la >>> 12;
    const table = this.current ?? this.root();
    const entry = table.get(vpn);
    if (w.ok && entry && entry.frame === w.frame && allowed(entry.bits, write, user, mmu.wp) && (!write || (entry.bits & PTE_D) !== 0)) {
      // The common case: the real MMU walks the shadow table, 2 references, nothing traps.
      trace.add(0, 0, entry.pdeAddress);
      trace.add(1, 0, entry.pteAddress);
      mmu.references(2, 'hardware', la, 'the MMU walks the shadow page table', 'MMU 遍历影子页表');
      return;
    }
    const layer = this.traps.memoryLayer;
    // The real MMU finds no usable shadow entry: the fault goes to the VMM, which walks the guest's tables.
    if (!mmu.vmmAccess) this.traps.memoryTrap(w.ok ? 'hidden-fault' : 'page-fault', la);
    recordGuestWalk(trace, w, 0);
    mmu.references(w.references, layer, la, 'the VMM walks the guest page tables in software', 'VMM 用软件遍历客户机页表');
    this.protect(w);
    if (!w.ok) return; // the guest's own fault: the VMM injects #PF (delivery books it)
    stats.hiddenPageFaults++;
    const bits = (w.bits & PTE_RW) !== 0 && (w.bits & PTE_D) !== 0 ? w.bits : w.bits & ~PTE_D;
    table.set(vpn, { frame: w.frame, bits, pdeAddress: w.pdeAddress, pteAddress: w.pteAddress });
    m.ev('hidden-page-fault', layer, this.costs.hiddenPageFault,
      `hidden page fault at 0x${(la >>> 0).toString(16)}: the guest's tables map it, so the VMM fills the shadow entry${write ? ' (writable: guest D set)' : ''} and resumes; the guest never sees it`,
      `0x${(la >>> 0).toString(16)} 处隐藏缺页：客户机页表有此映射，VMM 填写影子页表项${write ? '（可写：置客户机 D 位）' : ''}后恢复执行，客户机毫无察觉`,
      { term: 'Hidden page fault', page: { linear: la >>> 0 } });
    mmu.references(2, 'hardware', la, 'the MMU walks the filled shadow entry', 'MMU 遍历填好的影子页表项');
  }

  /** The VMM write-protects the guest directory and table it walked, to hear of every change. */
  private protect(w: Walk): void {
    const mmu = this.m.mmu;
    mmu.protectFrame(w.pdeAddress);
    if (w.references === 2) mmu.protectFrame(w.pteAddress);
  }

  pageTableWritten(pa: number, trapped: boolean): void {
    const m = this.m;
    if (trapped) this.traps.memoryTrap('pt-write', pa);
    m.mmu.stats.shadowUpdates++;
    let touched = 0;
    for (const [key, table] of this.roots) {
      for (const [vpn, e] of table) {
        if (e.pteAddress !== pa && e.pdeAddress !== pa) continue;
        touched++;
        const w = walkTables(m.view, key, vpn << 12, false, false, false, this.peek, false);
        if (!w.ok) table.delete(vpn);
        else {
          e.frame = w.frame;
          e.bits = (w.bits & PTE_RW) !== 0 && (w.bits & PTE_D) !== 0 ? w.bits : w.bits & ~PTE_D;
          e.pdeAddress = w.pdeAddress;
          e.pteAddress = w.pteAddress;
        }
      }
    }
    const v = m.mmu.physRead32(pa) >>> 0;
    m.ev('shadow-update', this.traps.memoryLayer, this.costs.shadowUpdate,
      `${trapped ? 'the guest wrote' : 'a hypercall wrote'} 0x${v.toString(16)} into its page table at 0x${pa.toString(16)} (write-protected): the VMM emulates the store and updates ${touched} shadow entr${touched === 1 ? 'y' : 'ies'}`,
      `${trapped ? '客户机' : '超级调用'}向页表 0x${pa.toString(16)}（写保护）写入 0x${v.toString(16)}：VMM 模拟这次写入并更新 ${touched} 个影子页表项`,
      { term: 'Shadow page table', page: { linear: pa } });
  }

  /** A guest CR3 load: the VMM switches shadow roots (and pays for it even before paging is on, as v1 did). */
  cr3Loaded(): void {
    this.root();
    this.m.ev('emulated', this.traps.memoryLayer, this.costs.shadowPageTableSwitch, 'the VMM switches to the shadow page table of the new address space',
      'VMM 切换到新地址空间的影子页表', { term: 'Shadow page table' });
  }

  invlpg(la: number): void {
    (this.current ?? this.root()).delete(la >>> 12);
  }

  /** With paging off guest-physical memory is mapped directly: the VMM drops its shadows and write protection. */
  pagingChanged(on: boolean): void {
    if (on) {
      this.root();
      return;
    }
    this.roots.clear();
    this.current = undefined;
    this.m.mmu.unprotectAll();
  }
}
