// `npm start`: builds the VSIX and opens it in a real VS Code with the built-in study note and the
// simulator open. With VS Code's `code` command on the PATH it installs the VSIX there; otherwise it
// runs the test rig's code-server (VS Code in the browser) on 127.0.0.1 until Ctrl-C.
// KVM_LAB_DEMO=1 in the editor's environment tells the extension to open the note and the simulator
// (src/extension/demo.ts); the demo folder holds the example guest programs to try.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ensureRig, startCodeServer, makeProfile, installVsix, cleanupAll, freePort, RigError, ROOT } from './rig.mjs';
import { hostTarget, koffiBinary, packageExtension } from './package.mjs';

const DEMO = join(ROOT, '.vscode-test', 'demo');

function say(message) {
  console.log(`[start] ${message}`);
}

function makeDemoFolder() {
  rmSync(DEMO, { recursive: true, force: true });
  mkdirSync(DEMO, { recursive: true });
  cpSync(join(ROOT, 'examples'), join(DEMO, 'examples'), { recursive: true });
  cpSync(join(ROOT, 'test', 'fixtures', 'workspace', 'sample-note.md'), join(DEMO, 'sample-note.md'));
  writeFileSync(join(DEMO, 'my-note.md'), '# My virtualization note\n\n- Hypervisor\n  - Type 1: ESXi, Xen\n  - Type 2 (hosted): KVM with QEMU\n- VM exit\n');
}

function vscodeCli() {
  const found = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
  if (found.status !== 0) return undefined;
  const path = found.stdout.trim();
  // code-server also installs a `code` shim on some machines; it cannot open a desktop window.
  const version = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  return version.status === 0 && !/code-server/i.test(version.stdout) ? path : undefined;
}

async function portFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function main() {
  // On Linux x86-64 the VSIX that carries koffi, so that real KVM works in the panel; else the universal one.
  const target = hostTarget() === 'linux-x64' && koffiBinary() ? 'linux-x64' : 'universal';
  const { vsix: VSIX, bytes } = packageExtension({ quiet: true, target });
  say(`built ${VSIX} (${(bytes / 1024).toFixed(0)} KiB, ${target})`);
  makeDemoFolder();
  const code = vscodeCli();
  if (code) {
    const install = spawnSync(code, ['--install-extension', VSIX, '--force'], { stdio: 'inherit' });
    if (install.status !== 0) throw new RigError(`\`code --install-extension\` failed (exit ${install.status})`);
    spawnSync(code, ['--new-window', DEMO], { stdio: 'inherit', env: { ...process.env, KVM_LAB_DEMO: '1' } });
    say('opened in VS Code: the built-in note and the simulator open beside the demo folder');
    return;
  }
  ensureRig();
  const dirs = makeProfile('start');
  installVsix(dirs, VSIX);
  const wanted = Number(process.env.KVM_LAB_PORT ?? 8123);
  const port = (await portFree(wanted)) ? wanted : await freePort();
  const server = await startCodeServer({ name: 'start', dirs, port, env: { KVM_LAB_DEMO: '1' }, timeoutMs: 90_000 });
  say('VS Code (code-server) is running with KVM Lab installed. Open in a browser:');
  console.log(`\n    ${server.origin}/?folder=${encodeURIComponent(DEMO)}\n`);
  say('the built-in study note and the simulator open when the page loads; Ctrl-C stops the server');
  await new Promise(() => {});
}

try {
  await main();
} catch (error) {
  console.error(error instanceof RigError ? `[start] ${error.message}` : error);
  await cleanupAll();
  process.exit(1);
}
