// The manifest and the packaging rules a marketplace listing depends on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const load = (name: string) => import(join(root, 'scripts', name));

test('the manifest holds no placeholder value', () => {
  const text = JSON.stringify(manifest);
  assert.doesNotMatch(text, /example\.(invalid|com|org)|TODO|FIXME|lorem|your-?name/i);
  for (const field of ['repository', 'bugs', 'homepage']) {
    if (field in manifest) assert.match(JSON.stringify(manifest[field]), /https:\/\/(github\.com|gitlab\.com)\//, `${field} must point at a real public address`);
  }
  assert.equal(manifest.icon, 'dist/icon.png');
  assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
  assert.ok(manifest.categories.length > 0 && manifest.keywords.length > 0 && manifest.keywords.length <= 30);
  assert.match(manifest.engines.node, /^>=\d+\.\d+/);
});

test('the icon renders from media/icon.svg to a 128×128 PNG', async () => {
  const { renderIcon, ICON_SIZE } = await load('icon.mjs');
  const png: Buffer = readFileSync(renderIcon());
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  // IHDR: width and height, big-endian, at bytes 16 and 20.
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [ICON_SIZE, ICON_SIZE]);
  assert.equal(ICON_SIZE, 128);
});

test('the packaging check refuses the CLI bundle, sources, maps and node_modules, and a VSIX over 1 MB', async () => {
  const { checkContents } = await load('package.mjs');
  const ok = ['package.json', 'dist/extension.js', 'dist/webview.js', 'dist/icon.png', 'README.md'];
  assert.doesNotThrow(() => checkContents(ok, 500 * 1024));
  for (const file of ['dist/cli.js', 'src/extension/extension.ts', 'dist/extension.js.map', 'node_modules/markdown-it/index.js']) {
    assert.throws(() => checkContents([...ok, file], 500 * 1024), new RegExp(file.replace(/\./g, '\\.')));
  }
  assert.throws(() => checkContents(ok, 1024 * 1024 + 1), /over the 1 MiB budget/);
  // Real KVM's worker ships only with koffi, in the linux-x64 VSIX.
  assert.throws(() => checkContents([...ok, 'dist/kvmWorker.js'], 500 * 1024), /must not ship koffi/);
});

test('the README links become absolute only when the publisher gives a base URL', async () => {
  const { linkOptions } = await load('package.mjs');
  assert.deepEqual(linkOptions({}), ['--no-rewrite-relative-links']);
  assert.deepEqual(linkOptions({ KVM_LAB_BASE_URL: 'https://host.test/kvm-lab/main/' }), ['--baseContentUrl', 'https://host.test/kvm-lab/main/', '--baseImagesUrl', 'https://host.test/kvm-lab/main/']);
  assert.throws(() => linkOptions({ KVM_LAB_BASE_URL: 'http://insecure.test/' }), /https/);
});

// The VSIX ships the README's pictures and no other: each one the README shows must be allowlisted
// in .vscodeignore (or the installed extension's page has a broken image), and no other image may be.
test('.vscodeignore allowlists exactly the pictures the README shows', () => {
  const root = join(__dirname, '..', '..', '..');
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const shown = new Set([...readme.matchAll(/\]\((docs\/images\/[^)\s]+)\)/g)].map((m) => m[1]));
  const allowed = new Set(
    readFileSync(join(root, '.vscodeignore'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('!docs/images/'))
      .map((line) => line.slice(1).trim()),
  );
  assert.ok(shown.size > 0);
  assert.deepEqual([...allowed].sort(), [...shown].sort());
});
