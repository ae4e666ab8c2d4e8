/**
 * Lines of a Markdown note where a hover must stay quiet: the YAML front matter and fenced code
 * blocks, except guest programs (```vmasm), whose instructions are exactly what a learner hovers.
 * Computed once per document version; a lookup is a binary search, so hovers stay cheap on huge notes.
 */
import { splitFrontMatter } from '../../core/notes/index';

/** Inclusive 0-based line ranges, sorted and disjoint. */
export type LineRanges = ReadonlyArray<readonly [start: number, end: number]>;

const GUEST_PROGRAM_LANGUAGES = new Set(['vmasm']);

/**
 * An opening fence: three or more backticks or tildes after any indentation (list items indent
 * them) and any blockquote markers (`> ```c` is code too).
 */
const FENCE = /^(?:[ \t]*>)*[ \t]*(`{3,}|~{3,})(.*)$/;

export function quietLineRanges(text: string): LineRanges {
  const ranges: Array<[number, number]> = [];
  const lines = text.split(/\r\n|\r|\n/);
  let line = 0;
  const frontMatter = splitFrontMatter(text);
  if (frontMatter) {
    ranges.push([0, frontMatter.lineCount - 1]);
    line = frontMatter.lineCount;
  }
  while (line < lines.length) {
    const current = lines[line];
    // Most lines hold no fence at all: skip them before paying for the regular expression.
    const opening = current.includes('```') || current.includes('~~~') ? FENCE.exec(current) : null;
    // A backtick fence's info string may not contain a backtick (CommonMark): that is inline code.
    if (!opening || (opening[1][0] === '`' && opening[2].includes('`'))) {
      line++;
      continue;
    }
    const marker = opening[1];
    const language = opening[2].trim().split(/[\s{]/, 1)[0].toLowerCase();
    const closing = new RegExp(`^(?:[ \\t]*>)*[ \\t]*${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
    let end = line + 1;
    while (end < lines.length && !closing.test(lines[end])) end++;
    // An unclosed fence runs to the end of the document, as CommonMark renders it.
    const last = Math.min(end, lines.length - 1);
    if (!GUEST_PROGRAM_LANGUAGES.has(language)) ranges.push([line, last]);
    line = last + 1;
  }
  return ranges;
}

export function isQuietLine(ranges: LineRanges, line: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [start, end] = ranges[mid];
    if (line < start) high = mid - 1;
    else if (line > end) low = mid + 1;
    else return true;
  }
  return false;
}
