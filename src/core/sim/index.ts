/** The simulator's public surface: types in `./api`, implementations beside them. */
export * from './api';
export { assemble, formatDiagnostic, formatDiagnostics } from './assembler';
export { Simulation } from './simulation';
export { runProgram, compareModes, hypercallNotes, type CompareOptions } from './compare';
export { CycleLedger, cycleBreakdown, CYCLE_CAUSES, CAUSE_LABELS, type ChargedCycles } from './breakdown';
export { explainComparison, type ComparisonExplanation, type ExplainedMode, type FindingId } from './explain';
export type { ModeNames } from './modeNames';
export { instructionInfo, INSTRUCTION_INFOS, registerInfo } from './info';
export { MNEMONICS, REGISTERS, DIRECTIVES } from './isa';
export { DEFAULT_VMX_CONTROLS, VMX_CONTROL_DEFAULTS, VMX_CONTROLS, VMX_EXIT_REASON_NUMBERS, KVM_EXIT_REASON_NUMBERS, vmxControls } from './vmx';
export { COST_MODELS, thisMachineCostModel } from './costs';
export { HYPERCALLS, PORTS } from './reference';
export { EXAMPLES } from './examples';
export {
  FLAG_CF, FLAG_PF, FLAG_AF, FLAG_ZF, FLAG_SF, FLAG_IF, FLAG_OF, STATUS_FLAGS, FLAGS_WRITTEN, UNDEFINED_FLAGS, undefinedFlags,
} from './flags';
export type {
  MemorySnapshot, PageEntryView, PageDirectoryView, ShadowTableView, ShadowEntryView, EptEntryView, WalkGridView, WalkReference, TlbEntryView, GuestMemoryRead,
} from './memory/inspect';
export type { MemoryTechnique } from './memory/mmu';
