/** Shapes of the glossary data. Core data only: ids and both languages, no UI strings. */

export type Lang = 'en' | 'zh-cn';
export const LANGS: readonly Lang[] = ['en', 'zh-cn'];

export type CategoryId =
  | 'cloud'
  | 'kinds'
  | 'architecture'
  | 'products'
  | 'cpu'
  | 'hardware'
  | 'memory'
  | 'io'
  | 'kvm-api'
  | 'operations';

export interface Category {
  id: CategoryId;
  names: Record<Lang, string>;
}

/** Where a fact can be checked: a manual chapter, a kernel path, a paper. */
export interface Source {
  title: string;
  /** Chapter, section or file path inside the source. */
  where?: string;
  url?: string;
}

export interface GlossaryEntry {
  /** kebab-case, stable: other modules and settings refer to it. */
  id: string;
  category: CategoryId;
  names: Record<Lang, string>;
  /** Abbreviations, spelled-out forms and common variants in either language; all are matched in text. */
  aliases: string[];
  /** Two to four sentences. */
  summary: Record<Lang, string>;
  /** Entry ids (or category ids) from the root down to the parent concept. */
  taxonomy: string[];
  related: string[];
  sources: Source[];
  /** Present where reputable sources classify or count differently. */
  disagreement?: Record<Lang, string>;
}
