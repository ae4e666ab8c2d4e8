import type MarkdownIt from 'markdown-it';

type StateCore = MarkdownIt.StateCore;
type Token = MarkdownIt.Token;

/** A term occurrence inside one run of text, in UTF-16 units. */
export interface TextTermMatch {
  term: string;
  offset: number;
  length: number;
}

export interface TermsPluginOptions {
  /** Terms in a run of plain text (no Markdown syntax left in it). */
  findInText(text: string): readonly TextTermMatch[];
  /** The reader's language, written once into the page for the preview script that explains the marks. */
  language(): string;
}

/**
 * The page grows by at most this fraction of its plain render (plus `SMALL_NOTE_ALLOWANCE`), however
 * many terms the note holds: an earlier version put each term's whole summary on every occurrence,
 * 8× the HTML of the built-in note and no preview at all (`Invalid string length`) for 5 MB of terms.
 */
export const MAX_GROWTH = 0.5;
/** Lets a short note mark its few terms although half of a tiny render is smaller than one mark. */
export const SMALL_NOTE_ALLOWANCE = 256;
/** What one mark adds to the page: `<abbr>` and `</abbr>` around text that was there anyway. */
export const MARK_COST = '<abbr></abbr>'.length;
/** The attribute of the one element that tells the preview script the reader's language. */
export const LANGUAGE_ATTRIBUTE = 'data-kvm-lab-lang';

const OPEN = 'kvm_lab_term_open';
const CLOSE = 'kvm_lab_term_close';
/** Priorities of an occurrence: the first of its term in the note, the first in its block, any other. */
const FIRST_IN_NOTE = 0;
const FIRST_IN_BLOCK = 1;
const REPEATED = 2;

/** One run of text that holds terms: where it sits and what the finder found in it. */
interface Run {
  block: Token;
  child: number;
  matches: readonly TextTermMatch[];
  priorities: Uint8Array;
}

/**
 * Marks glossary terms in rendered Markdown as a bare `<abbr>` around the term's own text, and adds
 * one hidden element naming the reader's language. The explanation is not in the page: the preview
 * script (`previewScript.ts`) finds the term of a hovered mark with the same matcher and sets its
 * `title` from the glossary it carries. So the page pays 13 characters per mark and no more.
 *
 * Only `text` tokens outside links are touched, so code spans, fenced code, HTML and front matter stay
 * as they are. When a note is dense with terms, the marks are chosen within a budget: the first
 * occurrence of each term in the note, then the first in each block, then the rest, in note order.
 */
export function termsPlugin(md: MarkdownIt, options: TermsPluginOptions): void {
  md.core.ruler.push('kvm_lab_terms', (state) => {
    markTerms(state, options);
    return true;
  });
  md.renderer.rules[OPEN] = () => '<abbr>';
  md.renderer.rules[CLOSE] = () => '</abbr>';
}

function markTerms(state: StateCore, options: TermsPluginOptions): void {
  const runs: Run[] = [];
  const counts = [0, 0, 0];
  const seenInNote = new Set<string>();
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    const seenInBlock = new Set<string>();
    let insideLink = 0;
    block.children.forEach((token, child) => {
      if (token.type === 'link_open') insideLink++;
      if (token.type === 'link_close') insideLink--;
      // A term inside a link would nest an <abbr> in an <a>: valid, but the link's own title matters more.
      if (token.type !== 'text' || insideLink > 0 || token.content.length === 0) return;
      const matches = options.findInText(token.content);
      if (matches.length === 0) return;
      const priorities = new Uint8Array(matches.length);
      matches.forEach((match, i) => {
        const priority = !seenInNote.has(match.term) ? FIRST_IN_NOTE : !seenInBlock.has(match.term) ? FIRST_IN_BLOCK : REPEATED;
        seenInNote.add(match.term);
        seenInBlock.add(match.term);
        priorities[i] = priority;
        counts[priority]++;
      });
      runs.push({ block, child, matches, priorities });
    });
  }
  if (runs.length === 0) return;

  // How many marks of each priority the budget pays for; within a priority, the earliest win.
  let affordable = Math.floor((MAX_GROWTH * plainRenderLowerBound(state.tokens) + SMALL_NOTE_ALLOWANCE) / MARK_COST);
  const quota = counts.map((count) => {
    const granted = Math.min(count, affordable);
    affordable -= granted;
    return granted;
  });

  let marked = 0;
  // Runs are in note order, several per block; each block's children are rebuilt once, after its last run.
  for (let r = 0; r < runs.length; ) {
    const block = runs[r].block;
    const children = block.children!;
    const out: Token[] = [];
    let copied = 0;
    for (; r < runs.length && runs[r].block === block; r++) {
      const { child, matches, priorities } = runs[r];
      for (let i = copied; i < child; i++) out.push(children[i]);
      copied = child + 1;
      const token = children[child];
      let cursor = 0;
      for (let i = 0; i < matches.length; i++) {
        const match = matches[i];
        if (quota[priorities[i]] === 0 || match.offset < cursor || match.length <= 0) continue;
        quota[priorities[i]]--;
        marked++;
        if (match.offset > cursor) out.push(textToken(state, token.content.slice(cursor, match.offset)));
        out.push(new state.Token(OPEN, 'abbr', 1), textToken(state, token.content.slice(match.offset, match.offset + match.length)), new state.Token(CLOSE, 'abbr', -1));
        cursor = match.offset + match.length;
      }
      out.push(cursor === 0 ? token : textToken(state, token.content.slice(cursor)));
    }
    for (let i = copied; i < children.length; i++) out.push(children[i]);
    block.children = out;
  }
  if (marked === 0) return;
  const language = new state.Token('html_block', '', 0);
  language.content = `<div hidden ${LANGUAGE_ATTRIBUTE}="${escapeAttribute(options.language())}"></div>\n`;
  state.tokens.push(language);
}

/**
 * Characters that markdown-it's own renderer writes for these tokens at the least: every tag, the
 * text (escaping only adds), code and raw HTML. The real render is longer (VS Code adds line
 * numbers and ids), so half of this bounds the marks' cost by half the page without rendering twice.
 */
export function plainRenderLowerBound(tokens: readonly Token[]): number {
  let size = 0;
  for (const token of tokens) {
    if (token.hidden) continue;
    if (token.nesting !== 0 && token.tag) size += token.tag.length + (token.nesting === 1 ? 2 : 3);
    if (token.type === 'inline' && token.children) {
      for (const child of token.children) {
        if (child.type === 'text' || child.type === 'code_inline' || child.type === 'html_inline') size += child.content.length;
        else if (child.nesting !== 0 && child.tag) size += child.tag.length + (child.nesting === 1 ? 2 : 3);
      }
    } else if (token.type === 'fence' || token.type === 'code_block' || token.type === 'html_block') {
      size += token.content.length;
    }
  }
  return size;
}

function escapeAttribute(value: string): string {
  return value.replace(/[&"<>]/g, (c) => (c === '&' ? '&amp;' : c === '"' ? '&quot;' : c === '<' ? '&lt;' : '&gt;'));
}

function textToken(state: StateCore, content: string): Token {
  const token = new state.Token('text', '', 0);
  token.content = content;
  return token;
}
