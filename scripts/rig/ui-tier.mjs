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
 * workspace; `prepare(dirs)` changes the installed extension before a server starts; `testFiles(filter)`
 * lists the test files (relative to the root; `filter` from --file); `installed` says how the
 * extension is installed; `target` which VSIX ('universal' or 'linux-x64') is packed and installed;
 * `groups(files)` splits the files among servers, each `{ name, files, locale?, settings? }` (a
 * display language, settings for its profile), run one after the other on a fresh code-server.
 * Options read from the command line: --grep PATTERN, --file TEXT; KVM_LAB_KEEP_VSIX=1 reuses the packed VSIX.
 */
export async function runUiTier({ name, testFiles, installed, prepare = () => {}, target = 'universal', groups = (files) => [{ name, files }] }) {
  const option = (flag) => {
    const index = process.argv.indexOf(flag);
    return index > 0 ? process.argv[index + 1] : undefined;
  };
  const grep = option('--grep');
  const fileFilter = option('--file');
  const say = (message) => console.log(`[${name}] ${message}`);

  async function runGroup(vsix, group) {
    const dirs = makeProfile(group.name, group.settings ?? {});
    installVsix(dirs, vsix);
    prepare(dirs);
    const server = await startCodeServer({ name: group.name, dirs, locale: group.locale });
    const workspace = scratchWorkspace(group.name);
    say(`code-server on ${server.origin}${installed}${group.locale ? `, display language ${group.locale}` : ''}; workspace ${workspace}`);
    // One file at a time: they share one server and a 2-core machine.
    const args = ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec'];
    if (grep) args.push('--test-name-pattern', grep);
    const result = spawnSync(process.execPath, [...args, ...group.files], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, KVM_LAB_E2E_ORIGIN: server.origin, KVM_LAB_E2E_WORKSPACE: workspace, ...(group.locale ? { KVM_LAB_E2E_LOCALE: group.locale } : {}) },
    });
    await server.stop();
    return result.status ?? 1;
  }

  async function main() {
    const vsix = target === 'linux-x64' ? LINUX_X64_VSIX : VSIX;
    if (!(process.env.KVM_LAB_KEEP_VSIX === '1' && existsSync(vsix))) {
      const { bytes, files } = packageExtension({ quiet: true, target });
      say(`packaged ${vsix} (${(bytes / 1024).toFixed(0)} KiB, ${files.length} files)`);
    }
    ensureRig();
    mkdirSync(join(RESULTS, 'screenshots'), { recursive: true });
    let status = 0;
    for (const group of groups(testFiles(fileFilter))) {
      if (group.files.length > 0) status = (await runGroup(vsix, group)) || status;
    }
    return status;
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
