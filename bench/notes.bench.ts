/** Taxonomy outline of a 2 MB note, against markdown-it's bare parse of the same text in the same process. */
import MarkdownIt from 'markdown-it';
import { outlineNote } from '../src/core/notes/index';
import { medianRatio, type BenchLine } from './harness';
import { generateNote } from './noteText';

export default async function bench(): Promise<BenchLine[]> {
  const note = generateNote(2 * 1024 * 1024);
  // The same configuration the outline uses, so the ratio is our tree-building overhead alone.
  const md = new MarkdownIt('default', { html: true });
  const { ratio, measuredMs, baselineMs } = medianRatio(() => outlineNote(note), () => md.parse(note, {}));
  return [
    { name: 'markdown-it parse, 2 MB note (baseline)', value: baselineMs, unit: 'ms' },
    { name: 'outlineNote, 2 MB note', value: measuredMs, unit: 'ms' },
    { name: 'outline / bare parse (median of paired runs)', value: ratio, unit: 'x', goal: '<= 1.3', met: ratio <= 1.3 },
  ];
}
