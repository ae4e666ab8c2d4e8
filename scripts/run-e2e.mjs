// UI tier: the packaged VSIX installed into a real VS Code (code-server, started WITHOUT the smoke-test
// driver so that notifications show as a user sees them), driven through Debian's chromium by the
// test/e2e/*.e2e.ts files (node:test, one browser page each). Screenshots go to test-results/screenshots/.
// Options: --grep PATTERN (node:test name pattern), KVM_LAB_KEEP_VSIX=1 (reuse the packed VSIX).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureRig, startCodeServer, makeProfile, installVsix, cleanupAll, RigError, scratchWorkspace, ROOT, RESULTS } from './rig.mjs';
import { hostTarget, packageExtension, LINUX_X64_VSIX, VSIX } from './package.mjs';

const grepIndex = process.argv.indexOf('--grep');
const grep = grepIndex > 0 ? process.argv[grepIndex + 1] : undefined;

function say(message) {
  console.log(`[e2e] ${message}`);
}

async function main() {
  // The VSIX a user of this machine installs: on Linux x86-64 the one with koffi, so that the
  // panel's "Real KVM (this machine)" runs for real (test/e2e/kvm.e2e.ts); else the universal one.
  const target = hostTarget();
  const vsix = target === 'linux-x64' ? LINUX_X64_VSIX : VSIX;
  if (!(process.env.KVM_LAB_KEEP_VSIX === '1' && existsSync(vsix))) {
    const { bytes, files } = packageExtension({ quiet: true, target });
    say(`packaged ${vsix} (${(bytes / 1024).toFixed(0)} KiB, ${files.length} files)`);
  }
  ensureRig();
  mkdirSync(join(RESULTS, 'screenshots'), { recursive: true });
  const dirs = makeProfile('e2e');
  installVsix(dirs, vsix);
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

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(error instanceof RigError ? `[e2e] ${error.message}` : error);
} finally {
  await cleanupAll();
}
process.exit(exitCode);
