import type { CliIo } from './io';

/**
 * One `kvm-lab` sub-command. Each lives in its own file in `commands/` and imports only this
 * interface; `commands/index.ts` lists them, so adding one is a new file and one line there.
 */
export interface CliCommand {
  name: string;
  /** One line for `kvm-lab --help`, e.g. `outline NOTE.md [--json]`. */
  usage: string;
  summary: string;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}
