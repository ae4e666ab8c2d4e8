// The CLI's modules import each other without a circle (commands/index.ts lists the commands;
// each command imports only ../command for its type). Walks the relative imports of src/cli.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'src', 'cli');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : name.endsWith('.ts') ? [full] : [];
  });
}

/** Relative imports, `import type` included: a type-only circle still ties the files together. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\b[^'";]*?from\s+'(\.{1,2}\/[^']+)'/gm)) {
    const base = resolve(dirname(file), m[1]);
    const target = [`${base}.ts`, join(base, 'index.ts')].find(existsSync);
    if (target && target.startsWith(CLI)) found.push(target);
  }
  return found;
}

test('imports: no circle among the modules of src/cli', () => {
  const files = sourceFiles(CLI);
  assert.ok(files.length >= 10, 'the walk found the CLI sources');
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  assert.ok((graph.get(join(CLI, 'commands', 'index.ts')) ?? []).length >= 6, 'the walk sees the command registry\'s imports');
  const state = new Map<string, 'open' | 'done'>();
  const circles: string[] = [];
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      circles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(CLI, f)).join(' → '));
      return;
    }
    state.set(file, 'open');
    for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of files) visit(file, []);
  assert.deepEqual(circles, []);
});
