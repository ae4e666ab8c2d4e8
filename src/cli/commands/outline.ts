import type { CliCommand } from './index';
import { CliError, ExitCode } from '../io';

// Placeholder wiring replaced by the notes work; keeps the CLI bundle buildable meanwhile.
export const outlineCommand: CliCommand = {
  name: 'outline',
  usage: 'outline NOTE.md [--json]',
  summary: "the note's taxonomy tree",
  async run() {
    throw new CliError('outline is not built yet', ExitCode.usage);
  },
};
