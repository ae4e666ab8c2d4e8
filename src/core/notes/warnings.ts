import type { NoteLanguage, OutlineWarning } from './types';

/** The warnings in both UI languages: core returns data, the caller picks the language. */
export const outlineWarningText: Record<OutlineWarning, Record<NoteLanguage, string>> = {
  'nesting-truncated': {
    en: 'Content nested more deeply than the parser allows was left out of the tree.',
    'zh-cn': '嵌套层级超过解析器上限的内容未显示在树中。',
  },
  'too-large': {
    en: 'The note is too large to outline.',
    'zh-cn': '笔记过大，无法生成大纲。',
  },
  'too-complex': {
    en: 'The note is too deeply structured to outline.',
    'zh-cn': '笔记结构嵌套过深，无法生成大纲。',
  },
  binary: {
    en: 'The input looks like a binary file, not a Markdown note.',
    'zh-cn': '输入看起来是二进制文件，而不是 Markdown 笔记。',
  },
};
