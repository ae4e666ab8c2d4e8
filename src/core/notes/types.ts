/** The taxonomy of a study note: what the tree view, the CLI and "Show in taxonomy" all share. */

export type TaxonomyNodeKind = 'heading' | 'item';

export interface TaxonomyNode {
  /** Plain text: inline markup rendered to text, whitespace collapsed; `…` when the source has none (see README). */
  label: string;
  kind: TaxonomyNodeKind;
  /** 1-based source line where the node starts (real file lines: front matter is counted). */
  line: number;
  /** 1-based last source line the node covers: a heading its whole section, an item its nested block. */
  endLine: number;
  /** A heading's level (1-6), or an item's list-nesting depth (1 for a top-level item). */
  depth: number;
  /** Glossary ids found in the label by the injected finder; empty without one. */
  terms: string[];
  children: TaxonomyNode[];
}

/** Why an outline may be incomplete (see `outlineWarningText` for the words in each language). */
export type OutlineWarning = 'nesting-truncated' | 'too-large' | 'too-complex' | 'binary';

export type NoteLanguage = 'en' | 'zh-cn';

export interface NoteOutline {
  /** `title:` of the YAML front matter, if any. */
  title?: string;
  roots: TaxonomyNode[];
  nodeCount: number;
  /** One sentence each, in `OutlineOptions.language`, on why the tree may be incomplete. */
  warnings: string[];
}

export interface OutlineOptions {
  /** Glossary lookup for a label (injected so that the notes core does not depend on the glossary). */
  findTerms?: (label: string) => string[];
  /** Notes longer than this many UTF-16 units get no tree and a `too-large` warning. */
  maxChars?: number;
  /** Language of the warning sentences (default `en`). */
  language?: NoteLanguage;
}
