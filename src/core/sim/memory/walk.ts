/**
 * The x86 32-bit two-level page walk (SDM vol. 3A, 4.3), on guest-physical memory: directory
 * entry, then table entry, with P, R/W, U/S, A and D as on x86. Every mode's MMU uses it for the
 * guest's own tables (natively, in QEMU's softmmu, in the VMM that fills shadow entries, in the
 * hardware's 2-D walk under EPT); what differs between modes is what a walk costs, not its result.
 */

export const PTE_P = 1;
export const PTE_RW = 2;
export const PTE_US = 4;
export const PTE_A = 0x20;
export const PTE_D = 0x40;
export const FRAME_MASK = 0xfffff000 | 0;

/** Page-fault error code bits (SDM vol. 3A, 4.7). */
export const PF_PRESENT = 1;
export const PF_WRITE = 2;
export const PF_USER = 4;

/** The result of one walk; reused (walks allocate nothing). */
export class Walk {
  ok = false;
  /** Physical address of the page frame (when ok). */
  frame = 0;
  /** R/W and U/S of both levels combined, and D of the table entry (PTE bit positions). */
  bits = 0;
  /** Error code of the #PF (when not ok). */
  errorCode = 0;
  /** Memory references made: 1 (directory entry not present) or 2. */
  references = 0;
  pdeAddress = 0;
  pteAddress = 0;
  pde = 0;
  pte = 0;
}

/** Whether a cached or walked translation with `bits` allows the access (x86's rules, CR0.WP). */
export function allowed(bits: number, write: boolean, user: boolean, wp: boolean): boolean {
  if (user && (bits & PTE_US) === 0) return false;
  if (write && (bits & PTE_RW) === 0 && (user || wp)) return false;
  return true;
}

/** A table word of guest-physical RAM; tables outside RAM read as 0 (not present). */
function entryAt(ram: DataView, address: number): number {
  return address >= 0 && address <= ram.byteLength - 4 ? ram.getInt32(address, true) : 0;
}

/**
 * Walks the tables at `cr3` for linear address `la`. With `update`, sets A in each entry used and
 * D in the table entry on a write, as the processor does on a successful translation.
 */
export function walkTables(ram: DataView, cr3: number, la: number, write: boolean, user: boolean, wp: boolean, w: Walk, update: boolean): Walk {
  const code = (write ? PF_WRITE : 0) | (user ? PF_USER : 0);
  w.ok = false;
  w.pdeAddress = ((cr3 & FRAME_MASK) >>> 0) + ((la >>> 22) << 2);
  w.pde = entryAt(ram, w.pdeAddress);
  w.references = 1;
  w.pteAddress = 0;
  w.pte = 0;
  if ((w.pde & PTE_P) === 0) {
    w.errorCode = code;
    return w;
  }
  w.pteAddress = ((w.pde & FRAME_MASK) >>> 0) + (((la >>> 12) & 0x3ff) << 2);
  w.pte = entryAt(ram, w.pteAddress);
  w.references = 2;
  if ((w.pte & PTE_P) === 0) {
    w.errorCode = code;
    return w;
  }
  const bits = (w.pde & w.pte & (PTE_RW | PTE_US)) | (w.pte & PTE_D);
  if (!allowed(bits, write, user, wp)) {
    w.errorCode = code | PF_PRESENT;
    return w;
  }
  w.ok = true;
  w.frame = w.pte & FRAME_MASK;
  w.bits = bits;
  if (update) {
    if ((w.pde & PTE_A) === 0) {
      w.pde |= PTE_A;
      ram.setInt32(w.pdeAddress, w.pde, true);
    }
    const pte = w.pte | PTE_A | (write ? PTE_D : 0);
    if (pte !== w.pte) {
      w.pte = pte;
      ram.setInt32(w.pteAddress, pte, true);
    }
    if (write) w.bits |= PTE_D;
  }
  return w;
}
