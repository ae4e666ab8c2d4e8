// The command line as the ecosystem's CLIs read it (Node's util.parseArgs): `--` ends options,
// `--opt=value` and `--opt value` are the same, a switch given a value is a usage error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoStackTrace, runCli } from './helpers';
import { parseCommandArgs } from '../../../src/cli/args';
import { CliError } from '../../../src/cli/io';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const GOOD = `_start:\n    mov r0, 'A'\n    out 0x3F8, r0\n    hlt\n`;

function usageError(argv: string[], spec: Parameters<typeof parseCommandArgs>[1]): string {
  try {
    parseCommandArgs(argv, spec);
  } catch (error) {
    assert.ok(error instanceof CliError);
    assert.equal(error.exitCode, 2);
    return error.message;
  }
  assert.fail(`${JSON.stringify(argv)} parsed without a usage error`);
}

test('args: --opt value, --opt=value, positionals around options, the last value wins', () => {
  const spec = { era: 'string', json: 'boolean' } as const;
  const a = parseCommandArgs(['p.vmasm', '--era', 'early', '--json'], spec);
  assert.deepEqual(a.positional, ['p.vmasm']);
  assert.equal(a.flags.get('era'), 'early');
  assert.equal(a.flags.get('json'), true);
  const b = parseCommandArgs(['--era=current', 'p.vmasm', '--era=early'], spec);
  assert.equal(b.flags.get('era'), 'early');
  assert.deepEqual(b.positional, ['p.vmasm']);
  assert.equal(parseCommandArgs(['--era='], spec).flags.get('era'), '');
});

test('args: everything after -- is positional, even what looks like an option', () => {
  const { positional, flags } = parseCommandArgs(['a', '--', '--json', '-x', '--'], { json: 'boolean' });
  assert.deepEqual(positional, ['a', '--json', '-x', '--']);
  assert.equal(flags.size, 0);
});

test('args: a switch with a value, an unknown option and a missing value are usage errors', () => {
  assert.match(usageError(['--json=yes'], { json: 'boolean' }), /^option --json takes no value \(got '--json=yes'\)/);
  assert.match(usageError(['--json=false'], { json: 'boolean' }), /takes no value/);
  assert.equal(usageError(['--strict'], {}), 'unknown option --strict');
  assert.equal(usageError(['-x'], { json: 'boolean' }), 'unknown option -x');
  assert.equal(usageError(['--__proto__'], {}), 'unknown option --__proto__');
  assert.equal(usageError(['--era'], { era: 'string' }), 'option --era needs a value');
  // As Node's strict mode: a value starting with a dash must be attached (--era=-x).
  assert.equal(usageError(['--era', '--json'], { era: 'string', json: 'boolean' }), 'option --era needs a value');
  assert.equal(parseCommandArgs(['--era=-x'], { era: 'string' }).flags.get('era'), '-x');
});

test('cli: --json=yes is exit 2 with one clear line; -- lets a file start with a dash', async () => {
  const yes = await runCli(['run', 'p.vmasm', '--json=yes'], { 'p.vmasm': GOOD });
  assert.equal(yes.code, 2);
  assert.equal(yes.stdout, '');
  assert.match(yes.stderr, /^kvm-lab run: option --json takes no value \(got '--json=yes'\); give --json alone to turn it on\n$/);
  assertNoStackTrace(yes.stderr);
  const dashed = await runCli(['check', '--', '-p.vmasm'], { '-p.vmasm': GOOD });
  assert.equal(dashed.code, 0, dashed.stderr);
  assert.equal(dashed.stdout, '-p.vmasm: ok (3 instructions)\n');
  const term = await runCli(['explain', '--', '--json']);
  assert.equal(term.code, 1);
  assert.match(term.stderr, /unknown term '--json'/);
  const attached = await runCli(['run', 'p.vmasm', '--mode=trap', '--json'], { 'p.vmasm': GOOD });
  assert.equal(attached.code, 0, attached.stderr);
  assert.equal(JSON.parse(attached.stdout).mode, 'trap');
});

test('cli: --version prints the package version; a command\'s --help prints its usage', async () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string };
  const v = await runCli(['--version']);
  assert.equal(v.code, 0);
  assert.equal(v.stdout, `kvm-lab ${pkg.version}\n`);
  const help = await runCli(['run', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: kvm-lab run PROG\.vmasm/);
  // After --, --help is a file name like any other.
  const file = await runCli(['check', '--', '--help']);
  assert.equal(file.code, 1);
  assert.match(file.stderr, /--help: no such file/);
});
