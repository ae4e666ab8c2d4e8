/**
 * Hostile guest programs of about `bytes` characters, the worst cases issue 8 found (and a few
 * more of the same families). Shared by the assembler's cost tests and `bench/assembler.bench.ts`.
 */

/** Lines made by `line(i)` joined with `separator` until `bytes` characters are reached. */
function fill(bytes: number, line: (i: number) => string, separator = '\n'): string {
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const text = line(i);
    out.push(text);
    size += text.length + separator.length;
  }
  return out.join(separator);
}

const pad = (i: number) => String(i).padStart(6, '0');

export const HOSTILE_VMASM = {
  /** Many labels, then code full of unknown names (code fills at most 64 KiB, so labels are most of it). */
  labelsAndUnknowns: (bytes: number) => `${fill(bytes * 0.7, (i) => `label_${i}:`)}\n${fill(bytes * 0.3, (i) => `    mov r0, unknown_${i} + other_${i}`)}`,
  /** Unknown names one edit away from thousands of labels: every candidate passes the cheap filters. */
  nearMisses: (bytes: number) => `${fill(bytes * 0.7, (i) => `lab${pad(i)}:`)}\n${fill(bytes * 0.3, (i) => `    mov r0, lab${pad(i)}x`)}`,
  /** A chain of forward `.equ` definitions, each needing the next (once resolved one per pass). */
  equChain: (bytes: number) => {
    const n = Math.max(1, Math.floor(bytes / 24));
    return `${Array.from({ length: n }, (_, i) => `.equ C${i}, C${i + 1} + 1`).join('\n')}\n.equ C${n}, end\nend: hlt`;
  },
  /** One cycle through every constant. */
  equCycle: (bytes: number) => {
    const n = Math.max(1, Math.floor(bytes / 24));
    return Array.from({ length: n }, (_, i) => `.equ C${i}, C${(i + 1) % n} + 1`).join('\n');
  },
  /** 600 bad lines, then a long tail of comments (once re-split per diagnostic). */
  badLinesThenComments: (bytes: number) => `${fill(600 * 16, (i) => `bogus${i} r0, r1`)}\n${fill(bytes, () => '; a comment line, nothing to assemble here')}`,
  /** One operand of `bytes` characters: a sum of names, some unknown. */
  hugeExpression: (bytes: number) => `a0: hlt\nmov r0, ${fill(bytes, (i) => `a${i % 1000}`, '+')}`,
  /** Several labels per line on one huge line (once copied per label). */
  labelsOnOneLine: (bytes: number) => `${fill(bytes, (i) => `l${i}:`, ' ')} nop`,
  /** Long unknown mnemonics (the edit distance to every mnemonic was quadratic in their length). */
  longWords: (bytes: number) => fill(bytes, (i) => `${'x'.repeat(2000)}${i} r0`),
  /** Control and high bytes, as when a binary file is opened as a program. */
  binary: (bytes: number) => {
    let x = 12345;
    return Array.from({ length: bytes }, () => {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      return String.fromCharCode(x % 256);
    }).join('');
  },
} satisfies Record<string, (bytes: number) => string>;

export type HostileCase = keyof typeof HOSTILE_VMASM;
