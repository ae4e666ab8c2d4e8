/** Encoding and decoding of the KVM structs the runner passes through ioctls (offsets: ./layout). */
import { CPUID2, CPUID_ENTRY2, DTABLE, MEMORY_REGION, REGS, REGS_ORDER, SEGMENT, SREGS, SREGS_SEGMENTS, type RegName, type SegmentName } from './layout';

/** struct kvm_regs; values as numbers (the guest's 32-bit state fits; the upper halves are zero). */
export type Regs = Record<RegName, number>;

export function decodeRegs(b: Buffer): Regs {
  const out = {} as Regs;
  for (const name of REGS_ORDER) out[name] = Number(b.readBigUInt64LE(REGS[name]));
  return out;
}

export function encodeRegs(regs: Regs): Buffer {
  const b = Buffer.alloc(REGS.size);
  for (const name of REGS_ORDER) b.writeBigUInt64LE(BigInt.asUintN(64, BigInt(Math.trunc(regs[name]))), REGS[name]);
  return b;
}

/** struct kvm_segment */
export interface Segment {
  base: number; limit: number; selector: number; type: number;
  present: number; dpl: number; db: number; s: number; l: number; g: number; avl: number; unusable: number;
}

export interface DescriptorTable { base: number; limit: number }

/** struct kvm_sregs; `raw` keeps the fields the runner does not model (interrupt bitmap) for the round trip. */
export interface Sregs extends Record<SegmentName, Segment> {
  gdt: DescriptorTable; idt: DescriptorTable;
  cr0: number; cr2: number; cr3: number; cr4: number; cr8: number; efer: number; apicBase: number;
  raw: Buffer;
}

function decodeSegment(b: Buffer, at: number): Segment {
  return {
    base: Number(b.readBigUInt64LE(at + SEGMENT.base)), limit: b.readUInt32LE(at + SEGMENT.limit),
    selector: b.readUInt16LE(at + SEGMENT.selector), type: b[at + SEGMENT.type], present: b[at + SEGMENT.present],
    dpl: b[at + SEGMENT.dpl], db: b[at + SEGMENT.db], s: b[at + SEGMENT.s], l: b[at + SEGMENT.l], g: b[at + SEGMENT.g],
    avl: b[at + SEGMENT.avl], unusable: b[at + SEGMENT.unusable],
  };
}

function encodeSegment(b: Buffer, at: number, s: Segment): void {
  b.writeBigUInt64LE(BigInt(s.base), at + SEGMENT.base);
  b.writeUInt32LE(s.limit >>> 0, at + SEGMENT.limit);
  b.writeUInt16LE(s.selector & 0xffff, at + SEGMENT.selector);
  b[at + SEGMENT.type] = s.type;
  b[at + SEGMENT.present] = s.present;
  b[at + SEGMENT.dpl] = s.dpl;
  b[at + SEGMENT.db] = s.db;
  b[at + SEGMENT.s] = s.s;
  b[at + SEGMENT.l] = s.l;
  b[at + SEGMENT.g] = s.g;
  b[at + SEGMENT.avl] = s.avl;
  b[at + SEGMENT.unusable] = s.unusable;
}

const u64 = (b: Buffer, at: number): number => Number(b.readBigUInt64LE(at));

export function decodeSregs(b: Buffer): Sregs {
  const segments = Object.fromEntries(SREGS_SEGMENTS.map((name) => [name, decodeSegment(b, SREGS[name])])) as Record<SegmentName, Segment>;
  const table = (at: number): DescriptorTable => ({ base: u64(b, at + DTABLE.base), limit: b.readUInt16LE(at + DTABLE.limit) });
  return {
    ...segments, gdt: table(SREGS.gdt), idt: table(SREGS.idt),
    cr0: u64(b, SREGS.cr0), cr2: u64(b, SREGS.cr2), cr3: u64(b, SREGS.cr3), cr4: u64(b, SREGS.cr4), cr8: u64(b, SREGS.cr8),
    efer: u64(b, SREGS.efer), apicBase: u64(b, SREGS.apic_base), raw: Buffer.from(b),
  };
}

export function encodeSregs(s: Sregs): Buffer {
  const b = Buffer.from(s.raw);
  for (const name of SREGS_SEGMENTS) encodeSegment(b, SREGS[name], s[name]);
  for (const [at, t] of [[SREGS.gdt, s.gdt], [SREGS.idt, s.idt]] as const) {
    b.writeBigUInt64LE(BigInt(t.base), at + DTABLE.base);
    b.writeUInt16LE(t.limit & 0xffff, at + DTABLE.limit);
  }
  const put = (at: number, v: number) => b.writeBigUInt64LE(BigInt.asUintN(64, BigInt(v)), at);
  put(SREGS.cr0, s.cr0); put(SREGS.cr2, s.cr2); put(SREGS.cr3, s.cr3); put(SREGS.cr4, s.cr4); put(SREGS.cr8, s.cr8);
  put(SREGS.efer, s.efer); put(SREGS.apic_base, s.apicBase);
  return b;
}

export function encodeMemoryRegion(slot: number, guestPhysicalAddress: number, size: number, userspaceAddress: bigint): Buffer {
  const b = Buffer.alloc(MEMORY_REGION.size);
  b.writeUInt32LE(slot, MEMORY_REGION.slot);
  b.writeUInt32LE(0, MEMORY_REGION.flags);
  b.writeBigUInt64LE(BigInt(guestPhysicalAddress), MEMORY_REGION.guest_phys_addr);
  b.writeBigUInt64LE(BigInt(size), MEMORY_REGION.memory_size);
  b.writeBigUInt64LE(userspaceAddress, MEMORY_REGION.userspace_addr);
  return b;
}

/** struct kvm_cpuid_entry2 */
export interface CpuidEntry { function: number; index: number; flags: number; eax: number; ebx: number; ecx: number; edx: number }

export function cpuidBuffer(capacity: number): Buffer {
  const b = Buffer.alloc(CPUID2.size + capacity * CPUID_ENTRY2.size);
  b.writeUInt32LE(capacity, CPUID2.nent);
  return b;
}

export function decodeCpuid(b: Buffer): CpuidEntry[] {
  const n = b.readUInt32LE(CPUID2.nent);
  const out: CpuidEntry[] = [];
  for (let i = 0; i < n; i++) {
    const at = CPUID2.entries + i * CPUID_ENTRY2.size;
    const r = (field: keyof CpuidEntry) => b.readUInt32LE(at + CPUID_ENTRY2[field]);
    out.push({ function: r('function'), index: r('index'), flags: r('flags'), eax: r('eax'), ebx: r('ebx'), ecx: r('ecx'), edx: r('edx') });
  }
  return out;
}

export function encodeCpuid(entries: readonly CpuidEntry[]): Buffer {
  const b = cpuidBuffer(entries.length);
  entries.forEach((e, i) => {
    const at = CPUID2.entries + i * CPUID_ENTRY2.size;
    for (const field of ['function', 'index', 'flags', 'eax', 'ebx', 'ecx', 'edx'] as const) b.writeUInt32LE(e[field] >>> 0, at + CPUID_ENTRY2[field]);
  });
  return b;
}
