/**
 * The pre-decoded opcodes and the hot loop that switches on them. They share this file, and it
 * imports nothing (the loop's view of the machine and the program is structural), because:
 * - esbuild's bundler inlines a `const enum` across files (measured: `dist/` has literal `case`
 *   labels, and test/unit/sim/structure.test.ts checks it), but tsx, which runs the tests and
 *   `npm run bench`, transforms one file at a time and inlines only within a file; with `Op`
 *   imported, the interpreter there ran at 7.5 M instructions/s instead of 236;
 * - a module that imports nothing cannot be part of an import circle.
 */

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

/** Jmp..Call: their `c` holds the target address and `a` its slot. */
export function isJumpOp(op: number): boolean {
  return op >= Op.Jmp && op <= Op.Call;
}

/** Opcodes whose execution ends a basic block (for binary translation and block-entry counting). */
export function isControlTransfer(op: number): boolean {
  return (op >= Op.Jmp && op <= Op.Ret) || op === Op.Hlt || op === Op.Iret || op === Op.Int || op === Op.Ud2 || op === Op.Vmcall || op === Op.Invalid;
}

/** What the loop reads and writes of the machine (`Machine` has these fields). */
export interface FastMachine {
  slot: number;
  dynamicAddress: number;
  branched: boolean;
  readonly regs: Int32Array;
  readonly view: DataView;
  cf: boolean;
  zf: boolean;
  sf: boolean;
  of: boolean;
  pv: number;
  av: number;
  readonly cpl: number;
  /** The one memory path (memory/mmu.ts): with paging or EPT, TLB hits come from here. */
  readonly mmu: FastMemory;
}

/** What the loop uses of the MMU (memory/mmu.ts, memory/tlb.ts): the TLB's arrays, looked up inline. */
export interface FastMemory {
  readonly translating: boolean;
  readonly tlb: { readonly tag: Int32Array; readonly ok: Uint8Array; readonly frame: Int32Array; readonly stamp: Float64Array; readonly hint: Uint8Array; clock: number };
  readonly stats: { tlbHits: number };
}

/** What the loop reads of the program (`AssembledProgram` has these fields). */
export interface FastProgram {
  readonly code: Int32Array;
  readonly slotAddress: Int32Array;
  readonly slotOfAddress: Int32Array;
  readonly dynamicSlot: number;
}

/** Highest address at which a 32-bit access stays inside the 64 KiB of RAM (= LAST_WORD of memory/mmu.ts; this file imports nothing). */
const LAST_WORD = 0xfffc;

/**
 * Runs innocuous instructions from `m.slot` until `budget` ran, a slow-path instruction comes
 * (system op, generic form, a fault slot, or a memory access outside RAM: not executed), or, with
 * `stopAtBranch`, right after a control transfer (the end of a basic block, for binary
 * translation). Returns how many instructions ran. Allocates nothing.
 */
export function runFast(m: FastMachine, p: FastProgram, budget: number, stopAtBranch: boolean): number {
  const K = p.code, ADDR = p.slotAddress, SLOT = p.slotOfAddress;
  const R = m.regs, mem = m.view;
  // With paging (or EPT) a TLB hit gives the physical address, looked up inline in the
  // MMU's TLB (the `ok` bits of Mmu.fastRights); a miss or anything unusual leaves for the slow path.
  const T = m.mmu, tr = T.translating, TB = T.tlb, TAG = TB.tag, OKB = TB.ok, FR = TB.frame, ST = TB.stamp, HI = TB.hint;
  const rbit = m.cpl === 3 ? 4 : 1, wbit = m.cpl === 3 ? 8 : 2;
  let clk = TB.clock, hits = 0, v = 0, e = 0;
  let s = m.slot, left = budget, i = 0;
  let cf = m.cf, zf = m.zf, sf = m.sf, of = m.of, pv = m.pv, av = m.av;
  let x = 0, y = 0, r = 0, ad = 0;
  loop: while (left > 0) {
    i = s << 2;
    switch (K[i]) {
      case Op.Nop: s++; break;
      case Op.MovRR: R[K[i + 1]] = R[K[i + 2]]; s++; break;
      case Op.MovRI: R[K[i + 1]] = K[i + 2]; s++; break;
      case Op.MovRM:
        ad = (R[K[i + 2]] + K[i + 3]) >>> 0;
        if (tr) { v = ad >>> 12; e = HI[v & 1023]; if (TAG[e] !== v || (OKB[e] & rbit) === 0 || (ad & 4095) > 4092) break loop; ST[e] = ++clk; hits++; ad = FR[e] | (ad & 4095); } else if (ad > LAST_WORD) break loop;
        R[K[i + 1]] = mem.getInt32(ad, true); s++; break;
      case Op.MovMR:
        ad = (R[K[i + 1]] + K[i + 2]) >>> 0;
        if (tr) { v = ad >>> 12; e = HI[v & 1023]; if (TAG[e] !== v || (OKB[e] & wbit) === 0 || (ad & 4095) > 4092) break loop; ST[e] = ++clk; hits++; ad = FR[e] | (ad & 4095); } else if (ad > LAST_WORD) break loop;
        mem.setInt32(ad, R[K[i + 3]], true); s++; break;
      case Op.MovMI:
        ad = (R[K[i + 1]] + K[i + 2]) >>> 0;
        if (tr) { v = ad >>> 12; e = HI[v & 1023]; if (TAG[e] !== v || (OKB[e] & wbit) === 0 || (ad & 4095) > 4092) break loop; ST[e] = ++clk; hits++; ad = FR[e] | (ad & 4095); } else if (ad > LAST_WORD) break loop;
        mem.setInt32(ad, K[i + 3], true); s++; break;
      case Op.AddRR: y = R[K[i + 2]];
        x = R[K[i + 1]]; r = (x + y) | 0; R[K[i + 1]] = r;
        cf = r >>> 0 < x >>> 0; of = ((x ^ r) & (y ^ r)) < 0; zf = r === 0; sf = r < 0; pv = r; av = x ^ y ^ r; s++; break;
      case Op.AddRI: y = K[i + 2];
        x = R[K[i + 1]]; r = (x + y) | 0; R[K[i + 1]] = r;
        cf = r >>> 0 < x >>> 0; of = ((x ^ r) & (y ^ r)) < 0; zf = r === 0; sf = r < 0; pv = r; av = x ^ y ^ r; s++; break;
      case Op.SubRR: y = R[K[i + 2]];
        x = R[K[i + 1]]; r = (x - y) | 0; R[K[i + 1]] = r;
        cf = x >>> 0 < y >>> 0; of = ((x ^ y) & (x ^ r)) < 0; zf = r === 0; sf = r < 0; pv = r; av = x ^ y ^ r; s++; break;
      case Op.SubRI: y = K[i + 2];
        x = R[K[i + 1]]; r = (x - y) | 0; R[K[i + 1]] = r;
        cf = x >>> 0 < y >>> 0; of = ((x ^ y) & (x ^ r)) < 0; zf = r === 0; sf = r < 0; pv = r; av = x ^ y ^ r; s++; break;
      case Op.CmpRR: y = R[K[i + 2]];
        x = R[K[i + 1]]; r = (x - y) | 0;
        cf = x >>> 0 < y >>> 0; of = ((x ^ y) & (x ^ r)) < 0; zf = r === 0; sf = r < 0; pv = r; av = x ^ y ^ r; s++; break;
      case Op.CmpRI: y = K[i + 2];
        x = R[K[i + 1]]; r = (x - y) | 0;
        cf = x >>> 0 < y >>> 0; of = ((x ^ y) & (x ^ r)) < 0; zf = r === 0; sf = r < 0; pv = r; av = x ^ y ^ r; s++; break;
      // Logic: CF = OF = 0; AF is undefined on x86, 0 here.
      case Op.AndRR: r = R[K[i + 1]] & R[K[i + 2]]; R[K[i + 1]] = r; cf = of = false; zf = r === 0; sf = r < 0; pv = r; av = 0; s++; break;
      case Op.AndRI: r = R[K[i + 1]] & K[i + 2]; R[K[i + 1]] = r; cf = of = false; zf = r === 0; sf = r < 0; pv = r; av = 0; s++; break;
      case Op.OrRR: r = R[K[i + 1]] | R[K[i + 2]]; R[K[i + 1]] = r; cf = of = false; zf = r === 0; sf = r < 0; pv = r; av = 0; s++; break;
      case Op.OrRI: r = R[K[i + 1]] | K[i + 2]; R[K[i + 1]] = r; cf = of = false; zf = r === 0; sf = r < 0; pv = r; av = 0; s++; break;
      case Op.XorRR: r = R[K[i + 1]] ^ R[K[i + 2]]; R[K[i + 1]] = r; cf = of = false; zf = r === 0; sf = r < 0; pv = r; av = 0; s++; break;
      case Op.XorRI: r = R[K[i + 1]] ^ K[i + 2]; R[K[i + 1]] = r; cf = of = false; zf = r === 0; sf = r < 0; pv = r; av = 0; s++; break;
      // Shifts: count masked to 5 bits, a count of 0 changes nothing; CF = last bit shifted out;
      // OF: SHL MSB(result) ^ CF, SHR MSB(operand) for count 1 and 0 beyond (undefined there); AF 0.
      case Op.ShlRR: y = R[K[i + 2]] & 31; if (y !== 0) {
        x = R[K[i + 1]]; r = x << y; R[K[i + 1]] = r;
        cf = ((x >>> (32 - y)) & 1) !== 0; of = (r < 0) !== cf; zf = r === 0; sf = r < 0; pv = r; av = 0;
      } s++; break;
      case Op.ShlRI: y = K[i + 2] & 31; if (y !== 0) {
        x = R[K[i + 1]]; r = x << y; R[K[i + 1]] = r;
        cf = ((x >>> (32 - y)) & 1) !== 0; of = (r < 0) !== cf; zf = r === 0; sf = r < 0; pv = r; av = 0;
      } s++; break;
      case Op.ShrRR: y = R[K[i + 2]] & 31; if (y !== 0) {
        x = R[K[i + 1]]; r = (x >>> y) | 0; R[K[i + 1]] = r;
        cf = ((x >>> (y - 1)) & 1) !== 0; of = y === 1 && x < 0; zf = r === 0; sf = false; pv = r; av = 0;
      } s++; break;
      case Op.ShrRI: y = K[i + 2] & 31; if (y !== 0) {
        x = R[K[i + 1]]; r = (x >>> y) | 0; R[K[i + 1]] = r;
        cf = ((x >>> (y - 1)) & 1) !== 0; of = y === 1 && x < 0; zf = r === 0; sf = false; pv = r; av = 0;
      } s++; break;
      // MUL: CF = OF = (high half of the unsigned 64-bit product != 0); ZF/SF/PF from the low half, AF 0.
      case Op.MulRR: y = R[K[i + 2]];
        x = R[K[i + 1]]; r = Math.imul(x, y); R[K[i + 1]] = r;
        cf = of = (x >>> 0) * (y >>> 0) > 0xffffffff; zf = r === 0; sf = r < 0; pv = r; av = 0; s++; break;
      case Op.MulRI: y = K[i + 2];
        x = R[K[i + 1]]; r = Math.imul(x, y); R[K[i + 1]] = r;
        cf = of = (x >>> 0) * (y >>> 0) > 0xffffffff; zf = r === 0; sf = r < 0; pv = r; av = 0; s++; break;
      case Op.Inc: x = R[K[i + 1]]; r = (x + 1) | 0; R[K[i + 1]] = r; of = r === -0x80000000; zf = r === 0; sf = r < 0; pv = r; av = x ^ r; s++; break;
      case Op.Dec: x = R[K[i + 1]]; r = (x - 1) | 0; R[K[i + 1]] = r; of = r === 0x7fffffff; zf = r === 0; sf = r < 0; pv = r; av = x ^ r; s++; break;
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
        if (tr) { v = ad >>> 12; e = HI[v & 1023]; if (TAG[e] !== v || (OKB[e] & wbit) === 0 || (ad & 4095) > 4092) break loop; ST[e] = ++clk; hits++; ad = FR[e] | (ad & 4095); } else if (ad > LAST_WORD) break loop;
        mem.setInt32(ad, ADDR[s] + 4, true); R[8] = r; s = K[i + 1];
        if (stopAtBranch) { left--; m.branched = true; break loop; }
        break;
      case Op.Ret:
        ad = R[8] >>> 0;
        if (tr) { v = ad >>> 12; e = HI[v & 1023]; if (TAG[e] !== v || (OKB[e] & rbit) === 0 || (ad & 4095) > 4092) break loop; ST[e] = ++clk; hits++; ad = FR[e] | (ad & 4095); } else if (ad > LAST_WORD) break loop;
        x = mem.getInt32(ad, true); R[8] = (R[8] + 4) | 0;
        s = x >>> 0 < 0x10000 ? SLOT[x] : -1;
        if (s < 0) { m.dynamicAddress = x >>> 0; s = p.dynamicSlot; }
        if (stopAtBranch) { left--; m.branched = true; break loop; }
        break;
      case Op.PushR:
        r = (R[8] - 4) | 0; ad = r >>> 0;
        if (tr) { v = ad >>> 12; e = HI[v & 1023]; if (TAG[e] !== v || (OKB[e] & wbit) === 0 || (ad & 4095) > 4092) break loop; ST[e] = ++clk; hits++; ad = FR[e] | (ad & 4095); } else if (ad > LAST_WORD) break loop;
        mem.setInt32(ad, R[K[i + 1]], true); R[8] = r; s++; break;
      case Op.PushI:
        r = (R[8] - 4) | 0; ad = r >>> 0;
        if (tr) { v = ad >>> 12; e = HI[v & 1023]; if (TAG[e] !== v || (OKB[e] & wbit) === 0 || (ad & 4095) > 4092) break loop; ST[e] = ++clk; hits++; ad = FR[e] | (ad & 4095); } else if (ad > LAST_WORD) break loop;
        mem.setInt32(ad, K[i + 1], true); R[8] = r; s++; break;
      case Op.PopR:
        ad = R[8] >>> 0;
        if (tr) { v = ad >>> 12; e = HI[v & 1023]; if (TAG[e] !== v || (OKB[e] & rbit) === 0 || (ad & 4095) > 4092) break loop; ST[e] = ++clk; hits++; ad = FR[e] | (ad & 4095); } else if (ad > LAST_WORD) break loop;
        x = mem.getInt32(ad, true); R[8] = (R[8] + 4) | 0; R[K[i + 1]] = x; s++; break;
      default:
        break loop;
    }
    left--;
  }
  m.slot = s;
  m.cf = cf; m.zf = zf; m.sf = sf; m.of = of; m.pv = pv; m.av = av;
  if (hits !== 0) {
    TB.clock = clk;
    T.stats.tlbHits += hits;
  }
  return budget - left;
}
