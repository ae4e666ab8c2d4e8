/**
 * Public API of the guest-machine simulator (spec: shared/spec/guest-machine.md).
 *
 * Types only. The implementations are exported from `./index`:
 *   assemble(source, options?)            → AssembleResult
 *   new Simulation(program, options)       → SimulationApi   (step / run slices / state / result)
 *   runProgram(program, options)           → RunResult       (one whole run, the `--json` shape)
 *   compareModes(program, options?)        → CompareResult   (every mode beside `native`)
 *   instructionInfo(mnemonic)              → InstructionInfo | undefined   (hovers)
 *   MNEMONICS, REGISTERS, DIRECTIVES       → completion lists
 *   EXAMPLES                               → ExampleInfo[]   (examples/*.vmasm metadata)
 *   DEFAULT_VMX_CONTROLS, VMX_CONTROLS     → the VM-execution controls and their documentation
 *   VMX_CONTROL_DEFAULTS, vmxControls      → each era's defaults; the controls a run gets (era + overrides)
 *   Simulation.memorySnapshot()            → guest tables, shadow/EPT entries, the 2-D walk grid, the TLB
 *   registerInfo(name)                     → RegisterInfo | undefined   (register hovers)
 *   COST_MODELS                            → Record<Era, CostModel>
 *
 * The model is a runtime in the manner of vscode-mock-debug's mockRuntime: it knows nothing of
 * VS Code, the DOM or Node; the webview, the CLI, tests and (one day) a debug adapter drive it.
 * This file only grows by additions.
 */

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** How the VMM runs the guest (the spec's table of execution modes). */
export type Mode = 'native' | 'emulate' | 'trap' | 'bt' | 'paravirt' | 'vtx';
export const MODES: readonly Mode[] = ['native', 'emulate', 'trap', 'bt', 'paravirt', 'vtx'];

/**
 * Which processor generation the cost model describes (see docs/cost-model.md):
 * - `early-vtx`: first-generation VT-x (Intel Pentium 4 "Prescott", 2005–2006), the hardware
 *   measured by Adams & Agesen (ASPLOS 2006); a VM exit + entry costs thousands of cycles.
 * - `current`: a recent server CPU, where the round trip costs a few hundred cycles.
 * The CLI also accepts `early` and `2006` for `early-vtx`.
 */
export type Era = 'early-vtx' | 'current';
export const ERAS: readonly Era[] = ['early-vtx', 'current'];

/** Text shown to learners, in both UI languages. */
export interface LocalizedText {
  en: string;
  'zh-cn': string;
}

/** Where an event happens; the webview draws the path of an event on these layers. */
export type Layer = 'guest-user' | 'guest-kernel' | 'vmm' | 'kvm' | 'qemu' | 'hardware';

/**
 * Classes of instructions (spec "Instructions"):
 * - `innocuous`: never sensitive; runs directly everywhere.
 * - `privileged`: #GP at CPL > 0; traps under ring deprivileging.
 * - `sensitive-unprivileged`: reveals or silently drops privileged state without trapping.
 * - `special`: cpuid, rdtsc, vmcall, int n, ud2 — behaviour depends on the mode.
 */
export type InstructionClass = 'innocuous' | 'privileged' | 'sensitive-unprivileged' | 'special';

// ---------------------------------------------------------------------------------------------
// Assembler

export interface Diagnostic {
  /** 1-based line. */
  line: number;
  /** 1-based column (UTF-16 code units) where the problem starts. */
  column: number;
  /** 1-based column just after the problem, when known (for editor squiggles). */
  endColumn?: number;
  message: string;
  severity: 'error' | 'warning';
}

/** One assembled guest instruction and where it came from. */
export interface ProgramInstruction {
  /** Guest-physical address of the instruction (each instruction occupies 4 bytes). */
  address: number;
  /** 1-based source line. */
  line: number;
  /** 1-based column of the mnemonic. */
  column: number;
  /** Lower-case mnemonic as written (`je`, not its alias `jz`). */
  mnemonic: string;
  /** The statement's source text, trimmed, without comment. */
  text: string;
  instructionClass: InstructionClass;
}

/** An assembled program; opaque to callers apart from these fields. Produced only by `assemble`. */
export interface Program {
  readonly instructions: readonly ProgramInstruction[];
  /** Address where execution starts (`_start`, else the first instruction). */
  readonly entry: number;
  /** Labels and `.equ` names with their values. */
  readonly symbols: ReadonlyMap<string, number>;
  /** Source line of the instruction at `address`, or 0 when none is there. */
  lineOf(address: number): number;
  /** Addresses of the instructions on a 1-based source line (empty when none). */
  addressesOfLine(line: number): readonly number[];
}

export interface AssembleOptions {
  /** Used only in messages (`prog.vmasm:12:9: error: …`). */
  fileName?: string;
}

/** `program` is present exactly when there is no error (warnings allowed). */
export interface AssembleResult {
  program?: Program;
  diagnostics: Diagnostic[];
}

// ---------------------------------------------------------------------------------------------
// VT-x and KVM vocabulary (Intel SDM vol. 3, appendix C; linux/include/uapi/linux/kvm.h)

/** Intel basic exit reasons modelled, with their numbers in `VMX_EXIT_REASON_NUMBERS`. */
export type VmxExitReason =
  | 'EXCEPTION_NMI' // 0
  | 'EXTERNAL_INTERRUPT' // 1
  | 'TRIPLE_FAULT' // 2
  | 'CPUID' // 10
  | 'HLT' // 12
  | 'INVLPG' // 14
  | 'RDTSC' // 16
  | 'VMCALL' // 18
  | 'CR_ACCESS' // 28
  | 'IO_INSTRUCTION' // 30
  | 'GDTR_IDTR' // 46
  | 'EPT_VIOLATION'; // 48

/** KVM exits to user space (`struct kvm_run.exit_reason`). */
export type KvmExitReason = 'KVM_EXIT_IO' | 'KVM_EXIT_HYPERCALL' | 'KVM_EXIT_HLT' | 'KVM_EXIT_MMIO' | 'KVM_EXIT_SHUTDOWN';

/** Exit qualification, where the SDM defines one for the reason. */
export type ExitQualification =
  | { kind: 'io'; port: number; size: 1 | 2 | 4; direction: 'in' | 'out' }
  | { kind: 'cr'; cr: 0 | 3; access: 'mov-to-cr' | 'mov-from-cr'; register: string }
  | { kind: 'invlpg'; linearAddress: number }
  | { kind: 'ept'; guestPhysicalAddress: number }
  | { kind: 'exception'; vector: number };

/**
 * VM-execution controls (SDM vol. 3, 25.6) as switches. Defaults (spec): HLT exiting on,
 * unconditional I/O exiting on, CR3-load exiting on, RDTSC exiting off; CPUID and VMCALL always
 * exit and are therefore not switches.
 */
export interface VmxControls {
  /** Primary control bit 7. */
  hltExiting: boolean;
  /** Primary control bit 9. Off by default, as with EPT (KVM does not intercept INVLPG then). */
  invlpgExiting: boolean;
  /** Primary control bit 12. */
  rdtscExiting: boolean;
  /** Primary control bit 15. */
  cr3LoadExiting: boolean;
  /** Primary control bit 16. */
  cr3StoreExiting: boolean;
  /** Primary control bit 24. */
  unconditionalIoExiting: boolean;
  /** Secondary control bit 2: LGDT/LIDT/SGDT/SIDT exit (GDTR_IDTR). */
  descriptorTableExiting: boolean;
  /** CR0 guest/host mask covers PE and PG: a `mov cr0` that changes them exits (CR_ACCESS). */
  cr0WriteExiting: boolean;
  /** Secondary control bit 1: EPT (nested paging); without it KVM keeps shadow page tables. */
  enableEpt: boolean;
  /** Secondary control bit 5: VPID tags TLB entries, so VM exits and entries keep the TLB. */
  enableVpid: boolean;
  /** Exception bitmap bit 14: a guest #PF causes a VM exit (EXCEPTION_NMI); shadow paging needs it. */
  pfExiting: boolean;
}

/** Documentation of one control, for the UI. */
export interface VmxControlInfo {
  id: keyof VmxControls;
  /** The SDM's name, e.g. "HLT exiting". */
  sdmName: string;
  defaultValue: boolean;
  /** Default of each era (`defaultValue` is the `current` one). */
  eraDefaults?: Record<Era, boolean>;
  description: LocalizedText;
}

// ---------------------------------------------------------------------------------------------
// Cost model (docs/cost-model.md gives every default and its source)

export interface CostModel {
  /** The era of the model, or for a measured model (`measured` set) the era whose other costs it keeps. */
  era: Era;
  /** Set on a model measured on this machine's real KVM (`thisMachineCostModel`): what was measured. */
  measured?: MeasuredExitCosts;
  /** Display name, e.g. "first-generation VT-x (Pentium 4, 2006)". */
  label: LocalizedText;
  /** One guest instruction executed directly by the CPU. */
  direct: number;
  /** One guest instruction run by a software emulator (QEMU TCG), per instruction. */
  emulatedInstruction: number;
  /** A fault into the VMM and the return to the guest (ring deprivileging, no VT). */
  trap: number;
  /** The VMM's work to emulate one privileged instruction on the virtual CPU. */
  vmmEmulation: number;
  /** A VM exit plus the following VM entry (hardware round trip only). */
  vmExit: number;
  /** KVM handing an exit to user space (QEMU) and re-entering with KVM_RUN. */
  userspaceExit: number;
  /** A paravirtual hypercall into the VMM and back. */
  hypercall: number;
  /** Translating one guest instruction (binary translation). */
  translateInstruction: number;
  /** A call from translated code into the VMM for a sensitive or privileged instruction. */
  callout: number;
  /** Delivery of an interrupt or exception through the IDT. */
  exceptionDelivery: number;
  /** A device model handling one port access (UART register write, ...). */
  deviceAccess: number;
  /**
   * A VMM switching shadow page tables when the guest writes CR3: software VMMs (trap, paravirt,
   * bt) always pay it, and KVM too on hardware without EPT.
   */
  shadowPageTableSwitch: number;
  /**
   * The era's processor has EPT (nested paging): the default of the `enableEpt` control, so that
   * KVM keeps no shadow page tables (the control, when given, decides).
   */
  ept: boolean;
  /** One memory reference of a page walk (a TLB miss costs 2 natively, 14 under EPT with paging on). */
  pageWalkReference: number;
  /** A VMM's work for a hidden page fault: walking the guest tables and filling a shadow entry (the trap or exit is extra). */
  hiddenPageFault: number;
  /** A VMM emulating a guest store to a write-protected page table and updating its shadow entry (the trap or exit is extra). */
  shadowUpdate: number;
  /** KVM handling an EPT violation in the kernel: allocating and mapping the page (the exit is extra). */
  eptViolation: number;
  /** Flushing the TLB (the misses that follow are counted as walks). */
  tlbFlush: number;
}

/**
 * Exit round trips measured on the host's real KVM (`kvm-lab kvm-info`), and the clock rate that
 * turns them into cycles (the model's unit).
 */
export interface MeasuredExitCosts {
  /** KVM_RUN → KVM_EXIT_IO → KVM_RUN: an exit to user space and back, in microseconds. */
  ioToUserSpaceMicroseconds: number;
  /** An exit KVM handles in the kernel (CPUID) and the re-entry, in microseconds. */
  inKernelExitMicroseconds: number;
  /** Host CPU cycles per microsecond (its clock in MHz). */
  cyclesPerMicrosecond: number;
  /** Where the clock rate comes from, for people (e.g. "cpu MHz of /proc/cpuinfo"). */
  clockSource: string;
}

// ---------------------------------------------------------------------------------------------
// Run results (exactly the `--json` shape of the spec)

export type ExitKind = 'hlt' | 'shutdown' | 'debug-exit' | 'step-limit';

export interface RunExit {
  reason: ExitKind;
  /** Present for `debug-exit`: `((r & 0xFF) << 1) | 1` (isa-debug-exit is a 1-byte port). */
  code?: number;
  /** Source line of the instruction that ended the run (the last executed one for step-limit). */
  line: number;
  /** Why and where the run ended, for people (`state().exit`; a result has it as `RunResult.why`). */
  why?: LocalizedText;
}

/** Registers as the guest sees them; values unsigned 32-bit. `flags` and `cpl` are the guest's. */
export interface Registers {
  r0: number;
  r1: number;
  r2: number;
  r3: number;
  r4: number;
  r5: number;
  r6: number;
  r7: number;
  sp: number;
  pc: number;
  flags: number;
  cpl: number;
  /**
   * The guest's control registers (spec v2), always present in the simulator's results (optional
   * only so that older producers of `Registers` still type-check). CR0 starts at PE | ET = 0x11;
   * bit 16 is WP, bit 31 PG (paging).
   */
  cr0?: number;
  /** The linear address of the last page fault (#PF). */
  cr2?: number;
  cr3?: number;
}

export interface RunStats {
  instructions: number;
  /** Instructions the real CPU executed itself (also translated kernel code under `bt`). */
  direct: number;
  /** Instructions whose effect software produced (TCG, a VMM after a trap, a callout, KVM/QEMU). */
  emulated: number;
  /** Faults into a classic VMM (trap, paravirt, bt user code). */
  traps: number;
  vmexits: Partial<Record<VmxExitReason, number>>;
  kvmExits: Partial<Record<KvmExitReason, number>>;
  hypercalls: number;
  translatedBlocks: number;
  translationCacheHits: number;
  /** Extra counter (beyond the spec): calls from translated code into the VMM. */
  callouts: number;
  cycles: number;
  /** Memory virtualization (spec v2): every counter present in every mode, 0 where it does not apply. */
  memory: MemoryStats;
}
export interface MemoryStats {
  /** Translations found in the TLB (with paging on, or under EPT also with paging off). */
  tlbHits: number;
  tlbMisses: number;
  /** Memory references of page walks: the hardware's, softmmu's and a VMM's walks of guest or shadow tables. */
  pageWalkReferences: number;
  /** #PF delivered to the guest (its own page faults). */
  guestPageFaults: number;
  /** Shadow paging: faults the guest never sees (the VMM filled a shadow entry or set D). */
  hiddenPageFaults: number;
  /** Shadow paging and PV MMU: guest stores to write-protected page tables that the VMM emulated. */
  shadowUpdates: number;
  /** EPT: VM exits for EPT violations (lazy fills of RAM pages handled in KVM, and MMIO). */
  eptViolations: number;
}

/** A place where the guest saw something bare metal would not have shown it. */
export interface Divergence {
  line: number;
  instruction: string;
  /** English explanation (the JSON result); `SimulationApi.divergenceDetails` has both languages. */
  explanation: string;
}

export interface RunResult {
  mode: Mode;
  exit: RunExit;
  serial: string;
  registers: Registers;
  stats: RunStats;
  divergences: Divergence[];
  /**
   * Why and where the run ended, for people (e.g. "#UD at 0x8: execution ran past the last
   * instruction (line 2); no IDT is loaded: …"). Not part of the spec's `--json` output.
   */
  why?: LocalizedText;
}

export type DivergenceKind = 'pushf-if' | 'popf-if' | 'sgdt' | 'sidt' | 'smsw' | 'cs-cpl';

export interface DivergenceDetail extends Divergence {
  kind: DivergenceKind;
  pc: number;
  /** What bare metal would have given and what the guest got instead (numbers). */
  expected: number;
  actual: number;
  text: LocalizedText;
}

// ---------------------------------------------------------------------------------------------
// Events (what the webview animates)

export type SimEventKind =
  /** The CPU ran the instruction itself. Only from `step()`; `run()` does not report these. */
  | 'direct'
  /** Software (TCG, or a VMM after a trap/callout, or KVM after an exit) produced its effect. */
  | 'emulated'
  /** A fault from the deprivileged guest into the classic VMM. */
  | 'trap'
  /** A VT-x VM exit (vmExit says why). */
  | 'vmexit'
  /** KVM handled the exit in the kernel and re-entered the guest. */
  | 'kvm-handled'
  /** KVM returned to user space (kvmExit says why). */
  | 'kvm-exit'
  /** A device model acted (QEMU's serial port, the debug-exit port, the timer). */
  | 'device'
  | 'hypercall'
  /** Binary translation of a kernel basic block (first entry). */
  | 'translate'
  /** Translated code called into the VMM. */
  | 'callout'
  | 'divergence'
  /** An exception or interrupt delivered to the guest through its IDT (`vector`). */
  | 'exception'
  /** The VMM reflected a guest fault/interrupt into the guest's virtual IDT. */
  | 'reflect'
  /** The machine stopped (`exit`). */
  | 'halt'
  /** A TLB miss and the page walk it caused (`page.references`). */
  | 'page-walk'
  /** The guest's own page fault (#PF), before delivery (`page.errorCode`). */
  | 'page-fault'
  /** Shadow paging: a fault the guest never sees; the VMM fills a shadow entry. */
  | 'hidden-page-fault'
  /** Shadow paging or PV MMU: the VMM emulates a page-table store and updates its tables. */
  | 'shadow-update'
  /** EPT: KVM maps a guest-physical page on its first touch (or hands MMIO to QEMU). */
  | 'ept-violation'
  /** The TLB was emptied (MOV to CR3, CR0.PG, a VM exit without VPID). */
  | 'tlb-flush';

/** One exit to user space as both the simulated `vtx` and the real KVM describe it. */
export type UserSpaceExit =
  | { kind: 'io'; port: number; direction: 'in' | 'out'; size: number; data: number }
  /** `data`: the value written, or read (all ones on the open bus and the MMIO page). */
  | { kind: 'mmio'; address: number; isWrite: boolean; data?: number }
  | { kind: 'hlt' | 'shutdown' | 'hypercall' };

export interface SimEvent {
  kind: SimEventKind;
  layer: Layer;
  /** 1-based source line of the guest instruction that caused it; 0 when none. */
  line: number;
  pc: number;
  /** Mnemonic of that instruction ('' when none). */
  mnemonic: string;
  /** Cycles this event cost (by the era's cost model). */
  cycles: number;
  /** One line for the event log. */
  text: LocalizedText;
  /** A glossary term (English name) the UI can link to, e.g. "VM exit". */
  term?: string;
  vmExit?: { reason: VmxExitReason; number: number; qualification?: ExitQualification };
  kvmExit?: { reason: KvmExitReason; number: number };
  /**
   * On a `kvm-exit` event of `vtx`: what user space saw, in the terms real KVM's `kvm_run` gives
   * (port, direction, size and data of KVM_EXIT_IO; address and direction of KVM_EXIT_MMIO), so
   * that a run on the real KVM can be compared exit by exit (src/host/kvm/compare.ts).
   */
  userExit?: UserSpaceExit;
  vector?: number;
  hypercall?: number;
  block?: { start: number; instructions: number };
  divergence?: DivergenceDetail;
  exit?: RunExit;
  /** Memory events: the linear (or guest-physical) address, walk references, #PF error code. */
  page?: { linear: number; references?: number; errorCode?: number };
}

// ---------------------------------------------------------------------------------------------
// CPU state (what the guest believes vs the hardware)

export interface TableRegister {
  base: number;
  limit: number;
}

export interface CpuControlState {
  cpl: number;
  /** Interrupt flag. */
  if: boolean;
  flags: number;
  cs: number;
  cr0: number;
  cr3: number;
  gdtr: TableRegister;
  idtr: TableRegister;
}

export interface MachineState {
  mode: Mode;
  registers: Registers;
  /** What the guest believes (the virtual CPU a VMM keeps). Equal to `real` in native/emulate/vtx. */
  guest: CpuControlState;
  /** The real processor while the guest runs (e.g. CPL 1 and the VMM's IDT under `trap`). */
  real: CpuControlState;
  /** 1-based line of the next instruction (0 when pc is not on an instruction). */
  line: number;
  serial: string;
  stats: RunStats;
  finished: boolean;
  exit?: RunExit;
  /** Timer period in instructions (0: off). */
  timerPeriod: number;
}

// ---------------------------------------------------------------------------------------------
// Simulation

export interface SimulationOptions {
  mode: Mode;
  /** Default `current`. */
  era?: Era;
  /** `vtx` only; missing ones take `DEFAULT_VMX_CONTROLS`. */
  controls?: Partial<VmxControls>;
  /** Bound on guest instructions of the whole run (default `DEFAULT_MAX_STEPS`). */
  maxSteps?: number;
  /** Overrides of the era's cost model. */
  costs?: Partial<Omit<CostModel, 'era' | 'label'>>;
  /**
   * A whole cost model instead of the era's (e.g. `thisMachineCostModel`, the costs measured on the
   * host's real KVM); `costs` still overrides it. `era` then only names the generation it extends.
   */
  costModel?: Readonly<CostModel>;
  /**
   * Compile blocks of innocuous guest code to JavaScript where the host allows it (default true;
   * the webview's CSP forbids it, and the interpreter then runs alone). Results are identical.
   */
  compile?: boolean;
}

export const DEFAULT_MAX_STEPS = 10_000_000;

export interface SliceResult {
  /** Guest instructions executed in this slice. */
  executed: number;
  finished: boolean;
}

export type SimEventListener = (event: SimEvent) => void;

/**
 * A running guest. Deterministic: the same program and options give the same events and result.
 * Never throws on guest behaviour; a runaway guest stops at `maxSteps` with `step-limit`.
 */
export interface SimulationApi {
  readonly program: Program;
  readonly mode: Mode;
  readonly era: Era;
  readonly controls: Readonly<VmxControls>;
  readonly costs: Readonly<CostModel>;
  readonly isFinished: boolean;
  /** Runs one guest instruction (and the interrupt it may take) and returns every event it caused. */
  step(): SimEvent[];
  /**
   * Runs up to `maxInstructions` guest instructions and returns; call again to resume. Without
   * listeners the hot loop allocates nothing; listeners get every event except `direct`.
   */
  run(maxInstructions?: number): SliceResult;
  /** Subscribes to events of `run()` and `step()`; returns the unsubscribe function. */
  onEvent(listener: SimEventListener): () => void;
  state(): MachineState;
  /** The run's result so far (`exit` is `step-limit` at the current line while unfinished). */
  result(): RunResult;
  divergenceDetails(): DivergenceDetail[];
  /** Reads guest memory (for a memory view); out-of-range bytes read as 0. */
  readMemory(address: number, length: number): Uint8Array;
}

// ---------------------------------------------------------------------------------------------
// Comparison of modes (`kvm-lab compare`)

export interface ModeComparison {
  mode: Mode;
  result: RunResult;
  equivalentToNative: boolean;
  /** What differs from `native`, e.g. "serial: 'Hi' vs ''", "r0: 5 vs 7", "exit: hlt vs shutdown". */
  differences: string[];
  /** Where the cycles went, by cause (with `CompareOptions.breakdown`); sums to `stats.cycles`. */
  breakdown?: CycleShare[];
}

/** What a run's cycles paid for (`breakdown.ts` says which events each one gathers). */
export type CycleCause =
  | 'direct' | 'emulated' | 'translation' | 'callouts' | 'traps' | 'exits' | 'userspace-exits'
  | 'hypercalls' | 'devices' | 'exceptions' | 'shadow-paging' | 'page-walks' | 'ept' | 'other';

/** One cause's part of a run: its cycles and how many times it was paid. */
export interface CycleShare {
  cause: CycleCause;
  cycles: number;
  count: number;
}

export interface CompareResult {
  era: Era;
  modes: ModeComparison[];
  /**
   * What the comparison does not cover, for people: e.g. that a program which made hypercalls
   * (VMCALL, #UD on bare metal) has no bare-metal counterpart to be equivalent to.
   */
  notes: LocalizedText[];
}

// ---------------------------------------------------------------------------------------------
// Editor support

export interface InstructionInfo {
  mnemonic: string;
  /** Other spellings (`je` for `jz`). */
  aliases: string[];
  instructionClass: InstructionClass;
  /** e.g. "mov dst, src". */
  syntax: string;
  summary: LocalizedText;
  /** What each mode does with it. */
  modes: Record<Mode, LocalizedText>;
  /** A glossary term (English name) to link, when one fits. */
  term?: string;
}

/** Hover of a register name (`registerInfo`). */
export interface RegisterInfo {
  name: string;
  summary: LocalizedText;
  /** A glossary term (English name) to link, when one fits. */
  term?: string;
}

/** Metadata of a shipped example; the program text is `examples/<file>` in the extension. */
export interface ExampleInfo {
  id: string;
  /** File name inside `examples/`. */
  file: string;
  title: LocalizedText;
  description: LocalizedText;
  /** The mode(s) in which the lesson shows best, first one suggested. */
  modes: Mode[];
  /** Suggested era, when the lesson depends on it. */
  era?: Era;
}
