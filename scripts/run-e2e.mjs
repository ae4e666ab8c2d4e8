// UI tier: the packaged VSIX installed into a real VS Code (code-server, started WITHOUT the smoke-test
// driver so that notifications show as a user sees them), driven through Debian's chromium by the
// test/e2e/*.e2e.ts files (node:test, one browser page each). Screenshots go to test-results/screenshots/.
// Options: --grep PATTERN (node:test name pattern), KVM_LAB_KEEP_VSIX=1 (reuse dist/kvm-lab.vsix).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ensureRig, startCodeServer, makeProfile, installVsix, cleanupAll, RigError, scratchWorkspace, ROOT, RESULTS } from './rig.mjs';
import { packageExtension, VSIX } from './package.mjs';

const grepIndex = process.argv.indexOf('--grep');
const grep = grepIndex > 0 ? process.argv[grepIndex + 1] : undefined;

function say(message) {
  console.log(`[e2e] ${message}`);
}

async function main() {
  if (!(process.env.KVM_LAB_KEEP_VSIX === '1' && existsSync(VSIX))) {
    const { bytes, files } = packageExtension({ quiet: true });
    say(`packaged ${VSIX} (${(bytes / 1024).toFixed(0)} KiB, ${files.length} files)`);
  }
  ensureRig();
  mkdirSync(join(RESULTS, 'screenshots'), { recursive: true });
  const dirs = makeProfile('e2e');
  installVsix(dirs, VSIX);
  linkKoffi(dirs);
  const server = await startCodeServer({ name: 'e2e', dirs });
  const workspace = scratchWorkspace('e2e');
  say(`code-server on ${server.origin} with the VSIX installed; workspace ${workspace}`);

  const files = readdirSync(join(ROOT, 'test', 'e2e'))
    .filter((name) => name.endsWith('.e2e.ts'))
    .sort()
    .map((name) => join('test', 'e2e', name));
  if (files.length === 0) throw new RigError('no UI tests found under test/e2e');
  // One file at a time: they share one server and a 2-core machine.
  const args = ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec'];
  if (grep) args.push('--test-name-pattern', grep);
  const result = spawnSync(process.execPath, [...args, ...files], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, KVM_LAB_E2E_ORIGIN: server.origin, KVM_LAB_E2E_WORKSPACE: workspace },
  });
  return result.status ?? 1;
}

/**
 * The universal VSIX ships without koffi (its native binary alone is over the VSIX budget), so the
 * installed extension says real KVM is unavailable and why. On a Linux x64 machine the UI tests
 * put koffi beside the installed extension, as a linux-x64 build of the extension would carry it,
 * so that the "Real KVM (this machine)" mode runs for real (test/e2e/kvm.e2e.ts).
 */
function linkKoffi(dirs) {
  if (process.platform !== 'linux' || process.arch !== 'x64') return;
  const installed = readdirSync(dirs.extensions).find((name) => name.startsWith('kvm-lab.kvm-lab-'));
  if (!installed) return;
  const modules = join(dirs.extensions, installed, 'node_modules');
  for (const name of ['koffi', join('@koromix', 'koffi-linux-x64')]) {
    const from = join(ROOT, 'node_modules', name);
    if (!existsSync(from)) return say(`koffi is not installed here (${from}): the real KVM mode will say so`);
    mkdirSync(join(modules, name, '..'), { recursive: true });
    if (!existsSync(join(modules, name))) symlinkSync(from, join(modules, name), 'dir');
  }
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(error instanceof RigError ? `[e2e] ${error.message}` : error);
} finally {
  await cleanupAll();
}
process.exit(exitCode);
