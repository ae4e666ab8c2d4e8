/**
 * The one table `npm run bench` prints: every benchmark line of every bench file, its goal beside
 * it, and a closing count of goals met. Columns are aligned by display width, so that Chinese
 * names (two columns per character) and emoji line up; names too long for the terminal wrap.
 */
import type { BenchLine } from './harness';

/** What one bench file produced: its lines, or why it could not run. */
export interface BenchFileResult {
  file: string;
  seconds: number;
  lines: BenchLine[];
  error?: string;
}

export interface BenchSummary {
  goals: number;
  met: number;
  failedFiles: string[];
}

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
/** East Asian wide and fullwidth characters and emoji: two terminal columns. */
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Emoji_Presentation}\u{3000}-\u{303f}\u{ff01}-\u{ff60}\u{ffe0}-\u{ffe6}]|\u{fe0f}/u;
/** Combining marks and format characters (joiners, variation selectors) take no column. */
const ZERO = /^[\p{Mn}\p{Me}\p{Cf}]+$/u;

function graphemeWidth(grapheme: string): number {
  if (WIDE.test(grapheme)) return 2;
  return ZERO.test(grapheme) ? 0 : 1;
}

/** Terminal columns `text` occupies. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const { segment } of segmenter.segment(text)) width += graphemeWidth(segment);
  return width;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

/**
 * `text` cut into lines of at most `width` columns (`firstWidth` for the first), at a space where
 * there is one, else after a wide character (Chinese needs no spaces to break), else anywhere.
 */
export function wrap(text: string, width: number, firstWidth = width): string[] {
  const lines: string[] = [];
  let line: string[] = [];
  let lineWidth = 0;
  let lastBreak = -1; // index in `line` after which a break is allowed
  for (const { segment } of segmenter.segment(text)) {
    const w = graphemeWidth(segment);
    if (lineWidth + w > (lines.length === 0 ? firstWidth : width) && line.length > 0) {
      const cut = lastBreak >= 0 ? lastBreak + 1 : line.length;
      lines.push(line.slice(0, cut).join('').trimEnd());
      line = line.slice(cut);
      while (line.length > 0 && line[0] === ' ') line.shift();
      lineWidth = displayWidth(line.join(''));
      lastBreak = -1;
    }
    if (line.length === 0 && segment === ' ') continue;
    line.push(segment);
    lineWidth += w;
    if (segment === ' ' || w === 2) lastBreak = line.length - 1;
  }
  if (line.length > 0) lines.push(line.join('').trimEnd());
  return lines.length > 0 ? lines : [''];
}

/** A readable number: integers with thousands separators from 1,000 up, else four significant digits. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs === 0) return '0';
  if (abs < 0.001) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

function verdict(line: BenchLine): string {
  if (!line.goal) return '';
  return line.met === true ? 'met' : 'NOT met';
}

export function summarize(results: BenchFileResult[]): BenchSummary {
  const withGoal = results.flatMap((r) => r.lines).filter((line) => line.goal);
  return {
    goals: withGoal.length,
    met: withGoal.filter((line) => line.met === true).length,
    failedFiles: results.filter((r) => r.error !== undefined).map((r) => r.file),
  };
}

export function summaryLine(summary: BenchSummary): string {
  const failed = summary.failedFiles.length > 0 ? `; ${summary.failedFiles.length} bench file(s) failed: ${summary.failedFiles.join(', ')}` : '';
  return `${summary.met} of ${summary.goals} goals met${failed}`;
}

const HEADER = ['benchmark', 'value', 'unit', 'goal', 'result'];
const INDENT = '  ';
const GAP = '  ';

/**
 * The table as text, at most `maxWidth` columns wide where the names allow it: a header, one
 * section per bench file (its name, then its lines indented), a rule and the summary line.
 */
export function formatTable(results: BenchFileResult[], maxWidth = 120): string {
  const rows = results.flatMap((r) => r.lines);
  const cells = rows.map((line) => [formatValue(line.value), oneLine(line.unit), oneLine(line.goal ?? ''), verdict(line)]);
  const widths = [1, 2, 3, 4].map((c) => Math.max(displayWidth(HEADER[c]), ...cells.map((row) => displayWidth(row[c - 1]))));
  const rest = widths.reduce((sum, w) => sum + w + GAP.length, 0);
  const longestName = Math.max(displayWidth(HEADER[0]), ...results.map((r) => displayWidth(r.file)), ...rows.map((line) => INDENT.length + displayWidth(oneLine(line.name))));
  const nameWidth = Math.max(24, Math.min(longestName, maxWidth - rest));
  const row = (name: string, values: string[]) =>
    [padEnd(name, nameWidth), ...values.map((v, i) => (i === 0 ? padStart(v, widths[i]) : padEnd(v, widths[i])))].join(GAP).trimEnd();

  const out = [row(HEADER[0], HEADER.slice(1)), [nameWidth, ...widths].map((w) => '─'.repeat(w)).join(GAP)];
  let index = 0;
  for (const result of results) {
    out.push(result.file);
    if (result.error !== undefined) {
      for (const text of wrap(`failed: ${oneLine(result.error)}`, nameWidth + rest - INDENT.length)) out.push(INDENT + text);
    }
    if (result.error === undefined && result.lines.length === 0) out.push(`${INDENT}(measured nothing)`);
    for (const line of result.lines) {
      const [first, ...more] = wrap(oneLine(line.name), nameWidth - 2 * INDENT.length, nameWidth - INDENT.length);
      out.push(row(INDENT + first, cells[index++]));
      for (const text of more) out.push(INDENT + INDENT + text);
    }
  }
  out.push('─'.repeat(nameWidth + rest), summaryLine(summarize(results)));
  return out.join('\n');
}

/** Names come from other files: a newline or tab in one must not break the table. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
