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
  /** The tooltip of a term: its name and summary in the reader's language; undefined hides the mark. */
  tooltip(term: string): string | undefined;
}

const OPEN = 'kvm_lab_term_open';
const CLOSE = 'kvm_lab_term_close';

/**
 * Marks glossary terms in rendered Markdown as `<abbr class="kvm-lab-term" title="…">`.
 * Only `text` tokens are touched, so code spans, fenced code, HTML and front matter stay as they are,
 * and the tooltip goes through markdown-it's own attribute escaping: no script can reach the page.
 */
export function termsPlugin(md: MarkdownIt, options: TermsPluginOptions): void {
  md.core.ruler.push('kvm_lab_terms', (state) => {
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      block.children = markChildren(state, block.children, options);
    }
    return true;
  });
  md.renderer.rules[OPEN] = (tokens, idx, _options, _env, self) => `<abbr${self.renderAttrs(tokens[idx])}>`;
  md.renderer.rules[CLOSE] = () => '</abbr>';
}

function markChildren(state: StateCore, children: Token[], options: TermsPluginOptions): Token[] {
  const out: Token[] = [];
  let insideLink = 0;
  for (const token of children) {
    if (token.type === 'link_open') insideLink++;
    if (token.type === 'link_close') insideLink--;
    // A term inside a link would nest an <abbr> in an <a>: valid, but the link's own title matters more.
    if (token.type !== 'text' || insideLink > 0) {
      out.push(token);
      continue;
    }
    let cursor = 0;
    for (const match of options.findInText(token.content)) {
      const title = options.tooltip(match.term);
      if (title === undefined || match.offset < cursor) continue;
      if (match.offset > cursor) out.push(textToken(state, token.content.slice(cursor, match.offset)));
      const open = new state.Token(OPEN, 'abbr', 1);
      open.attrSet('class', 'kvm-lab-term');
      open.attrSet('title', title);
      open.attrSet('data-term', match.term);
      out.push(open, textToken(state, token.content.slice(match.offset, match.offset + match.length)), new state.Token(CLOSE, 'abbr', -1));
      cursor = match.offset + match.length;
    }
    out.push(cursor === 0 ? token : textToken(state, token.content.slice(cursor)));
  }
  return out;
}

function textToken(state: StateCore, content: string): Token {
  const token = new state.Token('text', '', 0);
  token.content = content;
  return token;
}
