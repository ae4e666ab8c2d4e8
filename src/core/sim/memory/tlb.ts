/**
 * The translation lookaside buffer: 64 entries, fully associative, least recently used evicted
 * (the spec's TLB; QEMU's softmmu keeps its own of the same shape). Typed arrays and a small hint
 * table keep a hit to a few loads, so the fast path and the JIT can look it up inline.
 */

export const TLB_ENTRIES = 64;
/** Hint table: the entry that last held a page number with these low bits (verified by `tag`). */
const HINT_SIZE = 1024;
export const HINT_MASK = HINT_SIZE - 1;

/**
 * Fast-path permissions of an entry: read/write at CPL 0 (kernel) and CPL 3 (user). fastpath.ts
 * (which imports nothing) uses these values and the hint mask as literals; a test checks them.
 */
export const OK_READ_K = 1;
export const OK_WRITE_K = 2;
export const OK_READ_U = 4;
export const OK_WRITE_U = 8;

export class Tlb {
  /** Linear page number of each entry, -1 when empty. */
  readonly tag = new Int32Array(TLB_ENTRIES).fill(-1);
  /** Physical (guest-physical) address of the page frame. */
  readonly frame = new Int32Array(TLB_ENTRIES);
  /** Architectural bits of the translation: R/W, U/S (both levels combined) and D, as in a PTE. */
  readonly bits = new Uint8Array(TLB_ENTRIES);
  /** What the fast path may do without the slow path (OK_*): RAM only, D already set, not write-protected. */
  readonly ok = new Uint8Array(TLB_ENTRIES);
  /** Time of last use (LRU). */
  readonly stamp = new Float64Array(TLB_ENTRIES);
  readonly hint = new Uint8Array(HINT_SIZE);
  clock = 0;

  /** The entry of linear page `vpn`, or -1 (does not count as a use). */
  lookup(vpn: number): number {
    const h = this.hint[vpn & HINT_MASK];
    if (this.tag[h] === vpn) return h;
    const tag = this.tag;
    for (let e = 0; e < TLB_ENTRIES; e++) {
      if (tag[e] === vpn) {
        this.hint[vpn & HINT_MASK] = e;
        return e;
      }
    }
    return -1;
  }

  touch(e: number): void {
    this.stamp[e] = ++this.clock;
  }

  /** Caches a translation, evicting the least recently used entry (or an empty one). */
  insert(vpn: number, frame: number, bits: number, ok: number): number {
    let victim = 0;
    let oldest = Infinity;
    for (let e = 0; e < TLB_ENTRIES; e++) {
      if (this.tag[e] === -1) {
        victim = e;
        break;
      }
      if (this.stamp[e] < oldest) {
        oldest = this.stamp[e];
        victim = e;
      }
    }
    this.tag[victim] = vpn;
    this.frame[victim] = frame;
    this.bits[victim] = bits;
    this.ok[victim] = ok;
    this.hint[vpn & HINT_MASK] = victim;
    this.touch(victim);
    return victim;
  }

  drop(vpn: number): boolean {
    const e = this.lookup(vpn);
    if (e < 0) return false;
    this.tag[e] = -1;
    this.ok[e] = 0;
    return true;
  }

  flush(): void {
    this.tag.fill(-1);
    this.ok.fill(0);
  }

  /** Takes fast writes away from every entry mapping `frame` (it became a write-protected page table). */
  protectFrame(frame: number): void {
    for (let e = 0; e < TLB_ENTRIES; e++) {
      if (this.tag[e] !== -1 && this.frame[e] === frame) this.ok[e] &= ~(OK_WRITE_K | OK_WRITE_U);
    }
  }

  /** Number of valid entries. */
  get size(): number {
    let n = 0;
    for (let e = 0; e < TLB_ENTRIES; e++) if (this.tag[e] !== -1) n++;
    return n;
  }
}
