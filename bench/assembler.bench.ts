/**
 * Assembling and diagnosing the worst programs issue 8 found, each made 1 MB long, as the editor
 * does it (assemble, format the diagnostics, place them), against merely lexing the same text in
 * plain JavaScript in the same process: split into lines, cut comments, one regular expression
 * for the tokens. Goals: within 10× of lexing, and under a second per megabyte.
 */
import { assemble, formatDiagnostics } from '../src/core/sim';
import { diagnoseProgram } from '../src/core/sim/assembler';
import { findVmasmFences } from '../src/extension/guestLanguage/fences';
import { diagnosticSpans } from '../src/extension/guestLanguage/statement';
import { HOSTILE_VMASM, type HostileCase } from '../test/unit/sim/hostileVmasm';
import { medianRatio, type BenchLine } from './harness';

const SIZE = 1024 * 1024;
const TOKEN = /[A-Za-z_.][A-Za-z0-9_.]*|[0-9][A-Za-z0-9_]*|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^\s]/g;

/** The baseline: the tokens of every line as strings, comments cut, nothing checked. */
function lex(source: string): number {
  let tokens = 0;
  for (const line of source.split(/\r\n|\r|\n/)) {
    const comment = line.search(/[;#]/);
    const code = comment < 0 ? line : line.slice(0, comment);
    tokens += code.match(TOKEN)?.length ?? 0;
  }
  return tokens;
}

/** What the editor does on each pause in typing. */
function diagnose(source: string): number {
  const { diagnostics } = assemble(source);
  return formatDiagnostics(diagnostics).length + diagnosticSpans(source, diagnostics).length;
}

/** What the editor does for a Markdown note: find the blocks, diagnose each (diagnostics.ts). */
function diagnoseNote(note: string): number {
  let n = 0;
  for (const fence of findVmasmFences(note)) {
    const diagnostics = diagnoseProgram(fence.text);
    n += diagnosticSpans(fence.text, diagnostics).length;
  }
  return n;
}

const CASES: HostileCase[] = ['labelsAndUnknowns', 'nearMisses', 'equChain', 'equCycle', 'badLinesThenComments', 'hugeExpression', 'labelsOnOneLine', 'longWords', 'binary'];

export default async function bench(): Promise<BenchLine[]> {
  const lines: BenchLine[] = [];
  let sink = 0;
  for (const name of CASES) {
    const source = HOSTILE_VMASM[name](SIZE);
    const megabytes = source.length / SIZE;
    const { ratio, measuredMs, baselineMs } = medianRatio(() => (sink ^= diagnose(source)), () => (sink ^= lex(source)), 9, 2);
    const perMegabyte = measuredMs / megabytes;
    lines.push(
      { name: `${name}: assemble + diagnostics, ms per MB`, value: perMegabyte, unit: 'ms', goal: '< 1000', met: perMegabyte < 1000 },
      { name: `${name}: / lexing the same text (${baselineMs.toFixed(0)} ms)`, value: ratio, unit: 'x', goal: '<= 10', met: ratio <= 10 },
    );
  }
  // A note made of tens of thousands of small blocks: each block's fixed cost is what counts.
  const note = Array.from({ length: Math.floor(SIZE / 40) }, (_, i) => `\`\`\`vmasm\nmov r0, ${i}\nbogus${i % 7}\n\`\`\`\n`).join('');
  const blocks = findVmasmFences(note).length;
  const noteRun = medianRatio(() => (sink ^= diagnoseNote(note)), () => (sink ^= lex(note)), 9, 2);
  const noteMs = noteRun.measuredMs / (note.length / SIZE);
  lines.push(
    { name: `note of ${blocks} small blocks: fences + diagnostics, ms per MB`, value: noteMs, unit: 'ms', goal: '< 1000', met: noteMs < 1000 },
    { name: `note of small blocks: / lexing the same text (${noteRun.baselineMs.toFixed(0)} ms)`, value: noteRun.ratio, unit: 'x', goal: '<= 10', met: noteRun.ratio <= 10 },
  );
  if (sink === 0.5) console.log(sink);
  return lines;
}
