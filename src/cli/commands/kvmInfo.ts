import type { CliCommand } from '../command';
import { CliError, ExitCode, type CliIo } from '../io';
import { parseCommandArgs } from '../args';
import { kvmCall, kvmOf } from '../kvm';
import { kvmInfoText } from '../kvmText';

const USAGE = 'kvm-info [--json]';

/** `kvm-lab kvm-info`: what this machine's KVM is and what its exits cost, measured here. */
export const kvmInfoCommand: CliCommand = {
  name: 'kvm-info',
  usage: USAGE,
  summary: 'this machine\'s KVM: API, capabilities, nested?, measured exit costs',
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { positional, flags } = parseCommandArgs(argv, { json: 'boolean' });
    if (positional.length !== 0) throw new CliError(`expected no argument: kvm-lab ${USAGE}`, ExitCode.usage);
    const kvm = kvmOf(io);
    const unavailable = kvm.unavailable();
    if (unavailable) throw new CliError(unavailable);
    const info = kvmCall(() => kvm.info());
    io.out(flags.has('json') ? JSON.stringify(info, null, 2) + '\n' : kvmInfoText(info));
    return ExitCode.ok;
  },
};
