/**
 * The one memory path: every guest data access (the slow path's loads and stores, the stack,
 * interrupt delivery and IRET, the IDT read, descriptor operands, hypercall buffers, and the fast
 * path's and JIT's TLB hits) goes through this object. It holds the TLB, runs the guest's page walk
 * on a miss and asks the mode's `MemoryVirtualization` what that miss costs and what the VMM or the
 * hardware must do (shadow entries, EPT violations, traps). Instruction fetch is not translated
 * (code lives at its own addresses, spec v1).
 */
import type { CostModel, Layer, MemoryStats, SimEvent, SimEventKind } from '../api';
import { MEMORY_SIZE } from '../program';
import { Tlb, OK_READ_K, OK_READ_U, OK_WRITE_K, OK_WRITE_U } from './tlb';
import { WalkTrace } from './trace';
import { allowed, FRAME_MASK, PTE_D, PTE_RW, PTE_US, Walk, walkTables } from './walk';

/** A module-local copy: imported bindings are getters once bundled as CommonJS. */
const RAM_SIZE = MEMORY_SIZE;
/** Highest address at which a 32-bit access stays inside RAM. */
export const LAST_WORD = RAM_SIZE - 4;
export const RAM_FRAMES = RAM_SIZE >>> 12;
/** MMIO console (our virtio-like doorbell), just above RAM; see `devices.ts`. */
export const MMIO_BASE = 0x10000;

export const CR0_PE = 1;
export const CR0_WP = 1 << 16;
export const CR0_PG = 0x80000000 | 0;

/** Memory-virtualization techniques, one per mode and era (spec v2 table). */
export type MemoryTechnique = 'none' | 'softmmu' | 'shadow' | 'pv-mmu' | 'ept';

/** What a mode does about the guest's memory (see shadow.ts, ept.ts, pvmmu.ts, native.ts). */
export interface MemoryVirtualization {
  readonly technique: MemoryTechnique;
  /** The TLB translates even with guest paging off (EPT maps guest-physical to host-physical). */
  readonly translatesWithoutPaging: boolean;
  /** Layer where a guest page fault is first seen. */
  readonly faultLayer: Layer;
  /** Books a TLB miss whose guest walk (identity with paging off) is `w`; records the walk in `trace`. */
  miss(la: number, write: boolean, user: boolean, w: Walk, trace: WalkTrace): void;
  /** A store landed on a write-protected page-table page: by the guest (`trapped`) or by a hypercall. */
  pageTableWritten(pa: number, trapped: boolean): void;
  cr3Loaded(): void;
  invlpg(la: number): void;
  pagingChanged(on: boolean): void;
}

/** What the MMU uses of the machine (`Machine` has it; structural, so that no import circle forms). */
export interface MmuHost {
  readonly ram: Uint8Array;
  readonly view: DataView;
  readonly stats: { memory: MemoryStats; cycles: number };
  readonly costs: CostModel;
  readonly mmu: Mmu;
  cr0: number;
  cr3: number;
  readonly cpl: number;
  busAccess: number;
  busWrite: boolean;
  busValue: number;
  busReadBeforeWrite: number;
  readonly recording: boolean;
  ev(kind: SimEventKind, layer: Layer, cycles: number, en: string, zh: string, extra?: Partial<SimEvent>): void;
  mmioWrite(offset: number, value: number): void;
}

/** Thrown by a translation that faults; caught where the instruction or delivery is handled. */
export class PageFault {
  linear = 0;
  errorCode = 0;
}
export const PAGE_FAULT = new PageFault();

export function emptyMemoryStats(): MemoryStats {
  return { tlbHits: 0, tlbMisses: 0, pageWalkReferences: 0, guestPageFaults: 0, hiddenPageFaults: 0, shadowUpdates: 0, eptViolations: 0 };
}

/** Bare metal: the processor walks the guest's own tables; nothing else happens. */
export class NativePaging implements MemoryVirtualization {
  readonly technique: MemoryTechnique = 'none';
  readonly translatesWithoutPaging = false;
  readonly faultLayer: Layer = 'hardware';
  constructor(protected readonly m: MmuHost) {}

  miss(la: number, _write: boolean, _user: boolean, w: Walk, trace: WalkTrace): void {
    recordGuestWalk(trace, w, 0);
    this.m.mmu.references(w.references, 'hardware', la, 'the MMU walks the guest page tables', 'MMU 遍历客户机页表');
  }
  pageTableWritten(): void {}
  cr3Loaded(): void {}
  invlpg(): void {}
  pagingChanged(): void {}
}

/** Adds a one-dimensional guest walk (directory entry, table entry) to the trace. */
export function recordGuestWalk(trace: WalkTrace, w: Walk, col: number): void {
  trace.add(0, col, w.pdeAddress);
  if (w.references === 2) trace.add(1, col, w.pteAddress);
  if (!w.ok) trace.markLast(1);
}

export class Mmu {
  readonly tlb = new Tlb();
  /** Guest paging on (CR0.PG). */
  paging = false;
  /** The TLB is in the path of every access: paging on, or a mode that translates anyway (EPT). */
  translating = false;
  wp = false;
  virt: MemoryVirtualization;
  readonly stats: MemoryStats;
  /** Guest-physical RAM frames the VMM write-protects because they hold page tables. */
  readonly protectedFrames = new Uint8Array(RAM_FRAMES);
  /** The references of the last TLB miss (see trace.ts). */
  readonly trace = new WalkTrace();
  /** Set while the VMM itself reads guest memory for a hypercall (its walks trap nothing). */
  vmmAccess = false;
  /** Set during exception delivery: implicit supervisor accesses, whatever the CPL. */
  supervisorAccess = false;
  private readonly walk = new Walk();
  private readonly ram: Uint8Array;
  private readonly view: DataView;

  constructor(private readonly m: MmuHost) {
    this.ram = m.ram;
    this.view = m.view;
    this.stats = m.stats.memory;
    this.virt = new NativePaging(m);
  }

  /** Installs the mode's memory virtualization (before the first instruction). */
  use(virt: MemoryVirtualization): void {
    this.virt = virt;
    this.translating = this.paging || virt.translatesWithoutPaging;
  }

  /** Books `n` page-walk references (counted, costed, and an event while recording). */
  references(n: number, layer: Layer, la: number, en: string, zh: string, costEach = this.m.costs.pageWalkReference): void {
    const m = this.m;
    this.stats.pageWalkReferences += n;
    if (!m.recording) {
      m.stats.cycles += n * costEach;
      return;
    }
    m.ev('page-walk', layer, n * costEach, `TLB miss at 0x${(la >>> 0).toString(16)}: ${en} (${n} memory reference${n === 1 ? '' : 's'})`,
      `0x${(la >>> 0).toString(16)} 处 TLB 未命中：${zh}（${n} 次内存访问）`, { term: 'Translation lookaside buffer (TLB)', page: { linear: la >>> 0, references: n } });
  }

  // --- control registers

  loadCr0(value: number): void {
    const m = this.m;
    const old = m.cr0;
    m.cr0 = value | 0;
    this.wp = (value & CR0_WP) !== 0;
    // SDM 4.10.4.1: changing PG (or WP, which our fast-path rights depend on) invalidates the TLB.
    if (((old ^ value) & (CR0_PG | CR0_WP)) !== 0) this.flush('CR0.PG/WP changed', 'CR0.PG/WP 改变');
    const paging = (value & CR0_PG) !== 0;
    if (paging !== this.paging) {
      this.paging = paging;
      this.translating = paging || this.virt.translatesWithoutPaging;
      this.virt.pagingChanged(paging);
    }
  }

  loadCr3(value: number): void {
    this.m.cr3 = value | 0;
    this.flush('MOV to CR3', '写 CR3');
    this.virt.cr3Loaded();
  }

  invlpg(la: number): void {
    this.tlb.drop(la >>> 12);
    this.virt.invlpg(la);
  }

  /** Empties the TLB; costs a flush when it held translations that matter. */
  flush(en: string, zh: string, term = 'Translation lookaside buffer (TLB)'): void {
    this.tlb.flush();
    if (!this.translating && !this.paging) return;
    this.m.ev('tlb-flush', 'hardware', this.m.costs.tlbFlush, `TLB flushed (${en})`, `TLB 被清空（${zh}）`, { term });
  }

  // The fast path and the JIT look TLB hits up inline (fastpath.ts, jit.ts): an entry whose
  // `ok` bits allow the access (see fastRights) gives the physical RAM address directly.

  // --- translation (slow path)

  /** Guest-physical address of linear `la` for this access; throws PAGE_FAULT. */
  translate(la: number, write: boolean): number {
    if (!this.translating) return la >>> 0;
    const vpn = la >>> 12;
    const tlb = this.tlb;
    const user = this.m.cpl === 3 && !this.supervisorAccess;
    const e = tlb.lookup(vpn);
    if (e >= 0) {
      const bits = tlb.bits[e];
      // A write through an entry whose D is clear walks again to set D, as the processor does.
      if (allowed(bits, write, user, this.wp) && (!write || (bits & PTE_D) !== 0)) {
        tlb.touch(e);
        this.stats.tlbHits++;
        return (tlb.frame[e] | (la & 0xfff)) >>> 0;
      }
      tlb.tag[e] = -1;
      tlb.ok[e] = 0;
    }
    return this.miss(la, write, user);
  }

  private miss(la: number, write: boolean, user: boolean): number {
    this.stats.tlbMisses++;
    const w = this.walk;
    this.trace.begin(la, write, user, this.paging, this.virt.technique === 'ept' ? 4 : 0);
    if (this.paging) walkTables(this.view, this.m.cr3, la, write, user, this.wp, w, true);
    else {
      w.ok = true;
      w.frame = la & FRAME_MASK;
      w.bits = PTE_RW | PTE_US | PTE_D;
      w.references = 0;
    }
    this.virt.miss(la, write, user, w, this.trace);
    if (!w.ok) {
      PAGE_FAULT.linear = la >>> 0;
      PAGE_FAULT.errorCode = w.errorCode;
      const m = this.m;
      if (m.recording) {
        m.ev('page-fault', this.virt.faultLayer, 0, `page fault at 0x${(la >>> 0).toString(16)} (error code ${w.errorCode}: ${errorText(w.errorCode).en})`,
          `0x${(la >>> 0).toString(16)} 处缺页（错误码 ${w.errorCode}：${errorText(w.errorCode)['zh-cn']}）`, { term: 'Page fault', vector: 14, page: { linear: la >>> 0, errorCode: w.errorCode } });
      }
      throw PAGE_FAULT;
    }
    const frame = w.frame;
    this.tlb.insert(la >>> 12, frame, w.bits, this.fastRights(frame, w.bits));
    return ((frame | (la & 0xfff)) >>> 0);
  }

  /** What the fast path may do with a translation: RAM only; writes once D is set and the frame is not write-protected. */
  private fastRights(frame: number, bits: number): number {
    const f = frame >>> 12;
    if (frame < 0 || f >= RAM_FRAMES) return 0;
    let ok = OK_READ_K | (bits & PTE_US ? OK_READ_U : 0);
    if ((bits & PTE_D) !== 0 && this.protectedFrames[f] === 0) {
      if ((bits & PTE_RW) !== 0 || !this.wp) ok |= OK_WRITE_K;
      if ((bits & PTE_RW) !== 0 && (bits & PTE_US) !== 0) ok |= OK_WRITE_U;
    }
    return ok;
  }

  /** Write-protects a page-table frame (shadow paging, PV MMU): stores to it take the slow path. */
  protectFrame(pa: number): void {
    const f = pa >>> 12;
    if (f >= RAM_FRAMES || this.protectedFrames[f]) return;
    this.protectedFrames[f] = 1;
    this.tlb.protectFrame(f << 12);
  }

  unprotectAll(): void {
    this.protectedFrames.fill(0);
  }

  // --- linear (translated) accesses

  read32(la: number): number {
    const a = la >>> 0;
    if (!this.translating) return this.physRead32(a);
    if ((a & 0xfff) <= 0xffc) return this.physRead32(this.translate(a, false));
    // Crossing a page: both pages translated before any byte is read.
    const p0 = this.translate(a, false);
    const p1 = this.translate((a + 3) >>> 0, false);
    let v = 0;
    for (let i = 3; i >= 0; i--) {
      const pa = (a & 0xfff) + i < 0x1000 ? p0 + i : p1 - ((a + 3) & 0xfff) + ((a + i) & 0xfff);
      v = (v << 8) | this.physRead8(pa >>> 0);
    }
    return v | 0;
  }

  write32(la: number, value: number): void {
    const a = la >>> 0;
    if (!this.translating) return this.physWrite32(a, value);
    if ((a & 0xfff) <= 0xffc) return this.physWrite32(this.translate(a, true), value);
    const p0 = this.translate(a, true);
    const p1 = this.translate((a + 3) >>> 0, true);
    for (let i = 0; i < 4; i++) {
      const pa = (a & 0xfff) + i < 0x1000 ? p0 + i : p1 - ((a + 3) & 0xfff) + ((a + i) & 0xfff);
      this.physWrite8(pa >>> 0, value >>> (8 * i));
    }
  }

  read8(la: number): number {
    return this.physRead8(this.translate(la >>> 0, false));
  }

  write8(la: number, value: number): void {
    this.physWrite8(this.translate(la >>> 0, true), value);
  }

  // --- the physical bus: RAM, then the MMIO console page, then open bus (reads all ones, writes lost)

  physRead32(pa: number): number {
    const a = pa >>> 0;
    if (a <= LAST_WORD) return this.view.getInt32(a, true);
    const m = this.m;
    m.busAccess = a;
    m.busWrite = false;
    let v = 0;
    for (let i = 3; i >= 0; i--) {
      const b = (a + i) >>> 0;
      v = (v << 8) | (b < RAM_SIZE ? this.ram[b] : 0xff);
    }
    m.busValue = v >>> 0;
    return v | 0;
  }

  physWrite32(pa: number, value: number): void {
    const a = pa >>> 0;
    if (a <= LAST_WORD) {
      this.view.setInt32(a, value, true);
      if (this.protectedFrames[a >>> 12]) this.pageTableStore(a, 4);
      return;
    }
    const m = this.m;
    // A read outside RAM before this write in the same instruction: both exit (read-modify-write).
    if (m.busAccess >= 0 && !m.busWrite) m.busReadBeforeWrite = m.busAccess;
    m.busAccess = a;
    m.busWrite = true;
    m.busValue = value >>> 0;
    if (a >= MMIO_BASE && a < MMIO_BASE + 0x1000) {
      m.mmioWrite(a - MMIO_BASE, value);
      return;
    }
    for (let i = 0; i < 4; i++) {
      const b = (a + i) >>> 0;
      if (b < RAM_SIZE) this.ram[b] = (value >>> (8 * i)) & 0xff;
    }
  }

  physRead8(pa: number): number {
    const a = pa >>> 0;
    return a < RAM_SIZE ? this.ram[a] : 0xff;
  }

  physWrite8(pa: number, value: number): void {
    const a = pa >>> 0;
    if (a >= RAM_SIZE) return;
    this.ram[a] = value & 0xff;
    if (this.protectedFrames[a >>> 12]) this.pageTableStore(a, 1);
  }

  /** A guest store hit a write-protected page table: the VMM's trap, emulation and shadow update. */
  private pageTableStore(pa: number, size: number): void {
    this.virt.pageTableWritten(pa & ~3, !this.vmmAccess);
    if (size === 4 && (pa & 3) !== 0) this.virt.pageTableWritten((pa + 3) & ~3, !this.vmmAccess);
  }

  /** A page-table entry written by the VMM on the guest's request (PV MMU `mmu_update`). */
  writeEntry(pa: number, value: number): void {
    this.view.setInt32(pa, value, true);
    if (this.protectedFrames[pa >>> 12]) this.virt.pageTableWritten(pa, false);
  }

  /** Copies guest-physical memory (a memory view); bytes outside RAM read as 0. */
  readPhysical(address: number, length: number): Uint8Array {
    const n = Math.max(0, Math.min(Math.floor(Number(length)) || 0, RAM_SIZE));
    const out = new Uint8Array(n);
    const start = Math.floor(Number(address)) || 0;
    const from = Math.max(0, start);
    const to = Math.min(RAM_SIZE, start + n);
    if (to > from) out.set(this.ram.subarray(from, to), from - start);
    return out;
  }

  /** The translation of `la` by the guest's tables now, without a TLB, A/D bits or costs (for views). */
  probe(la: number, out: Walk = new Walk()): Walk {
    if (!this.paging) {
      out.ok = true;
      out.frame = la & FRAME_MASK;
      out.bits = PTE_RW | PTE_US | PTE_D;
      out.references = 0;
      return out;
    }
    return walkTables(this.view, this.m.cr3, la >>> 0, false, false, false, out, false);
  }
}

/** The meaning of a #PF error code, for event texts. */
export function errorText(code: number): { en: string; 'zh-cn': string } {
  const p = code & 1 ? 'protection violation' : 'page not present';
  const pz = code & 1 ? '保护违例' : '页不存在';
  return {
    en: `${p}, ${code & 2 ? 'write' : 'read'}, ${code & 4 ? 'user mode' : 'kernel mode'}`,
    'zh-cn': `${pz}，${code & 2 ? '写' : '读'}，${code & 4 ? '用户态' : '内核态'}`,
  };
}
