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

/** One token per mark, holding the term's text: a third of the tokens an open/text/close triple costs. */
const MARK = 'kvm_lab_term';
/** Priorities of an occurrence: the first of its term in the note, the first in its block, any other. */
const FIRST_IN_NOTE = 0;
const FIRST_IN_BLOCK = 1;
const REPEATED = 2;

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
  const escapeHtml = md.utils.escapeHtml;
  md.renderer.rules[MARK] = (tokens, idx) => `<abbr>${escapeHtml(tokens[idx].content)}</abbr>`;
}

/**
 * Calls `visit` for every term in the text runs that may be marked, in note order, with its priority.
 * Run twice (count, then mark) rather than keeping every match between the passes: the matcher is
 * fast, while hundreds of thousands of retained matches made the garbage collector the render's
 * main cost in a note dense with terms.
 */
function forEachTerm(
  tokens: readonly Token[],
  options: TermsPluginOptions,
  visit: (block: Token, child: number, match: TextTermMatch, priority: number) => void,
): void {
  const blockOfLastSight = new Map<string, number>();
  for (let b = 0; b < tokens.length; b++) {
    const block = tokens[b];
    const children = block.children;
    if (block.type !== 'inline' || !children) continue;
    let insideLink = 0;
    for (let child = 0; child < children.length; child++) {
      const token = children[child];
      if (token.type === 'link_open') insideLink++;
      else if (token.type === 'link_close') insideLink--;
      // A term inside a link would nest an <abbr> in an <a>: valid, but the link's own title matters more.
      if (token.type !== 'text' || insideLink > 0 || token.content.length === 0) continue;
      let cursor = 0;
      for (const match of options.findInText(token.content)) {
        if (match.offset < cursor || match.length <= 0) continue;
        cursor = match.offset + match.length;
        const seen = blockOfLastSight.get(match.term);
        blockOfLastSight.set(match.term, b);
        visit(block, child, match, seen === undefined ? FIRST_IN_NOTE : seen !== b ? FIRST_IN_BLOCK : REPEATED);
      }
    }
  }
}

function markTerms(state: StateCore, options: TermsPluginOptions): void {
  const counts = [0, 0, 0];
  forEachTerm(state.tokens, options, (_block, _child, _match, priority) => counts[priority]++);
  if (counts[FIRST_IN_NOTE] === 0) return;

  // How many marks of each priority the budget pays for; within a priority, the earliest win.
  let affordable = Math.floor((MAX_GROWTH * plainRenderLowerBound(state.tokens) + SMALL_NOTE_ALLOWANCE) / MARK_COST);
  const quota = counts.map((count) => {
    const granted = Math.min(count, affordable);
    affordable -= granted;
    return granted;
  });

  // Each marked block's children are rebuilt as the marks arrive: text before a mark, the mark, the rest.
  let marked = 0;
  let block: Token | undefined;
  let out: Token[] = [];
  let copied = 0;
  let child = -1;
  let cursor = 0;
  const finishRun = () => {
    if (!block || child < 0) return;
    const content = block.children![child].content;
    if (cursor < content.length) out.push(textToken(state, content.slice(cursor)));
    copied = child + 1;
    child = -1;
  };
  const finishBlock = () => {
    if (!block) return;
    finishRun();
    const children = block.children!;
    for (let i = copied; i < children.length; i++) out.push(children[i]);
    block.children = out;
    block = undefined;
  };
  forEachTerm(state.tokens, options, (inBlock, inChild, match, priority) => {
    if (quota[priority] === 0) return;
    quota[priority]--;
    marked++;
    if (inBlock !== block) {
      finishBlock();
      block = inBlock;
      out = [];
      copied = 0;
    }
    const children = inBlock.children!;
    if (inChild !== child) {
      finishRun();
      for (let i = copied; i < inChild; i++) out.push(children[i]);
      child = inChild;
      cursor = 0;
    }
    const content = children[inChild].content;
    if (match.offset > cursor) out.push(textToken(state, content.slice(cursor, match.offset)));
    const mark = new state.Token(MARK, 'abbr', 0);
    mark.content = content.slice(match.offset, match.offset + match.length);
    out.push(mark);
    cursor = match.offset + match.length;
  });
  finishBlock();
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
