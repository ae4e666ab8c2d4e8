// The simulator panel's messages for "Real KVM (this machine)": the page asks the host to run the
// program on /dev/kvm; the host answers with whether it can, the real exits (in batches, each
// paired with the simulated `vtx` exit at the same place of the sequence) and the result.
// Validated on arrival like every other message (src/shared/protocol.ts), with size bounds.

/** A text in both UI languages (the same shape as the core's LocalizedText). */
export interface KvmText {
  readonly en: string;
  readonly 'zh-cn': string;
}

/** One exit to user space of the real run, beside the simulated `vtx` exit at the same index. */
export interface KvmPanelExit {
  /** 0-based position in the sequence of exits to user space. */
  readonly index: number;
  /** KVM_EXIT_* name of the real exit ('' when the real run had fewer exits than the simulated one). */
  readonly exit: string;
  /** 1-based source line of the real exit (0: none). */
  readonly line: number;
  /** What the device model saw, e.g. "out 0x3f8 ← 0x54 'T'" ('' for none). */
  readonly detail: string;
  /** The simulated `vtx` exit at this index, if the simulated run had one. */
  readonly simulated?: { readonly exit: string; readonly line: number };
  /** Whether the real and the simulated exit agree (kind, line and, for I/O, the byte). */
  readonly match: boolean;
}

/** Per source line: how many exits to user space each run had there, and whether they all agree. */
export interface LineExits {
  readonly line: number;
  readonly real: number;
  readonly simulated: number;
  readonly match: boolean;
}

/** Exit rows counted by source line as they come, real and simulated side by side. */
export class LineTally {
  private readonly byLine = new Map<number, { line: number; real: number; simulated: number; match: boolean }>();

  add(e: KvmPanelExit): void {
    if (e.exit) this.at(e.line).real++;
    if (e.simulated) this.at(e.simulated.line).simulated++;
    if (!e.match) {
      if (e.exit) this.at(e.line).match = false;
      if (e.simulated) this.at(e.simulated.line).match = false;
    }
  }

  /** The lines counted so far, in line order. */
  lines(): LineExits[] {
    return [...this.byLine.values()].sort((a, b) => a.line - b.line);
  }

  private at(line: number) {
    let entry = this.byLine.get(line);
    if (!entry) this.byLine.set(line, (entry = { line, real: 0, simulated: 0, match: true }));
    return entry;
  }
}

/** The exit rows grouped by source line, real and simulated side by side, in line order. */
export function exitsByLine(rows: Iterable<KvmPanelExit>): LineExits[] {
  const tally = new LineTally();
  for (const e of rows) tally.add(e);
  return tally.lines();
}

export interface KvmPanelResult {
  /** How the real run ended: `hlt`, `shutdown`, `debug-exit`, `step-limit` or one only real KVM has. */
  readonly exit: { readonly reason: string; readonly code?: number; readonly line: number; readonly message?: string };
  readonly serial: string;
  readonly instructions: number;
  /** Exits to user space by KVM_EXIT_* name, real and simulated. */
  readonly kvmExits: Readonly<Record<string, number>>;
  readonly simulatedKvmExits: Readonly<Record<string, number>>;
  /** All exits to user space of the real run (the page got at most MAX_KVM_EXITS_SHOWN of them). */
  readonly exitCount: number;
  /** Every exit of both runs by source line (`exitsByLine`), not only the rows the page got. */
  readonly byLine: readonly LineExits[];
  /** The vCPU's KVM_GET_STATS_FD counters ("on this host": never compared). */
  readonly kvmStats: Readonly<Record<string, number>>;
  /** What this host is: vendor, backend, nested, PVM, kernel, API version. */
  readonly host: Readonly<Record<string, string | number | boolean>>;
  /** Measured round trips in microseconds (absent when the measurement failed). */
  readonly exitCosts?: { readonly ioToUserSpace: number; readonly cpuidInKernel: number };
  /** What differs from the simulated `vtx` run and the spec forbids; empty when both agree. */
  readonly differences: readonly KvmText[];
  /** Differences the spec allows (values of cpuid/rdtsc that the host decides): shown, not counted. */
  readonly tolerated: readonly KvmText[];
  /** What was not compared and why (undefined flags, bits the toy machine lacks). */
  readonly masked: readonly KvmText[];
}

/** This host's exit round trips and clock (the core's MeasuredExitCosts): the era `this-machine`. */
export interface KvmMeasuredCosts {
  readonly ioToUserSpaceMicroseconds: number;
  readonly inKernelExitMicroseconds: number;
  readonly cyclesPerMicrosecond: number;
  readonly clockSource: string;
}

export type KvmHostToWebview =
  /**
   * Whether the mode can be offered here; `reason` is one sentence when it cannot. `measured`, when
   * the exit costs and the clock rate could be measured, offers the era `this-machine`.
   */
  | { readonly type: 'kvmAvailability'; readonly available: boolean; readonly reason?: KvmText; readonly measured?: KvmMeasuredCosts }
  | { readonly type: 'kvmExits'; readonly runId: number; readonly exits: readonly KvmPanelExit[] }
  | { readonly type: 'kvmResult'; readonly runId: number; readonly result: KvmPanelResult }
  /** The run could not be made (outside the real-KVM subset, KVM refused, …): one sentence. */
  | { readonly type: 'kvmFailed'; readonly runId: number; readonly reason: KvmText };

export type KvmWebviewToHost =
  | { readonly type: 'kvmRun'; readonly runId: number; readonly program: { readonly name: string; readonly text: string }; readonly maxSteps: number }
  | { readonly type: 'kvmCancel'; readonly runId: number };

// Bounds: a page never gets more exits than it can lay out, nor a host a run it cannot bound.
export const MAX_KVM_EXITS_SHOWN = 10_000;
export const MAX_KVM_EXIT_BATCH = 500;
export const MAX_KVM_STEPS = 10_000_000;
const MAX_TEXT = 2_000;
const MAX_DETAIL = 200;
const MAX_SERIAL = 100_000;
const MAX_RECORD_KEYS = 200;
const MAX_DIFFERENCES = 200;
/** Source lines with an exit: a program of the simulator's 64 KiB has at most 16,384 instructions. */
const MAX_EXIT_LINES = 16_384;
const MAX_PROGRAM_CHARS = 1_000_000;
const EXIT_NAME = /^(KVM_EXIT_[A-Z0-9_]{1,40})?$/;

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown, max: number): x is string => typeof x === 'string' && x.length <= max;
const isCount = (x: unknown, max = Number.MAX_SAFE_INTEGER): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= max;
const isLine = (x: unknown): x is number => isCount(x, 10_000_000);
const isRunId = (x: unknown): x is number => isCount(x, 2 ** 31);

const isPositive = (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x) && x > 0 && x < 1e9;

export function isKvmMeasuredCosts(x: unknown): x is KvmMeasuredCosts {
  return isObj(x) && isPositive(x.ioToUserSpaceMicroseconds) && isPositive(x.inKernelExitMicroseconds) &&
    isPositive(x.cyclesPerMicrosecond) && isStr(x.clockSource, 200);
}

export function isKvmText(x: unknown): x is KvmText {
  return isObj(x) && isStr(x.en, MAX_TEXT) && isStr(x['zh-cn'], MAX_TEXT);
}

function isRecord(x: unknown, value: (v: unknown) => boolean): boolean {
  if (!isObj(x)) return false;
  const entries = Object.entries(x);
  return entries.length <= MAX_RECORD_KEYS && entries.every(([k, v]) => k.length <= 100 && value(v));
}

export function isKvmPanelExit(x: unknown): x is KvmPanelExit {
  return (
    isObj(x) &&
    isCount(x.index) &&
    isStr(x.exit, 60) && EXIT_NAME.test(x.exit) &&
    isLine(x.line) &&
    isStr(x.detail, MAX_DETAIL) &&
    (x.simulated === undefined || (isObj(x.simulated) && isStr(x.simulated.exit, 60) && EXIT_NAME.test(x.simulated.exit) && isLine(x.simulated.line))) &&
    typeof x.match === 'boolean'
  );
}

const isTexts = (x: unknown): boolean => Array.isArray(x) && x.length <= MAX_DIFFERENCES && x.every(isKvmText);

export function isKvmPanelResult(x: unknown): x is KvmPanelResult {
  if (!isObj(x) || !isObj(x.exit)) return false;
  const e = x.exit;
  const costs = x.exitCosts;
  const micros = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  return (
    isStr(e.reason, 40) && /^[a-z-]+$/.test(e.reason) &&
    (e.code === undefined || isCount(e.code, 0xffffffff)) &&
    isLine(e.line) &&
    (e.message === undefined || isStr(e.message, MAX_TEXT)) &&
    isStr(x.serial, MAX_SERIAL) &&
    isCount(x.instructions) &&
    isRecord(x.kvmExits, (v) => isCount(v)) &&
    isRecord(x.simulatedKvmExits, (v) => isCount(v)) &&
    isCount(x.exitCount) &&
    Array.isArray(x.byLine) && x.byLine.length <= MAX_EXIT_LINES &&
    x.byLine.every((l: unknown) => isObj(l) && isLine(l.line) && isCount(l.real) && isCount(l.simulated) && typeof l.match === 'boolean') &&
    isRecord(x.kvmStats, (v) => typeof v === 'number' && Number.isFinite(v)) &&
    isRecord(x.host, (v) => isStr(v, 200) || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) &&
    (costs === undefined || (isObj(costs) && micros(costs.ioToUserSpace) && micros(costs.cpuidInKernel))) &&
    isTexts(x.differences) && isTexts(x.tolerated) && isTexts(x.masked)
  );
}

/** Host → page: the KVM messages (src/shared/protocol.ts's isHostToWebview delegates here). */
export function isKvmHostToWebview(x: Obj): x is Obj & KvmHostToWebview {
  switch (x.type) {
    case 'kvmAvailability':
      return (
        typeof x.available === 'boolean' && (x.reason === undefined || isKvmText(x.reason)) && (x.available || x.reason !== undefined) &&
        (x.measured === undefined || (x.available && isKvmMeasuredCosts(x.measured)))
      );
    case 'kvmExits':
      return isRunId(x.runId) && Array.isArray(x.exits) && x.exits.length <= MAX_KVM_EXIT_BATCH && x.exits.every(isKvmPanelExit);
    case 'kvmResult':
      return isRunId(x.runId) && isKvmPanelResult(x.result);
    case 'kvmFailed':
      return isRunId(x.runId) && isKvmText(x.reason);
    default:
      return false;
  }
}

/** Page → host: the KVM messages (src/shared/protocol.ts's isWebviewToHost delegates here). */
export function isKvmWebviewToHost(x: Obj): x is Obj & KvmWebviewToHost {
  switch (x.type) {
    case 'kvmRun':
      return (
        isRunId(x.runId) &&
        isObj(x.program) && isStr(x.program.name, 500) && isStr(x.program.text, MAX_PROGRAM_CHARS) &&
        isCount(x.maxSteps, MAX_KVM_STEPS) && x.maxSteps > 0
      );
    case 'kvmCancel':
      return isRunId(x.runId);
    default:
      return false;
  }
}

/** The panel's strings of the KVM mode (merged into UI_STRING_KEYS). */
export const KVM_STRING_KEYS = [
  'modeKvm', 'kvmUnavailable', 'kvmTitle', 'kvmRunning', 'kvmCancelled', 'kvmFailed', 'kvmSame',
  'kvmDiffers', 'kvmExitTable', 'kvmIndex', 'kvmLine', 'kvmSimulated', 'kvmReal', 'kvmDetail',
  'kvmMatch', 'kvmMismatch', 'kvmExitsSummary', 'kvmShownOf', 'kvmStats', 'kvmStatsNote', 'kvmHost',
  'kvmCosts', 'kvmCostIo', 'kvmCostCpuid', 'kvmCostsNote', 'kvmEnded', 'kvmPrompt', 'markReal', 'kvmTolerated',
  'kvmMasked', 'kvmMatchColumn', 'kvmSoFar',
] as const;
