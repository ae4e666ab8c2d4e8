// `npm test`: every tier in order, cheapest first; it goes on after a failure so that one run
// shows every broken tier, and exits non-zero if any failed.
import { spawn } from 'node:child_process';

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

/** The tail of what a tier printed is kept, so that its failures can be repeated after the summary. */
const KEPT_CHARS = 400_000;

/** Runs one tier, passing its output through as it comes; resolves to its exit status and output tail. */
function runTier(args) {
  return new Promise((resolve) => {
    const child = spawn('npm', args, { stdio: ['inherit', 'pipe', 'pipe'] });
    let tail = '';
    const keep = (chunk, out) => {
      out.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-KEPT_CHARS);
    };
    child.stdout.on('data', (chunk) => keep(chunk, process.stdout));
    child.stderr.on('data', (chunk) => keep(chunk, process.stderr));
    child.on('close', (status) => resolve({ status, tail }));
  });
}

/**
 * Each failing test's name and the first lines of its message, from the section that node:test's
 * spec reporter prints at the end of a run (else the last lines): a long run's log is often read
 * from its end only, and the reporter's own section there holds stacks and diffs too.
 */
function failureDigest(tail) {
  const lines = tail.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  const start = lines.findLastIndex((line) => /failing tests:/.test(line));
  if (start < 0) return lines.slice(-20).join('\n');
  const digest = [];
  let messageLines = 0;
  for (const line of lines.slice(start + 1)) {
    if (/^\s*✖/.test(line)) {
      digest.push(line);
      messageLines = 3;
    } else if (messageLines > 0 && line.trim() !== '' && !/^\s*(\+ actual|at |\{|test at )/.test(line)) {
      digest.push(line);
      messageLines--;
    } else if (/^\s*(\+ actual|at )/.test(line)) {
      messageLines = 0;
    }
  }
  return digest.slice(0, 30).map((line) => line.slice(0, 300)).join('\n');
}

const results = [];
for (const [name, args] of tiers) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const { status, tail } = await runTier(args);
  results.push({ name, ok: status === 0, seconds: (Date.now() - started) / 1000, tail });
}

for (const { name, ok, tail } of results) {
  if (!ok) console.log(`\n=== what failed in ${name} ===\n${failureDigest(tail)}`);
}

console.log('\n=== summary ===');
for (const { name, ok, seconds } of results) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name.padEnd(32)} ${seconds.toFixed(0)} s`);
}
const failed = results.filter((r) => !r.ok).length;
console.log(`tiers: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
