import * as vscode from 'vscode';

export type UiLanguage = 'en' | 'zh-cn';

/** The learner's language: the `kvmLab.language` setting, or VS Code's display language when `auto`. */
export function uiLanguage(): UiLanguage {
  const setting = vscode.workspace.getConfiguration('kvmLab').get<string>('language', 'auto');
  if (setting === 'en' || setting === 'zh-cn') return setting;
  return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

/** Fires when the effective language may have changed. */
export function onDidChangeUiLanguage(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('kvmLab.language')) listener();
  });
}
