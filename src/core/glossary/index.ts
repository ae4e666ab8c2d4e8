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
  /**
   * Skip YAML front matter and fenced code blocks other than ```vmasm. Default true. Pass false for
   * text that is not a whole Markdown document: a guest program, a plain-text note, a run of text
   * handed over by markdown-it.
   */
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

/**
 * The 1-based, inclusive line ranges that `findTerms` skips in a Markdown document (front matter,
 * fenced code other than ```vmasm), so that a hover, which reads one line, can honour them too.
 * Linear in the text; cache it per document version.
 */
export function skippedLineRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  let line = 1;
  const frontMatter = splitFrontMatter(text);
  if (frontMatter) {
    ranges.push([1, frontMatter.lineCount]);
    start = frontMatter.bodyStart;
    line += frontMatter.lineCount;
  }
  const hook = markdownLineHook();
  const isBreak = (k: number): boolean => {
    const c = text.charCodeAt(k);
    return c === 0x0a || (c === 0x0d && text.charCodeAt(k + 1) !== 0x0a);
  };
  for (let i = start; i < text.length; ) {
    const resume = hook(text, i, text.length);
    if (resume > i) {
      let breaks = 0;
      for (let k = i; k < resume; k++) if (isBreak(k)) breaks++;
      // A block running to the end of a text without a final line break ends on the last line.
      const last = resume >= text.length && !isBreak(text.length - 1) ? line + breaks : line + breaks - 1;
      ranges.push([line, last]);
      line += breaks;
      i = resume;
      continue;
    }
    let k = i;
    while (k < text.length && !isBreak(k)) k++;
    i = k + 1;
    line++;
  }
  return ranges;
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

/**
 * Each entry's English name → its name in `lang`: the simulator's events name terms in English, and
 * the panel, which carries no glossary, names them in its own language with this table.
 */
export function termNamesIn(lang: Lang): Record<string, string> {
  return Object.fromEntries(GLOSSARY.map((entry) => [entry.names.en, entry.names[lang]]));
}
