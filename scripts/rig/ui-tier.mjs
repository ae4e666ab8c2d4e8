// What the UI tiers (run-e2e.mjs, run-web.mjs) share: the packaged VSIX installed into a fresh
// code-server profile, then node:test files driving it through a browser page.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureRig, RigError } from './setup.mjs';
import { startCodeServer, makeProfile, installVsix, scratchWorkspace } from './server.mjs';
import { cleanupAll } from './cleanup.mjs';
import { ROOT, RESULTS } from './paths.mjs';
import { packageExtension, LINUX_X64_VSIX, VSIX } from '../package.mjs';

/**
 * Runs a UI tier and exits with its result. `name` tags the log and names the profile and the
 * workspace; `prepare(dirs)` changes the installed extension before the server starts; `testFiles()`
 * lists the test files (relative to the root); `installed` says how the extension is installed;
 * `target` which VSIX ('universal' or 'linux-x64') is packed and installed.
 * Options read from the command line: --grep PATTERN; KVM_LAB_KEEP_VSIX=1 reuses the packed VSIX.
 */
export async function runUiTier({ name, testFiles, installed, prepare = () => {}, target = 'universal' }) {
  const grepIndex = process.argv.indexOf('--grep');
  const grep = grepIndex > 0 ? process.argv[grepIndex + 1] : undefined;
  const say = (message) => console.log(`[${name}] ${message}`);

  async function main() {
    const vsix = target === 'linux-x64' ? LINUX_X64_VSIX : VSIX;
    if (!(process.env.KVM_LAB_KEEP_VSIX === '1' && existsSync(vsix))) {
      const { bytes, files } = packageExtension({ quiet: true, target });
      say(`packaged ${vsix} (${(bytes / 1024).toFixed(0)} KiB, ${files.length} files)`);
    }
    ensureRig();
    mkdirSync(join(RESULTS, 'screenshots'), { recursive: true });
    const dirs = makeProfile(name);
    installVsix(dirs, vsix);
    prepare(dirs);
    const server = await startCodeServer({ name, dirs });
    const workspace = scratchWorkspace(name);
    say(`code-server on ${server.origin}${installed}; workspace ${workspace}`);

    const files = testFiles();
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
    console.error(error instanceof RigError ? `[${name}] ${error.message}` : error);
  } finally {
    await cleanupAll();
  }
  process.exit(exitCode);
}
