import { readFile } from 'node:fs/promises';
import { commands } from './commands/index';
import { CliError, ExitCode, type CliIo } from './io';

function usage(): string {
  const lines = commands.map((c) => `  kvm-lab ${c.usage.padEnd(58)} ${c.summary}`);
  return ['Usage:', ...lines, '', 'Exit codes: 0 success, 1 wrong input, 2 usage error.'].join('\n');
}

/** Runs one command line; never throws: a user's mistake is one line on stderr and an exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(usage() + '\n');
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`kvm-lab: unknown command '${name}'\n${usage()}\n`);
    return ExitCode.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`kvm-lab ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    // A bug of ours, not the user's: still one line, with a hint where to report it.
    io.err(`kvm-lab ${name}: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    return ExitCode.badInput;
  }
}

export const nodeIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  readFile: (path) => readFile(path),
};

if (require.main === module) {
  main(process.argv.slice(2), nodeIo).then((code) => {
    process.exitCode = code;
  });
}
