/**
 * Real KVM beside the model (Node only; never imported by src/core or the webview). The CLI and
 * the extension host use these:
 *   runOnKvm(image, program, options?) → KvmRunResult   (`run --mode kvm --json`, `compare`)
 *   kvmInfo(options?)                  → KvmInfo        (`kvm-info`)
 *   kvmResultJson(result, { memory? })  → the `--json` object (guest RAM as base64 only on request)
 *   runProgramOnKvm(program, options?) → { ok, result, comparison } | { ok: false, why, text }   (the panel)
 *   simulateVtx(program, options?) + compareKvmWithVtx(sim, kvm) → KvmComparison (what differs, bilingual)
 *   thisMachineCosts(kvmInfo(...))     → CostModel     (the era `this-machine`)
 *   kvmAvailability(options?)          → { ok: true } | { ok: false, error }   (show or hide the mode)
 * runOnKvm and simulateVtx take a `signal` ({ aborted }): once set, they throw RunCancelled.
 * Every failure to use KVM is a KvmError with a one-sentence `message` (and `text['zh-cn']`).
 */
import { Kvm, type OpenKvmOptions } from './kvm';
import { KvmError } from './errors';

export { runOnKvm, DEFAULT_MAX_EXITS, type KvmRunOptions, type KvmRunResult, type KvmRunExit, type KvmExitKind, type KvmExitRecord, type KvmRegisters, type SourceProgram } from './runner';
export { runProgramOnKvm, type KvmProgramRun } from './program';
export { compareKvmWithVtx, simulateVtx, userExitsOf, lastUndefinedFlags, describeExit, type SimulatedVtxRun, type KvmComparison, type KvmDifference, type KvmDifferenceKind, type PlacedUserExit } from './compare';
export { kvmResultJson, type KvmRunJson } from './json';
export { thisMachineCosts } from './thisMachine';
export { kvmInfo, type KvmInfo, type KvmInfoOptions, type ExitCost } from './info';
export { describeHost, type KvmHost } from './host';
export { KvmError, type KvmErrorKind, type KvmText } from './errors';
export { RunCancelled, type CancelSignal } from './cancel';
export { Kvm, Vm, Vcpu, GuestMemory, KVM_DEVICE, type OpenKvmOptions } from './kvm';
export type { VcpuExit } from './exit';

/** Whether real KVM can be used here, without throwing: the reason as a KvmError when not. */
export function kvmAvailability(options: OpenKvmOptions = {}): { ok: true; apiVersion: number } | { ok: false; error: KvmError } {
  try {
    const kvm = Kvm.open(options);
    const apiVersion = kvm.apiVersion;
    kvm.close();
    return { ok: true, apiVersion };
  } catch (e) {
    if (e instanceof KvmError) return { ok: false, error: e };
    throw e;
  }
}
