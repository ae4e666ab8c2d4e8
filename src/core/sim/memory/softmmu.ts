/**
 * QEMU's softmmu (`emulate`): the same two-level walk done by the emulator in software
 * (`x86_cpu_tlb_fill` → `get_physical_address`), filling its own 64-entry TLB
 * (`accel/tcg/cputlb.c`). Each reference is an emulated memory access; nothing leaves the emulator.
 */
import type { Layer } from '../api';
import type { Machine } from '../machine';
import { recordGuestWalk, type MemoryTechnique, type MemoryVirtualization } from './mmu';
import type { WalkTrace } from './trace';
import type { Walk } from './walk';

export class SoftMmu implements MemoryVirtualization {
  readonly technique: MemoryTechnique = 'softmmu';
  readonly translatesWithoutPaging = false;
  readonly faultLayer: Layer = 'qemu';
  constructor(private readonly m: Machine) {}

  miss(la: number, _write: boolean, _user: boolean, w: Walk, trace: WalkTrace): void {
    recordGuestWalk(trace, w, 0);
    const c = this.m.costs;
    this.m.mmu.references(w.references, 'qemu', la, 'QEMU\'s softmmu walks the guest page tables in software and fills its TLB',
      'QEMU 的 softmmu 用软件遍历客户机页表并填充其 TLB', c.pageWalkReference + c.emulatedInstruction);
  }
  pageTableWritten(): void {}
  cr3Loaded(): void {}
  invlpg(): void {}
  pagingChanged(): void {}
}
