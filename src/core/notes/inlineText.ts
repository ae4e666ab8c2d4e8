import type MarkdownIt from 'markdown-it';

type Token = MarkdownIt.Token;

/**
 * Renders an inline token's children to the plain text a reader sees: code, emphasis and link
 * text kept, images replaced by their alt text, HTML tags dropped. Iterative because image alt
 * text nests tokens and hostile input can nest it deeply.
 */
export function inlineToText(children: readonly Token[] | null): string {
  if (!children) return '';
  let text = '';
  const pending: Token[][] = [children as Token[]];
  const positions: number[] = [0];
  while (pending.length > 0) {
    const top = pending.length - 1;
    const tokens = pending[top];
    const index = positions[top];
    if (index >= tokens.length) {
      pending.pop();
      positions.pop();
      continue;
    }
    positions[top] = index + 1;
    const token = tokens[index];
    switch (token.type) {
      case 'text':
      case 'text_special':
      case 'code_inline':
        text += token.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        text += ' ';
        break;
      case 'image':
        if (token.children) {
          pending.push(token.children);
          positions.push(0);
        }
        break;
      default:
        // Markup (emphasis, links, strikethrough) and inline HTML carry no reader-visible text.
        break;
    }
  }
  return collapseWhitespace(text);
}

/** ASCII whitespace only: U+3000 (ideographic space) is part of Chinese text and stays. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[ \t\n\r\f\v]+/g, ' ').trim();
}
