import { version } from '../../package.json';
import { commands } from './commands/index';
import { readRegularFile } from './nodeFiles';
import { CliError, ExitCode, MAX_INPUT_TEXT, oneLine, type CliIo } from './io';

function usage(): string {
  const lines = commands.map((c) => `  kvm-lab ${c.usage.padEnd(58)} ${c.summary}`);
  return [
    'Usage:',
    ...lines,
    `  kvm-lab ${'--version'.padEnd(58)} the version of kvm-lab`,
    '',
    'Options end at `--`; a switch takes no value (`--json`, not `--json=yes`).',
    `Each file is read up to ${MAX_INPUT_TEXT}; directories, devices and FIFOs are refused.`,
    'Exit codes: 0 success, 1 wrong input, 2 usage error.',
  ].join('\n');
}

/** `--help` or `-h` before any `--`: the command's own usage instead of running it. */
function wantsHelp(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

/** Runs one command line; never throws: a user's mistake is one line on stderr and an exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(usage() + '\n');
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (name === '--version' || name === '-V') {
    io.out(`kvm-lab ${version}\n`);
    return ExitCode.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`kvm-lab: unknown command '${oneLine(name)}'\n${usage()}\n`);
    return ExitCode.usage;
  }
  if (wantsHelp(rest)) {
    io.out(`Usage: kvm-lab ${command.usage}\n  ${command.summary}\n`);
    return ExitCode.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`kvm-lab ${name}: ${oneLine(error.message)}\n`);
      return error.exitCode;
    }
    // A bug of ours, not the user's: still one line, never a stack trace.
    const message = error instanceof Error ? error.message : String(error);
    io.err(`kvm-lab ${name}: internal error: ${oneLine(message)}\n`);
    return ExitCode.badInput;
  }
}

export const nodeIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  readFile: readRegularFile,
};

if (require.main === module) {
  main(process.argv.slice(2), nodeIo).then((code) => {
    process.exitCode = code;
  });
}
