/**
 * Shared settings of the fuzz tests. `npm test` runs each with a fixed seed and a small number of
 * runs, so a failure always reproduces; `npm run fuzz` sets FUZZ_RUNS high and FUZZ_SEED to a
 * fresh value, which it prints so that a failure found there can be replayed.
 */
export interface FuzzParams {
  seed: number;
  numRuns: number;
}

const DEFAULT_SEED = 0x6b766d; // "kvm"

export function fuzzParams(defaultRuns: number): FuzzParams {
  const runs = Number(process.env.FUZZ_RUNS);
  const seed = Number(process.env.FUZZ_SEED);
  return {
    seed: Number.isInteger(seed) ? seed : DEFAULT_SEED,
    numRuns: Number.isInteger(runs) && runs > 0 ? runs : defaultRuns,
  };
}
