/** Shared by the real-KVM tests: whether /dev/kvm can be used here, and why not. */
import { kvmAvailability } from '../../../src/host/kvm';

let reason: string | undefined | null = null;

/** undefined when real KVM is usable; else the one-sentence reason, for `t.skip`. */
export function kvmSkipReason(): string | undefined {
  if (reason === null) {
    const a = kvmAvailability();
    reason = a.ok ? undefined : `real KVM is not usable here: ${a.error.message}`;
  }
  return reason;
}

/** A program map for a hand-assembled image: instruction i at simulator address 4i on source line i + 1. */
export function sourceOf(count: number): { instructions: Array<{ address: number; line: number }> } {
  return { instructions: Array.from({ length: count }, (_, i) => ({ address: 4 * i, line: i + 1 })) };
}

/** Bytes of a little-endian 32-bit value. */
export function le32(v: number): number[] {
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
}

/**
 * Concatenates hand-assembled instructions (each an array of bytes, one source instruction each)
 * into code and the instruction ranges `tinyImage` takes.
 */
export function assembleBytes(instructions: number[][]): { code: Uint8Array; ranges: Array<{ offset: number; length: number }> } {
  const ranges: Array<{ offset: number; length: number }> = [];
  let offset = 0;
  for (const ins of instructions) {
    ranges.push({ offset, length: ins.length });
    offset += ins.length;
  }
  return { code: new Uint8Array(instructions.flat()), ranges };
}
