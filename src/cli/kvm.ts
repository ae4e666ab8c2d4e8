/**
 * What `run --mode kvm`, `compare` and `kvm-info` need of the real KVM (src/host/kvm), behind one
 * interface so that tests inject a machine without /dev/kvm (`CliIo.kvm`). The host module loads
 * koffi only when KVM is actually opened, so a CLI without koffi still runs every other command.
 */
import { CliError, type CliIo } from './io';
import { generateX86 } from '../core/x86/index';
import type { X86Image } from '../core/x86/image';
import { KvmError, kvmAvailability, kvmInfo, runOnKvm, thisMachineCosts } from '../host/kvm/index';
import type { CostModel, Era, Program } from '../core/sim/api';
import { parseEra, THIS_MACHINE } from './guest';
import type { KvmBackend } from './kvmBackend';

export type { KvmBackend } from './kvmBackend';

export const hostKvm: KvmBackend = {
  unavailable() {
    const a = kvmAvailability();
    return a.ok ? undefined : a.error.message;
  },
  run: runOnKvm,
  info: kvmInfo,
};

export function kvmOf(io: CliIo): KvmBackend {
  return io.kvm ?? hostKvm;
}

/**
 * The step limit of a real-KVM run when `--max-steps` is not given: every translated instruction
 * pays a budget check, and a software KVM (PVM) emulates each x86 instruction (about 10 µs per
 * vmasm instruction here), so the simulator's 10,000,000 would keep a runaway guest going for
 * minutes. A million takes seconds there and milliseconds on VT-x/AMD-V.
 */
export const KVM_DEFAULT_MAX_STEPS = 1_000_000;

/** The program's x86 image, or why it cannot run on real KVM: one sentence naming its first line outside the subset. */
export function imageOrReason(program: Program, path: string): { image: X86Image } | { reason: string } {
  const g = generateX86(program);
  if ('image' in g) return { image: g.image };
  const u = g.unsupported;
  return { reason: `${path}:${u.line}:${u.column}: '${u.mnemonic}' is outside what runs on real KVM: ${u.reason.en}` };
}

/**
 * `--era this-machine`: measures this host's KVM once (kvm-info's measurement) and returns the cost
 * model with those exit costs; without usable KVM, the runner's sentence (exit 1).
 */
export function thisMachineModel(io: CliIo): CostModel {
  const kvm = kvmOf(io);
  const unavailable = kvm.unavailable();
  if (unavailable) throw new CliError(`--era this-machine measures this machine's KVM, which cannot be used: ${unavailable}`);
  return kvmCall(() => thisMachineCosts(kvm.info({ iterations: 1000, rounds: 5 })));
}

/** The era of `--era`: a fixed one (or none), or the model measured here. */
export function eraOption(value: string | true | undefined, io: CliIo): { era?: Era; costModel?: CostModel } {
  if (typeof value === 'string' && value.toLowerCase() === THIS_MACHINE) {
    const costModel = thisMachineModel(io);
    return { era: costModel.era, costModel };
  }
  return { era: parseEra(value) };
}

/** A KvmError becomes the CLI's one line (exit 1); anything else is a bug and goes on up. */
export function kvmCall<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof KvmError) throw new CliError(e.message);
    throw e;
  }
}
