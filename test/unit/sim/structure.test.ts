import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { buildSync } from 'esbuild';

const SIM = join(__dirname, '..', '..', '..', 'src', 'core', 'sim');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Relative imports of each file, type-only ones included (a circle of types is a circle too). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(SIM)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => resolve(dirname(file), m[1]) + '.ts');
    graph.set(file, targets.filter((t) => t.startsWith(SIM)));
  }
  return graph;
}

test('src/core/sim has no import circle', () => {
  const graph = importGraph();
  assert.ok(graph.size > 20, 'the graph was read');
  const state = new Map<string, 'open' | 'done'>();
  const circles: string[] = [];
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      circles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(SIM, f)).join(' → '));
      return;
    }
    state.set(file, 'open');
    for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of graph.keys()) visit(file, []);
  assert.deepEqual(circles, []);
});

test('the bundle inlines the opcodes: the fast path switches on literal case labels', () => {
  const out = buildSync({ entryPoints: [join(SIM, 'index.ts')], bundle: true, write: false, format: 'esm', platform: 'neutral', logLevel: 'silent' });
  const text = out.outputFiles[0].text;
  const start = text.indexOf('function runFast(');
  assert.ok(start >= 0, 'runFast is in the bundle');
  const body = text.slice(start, text.indexOf('\n}\n', start));
  assert.equal((body.match(/\bOp\./g) ?? []).length, 0, 'no Op.X lookups left in runFast');
  assert.ok((body.match(/case \d+/g) ?? []).length >= 40, 'case labels are numbers');
});
