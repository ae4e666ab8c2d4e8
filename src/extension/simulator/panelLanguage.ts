import * as vscode from 'vscode';
import type { UiLanguage, UiStrings } from '../../shared/protocol';
import { displayLanguage, uiLanguage } from '../language';
import { translatorFor } from './retranslate';
import { simulatorStrings } from './strings';

/**
 * The panel's strings and language. They follow the `kvmLab.language` setting like the rest of
 * KVM Lab's explanations, so the event log (texts from the core in both languages) and the
 * panel's labels never mix languages: when the setting differs from VS Code's display language,
 * the strings come from the English source or our own Chinese bundle instead of vscode.l10n.
 */
export async function panelStrings(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): Promise<{ lang: UiLanguage; strings: UiStrings }> {
  const lang = uiLanguage();
  if (lang === displayLanguage()) return { lang, strings: simulatorStrings() };
  if (lang === 'en') return { lang, strings: simulatorStrings(translatorFor('en', {})) };
  try {
    const uri = vscode.Uri.joinPath(extensionUri, 'l10n', 'bundle.l10n.zh-cn.json');
    const bundle = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as Record<string, unknown>;
    return { lang, strings: simulatorStrings(translatorFor(lang, bundle)) };
  } catch (e) {
    log.warn(`simulator: cannot read the Chinese bundle, the panel stays in the display language: ${String(e)}`);
    return { lang: displayLanguage(), strings: simulatorStrings() };
  }
}
