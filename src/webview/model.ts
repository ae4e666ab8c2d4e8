// The panel's state logic, free of the DOM so it can be tested in plain Node:
// what the user chose, what the event log holds, which lines carry which marks,
// the path an event takes through the layers, and guest-vs-real register rows.
import type { CpuControlState, Layer, MachineState, Mode, RunStats, SimEvent, SimEventKind } from '../core/sim/api';
import type { UiStringKey, UiStrings } from '../shared/protocol';

/** Kinds of line marks in the listing, each with its own colour and legend entry. */
export type LineMarkKind = 'trap' | 'exit' | 'userspace' | 'hypercall' | 'divergence' | 'translate' | 'exception';

export interface LineMarks {
  readonly counts: Partial<Record<LineMarkKind, number>>;
}

const MARK_OF_EVENT: Partial<Record<SimEventKind, LineMarkKind>> = {
  trap: 'trap',
  vmexit: 'exit',
  'kvm-exit': 'userspace',
  hypercall: 'hypercall',
  divergence: 'divergence',
  translate: 'translate',
  callout: 'trap',
  exception: 'exception',
  reflect: 'exception',
};

export function markOfEvent(event: SimEvent): LineMarkKind | undefined {
  return MARK_OF_EVENT[event.kind];
}

/** The event log's word for each kind (typed over every kind, so a new kind needs its word). */
const EVENT_KIND_STRING: Record<SimEventKind, UiStringKey> = {
  direct: 'kindDirect',
  emulated: 'kindEmulated',
  trap: 'kindTrap',
  vmexit: 'kindVmexit',
  'kvm-handled': 'kindKvmHandled',
  'kvm-exit': 'kindKvmExit',
  device: 'kindDevice',
  hypercall: 'kindHypercall',
  translate: 'kindTranslate',
  callout: 'kindCallout',
  divergence: 'kindDivergence',
  exception: 'kindException',
  reflect: 'kindReflect',
  halt: 'kindHalt',
  'page-walk': 'kindPageWalk',
  'page-fault': 'kindPageFault',
  'hidden-page-fault': 'kindHiddenPageFault',
  'shadow-update': 'kindShadowUpdate',
  'ept-violation': 'kindEptViolation',
  'tlb-flush': 'kindTlbFlush',
};

/**
 * What the event log shows as an event's kind: the VMX or KVM exit reason (EPT_VIOLATION,
 * KVM_EXIT_IO: identifiers a learner looks up as they are), else the kind in the panel's words.
 */
export function eventKindWord(event: SimEvent, t: UiStrings): string {
  return event.vmExit?.reason ?? event.kvmExit?.reason ?? t[EVENT_KIND_STRING[event.kind]];
}

/** Per-line counts of noteworthy events; bounded by the program's line count, not by run length. */
export class LineMarkTable {
  private readonly lines = new Map<number, Partial<Record<LineMarkKind, number>>>();

  add(event: SimEvent): void {
    const mark = markOfEvent(event);
    if (!mark || event.line <= 0) return;
    let counts = this.lines.get(event.line);
    if (!counts) this.lines.set(event.line, (counts = {}));
    counts[mark] = (counts[mark] ?? 0) + 1;
  }

  get(line: number): LineMarks | undefined {
    const counts = this.lines.get(line);
    return counts ? { counts } : undefined;
  }

  /** Lines with at least one mark of `kind`, ascending. */
  linesWith(kind: LineMarkKind): number[] {
    return [...this.lines].filter(([, c]) => (c[kind] ?? 0) > 0).map(([l]) => l).sort((a, b) => a - b);
  }

  clear(): void {
    this.lines.clear();
  }
}

/** The event log keeps the newest `capacity` entries; `total` counts all of them. */
export class EventLog {
  private entries: SimEvent[] = [];
  total = 0;

  constructor(readonly capacity = 500) {}

  add(event: SimEvent): void {
    this.total++;
    this.entries.push(event);
    // Trim in batches so that a long run does not shift the array on every event.
    if (this.entries.length > this.capacity * 2) this.entries = this.entries.slice(-this.capacity);
  }

  recent(): readonly SimEvent[] {
    return this.entries.length > this.capacity ? this.entries.slice(-this.capacity) : this.entries;
  }

  clear(): void {
    this.entries = [];
    this.total = 0;
  }
}

/** Events a learner wants in the log: everything except plain direct execution. */
export function isLogWorthy(event: SimEvent): boolean {
  return event.kind !== 'direct';
}

// ---------------------------------------------------------------------------------------------
// The layer diagram

/** The five boxes drawn, top to bottom; `vmm` and `kvm` share the hypervisor box. */
export type DiagramBox = 'guest-user' | 'guest-kernel' | 'hypervisor' | 'qemu' | 'hardware';

export function boxOfLayer(layer: Layer): DiagramBox {
  return layer === 'vmm' || layer === 'kvm' ? 'hypervisor' : layer;
}

/**
 * How far the current event went: a VM exit KVM handles itself must look different
 * from one that goes on to QEMU, and both from a classic trap or a divergence.
 */
export type PathKind = 'direct' | 'trap' | 'kvm' | 'userspace' | 'hypercall' | 'translate' | 'divergence' | 'halt';

export interface EventPath {
  readonly kind: PathKind;
  /** Boxes visited in order, starting and (unless the machine stopped) ending in the guest. */
  readonly boxes: readonly DiagramBox[];
}

/**
 * The path of one guest instruction's events through the layers. `guest` is where the
 * guest was running (its CPL decides user or kernel).
 */
export function pathOfEvents(events: readonly SimEvent[], guest: DiagramBox, mode: Mode): EventPath {
  const boxes: DiagramBox[] = [guest];
  let kind: PathKind = 'direct';
  const rank: Record<PathKind, number> = {
    direct: 0, translate: 1, trap: 2, hypercall: 2, kvm: 3, userspace: 4, divergence: 5, halt: 6,
  };
  const raise = (k: PathKind) => {
    if (rank[k] > rank[kind]) kind = k;
  };
  let halted = false;
  for (const e of events) {
    switch (e.kind) {
      case 'trap':
      case 'callout':
      case 'reflect':
        raise('trap');
        break;
      case 'vmexit':
      case 'kvm-handled':
        raise('kvm');
        break;
      case 'kvm-exit':
        raise('userspace');
        break;
      case 'hypercall':
        raise(mode === 'vtx' ? 'kvm' : 'hypercall');
        break;
      case 'translate':
        raise('translate');
        break;
      case 'divergence':
        raise('divergence');
        break;
      case 'halt':
        halted = true;
        break;
      default:
        break;
    }
    if (e.kind === 'direct' || e.kind === 'divergence') continue;
    const box = boxOfLayer(e.layer);
    if (boxes[boxes.length - 1] !== box) boxes.push(box);
  }
  // A direct instruction (or a divergence: it too ran directly) goes through the hardware only.
  if (boxes.length === 1 && mode !== 'emulate') boxes.push('hardware');
  if (halted) {
    raise('halt');
  } else if (!isGuestBox(boxes[boxes.length - 1]!)) {
    // The VMM resumes the guest: walk back down the way we came (QEMU → KVM → guest).
    for (let i = boxes.length - 2; i >= 0; i--) {
      boxes.push(boxes[i]!);
      if (isGuestBox(boxes[i]!)) break;
    }
  }
  return { kind, boxes };
}

/** Longest chain of events kept for one instruction (a chain is a handful; this bounds bad input). */
const MAX_GROUP = 16;

/**
 * The events of the most recent instruction, for the diagram during a fast run (where `run()`
 * does not say where one instruction ends). A chain starts with the event that leaves the
 * guest: a trap, a VM exit, a callout, a hypercall (a VM exit comes first under VT-x), or, under
 * pure emulation, the emulated instruction itself; an event at another pc starts one too.
 */
export class LastInstructionEvents {
  private events: SimEvent[] = [];

  add(event: SimEvent, mode: Mode): void {
    const first = this.events[0];
    const starts =
      event.kind === 'trap' || event.kind === 'vmexit' || event.kind === 'callout' ||
      (event.kind === 'hypercall' && mode !== 'vtx') ||
      (event.kind === 'emulated' && mode === 'emulate');
    if (!first || first.pc !== event.pc || starts) this.events = [];
    if (this.events.length < MAX_GROUP) this.events.push(event);
  }

  get(): readonly SimEvent[] {
    return this.events;
  }

  clear(): void {
    this.events = [];
  }
}

export function isGuestBox(box: DiagramBox): boolean {
  return box === 'guest-user' || box === 'guest-kernel';
}

export function guestBox(cpl: number): DiagramBox {
  return cpl === 3 ? 'guest-user' : 'guest-kernel';
}

// ---------------------------------------------------------------------------------------------
// Registers: what the guest believes beside the real processor

export interface ControlRow {
  readonly name: string;
  readonly guest: string;
  readonly real: string;
  readonly differs: boolean;
}

export function hex(value: number, digits = 8): string {
  return '0x' + (value >>> 0).toString(16).toUpperCase().padStart(digits, '0');
}

function table(t: { base: number; limit: number }): string {
  return `${hex(t.base)} / ${hex(t.limit, 4)}`;
}

export function controlRows(guest: CpuControlState, real: CpuControlState): ControlRow[] {
  const row = (name: string, f: (s: CpuControlState) => string): ControlRow => {
    const g = f(guest);
    const r = f(real);
    return { name, guest: g, real: r, differs: g !== r };
  };
  return [
    row('CPL', (s) => String(s.cpl)),
    row('IF', (s) => (s.if ? '1' : '0')),
    row('FLAGS', (s) => hex(s.flags)),
    row('CS', (s) => hex(s.cs, 4)),
    row('CR0', (s) => hex(s.cr0)),
    row('CR3', (s) => hex(s.cr3)),
    row('GDTR', (s) => table(s.gdtr)),
    row('IDTR', (s) => table(s.idtr)),
  ];
}

export const GENERAL_REGISTERS = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'sp', 'pc'] as const;

export function generalRows(state: MachineState): { name: string; value: string; decimal: string }[] {
  return GENERAL_REGISTERS.map((name) => {
    const v = state.registers[name] >>> 0;
    return { name, value: hex(v), decimal: String(v | 0) };
  });
}

// ---------------------------------------------------------------------------------------------
// Counters

export interface CounterItem {
  /** Stable id for the page (`data-counter`): a stat name or an exit reason. */
  readonly id: string;
  /** Label of a stat; exit reasons are shown by their (untranslated) SDM or kvm.h name. */
  readonly label?: UiStringKey;
  readonly reason?: string;
  readonly value: number;
}

const total = (o: Partial<Record<string, number>>) => Object.values(o).reduce<number>((a, b) => a + (b ?? 0), 0);

/** The counters beside the registers: totals first, then every exit reason that occurred. */
export function counterItems(s: RunStats): CounterItem[] {
  const items: CounterItem[] = [
    { id: 'instructions', label: 'instructions', value: s.instructions },
    { id: 'cycles', label: 'cycles', value: s.cycles },
    { id: 'direct', label: 'directInstructions', value: s.direct },
    { id: 'emulated', label: 'emulatedInstructions', value: s.emulated },
    { id: 'traps', label: 'traps', value: s.traps },
    { id: 'vmexits', label: 'vmexits', value: total(s.vmexits) },
    { id: 'kvmExits', label: 'kvmExits', value: total(s.kvmExits) },
    { id: 'hypercalls', label: 'hypercalls', value: s.hypercalls },
  ];
  const reasons = [...Object.entries(s.vmexits), ...Object.entries(s.kvmExits)]
    .filter(([, n]) => (n ?? 0) > 0)
    .sort(([a], [b]) => a.localeCompare(b));
  for (const [reason, n] of reasons) items.push({ id: reason, reason, value: n ?? 0 });
  return items;
}

// ---------------------------------------------------------------------------------------------
// Small text helpers

/** Replaces `{0}`, `{1}` … in a localized template. */
export function format(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => {
    const v = args[Number(i)];
    return v === undefined ? m : String(v);
  });
}

// One formatter per language: building an Intl.NumberFormat per call (what toLocaleString does)
// costs more than the rest of a redraw.
const formatters = new Map<string, Intl.NumberFormat>();

export function formatCount(n: number, lang: string): string {
  const locale = lang === 'zh-cn' ? 'zh-CN' : 'en-US';
  let f = formatters.get(locale);
  if (!f) formatters.set(locale, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })));
  return f.format(Math.round(n));
}
