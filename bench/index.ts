/** `npm run bench`: runs every bench/*.bench.ts and prints its lines; exits 0 (goals are reported, not enforced). */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchLine } from './harness';

async function main(): Promise<void> {
  const only = process.argv[2];
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort();
  for (const file of files) {
    const mod = (await import(join(__dirname, file))) as { default: () => Promise<BenchLine[]> };
    console.log(`\n# ${file}`);
    for (const line of await mod.default()) {
      const goal = line.goal ? `  goal ${line.goal} ${line.met ? 'met' : 'NOT met'}` : '';
      console.log(`  ${line.name.padEnd(56)} ${line.value.toPrecision(4).padStart(10)} ${line.unit}${goal}`);
    }
  }
}

void main();
