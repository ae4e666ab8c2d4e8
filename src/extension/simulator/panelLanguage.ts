import * as vscode from 'vscode';
import { UI_STRING_KEYS, type UiLanguage, type UiStrings } from '../../shared/protocol';
import { uiLanguage } from '../language';
import { simulatorStrings } from './strings';

/** Language of VS Code's own l10n (what `vscode.l10n.t` returns). */
function displayLanguage(): UiLanguage {
  return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

/**
 * The panel's strings and language. They follow the `kvmLab.language` setting like the rest of
 * KVM Lab's explanations, so the event log (texts from the core in both languages) and the
 * panel's labels never mix languages: when the setting differs from VS Code's display language,
 * the strings are re-translated through our own bundle.
 */
export async function panelStrings(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): Promise<{ lang: UiLanguage; strings: UiStrings }> {
  const lang = uiLanguage();
  const strings = simulatorStrings();
  if (lang === displayLanguage()) return { lang, strings };
  try {
    const uri = vscode.Uri.joinPath(extensionUri, 'l10n', 'bundle.l10n.zh-cn.json');
    const bundle = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as Record<string, unknown>;
    return { lang, strings: retranslate(strings, bundle, lang) };
  } catch (e) {
    log.warn(`simulator: cannot read the Chinese bundle, the panel stays in the display language: ${String(e)}`);
    return { lang: displayLanguage(), strings };
  }
}

/** English → Chinese through the bundle, or back (Chinese display, English chosen). Unknown texts stay. */
export function retranslate(strings: UiStrings, zhBundle: Record<string, unknown>, to: UiLanguage): UiStrings {
  const map = new Map<string, string>();
  for (const [en, zh] of Object.entries(zhBundle)) {
    if (typeof zh !== 'string') continue;
    if (to === 'zh-cn') map.set(en, zh);
    else map.set(zh, en);
  }
  return Object.fromEntries(UI_STRING_KEYS.map((k) => [k, map.get(strings[k]) ?? strings[k]])) as Record<keyof UiStrings, string>;
}
