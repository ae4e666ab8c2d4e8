import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, unknown>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

test('every %key% of the manifest is translated in English and Chinese', () => {
  const manifest = readFileSync(join(root, 'package.json'), 'utf8');
  const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
  assert.ok(keys.length > 5, 'the manifest uses localized strings');
  for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
    const nls = readJson(file);
    for (const key of keys) assert.equal(typeof nls[key], 'string', `${file} lacks "${key}"`);
    assert.deepEqual(Object.keys(nls).filter((k) => !keys.includes(k)), [], `${file} has keys the manifest does not use`);
  }
});

test('every vscode.l10n.t string of the extension has a Chinese translation', () => {
  const bundle = readJson('l10n/bundle.l10n.zh-cn.json');
  // Only string literals are collected: a computed message cannot be translated by the bundle.
  const pattern = /l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g;
  const missing: string[] = [];
  const dirs = ['src/extension'].map((d) => join(root, d)).filter((d) => existsSync(d));
  for (const file of dirs.flatMap(sourceFiles)) {
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) {
      const message = match[1].replace(/\\'/g, "'").replace(/\\\\/g, '\\');
      if (typeof bundle[message] !== 'string') missing.push(`${file.slice(root.length + 1)}: ${message}`);
    }
  }
  assert.deepEqual(missing, []);
});
