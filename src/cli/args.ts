import { parseArgs } from 'node:util';
import { CliError, ExitCode } from './io';

/** A command's options: the name without dashes → whether it is a switch or takes a value. */
export type OptionSpec = Readonly<Record<string, 'boolean' | 'string'>>;

export interface ParsedArgs {
  positional: string[];
  /** The options given: `true` for a switch, the text for an option with a value; the last one wins. */
  flags: Map<string, string | true>;
}

/**
 * Parses a command's arguments with Node's own `util.parseArgs`, so that `--`, `--opt=value` and
 * `--opt value` behave as in the ecosystem's other CLIs. It runs non-strict and checks the tokens
 * itself only to give the learner one clear line instead of Node's longer messages:
 * - an unknown option, or a switch given a value (`--json=yes`), is a usage error (exit 2):
 *   a switch is on by being there, so a value would be silently ignored or misread;
 * - an option that needs a value and has none (`--era` last, or `--era --json`) is a usage error;
 *   a value that starts with a dash must be attached: `--era=-x`.
 * Everything after `--` is positional.
 */
export function parseCommandArgs(argv: readonly string[], spec: OptionSpec): ParsedArgs {
  const options = Object.fromEntries(Object.entries(spec).map(([name, type]) => [name, { type }]));
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (const token of tokens) {
    if (token.kind === 'positional') positional.push(token.value);
    if (token.kind !== 'option') continue;
    const type = Object.hasOwn(spec, token.name) ? spec[token.name] : undefined;
    if (type === undefined) throw new CliError(`unknown option ${token.rawName}`, ExitCode.usage);
    if (type === 'boolean') {
      if (token.value !== undefined) {
        throw new CliError(`option ${token.rawName} takes no value (got '${token.rawName}=${token.value}'); give ${token.rawName} alone to turn it on`, ExitCode.usage);
      }
      flags.set(token.name, true);
      continue;
    }
    const value = token.value;
    if (value === undefined || (!token.inlineValue && value.startsWith('-') && value !== '-')) {
      throw new CliError(`option ${token.rawName} needs a value`, ExitCode.usage);
    }
    flags.set(token.name, value);
  }
  return { positional, flags };
}
