import * as vscode from 'vscode';
import { lookupTerm } from '../../core/glossary';
import { uiLanguage, type UiLanguage } from '../language';

/** Commands a hover's Markdown may run; nothing else is trusted. */
export const HOVER_COMMANDS = ['kvmLab.explainTerm', 'kvmLab.glossary.show'];

/**
 * The simulator core names glossary terms by their English name ("VM exit"); the glossary's
 * commands take entry ids. `kvmLab.explainTerm` also takes a name, so an unknown one still
 * gets an answer (the nearest suggestions).
 */
export function glossaryEntryId(term: string): string | undefined {
  return lookupTerm(term)?.id;
}

function commandUri(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/** The links speak the hover's language (`kvmLab.language`), like the text above them. */
const LINK_TEXT = {
  en: { glossary: (name: string) => `Glossary: ${name}`, show: 'Show in Glossary' },
  'zh-cn': { glossary: (name: string) => `术语表：${name}`, show: '在术语表中显示' },
} as const;

/** Markdown links for a hover: the explanation (under the entry's name in `lang`), and the entry in the Glossary view. */
export function glossaryLinks(term: string, lang: UiLanguage = uiLanguage()): string {
  const entry = lookupTerm(term);
  const text = LINK_TEXT[lang];
  const explain = `[$(book) ${escapeLinkText(text.glossary(entry?.names[lang] ?? term))}](${commandUri('kvmLab.explainTerm', [entry?.id ?? term])})`;
  if (!entry) return explain;
  return `${explain} · [$(list-tree) ${escapeLinkText(text.show)}](${commandUri('kvmLab.glossary.show', [entry.id])})`;
}

function escapeLinkText(text: string): string {
  return text.replace(/[\\[\]*_`]/g, (c) => `\\${c}`);
}

/** Explains `term` (from the panel's event log); failures go to the log, never to the page. */
export async function explainTerm(term: string, log: vscode.LogOutputChannel): Promise<void> {
  try {
    await vscode.commands.executeCommand('kvmLab.explainTerm', glossaryEntryId(term) ?? term);
  } catch (e) {
    log.warn(`simulator: kvmLab.explainTerm failed for "${term}": ${String(e)}`);
  }
}
