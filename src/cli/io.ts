import { decodeText } from '../core/text/decode';

/** What a CLI command may touch: injected so that tests run commands in-process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readFile(path: string): Promise<Uint8Array>;
}

/** Exit codes of `kvm-lab`, as in the product spec. */
export const ExitCode = { ok: 0, badInput: 1, usage: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A user's mistake: printed as one line, never with a stack trace. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: ExitCode = ExitCode.badInput) {
    super(message);
  }
}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

/**
 * Parses `--flag`, `--flag value` and `--flag=value`. Hand-written because the CLI has a handful of
 * flags and must stay a small dependency-free bundle.
 * @param valued flags that take a value
 */
export function parseArgs(argv: readonly string[], valued: readonly string[], boolean: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--') || arg === '--') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (valued.includes(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new CliError(`option --${name} needs a value`, ExitCode.usage);
      flags.set(name, value);
    } else if (boolean.includes(name) && eq < 0) {
      flags.set(name, true);
    } else {
      throw new CliError(`unknown option --${name}`, ExitCode.usage);
    }
  }
  return { positional, flags };
}

/** Reads a text file for a command, turning every failure into one clear line. */
export async function readTextFile(io: CliIo, path: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' :
      code === 'EISDIR' ? 'is a directory, not a file' :
      code === 'EACCES' || code === 'EPERM' ? 'permission denied' :
      (error as Error).message;
    throw new CliError(`${path}: ${reason}`);
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new CliError(`${path}: ${decoded.reason}`);
  return decoded.text;
}
