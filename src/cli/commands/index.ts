import type { CliIo } from '../io';

/** One `kvm-lab` sub-command. Each lives in its own file in this folder. */
export interface CliCommand {
  name: string;
  /** One line for `kvm-lab --help`, e.g. `outline NOTE.md [--json]`. */
  usage: string;
  summary: string;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

import { outlineCommand } from './outline';
import { checkCommand } from './check';
import { runCommand } from './run';
import { compareCommand } from './compare';
import { termsCommand } from './terms';
import { explainCommand } from './explain';

export const commands: readonly CliCommand[] = [outlineCommand, checkCommand, runCommand, compareCommand, termsCommand, explainCommand];
