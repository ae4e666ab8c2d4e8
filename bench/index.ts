/**
 * `npm run bench [-- FILTER]`: runs every bench/*.bench.ts (those whose name contains FILTER),
 * prints one table of all their lines with each goal beside its measure, and writes the same to
 * test-results/bench.json for later comparison. Goals are reported, not enforced: the exit code is
 * 0 unless a bench file could not run.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenchLine } from './harness';
import { formatTable, summarize, type BenchFileResult } from './table';

const RESULTS = resolve(__dirname, '..', 'test-results', 'bench.json');

/** A bench file's default export, checked: files are written by many hands. */
async function runFile(file: string): Promise<BenchLine[]> {
  const mod = (await import(join(__dirname, file))) as { default?: unknown };
  // A CommonJS-compiled module may arrive wrapped once more.
  const exported = typeof mod.default === 'function' ? mod.default : (mod.default as { default?: unknown } | undefined)?.default;
  if (typeof exported !== 'function') throw new Error('its default export is not a function returning BenchLine[]');
  const lines: unknown = await (exported as () => unknown)();
  if (!Array.isArray(lines)) throw new Error('its default export did not return an array of BenchLine');
  lines.forEach((line: Partial<BenchLine>, i) => {
    if (typeof line?.name !== 'string' || typeof line.value !== 'number' || typeof line.unit !== 'string') {
      throw new Error(`line ${i + 1} is not a BenchLine {name: string, value: number, unit: string}`);
    }
  });
  return lines as BenchLine[];
}

function commit(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: __dirname, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const filter = process.argv[2];
  const all = readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts')).sort();
  const files = all.filter((f) => !filter || f.includes(filter));
  if (files.length === 0) {
    console.error(`bench: no bench file matches "${filter}"; there are: ${all.join(', ')}`);
    process.exitCode = 1;
    return;
  }

  const results: BenchFileResult[] = [];
  for (const file of files) {
    process.stderr.write(`bench: ${file} … `);
    const start = performance.now();
    let lines: BenchLine[] = [];
    let error: string | undefined;
    try {
      lines = await runFile(file);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const seconds = (performance.now() - start) / 1000;
    process.stderr.write(`${error === undefined ? '' : 'failed, '}${seconds.toFixed(1)} s\n`);
    results.push({ file, seconds, lines, ...(error === undefined ? {} : { error }) });
  }

  const width = process.stdout.isTTY ? process.stdout.columns : 120;
  console.log(`\n${formatTable(results, width)}`);

  const summary = summarize(results);
  const report = {
    date: new Date().toISOString(),
    commit: commit(),
    node: process.version,
    cpu: cpus()[0]?.model,
    filter: filter ?? null,
    summary,
    files: results.map(({ file, seconds, error }) => ({ file, seconds, ...(error === undefined ? {} : { error }) })),
    rows: results.flatMap(({ file, lines }) => lines.map((line) => ({ file, ...line }))),
  };
  mkdirSync(join(RESULTS, '..'), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`(also written to ${relative(process.cwd(), RESULTS)})`);
  if (summary.failedFiles.length > 0) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
