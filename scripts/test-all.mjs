// `npm test`: every tier in order, cheapest first; it goes on after a failure so that one run
// shows every broken tier, and exits non-zero if any failed.
import { spawnSync } from 'node:child_process';

const tiers = [
  ['type-check', ['run', 'typecheck']],
  // First, so that the unit tests that tokenize with VS Code's own grammar engine (taken from the
  // rig's code-server) run rather than skip on a fresh machine.
  ['real-VS-Code rig set-up', ['run', 'rig']],
  ['unit', ['run', 'test:unit']],
  ['bundle', ['run', 'build']],
  ['extension host', ['run', 'test:integration']],
  // The same suite with workspace trust on and the folder untrusted (capabilities.untrustedWorkspaces).
  ['extension host, Restricted Mode', ['run', 'test:integration:restricted']],
  ['UI in a real VS Code', ['run', 'test:e2e']],
  // The browser entry in the browser's Web Worker Extension Host, as vscode.dev runs it.
  ['web worker extension host', ['run', 'test:web']],
];

const results = [];
for (const [name, args] of tiers) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const { status } = spawnSync('npm', args, { stdio: 'inherit' });
  results.push({ name, ok: status === 0, seconds: (Date.now() - started) / 1000 });
}

console.log('\n=== summary ===');
for (const { name, ok, seconds } of results) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name.padEnd(32)} ${seconds.toFixed(0)} s`);
}
const failed = results.filter((r) => !r.ok).length;
console.log(`tiers: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
