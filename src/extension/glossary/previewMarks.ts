/**
 * Glossary terms in VS Code's built-in Markdown preview: the core `termsPlugin` with the glossary's
 * matcher. The page carries the marks and the learner's language; the preview script
 * (`previewScript.ts`) turns a hovered mark into its explanation. The language is read at each
 * render, so a changed setting shows on the next refresh without rebuilding markdown-it.
 */
import type MarkdownIt from 'markdown-it';
import { findTerms } from '../../core/glossary/index';
import type { Lang } from '../../core/glossary/types';
import { termsPlugin } from '../../core/preview/termsPlugin';

export function markGlossaryTerms(md: MarkdownIt, lang: () => Lang): MarkdownIt {
  termsPlugin(md, {
    // The plugin hands over plain text runs (code and front matter never reach it): no Markdown rules.
    findInText: (text) => findTerms(text, { markdown: false }),
    language: lang,
  });
  return md;
}
