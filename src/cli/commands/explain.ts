import type { CliCommand } from '../command';
import { CliError, ExitCode, type CliIo } from '../io';
import { parseCommandArgs } from '../args';
import { cliLang } from '../lang';
import {
  LANGS, categoryOf, entryById, lookupTerm, suggestTerms, taxonomyPath, type GlossaryEntry, type Lang, type Source,
} from '../../core/glossary/index';

const USAGE = 'explain TERM [--lang en|zh-cn] [--json]';

/** `kvm-lab explain`: one glossary entry by id, name or alias; an unknown term suggests the nearest names. */
export const explainCommand: CliCommand = {
  name: 'explain',
  usage: USAGE,
  summary: 'the glossary entry for a term (name, alias or id, either language)',
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { positional, flags } = parseCommandArgs(argv, { lang: 'string', json: 'boolean' });
    // Several words are one term: `kvm-lab explain VM exit` need not be quoted.
    const query = positional.join(' ').trim();
    if (query === '') throw new CliError(`expected a term: kvm-lab ${USAGE}`, ExitCode.usage);
    const langFlag = flags.get('lang');
    if (langFlag !== undefined && !LANGS.includes(langFlag as Lang)) {
      throw new CliError(`--lang must be one of ${LANGS.join(', ')}, not '${String(langFlag)}'`, ExitCode.usage);
    }
    const lang = (langFlag as Lang | undefined) ?? cliLang();
    const entry = lookupTerm(query);
    if (!entry) {
      const names = suggestTerms(query).map((e) => e.names[lang]);
      throw new CliError(`unknown term '${query}'${names.length > 0 ? ` — did you mean: ${names.join(', ')}` : ''}`);
    }
    io.out(flags.has('json') ? JSON.stringify(explainJson(entry, lang), null, 2) + '\n' : explainText(entry, lang));
    return ExitCode.ok;
  },
};

export interface ExplainJson {
  id: string;
  names: Record<Lang, string>;
  aliases: string[];
  category: { id: string; name: string };
  summary: string;
  taxonomy: string[];
  related: { id: string; name: string }[];
  sources: Source[];
  disagreement?: string;
}

export function explainJson(entry: GlossaryEntry, lang: Lang): ExplainJson {
  const json: ExplainJson = {
    id: entry.id,
    names: entry.names,
    aliases: entry.aliases,
    category: { id: entry.category, name: categoryOf(entry).names[lang] },
    summary: entry.summary[lang],
    taxonomy: taxonomyPath(entry, lang),
    related: entry.related.map((id) => ({ id, name: entryById(id)?.names[lang] ?? id })),
    sources: entry.sources,
  };
  if (entry.disagreement) json.disagreement = entry.disagreement[lang];
  return json;
}

const LABELS: Record<Lang, Record<'aliases' | 'category' | 'path' | 'disagreement' | 'related' | 'sources', string>> = {
  en: { aliases: 'also', category: 'category', path: 'taxonomy', disagreement: 'Sources disagree', related: 'related', sources: 'sources' },
  'zh-cn': { aliases: '又称', category: '类别', path: '分类位置', disagreement: '各方说法不一', related: '相关', sources: '出处' },
};

/** Name in both languages, aliases, category and place in the taxonomy, the summary, any disagreement, related terms, sources. */
export function explainText(entry: GlossaryEntry, lang: Lang): string {
  const label = LABELS[lang];
  const other = LANGS.find((l) => l !== lang) as Lang;
  const lines = [`${entry.names[lang]} — ${entry.names[other]}`];
  if (entry.aliases.length > 0) lines.push(`${label.aliases}: ${entry.aliases.join(', ')}`);
  lines.push(`${label.category}: ${categoryOf(entry).names[lang]}`, `${label.path}: ${taxonomyPath(entry, lang).join(' › ')}`, '', entry.summary[lang]);
  if (entry.disagreement) lines.push('', `${label.disagreement}: ${entry.disagreement[lang]}`);
  if (entry.related.length > 0) {
    lines.push('', `${label.related}: ${entry.related.map((id) => entryById(id)?.names[lang] ?? id).join(', ')}`);
  }
  lines.push('', `${label.sources}:`, ...entry.sources.map((s) => `  - ${[s.title, s.where, s.url].filter(Boolean).join(', ')}`));
  return lines.join('\n') + '\n';
}
