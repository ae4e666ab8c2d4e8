import type { Lang } from '../core/glossary/index';

/**
 * The language of CLI output when `--lang` is not given: the POSIX locale (LC_ALL, then LC_MESSAGES,
 * then LANG), Chinese for any `zh*` locale, English otherwise.
 */
export function cliLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(locale) ? 'zh-cn' : 'en';
}
