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
  return [
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
