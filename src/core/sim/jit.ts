/**
 * A second tier for innocuous code: each basic block of innocuous instructions is compiled once
 * into a JavaScript function (registers in locals; a block that jumps back to its own start
 * becomes a loop), the way a dynamic binary translator works. Only integers of the pre-decoded
 * program reach the generated source, never program text. Where `new Function` is forbidden (the
 * webview's CSP) the interpreter in `fastpath.ts` runs alone; both give identical results.
 */
import { Op, runFast } from './fastpath';
import type { Machine } from './machine';
import { LAST_WORD as MMU_LAST_WORD } from './memory/mmu';
import { HINT_MASK, OK_READ_K, OK_READ_U, OK_WRITE_K, OK_WRITE_U } from './memory/tlb';
import type { AssembledProgram } from './program';

export type BlockFunction = (m: Machine, R: Int32Array, mem: DataView, SLOT: Int32Array, left: number) => number;

/** Longest block compiled (bounds the size of generated functions). */
const MAX_BLOCK = 128;
/** A module-local copy of the MMU's bound (imported bindings are getters once bundled). */
const LAST_WORD = MMU_LAST_WORD;

let available: boolean | undefined;

/** Whether code generation is allowed here (false under a CSP without 'unsafe-eval'). */
export function jitAvailable(): boolean {
  if (available === undefined) {
    // In a page (the webview) a refused `new Function` is also reported as a CSP violation in the
    // console; its CSP forbids it, so do not even try there.
    if (typeof (globalThis as { document?: unknown }).document !== 'undefined') return (available = false);
    try {
      available = (new Function('return 7') as () => number)() === 7;
    } catch {
      available = false;
    }
  }
  return available;
}

/** A block is compiled on its HOT-th entry: code that runs once is not worth compiling. */
const HOT = 8;
/**
 * A newly compiled block's first WARM_CALLS calls get budgets of at most WARM_ITERATIONS passes,
 * so that its loop exits (and writes back) many times before V8 optimizes it. Called with the
 * whole budget at once, V8 (Node 20) compiles the running loop alone (on-stack replacement)
 * before the code after it ever ran, and that code deoptimizes at the loop's exit ("Insufficient
 * type feedback for generic keyed access") on every later run: bench/sim.bench.ts measured
 * native at 0.21 of its hand-written baseline in about half of the runs, 0.97 in the others.
 */
const WARM_CALLS = 300;
const WARM_ITERATIONS = 4;

export interface BlockCache {
  fns: (BlockFunction | null | undefined)[];
  lengths: Int32Array;
  entries: Int32Array;
}

const caches = new WeakMap<AssembledProgram, BlockCache>();

/** The compiled blocks of a program (shared by every simulation of it). */
export function blockCacheOf(p: AssembledProgram): BlockCache {
  let c = caches.get(p);
  if (!c) {
    c = { fns: new Array<BlockFunction | null | undefined>(p.op.length), lengths: new Int32Array(p.op.length), entries: new Int32Array(p.op.length) };
    caches.set(p, c);
  }
  return c;
}

/**
 * Runs innocuous instructions like `runFast` (same contract, never with stopAtBranch), using
 * compiled blocks where a whole block fits in the budget.
 */
export function runCompiled(m: Machine, p: AssembledProgram, budget: number, cache: BlockCache): number {
  const R = m.regs;
  const mem = m.view;
  const SLOT = p.slotOfAddress;
  let done = 0;
  while (done < budget) {
    const s = m.slot;
    let fn = cache.fns[s];
    const left = budget - done;
    if (fn === undefined) {
      if (++cache.entries[s] < HOT) {
        // Cold: interpret up to the end of this block, counting the entries of the next one.
        const n = runFast(m, p, left, true);
        m.branched = false;
        if (n === 0) return done;
        done += n;
        continue;
      }
      fn = compile(p, s, cache);
    }
    if (fn === null || cache.lengths[s] > left) {
      return done + runFast(m, p, fn === null ? left : Math.min(left, cache.lengths[s] - 1 || 1), false);
    }
    let quota = left;
    if (cache.entries[s] < HOT + WARM_CALLS) {
      cache.entries[s]++;
      quota = Math.min(left, WARM_ITERATIONS * cache.lengths[s]);
    }
    const n = fn(m, R, mem, SLOT, quota);
    if (n === 0) return done;
    done += n;
  }
  return done;
}

function reg(k: number): string {
  return k === 9 ? '0' : `g${k}`;
}

function compile(p: AssembledProgram, start: number, cache: BlockCache): BlockFunction | null {
  const K = p.code;
  let len = 0;
  for (let s = start; s < p.op.length && len < MAX_BLOCK; s++) {
    const op = K[4 * s];
    if (op >= Op.Generic) break;
    len++;
    if (op >= Op.Jmp && op <= Op.Ret) break;
  }
  if (len === 0 || !jitAvailable()) {
    cache.fns[start] = null;
    return null;
  }
  const live = flagLiveness(K, start, len);
  const used = new Set<number>();
  const written = new Set<number>();
  const body: string[] = [];
  const next = start + len;
  let loops = false;
  let tail = `nx = ${next};`;
  const bail = (j: number) => `{ ${'§WB'} m.slot = ${start + j}; return n + ${j}; }`;
  // `ad` to a physical RAM address: with paging (or EPT) a TLB hit looked up inline (the `ok` bits of
  // Mmu.fastRights, on locals), else plain RAM; anything else leaves to the slow path.
  let memory = false;
  const hit = (j: number, bit: string) => `v = ad >>> 12; e = HI[v & ${HINT_MASK}]; if (TAG[e] !== v || (OKB[e] & ${bit}) === 0 || (ad & 4095) > 4092) ${bail(j)} ST[e] = ++clk; hits++; ad = FR[e] | (ad & 4095);`;
  const rd = (j: number) => ((memory = true), `if (tr) { ${hit(j, 'rbit')} } else if (ad > ${LAST_WORD}) ${bail(j)}`);
  const wr = (j: number) => ((memory = true), `if (tr) { ${hit(j, 'wbit')} } else if (ad > ${LAST_WORD}) ${bail(j)}`);
  for (let j = 0; j < len; j++) {
    const s = start + j;
    const op = K[4 * s], a = K[4 * s + 1], b = K[4 * s + 2], c = K[4 * s + 3];
    const ra = reg(a), rb = reg(b), rc = reg(c);
    const use = (...ks: number[]) => ks.forEach((k) => k !== 9 && used.add(k));
    const def = (k: number) => {
      used.add(k);
      written.add(k);
    };
    // Only flags that something reads later get computed (see flagLiveness); same rules as fastpath.ts.
    const L = live[j];
    const f = (flag: number, code: string) => (L & flag ? code : '');
    const zsp = `${f(ZF, 'zf = r === 0;')} ${f(SF, 'sf = r < 0;')} ${f(PF, 'pv = r;')}`;
    const addFlags = `${f(CF, 'cf = r >>> 0 < x >>> 0;')} ${f(OF, 'of = ((x ^ r) & (y ^ r)) < 0;')} ${zsp} ${f(AF, 'av = x ^ y ^ r;')}`;
    const subFlags = `${f(CF, 'cf = x >>> 0 < y >>> 0;')} ${f(OF, 'of = ((x ^ y) & (x ^ r)) < 0;')} ${zsp} ${f(AF, 'av = x ^ y ^ r;')}`;
    const cleared = `${f(CF, 'cf = false;')} ${f(OF, 'of = false;')} ${f(AF, 'av = 0;')}`;
    const logic = (expr: string) => `r = ${expr}; ${ra} = r; ${cleared} ${zsp}`;
    // Shifts by `count` (a constant, or `y` already masked); the caller skips a count of 0.
    const shl = (count: string) => `r = x << ${count}; ${ra} = r; ${L & (CF | OF) ? `t = ((x >>> (32 - ${count})) & 1) !== 0;` : ''} ${f(CF, 'cf = t;')} ${f(OF, 'of = (r < 0) !== t;')} ${zsp} ${f(AF, 'av = 0;')}`;
    const shr = (count: string) => `r = (x >>> ${count}) | 0; ${ra} = r; ${f(CF, `cf = ((x >>> (${count} - 1)) & 1) !== 0;`)} ${f(OF, `of = ${count} === 1 && x < 0;`)} ${zsp} ${f(AF, 'av = 0;')}`;
    const mul = `r = Math.imul(x, y); ${ra} = r; ${L & (CF | OF) ? 't = (x >>> 0) * (y >>> 0) > 4294967295;' : ''} ${f(CF, 'cf = t;')} ${f(OF, 'of = t;')} ${zsp} ${f(AF, 'av = 0;')}`;
    const step = (delta: string) => `x = ${ra}; r = (x ${delta} 1) | 0; ${ra} = r; ${f(OF, `of = r === ${delta === '+' ? -2147483648 : 2147483647};`)} ${zsp} ${f(AF, 'av = x ^ r;')}`;
    const target = p.a[s];
    const cond = (expr: string) => {
      if (target === start) {
        loops = true;
        tail = `if (!(${expr})) { nx = ${next}; break; } if (left - n < ${len}) { nx = ${start}; break; }`;
      } else tail = `nx = (${expr}) ? ${target} : ${next};`;
    };
    switch (op) {
      case Op.Nop: break;
      case Op.MovRR: use(b); def(a); body.push(`${ra} = ${rb};`); break;
      case Op.MovRI: def(a); body.push(`${ra} = ${b};`); break;
      case Op.MovRM: use(b); def(a); body.push(`ad = (${rb} + ${c}) >>> 0; ${rd(j)} ${ra} = mem.getInt32(ad, true);`); break;
      case Op.MovMR: use(a, c); body.push(`ad = (${ra} + ${b}) >>> 0; ${wr(j)} mem.setInt32(ad, ${rc}, true);`); break;
      case Op.MovMI: use(a); body.push(`ad = (${ra} + ${b}) >>> 0; ${wr(j)} mem.setInt32(ad, ${c}, true);`); break;
      case Op.AddRR: use(b); def(a); body.push(`x = ${ra}; y = ${rb}; r = (x + y) | 0; ${ra} = r; ${addFlags}`); break;
      case Op.AddRI: def(a); body.push(`x = ${ra}; y = ${b}; r = (x + y) | 0; ${ra} = r; ${addFlags}`); break;
      case Op.SubRR: use(b); def(a); body.push(`x = ${ra}; y = ${rb}; r = (x - y) | 0; ${ra} = r; ${subFlags}`); break;
      case Op.SubRI: def(a); body.push(`x = ${ra}; y = ${b}; r = (x - y) | 0; ${ra} = r; ${subFlags}`); break;
      case Op.CmpRR: use(a, b); body.push(`x = ${ra}; y = ${rb}; r = (x - y) | 0; ${subFlags}`); break;
      case Op.CmpRI: use(a); body.push(`x = ${ra}; y = ${b}; r = (x - y) | 0; ${subFlags}`); break;
      case Op.AndRR: use(b); def(a); body.push(logic(`${ra} & ${rb}`)); break;
      case Op.AndRI: def(a); body.push(logic(`${ra} & ${b}`)); break;
      case Op.OrRR: use(b); def(a); body.push(logic(`${ra} | ${rb}`)); break;
      case Op.OrRI: def(a); body.push(logic(`${ra} | ${b}`)); break;
      case Op.XorRR: use(b); def(a); body.push(logic(`${ra} ^ ${rb}`)); break;
      case Op.XorRI: def(a); body.push(logic(`${ra} ^ ${b}`)); break;
      case Op.ShlRR: use(b); def(a); body.push(`y = ${rb} & 31; if (y !== 0) { x = ${ra}; ${shl('y')} }`); break;
      case Op.ShlRI: def(a); if (b & 31) body.push(`x = ${ra}; ${shl(String(b & 31))}`); break;
      case Op.ShrRR: use(b); def(a); body.push(`y = ${rb} & 31; if (y !== 0) { x = ${ra}; ${shr('y')} }`); break;
      case Op.ShrRI: def(a); if (b & 31) body.push(`x = ${ra}; ${shr(String(b & 31))}`); break;
      case Op.MulRR: use(b); def(a); body.push(`x = ${ra}; y = ${rb}; ${mul}`); break;
      case Op.MulRI: def(a); body.push(`x = ${ra}; y = ${b}; ${mul}`); break;
      case Op.Inc: def(a); body.push(step('+')); break;
      case Op.Dec: def(a); body.push(step('-')); break;
      case Op.PushR: use(a); def(8); body.push(`r = (g8 - 4) | 0; ad = r >>> 0; ${wr(j)} mem.setInt32(ad, ${ra}, true); g8 = r;`); break;
      case Op.PushI: def(8); body.push(`r = (g8 - 4) | 0; ad = r >>> 0; ${wr(j)} mem.setInt32(ad, ${a}, true); g8 = r;`); break;
      case Op.PopR: def(8); def(a); body.push(`ad = g8 >>> 0; ${rd(j)} x = mem.getInt32(ad, true); g8 = (g8 + 4) | 0; ${ra} = x;`); break;
      case Op.Jmp: cond('true'); break;
      case Op.Jz: cond('zf'); break;
      case Op.Jnz: cond('!zf'); break;
      case Op.Jl: cond('sf !== of'); break;
      case Op.Jg: cond('!zf && sf === of'); break;
      case Op.Jle: cond('zf || sf !== of'); break;
      case Op.Jge: cond('sf === of'); break;
      case Op.Jb: cond('cf'); break;
      case Op.Ja: cond('!cf && !zf'); break;
      case Op.Call:
        def(8);
        body.push(`r = (g8 - 4) | 0; ad = r >>> 0; ${wr(j)} mem.setInt32(ad, ${(p.slotAddress[s] + 4) | 0}, true); g8 = r;`);
        tail = `nx = ${target};`;
        break;
      case Op.Ret:
        def(8);
        body.push(`ad = g8 >>> 0; ${rd(j)} x = mem.getInt32(ad, true); g8 = (g8 + 4) | 0;`);
        tail = `nx = x >>> 0 < 65536 ? SLOT[x] : -1; if (nx < 0) { m.dynamicAddress = x >>> 0; nx = ${p.dynamicSlot}; }`;
        break;
      default:
        return null;
    }
  }
  const regs = [...used].sort((x, y) => x - y);
  const tlb = memory
    ? `const T = m.mmu, tr = T.translating, TB = T.tlb, TAG = TB.tag, OKB = TB.ok, FR = TB.frame, ST = TB.stamp, HI = TB.hint;
const rbit = m.cpl === 3 ? ${OK_READ_U} : ${OK_READ_K}, wbit = m.cpl === 3 ? ${OK_WRITE_U} : ${OK_WRITE_K}; let clk = TB.clock, hits = 0, v = 0, e = 0;`
    : '';
  const load = `${tlb} ${regs.map((k) => `let g${k} = R[${k}];`).join(' ')}`;
  const wb = `${[...written].map((k) => `R[${k}] = g${k};`).join(' ')} m.cf = cf; m.zf = zf; m.sf = sf; m.of = of; m.pv = pv; m.av = av;${memory ? ' TB.clock = clk; T.stats.tlbHits += hits;' : ''}`;
  const code = body.join('\n').split('§WB').join(wb);
  const source = loops
    ? `${load} let cf = m.cf, zf = m.zf, sf = m.sf, of = m.of, pv = m.pv, av = m.av, t = false, x = 0, y = 0, r = 0, ad = 0, nx = 0, n = 0;
for (;;) {
${code}
n += ${len};
${tail}
}
${wb} m.slot = nx; return n;`
    : `${load} let cf = m.cf, zf = m.zf, sf = m.sf, of = m.of, pv = m.pv, av = m.av, t = false, x = 0, y = 0, r = 0, ad = 0, nx = 0; const n = 0;
${code}
${tail}
${wb} m.slot = nx; return ${len};`;
  let fn: BlockFunction | null;
  try {
    fn = new Function('m', 'R', 'mem', 'SLOT', 'left', source) as BlockFunction;
  } catch {
    fn = null;
  }
  cache.fns[start] = fn;
  cache.lengths[start] = len;
  return fn;
}

const CF = 1, ZF = 2, SF = 4, OF = 8, PF = 16, AF = 32, ALL = 63;

/**
 * Flags each op may write, reads, and certainly writes (kills). A shift by a register count
 * writes its flags only when the count is not 0, so it kills none; ops that may bail out
 * (memory) read all of them.
 */
function flagEffects(op: number, count: number): [defs: number, uses: number, kills: number] {
  switch (op) {
    case Op.AddRR: case Op.AddRI: case Op.SubRR: case Op.SubRI: case Op.CmpRR: case Op.CmpRI:
    case Op.AndRR: case Op.AndRI: case Op.OrRR: case Op.OrRI: case Op.XorRR: case Op.XorRI:
    case Op.MulRR: case Op.MulRI:
      return [ALL, 0, ALL];
    case Op.ShlRI: case Op.ShrRI:
      return (count & 31) === 0 ? [0, 0, 0] : [ALL, 0, ALL];
    case Op.ShlRR: case Op.ShrRR:
      return [ALL, 0, 0];
    case Op.Inc: case Op.Dec:
      return [ALL & ~CF, 0, ALL & ~CF];
    case Op.Jz: case Op.Jnz: return [0, ZF, 0];
    case Op.Jl: case Op.Jge: return [0, SF | OF, 0];
    case Op.Jg: case Op.Jle: return [0, ZF | SF | OF, 0];
    case Op.Jb: return [0, CF, 0];
    case Op.Ja: return [0, CF | ZF, 0];
    case Op.MovRM: case Op.MovMR: case Op.MovMI: case Op.PushR: case Op.PushI: case Op.PopR: case Op.Call: case Op.Ret:
      return [0, ALL, 0];
    default:
      return [0, 0, 0];
  }
}

/**
 * For each instruction of a block, the flags it writes that are read later (by a jump, a
 * possible bail-out, or the machine after the block: all flags are live at the end).
 */
function flagLiveness(K: Int32Array, start: number, len: number): number[] {
  const out = new Array<number>(len).fill(0);
  let live = ALL;
  for (let j = len - 1; j >= 0; j--) {
    const i = 4 * (start + j);
    const [defs, uses, kills] = flagEffects(K[i], K[i + 2]);
    out[j] = defs & live;
    live = (live & ~kills) | uses;
  }
  return out;
}
