// The browser bundle's guard: a Node built-in or Node global reached from extension.web.ts fails the build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- an .mjs module without type declarations
import { noNodePlugin } from '../../../scripts/no-node-plugin.mjs';

const ROOT = join(__dirname, '..', '..', '..');

/** Bundles `entry` as the browser build does; returns esbuild's error texts (empty: it built). */
async function browserBuild(entry: string, ownSources?: RegExp): Promise<string[]> {
  try {
    await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'cjs',
      external: ['vscode'],
      logLevel: 'silent',
      plugins: [noNodePlugin(ownSources ? { ownSources } : undefined)],
    });
    return [];
  } catch (error) {
    return (error as { errors?: { text: string }[] }).errors?.map((e) => e.text) ?? [String(error)];
  }
}

function scratch(files: Record<string, string>): { dir: string; done(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'kvl-nonode-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

test('the real browser entry builds with no Node built-in and no Node global', async () => {
  assert.deepEqual(await browserBuild(join(ROOT, 'src', 'extension', 'extension.web.ts')), []);
});

test('a Node built-in imported deep in the graph fails the build and names the importer', async () => {
  for (const spec of ['node:fs', 'worker_threads', 'path', 'fs/promises']) {
    const s = scratch({ 'entry.ts': "import './deep';\n", 'deep.ts': `import * as m from '${spec}';\nexport const x = m;\n` });
    try {
      const errors = await browserBuild(join(s.dir, 'entry.ts'));
      assert.equal(errors.length, 1, `${spec}: ${errors.join('; ')}`);
      assert.match(errors[0], new RegExp(`Node built-in "${spec}" \\(imported by .*deep\\.ts\\)`));
    } finally {
      s.done();
    }
  }
});

test("Node's globals in our own sources fail the build; the words in comments do not", async () => {
  const s = scratch({
    'ok.ts': '// process.env is read by the Node entry only\nexport const fine = 1;\n',
    'bad.ts': "import './ok';\nexport const demo = process.env.KVM_LAB_DEMO;\n",
  });
  try {
    assert.deepEqual(await browserBuild(join(s.dir, 'ok.ts'), /kvl-nonode-/), []);
    const errors = await browserBuild(join(s.dir, 'bad.ts'), /kvl-nonode-/);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /Node's globals: .*bad\.ts:2: export const demo = process\.env/);
  } finally {
    s.done();
  }
});

test('the Node-only demo start (process.env) cannot slip into the browser bundle', async () => {
  const errors = await browserBuild(join(ROOT, 'src', 'extension', 'demo.ts'));
  assert.equal(errors.length, 1);
  assert.match(errors[0], /demo\.ts:\d+: .*process\.env\.KVM_LAB_DEMO/);
});

test('the Node entry\'s outline worker cannot reach the browser bundle', async () => {
  for (const file of [join('taxonomy', 'outlineRunner.ts'), join('platform', 'node.ts'), 'extension.ts']) {
    const errors = await browserBuild(join(ROOT, 'src', 'extension', file));
    // Whichever the build meets first: its `node:` imports or its `__dirname`, both in outlineRunner.ts.
    assert.ok(errors.some((e) => /Node built-in "node:\w+" \(imported by src\/extension\/taxonomy\/outlineRunner\.ts\)|Node's globals: src\/extension\/taxonomy\/outlineRunner\.ts/.test(e)), `${file}: ${errors.join('; ')}`);
  }
});
