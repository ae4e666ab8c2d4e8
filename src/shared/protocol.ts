// The one message protocol between the extension host and the simulator webview.
// Both sides import these types and validate every message on arrival, because a
// webview message is untyped JSON at runtime (a stale page after an update, a bug,
// or a hostile document could send anything).

import { ERAS, MODES, type Era, type Mode } from '../core/sim/api';
import { isKvmHostToWebview, isKvmWebviewToHost, KVM_STRING_KEYS, type KvmHostToWebview, type KvmWebviewToHost } from './kvmProtocol';

export type ModeId = Mode;

/** A guest program as the panel receives it: its text and where it came from. */
export interface ProgramSource {
  /** Shown in the panel's title bar and used in assembler messages (`prog.vmasm:3:5`). */
  readonly name: string;
  readonly text: string;
  /** Document the program was read from (`file:`, `untitled:` …); absent for pasted text. */
  readonly uri?: string;
  /** 0-based document line of the program's first line (non-zero for a fenced block in a note). */
  readonly firstLine: number;
  /** Set when the program is one of the shipped examples. */
  readonly exampleId?: string;
}

/** A shipped example, its texts already in the UI language. */
export interface ExampleProgram {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Modes in which the lesson shows best, the first one suggested. */
  readonly modes: readonly ModeId[];
  readonly era?: Era;
  readonly program: ProgramSource;
}

export type HostToWebview =
  /** Load a program; `mode` switches the mode, `run` starts it at once. */
  | { readonly type: 'loadProgram'; readonly program: ProgramSource; readonly mode?: ModeId; readonly run?: boolean }
  | { readonly type: 'examples'; readonly examples: readonly ExampleProgram[] }
  /** Answer to `requestActiveProgram` when no guest program is open in an editor. */
  | { readonly type: 'noActiveProgram' }
  /** A keybinding or title-bar button of the editor drives the panel's controls. */
  | { readonly type: 'control'; readonly action: ControlAction }
  /** Real KVM (this machine): availability, exit batches, result (src/shared/kvmProtocol.ts). */
  | KvmHostToWebview;

export const CONTROL_ACTIONS = ['step', 'run', 'pause', 'reset'] as const;
export type ControlAction = (typeof CONTROL_ACTIONS)[number];

export type WebviewToHost =
  | { readonly type: 'ready' }
  /** Reveal a 0-based line of a document in the editor. */
  | { readonly type: 'revealLine'; readonly uri: string; readonly line: number }
  /** Open the glossary entry for a term id (the host runs `kvmLab.explainTerm`). */
  | { readonly type: 'explainTerm'; readonly term: string }
  /** The user picked "current program": the host answers with `loadProgram` or `noActiveProgram`. */
  | { readonly type: 'requestActiveProgram' }
  | { readonly type: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly message: string }
  /** What the panel shows now, sent after each change that settles (for the host's test API). */
  | { readonly type: 'state'; readonly snapshot: PanelSnapshot }
  /** Run the program on real KVM, or cancel that run (src/shared/kvmProtocol.ts). */
  | KvmWebviewToHost;

export const PANEL_STATUSES = ['empty', 'errors', 'ready', 'running', 'paused', 'finished'] as const;
export type PanelStatus = (typeof PANEL_STATUSES)[number];

/** A summary of the panel: enough for a test or a status bar, never the machine itself. */
export interface PanelSnapshot {
  readonly program?: string;
  readonly exampleId?: string;
  readonly mode: ModeId;
  readonly era: Era;
  /** Guest instructions executed so far. */
  readonly position: number;
  readonly status: PanelStatus;
  /** How the run ended, when it has (`hlt`, `shutdown`, `debug-exit`, `step-limit`). */
  readonly exit?: string;
  /** Source lines (1-based) where a divergence was recorded, ascending. */
  readonly divergenceLines: readonly number[];
  readonly serial: string;
}

// Bounds keep a malformed or hostile message from making the receiver do unbounded work.
export const MAX_PROGRAM_CHARS = 1_000_000;
const MAX_NAME_CHARS = 500;
export const MAX_URI_CHARS = 4_000;
const MAX_EXAMPLES = 200;
const MAX_LOG_CHARS = 10_000;
// Glossary terms are ids or English names ("VM exit"): printable, no control characters.
const TERM_ID = /^[^\u0000-\u001f\u007f]{1,100}$/;
const EXAMPLE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

type Obj = Record<string, unknown>;

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isStr(x: unknown, max: number): x is string {
  return typeof x === 'string' && x.length <= max;
}

function isLine(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < 10_000_000;
}

export function isModeId(x: unknown): x is ModeId {
  return typeof x === 'string' && (MODES as readonly string[]).includes(x);
}

export function isEra(x: unknown): x is Era {
  return typeof x === 'string' && (ERAS as readonly string[]).includes(x);
}

export function isProgramSource(x: unknown): x is ProgramSource {
  return (
    isObj(x) &&
    isStr(x.name, MAX_NAME_CHARS) &&
    isStr(x.text, MAX_PROGRAM_CHARS) &&
    (x.uri === undefined || isStr(x.uri, MAX_URI_CHARS)) &&
    isLine(x.firstLine) &&
    (x.exampleId === undefined || (typeof x.exampleId === 'string' && EXAMPLE_ID.test(x.exampleId)))
  );
}

function isExampleProgram(x: unknown): x is ExampleProgram {
  return (
    isObj(x) &&
    typeof x.id === 'string' &&
    EXAMPLE_ID.test(x.id) &&
    isStr(x.title, MAX_NAME_CHARS) &&
    isStr(x.description, MAX_LOG_CHARS) &&
    Array.isArray(x.modes) &&
    x.modes.length <= MODES.length &&
    x.modes.every(isModeId) &&
    (x.era === undefined || isEra(x.era)) &&
    isProgramSource(x.program)
  );
}

export function isHostToWebview(x: unknown): x is HostToWebview {
  if (!isObj(x)) return false;
  switch (x.type) {
    case 'loadProgram':
      return (
        isProgramSource(x.program) &&
        (x.mode === undefined || isModeId(x.mode)) &&
        (x.run === undefined || typeof x.run === 'boolean')
      );
    case 'examples':
      return Array.isArray(x.examples) && x.examples.length <= MAX_EXAMPLES && x.examples.every(isExampleProgram);
    case 'noActiveProgram':
      return true;
    case 'control':
      return typeof x.action === 'string' && (CONTROL_ACTIONS as readonly string[]).includes(x.action);
    default:
      return isKvmHostToWebview(x);
  }
}

export function isWebviewToHost(x: unknown): x is WebviewToHost {
  if (!isObj(x)) return false;
  switch (x.type) {
    case 'ready':
    case 'requestActiveProgram':
      return true;
    case 'revealLine':
      return isStr(x.uri, MAX_URI_CHARS) && x.uri.length > 0 && isLine(x.line);
    case 'explainTerm':
      return typeof x.term === 'string' && TERM_ID.test(x.term);
    case 'log':
      return (x.level === 'info' || x.level === 'warn' || x.level === 'error') && isStr(x.message, MAX_LOG_CHARS);
    case 'state':
      return isPanelSnapshot(x.snapshot);
    default:
      return isKvmWebviewToHost(x);
  }
}

const EXIT_KINDS = ['hlt', 'shutdown', 'debug-exit', 'step-limit'];
const MAX_SERIAL_CHARS = 100_000;

export function isPanelSnapshot(x: unknown): x is PanelSnapshot {
  return (
    isObj(x) &&
    (x.program === undefined || isStr(x.program, MAX_NAME_CHARS)) &&
    (x.exampleId === undefined || (typeof x.exampleId === 'string' && EXAMPLE_ID.test(x.exampleId))) &&
    isModeId(x.mode) &&
    isEra(x.era) &&
    typeof x.position === 'number' && Number.isInteger(x.position) && x.position >= 0 &&
    typeof x.status === 'string' && (PANEL_STATUSES as readonly string[]).includes(x.status) &&
    (x.exit === undefined || (typeof x.exit === 'string' && EXIT_KINDS.includes(x.exit))) &&
    Array.isArray(x.divergenceLines) && x.divergenceLines.length <= 100_000 && x.divergenceLines.every((l) => isLine(l) && l > 0) &&
    isStr(x.serial, MAX_SERIAL_CHARS)
  );
}

/**
 * Text from the page made safe for one log line: at most `max` characters, and every character
 * that could end the line, start a fake one or disguise it (CR, LF, other C0 and C1 controls,
 * line and paragraph separators, bidirectional overrides, lone surrogates) shown escaped, as `\n`
 * or `\u202e`.
 */
export function logText(text: string, max = MAX_LOG_CHARS): string {
  const cut = text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
  return cut.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu, (ch) => {
    if (ch === '\n') return '\\n';
    if (ch === '\r') return '\\r';
    if (ch === '\t') return '\\t';
    // With the u flag a surrogate matches only alone (broken text); a pair is a real emoji, kept.
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** A short, safe description of a rejected message for a log line (never the whole payload). */
export function describeMessage(x: unknown): string {
  if (!isObj(x)) return x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x;
  const type = typeof x.type === 'string' ? JSON.stringify(x.type.slice(0, 40)) : String(typeof x.type);
  return `object of type ${type}`;
}

// ---------------------------------------------------------------------------------------------
// Boot data: the localized strings and language, passed in the page's `data-boot` attribute.

export const UI_STRING_KEYS = [
  'title', 'program', 'currentProgram', 'noProgram', 'noActiveProgram', 'mode', 'era', 'speed',
  'speedValue', 'speedMax', 'step', 'run', 'pause', 'reset', 'statusReady', 'statusRunning',
  'statusPaused', 'statusFinished', 'statusErrors', 'statusRestoring', 'exitHlt', 'exitShutdown',
  'exitDebug', 'exitStepLimit', 'listing', 'revealLine', 'legend', 'markTrap', 'markExit',
  'markUserspace', 'markHypercall', 'markDivergence', 'markTranslate', 'markException', 'diagram',
  'layerGuestUser', 'layerGuestKernel', 'layerHypervisorVtx', 'layerHypervisorClassic',
  'layerHypervisorBt', 'layerHypervisorNone', 'layerEmulator', 'layerQemu', 'layerHardware',
  'pathDirect', 'pathTrap', 'pathKvm', 'pathUserspace', 'pathHypercall', 'pathTranslate',
  'pathDivergence', 'pathHalt', 'pathNone', 'registers', 'regName', 'regGuest', 'regReal',
  'regDiffers', 'generalRegisters', 'regValue', 'log', 'logEmpty', 'logShown', 'glossaryFor',
  'compare', 'compareRun', 'compareRunning', 'compareEmpty', 'cycles', 'traps', 'vmexits',
  'kvmExits', 'directInstructions', 'emulatedInstructions', 'hypercalls', 'divergences',
  'sameAsNative', 'differsFromNative', 'exitsByReason', 'serial', 'serialEmpty', 'counters',
  'cyclesByCause', 'causeTable', 'cause', 'share', 'timesPaid', 'causeLegend', 'whyResults', 'barSummary',
  'instructions', 'modeNative', 'modeEmulate', 'modeTrap', 'modeBt', 'modeParavirt', 'modeVtx',
  'controls', 'divergenceAt', 'assemblerErrors', 'keyboardHelp',
  // The Memory tab (memoryView.ts).
  'memory', 'memTechnique', 'memTechNone', 'memTechSoftmmu', 'memTechShadow', 'memTechPv',
  'memTechEpt', 'memPagingState', 'memOn', 'memOff', 'memGuestTables', 'memPagingOff',
  'memNoEntries', 'memDirectoryEntry', 'memTableEntry', 'memMoreEntries', 'memBitPresent',
  'memBitNotPresent', 'memBitWritable', 'memBitReadOnly', 'memBitUser', 'memBitSupervisor',
  'memBitAccessed', 'memBitNotAccessed', 'memBitDirty', 'memBitClean', 'memShadowTables',
  'memShadowFor', 'memShadowInUse', 'memShadowEntry', 'memShadowEmpty', 'memEptTable',
  'memEptEntry', 'memEptEmpty', 'memNoSecondTable', 'memWriteProtected', 'memWalk', 'memWalkNone',
  'memWalkSummary', 'memRead', 'memWrite', 'memUserLevel', 'memKernelLevel', 'memWalkFaulted',
  'memColGuest', 'memColEpt', 'memRowDirectory', 'memRowTable', 'memRowData', 'memRef',
  'memRefFaulted', 'memRefEptViolation', 'memRefNone', 'memTlb', 'memTlbEmpty', 'memColSlot',
  'memColLinear', 'memColFrame', 'memColBits', 'memHex', 'memAddress', 'memAddressHint',
  'memSpace', 'memSpaceLinear', 'memSpacePhysical', 'memBadEmpty', 'memBadSyntax', 'memBadRange',
  'memHexCaption', 'memUnmapped', 'memCounters', 'memColGuestPhysical', 'memColHostPhysical', 'memTlbHits', 'memTlbMisses', 'memWalkRefs',
  'memGuestFaults', 'memHiddenFaults', 'memShadowUpdates', 'memEptViolations',
  // Accessibility (names of regions and columns, keyboard help for the lists).
  'regDecimal', 'views', 'machineState', 'keyboardHelpLists',
  // The VT-x controls group (controlsView.ts).
  'vmxControls', 'vmxControlsHelp', 'vmxControlsChanged', 'vmxControlsDefaults', 'vmxDefaultOn',
  'vmxDefaultOff', 'vmxChanged', 'vmxForced', 'vmxResetDefaults',
  // The event log's word for each kind of event (model.ts EVENT_KIND_STRING).
  'kindDirect', 'kindEmulated', 'kindTrap', 'kindVmexit', 'kindKvmHandled', 'kindKvmExit',
  'kindDevice', 'kindHypercall', 'kindTranslate', 'kindCallout', 'kindDivergence', 'kindException',
  'kindReflect', 'kindHalt', 'kindPageWalk', 'kindPageFault', 'kindHiddenPageFault',
  'kindShadowUpdate', 'kindEptViolation', 'kindTlbFlush',
  ...KVM_STRING_KEYS,
] as const;

export type UiStringKey = (typeof UI_STRING_KEYS)[number];
export type UiStrings = Readonly<Record<UiStringKey, string>>;
export type UiLanguage = 'en' | 'zh-cn';

export interface PanelBoot {
  readonly lang: UiLanguage;
  readonly strings: UiStrings;
  /**
   * Glossary terms as the simulator's events name them (English) → their names in `lang`, for the
   * "Explain … in the glossary" buttons; empty in English. The page carries no glossary itself.
   */
  readonly termNames: Readonly<Record<string, string>>;
}

/** Bounds of `termNames` (the glossary has a few hundred entries). */
const MAX_TERM_NAMES = 2_000;
const MAX_TERM_NAME = 200;

/** VS Code's display language (`zh-cn`, `zh-tw`, `en`, `de` …) → the languages our texts have. */
export function uiLanguage(displayLanguage: string): UiLanguage {
  return displayLanguage.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

/** Reads `data-boot`; a missing string shows its key rather than breaking the page. */
export function parseBoot(json: string | undefined): PanelBoot {
  let raw: unknown;
  try {
    raw = JSON.parse(json ?? '{}');
  } catch {
    raw = {};
  }
  const r = isObj(raw) ? raw : {};
  const given = isObj(r.strings) ? r.strings : {};
  const strings = Object.fromEntries(
    UI_STRING_KEYS.map((k) => [k, typeof given[k] === 'string' ? (given[k] as string) : k]),
  ) as Record<UiStringKey, string>;
  const names = isObj(r.termNames) ? Object.entries(r.termNames).slice(0, MAX_TERM_NAMES) : [];
  const termNames = Object.fromEntries(names.filter((e): e is [string, string] => e[0].length <= MAX_TERM_NAME && typeof e[1] === 'string' && e[1].length <= MAX_TERM_NAME));
  return { lang: r.lang === 'zh-cn' ? 'zh-cn' : 'en', strings, termNames };
}
