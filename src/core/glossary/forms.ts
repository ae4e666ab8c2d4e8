/**
 * Surface forms of an entry (names, aliases) and the rules that decide which texts they match.
 * Shared by the matcher, the lookup and the data test, so that "two aliases collide" means exactly
 * "they would match the same text".
 */
import type { GlossaryEntry } from './types';

/** Character-class bits for the matcher's hot loop. */
export const WORD = 1;
export const SEPARATOR = 2;
export const CJK = 4;
export const UPPER = 8;

const ASCII_CLASS: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (let code = 0; code < 128; code++) {
    table[code] = (isWordChar(code) ? WORD : 0) | (isSeparator(code) ? SEPARATOR : 0) | (code >= 0x41 && code <= 0x5a ? UPPER : 0);
  }
  return table;
})();

/**
 * The class bits of one UTF-16 unit. A 128-entry table for ASCII and range tests above it: a full
 * 64K table would be smaller code but misses the CPU cache on every Chinese character.
 */
export function charClass(code: number): number {
  if (code < 128) return ASCII_CLASS[code];
  if (code >= 0x2e80) return code <= 0x9fff || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xff00 && code <= 0xffef) ? CJK : 0;
  return code === 0xa0 || code === 0x2010 || code === 0x2011 || code === 0x2013 ? SEPARATOR : 0;
}

/** Characters that separate the words of a form: space, tab, no-break space, hyphens and dashes. */
export function isSeparator(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0xa0 || code === 0x2d || code === 0x2010 || code === 0x2011 || code === 0x2013;
}

/** `[A-Za-z0-9_]`: English terms must not touch these on either side. */
export function isWordChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f;
}

/** CJK ideographs and full-width punctuation: Chinese writers put a space next to Latin words or not. */
export function isCjk(code: number): boolean {
  return (code >= 0x2e80 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xff00 && code <= 0xffef);
}

const SEPARATOR_RUN = /[ \t\u00a0\-\u2010\u2011\u2013]+/g;
const SPACE_BY_CJK = / (?=[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef])|(?<=[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]) /g;

/**
 * Case-sensitive forms: acronyms and mixed case (`VMM`, `EPT`, `vCPU`, `VMware`, a lone capital as in
 * `Hyper-V` or `Type I`) and code identifiers (`kvm_run`, `/dev/kvm`, `kvm.ko`). Everything else is an
 * ordinary word and matches in any case, so `Hypervisor` at a sentence start matches `hypervisor`.
 */
export function isCaseSensitive(form: string): boolean {
  if (/[_./]/.test(form)) return true;
  return form.split(SEPARATOR_RUN).some((word) => {
    const capitals = word.replace(/[^A-Z]/g, '').length;
    return capitals >= 2 || /[a-z0-9][A-Z]/.test(word) || /^[A-Z]$/.test(word);
  });
}

/**
 * The key a form is matched and looked up by: separator runs become one space, spaces next to Chinese
 * disappear, case is folded unless the form is case-sensitive. Two forms with the same key match the same text.
 */
export function formKey(form: string, caseSensitive = isCaseSensitive(form)): string {
  const key = form.trim().replace(SEPARATOR_RUN, ' ').replace(SPACE_BY_CJK, '');
  return caseSensitive ? key : key.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** `Virtual machine (VM)` → `Virtual machine`; `虚拟 CPU（vCPU）` → `虚拟 CPU`. */
function withoutParenthetical(name: string): string {
  return name.replace(/\s*[（(][^）)]*[）)]\s*$/, '').trim();
}

/** Every text an entry is known by in a note: both names, their short forms, and the aliases. */
export function surfaceForms(entry: GlossaryEntry): string[] {
  const forms = [entry.names.en, entry.names['zh-cn'], withoutParenthetical(entry.names.en), withoutParenthetical(entry.names['zh-cn']), ...entry.aliases];
  return [...new Set(forms.filter((form) => form.trim().length > 0))];
}
