import type { CliCommand } from '../command';
import { CliError, ExitCode, oneLine, type CliIo } from '../io';
import { parseCommandArgs } from '../args';
import { assembleFile, plural, type LoadedProgram } from '../guest';
import { formatDiagnostic } from '../../core/sim/index';

const USAGE = 'check PROG.vmasm...';

/**
 * `kvm-lab check`: assembles each file and reports every diagnostic as `file:line:col: error:
 * message` on stderr. Several files are allowed so that CI can check `examples/*.vmasm` at once.
 */
export const checkCommand: CliCommand = {
  name: 'check',
  usage: USAGE,
  summary: 'assemble guest programs and report every error (exit 1 if any)',
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { positional } = parseCommandArgs(argv, {});
    if (positional.length === 0) {
      throw new CliError(`expected a guest program: kvm-lab ${USAGE}`, ExitCode.usage);
    }
    let failed = 0;
    for (const path of positional) {
      let loaded: LoadedProgram;
      try {
        loaded = await assembleFile(io, path);
      } catch (error) {
        // One unreadable file (a directory, a device, a binary) must not hide the others' results.
        if (!(error instanceof CliError)) throw error;
        io.err(`kvm-lab check: ${oneLine(error.message)}\n`);
        failed++;
        continue;
      }
      for (const d of loaded.diagnostics) io.err(formatDiagnostic(d, oneLine(path)) + '\n');
      if (loaded.errorCount > 0 || !loaded.program) {
        failed++;
        continue;
      }
      if (loaded.program.instructions.length === 0) io.err(`${oneLine(path)}: warning: no instructions (run would have nothing to execute)\n`);
      const warnings = loaded.diagnostics.length > 0 ? `, ${plural(loaded.diagnostics.length, 'warning')}` : '';
      io.out(`${oneLine(path)}: ok (${plural(loaded.program.instructions.length, 'instruction')}${warnings})\n`);
    }
    if (failed > 0 && positional.length > 1) io.err(`kvm-lab check: ${failed} of ${positional.length} files have errors\n`);
    return failed > 0 ? ExitCode.badInput : ExitCode.ok;
  },
};
