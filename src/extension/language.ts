import * as vscode from 'vscode';
import { uiLanguage as textLanguageOf, type UiLanguage } from '../shared/protocol';

export type { UiLanguage };

/** The language of VS Code's own display (what `vscode.l10n.t` returns), as one of ours. */
export function displayLanguage(): UiLanguage {
  return textLanguageOf(vscode.env.language);
}

/** The learner's language: the `kvmLab.language` setting, or VS Code's display language when `auto`. */
export function uiLanguage(): UiLanguage {
  const setting = vscode.workspace.getConfiguration('kvmLab').get<string>('language', 'auto');
  if (setting === 'en' || setting === 'zh-cn') return setting;
  return displayLanguage();
}

/** Fires when the effective language may have changed. */
export function onDidChangeUiLanguage(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('kvmLab.language')) listener();
  });
}
