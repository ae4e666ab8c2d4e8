/**
 * EPT (`vtx` with the `enableEpt` control, era `current`'s default): the hardware walks the
 * guest's tables itself and translates every guest-physical address it touches (each directory
 * and table entry, then the data page) through KVM's 4-level EPT: (2+1)×(4+1)−1 = 14 references
 * per TLB miss with guest paging on, 4 with it off (Bhargava et al., ASPLOS 2008). KVM fills EPT
 * lazily: the first access to each 4 KiB guest-physical RAM page is an EPT violation that KVM
 * handles in the kernel. Guest page faults, CR3 loads and INVLPG need no exit.
 */
import type { Layer } from '../api';
import type { Machine } from '../machine';
import { RAM_FRAMES, type MemoryTechnique, type MemoryVirtualization } from './mmu';
import { REF_EPT_VIOLATION, REF_FAULTED, ROW_DATA, ROW_DIRECTORY, ROW_TABLE, type WalkTrace } from './trace';
import type { Walk } from './walk';

export const EPT_LEVELS = 4;
/** Where our model puts the VM's memory in host-physical space (guest-physical + this). */
export const HOST_RAM_BASE = 0x40000000;
/** Host-physical addresses of KVM's EPT tables in this model: PML4, PDPT, PD, PT (one each suffices below 1 GiB). */
const EPT_TABLE_BASE = [0x3f000000, 0x3f001000, 0x3f002000, 0x3f003000];

/** What KVM does on an EPT violation (a VM exit, handled in the kernel). */
export interface EptExits {
  eptViolation(gpa: number): void;
}

/** Host-physical address of the EPT entry of `gpa` at `level` (0 = PML4 … 3 = PT). */
export function eptEntryAddress(gpa: number, level: number): number {
  const index = level === 0 ? 0 : level === 1 ? gpa >>> 30 : level === 2 ? (gpa >>> 21) & 511 : (gpa >>> 12) & 511;
  return EPT_TABLE_BASE[level] + index * 8;
}

export class Ept implements MemoryVirtualization {
  readonly technique: MemoryTechnique = 'ept';
  readonly translatesWithoutPaging = true;
  readonly faultLayer: Layer = 'hardware';
  /** Guest-physical RAM frames KVM has mapped (filled on their first touch). */
  readonly mapped = new Uint8Array(RAM_FRAMES);

  constructor(private readonly m: Machine, private readonly exits: EptExits) {}

  miss(la: number, _write: boolean, _user: boolean, w: Walk, trace: WalkTrace): void {
    const mmu = this.m.mmu;
    let refs = 0;
    if (mmu.paging) {
      refs += this.translate(w.pdeAddress, ROW_DIRECTORY, trace);
      trace.add(ROW_DIRECTORY, EPT_LEVELS, w.pdeAddress, w.references === 1 && !w.ok ? REF_FAULTED : 0);
      refs++;
      if (w.references === 2) {
        refs += this.translate(w.pteAddress, ROW_TABLE, trace);
        trace.add(ROW_TABLE, EPT_LEVELS, w.pteAddress, w.ok ? 0 : REF_FAULTED);
        refs++;
      }
    }
    if (w.ok) refs += this.translate((w.frame | (la & 0xfff)) >>> 0, ROW_DATA, trace);
    mmu.references(refs, 'hardware', la, mmu.paging ? 'the 2-D walk: every guest table reference and the data page through EPT' : 'EPT translates the guest-physical address',
      mmu.paging ? '二维遍历：每次客户机页表访问及数据页都经过 EPT' : 'EPT 转换客户机物理地址');
  }

  /** The 4 EPT references of one guest-physical address; an EPT violation on a RAM page's first touch. */
  private translate(gpa: number, row: number, trace: WalkTrace): number {
    const f = gpa >>> 12;
    const missing = f < RAM_FRAMES && this.mapped[f] === 0;
    for (let level = 0; level < EPT_LEVELS; level++) {
      trace.add(row, level, eptEntryAddress(gpa, level), missing && level === EPT_LEVELS - 1 ? REF_EPT_VIOLATION : 0);
    }
    if (missing) {
      this.mapped[f] = 1;
      this.exits.eptViolation(gpa);
    }
    return EPT_LEVELS;
  }

  pageTableWritten(): void {}
  cr3Loaded(): void {}
  invlpg(): void {}
  pagingChanged(): void {}
}
