import * as vscode from 'vscode';
import { entryById, GLOSSARY, lookupTerm, termAtLine } from '../../core/glossary/index';
import { onDidChangeUiLanguage, uiLanguage } from '../language';
import { explanationContext } from './explanationContext';
import { explanationColumn, MARKDOWN_PREVIEW_EDITOR, tabsWithScheme } from './explanationLayout';
import { EXPLAIN_TERM_COMMAND, explanationDocument, GLOSSARY_SCHEME } from './explanationText';
import { termPickItems, type TermPickItem } from './pickItems';
import { walkthroughDone } from '../walkthrough/registerWalkthrough';

/**
 * An entry's full explanation is a read-only virtual Markdown document shown in VS Code's own
 * preview: it looks like the rest of the editor, needs no webview of ours, and the preview marks
 * the related terms in it with their tooltips too.
 */
export { GLOSSARY_SCHEME };

/** The inline action on rows of the Note Taxonomy view that name a glossary term. */
export const EXPLAIN_TAXONOMY_NODE_COMMAND = 'kvmLab.glossary.explainNode';

export function explanationUri(id: string): vscode.Uri {
  return vscode.Uri.from({ scheme: GLOSSARY_SCHEME, path: `/${id}.md` });
}

class ExplanationProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly languageListener = onDidChangeUiLanguage(() => {
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme === GLOSSARY_SCHEME) this.changed.fire(document.uri);
    }
  });

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const id = uri.path.replace(/^\//, '').replace(/\.md$/, '');
    const entry = entryById(id);
    if (!entry) throw new Error(vscode.l10n.t('No glossary entry named {0}', id));
    return explanationDocument(entry, await explanationContext(entry, uiLanguage()));
  }

  dispose(): void {
    this.languageListener.dispose();
    this.changed.dispose();
  }
}

/**
 * Shows an entry's explanation, found by id, name or alias (other features name terms as the
 * simulator does, "VM exit"), in one explanation tab that each click reuses: beside the note, so
 * that it stays in view, and never in the simulator's place (see explanationLayout.ts). The
 * preview is VS Code's static one, so clicking back into the note does not replace it.
 */
export async function showExplanation(term: string): Promise<void> {
  const entry = lookupTerm(term);
  if (!entry) {
    void vscode.window.showWarningMessage(vscode.l10n.t('No glossary entry named {0}', term));
    return;
  }
  const uri = explanationUri(entry.id);
  const previous = tabsWithScheme(GLOSSARY_SCHEME).filter((tab) => !sameUri(tab, uri));
  const options: vscode.TextDocumentShowOptions = { viewColumn: explanationColumn(GLOSSARY_SCHEME), preserveFocus: true, preview: false };
  const all = await vscode.commands.getCommands(true);
  if (all.includes('markdown.showPreview')) {
    await vscode.commands.executeCommand('vscode.openWith', uri, MARKDOWN_PREVIEW_EDITOR, options);
  } else {
    // VS Code's Markdown extension can be disabled; the source text still explains the term.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), options);
  }
  if (previous.length > 0) await vscode.window.tabGroups.close(previous, true);
  walkthroughDone('explainedTerm');
}

function sameUri(tab: vscode.Tab, uri: vscode.Uri): boolean {
  const input = tab.input;
  return (input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText) && input.uri.toString() === uri.toString();
}

type PickRow = TermPickItem | vscode.QuickPickItem;

/** The quick pick of "Explain Term…", starting on the term under the cursor when there is one. */
async function pickTerm(): Promise<string | undefined> {
  const { terms, otherNames } = termPickItems(GLOSSARY, uiLanguage());
  const quickPick = vscode.window.createQuickPick<PickRow>();
  quickPick.title = vscode.l10n.t('Explain Term');
  quickPick.placeholder = vscode.l10n.t('Type a term in English or Chinese, or an abbreviation');
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.items = [
    ...terms,
    { label: vscode.l10n.t('Other names and abbreviations'), kind: vscode.QuickPickItemKind.Separator },
    ...otherNames,
  ];
  const editor = vscode.window.activeTextEditor;
  if (editor) {
    const cursor = editor.selection.active;
    const here = termAtLine(editor.document.lineAt(cursor.line).text, cursor.character);
    const item = here && terms.find((candidate) => candidate.entryId === here.term);
    if (item) quickPick.activeItems = [item];
  }
  return new Promise((resolve) => {
    quickPick.onDidAccept(() => {
      const chosen = quickPick.selectedItems[0];
      resolve(chosen && 'entryId' in chosen ? chosen.entryId : undefined);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}

/** A row of the Note Taxonomy view that names terms: explain the one it names, or let the learner choose. */
async function explainTaxonomyNode(node: unknown): Promise<void> {
  const terms = (node as { terms?: unknown } | undefined)?.terms;
  const ids = Array.isArray(terms) ? terms.filter((id): id is string => typeof id === 'string' && entryById(id) !== undefined) : [];
  if (ids.length <= 1) {
    if (ids[0]) await showExplanation(ids[0]);
    return;
  }
  const items = termPickItems(ids.map((id) => entryById(id)!), uiLanguage()).terms;
  const chosen = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Explain Term'), matchOnDescription: true });
  if (chosen) await showExplanation(chosen.entryId);
}

export function registerExplanations(): vscode.Disposable {
  const provider = new ExplanationProvider();
  return vscode.Disposable.from(
    provider,
    vscode.workspace.registerTextDocumentContentProvider(GLOSSARY_SCHEME, provider),
    // With an entry id or name (from a hover, a view, a guest program) it explains that entry; from the palette it asks.
    vscode.commands.registerCommand(EXPLAIN_TERM_COMMAND, async (id?: unknown) => {
      const chosen = typeof id === 'string' ? id : await pickTerm();
      if (chosen) await showExplanation(chosen);
    }),
    vscode.commands.registerCommand(EXPLAIN_TAXONOMY_NODE_COMMAND, explainTaxonomyNode),
  );
}
