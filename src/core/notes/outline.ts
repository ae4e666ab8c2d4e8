import MarkdownIt from 'markdown-it';
import { splitFrontMatter } from './frontMatter';
import { inlineToText } from './inlineText';
import { outlineWarningText } from './warnings';
import type { NoteLanguage, NoteOutline, OutlineOptions, OutlineWarning, TaxonomyNode, TaxonomyNodeKind } from './types';

type Token = MarkdownIt.Token;

/** Label of a node that has children but no text of its own (e.g. `- - nested`, or an image with empty alt). */
export const EMPTY_LABEL = '…';

/** Far above any study note (the seed note is 5 KB) yet parsed in about a second. */
export const DEFAULT_MAX_CHARS = 8 * 1024 * 1024;

/** Same sniff as `decodeText`: NUL in the first 8000 units means the bytes were not a note. */
const BINARY_SNIFF_CHARS = 8000;

/**
 * One parser for every call: building a MarkdownIt compiles its rule chains. `html: true` so that
 * HTML blocks and comments are recognised as such (and produce no nodes) instead of being read as
 * paragraphs whose `- ` lines would turn into items. `maxNesting` (100 in this preset) bounds
 * markdown-it's own recursion: deeper content is dropped, which we report as a warning.
 */
const parser = new MarkdownIt('default', { html: true });
const MAX_NESTING = (parser.options as { maxNesting?: number }).maxNesting ?? 100;
/**
 * Only headings and the first paragraph of list items become labels, so the block parse skips
 * markdown-it's inline pass (most of a note is body text) and `labelOf` runs it for labels alone.
 */
parser.core.ruler.disable(['inline', 'text_join']);

/**
 * A label's plain text: its inline content parsed on demand (see above). `env` is the block
 * parse's, which holds the note's link reference definitions (`[text][ref]`).
 */
function labelOf(inline: Token | undefined, env: object): string {
  if (!inline || inline.type !== 'inline') return '';
  const children: Token[] = [];
  try {
    parser.inline.parse(inline.content, parser, env, children);
  } catch (error) {
    // Inline parsing recurses on some constructs; a hostile label must not take the outline down.
    if (error instanceof RangeError) return '';
    throw error;
  }
  return inlineToText(children);
}

/** Turns a Markdown note into its taxonomy: headings nest by level, list items under their heading and item. */
export function outlineNote(text: string, options: OutlineOptions = {}): NoteOutline {
  const language = options.language ?? 'en';
  if (text.length > (options.maxChars ?? DEFAULT_MAX_CHARS)) return emptyOutline(warn('too-large', language));
  if (text.slice(0, BINARY_SNIFF_CHARS).includes('\0')) return emptyOutline(warn('binary', language));
  const frontMatter = splitFrontMatter(text);
  const body = frontMatter ? text.slice(frontMatter.bodyStart) : text;
  let tokens: Token[];
  const env = {};
  try {
    tokens = parser.parse(body, env);
  } catch (error) {
    // markdown-it recurses on some inline constructs; hostile input must not take the caller down.
    if (error instanceof RangeError) return emptyOutline(warn('too-complex', language), frontMatter?.title);
    throw error;
  }
  const { truncated, ...outline } = buildTree(tokens, env, frontMatter?.lineCount ?? 0, options.findTerms);
  if (truncated) outline.warnings.push(warn('nesting-truncated', language));
  if (frontMatter?.title !== undefined) outline.title = frontMatter.title;
  return outline;
}

function warn(id: OutlineWarning, language: NoteLanguage): string {
  return outlineWarningText[id][language];
}

function emptyOutline(warning: string, title?: string): NoteOutline {
  const outline: NoteOutline = { roots: [], nodeCount: 0, warnings: [warning] };
  if (title !== undefined) outline.title = title;
  return outline;
}

const CONTAINERS = new Set(['bullet_list_open', 'ordered_list_open', 'list_item_open', 'blockquote_open']);

/** An open node and the sibling list it was appended to, so that an empty leaf can be taken back. */
interface OpenNode {
  node: TaxonomyNode;
  siblings: TaxonomyNode[];
}

/**
 * One pass over the token stream with explicit stacks (never recursion): open sections by heading
 * level and open list items by nesting, so depth costs memory, not call stack.
 */
function buildTree(
  tokens: readonly Token[],
  env: object,
  lineOffset: number,
  findTerms?: (label: string) => string[],
): NoteOutline & { truncated: boolean } {
  const roots: TaxonomyNode[] = [];
  const sections: OpenNode[] = [];
  const items: OpenNode[] = [];
  let nodeCount = 0;
  let maxLevel = 0;
  /** 1-based last line of content seen so far (0-based exclusive end of the latest block). */
  let lastLine = 0;

  const makeNode = (label: string, kind: TaxonomyNodeKind, map: [number, number], depth: number): TaxonomyNode => {
    nodeCount++;
    const line = map[0] + 1 + lineOffset;
    const terms = findTerms && label ? findTerms(label).slice() : [];
    // endLine is final for headings inside items; sections and items get theirs when they close.
    return { label, kind, line, endLine: Math.max(line, map[1] + lineOffset), depth, terms, children: [] };
  };
  const currentChildren = (): TaxonomyNode[] =>
    items.length > 0 ? items[items.length - 1].node.children :
    sections.length > 0 ? sections[sections.length - 1].node.children : roots;
  // An empty label with children becomes a marker; an empty leaf carries nothing and is dropped.
  const close = ({ node, siblings }: OpenNode): void => {
    if (node.label) return;
    if (node.children.length > 0) node.label = EMPTY_LABEL;
    else if (siblings[siblings.length - 1] === node) {
      siblings.pop();
      nodeCount--;
    }
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.level > maxLevel) maxLevel = token.level;
    const map = token.map as [number, number] | null;
    if (token.type === 'heading_open' && map) {
      const label = labelOf(tokens[i + 1], env);
      const level = Number(token.tag.slice(1));
      if (items.length > 0) {
        // A heading inside a list item belongs to that item; it opens no section of the note.
        const siblings = currentChildren();
        if (label) siblings.push(makeNode(label, 'heading', map, level));
        continue;
      }
      while (sections.length > 0 && sections[sections.length - 1].node.depth >= level) {
        const open = sections.pop()!;
        open.node.endLine = Math.max(open.node.line, lastLine + lineOffset);
        close(open);
      }
      const siblings = currentChildren();
      const node = makeNode(label, 'heading', map, level);
      siblings.push(node);
      sections.push({ node, siblings });
    } else if (token.type === 'list_item_open' && map) {
      // The label is the item's own first paragraph; nested lists and later paragraphs are not.
      const first = tokens[i + 1];
      const label = first?.type === 'paragraph_open' ? labelOf(tokens[i + 2], env) : '';
      const siblings = currentChildren();
      const node = makeNode(label, 'item', map, items.length + 1);
      siblings.push(node);
      items.push({ node, siblings });
    } else if (token.type === 'list_item_close' && items.length > 0) {
      const open = items.pop()!;
      open.node.endLine = Math.max(open.node.line, lastLine + lineOffset);
      close(open);
    }
    // Containers' maps run over trailing blank lines; the blocks inside them end on their text.
    if (map && !CONTAINERS.has(token.type) && map[1] > lastLine) lastLine = map[1];
  }

  while (items.length > 0) close(items.pop()!);
  while (sections.length > 0) {
    const open = sections.pop()!;
    open.node.endLine = Math.max(open.node.line, lastLine + lineOffset);
    close(open);
  }
  // A token that deep means markdown-it stopped descending (its maxNesting) and skipped the rest.
  return { roots, nodeCount, warnings: [], truncated: maxLevel >= MAX_NESTING - 1 };
}
