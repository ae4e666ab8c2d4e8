/**
 * Pre-decoded opcodes and the hot loop that runs innocuous instructions. They share this file
 * because esbuild inlines a `const enum` only inside its own file: the `case` labels below must
 * be literals for V8 to compile the switch into a jump table.
 */
import type { Machine } from './machine';
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
const LAST_WORD = 0xfffc;

/**
 * Runs innocuous instructions from `m.slot` until `budget` ran, a slow-path instruction comes
 * (system op, generic form, a fault slot, or a memory access outside RAM: not executed), or, with
 * `stopAtBranch`, right after a control transfer (the end of a basic block, for binary
 * translation). Returns how many instructions ran. Allocates nothing.
 */
export function runFast(m: Machine, p: AssembledProgram, budget: number, stopAtBranch: boolean): number {
  const OP = p.op, A = p.a, B = p.b, C = p.c, ADDR = p.slotAddress, SLOT = p.slotOfAddress;
  const R = m.regs, mem = m.view;
  let s = m.slot, n = 0;
  let cf = m.cf, zf = m.zf, sf = m.sf, of = m.of;
  let x = 0, y = 0, r = 0, ad = 0;
  loop: while (n < budget) {
    switch (OP[s]) {
      case Op.Nop: s++; break;
      case Op.MovRR: R[A[s]] = R[B[s]]; s++; break;
      case Op.MovRI: R[A[s]] = B[s]; s++; break;
      case Op.MovRM:
        ad = (R[B[s]] + C[s]) >>> 0;
        if (ad > LAST_WORD) break loop;
        R[A[s]] = mem.getInt32(ad, true); s++; break;
      case Op.MovMR:
        ad = (R[A[s]] + B[s]) >>> 0;
        if (ad > LAST_WORD) break loop;
        mem.setInt32(ad, R[C[s]], true); s++; break;
      case Op.MovMI:
        ad = (R[A[s]] + B[s]) >>> 0;
        if (ad > LAST_WORD) break loop;
        mem.setInt32(ad, C[s], true); s++; break;
      case Op.AddRR: y = R[B[s]];
        x = R[A[s]]; r = (x + y) | 0; R[A[s]] = r;
        cf = r >>> 0 < x >>> 0; of = ((x ^ r) & (y ^ r)) < 0; zf = r === 0; sf = r < 0; s++; break;
      case Op.AddRI: y = B[s];
        x = R[A[s]]; r = (x + y) | 0; R[A[s]] = r;
        cf = r >>> 0 < x >>> 0; of = ((x ^ r) & (y ^ r)) < 0; zf = r === 0; sf = r < 0; s++; break;
      case Op.SubRR: y = R[B[s]];
        x = R[A[s]]; r = (x - y) | 0; R[A[s]] = r;
        cf = x >>> 0 < y >>> 0; of = ((x ^ y) & (x ^ r)) < 0; zf = r === 0; sf = r < 0; s++; break;
      case Op.SubRI: y = B[s];
        x = R[A[s]]; r = (x - y) | 0; R[A[s]] = r;
        cf = x >>> 0 < y >>> 0; of = ((x ^ y) & (x ^ r)) < 0; zf = r === 0; sf = r < 0; s++; break;
      case Op.CmpRR: y = R[B[s]];
        x = R[A[s]]; r = (x - y) | 0;
        cf = x >>> 0 < y >>> 0; of = ((x ^ y) & (x ^ r)) < 0; zf = r === 0; sf = r < 0; s++; break;
      case Op.CmpRI: y = B[s];
        x = R[A[s]]; r = (x - y) | 0;
        cf = x >>> 0 < y >>> 0; of = ((x ^ y) & (x ^ r)) < 0; zf = r === 0; sf = r < 0; s++; break;
      case Op.AndRR: r = R[A[s]] & R[B[s]]; R[A[s]] = r; of = false; zf = r === 0; sf = r < 0; s++; break;
      case Op.AndRI: r = R[A[s]] & B[s]; R[A[s]] = r; of = false; zf = r === 0; sf = r < 0; s++; break;
      case Op.OrRR: r = R[A[s]] | R[B[s]]; R[A[s]] = r; of = false; zf = r === 0; sf = r < 0; s++; break;
      case Op.OrRI: r = R[A[s]] | B[s]; R[A[s]] = r; of = false; zf = r === 0; sf = r < 0; s++; break;
      case Op.XorRR: r = R[A[s]] ^ R[B[s]]; R[A[s]] = r; of = false; zf = r === 0; sf = r < 0; s++; break;
      case Op.XorRI: r = R[A[s]] ^ B[s]; R[A[s]] = r; of = false; zf = r === 0; sf = r < 0; s++; break;
      case Op.ShlRR: r = R[A[s]] << (R[B[s]] & 31); R[A[s]] = r; of = false; zf = r === 0; sf = r < 0; s++; break;
      case Op.ShlRI: r = R[A[s]] << (B[s] & 31); R[A[s]] = r; of = false; zf = r === 0; sf = r < 0; s++; break;
      case Op.ShrRR: r = (R[A[s]] >>> (R[B[s]] & 31)) | 0; R[A[s]] = r; of = false; zf = r === 0; sf = r < 0; s++; break;
      case Op.ShrRI: r = (R[A[s]] >>> (B[s] & 31)) | 0; R[A[s]] = r; of = false; zf = r === 0; sf = r < 0; s++; break;
      case Op.MulRR: r = Math.imul(R[A[s]], R[B[s]]); R[A[s]] = r; of = false; zf = r === 0; sf = r < 0; s++; break;
      case Op.MulRI: r = Math.imul(R[A[s]], B[s]); R[A[s]] = r; of = false; zf = r === 0; sf = r < 0; s++; break;
      case Op.Inc: r = (R[A[s]] + 1) | 0; R[A[s]] = r; of = r === -0x80000000; zf = r === 0; sf = r < 0; s++; break;
      case Op.Dec: r = (R[A[s]] - 1) | 0; R[A[s]] = r; of = r === 0x7fffffff; zf = r === 0; sf = r < 0; s++; break;
      case Op.Jmp: s = A[s]; if (stopAtBranch) { n++; m.branched = true; break loop; } break;
      case Op.Jz: s = zf ? A[s] : s + 1; if (stopAtBranch) { n++; m.branched = true; break loop; } break;
      case Op.Jnz: s = zf ? s + 1 : A[s]; if (stopAtBranch) { n++; m.branched = true; break loop; } break;
      case Op.Jl: s = sf !== of ? A[s] : s + 1; if (stopAtBranch) { n++; m.branched = true; break loop; } break;
      case Op.Jg: s = !zf && sf === of ? A[s] : s + 1; if (stopAtBranch) { n++; m.branched = true; break loop; } break;
      case Op.Jle: s = zf || sf !== of ? A[s] : s + 1; if (stopAtBranch) { n++; m.branched = true; break loop; } break;
      case Op.Jge: s = sf === of ? A[s] : s + 1; if (stopAtBranch) { n++; m.branched = true; break loop; } break;
      case Op.Jb: s = cf ? A[s] : s + 1; if (stopAtBranch) { n++; m.branched = true; break loop; } break;
      case Op.Ja: s = !cf && !zf ? A[s] : s + 1; if (stopAtBranch) { n++; m.branched = true; break loop; } break;
      case Op.Call:
        r = (R[8] - 4) | 0; ad = r >>> 0;
        if (ad > LAST_WORD) break loop;
        mem.setInt32(ad, ADDR[s] + 4, true); R[8] = r; s = A[s];
        if (stopAtBranch) { n++; m.branched = true; break loop; }
        break;
      case Op.Ret:
        ad = R[8] >>> 0;
        if (ad > LAST_WORD) break loop;
        x = mem.getInt32(ad, true); R[8] = (R[8] + 4) | 0;
        s = x >>> 0 < 0x10000 ? SLOT[x] : -1;
        if (s < 0) { m.dynamicAddress = x >>> 0; s = p.dynamicSlot; }
        if (stopAtBranch) { n++; m.branched = true; break loop; }
        break;
      case Op.PushR:
        r = (R[8] - 4) | 0; ad = r >>> 0;
        if (ad > LAST_WORD) break loop;
        mem.setInt32(ad, R[A[s]], true); R[8] = r; s++; break;
      case Op.PushI:
        r = (R[8] - 4) | 0; ad = r >>> 0;
        if (ad > LAST_WORD) break loop;
        mem.setInt32(ad, A[s], true); R[8] = r; s++; break;
      case Op.PopR:
        ad = R[8] >>> 0;
        if (ad > LAST_WORD) break loop;
        x = mem.getInt32(ad, true); R[8] = (R[8] + 4) | 0; R[A[s]] = x; s++; break;
      default:
        break loop;
    }
    n++;
  }
  m.slot = s;
  m.cf = cf; m.zf = zf; m.sf = sf; m.of = of;
  return n;
}
