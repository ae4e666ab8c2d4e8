import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoStackTrace, runCli } from './helpers';

const GOOD = `_start:\n    mov r0, 'A'\n    out 0x3F8, r0\n    hlt\n`;
// Two separate mistakes: both must be reported, not only the first.
const BAD = `_start:\n    mov r9, 1\n    frobnicate r0\n    hlt\n`;

test('check: a correct program prints one ok line and exits 0', async () => {
  const { code, stdout, stderr } = await runCli(['check', 'good.vmasm'], { 'good.vmasm': GOOD });
  assert.equal(code, 0);
  assert.equal(stderr, '');
  assert.match(stdout, /^good\.vmasm: ok \(3 instructions\)\n$/);
});

test('check: every error as file:line:col: error: message on stderr, exit 1', async () => {
  const { code, stdout, stderr } = await runCli(['check', 'bad.vmasm'], { 'bad.vmasm': BAD });
  assert.equal(code, 1);
  assert.equal(stdout, '');
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines.length, 2, stderr);
  assert.match(lines[0], /^bad\.vmasm:2:\d+: error: .*r9/);
  assert.match(lines[1], /^bad\.vmasm:3:5: error: .*frobnicate/);
  assertNoStackTrace(stderr);
});

test('check: several files, exit 1 when one of them is wrong', async () => {
  const files = { 'a.vmasm': GOOD, 'b.vmasm': BAD };
  const { code, stdout, stderr } = await runCli(['check', 'a.vmasm', 'b.vmasm'], files);
  assert.equal(code, 1);
  assert.match(stdout, /^a\.vmasm: ok/);
  assert.match(stderr, /^b\.vmasm:2:/m);
  assert.match(stderr, /1 of 2 files have errors/);
});

test('check: a missing file, a directory and a binary file are wrong input (exit 1, one line)', async () => {
  const files = { 'dir.vmasm': null, 'blob.vmasm': new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]) };
  for (const [path, reason] of [['missing.vmasm', /no such file/], ['dir.vmasm', /directory/], ['blob.vmasm', /binary/]] as const) {
    const { code, stdout, stderr } = await runCli(['check', path], files);
    assert.equal(code, 1, path);
    assert.equal(stdout, '');
    assert.match(stderr, reason);
    assert.equal(stderr.trimEnd().split('\n').length, 1, stderr);
    assert.match(stderr, new RegExp(`^kvm-lab check: ${path.replace('.', '\\.')}: `));
  }
});

test('check: no file or an unknown option is a usage error (exit 2)', async () => {
  const none = await runCli(['check']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /expected a guest program/);
  const flag = await runCli(['check', '--strict', 'good.vmasm'], { 'good.vmasm': GOOD });
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /unknown option --strict/);
});

test('check: a file without instructions is fine to assemble but warned about', async () => {
  for (const text of ['', '; only a comment\n', '.equ COM1, 0x3F8\n']) {
    const { code, stdout, stderr } = await runCli(['check', 'empty.vmasm'], { 'empty.vmasm': text });
    assert.equal(code, 0, JSON.stringify(text));
    assert.equal(stdout, 'empty.vmasm: ok (0 instructions)\n');
    assert.equal(stderr, 'empty.vmasm: warning: no instructions (run would have nothing to execute)\n');
  }
});

test('check: reports the examples shipped with the extension as clean', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const dir = join(__dirname, '..', '..', '..', 'examples');
  const names = readdirSync(dir).filter((f) => f.endsWith('.vmasm'));
  const files = Object.fromEntries(names.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
  const { code, stdout, stderr } = await runCli(['check', ...names], files);
  assert.equal(code, 0, stderr);
  assert.equal(stderr, '');
  assert.equal(stdout.trimEnd().split('\n').length, names.length);
});
