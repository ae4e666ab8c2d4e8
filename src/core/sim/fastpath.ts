/**
 * Pre-decoded opcodes and the hot loop that runs innocuous instructions. They share this file
 * because esbuild inlines a `const enum` only inside its own file: the `case` labels below must
 * be literals for V8 to compile the switch into a jump table.
 */
import type { Machine } from './machine';
import { LAST_WORD as MMU_LAST_WORD } from './memory/mmu';
import type { AssembledProgram } from './program';

/** Pre-decoded operations. Innocuous forms first; `Op.FirstSystem` and above take the slow path. */
export const enum Op {
  Nop,
  MovRR, MovRI, MovRM, MovMR, MovMI,
  AddRR, AddRI, SubRR, SubRI, AndRR, AndRI, OrRR, OrRI, XorRR, XorRI,
  ShlRR, ShlRI, ShrRR, ShrRI, MulRR, MulRI, CmpRR, CmpRI,
  Inc, Dec,
  Jmp, Jz, Jnz, Jl, Jg, Jle, Jge, Jb, Ja,
  Call, Ret, PushR, PushI, PopR,
  /** Any innocuous instruction with a memory operand not covered above (e.g. `add r1, [r2]`). */
  Generic,
  // --- slow path: privileged, sensitive, special
  FirstSystem,
  Hlt = FirstSystem, Cli, Sti, In, Out, Lidt, Lgdt, MovToCr, MovFromCr, Invlpg, Iret,
  Pushf, Popf, Sgdt, Sidt, Smsw, MovRCs, PushCs,
  Cpuid, Rdtsc, Vmcall, Int, Ud2,
  /** Fetching at an address with no instruction: #UD. */
  Invalid,
}

/** Operations of the generic (slow-path) form of innocuous instructions. */
export const enum Alu { Mov, Add, Sub, And, Or, Xor, Shl, Shr, Mul, Cmp, Inc, Dec, Push, Pop, Jump, Call, Ret, Nop }

/** Highest address at which a 32-bit access stays inside the 64 KiB of RAM. */
const LAST_WORD = MMU_LAST_WORD;

/**
 * Runs innocuous instructions from `m.slot` until `budget` ran, a slow-path instruction comes
 * (system op, generic form, a fault slot, or a memory access outside RAM: not executed), or, with
 * `stopAtBranch`, right after a control transfer (the end of a basic block, for binary
 * translation). Returns how many instructions ran. Allocates nothing.
 */
export function runFast(m: Machine, p: AssembledProgram, budget: number, stopAtBranch: boolean): number {
  const K = p.code, ADDR = p.slotAddress, SLOT = p.slotOfAddress;
  const R = m.regs, mem = m.view;
  // With paging (or EPT) the MMU's TLB gives the physical address of a hit; anything else bails out.
  const T = m.mmu, tr = T.translating;
  let s = m.slot, left = budget, i = 0;
  let cf = m.cf, zf = m.zf, sf = m.sf, of = m.of;
  let x = 0, y = 0, r = 0, ad = 0;
  loop: while (left > 0) {
    i = s << 2;
    switch (K[i]) {
      case Op.Nop: s++; break;
      case Op.MovRR: R[K[i + 1]] = R[K[i + 2]]; s++; break;
      case Op.MovRI: R[K[i + 1]] = K[i + 2]; s++; break;
      case Op.MovRM:
        ad = (R[K[i + 2]] + K[i + 3]) >>> 0;
        if (tr) { ad = T.fastRead(ad); if (ad < 0) break loop; } else if (ad > LAST_WORD) break loop;
        R[K[i + 1]] = mem.getInt32(ad, true); s++; break;
      case Op.MovMR:
        ad = (R[K[i + 1]] + K[i + 2]) >>> 0;
        if (tr) { ad = T.fastWrite(ad); if (ad < 0) break loop; } else if (ad > LAST_WORD) break loop;
        mem.setInt32(ad, R[K[i + 3]], true); s++; break;
      case Op.MovMI:
        ad = (R[K[i + 1]] + K[i + 2]) >>> 0;
        if (tr) { ad = T.fastWrite(ad); if (ad < 0) break loop; } else if (ad > LAST_WORD) break loop;
        mem.setInt32(ad, K[i + 3], true); s++; break;
      case Op.AddRR: y = R[K[i + 2]];
        x = R[K[i + 1]]; r = (x + y) | 0; R[K[i + 1]] = r;
        cf = r >>> 0 < x >>> 0; of = ((x ^ r) & (y ^ r)) < 0; zf = r === 0; sf = r < 0; s++; break;
      case Op.AddRI: y = K[i + 2];
        x = R[K[i + 1]]; r = (x + y) | 0; R[K[i + 1]] = r;
        cf = r >>> 0 < x >>> 0; of = ((x ^ r) & (y ^ r)) < 0; zf = r === 0; sf = r < 0; s++; break;
      case Op.SubRR: y = R[K[i + 2]];
        x = R[K[i + 1]]; r = (x - y) | 0; R[K[i + 1]] = r;
        cf = x >>> 0 < y >>> 0; of = ((x ^ y) & (x ^ r)) < 0; zf = r === 0; sf = r < 0; s++; break;
      case Op.SubRI: y = K[i + 2];
        x = R[K[i + 1]]; r = (x - y) | 0; R[K[i + 1]] = r;
        cf = x >>> 0 < y >>> 0; of = ((x ^ y) & (x ^ r)) < 0; zf = r === 0; sf = r < 0; s++; break;
      case Op.CmpRR: y = R[K[i + 2]];
        x = R[K[i + 1]]; r = (x - y) | 0;
        cf = x >>> 0 < y >>> 0; of = ((x ^ y) & (x ^ r)) < 0; zf = r === 0; sf = r < 0; s++; break;
      case Op.CmpRI: y = K[i + 2];
        x = R[K[i + 1]]; r = (x - y) | 0;
        cf = x >>> 0 < y >>> 0; of = ((x ^ y) & (x ^ r)) < 0; zf = r === 0; sf = r < 0; s++; break;
      case Op.AndRR: r = R[K[i + 1]] & R[K[i + 2]]; R[K[i + 1]] = r; of = false; zf = r === 0; sf = r < 0; s++; break;
      case Op.AndRI: r = R[K[i + 1]] & K[i + 2]; R[K[i + 1]] = r; of = false; zf = r === 0; sf = r < 0; s++; break;
      case Op.OrRR: r = R[K[i + 1]] | R[K[i + 2]]; R[K[i + 1]] = r; of = false; zf = r === 0; sf = r < 0; s++; break;
      case Op.OrRI: r = R[K[i + 1]] | K[i + 2]; R[K[i + 1]] = r; of = false; zf = r === 0; sf = r < 0; s++; break;
      case Op.XorRR: r = R[K[i + 1]] ^ R[K[i + 2]]; R[K[i + 1]] = r; of = false; zf = r === 0; sf = r < 0; s++; break;
      case Op.XorRI: r = R[K[i + 1]] ^ K[i + 2]; R[K[i + 1]] = r; of = false; zf = r === 0; sf = r < 0; s++; break;
      case Op.ShlRR: r = R[K[i + 1]] << (R[K[i + 2]] & 31); R[K[i + 1]] = r; of = false; zf = r === 0; sf = r < 0; s++; break;
      case Op.ShlRI: r = R[K[i + 1]] << (K[i + 2] & 31); R[K[i + 1]] = r; of = false; zf = r === 0; sf = r < 0; s++; break;
      case Op.ShrRR: r = (R[K[i + 1]] >>> (R[K[i + 2]] & 31)) | 0; R[K[i + 1]] = r; of = false; zf = r === 0; sf = r < 0; s++; break;
      case Op.ShrRI: r = (R[K[i + 1]] >>> (K[i + 2] & 31)) | 0; R[K[i + 1]] = r; of = false; zf = r === 0; sf = r < 0; s++; break;
      case Op.MulRR: r = Math.imul(R[K[i + 1]], R[K[i + 2]]); R[K[i + 1]] = r; of = false; zf = r === 0; sf = r < 0; s++; break;
      case Op.MulRI: r = Math.imul(R[K[i + 1]], K[i + 2]); R[K[i + 1]] = r; of = false; zf = r === 0; sf = r < 0; s++; break;
      case Op.Inc: r = (R[K[i + 1]] + 1) | 0; R[K[i + 1]] = r; of = r === -0x80000000; zf = r === 0; sf = r < 0; s++; break;
      case Op.Dec: r = (R[K[i + 1]] - 1) | 0; R[K[i + 1]] = r; of = r === 0x7fffffff; zf = r === 0; sf = r < 0; s++; break;
      case Op.Jmp: s = K[i + 1]; if (stopAtBranch) { left--; m.branched = true; break loop; } break;
      case Op.Jz: s = zf ? K[i + 1] : s + 1; if (stopAtBranch) { left--; m.branched = true; break loop; } break;
      case Op.Jnz: s = zf ? s + 1 : K[i + 1]; if (stopAtBranch) { left--; m.branched = true; break loop; } break;
      case Op.Jl: s = sf !== of ? K[i + 1] : s + 1; if (stopAtBranch) { left--; m.branched = true; break loop; } break;
      case Op.Jg: s = !zf && sf === of ? K[i + 1] : s + 1; if (stopAtBranch) { left--; m.branched = true; break loop; } break;
      case Op.Jle: s = zf || sf !== of ? K[i + 1] : s + 1; if (stopAtBranch) { left--; m.branched = true; break loop; } break;
      case Op.Jge: s = sf === of ? K[i + 1] : s + 1; if (stopAtBranch) { left--; m.branched = true; break loop; } break;
      case Op.Jb: s = cf ? K[i + 1] : s + 1; if (stopAtBranch) { left--; m.branched = true; break loop; } break;
      case Op.Ja: s = !cf && !zf ? K[i + 1] : s + 1; if (stopAtBranch) { left--; m.branched = true; break loop; } break;
      case Op.Call:
        r = (R[8] - 4) | 0; ad = r >>> 0;
        if (tr) { ad = T.fastWrite(ad); if (ad < 0) break loop; } else if (ad > LAST_WORD) break loop;
        mem.setInt32(ad, ADDR[s] + 4, true); R[8] = r; s = K[i + 1];
        if (stopAtBranch) { left--; m.branched = true; break loop; }
        break;
      case Op.Ret:
        ad = R[8] >>> 0;
        if (tr) { ad = T.fastRead(ad); if (ad < 0) break loop; } else if (ad > LAST_WORD) break loop;
        x = mem.getInt32(ad, true); R[8] = (R[8] + 4) | 0;
        s = x >>> 0 < 0x10000 ? SLOT[x] : -1;
        if (s < 0) { m.dynamicAddress = x >>> 0; s = p.dynamicSlot; }
        if (stopAtBranch) { left--; m.branched = true; break loop; }
        break;
      case Op.PushR:
        r = (R[8] - 4) | 0; ad = r >>> 0;
        if (tr) { ad = T.fastWrite(ad); if (ad < 0) break loop; } else if (ad > LAST_WORD) break loop;
        mem.setInt32(ad, R[K[i + 1]], true); R[8] = r; s++; break;
      case Op.PushI:
        r = (R[8] - 4) | 0; ad = r >>> 0;
        if (tr) { ad = T.fastWrite(ad); if (ad < 0) break loop; } else if (ad > LAST_WORD) break loop;
        mem.setInt32(ad, K[i + 1], true); R[8] = r; s++; break;
      case Op.PopR:
        ad = R[8] >>> 0;
        if (tr) { ad = T.fastRead(ad); if (ad < 0) break loop; } else if (ad > LAST_WORD) break loop;
        x = mem.getInt32(ad, true); R[8] = (R[8] + 4) | 0; R[K[i + 1]] = x; s++; break;
      default:
        break loop;
    }
    left--;
  }
  m.slot = s;
  m.cf = cf; m.zf = zf; m.sf = sf; m.of = of;
  return budget - left;
}
