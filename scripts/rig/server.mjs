// Starts and stops one isolated code-server: its own config, user data, extensions, XDG folders
// and a short TMPDIR (VS Code's IPC socket paths must stay under ~107 characters). It runs in its
// own process group so stopping it also stops its extension host and file watchers.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { cpSync, mkdtempSync, mkdirSync, writeFileSync, rmSync, openSync, closeSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { NODE24_BIN, CS_ENTRY, RESULTS, FIXTURE_WORKSPACE } from './paths.mjs';
import { node24Env, RigError } from './setup.mjs';
import { onCleanup } from './cleanup.mjs';

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'window.restoreWindows': 'none',
  'editor.minimap.enabled': false,
  // UI tests' workspaces may sit inside this repository; the offer to open it is noise on screen.
  'git.openRepositoryInParentFolders': 'never',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/**
 * A profile whose workspaces open in Restricted Mode: trust on, and never asked, so a folder
 * nobody trusted stays untrusted (the modal prompt would otherwise wait for a click).
 */
export const RESTRICTED_MODE_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.emptyWindow': false,
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A fresh, short-pathed home for one code-server run. */
export function makeProfile(name, extraSettings = {}) {
  const home = mkdtempSync(`/tmp/kvl-${name}-`);
  const dirs = {
    home,
    data: join(home, 'data'),
    extensions: join(home, 'ext'),
    config: join(home, 'config.yaml'),
    tmp: join(home, 't'),
  };
  for (const sub of ['data/User', 'ext', 't', 'xdg/config', 'xdg/data', 'xdg/cache', 'xdg/run']) {
    mkdirSync(join(home, sub), { recursive: true, mode: 0o700 });
  }
  writeFileSync(join(dirs.data, 'User', 'settings.json'), `${JSON.stringify({ ...SETTINGS, ...extraSettings }, null, 2)}\n`);
  writeFileSync(dirs.config, 'auth: none\ncert: false\n');
  return dirs;
}

function profileEnv(dirs) {
  const env = node24Env();
  // Whatever VS Code a caller runs inside must not leak its IPC hooks into ours.
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_') || key.startsWith('ELECTRON_')) delete env[key];
  }
  return {
    ...env,
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: join(dirs.home, 'xdg/config'),
    XDG_DATA_HOME: join(dirs.home, 'xdg/data'),
    XDG_CACHE_HOME: join(dirs.home, 'xdg/cache'),
    XDG_RUNTIME_DIR: join(dirs.home, 'xdg/run'),
  };
}

function commonArgs(dirs) {
  return ['--config', dirs.config, '--user-data-dir', dirs.data, '--extensions-dir', dirs.extensions];
}

/** `code-server --install-extension FILE.vsix` into the profile (about a second). */
export function installVsix(dirs, vsix) {
  const result = spawnSync(NODE24_BIN, [CS_ENTRY, ...commonArgs(dirs), '--install-extension', vsix], {
    env: profileEnv(dirs),
    encoding: 'utf8',
    timeout: 120_000,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new RigError(`code-server could not install ${vsix}:\n${output.trim() || result.error?.message}`);
  }
}

async function waitUntilServing(port, child, logFile, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-3000) : '';
  throw new RigError(`code-server did not start on port ${port} (${child.exitCode === null ? 'timeout' : `exit ${child.exitCode}`}); log ${logFile}:\n${log}`);
}

/**
 * Starts code-server. `smokeDriver` adds `enable-smoke-test-driver`, which the extension-host
 * test payload needs and which also hides notification toasts (so UI tests run without it).
 * `env` reaches the extension host (it inherits the server's environment).
 * `port` defaults to a free one. `workspaceTrust` leaves workspace trust on (the profile must then
 * enable it, see RESTRICTED_MODE_SETTINGS). `locale` (e.g. 'zh-cn') sets VS Code's display language,
 * hence `vscode.env.language` in the extension host; without it the server runs in English.
 * Returns { port, origin, dirs, logFile, stop() }.
 */
export async function startCodeServer({ name, smokeDriver = false, dirs = makeProfile(name), env = {}, timeoutMs = 60_000, port: wanted, workspaceTrust = false, locale }) {
  const port = wanted ?? (await freePort());
  if (locale) registerEmptyLanguagePack(dirs, locale);
  mkdirSync(RESULTS, { recursive: true });
  const logFile = join(RESULTS, `code-server-${name}.log`);
  const logFd = openSync(logFile, 'w');
  const args = [
    CS_ENTRY, ...commonArgs(dirs),
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    ...(smokeDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(locale ? ['--locale', locale] : []),
  ];
  // detached => setsid(): the server and everything it spawns share one new process group.
  const child = spawn(NODE24_BIN, args, { env: { ...profileEnv(dirs), ...env }, detached: true, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    killGroup('SIGTERM');
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline && groupAlive(child.pid)) await new Promise((r) => setTimeout(r, 100));
    killGroup('SIGKILL');
    rmSync(dirs.home, { recursive: true, force: true });
    unregister();
  };
  const unregister = onCleanup({
    async: stop,
    sync: () => {
      killGroup('SIGKILL');
      rmSync(dirs.home, { recursive: true, force: true });
    },
  });
  await waitUntilServing(port, child, logFile, timeoutMs).catch(async (error) => {
    await stop();
    throw error;
  });
  return { port, origin: `http://127.0.0.1:${port}`, dirs, logFile, stop };
}

/**
 * VS Code switches its display language only when a language pack for it is registered (else it
 * falls back to English whatever `--locale` says), and no pack can be downloaded here. This
 * registers one with no translations: VS Code's own texts stay English (the fallback for every
 * message a pack lacks), while the workbench, hence `vscode.env.language`, is `locale`.
 * Written after any `--install-extension`, which rewrites languagepacks.json from the installed packs.
 */
function registerEmptyLanguagePack(dirs, locale) {
  const translations = join(dirs.home, `empty-language-pack.${locale}.json`);
  writeFileSync(translations, JSON.stringify({ contents: {} }));
  const pack = { hash: 'kvm-lab-rig-empty', label: locale, extensions: [{ extensionIdentifier: { id: 'kvm-lab.rig-empty-language-pack' }, version: '0.0.0' }], translations: { vscode: translations } };
  writeFileSync(join(dirs.data, 'languagepacks.json'), JSON.stringify({ [locale]: pack }, null, 2));
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A throw-away copy of the fixture workspace: a test that edits a fixture (or an auto-save) never dirties the repository. */
export function scratchWorkspace(name) {
  const workspace = join(RESULTS, `${name}-workspace`);
  rmSync(workspace, { recursive: true, force: true });
  cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
  return workspace;
}

/** The workbench URL for a folder, optionally with a dev-extension/test payload (smoke driver only). */
export function workbenchUrl(origin, folder, payload) {
  let url = `${origin}/?folder=${encodeURIComponent(folder)}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}
