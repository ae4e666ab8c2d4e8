// The real-VS-Code test rig: code-server (Node 24) + Debian's chromium through playwright-core.
// `node scripts/rig.mjs` sets it up (idempotent); the runners import the functions below.
import { fileURLToPath } from 'node:url';
import { ensureRig, RigError } from './rig/setup.mjs';

export { ensureRig, RigError, node24Env } from './rig/setup.mjs';
export { startCodeServer, makeProfile, installVsix, workbenchUrl, freePort, scratchWorkspace, RESTRICTED_MODE_SETTINGS } from './rig/server.mjs';
export { launchBrowser } from './rig/browser.mjs';
export { onCleanup, cleanupAll } from './rig/cleanup.mjs';
export * from './rig/paths.mjs';

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    ensureRig();
    console.log('[rig] ready');
  } catch (error) {
    console.error(error instanceof RigError ? `[rig] ${error.message}` : error);
    process.exit(1);
  }
}
