import type { CliCommand } from '../command';
import { CliError, ExitCode, oneLine, type CliIo } from '../io';
import { parseCommandArgs } from '../args';
import { exitText, loadProgram, parseEra, parseMaxSteps, printableSerial, runResultJson, sumCounts } from '../guest';
import { CAUSE_LABELS, compareModes, explainComparison, type CompareResult } from '../../core/sim/index';
import { LANGS, type Lang } from '../../core/glossary/index';
import { cliLang } from '../lang';

const USAGE = 'compare PROG.vmasm [--era E] [--max-steps N] [--lang L] [--json]';

/** `kvm-lab compare`: the program in every mode beside `native`. */
export const compareCommand: CliCommand = {
  name: 'compare',
  usage: USAGE,
  summary: 'every mode side by side, what differs from native (L: en, zh-cn)',
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { positional, flags } = parseCommandArgs(argv, { era: 'string', 'max-steps': 'string', lang: 'string', json: 'boolean' });
    if (positional.length !== 1) {
      throw new CliError(`expected one guest program: kvm-lab ${USAGE}`, ExitCode.usage);
    }
    const era = parseEra(flags.get('era'));
    const maxSteps = parseMaxSteps(flags.get('max-steps'));
    const langFlag = flags.get('lang');
    if (langFlag !== undefined && !LANGS.includes(langFlag as Lang)) {
      throw new CliError(`--lang must be one of ${LANGS.join(', ')}, not '${String(langFlag)}'`, ExitCode.usage);
    }
    const lang = (langFlag as Lang | undefined) ?? cliLang();
    const path = positional[0];
    const program = await loadProgram(io, path);
    const comparison = compareModes(program, { era, maxSteps, breakdown: !flags.has('json') });
    if (flags.has('json')) {
      io.out(JSON.stringify(compareJson(comparison), null, 2) + '\n');
    } else {
      io.out(compareText(oneLine(path), comparison, lang));
    }
    const stopped = comparison.modes.filter((m) => m.result.exit.reason === 'step-limit').map((m) => m.mode);
    if (stopped.length > 0) {
      io.err(`kvm-lab compare: ${oneLine(path)}: warning: stopped by the step limit in ${stopped.join(', ')}; the guest did not finish (raise --max-steps)\n`);
    }
    return ExitCode.ok;
  },
};

export function compareJson(c: CompareResult): object {
  return {
    era: c.era,
    modes: c.modes.map((m) => ({
      mode: m.mode,
      equivalentToNative: m.equivalentToNative,
      differences: [...m.differences],
      result: runResultJson(m.result),
    })),
  };
}

/**
 * One row per mode; where each mode's cycles went, with the cause that dominates it and the
 * explanation of surprising results; then each mode's differences from native spelled out.
 */
export function compareText(path: string, c: CompareResult, lang: Lang = 'en'): string {
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
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  // Text left-aligned, numbers right-aligned, as a reader scans them.
  const numeric = new Set([2, 3, 4, 5, 6, 7, 8]);
  const format = (row: string[]) =>
    row.map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  const lines = [`${path}: every mode, era ${c.era}`, format(header), format(widths.map((w) => '-'.repeat(w))), ...rows.map(format)];
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
  return lines.join('\n') + '\n';
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
