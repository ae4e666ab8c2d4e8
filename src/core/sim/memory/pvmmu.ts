/**
 * Xen's paravirtual MMU (`paravirt`): the guest's own page tables are the ones the real MMU walks
 * ("direct paging"), so a TLB miss costs 2 references and there are no hidden faults. To keep
 * them safe the VMM makes every page it has seen used as a directory or table read-only to the
 * guest; the guest is expected to change entries with hypercall 6 (`mmu_update`, a whole batch
 * per hypercall, each entry validated). A direct store still traps and is emulated (Xen's
 * "writable page table" emulation), counted as a shadow update; the guest's own page faults trap
 * into the VMM, which bounces them to the guest.
 */
import type { CostModel, Layer } from '../api';
import type { Machine } from '../machine';
import { PAGE_FAULT, recordGuestWalk, RAM_FRAMES, type MemoryTechnique, type MemoryVirtualization } from './mmu';
import type { MemoryTraps } from './shadow';
import type { WalkTrace } from './trace';
import { FRAME_MASK, PTE_P, type Walk } from './walk';

/** Hypercall 6 results (Xen's errno values, negated as Xen returns them). */
export const MMU_UPDATE_EINVAL = -22;
export const MMU_UPDATE_EFAULT = -14;

export class PvMmu implements MemoryVirtualization {
  readonly technique: MemoryTechnique = 'pv-mmu';
  readonly translatesWithoutPaging = false;
  constructor(private readonly m: Machine, private readonly costs: CostModel, private readonly traps: MemoryTraps) {}

  get faultLayer(): Layer {
    return this.traps.memoryLayer;
  }

  miss(la: number, _write: boolean, _user: boolean, w: Walk, trace: WalkTrace): void {
    const mmu = this.m.mmu;
    recordGuestWalk(trace, w, 0);
    mmu.references(w.references, 'hardware', la, 'the MMU walks the guest\'s own page tables (direct paging)', 'MMU 直接遍历客户机自己的页表（直接分页）');
    mmu.protectFrame(w.pdeAddress);
    if (w.references === 2) mmu.protectFrame(w.pteAddress);
    if (!w.ok) this.traps.memoryTrap('page-fault', la);
  }

  pageTableWritten(pa: number, trapped: boolean): void {
    if (!trapped) return; // an mmu_update entry: validated and booked by the hypercall
    const m = this.m;
    this.traps.memoryTrap('pt-write', pa);
    m.mmu.stats.shadowUpdates++;
    m.ev('shadow-update', this.traps.memoryLayer, this.costs.shadowUpdate,
      `direct store to the read-only page table at 0x${pa.toString(16)}: the VMM emulates and validates it (mmu_update would batch such writes)`,
      `直接写只读页表 0x${pa.toString(16)}：VMM 模拟并校验这次写入（mmu_update 可以批量完成这类写入）`, { term: 'Page table', page: { linear: pa } });
  }

  cr3Loaded(): void {}
  invlpg(): void {}
  pagingChanged(on: boolean): void {
    if (!on) this.m.mmu.unprotectAll();
  }
}

/**
 * Hypercall 6, `mmu_update` (as Xen's HYPERVISOR_mmu_update): r1 = linear address of `count`
 * pairs (guest-physical entry address, new value). Each entry must be word-aligned in RAM and,
 * when present, map a RAM frame or the MMIO console page; the first invalid one stops the batch
 * with -22 (EINVAL), an unreadable array gives -14 (EFAULT); otherwise the count applied. The
 * same in every mode that takes hypercalls; what it costs is booked by `bookMmuUpdate`.
 */
export function mmuUpdate(m: Machine, array: number, count: number, layer: Layer): number {
  const mmu = m.mmu;
  const n = count >>> 0;
  let done = 0;
  mmu.vmmAccess = true;
  try {
    for (; done < n; done++) {
      let address: number;
      let value: number;
      try {
        address = mmu.read32(array + 8 * done) >>> 0;
        value = mmu.read32(array + 8 * done + 4);
      } catch (e) {
        if (e !== PAGE_FAULT) throw e;
        return MMU_UPDATE_EFAULT;
      }
      const frame = (value & FRAME_MASK) >>> 12;
      const validFrame = (value & PTE_P) === 0 || frame < RAM_FRAMES || frame === 0x10;
      if ((address & 3) !== 0 || (address >>> 12) >= RAM_FRAMES || !validFrame) return MMU_UPDATE_EINVAL;
      mmu.writeEntry(address, value);
    }
    return done;
  } finally {
    mmu.vmmAccess = false;
    bookMmuUpdate(m, done, layer);
  }
}

function bookMmuUpdate(m: Machine, entries: number, layer: Layer): void {
  m.ev('emulated', layer, entries * m.costs.vmmEmulation,
    `mmu_update: the VMM validates and applies ${entries} page-table entr${entries === 1 ? 'y' : 'ies'} in one hypercall`,
    `mmu_update：VMM 在一次超级调用中校验并写入 ${entries} 个页表项`, { term: 'Hypercall' });
}
