/**
 * The references of the last TLB miss, in order, for the Memory view's walk grid: rows are the
 * guest's levels (directory entry, table entry, the data page), columns the EPT levels that
 * translate each guest-physical address (none without EPT) and then the guest's own reference.
 */

/** Rows of the grid. */
export const ROW_DIRECTORY = 0;
export const ROW_TABLE = 1;
export const ROW_DATA = 2;

/** Flags of a reference. */
export const REF_FAULTED = 1;
export const REF_EPT_VIOLATION = 2;

const MAX_REFERENCES = 32;

export class WalkTrace {
  /** True once a miss has been recorded. */
  valid = false;
  linear = 0;
  write = false;
  user = false;
  /** EPT levels walked per guest-physical address (0: no EPT, 4 under EPT). */
  eptLevels = 0;
  /** Whether guest paging was on (else only the data row exists). */
  paging = false;
  count = 0;
  readonly row = new Int8Array(MAX_REFERENCES);
  readonly col = new Int8Array(MAX_REFERENCES);
  readonly address = new Float64Array(MAX_REFERENCES);
  readonly flags = new Uint8Array(MAX_REFERENCES);

  begin(linear: number, write: boolean, user: boolean, paging: boolean, eptLevels: number): void {
    this.valid = true;
    this.linear = linear >>> 0;
    this.write = write;
    this.user = user;
    this.paging = paging;
    this.eptLevels = eptLevels;
    this.count = 0;
  }

  add(row: number, col: number, address: number, flags = 0): void {
    if (this.count >= MAX_REFERENCES) return;
    const i = this.count++;
    this.row[i] = row;
    this.col[i] = col;
    this.address[i] = address;
    this.flags[i] = flags;
  }

  /** Marks the last reference (the one that found the problem). */
  markLast(flag: number): void {
    if (this.count > 0) this.flags[this.count - 1] |= flag;
  }
}
