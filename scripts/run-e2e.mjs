// UI tier: the packaged VSIX installed into a real VS Code (code-server, started WITHOUT the smoke-test
// driver so that notifications show as a user sees them), driven through Debian's chromium by the
// test/e2e/*.e2e.ts files (node:test, one browser page each). Screenshots go to test-results/screenshots/.
// Files named *.zh.e2e.ts run afterwards in a second code-server whose display language is Chinese
// (zh-cn), with `kvmLab.language` left at `auto`.
// Options: --grep PATTERN (node:test name pattern), --file TEXT (only the files whose name contains
// it), KVM_LAB_KEEP_VSIX=1 (reuse dist/kvm-lab.vsix).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureRig, startCodeServer, makeProfile, installVsix, cleanupAll, RigError, scratchWorkspace, ROOT, RESULTS } from './rig.mjs';
import { packageExtension, VSIX } from './package.mjs';

const grepIndex = process.argv.indexOf('--grep');
const grep = grepIndex > 0 ? process.argv[grepIndex + 1] : undefined;
const fileIndex = process.argv.indexOf('--file');
const fileFilter = fileIndex > 0 ? process.argv[fileIndex + 1] : undefined;

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
  const all = readdirSync(join(ROOT, 'test', 'e2e'))
    .filter((name) => name.endsWith('.e2e.ts') && (!fileFilter || name.includes(fileFilter)))
    .sort()
    .map((name) => join('test', 'e2e', name));
  if (all.length === 0) throw new RigError('no UI tests found under test/e2e');
  const chinese = all.filter((file) => file.endsWith('.zh.e2e.ts'));
  const english = all.filter((file) => !chinese.includes(file));
  let status = 0;
  if (english.length > 0) status = await runFiles(english, { name: 'e2e' });
  if (chinese.length > 0) {
    const zh = await runFiles(chinese, { name: 'e2e-zh', locale: 'zh-cn', settings: { 'kvmLab.language': 'auto' } });
    status = status || zh;
  }
  return status;
}

/** Runs `files` against a fresh code-server with the VSIX installed (optionally in another display language). */
async function runFiles(files, { name, locale, settings = {} }) {
  const dirs = makeProfile(name, settings);
  installVsix(dirs, VSIX);
  const server = await startCodeServer({ name, dirs, locale });
  const workspace = scratchWorkspace(name);
  say(`code-server on ${server.origin} with the VSIX installed${locale ? `, display language ${locale}` : ''}; workspace ${workspace}`);
  // One file at a time: they share one server and a 2-core machine.
  const args = ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec'];
  if (grep) args.push('--test-name-pattern', grep);
  const result = spawnSync(process.execPath, [...args, ...files], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, KVM_LAB_E2E_ORIGIN: server.origin, KVM_LAB_E2E_WORKSPACE: workspace, ...(locale ? { KVM_LAB_E2E_LOCALE: locale } : {}) },
  });
  await server.stop();
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
