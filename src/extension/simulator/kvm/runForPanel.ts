/**
 * One panel run on real KVM (Node only: the KVM worker and the unit tests call it). Assembles the
 * program, translates it to x86, runs it in the simulated `vtx` mode and then on /dev/kvm with the
 * same step limit, compares the two with the shared comparison (src/host/kvm/compare.ts) and hands
 * back the result in the panel protocol's shapes (src/shared/kvmProtocol.ts). The simulated run
 * comes first so that each real exit can be paired (./pairExits.ts) and sent while the real run
 * goes on: the panel shows the exits arriving, not only once the run is over.
 */
import { assemble } from '../../../core/sim';
import { generateX86 } from '../../../core/x86';
import { compareKvmWithVtx, KvmError, kvmAvailability, kvmInfo, runOnKvm, RunCancelled, simulateVtx, type CancelSignal, type KvmExitRecord, type KvmInfo } from '../../../host/kvm';
import { thisMachineCosts } from '../../../host/kvm/thisMachine';
import { LineTally, MAX_KVM_EXIT_BATCH, MAX_KVM_EXITS_SHOWN, type KvmPanelExit, type KvmPanelResult, type KvmText } from '../../../shared/kvmProtocol';
import { pairRow, placedOfRecord } from './pairExits';
import type { KvmAvailability } from './realKvm';

export type PanelRunOutcome = { result: KvmPanelResult } | { failed: KvmText } | { cancelled: true };

export interface PanelRunRequest {
  name: string;
  text: string;
  maxSteps: number;
}

/** Exits to user space before the real run stops (the runner's own default is far larger). */
const MAX_REAL_EXITS = 100_000;
const MAX_SERIAL = 100_000;
/** A partial batch is sent once this much time has passed since the last one, so a slow run still shows progress. */
const BATCH_INTERVAL_MS = 50;

/**
 * Whether the mode can be offered: one sentence in both languages when not. Where it can, this
 * host's exit costs and clock rate too (the era `this-machine`), when they can be measured.
 */
export function panelAvailability(): KvmAvailability {
  const a = kvmAvailability();
  if (!a.ok) return { available: false, reason: { en: a.error.message, 'zh-cn': a.error.text['zh-cn'] } };
  const info = measuredInfo();
  if (!info) return { available: true };
  try {
    const { measured } = thisMachineCosts(info);
    // The CPUID cost is a difference of two timed loops: on a busy host it can come out at or below
    // zero. Such a measurement offers no era rather than a model with free exits.
    const usable = measured && measured.ioToUserSpaceMicroseconds > 0 && measured.inKernelExitMicroseconds > 0 && measured.cyclesPerMicrosecond > 0;
    return usable ? { available: true, measured } : { available: true };
  } catch {
    // No clock rate: the costs still show with every run, only the era is not offered.
    return { available: true };
  }
}

let info: KvmInfo | undefined | null = null;

/** kvm-info's description and measurement, made once (a few tens of milliseconds) and kept. */
function measuredInfo(): KvmInfo | undefined {
  if (info === null) {
    try {
      info = kvmInfo({ iterations: 500, rounds: 3 });
    } catch {
      info = undefined;
    }
  }
  return info;
}

function exitCosts(): KvmPanelResult['exitCosts'] {
  const i = measuredInfo();
  // A difference of two timed loops (CPUID) can come out below zero on a busy host: shown as 0.
  return i && { ioToUserSpace: Math.max(0, i.exitCosts.ioToUserSpace.microseconds), cpuidInKernel: Math.max(0, i.exitCosts.cpuidInKernel.microseconds) };
}

export function runForPanel(request: PanelRunRequest, onExits: (batch: KvmPanelExit[]) => void, signal?: CancelSignal): PanelRunOutcome {
  const { program, diagnostics } = assemble(request.text, { fileName: request.name });
  if (!program) {
    const first = diagnostics.find((d) => d.severity === 'error');
    const where = first ? `${request.name}:${first.line}:${first.column}: ${first.message}` : request.name;
    return { failed: { en: `the program does not assemble (${where}).`, 'zh-cn': `程序无法汇编（${where}）。` } };
  }
  const generated = generateX86(program);
  if ('unsupported' in generated) {
    const u = generated.unsupported;
    return {
      failed: {
        en: `line ${u.line} (${u.mnemonic}) is outside the real-KVM subset: ${u.reason.en}`,
        'zh-cn': `第 ${u.line} 行（${u.mnemonic}）不在真实 KVM 支持的子集中：${u.reason['zh-cn']}`,
      },
    };
  }

  let simulated;
  let real;
  const stream = new ExitStream(onExits);
  try {
    simulated = simulateVtx(program, { maxSteps: request.maxSteps, signal });
    const expected = simulated.userExits;
    real = runOnKvm(generated.image, program, {
      maxSteps: request.maxSteps, maxExits: MAX_REAL_EXITS, signal,
      onExit: (record: KvmExitRecord) => stream.add((index) => pairRow(index, placedOfRecord(record), expected[index])),
    });
  } catch (e) {
    if (e instanceof RunCancelled) return { cancelled: true };
    if (e instanceof KvmError) return { failed: { en: e.message, 'zh-cn': e.text['zh-cn'] } };
    throw e;
  }
  // The simulated run's exits that the real one did not make.
  for (let index = real.exitLog.length; index < simulated.userExits.length; index++) stream.add((i) => pairRow(i, undefined, simulated.userExits[i]));
  stream.flush();
  const comparison = compareKvmWithVtx(simulated, real);

  const { host } = real;
  return {
    result: {
      exit: { reason: real.exit.reason, ...(real.exit.code === undefined ? {} : { code: real.exit.code }), line: real.exit.line, ...(real.exit.message ? { message: real.exit.message.slice(0, 2000) } : {}) },
      serial: real.serial.slice(-MAX_SERIAL),
      instructions: real.stats.instructions,
      kvmExits: { ...real.stats.kvmExits },
      simulatedKvmExits: { ...simulated.result.stats.kvmExits },
      exitCount: real.exitLog.length,
      byLine: stream.tally.lines(),
      kvmStats: real.kvmStats,
      host: {
        vendor: host.vendor, backend: host.backend, hardwareVirtualization: host.hardwareVirtualization,
        virtualized: host.virtualized, nested: host.nested, pvm: host.pvm, kernel: host.kernel.slice(0, 200), apiVersion: host.apiVersion,
      },
      exitCosts: exitCosts(),
      differences: comparison.differences.filter((d) => !d.tolerated).map((d) => d.text),
      tolerated: comparison.differences.filter((d) => d.tolerated).map((d) => d.text),
      masked: comparison.masked,
    },
  };
}

/**
 * The exit table's rows, sent in batches as they are made (full batches, or what there is every
 * BATCH_INTERVAL_MS) while fewer than MAX_KVM_EXITS_SHOWN were sent; every row, sent or not, is
 * counted by source line in `tally`.
 */
export class ExitStream {
  readonly tally = new LineTally();
  private batch: KvmPanelExit[] = [];
  private count = 0;
  private sentAt = Date.now();

  constructor(private readonly send: (batch: KvmPanelExit[]) => void) {}

  /** Adds the row `row(index)` for the next index. */
  add(row: (index: number) => KvmPanelExit): void {
    const made = row(this.count++);
    this.tally.add(made);
    if (this.count > MAX_KVM_EXITS_SHOWN) return;
    this.batch.push(made);
    if (this.batch.length >= MAX_KVM_EXIT_BATCH || Date.now() - this.sentAt >= BATCH_INTERVAL_MS) this.flush();
  }

  flush(): void {
    if (this.batch.length > 0) this.send(this.batch);
    this.batch = [];
    this.sentAt = Date.now();
  }
}
