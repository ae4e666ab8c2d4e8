import type { CliCommand } from '../command';
import { CliError, ExitCode, oneLine, type CliIo } from '../io';
import { parseCommandArgs } from '../args';
import { exitText, loadProgram, parseEra, THIS_MACHINE, parseMaxSteps, printableSerial, runResultJson, sumCounts } from '../guest';
import { CAUSE_LABELS, compareModes, explainComparison, type CompareResult } from '../../core/sim/index';
import { LANGS, type Lang } from '../../core/glossary/index';
import { cliLang } from '../lang';
import { eraOption, imageOrReason, KVM_DEFAULT_MAX_STEPS, kvmCall, kvmOf } from '../kvm';
import { compareKvmWithVtx, simulateVtx, type KvmComparison } from '../../host/kvm/compare';
import { kvmResultJson } from '../../host/kvm/json';
import type { KvmRunResult } from '../../host/kvm/runner';
import type { CostModel, Program, RunExit } from '../../core/sim/api';

/** The `kvm` row: the real run and how it compares with the simulated `vtx`, or why there is none. */
export type KvmRow = { result: KvmRunResult; comparison: KvmComparison } | { notRun: string };

const USAGE = 'compare PROG.vmasm [--era E] [--max-steps N] [--lang L] [--json]';

/** `kvm-lab compare`: the program in every mode beside `native`. */
export const compareCommand: CliCommand = {
  name: 'compare',
  usage: USAGE,
  summary: 'every mode side by side, what differs (kvm: against vtx) (L: en, zh-cn)',
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { positional, flags } = parseCommandArgs(argv, { era: 'string', 'max-steps': 'string', lang: 'string', json: 'boolean' });
    if (positional.length !== 1) {
      throw new CliError(`expected one guest program: kvm-lab ${USAGE}`, ExitCode.usage);
    }
    parseEra(flags.get('era') === THIS_MACHINE ? undefined : flags.get('era'));
    const maxSteps = parseMaxSteps(flags.get('max-steps'));
    const langFlag = flags.get('lang');
    if (langFlag !== undefined && !LANGS.includes(langFlag as Lang)) {
      throw new CliError(`--lang must be one of ${LANGS.join(', ')}, not '${String(langFlag)}'`, ExitCode.usage);
    }
    const lang = (langFlag as Lang | undefined) ?? cliLang();
    const path = positional[0];
    const program = await loadProgram(io, path);
    const { era, costModel } = eraOption(flags.get('era'), io);
    const comparison = compareModes(program, { era, maxSteps, costModel, breakdown: !flags.has('json') });
    const vtxSteps = comparison.modes.find((m) => m.mode === 'vtx')?.result.stats.instructions ?? 0;
    const kvm = maxSteps === undefined && vtxSteps > KVM_DEFAULT_MAX_STEPS
      ? { notRun: `the simulated vtx run took ${vtxSteps} instructions, more than real KVM runs by default (${KVM_DEFAULT_MAX_STEPS}, each paying a budget check); give --max-steps to compare that many` }
      : kvmRow(program, oneLine(path), maxSteps, io);
    if (flags.has('json')) {
      io.out(JSON.stringify(compareJson(comparison, kvm, costModel), null, 2) + '\n');
    } else {
      io.out(compareText(oneLine(path), comparison, lang, { kvm, measured: costModel }));
    }
    const stopped = comparison.modes.filter((m) => m.result.exit.reason === 'step-limit').map((m) => m.mode);
    if (stopped.length > 0) {
      io.err(`kvm-lab compare: ${oneLine(path)}: warning: stopped by the step limit in ${stopped.join(', ')}; the guest did not finish (raise --max-steps)\n`);
    }
    return ExitCode.ok;
  },
};

/** Runs the program on real KVM where it can, and compares it with the simulated `vtx` (spec v2). */
export function kvmRow(program: Program, path: string, maxSteps: number | undefined, io: CliIo): KvmRow {
  const translated = imageOrReason(program, path);
  if ('reason' in translated) return { notRun: translated.reason };
  const kvm = kvmOf(io);
  const unavailable = kvm.unavailable();
  if (unavailable) return { notRun: unavailable };
  const result = kvmCall(() => kvm.run(translated.image, program, { maxSteps }));
  return { result, comparison: compareKvmWithVtx(simulateVtx(program, { maxSteps }), result) };
}

export function compareJson(c: CompareResult, kvm?: KvmRow, measured?: CostModel): object {
  return {
    era: measured ? THIS_MACHINE : c.era,
    ...(measured?.measured ? { measured: measured.measured, costs: { vmExit: measured.vmExit, vmmEmulation: measured.vmmEmulation, userspaceExit: measured.userspaceExit } } : {}),
    modes: c.modes.map((m) => ({
      mode: m.mode,
      equivalentToNative: m.equivalentToNative,
      differences: [...m.differences],
      result: runResultJson(m.result),
    })),
    ...(kvm === undefined ? {} : {
      kvm: 'notRun' in kvm ? { notRun: kvm.notRun } : {
        mode: 'kvm',
        equivalentToVtx: kvm.comparison.equivalentToVtx,
        differences: kvm.comparison.differences.map((d) => ({ kind: d.kind, tolerated: d.tolerated, text: d.text })),
        masked: kvm.comparison.masked,
        result: kvmResultJson(kvm.result),
      },
    }),
  };
}

/**
 * One row per mode; where each mode's cycles went, with the cause that dominates it and the
 * explanation of surprising results; then each mode's differences from native spelled out.
 */
export function compareText(path: string, c: CompareResult, lang: Lang = 'en', extra: { kvm?: KvmRow; measured?: CostModel } = {}): string {
  const { kvm, measured } = extra;
  const header = ['mode', 'exit', 'serial', 'instructions', 'traps', 'VM exits', 'to user', 'hypercalls', 'cycles', 'same as native'];
  const rows = c.modes.map((m) => {
    const r = m.result;
    return [
      m.mode,
      exitText(r.exit),
      `${r.serial.length} B`,
      String(r.stats.instructions),
      String(r.stats.traps),
      String(sumCounts(r.stats.vmexits)),
      String(sumCounts(r.stats.kvmExits)),
      String(r.stats.hypercalls),
      String(r.stats.cycles),
      m.mode === 'native' ? '(reference)' : m.equivalentToNative ? 'yes' : `no (${m.differences.length})`,
    ];
  });
  if (kvm && !('notRun' in kvm)) {
    const r = kvm.result;
    const k = kvm.comparison;
    // Exits KVM handles in the kernel and cycles are this host's: not shown as the model's columns.
    rows.push(['kvm', exitText({ reason: r.exit.reason as RunExit['reason'], code: r.exit.code, line: r.exit.line }), `${r.serial.length} B`, String(r.stats.instructions), '-', '-', String(sumCounts(r.stats.kvmExits)), '-', '-',
      k.equivalentToVtx ? 'vtx: yes' : `vtx: no (${k.differences.filter((d) => !d.tolerated).length})`]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  // Text left-aligned, numbers right-aligned, as a reader scans them.
  const numeric = new Set([2, 3, 4, 5, 6, 7, 8]);
  const format = (row: string[]) =>
    row.map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  const eraText = measured ? `${THIS_MACHINE} (${measured.label[lang]}; other costs: ${c.era})` : c.era;
  const lines = [`${path}: every mode, era ${eraText}`, format(header), format(widths.map((w) => '-'.repeat(w))), ...rows.map(format)];
  lines.push('', ...memoryTable(c, lang));
  lines.push(...breakdownLines(c, lang));
  const native = c.modes.find((m) => m.mode === 'native');
  if (native && native.result.serial.length > 0) {
    lines.push('', `native serial: ${JSON.stringify(printableSerial(native.result.serial))}`);
  }
  for (const m of c.modes) {
    if (m.differences.length === 0 && m.result.divergences.length === 0) continue;
    lines.push('', `${m.mode}:`);
    // The differences abbreviate long output; the whole serial text is what a learner compares.
    if (native && m.result.serial !== native.result.serial) lines.push(`  serial: ${JSON.stringify(printableSerial(m.result.serial))}`);
    for (const d of m.differences) lines.push(`  differs: ${d}`);
    for (const d of m.result.divergences) lines.push(`  divergence at ${path}:${d.line}: ${d.instruction}: ${d.explanation}`);
  }
  if (kvm) lines.push('', ...kvmLines(kvm, lang));
  return lines.join('\n') + '\n';
}

/** The real run against the simulated `vtx`: what differs, what was masked, or why it did not run. */
function kvmLines(kvm: KvmRow, lang: Lang): string[] {
  const zh = lang === 'zh-cn';
  if ('notRun' in kvm) return [`${zh ? 'kvm（本机真实的 /dev/kvm）：未运行：' : 'kvm (the real /dev/kvm of this machine): not run: '}${kvm.notRun}`];
  const k = kvm.comparison;
  const lines = [zh
    ? `kvm（本机真实的 /dev/kvm）与模拟的 vtx 比较：${k.equivalentToVtx ? '一致' : '不一致'}`
    : `kvm (the real /dev/kvm of this machine) against the simulated vtx: ${k.equivalentToVtx ? 'the same' : 'different'}`];
  for (const d of k.differences) lines.push(`  ${d.tolerated ? (zh ? '容许' : 'tolerated') : (zh ? '不同' : 'differs')}: ${d.text[lang]}`);
  for (const m of k.masked) lines.push(`  ${zh ? '已屏蔽' : 'masked'}: ${m[lang]}`);
  return lines;
}

/** The memory counters of every mode (spec v2 `stats.memory`), one row per mode. */
function memoryTable(c: CompareResult, lang: Lang): string[] {
  const header = lang === 'zh-cn'
    ? ['内存', 'TLB 命中', 'TLB 未命中', '页表访存', '客户机缺页', '隐藏缺页', '影子更新', 'EPT 违例']
    : ['memory', 'TLB hits', 'TLB misses', 'walk refs', 'guest #PF', 'hidden #PF', 'shadow updates', 'EPT violations'];
  const rows = c.modes.map((m) => {
    const k = m.result.stats.memory;
    return [m.mode, k.tlbHits, k.tlbMisses, k.pageWalkReferences, k.guestPageFaults, k.hiddenPageFaults, k.shadowUpdates, k.eptViolations].map(String);
  });
  // Chinese characters take two terminal columns.
  const width = (text: string) => [...text].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const pad = (text: string, w: number, left: boolean) => (left ? ' '.repeat(Math.max(0, w - width(text))) + text : text + ' '.repeat(Math.max(0, w - width(text))));
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((row) => width(row[i]))));
  const format = (row: string[]) => row.map((cell, i) => pad(cell, widths[i], i !== 0)).join('  ').trimEnd();
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...rows.map(format)];
}

/** Cycles by cause per mode (with `breakdown`), each mode's dominant cost, then the findings and notes. */
function breakdownLines(c: CompareResult, lang: Lang): string[] {
  const lines: string[] = [];
  const explanation = explainComparison(c);
  const withBreakdown = c.modes.filter((m) => m.breakdown);
  if (withBreakdown.length > 0) {
    lines.push('', lang === 'zh-cn' ? '周期按原因分解：' : 'cycles by cause:');
    const width = Math.max(...withBreakdown.map((m) => m.mode.length));
    for (const m of withBreakdown) {
      const total = m.result.stats.cycles;
      const parts = m.breakdown!.map((s) => `${CAUSE_LABELS[s.cause][lang]} ${s.cycles} (${total > 0 ? Math.round((s.cycles / total) * 100) : 0}%)`);
      lines.push(`  ${m.mode.padEnd(width)}  ${parts.join(', ')}`);
    }
    lines.push('');
    for (const d of explanation.dominant) lines.push(d.text[lang]);
  }
  for (const f of explanation.findings) lines.push('', f.text[lang]);
  for (const note of c.notes) lines.push('', note[lang]);
  return lines;
}
