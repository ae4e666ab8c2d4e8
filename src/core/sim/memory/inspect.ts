/**
 * Snapshots of the memory machinery for a Memory view (the panel's, a debugger's): the guest's
 * page directory and tables with their bits, the mode's own structure (shadow tables or EPT),
 * the last TLB miss as the 2-D grid, the TLB's entries, and guest memory read through the guest's
 * paging or physically. Plain data, copied: holding a snapshot never changes the run, and taking
 * one costs no cycle and sets no A/D bit.
 */
import type { MemoryStats } from '../api';
import type { Machine } from '../machine';
import { Ept, HOST_RAM_BASE } from './ept';
import { RAM_FRAMES, type MemoryTechnique } from './mmu';
import { ShadowPaging } from './shadow';
import { TLB_ENTRIES } from './tlb';
import { REF_EPT_VIOLATION, REF_FAULTED } from './trace';
import { FRAME_MASK, PTE_A, PTE_D, PTE_P, PTE_RW, PTE_US, Walk } from './walk';

/** One page-directory or page-table entry and its x86 bits. */
export interface PageEntryView {
  /** Index in its table (0-1023). */
  index: number;
  /** Guest-physical address of the entry. */
  address: number;
  value: number;
  /** Physical address of the frame (a page table's, for a directory entry). */
  frame: number;
  present: boolean;
  writable: boolean;
  user: boolean;
  accessed: boolean;
  /** Table entries only (a directory entry's D bit is ignored by x86). */
  dirty: boolean;
  /** First linear address it maps. */
  linear: number;
}

export interface PageDirectoryView extends PageEntryView {
  /** The entries of the table it points to, non-zero ones only (present directory entries in RAM). */
  table: PageEntryView[];
}

export interface ShadowEntryView {
  linear: number;
  /** Guest-physical frame the VMM copied from the guest's table entry. */
  frame: number;
  writable: boolean;
  user: boolean;
  /** Where the VMM found it in the guest's tables. */
  guestEntryAddress: number;
}

export interface ShadowTableView {
  /** Guest page directory (cr3) this shadow table belongs to. */
  directory: number;
  /** The shadow table the real MMU walks now. */
  current: boolean;
  entries: ShadowEntryView[];
}

export interface EptEntryView {
  guestPhysical: number;
  hostPhysical: number;
  /** KVM maps RAM read, write and execute. */
  read: boolean;
  write: boolean;
  execute: boolean;
}

/** One memory reference of a walk, numbered in the order the hardware (or VMM) made it. */
export interface WalkReference {
  /** 1-based order. */
  n: number;
  /** 0: directory entry, 1: table entry, 2: the data page (only EPT references). */
  row: number;
  /** 0..eptLevels-1: EPT levels (PML4, PDPT, PD, PT); eptLevels: the guest's own reference. */
  col: number;
  /** Guest-physical address of a guest entry, host-physical of an EPT entry. */
  address: number;
  /** The reference that found the guest entry not present or forbidding the access. */
  faulted: boolean;
  /** The EPT entry was missing: KVM filled it (an EPT violation). */
  eptViolation: boolean;
}

export interface WalkGridView {
  linear: number;
  write: boolean;
  user: boolean;
  paging: boolean;
  /** Columns of EPT per row (0 without EPT, 4 with it). */
  eptLevels: number;
  /** Row names for the grid, by `row`. */
  rows: readonly string[];
  references: WalkReference[];
}

export interface TlbEntryView {
  slot: number;
  linear: number;
  frame: number;
  writable: boolean;
  user: boolean;
  dirty: boolean;
  /** Higher is more recent (the least recent is evicted next). */
  lastUse: number;
}

export interface MemorySnapshot {
  technique: MemoryTechnique;
  paging: boolean;
  writeProtect: boolean;
  cr0: number;
  cr2: number;
  cr3: number;
  /** Present (or non-zero) directory entries with their tables; empty with paging off. */
  directory: PageDirectoryView[];
  /** Shadow paging: the VMM's shadow tables. */
  shadow?: ShadowTableView[];
  /** EPT: the guest-physical pages KVM has mapped. */
  ept?: EptEntryView[];
  /** Guest-physical frames the VMM write-protects as page tables (shadow paging, PV MMU). */
  writeProtectedFrames: number[];
  lastWalk?: WalkGridView;
  /** Valid entries, most recently used first. */
  tlb: TlbEntryView[];
  /** The run's memory counters so far (`stats.memory`). */
  counters: MemoryStats;
}

function entryView(index: number, address: number, value: number, linear: number): PageEntryView {
  return {
    index, address, value: value >>> 0, frame: (value & FRAME_MASK) >>> 0, present: (value & PTE_P) !== 0, writable: (value & PTE_RW) !== 0,
    user: (value & PTE_US) !== 0, accessed: (value & PTE_A) !== 0, dirty: (value & PTE_D) !== 0, linear: linear >>> 0,
  };
}

const word = (m: Machine, pa: number) => (pa >= 0 && pa <= m.view.byteLength - 4 ? m.view.getInt32(pa, true) : 0);

/** The guest's tables as the walker sees them now (cr3's directory, non-zero entries). */
export function directoryView(m: Machine): PageDirectoryView[] {
  if (!m.mmu.paging) return [];
  const base = (m.cr3 & FRAME_MASK) >>> 0;
  const out: PageDirectoryView[] = [];
  for (let i = 0; i < 1024; i++) {
    const pde = word(m, base + 4 * i);
    if (pde === 0) continue;
    const d = entryView(i, base + 4 * i, pde, i << 22);
    const table: PageEntryView[] = [];
    if (d.present) {
      for (let j = 0; j < 1024; j++) {
        const address = d.frame + 4 * j;
        const pte = word(m, address);
        if (pte !== 0) table.push(entryView(j, address, pte, (i << 22) | (j << 12)));
      }
    }
    out.push({ ...d, dirty: false, table });
  }
  return out;
}

const ROWS = ['page-directory entry', 'page-table entry', 'data page'] as const;

export function lastWalk(m: Machine): WalkGridView | undefined {
  const t = m.mmu.trace;
  if (!t.valid) return undefined;
  const references: WalkReference[] = [];
  for (let i = 0; i < t.count; i++) {
    references.push({ n: i + 1, row: t.row[i], col: t.col[i], address: t.address[i], faulted: (t.flags[i] & REF_FAULTED) !== 0, eptViolation: (t.flags[i] & REF_EPT_VIOLATION) !== 0 });
  }
  return { linear: t.linear, write: t.write, user: t.user, paging: t.paging, eptLevels: t.eptLevels, rows: ROWS, references };
}

export function tlbView(m: Machine): TlbEntryView[] {
  const tlb = m.mmu.tlb;
  const out: TlbEntryView[] = [];
  for (let e = 0; e < TLB_ENTRIES; e++) {
    if (tlb.tag[e] === -1) continue;
    const bits = tlb.bits[e];
    out.push({ slot: e, linear: (tlb.tag[e] << 12) >>> 0, frame: tlb.frame[e] >>> 0, writable: (bits & PTE_RW) !== 0, user: (bits & PTE_US) !== 0, dirty: (bits & PTE_D) !== 0, lastUse: tlb.stamp[e] });
  }
  return out.sort((a, b) => b.lastUse - a.lastUse);
}

export function memorySnapshot(m: Machine): MemorySnapshot {
  const mmu = m.mmu;
  const virt = mmu.virt;
  const snapshot: MemorySnapshot = {
    technique: virt.technique, paging: mmu.paging, writeProtect: mmu.wp, cr0: m.cr0 >>> 0, cr2: m.cr2 >>> 0, cr3: m.cr3 >>> 0,
    directory: directoryView(m), writeProtectedFrames: [], tlb: tlbView(m), counters: { ...m.stats.memory },
  };
  for (let f = 0; f < RAM_FRAMES; f++) if (mmu.protectedFrames[f]) snapshot.writeProtectedFrames.push(f << 12);
  if (virt instanceof ShadowPaging) {
    snapshot.shadow = [...virt.roots].map(([directory, table]) => ({
      directory, current: table === virt.current,
      entries: [...table].sort((a, b) => a[0] - b[0]).map(([vpn, e]) => ({
        linear: (vpn << 12) >>> 0, frame: e.frame >>> 0, writable: (e.bits & PTE_D) !== 0 && (e.bits & PTE_RW) !== 0, user: (e.bits & PTE_US) !== 0, guestEntryAddress: e.pteAddress,
      })),
    }));
  }
  if (virt instanceof Ept) {
    snapshot.ept = [];
    for (let f = 0; f < RAM_FRAMES; f++) {
      if (virt.mapped[f]) snapshot.ept.push({ guestPhysical: f << 12, hostPhysical: HOST_RAM_BASE + (f << 12), read: true, write: true, execute: true });
    }
  }
  const walk = lastWalk(m);
  if (walk) snapshot.lastWalk = walk;
  return snapshot;
}

/** Bytes of guest memory and, for each, whether it is mapped (linear reads through the guest's paging). */
export interface GuestMemoryRead {
  bytes: Uint8Array;
  mapped: boolean[];
}

/**
 * Reads `length` bytes (at most 64 KiB) at `address`: `linear` through the guest's current
 * tables (unmapped bytes read 0 and are marked), `physical` from guest-physical RAM. No TLB use,
 * no A/D bits, no cost.
 */
export function readGuestMemory(m: Machine, address: number, length: number, space: 'linear' | 'physical'): GuestMemoryRead {
  const n = Math.max(0, Math.min(Math.floor(Number(length)) || 0, 0x10000));
  const start = (Math.floor(Number(address)) || 0) >>> 0;
  const bytes = new Uint8Array(n);
  const mapped = new Array<boolean>(n).fill(false);
  const w = new Walk();
  let page = -1;
  let frame = -1;
  for (let i = 0; i < n; i++) {
    const la = (start + i) >>> 0;
    let pa = la;
    if (space === 'linear') {
      if (la >>> 12 !== page) {
        page = la >>> 12;
        const r = m.mmu.probe(la, w);
        frame = r.ok ? r.frame >>> 0 : -1;
      }
      if (frame < 0) continue;
      pa = frame + (la & 0xfff);
    }
    if (pa < m.ram.length) {
      bytes[i] = m.ram[pa];
      mapped[i] = true;
    }
  }
  return { bytes, mapped };
}

