/**
 * The glossary: bilingual, sourced entries and the term matcher. No `vscode`, no DOM, no Node:
 * the extension, the CLI, the Markdown preview plugin and the webview all use it.
 */
import { categories, entries } from './data/index';
import { markdownLineHook } from './fences';
import { TermIndex } from './lookup';
import { TermMatcher, type TermMatch } from './matcher';
import { splitFrontMatter } from '../notes/frontMatter';
import type { Category, CategoryId, GlossaryEntry, Lang } from './types';

export type { Category, CategoryId, GlossaryEntry, Lang, Source } from './types';
export { LANGS } from './types';
export type { TermMatch } from './matcher';

export const GLOSSARY: readonly GlossaryEntry[] = entries;
export const CATEGORIES: readonly Category[] = categories;

const byId = new Map(GLOSSARY.map((entry) => [entry.id, entry]));
const categoryById = new Map(CATEGORIES.map((category) => [category.id, category]));

// Built on first use: importing the data (e.g. for the Glossary view) should not pay for the trie.
let matcher: TermMatcher | undefined;
let index: TermIndex | undefined;
const theMatcher = (): TermMatcher => (matcher ??= new TermMatcher(GLOSSARY));
const theIndex = (): TermIndex => (index ??= new TermIndex(GLOSSARY));

export function entryById(id: string): GlossaryEntry | undefined {
  return byId.get(id);
}

/** By id, English or Chinese name, or alias; acronyms in their exact case, words in any case. */
export function lookupTerm(nameOrAlias: string): GlossaryEntry | undefined {
  return byId.get(nameOrAlias.trim()) ?? theIndex().lookup(nameOrAlias);
}

/** The entries whose names or aliases are nearest to `query` (typos, prefixes), best first. */
export function suggestTerms(query: string, max = 5): GlossaryEntry[] {
  return theIndex().suggest(query, max);
}

export interface FindTermsOptions {
  /** Skip YAML front matter and fenced code blocks other than ```vmasm. Default true. */
  markdown?: boolean;
}

/**
 * Every term in `text` in one pass: leftmost first, longest at each position, never overlapping.
 * Lines are 1-based; offsets and columns count UTF-16 code units (as VS Code positions do).
 */
export function findTerms(text: string, options: FindTermsOptions = {}): TermMatch[] {
  if (options.markdown === false) return theMatcher().scan(text, 0, text.length, 1, 0);
  let start = 0;
  let line = 1;
  const frontMatter = splitFrontMatter(text);
  if (frontMatter) {
    start = frontMatter.bodyStart;
    line += frontMatter.lineCount;
  }
  return theMatcher().scan(text, start, text.length, line, start, markdownLineHook());
}

/** Lines longer than this (minified files, data) are scanned only near the position of a hover. */
const LONG_LINE = 4096;
const HOVER_WINDOW = 512;

/**
 * The term covering the 0-based UTF-16 `character` of one line, for hovers: only that line is read.
 * The match's `line` is 1 and its `column` is 1-based within the line.
 */
export function termAtLine(lineText: string, character: number): TermMatch | undefined {
  if (character < 0 || character >= lineText.length) return undefined;
  let from = 0;
  let to = lineText.length;
  if (to > LONG_LINE) {
    from = Math.max(0, character - HOVER_WINDOW);
    to = Math.min(lineText.length, character + HOVER_WINDOW);
  }
  for (const match of theMatcher().scan(lineText, from, to, 1, 0)) {
    if (match.offset > character) break;
    if (character < match.offset + match.length) return match;
  }
  return undefined;
}

/** Distinct entry ids in a short text, in order of appearance (for taxonomy node labels). */
export function termIdsInText(text: string): string[] {
  return [...new Set(theMatcher().scan(text, 0, text.length, 1, 0).map((match) => match.term))];
}

export function categoryOf(entry: GlossaryEntry): Category {
  return categoryById.get(entry.category) as Category;
}

export function entriesInCategory(id: CategoryId): GlossaryEntry[] {
  return GLOSSARY.filter((entry) => entry.category === id);
}

/** The entry's name in one language. */
export function termName(entry: GlossaryEntry, lang: Lang): string {
  return entry.names[lang];
}

/** Display names from the root of the taxonomy down to the entry itself. */
export function taxonomyPath(entry: GlossaryEntry, lang: Lang): string[] {
  const names = entry.taxonomy.map((id) => byId.get(id)?.names[lang] ?? categoryById.get(id as CategoryId)?.names[lang] ?? id);
  return [...names, entry.names[lang]];
}
