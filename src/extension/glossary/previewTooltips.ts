/**
 * The explanation of a term marked in the Markdown preview, worked out in the preview itself: the
 * page carries only `<abbr>term</abbr>` (see `core/preview/termsPlugin`), and the preview script
 * finds the term again with the same matcher. No DOM and no `vscode` here, so it is unit-tested in Node.
 */
import { entryById, findTerms } from '../../core/glossary/index';
import { LANGS, type Lang } from '../../core/glossary/types';
import { previewTooltip } from './explanationText';

/** The tooltip of a mark whose whole text is one glossary term; undefined for anything else (e.g. a note's own `<abbr>`). */
export function markTooltip(markText: string, lang: Lang): string | undefined {
  // A mark is a match the plugin found in context; alone, the longest match at 0 is that same term.
  const [match] = findTerms(markText, { markdown: false });
  if (!match || match.offset !== 0 || match.length !== markText.length) return undefined;
  const entry = entryById(match.term);
  return entry && previewTooltip(entry, lang);
}

/** The language the plugin wrote into the page; English when it is missing or unknown. */
export function pageLanguage(value: string | null | undefined): Lang {
  return LANGS.find((lang) => lang === value) ?? 'en';
}
