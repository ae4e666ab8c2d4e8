// `npm run fuzz [-- FILTER]`: the fuzz tests (test/unit/fuzz/*.test.ts) with many more runs than
// `npm test` gives them and a fresh seed, printed first so that a failure can be replayed with
// `FUZZ_SEED=<seed> npm run fuzz`. FUZZ_RUNS (default 20000) and FUZZ_SEED override; FILTER keeps
// the files whose name contains it. test/unit/fuzz/config.ts reads both variables.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomInt } from 'node:crypto';
import { spawnSync } from 'node:child_process';

const DIR = 'test/unit/fuzz';
const DEFAULT_RUNS = 20000;

/** A positive integer from the environment, the default when unset, an error when malformed. */
function integerFromEnv(name, fallback, min) {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) {
    console.error(`fuzz: ${name} must be an integer >= ${min}, got "${text}"`);
    process.exit(2);
  }
  return value;
}

const runs = integerFromEnv('FUZZ_RUNS', DEFAULT_RUNS, 1);
// fast-check takes a 32-bit seed; a fresh one each time explores new inputs.
const seed = integerFromEnv('FUZZ_SEED', randomInt(0, 2 ** 31 - 1), -(2 ** 31));
const filter = process.argv[2];
const files = readdirSync(DIR)
  .filter((name) => name.endsWith('.test.ts') && (!filter || name.includes(filter)))
  .sort()
  .map((name) => join(DIR, name));
if (files.length === 0) {
  console.error(`fuzz: no test file in ${DIR}${filter ? ` matches "${filter}"` : ''}`);
  process.exit(1);
}

const replay = `FUZZ_SEED=${seed}${runs === DEFAULT_RUNS ? '' : ` FUZZ_RUNS=${runs}`} npm run fuzz${filter ? ` -- ${filter}` : ''}`;
console.log(`fuzz: seed ${seed}, ${runs} runs per property, ${files.length} file(s); replay with: ${replay}`);
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_SEED: String(seed), FUZZ_RUNS: String(runs) },
});
if (result.status !== 0) console.log(`\nfuzz: failed with seed ${seed}; replay with: ${replay}`);
process.exit(result.status ?? 1);
