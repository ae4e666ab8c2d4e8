/**
 * The flags image (x86 EFLAGS bit positions) and, per mnemonic, which flags the Intel SDM leaves
 * undefined, so that a comparison with a real CPU can mask exactly those. No imports: the
 * differential tests against real KVM and the simulator share these numbers.
 */

export const FLAG_CF = 1 << 0;
/** Bit 1 of EFLAGS is reserved and always reads 1. */
export const FLAG_ALWAYS = 1 << 1;
export const FLAG_PF = 1 << 2;
export const FLAG_AF = 1 << 4;
export const FLAG_ZF = 1 << 6;
export const FLAG_SF = 1 << 7;
export const FLAG_IF = 1 << 9;
export const FLAG_OF = 1 << 11;

/** The six arithmetic status flags. */
export const STATUS_FLAGS = FLAG_CF | FLAG_PF | FLAG_AF | FLAG_ZF | FLAG_SF | FLAG_OF;
/** Every flag the guest machine has: POPF at CPL 0 may change exactly these (and bit 1 stays 1). */
export const MODELLED_FLAGS = STATUS_FLAGS | FLAG_IF;

/** PF as x86 defines it: set when the low byte of `result` has an even number of 1 bits. */
export function parityFlag(result: number): boolean {
  let x = result & 0xff;
  x ^= x >>> 4;
  x ^= x >>> 2;
  x ^= x >>> 1;
  return (x & 1) === 0;
}

/**
 * Flags each mnemonic writes (SDM vol. 2, "Flags Affected"), undefined ones included; a shift by
 * 0 writes none. Mnemonics not listed write no flag (`popf` and `iret` load the whole image).
 */
export const FLAGS_WRITTEN: Readonly<Record<string, number>> = {
  add: STATUS_FLAGS, sub: STATUS_FLAGS, cmp: STATUS_FLAGS,
  and: STATUS_FLAGS, or: STATUS_FLAGS, xor: STATUS_FLAGS,
  shl: STATUS_FLAGS, shr: STATUS_FLAGS, mul: STATUS_FLAGS,
  inc: STATUS_FLAGS & ~FLAG_CF, dec: STATUS_FLAGS & ~FLAG_CF,
};

/**
 * Flags the SDM calls undefined after each mnemonic (`UNDEFINED_FLAGS[m] & flags` may differ
 * between the simulator and a real CPU, or between two CPUs). For `shl`/`shr` OF is undefined
 * only for counts other than 1: `undefinedFlags` gives the exact mask when the count is known.
 * The values the simulator picks are documented in the README ("Choices the spec leaves open").
 */
export const UNDEFINED_FLAGS: Readonly<Record<string, number>> = {
  and: FLAG_AF, or: FLAG_AF, xor: FLAG_AF,
  shl: FLAG_AF | FLAG_OF, shr: FLAG_AF | FLAG_OF,
  mul: FLAG_SF | FLAG_ZF | FLAG_AF | FLAG_PF,
};

/** The undefined flags of one execution of `mnemonic`; `count` is a shift's count (any value). */
export function undefinedFlags(mnemonic: string, count?: number): number {
  const m = mnemonic.toLowerCase();
  if ((m === 'shl' || m === 'shr') && count !== undefined) {
    const c = count & 31;
    return c === 0 ? 0 : c === 1 ? FLAG_AF : FLAG_AF | FLAG_OF;
  }
  return UNDEFINED_FLAGS[m] ?? 0;
}
