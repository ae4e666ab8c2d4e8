// Pure helpers of the Memory tab (memoryView.ts): parsing the address box, the words a screen
// reader hears for an entry's bits, the hex dump's rows, the walk as a grid of cells, and cheap
// fingerprints that tell the view when a section has to be redrawn. No DOM here (unit-tested).
import type { Registers } from '../core/sim/api';
import type { PageEntryView, WalkGridView, WalkReference } from '../core/sim';

/** Registers the address box accepts by name (their value at the moment the view refreshes). */
export const ADDRESS_REGISTERS = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'sp', 'pc', 'cr2', 'cr3'] as const;
export type AddressRegister = (typeof ADDRESS_REGISTERS)[number];

/** What the address box holds: a fixed address, a register to follow, or why it is not valid. */
export type AddressInput =
  | { readonly kind: 'address'; readonly address: number }
  | { readonly kind: 'register'; readonly register: AddressRegister }
  | { readonly kind: 'error'; readonly reason: 'empty' | 'syntax' | 'range' };

/** Longest text the box considers (anything longer is not an address). */
const MAX_INPUT = 40;

/**
 * `0x…` (hex, `_` allowed between digits), plain digits (decimal), or a register name, case and
 * surrounding spaces ignored. Anything else, and values beyond 32 bits, are errors with a reason.
 */
export function parseAddressInput(text: string): AddressInput {
  const s = text.trim().toLowerCase();
  if (s === '') return { kind: 'error', reason: 'empty' };
  if (s.length > MAX_INPUT) return { kind: 'error', reason: 'syntax' };
  if ((ADDRESS_REGISTERS as readonly string[]).includes(s)) return { kind: 'register', register: s as AddressRegister };
  let value: number;
  if (/^0x[0-9a-f](_?[0-9a-f])*$/.test(s)) value = Number.parseInt(s.slice(2).replace(/_/g, ''), 16);
  else if (/^[0-9](_?[0-9])*$/.test(s)) value = Number(s.replace(/_/g, ''));
  else return { kind: 'error', reason: 'syntax' };
  if (!Number.isSafeInteger(value) || value > 0xffffffff) return { kind: 'error', reason: 'range' };
  return { kind: 'address', address: value };
}

/** The address an input stands for now (registers read from `registers`, unsigned). */
export function resolveAddress(input: AddressInput, registers: Registers | undefined): number | undefined {
  if (input.kind === 'address') return input.address;
  if (input.kind === 'register') return registers ? (registers[input.register] ?? 0) >>> 0 : undefined;
  return undefined;
}

export const hex32 = (v: number): string => `0x${(v >>> 0).toString(16).padStart(8, '0')}`;
export const hexByte = (v: number): string => (v & 0xff).toString(16).padStart(2, '0');

/** The bits of an entry as short flags, in x86 order (P, R/W, U/S, A, D); a clear bit is a dash. */
export function bitFlags(e: Pick<PageEntryView, 'present' | 'writable' | 'user' | 'accessed' | 'dirty'>, withDirty: boolean): string[] {
  return [e.present ? 'P' : '-', e.writable ? 'RW' : 'R', e.user ? 'U' : 'S', e.accessed ? 'A' : '-', ...(withDirty ? [e.dirty ? 'D' : '-'] : [])];
}

/** Words for each bit, in the panel's language (looked up by the view). */
export interface BitWords {
  present: string; notPresent: string; writable: string; readOnly: string;
  user: string; supervisor: string; accessed: string; notAccessed: string; dirty: string; clean: string;
}

/** Punctuation between the items of a list and between clauses, by language. */
export function separators(lang: 'en' | 'zh-cn'): { list: string; clause: string } {
  return lang === 'zh-cn' ? { list: '，', clause: '；' } : { list: ', ', clause: '; ' };
}

/** The bits read out in words, for an `aria-label` ("present, writable, supervisor only, accessed, dirty"). */
export function bitsInWords(e: Pick<PageEntryView, 'present' | 'writable' | 'user' | 'accessed' | 'dirty'>, withDirty: boolean, w: BitWords, list = ', '): string {
  const words = [e.present ? w.present : w.notPresent, e.writable ? w.writable : w.readOnly, e.user ? w.user : w.supervisor, e.accessed ? w.accessed : w.notAccessed];
  if (withDirty) words.push(e.dirty ? w.dirty : w.clean);
  return words.join(list);
}

/** One row of the hex dump: 16 bytes from `address`; `null` where the linear address is not mapped. */
export interface HexRow {
  address: number;
  bytes: (number | null)[];
  /** Printable ASCII, `.` for others, a space for unmapped bytes. */
  text: string;
}

export function hexRows(start: number, bytes: ArrayLike<number>, mapped: ArrayLike<boolean>, perRow = 16): HexRow[] {
  const rows: HexRow[] = [];
  for (let i = 0; i < bytes.length; i += perRow) {
    const cells: (number | null)[] = [];
    let text = '';
    for (let j = i; j < Math.min(i + perRow, bytes.length); j++) {
      const b = mapped[j] ? bytes[j]! : null;
      cells.push(b);
      text += b === null ? ' ' : b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    }
    rows.push({ address: (start + i) >>> 0, bytes: cells, text });
  }
  return rows;
}

/** The grid of a walk: `rows` (directory entry, table entry, data page) × `columns` (EPT levels, then the guest's own). */
export interface WalkGrid {
  rows: number;
  columns: number;
  /** `cells[row][col]`: the reference made there, if any. */
  cells: (WalkReference | undefined)[][];
  faulted?: WalkReference;
}

/**
 * Lays the references out: with EPT, 3 rows × 5 columns (4 EPT levels and the guest's entry; the
 * data page has no guest column); without, 2 rows × 1 column (directory and table entry).
 */
export function walkGrid(walk: WalkGridView): WalkGrid {
  const columns = walk.eptLevels + 1;
  const usedRows = walk.references.reduce((max, r) => Math.max(max, r.row + 1), 0);
  const rows = walk.eptLevels > 0 ? 3 : Math.max(2, usedRows);
  const cells: (WalkReference | undefined)[][] = Array.from({ length: rows }, () => new Array<WalkReference | undefined>(columns).fill(undefined));
  for (const r of walk.references) {
    if (r.row < rows && r.col < columns) cells[r.row]![r.col] = r;
  }
  return { rows, columns, cells, faulted: walk.references.find((r) => r.faulted) };
}

/**
 * A fingerprint of a list of numbers (FNV-1a over their 32-bit values): equal inputs give equal
 * fingerprints, so an unchanged section is not redrawn. Cheaper than keeping the old snapshot.
 */
export function fingerprint(values: Iterable<number>): string {
  let h = 0x811c9dc5;
  let n = 0;
  for (const v of values) {
    let x = v | 0;
    for (let k = 0; k < 4; k++) {
      h ^= x & 0xff;
      h = Math.imul(h, 0x01000193);
      x >>>= 8;
    }
    n++;
  }
  return `${n}:${(h >>> 0).toString(16)}`;
}

/** Numbers that identify an entry list's content (address and value of each entry). */
export function* entryNumbers(entries: readonly { index: number; value: number; table?: readonly { index: number; value: number }[] }[]): Generator<number> {
  for (const e of entries) {
    yield e.index;
    yield e.value;
    if (e.table) {
      yield e.table.length;
      for (const t of e.table) {
        yield t.index;
        yield t.value;
      }
    }
  }
}
