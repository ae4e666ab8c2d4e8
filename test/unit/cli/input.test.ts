// What the CLI reads: a cap per file, refused devices, FIFOs and directories, and one bad file
// among several not hiding the others' results. The in-memory runner for the commands; the real
// file system for the Node reader itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertNoStackTrace, runCli } from './helpers';
import { MAX_INPUT_BYTES } from '../../../src/cli/io';
import { readRegularFile } from '../../../src/cli/nodeFiles';

const GOOD = `_start:\n    mov r0, 'A'\n    out 0x3F8, r0\n    hlt\n`;

function oneErrorLine(stderr: string): string {
  assertNoStackTrace(stderr);
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, stderr);
  return lines[0];
}

test('input: `check a dir b` checks a and b and reports dir as an error (exit 1)', async () => {
  const { code, stdout, stderr } = await runCli(['check', 'a.vmasm', 'dir', 'b.vmasm'], { 'a.vmasm': GOOD, dir: null, 'b.vmasm': GOOD });
  assert.equal(code, 1);
  assert.equal(stdout, 'a.vmasm: ok (3 instructions)\nb.vmasm: ok (3 instructions)\n');
  assert.match(stderr, /^kvm-lab check: dir: is a directory, not a file\n/);
  assert.match(stderr, /1 of 3 files have errors/);
  assertNoStackTrace(stderr);
});

test('input: an endless stream stops at the cap and is refused with the cap in the message', async () => {
  let asked = 0;
  const zero = (maxBytes: number) => {
    asked = maxBytes;
    return new Uint8Array(maxBytes + 1).fill(0x41);
  };
  for (const command of ['check', 'outline', 'terms', 'run', 'compare']) {
    const { code, stdout, stderr } = await runCli([command, 'zero'], { zero });
    assert.equal(code, 1, command);
    assert.equal(stdout, '');
    assert.match(oneErrorLine(stderr), new RegExp(`^kvm-lab ${command}: zero: larger than 16 MiB, the most kvm-lab reads from one file$`));
    assert.equal(asked, MAX_INPUT_BYTES);
  }
  assert.equal(MAX_INPUT_BYTES, 16 * 1024 * 1024);
});

test('input: a FIFO or a device is refused in one line, before anything is read (exit 1)', async () => {
  const fifo = Object.assign(new Error('not a regular file'), { code: 'ENOTREG', kind: 'a FIFO (named pipe)' });
  const { code, stderr } = await runCli(['terms', 'pipe'], { pipe: fifo });
  assert.equal(code, 1);
  assert.equal(oneErrorLine(stderr), 'kvm-lab terms: pipe: is a FIFO (named pipe), not a regular file (kvm-lab reads only regular files)');
});

test('input: --help states the cap and what is refused', async () => {
  const { code, stdout } = await runCli(['--help']);
  assert.equal(code, 0);
  assert.match(stdout, /read up to 16 MiB/);
  assert.match(stdout, /directories, devices and FIFOs are refused/);
});

test('input: a path with a newline or escape sequence stays one line', async () => {
  const { code, stderr } = await runCli(['check', 'evil\nkvm-lab check: all ok\x1b[2K.vmasm']);
  assert.equal(code, 1);
  assert.equal(oneErrorLine(stderr), 'kvm-lab check: evil\\x0akvm-lab check: all ok\\x1b[2K.vmasm: no such file');
});

test('node reader: /dev/zero, a FIFO and a directory are refused without reading; a file larger than the cap stops at cap + 1', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kvm-lab-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const codeOf = (path: string) => readRegularFile(path, 1024).then(() => 'read', (e: NodeJS.ErrnoException) => e.code);
  assert.equal(await codeOf(dir), 'EISDIR');
  assert.equal(await codeOf(join(dir, 'missing')), 'ENOENT');
  if (existsSync('/dev/zero')) assert.equal(await codeOf('/dev/zero'), 'ENOTREG');
  const fifo = join(dir, 'fifo');
  let haveFifo = true;
  try {
    execFileSync('mkfifo', [fifo]);
  } catch {
    haveFifo = false;
  }
  // Opened non-blocking: a FIFO with no writer must not hang the open.
  if (haveFifo) assert.equal(await codeOf(fifo), 'ENOTREG');
  else t.diagnostic('mkfifo is not available: FIFO case skipped');

  const small = join(dir, 'small.txt');
  writeFileSync(small, 'hello');
  assert.equal(Buffer.from(await readRegularFile(small, 1024)).toString(), 'hello');
  const big = join(dir, 'big.txt');
  writeFileSync(big, '');
  truncateSync(big, 10_000); // sparse: its size is all that matters
  assert.equal((await readRegularFile(big, 1024)).length, 1025);
  assert.equal((await readRegularFile(big, 10_000)).length, 10_000);
});

test('terms: a file with 300,000 matches is listed in full (no spread of the matches onto the stack)', async () => {
  const text = 'KVM '.repeat(300_000);
  const { code, stdout, stderr } = await runCli(['terms', 'many.txt'], { 'many.txt': text });
  assert.equal(code, 0, stderr);
  const lines = stdout.split('\n');
  assert.equal(lines.length, 300_001);
  // Positions padded to the widest one, the last match at column 1,199,997.
  assert.equal(lines[0], '1:1        KVM  → KVM (Kernel-based Virtual Machine)');
  assert.equal(lines[299_999], '1:1199997  KVM  → KVM (Kernel-based Virtual Machine)');
});

test('input: a file name with a newline cannot fake a line in diagnostics or reports', async () => {
  const name = 'p.vmasm\nfake.vmasm:1:1: error: forged';
  const bad = await runCli(['check', name], { [name]: '_start:\n    frobnicate r0\n' });
  assert.equal(bad.code, 1);
  assert.doesNotMatch(bad.stderr, /^fake\.vmasm/m);
  assert.equal(bad.stderr.trimEnd().split('\n').length, 1, bad.stderr);
  const good = await runCli(['check', name], { [name]: GOOD });
  assert.equal(good.stdout, 'p.vmasm\\x0afake.vmasm:1:1: error: forged: ok (3 instructions)\n');
});
