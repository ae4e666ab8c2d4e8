/**
 * Guest instructions per second of the simulator's hot loop on an arithmetic loop, in `native`
 * and `vtx`, beside a hand-written JavaScript loop doing the same work in the same process. The
 * simulator compiles blocks of innocuous code where it may (jit.ts); the interpreter alone, as in
 * the webview, is reported too.
 */
import { assemble, Simulation, type Mode } from '../src/core/sim';
import type { BenchLine } from './harness';

const ITERATIONS = 5_000_000;
/** Guest instructions per loop iteration below (add, xor, shl, shr, sub, dec, jnz). */
const PER_ITERATION = 7;

const SOURCE = `
_start:
    mov r0, ${ITERATIONS}
    mov r1, 0
    mov r2, 12345
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

/** The same work written directly in JavaScript (the speed of light for an interpreter). */
function handWritten(iterations: number): number {
  let r0 = iterations | 0;
  let r1 = 0;
  let r2 = 12345;
  let cf = false;
  let zf = false;
  let sf = false;
  while (true) {
    const s = (r1 + r2) | 0;
    cf = s >>> 0 < r1 >>> 0;
    r1 = s;
    r2 ^= r1;
    r2 <<= 1;
    r1 = (r1 >>> 3) | 0;
    const d = (r2 - r0) | 0;
    cf = r2 >>> 0 < r0 >>> 0;
    r2 = d;
    r0 = (r0 - 1) | 0;
    zf = r0 === 0;
    sf = r0 < 0;
    if (zf) break;
  }
  return (r1 ^ r2 ^ (cf ? 1 : 0) ^ (sf ? 2 : 0)) | 0;
}

/**
 * Best time of each candidate over `rounds` rounds, the candidates taking turns within a round,
 * so that a busy machine slows them alike. Measured in CPU time of this process (milliseconds),
 * which other processes on a shared machine disturb less than wall time.
 */
function bestOfRounds(candidates: (() => void)[], rounds = 7): number[] {
  for (const fn of candidates) fn();
  const best = candidates.map(() => Infinity);
  for (let r = 0; r < rounds; r++) {
    candidates.forEach((fn, i) => {
      const start = process.cpuUsage();
      fn();
      const used = process.cpuUsage(start);
      best[i] = Math.min(best[i], (used.user + used.system) / 1000);
    });
  }
  return best;
}

export default async (): Promise<BenchLine[]> => {
  const { program } = assemble(SOURCE);
  if (!program) throw new Error('bench program does not assemble');
  const guestInstructions = ITERATIONS * PER_ITERATION + 4;
  const simRun = (mode: Mode, compile = true) => () => {
    const sim = new Simulation(program, { mode, maxSteps: guestInstructions + 10, compile });
    sim.run(Infinity);
    if (!sim.isFinished || sim.state().exit?.reason !== 'hlt') throw new Error(`bench guest did not halt in ${mode}`);
  };
  let sink = 0;
  const [jsMs, nativeMs, vtxMs] = bestOfRounds([() => (sink ^= handWritten(ITERATIONS)), simRun('native'), simRun('vtx')]);
  // The interpreter alone: what the webview runs, its CSP forbidding generated code.
  const [interpretedMs] = bestOfRounds([simRun('native', false)], 3);
  const interpretedRate = guestInstructions / (interpretedMs / 1000);
  const jsRate = (ITERATIONS * PER_ITERATION) / (jsMs / 1000);
  const nativeRate = guestInstructions / (nativeMs / 1000);
  const vtxRate = guestInstructions / (vtxMs / 1000);
  if (sink === 0.5) console.log(sink);
  return [
    { name: 'sim native: guest instructions per second', value: nativeRate / 1e6, unit: 'M/s', goal: '>= 100', met: nativeRate >= 100e6 },
    { name: 'sim vtx: guest instructions per second', value: vtxRate / 1e6, unit: 'M/s', goal: '>= 100', met: vtxRate >= 100e6 },
    { name: 'sim native, interpreter only (webview): instructions/s', value: interpretedRate / 1e6, unit: 'M/s' },
    { name: 'hand-written JS loop, same work', value: jsRate / 1e6, unit: 'M/s' },
    { name: 'sim native / hand-written JS', value: nativeRate / jsRate, unit: 'ratio', goal: '>= 0.25', met: nativeRate / jsRate >= 0.25 },
    { name: 'sim vtx / hand-written JS', value: vtxRate / jsRate, unit: 'ratio', goal: '>= 0.25', met: vtxRate / jsRate >= 0.25 },
  ];
};
