import * as vscode from 'vscode';
import { lookupTerm } from '../../core/glossary';

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

/** Markdown links for a hover: the explanation, and the entry in the Glossary view. */
export function glossaryLinks(term: string): string {
  const id = glossaryEntryId(term);
  const explain = `[$(book) ${escapeLinkText(vscode.l10n.t('Glossary: {0}', term))}](${commandUri('kvmLab.explainTerm', [id ?? term])})`;
  if (!id) return explain;
  return `${explain} · [$(list-tree) ${escapeLinkText(vscode.l10n.t('Show in Glossary'))}](${commandUri('kvmLab.glossary.show', [id])})`;
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
