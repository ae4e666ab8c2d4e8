/**
 * What a learner reads about a glossary entry — the hover, the full explanation page and the
 * preview tooltip — rendered as Markdown text. No `vscode` import, so it is unit-tested in Node.
 *
 * The words around the entry ("Related", "Sources", the link titles) follow the same language as
 * the entry's summary, the `kvmLab.language` setting, rather than VS Code's display language
 * through `vscode.l10n`: an explanation that switches language halfway through reads badly.
 */
import type { GlossaryEntry, Lang, Source } from '../../core/glossary/types';

export const EXPLAIN_TERM_COMMAND = 'kvmLab.explainTerm';
export const SHOW_IN_GLOSSARY_COMMAND = 'kvmLab.glossary.show';
export const SIMULATOR_COMMAND = 'kvmLab.simulator.open';
/** The scheme of explanation pages (virtual documents); here so that the preview script knows such a page too. */
export const GLOSSARY_SCHEME = 'kvm-lab-glossary';

interface ExplanationLabels {
  /** Chinese punctuation is full-width: a label's colon and the separators of a list. */
  colon: string;
  comma: string;
  semicolon: string;
  alsoCalled: string;
  related: string;
  sources: string;
  disagreement: string;
  openExplanation: string;
  showInGlossary: string;
  explainTerm: string;
  trySimulator: string;
}

const LABELS: Record<Lang, ExplanationLabels> = {
  en: {
    colon: ': ',
    comma: ', ',
    semicolon: '; ',
    alsoCalled: 'Also called',
    related: 'Related',
    sources: 'Sources',
    disagreement: 'Sources disagree',
    openExplanation: 'Open Explanation',
    showInGlossary: 'Show in Glossary',
    explainTerm: 'Explain Term…',
    trySimulator: 'Try It in the Simulator',
  },
  'zh-cn': {
    colon: '：',
    comma: '、',
    semicolon: '；',
    alsoCalled: '又称',
    related: '相关术语',
    sources: '出处',
    disagreement: '各家说法不一',
    openExplanation: '打开完整解释',
    showInGlossary: '在术语表中显示',
    explainTerm: '解释术语…',
    trySimulator: '在模拟器中试一试',
  },
};

/** What the renderer needs besides the entry; passed in so that the text is testable without the glossary. */
export interface ExplanationContext {
  lang: Lang;
  /** Localized names from the root of the taxonomy down to the entry itself. */
  taxonomyPath: readonly string[];
  /** An entry by id, to name related terms; unknown ids are left out. */
  entryById(id: string): GlossaryEntry | undefined;
  /** Whether the simulator can demonstrate this entry (and its command is available). */
  simulator: boolean;
}

export function otherLang(lang: Lang): Lang {
  return lang === 'en' ? 'zh-cn' : 'en';
}

/**
 * Backslash-escapes every character that can start Markdown syntax (links, images, HTML, entities,
 * emphasis, code, lists, headings, tables), so that data text is only ever text; line breaks
 * become spaces, keeping it one paragraph. Parentheses stay: without `[`/`]` they make no link,
 * and `\$(name)` is exactly how VS Code's hovers spell a theme icon that must stay text.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_{}[\]<>#+\-.!|~&$:=]/g, '\\$&');
}

/**
 * `command:` link with JSON arguments, as VS Code's trusted MarkdownString expects them. `icon` is
 * a codicon name, kept out of the escaped title because escaping `$(` would print it literally.
 */
export function commandLink(title: string, command: string, args?: readonly unknown[], icon?: string): string {
  const query = args === undefined ? '' : `?${encodeURIComponent(JSON.stringify(args))}`;
  return `[${icon ? `$(${icon}) ` : ''}${escapeMarkdown(title)}](command:${command}${query})`;
}

/** The entry's name in `lang`, then its name in the other language when it differs. */
export function bilingualName(entry: GlossaryEntry, lang: Lang): { name: string; other: string | undefined } {
  const name = entry.names[lang];
  const other = entry.names[otherLang(lang)];
  return { name, other: other === name ? undefined : other };
}

function nameLine(entry: GlossaryEntry, lang: Lang): string {
  const { name, other } = bilingualName(entry, lang);
  return `**${escapeMarkdown(name)}**${other ? ` · ${escapeMarkdown(other)}` : ''}`;
}

function pathLine(context: ExplanationContext): string | undefined {
  return context.taxonomyPath.length > 0 ? `*${context.taxonomyPath.map(escapeMarkdown).join(' › ')}*` : undefined;
}

function relatedLinks(entry: GlossaryEntry, context: ExplanationContext): string[] {
  return entry.related
    .map((id) => context.entryById(id))
    .filter((related): related is GlossaryEntry => related !== undefined)
    .map((related) => commandLink(related.names[context.lang], EXPLAIN_TERM_COMMAND, [related.id]));
}

/** A source as one line: its title, where inside it, and a link when it has a web address. */
export function sourceText(source: Source): string {
  const text = escapeMarkdown(source.where ? `${source.title}, ${source.where}` : source.title);
  const url = source.url && /^https?:\/\/[^\s<>]+$/.test(source.url) ? source.url : undefined;
  return url ? `[${text}](<${url}>)` : text;
}

/** The hover: names, place in the taxonomy, summary, related terms, sources and command links. */
export function hoverMarkdown(entry: GlossaryEntry, context: ExplanationContext): string {
  const labels = LABELS[context.lang];
  const blocks: string[] = [nameLine(entry, context.lang)];
  const path = pathLine(context);
  if (path) blocks.push(path);
  blocks.push(escapeMarkdown(entry.summary[context.lang]));
  if (entry.disagreement) blocks.push(`⚠ **${labels.disagreement}**${labels.colon}${escapeMarkdown(entry.disagreement[context.lang])}`);
  const related = relatedLinks(entry, context);
  if (related.length > 0) blocks.push(`**${labels.related}**${labels.colon}${related.join(labels.comma)}`);
  if (entry.sources.length > 0) blocks.push(`**${labels.sources}**${labels.colon}${entry.sources.map(sourceText).join(labels.semicolon)}`);
  const links = [
    commandLink(labels.openExplanation, EXPLAIN_TERM_COMMAND, [entry.id], 'book'),
    commandLink(labels.showInGlossary, SHOW_IN_GLOSSARY_COMMAND, [entry.id], 'list-tree'),
    commandLink(labels.explainTerm, EXPLAIN_TERM_COMMAND, undefined, 'search'),
  ];
  if (context.simulator) links.push(commandLink(labels.trySimulator, SIMULATOR_COMMAND, undefined, 'play'));
  blocks.push(links.join(' · '));
  return blocks.join('\n\n');
}

/**
 * The full explanation, a Markdown document for VS Code's preview. Command links do not work in
 * the preview, so related terms are named, not linked; sources keep their web links.
 */
export function explanationDocument(entry: GlossaryEntry, context: ExplanationContext): string {
  const labels = LABELS[context.lang];
  const { name, other } = bilingualName(entry, context.lang);
  const lines: string[] = [`# ${escapeMarkdown(name)}`, ''];
  if (other) lines.push(`**${escapeMarkdown(other)}**`, '');
  const path = pathLine(context);
  if (path) lines.push(path, '');
  lines.push(escapeMarkdown(entry.summary[context.lang]), '');
  if (entry.disagreement) lines.push(`> ⚠ **${labels.disagreement}**${labels.colon}${escapeMarkdown(entry.disagreement[context.lang])}`, '');
  if (entry.aliases.length > 0) lines.push(`**${labels.alsoCalled}**${labels.colon}${entry.aliases.map(escapeMarkdown).join(labels.comma)}`, '');
  const related = entry.related.map((id) => context.entryById(id)).filter((r): r is GlossaryEntry => r !== undefined);
  if (related.length > 0) {
    lines.push(`## ${labels.related}`, '');
    for (const r of related) {
      const { name, other } = bilingualName(r, context.lang);
      lines.push(`- ${escapeMarkdown(name)}${other ? ` (${escapeMarkdown(other)})` : ''}`);
    }
    lines.push('');
  }
  if (entry.sources.length > 0) {
    lines.push(`## ${labels.sources}`, '');
    for (const source of entry.sources) lines.push(`- ${sourceText(source)}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** The preview's tooltip: plain text (an HTML attribute, escaped by markdown-it), not Markdown. */
export function previewTooltip(entry: GlossaryEntry, lang: Lang): string {
  return `${entry.names[lang]} — ${entry.summary[lang]}`;
}
