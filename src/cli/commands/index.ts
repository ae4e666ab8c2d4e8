import type { CliCommand } from '../command';
import { outlineCommand } from './outline';
import { checkCommand } from './check';
import { runCommand } from './run';
import { compareCommand } from './compare';
import { termsCommand } from './terms';
import { explainCommand } from './explain';
import { kvmInfoCommand } from './kvmInfo';

/** Every sub-command, in the order `kvm-lab --help` lists them. A new one: its own file, one entry here. */
export const commands: readonly CliCommand[] = [outlineCommand, checkCommand, runCommand, compareCommand, termsCommand, explainCommand, kvmInfoCommand];
