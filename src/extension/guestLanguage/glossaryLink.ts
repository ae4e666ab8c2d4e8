import * as vscode from 'vscode';
import { lookupTerm } from '../../core/glossary';

/** Commands a hover's Markdown may run; nothing else is trusted. */
export const HOVER_COMMANDS = ['kvmLab.glossary.show', 'kvmLab.explainTerm'];

/**
 * The simulator core names glossary terms by their English name ("VM exit"); the glossary view
 * opens entries by id. A name the glossary does not know goes to `kvmLab.explainTerm`, which
 * answers with the nearest suggestions.
 */
export function glossaryCommand(term: string): { command: string; args: [string] } {
  const entry = lookupTerm(term);
  return entry ? { command: 'kvmLab.glossary.show', args: [entry.id] } : { command: 'kvmLab.explainTerm', args: [term] };
}

export function glossaryCommandUri(term: string): vscode.Uri {
  const { command, args } = glossaryCommand(term);
  return vscode.Uri.parse(`command:${command}?${encodeURIComponent(JSON.stringify(args))}`);
}

/** Opens the glossary on `term`, falling back to `kvmLab.explainTerm` if the view's command is missing. */
export async function showGlossary(term: string, log: vscode.LogOutputChannel): Promise<void> {
  const { command, args } = glossaryCommand(term);
  try {
    await vscode.commands.executeCommand(command, ...args);
  } catch (e) {
    log.warn(`simulator: ${command} failed (${String(e)}); trying kvmLab.explainTerm`);
    await vscode.commands.executeCommand('kvmLab.explainTerm', term).then(undefined, (e2: unknown) => log.warn(`simulator: kvmLab.explainTerm failed: ${String(e2)}`));
  }
}
