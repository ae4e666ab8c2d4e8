import type { CliCommand } from '../command';
import { CliError, ExitCode, oneLine, type CliIo } from '../io';
import { parseCommandArgs } from '../args';
import { countsText, exitText, loadProgram, parseEra, THIS_MACHINE, parseMaxSteps, parseMode, plural, runResultJson, serialLines } from '../guest';
import { COST_MODELS, runProgram, type CostModel, type Era, type Mode, type RunResult } from '../../core/sim/index';
import { eraOption, imageOrReason, KVM_DEFAULT_MAX_STEPS, kvmCall, kvmOf } from '../kvm';
import { kvmRunText } from '../kvmText';
import { kvmResultJson } from '../../host/kvm/json';

const USAGE = 'run PROG.vmasm [--mode M] [--max-steps N] [--era E] [--json]';
/** The mode that runs on the host's real /dev/kvm instead of the model. */
const KVM_MODE = 'kvm';

/** KVM is what the lab is about, and the spec's own JSON sample is a `vtx` run. */
export const DEFAULT_RUN_MODE: Mode = 'vtx';

/** `kvm-lab run`: one run of a guest program in one mode. */
export const runCommand: CliCommand = {
  name: 'run',
  usage: USAGE,
  summary: 'run a guest program in one mode (default vtx, kvm = real /dev/kvm)',
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { positional, flags } = parseCommandArgs(argv, { mode: 'string', 'max-steps': 'string', era: 'string', json: 'boolean' });
    if (positional.length !== 1) {
      throw new CliError(`expected one guest program: kvm-lab ${USAGE}`, ExitCode.usage);
    }
    // Flags are checked before the file is read: a usage error should not depend on the file.
    if (String(flags.get('mode')).toLowerCase() === KVM_MODE) return runKvm(positional[0], flags, io);
    const mode = parseMode(flags.get('mode'), DEFAULT_RUN_MODE, [KVM_MODE]);
    parseEra(flags.get('era') === THIS_MACHINE ? undefined : flags.get('era'));
    const maxSteps = parseMaxSteps(flags.get('max-steps'));
    const path = positional[0];
    const program = await loadProgram(io, path);
    const { era, costModel } = eraOption(flags.get('era'), io);
    const result = runProgram(program, { mode, era, maxSteps, costModel });
    if (flags.has('json')) {
      io.out(JSON.stringify(runResultJson(result), null, 2) + '\n');
      if (costModel) io.err(`kvm-lab run: era ${THIS_MACHINE}: ${costModel.label.en}\n`);
    } else {
      io.out(runText(oneLine(path), result, era ?? 'current', costModel));
    }
    if (result.exit.reason === 'step-limit') {
      io.err(`kvm-lab run: ${oneLine(path)}: warning: stopped by the step limit; the guest did not finish (raise --max-steps)\n`);
    }
    return ExitCode.ok;
  },
};

/** `run --mode kvm`: the program translated to x86 and run on this host's /dev/kvm. */
async function runKvm(path: string, flags: Map<string, string | true>, io: CliIo): Promise<number> {
  if (flags.has('era')) {
    throw new CliError('--era applies to the simulated modes; real KVM costs what this machine costs (kvm-lab kvm-info measures it)', ExitCode.usage);
  }
  const maxSteps = parseMaxSteps(flags.get('max-steps')) ?? KVM_DEFAULT_MAX_STEPS;
  const program = await loadProgram(io, path);
  const translated = imageOrReason(program, oneLine(path));
  if ('reason' in translated) throw new CliError(translated.reason);
  const kvm = kvmOf(io);
  const unavailable = kvm.unavailable();
  if (unavailable) throw new CliError(unavailable);
  const result = kvmCall(() => kvm.run(translated.image, program, { maxSteps }));
  io.out(flags.has('json') ? JSON.stringify(kvmResultJson(result), null, 2) + '\n' : kvmRunText(oneLine(path), result));
  if (result.exit.reason === 'step-limit') {
    io.err(`kvm-lab run: ${oneLine(path)}: warning: stopped by the step limit; the guest did not finish (raise --max-steps)\n`);
  }
  return ExitCode.ok;
}

/** The human-readable report: serial output first (what the guest did), then how it went. */
export function runText(path: string, r: RunResult, era: Era, measured?: CostModel): string {
  const s = r.stats;
  const lines: string[] = [measured
    ? `${path}: mode ${r.mode}, era ${THIS_MACHINE} (${measured.label.en}; other costs: ${era})`
    : `${path}: mode ${r.mode}, era ${era} (${COST_MODELS[era].label.en})`];
  lines.push(...serialLines(r.serial));
  lines.push(`exit: ${exitText(r.exit)}`);
  // The spec's exit reason alone ("shutdown") does not say what went wrong; the core's sentence does.
  if (r.why) lines.push(`  why: ${r.why.en}`);
  lines.push(
    `instructions: ${s.instructions} (direct ${s.direct}, emulated ${s.emulated})   cycles: ${s.cycles}`,
    `traps: ${s.traps}   hypercalls: ${s.hypercalls}   translated blocks: ${s.translatedBlocks} ` +
      `(cache hits ${s.translationCacheHits}, callouts ${s.callouts})`,
    `VM exits: ${countsText(s.vmexits)}`,
    `KVM exits: ${countsText(s.kvmExits)}`,
    `memory: TLB hits ${s.memory.tlbHits}, misses ${s.memory.tlbMisses}, walk references ${s.memory.pageWalkReferences}   ` +
      `guest page faults ${s.memory.guestPageFaults}, hidden ${s.memory.hiddenPageFaults}   shadow updates ${s.memory.shadowUpdates}   EPT violations ${s.memory.eptViolations}`,
  );
  if (r.divergences.length === 0) {
    lines.push('divergences: none');
  } else {
    lines.push(`divergences: ${plural(r.divergences.length, 'divergence')} from bare metal`);
    for (const d of r.divergences) lines.push(`  ${path}:${d.line}: ${d.instruction}: ${d.explanation}`);
  }
  return lines.join('\n') + '\n';
}
