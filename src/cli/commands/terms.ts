import type { CliCommand } from '../command';
import { CliError, ExitCode, oneLine, readTextFile, type CliIo } from '../io';
import { parseCommandArgs } from '../args';
import { entryById, findTerms, type TermMatch } from '../../core/glossary/index';
import { cliLang } from '../lang';

const USAGE = 'terms FILE [--json]';

/** Front matter and code fences mean something only in Markdown; a guest program or a .txt is all prose to us. */
const MARKDOWN = /\.(?:md|markdown|mdown|mkd|mdx)$/i;

/** `kvm-lab terms`: every glossary term in a file, with 1-based lines and UTF-16 columns. */
export const termsCommand: CliCommand = {
  name: 'terms',
  usage: USAGE,
  summary: 'every glossary term found in a note or program',
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { positional, flags } = parseCommandArgs(argv, { json: 'boolean' });
    if (positional.length !== 1) throw new CliError(`expected one file: kvm-lab ${USAGE}`, ExitCode.usage);
    const path = positional[0];
    const matches = findTerms(await readTextFile(io, path), { markdown: MARKDOWN.test(path) });
    if (flags.has('json')) {
      io.out(termsJson(matches) + '\n');
    } else if (matches.length === 0) {
      io.err(`kvm-lab terms: ${oneLine(path)}: no glossary terms found\n`);
    } else {
      io.out(termsText(matches, cliLang()));
    }
    return ExitCode.ok;
  },
};

/** The JSON of `product.md`: exactly these keys, in this order. */
export function termsJson(matches: readonly TermMatch[]): string {
  return JSON.stringify(matches, ['term', 'text', 'line', 'column', 'length'], 2);
}

/** `line:col  text  → name`, positions padded so that the texts line up. */
export function termsText(matches: readonly TermMatch[], lang: 'en' | 'zh-cn'): string {
  const positions = matches.map((m) => `${m.line}:${m.column}`);
  // A loop, not Math.max(...positions): a spread of 300,000 matches overflows the stack.
  let width = 0;
  for (const p of positions) width = Math.max(width, p.length);
  return matches.map((m, i) => `${positions[i].padEnd(width)}  ${m.text}  → ${entryById(m.term)?.names[lang] ?? m.term}\n`).join('');
}
