/**
 * Guest instructions per second of the simulator's hot loop on an arithmetic loop, in `native`
 * and `vtx`, beside the same work written as plain JavaScript in the same process. The simulator
 * compiles blocks of innocuous code where it may (jit.ts); the interpreter alone, as in the
 * webview, is reported too. A simulator faster than its baseline would mean the baseline is weak:
 * the baseline is the fastest straightforward JavaScript for the program's work.
 *
 * The baseline is warmed up with short calls before the long ones. Otherwise V8 (Node 20) first
 * runs it in its interpreter until the loop is hot, compiles the loop alone (on-stack
 * replacement) before the code after it ever ran, and that compiled loop then deoptimizes at its
 * exit on every call, staying about 5× slower than the same function compiled whole.
 */
import { assemble, Simulation, type Mode } from '../src/core/sim';
import { bestCpuMs, type BenchLine } from './harness';

const ITERATIONS = 10_000_000;
/** Guest instructions per loop iteration below (add, xor, shl, shr, sub, dec, jnz). */
const PER_ITERATION = 7;
const INITIAL_R2 = 12345;

const SOURCE = `
_start:
    mov r0, ${ITERATIONS}
    mov r1, 0
    mov r2, ${INITIAL_R2}
loop:
    add r1, r2
    xor r2, r1
    shl r2, 1
    shr r1, 3
    sub r2, r0
    dec r0
    jnz loop
    hlt
`;

/**
 * The program's work in plain JavaScript: registers in locals, one statement per instruction, no
 * dispatch, and of the flags only what the program reads (ZF of `dec`, tested by `jnz`: the loop
 * condition). Returns r1 ^ r2, which the bench checks against the simulator's final registers.
 */
function handWritten(iterations: number): number {
  let r0 = iterations | 0;
  let r1 = 0;
  let r2 = INITIAL_R2;
  do {
    r1 = (r1 + r2) | 0;
    r2 ^= r1;
    r2 <<= 1;
    r1 = (r1 >>> 3) | 0;
    r2 = (r2 - r0) | 0;
    r0 = (r0 - 1) | 0;
  } while (r0 !== 0);
  return r1 ^ r2;
}

/** Iterations of the memory loop below (loads, stores, push and pop: 8 instructions each). */
const MEMORY_ITERATIONS = 3_000_000;

/**
 * A loop of loads, stores and stack accesses over identity-mapped RAM, with guest paging on or
 * off: with paging, each access is a TLB hit taken on the fast path (the JIT's inline lookup).
 */
function memorySource(paging: boolean): string {
  return `
_start:
    mov r0, 0
    mov r1, 0x9000
map:
    mov r2, r0
    shl r2, 12
    or r2, 3
    mov [r1], r2
    add r1, 4
    inc r0
    cmp r0, 16
    jnz map
    mov r1, 0x9003
    mov [0x8000], r1
    mov r1, 0x8000
    mov cr3, r1
    mov r1, ${paging ? '0x80000001' : '1'}
    mov cr0, r1
    mov r0, ${MEMORY_ITERATIONS}
    mov r1, 0
    mov r4, 0x6000
loop:
    mov r3, [r4]
    add r3, r1
    mov [r4+4], r3
    push r3
    pop r2
    add r1, r2
    dec r0
    jnz loop
    hlt
`;
}

/** Guest instructions per second of the memory loop (best of three runs), and its TLB hits. */
function memoryRate(paging: boolean, mode: Mode, compile = true): { rate: number; tlbHits: number } {
  const { program } = assemble(memorySource(paging));
  if (!program) throw new Error('memory bench program does not assemble');
  let instructions = 0;
  let tlbHits = 0;
  const [ms] = bestCpuMs([() => {
    const sim = new Simulation(program, { mode, maxSteps: 1e9, compile });
    sim.run(Infinity);
    const r = sim.result();
    if (r.exit.reason !== 'hlt') throw new Error(`memory bench guest did not halt in ${mode}`);
    instructions = r.stats.instructions;
    tlbHits = r.stats.memory.tlbHits;
    return instructions;
  }], 3);
  return { rate: instructions / (ms / 1000), tlbHits };
}

export default async (): Promise<BenchLine[]> => {
  const { program } = assemble(SOURCE);
  if (!program) throw new Error('bench program does not assemble');
  const guestInstructions = ITERATIONS * PER_ITERATION + 4;
  const simRun = (mode: Mode, compile = true) => () => {
    const sim = new Simulation(program, { mode, maxSteps: guestInstructions + 10, compile });
    sim.run(Infinity);
    const state = sim.state();
    if (!sim.isFinished || state.exit?.reason !== 'hlt') throw new Error(`bench guest did not halt in ${mode}`);
    return (state.registers.r1 ^ state.registers.r2) | 0;
  };

  // Short calls first, each run to its end in the interpreter: every operation gets type feedback
  // (the return too), so V8 compiles the whole function, not the loop alone.
  for (let i = 0; i < 300; i++) handWritten(16 + (i & 7));
  const expected = handWritten(ITERATIONS);
  if (simRun('native')() !== expected) throw new Error('the hand-written baseline does not compute what the guest program computes');

  let sink = 0;
  const [jsMs, nativeMs, vtxMs] = bestCpuMs([() => (sink ^= handWritten(ITERATIONS)), simRun('native'), simRun('vtx')]);
  // The interpreter alone: what the webview runs, its CSP forbidding generated code.
  const [interpretedMs] = bestCpuMs([simRun('native', false)], 3);
  if (sink === 0.5) console.log(sink);

  const rate = (ms: number) => guestInstructions / (ms / 1000);
  const jsRate = (ITERATIONS * PER_ITERATION) / (jsMs / 1000);
  const nativeRate = rate(nativeMs);
  const vtxRate = rate(vtxMs);
  const fastest = Math.max(nativeRate, vtxRate);
  const flat = memoryRate(false, 'native');
  const pagedNative = memoryRate(true, 'native');
  const pagedVtx = memoryRate(true, 'vtx');
  const pagedVtxInterpreted = memoryRate(true, 'vtx', false);
  // With paging (and under EPT always) the loop's 4 accesses per iteration must be TLB hits.
  for (const r of [pagedNative, pagedVtx, pagedVtxInterpreted]) if (r.tlbHits < 4 * MEMORY_ITERATIONS - 16) throw new Error('memory bench: the loop\'s accesses did not hit the TLB');
  return [
    { name: 'sim native, memory loop, paging off: instructions/s', value: flat.rate / 1e6, unit: 'M/s' },
    { name: 'sim native, memory loop, paging on (TLB hits): instructions/s', value: pagedNative.rate / 1e6, unit: 'M/s', goal: '>= 100', met: pagedNative.rate >= 100e6 },
    { name: 'sim vtx (EPT), memory loop, paging on (TLB hits): instructions/s', value: pagedVtx.rate / 1e6, unit: 'M/s', goal: '>= 100', met: pagedVtx.rate >= 100e6 },
    { name: 'sim vtx, memory loop, paging on, interpreter only (webview)', value: pagedVtxInterpreted.rate / 1e6, unit: 'M/s' },
    { name: 'sim native: guest instructions per second', value: nativeRate / 1e6, unit: 'M/s', goal: '>= 100', met: nativeRate >= 100e6 },
    { name: 'sim vtx: guest instructions per second', value: vtxRate / 1e6, unit: 'M/s', goal: '>= 100', met: vtxRate >= 100e6 },
    { name: 'sim native, interpreter only (webview): instructions/s', value: rate(interpretedMs) / 1e6, unit: 'M/s' },
    { name: 'hand-written JS loop, same work (baseline)', value: jsRate / 1e6, unit: 'M/s' },
    { name: 'sim native / hand-written JS', value: nativeRate / jsRate, unit: 'ratio', goal: '>= 0.25', met: nativeRate / jsRate >= 0.25 },
    { name: 'sim vtx / hand-written JS', value: vtxRate / jsRate, unit: 'ratio', goal: '>= 0.25', met: vtxRate / jsRate >= 0.25 },
    // Equal loops measure within a few per cent of each other: only more than that shows a weak baseline.
    { name: 'fastest sim / baseline (above 1: the baseline is weak)', value: fastest / jsRate, unit: 'ratio', goal: '<= 1.05', met: fastest / jsRate <= 1.05 },
  ];
};
