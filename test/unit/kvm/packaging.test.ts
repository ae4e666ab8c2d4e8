/**
 * Packaging of real KVM (scripts/package.mjs): the universal VSIX never carries koffi, the linux-x64
 * one carries exactly koffi's linux-x64 binary, each within its budget; `npm start` picks the one
 * for this machine.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';

const load = () => import(join(__dirname, '..', '..', '..', 'scripts', 'package.mjs'));
const BASE = ['extension/package.json', 'dist/extension.js', 'dist/extension.web.js', 'README.md'];
const BINARY = 'dist/koffi/build/koffi/linux_x64/koffi.node';
const KOFFI = ['dist/koffi/index.cjs', 'dist/koffi/src/koffi/index.cjs', 'dist/koffi/src/koffi/src/static.cjs', BINARY];

test('the universal VSIX refuses koffi; the linux-x64 one needs its binary and no other', async () => {
  const { checkContents, MAX_VSIX_BYTES, MAX_LINUX_X64_VSIX_BYTES } = await load();
  assert.doesNotThrow(() => checkContents(BASE, 500 * 1024));
  assert.throws(() => checkContents([...BASE, ...KOFFI], 500 * 1024), /universal VSIX must not ship koffi/);
  assert.doesNotThrow(() => checkContents([...BASE, ...KOFFI], 1300 * 1024, 'linux-x64'));
  assert.throws(() => checkContents(BASE, 500 * 1024, 'linux-x64'), /lacks koffi's binary/);
  assert.throws(() => checkContents([...BASE, ...KOFFI, 'dist/koffi/build/koffi/musl_x64/koffi.node'], 1300 * 1024, 'linux-x64'), /other platforms/);
  assert.throws(() => checkContents([...BASE, ...KOFFI, 'node_modules/koffi/index.cjs'], 1300 * 1024, 'linux-x64'), /must not/);
  assert.throws(() => checkContents(BASE, MAX_VSIX_BYTES + 1), /over the 1 MiB budget/);
  assert.throws(() => checkContents([...BASE, ...KOFFI], MAX_LINUX_X64_VSIX_BYTES + 1, 'linux-x64'), /linux-x64 VSIX is .* over the 2 MiB budget/);
});

test('npm start installs the linux-x64 VSIX on Linux x86-64 only', async () => {
  const { hostTarget } = await load();
  assert.equal(hostTarget('linux', 'x64'), 'linux-x64');
  for (const [platform, arch] of [['linux', 'arm64'], ['darwin', 'arm64'], ['win32', 'x64']]) assert.equal(hostTarget(platform, arch), 'universal');
});
