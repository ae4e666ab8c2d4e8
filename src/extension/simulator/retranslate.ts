// Translators for the panel's strings when the kvmLab.language setting differs from VS Code's
// display language (vscode.l10n only speaks the display language). No vscode import.
import type { UiLanguage } from '../../shared/protocol';
import type { Translator } from './strings';

/** English as written in the source, or Chinese through our own bundle (unknown texts stay English). */
export function translatorFor(lang: UiLanguage, zhBundle: Record<string, unknown>): Translator {
  if (lang === 'en') return { t: (message) => message };
  return { t: (message) => (typeof zhBundle[message] === 'string' ? (zhBundle[message] as string) : message) };
}
