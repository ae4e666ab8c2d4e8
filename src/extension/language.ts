import * as vscode from 'vscode';
import { uiLanguage as textLanguageOf, type UiLanguage } from '../shared/protocol';
import zhBundle from '../../l10n/bundle.l10n.zh-cn.json';
import nlsEn from '../../package.nls.json';
import nlsZh from '../../package.nls.zh-cn.json';
import { detectNoteLanguage } from './noteLanguage';

export type { UiLanguage };

/** The values of the `kvmLab.language` setting. */
export type LanguageSetting = 'auto' | 'note' | UiLanguage;

/** The language of VS Code's own display (what `vscode.l10n.t` returns), as one of ours. */
export function displayLanguage(): UiLanguage {
  return textLanguageOf(vscode.env.language);
}

export function languageSetting(): LanguageSetting {
  const setting = vscode.workspace.getConfiguration('kvmLab').get<string>('language', 'auto');
  return setting === 'en' || setting === 'zh-cn' || setting === 'note' ? setting : 'auto';
}

/** One detection per document version: a hover asks on every pointer rest. */
const detected = new WeakMap<vscode.TextDocument, { version: number; language: UiLanguage | undefined }>();

/** The language a note is written in, or undefined when it has no words to tell. */
export function noteLanguage(document: vscode.TextDocument): UiLanguage | undefined {
  const cached = detected.get(document);
  if (cached?.version === document.version) return cached.language;
  const language = detectNoteLanguage(document.getText());
  detected.set(document, { version: document.version, language });
  return language;
}

/** Documents whose language says something about the reader: notes and guest programs, not our own pages. */
function isNote(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'file' || document.uri.scheme === 'untitled' || document.uri.scheme === 'vscode-remote' || document.uri.scheme === 'vscode-vfs';
}

/**
 * The learner's language: the `kvmLab.language` setting; VS Code's display language when `auto`;
 * with `note`, the language of `document` (a hover's note), else of the note in the active editor.
 */
export function uiLanguage(document?: vscode.TextDocument): UiLanguage {
  const setting = languageSetting();
  if (setting === 'en' || setting === 'zh-cn') return setting;
  if (setting === 'note') {
    const note = document ?? lastNote();
    const language = note && noteLanguage(note);
    if (language) return language;
  }
  return displayLanguage();
}

let last: vscode.TextDocument | undefined;

/** The note the learner reads: the active editor's, or the last one while a view or page has focus. */
function lastNote(): vscode.TextDocument | undefined {
  const active = vscode.window.activeTextEditor?.document;
  if (active && isNote(active)) last = active;
  if (last?.isClosed) last = undefined;
  return last;
}

/**
 * Fires when the effective language may have changed: the setting changed, or with `note`, the
 * learner moved to a note in the other language (or edited one into it).
 */
export function onDidChangeUiLanguage(listener: () => void): vscode.Disposable {
  let current = uiLanguage();
  const check = () => {
    const now = uiLanguage();
    if (now !== current) {
      current = now;
      listener();
    }
  };
  return vscode.Disposable.from(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('kvmLab.language')) return;
      current = uiLanguage();
      listener();
    }),
    vscode.window.onDidChangeActiveTextEditor(() => {
      if (languageSetting() === 'note') check();
    }),
    vscode.workspace.onDidSaveTextDocument(() => {
      if (languageSetting() === 'note') check();
    }),
  );
}

/** `{0}`-style arguments, as vscode.l10n.t fills them. */
function format(message: string, args: ReadonlyArray<string | number | boolean>): string {
  return message.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : whole));
}

/**
 * vscode.l10n.t in the learner's language. VS Code translates by its display language only; where
 * `kvmLab.language` says otherwise, the same English message is looked up in our own bundle, so a
 * title never stays English beside a Chinese explanation (or the reverse).
 */
export const learnerL10n = {
  t(message: string, ...args: Array<string | number | boolean>): string {
    const lang = uiLanguage();
    if (lang === displayLanguage()) return vscode.l10n.t(message, ...args); // l10n: pass-through (callers' literals are scanned)
    const translated = lang === 'zh-cn' ? (zhBundle as Record<string, string | undefined>)[message] : undefined;
    return format(translated ?? message, args);
  },
};

const MANIFEST_TEXT: Record<UiLanguage, Record<string, string | undefined>> = { en: nlsEn, 'zh-cn': nlsZh };

/** A `%key%` of package.json in the learner's language (the manifest itself follows only VS Code's). */
export function manifestText(key: keyof typeof nlsEn, lang: UiLanguage = uiLanguage()): string {
  return MANIFEST_TEXT[lang][key] ?? nlsEn[key];
}

/** Keeps a view's title in the learner's language: `views.taxonomy.name` reads 笔记分类树 with `zh-cn`. */
export function followLearnerLanguage(view: { title?: string }, key: keyof typeof nlsEn): vscode.Disposable {
  const apply = () => {
    view.title = manifestText(key);
  };
  apply();
  return onDidChangeUiLanguage(apply);
}
