/** The notes core: a Markdown study note → its taxonomy tree. No `vscode`, no DOM. */
export type { NoteLanguage, NoteOutline, OutlineOptions, OutlineWarning, TaxonomyNode, TaxonomyNodeKind } from './types';
export { outlineNote, EMPTY_LABEL, DEFAULT_MAX_CHARS } from './outline';
export { nodeAtLine, forEachNode } from './query';
export { splitFrontMatter, type FrontMatter } from './frontMatter';
export { outlineWarningText } from './warnings';
