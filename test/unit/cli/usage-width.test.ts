import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commands } from '../../../src/cli/commands/index';
import { runCli } from './helpers';

// Usage text is read in terminals: every line fits 80 columns.
test('kvm-lab --help and every COMMAND --help fit 80 columns', async () => {
  const outputs = [await runCli(['--help']), ...(await Promise.all(commands.map((c) => runCli([c.name, '--help']))))];
  for (const { stdout } of outputs) {
    assert.ok(stdout.length > 0);
    for (const line of stdout.split('\n')) assert.ok(line.length <= 80, `${line.length} columns: ${line}`);
  }
  // The bare command prints usage on stderr, with the same lines.
  const bare = await runCli([]);
  for (const line of bare.stderr.split('\n')) assert.ok(line.length <= 80, line);
});
