// Whatever a runner starts (code-server groups, browsers) registers here, so it is stopped on a
// normal end, on failure and on Ctrl-C alike.
const asyncCleanups = [];
const syncCleanups = [];
let installed = false;
let running = false;

/** `sync` must be safe inside process 'exit' (no awaiting); `async` gets a chance first when we can wait. */
export function onCleanup({ sync, async: asyncFn }) {
  install();
  const entry = { sync, async: asyncFn };
  if (asyncFn) asyncCleanups.push(entry);
  if (sync) syncCleanups.push(entry);
  return () => {
    const a = asyncCleanups.indexOf(entry);
    if (a >= 0) asyncCleanups.splice(a, 1);
    const s = syncCleanups.indexOf(entry);
    if (s >= 0) syncCleanups.splice(s, 1);
  };
}

export async function cleanupAll() {
  if (running) return;
  running = true;
  for (const entry of asyncCleanups.splice(0).reverse()) {
    try {
      await entry.async();
    } catch (error) {
      console.error(`[rig] cleanup: ${error?.message ?? error}`);
    }
  }
  runSync();
  running = false;
}

function runSync() {
  for (const entry of syncCleanups.splice(0).reverse()) {
    try {
      entry.sync();
    } catch {
      // Best effort: the process is going away anyway.
    }
  }
}

function install() {
  if (installed) return;
  installed = true;
  process.on('exit', runSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      console.error(`\n[rig] ${signal}: stopping`);
      const timer = setTimeout(() => process.exit(130), 5000);
      timer.unref();
      cleanupAll().finally(() => process.exit(130));
    });
  }
}
