/**
 * What `check`, `run` and `compare` share: loading and assembling a guest program, parsing the
 * simulator's flags, and the spec's JSON shape of a run.
 */
import { CliError, ExitCode, oneLine, readTextFile, type CliIo } from './io';
import {
  assemble,
  formatDiagnostic,
  ERAS,
  MODES,
  type Diagnostic,
  type Era,
  type Mode,
  type Program,
  type RunResult,
} from '../core/sim/index';
import { editDistance } from '../core/sim/lexer';


export interface LoadedProgram {
  program?: Program;
  diagnostics: Diagnostic[];
  errorCount: number;
}

/** Reads and assembles a file; unreadable or binary files become a CliError (exit 1). */
export async function assembleFile(io: CliIo, path: string): Promise<LoadedProgram> {
  const source = await readTextFile(io, path);
  const { program, diagnostics } = assemble(source, { fileName: path });
  const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
  return { program, diagnostics, errorCount };
}

/**
 * For `run` and `compare`: prints the diagnostics to stderr and returns the program, or throws
 * when it does not assemble (the diagnostics said where; the error line says nothing ran).
 */
export async function loadProgram(io: CliIo, path: string): Promise<Program> {
  const loaded = await assembleFile(io, path);
  for (const d of loaded.diagnostics) io.err(formatDiagnostic(d, oneLine(path)) + '\n');
  if (!loaded.program || loaded.errorCount > 0) {
    throw new CliError(`${path}: ${plural(loaded.errorCount, 'error')}, nothing was run`);
  }
  // Running nothing would only show a triple fault at address 0, which explains nothing.
  if (loaded.program.instructions.length === 0) throw new CliError(`${path}: no instructions, nothing to run`);
  return loaded.program;
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The mode of `--mode`; a wrong name is a usage error that lists the right ones. */
export function parseMode(value: string | true | undefined, fallback: Mode, others: readonly string[] = []): Mode {
  if (value === undefined) return fallback;
  const name = String(value).toLowerCase();
  const mode = MODES.find((m) => m === name);
  if (mode) return mode;
  const hint = PRODUCT_MODES[name];
  const suggestion = hint ? ` (did you mean '${hint}', the mode that models ${name}?)` : didYouMean(name, [...MODES, ...others]);
  throw new CliError(`unknown mode '${value}'${suggestion} (expected one of: ${[...MODES, ...others].join(', ')})`, ExitCode.usage);
}

/** Learners often name the product rather than the technique; point them to the mode. */
const PRODUCT_MODES: Record<string, Mode> = {
  kvm: 'vtx', 'vt-x': 'vtx', vmx: 'vtx', qemu: 'emulate', tcg: 'emulate', vmware: 'bt', xen: 'paravirt', bare: 'native', 'bare-metal': 'native',
};

/** Other spellings of the eras, as api.ts documents them. */
const ERA_ALIASES: Record<string, Era> = { 'early-vtx': 'early-vtx', early: 'early-vtx', '2006': 'early-vtx', current: 'current' };

/** The era whose exit costs are measured on this host's real KVM (`--era this-machine`). */
export const THIS_MACHINE = 'this-machine';

export function parseEra(value: string | true | undefined): Era | undefined {
  if (value === undefined) return undefined;
  const name = String(value).toLowerCase();
  const era = ERA_ALIASES[name];
  if (era) return era;
  const names = [...ERAS, THIS_MACHINE, 'early', '2006'];
  throw new CliError(`unknown era '${value}'${didYouMean(name, names)} (expected one of: ${names.join(', ')})`, ExitCode.usage);
}

/**
 * Upper bound of `--max-steps`: a runaway guest must still stop in reasonable time (about a
 * minute even on the slow path of privileged instructions), not run for days.
 */
export const MAX_STEPS_LIMIT = 1_000_000_000;

/** `--max-steps`: a positive whole number (underscores allowed, as in 10_000_000). */
export function parseMaxSteps(value: string | true | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).replace(/_/g, '');
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new CliError(`--max-steps needs a positive whole number, got '${value}'`, ExitCode.usage);
  }
  if (n > MAX_STEPS_LIMIT) throw new CliError(`--max-steps is at most ${MAX_STEPS_LIMIT} (got ${value})`, ExitCode.usage);
  return n;
}

/** ` (did you mean 'x'?)` when one candidate is close, else ''. */
function didYouMean(word: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    // A prefix counts as close, but a true one-letter slip wins a tie.
    const d = Math.min(editDistance(word, c), c.startsWith(word) && word.length >= 2 ? 1.5 : Infinity);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best === undefined ? '' : ` (did you mean '${best}'?)`;
}


/**
 * A run in the spec's JSON shape, keys in the spec's order. Built field by field so that an
 * addition to the core's result objects never leaks into the documented output by accident.
 */
export function runResultJson(r: RunResult): object {
  const { exit, registers: g, stats: s } = r;
  return {
    mode: r.mode,
    exit: exit.code === undefined ? { reason: exit.reason, line: exit.line } : { reason: exit.reason, code: exit.code, line: exit.line },
    serial: r.serial,
    registers: {
      r0: g.r0, r1: g.r1, r2: g.r2, r3: g.r3, r4: g.r4, r5: g.r5, r6: g.r6, r7: g.r7,
      sp: g.sp, pc: g.pc, flags: g.flags, cpl: g.cpl, cr0: g.cr0 ?? 0, cr2: g.cr2 ?? 0, cr3: g.cr3 ?? 0,
    },
    stats: {
      instructions: s.instructions,
      direct: s.direct,
      emulated: s.emulated,
      traps: s.traps,
      vmexits: { ...s.vmexits },
      kvmExits: { ...s.kvmExits },
      hypercalls: s.hypercalls,
      translatedBlocks: s.translatedBlocks,
      translationCacheHits: s.translationCacheHits,
      callouts: s.callouts,
      cycles: s.cycles,
      memory: {
        tlbHits: s.memory.tlbHits, tlbMisses: s.memory.tlbMisses, pageWalkReferences: s.memory.pageWalkReferences,
        guestPageFaults: s.memory.guestPageFaults, hiddenPageFaults: s.memory.hiddenPageFaults,
        shadowUpdates: s.memory.shadowUpdates, eptViolations: s.memory.eptViolations,
      },
    },
    divergences: r.divergences.map((d) => ({ line: d.line, instruction: d.instruction, explanation: d.explanation })),
  };
}

/** Serial output made safe for a terminal: control characters other than newline and tab escaped. */
export function printableSerial(serial: string): string {
  return serial.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The serial output as `run` prints it (simulated or real KVM alike): between markers, or `serial: (nothing)`. */
export function serialLines(serial: string): string[] {
  if (serial.length === 0) return ['serial: (nothing)'];
  const text = printableSerial(serial);
  return ['--- serial ---', text.endsWith('\n') ? text.slice(0, -1) : text + '  [no newline at end]', '--- end of serial ---'];
}

/** `IO_INSTRUCTION 44, HLT 1`, or `none`. */
export function countsText(counts: Partial<Record<string, number>>): string {
  const parts = Object.entries(counts)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] > 0)
    .map(([name, n]) => `${name} ${n}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

export function sumCounts(counts: Partial<Record<string, number>>): number {
  let total = 0;
  for (const n of Object.values(counts)) total += n ?? 0;
  return total;
}

/** `hlt at line 17`, `debug-exit (code 3) at line 9`. */
export function exitText(exit: RunResult['exit']): string {
  const code = exit.code === undefined ? '' : ` (code ${exit.code})`;
  return `${exit.reason}${code}${exit.line > 0 ? ` at line ${exit.line}` : ''}`;
}
