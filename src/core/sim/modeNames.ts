/**
 * Modes named in the comparison's sentences (explain.ts, compare.ts's notes): by the caller's names
 * per language (the panel's), or by their ids. Pure: the webview and the CLI share it.
 */
import type { LocalizedText, Mode } from './api';

/**
 * How the sentences name a mode, per language: the webview passes the names its Mode select
 * shows ("vtx: KVM on Intel VT-x"); a language without one keeps the id (the CLI's text).
 */
export type ModeNames = Partial<Record<keyof LocalizedText, (mode: Mode) => string>>;

/**
 * Names a mode at its first mention in a text; later mentions use the id, which every name starts
 * with. A name other than the id holds its own colon, so it is quoted to read as one noun;
 * `bare` is what the text says without names (e.g. "Binary translation (bt)").
 */
export class Naming {
  constructor(private readonly names: ModeNames) {}

  first(mode: Mode, lang: keyof LocalizedText, bare: string = mode): string {
    const name = this.names[lang]?.(mode);
    return name === undefined || name === mode ? bare : `\u201c${name}\u201d`;
  }

  /** A list of first mentions: ids after commas (the CLI's text); names as a sentence lists them. */
  list(modes: readonly Mode[], lang: keyof LocalizedText): string {
    const all = modes.map((m) => this.first(m, lang));
    if (!this.names[lang] || all.length < 2) return all.join(', ');
    if (lang === 'zh-cn') return all.join('\u3001');
    return `${all.slice(0, -1).join(', ')} and ${all[all.length - 1]}`;
  }
}

/** Chinese sets no space between a full-width quotation mark and its neighbours (the ids have them). */
export const tidyZh = (s: string) => s.replace(/ \u201c/g, '\u201c').replace(/\u201d /g, '\u201d');
