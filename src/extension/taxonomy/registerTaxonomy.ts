import * as vscode from 'vscode';
import type { TaxonomyNode } from '../../core/notes/index';
import { revealLine } from '../builtinNote';
import { noteColumn } from '../glossary/explanationLayout';
import { walkthroughDone } from '../walkthrough/registerWalkthrough';
import { followLearnerLanguage, onDidChangeUiLanguage } from '../language';
import type { Outliner } from '../platform/outliner';
import { TaxonomySource } from './taxonomySource';
import { TaxonomyTreeProvider, type TermDescriber } from './taxonomyTree';

export const TAXONOMY_VIEW_ID = 'kvmLab.taxonomy';

/** What tests (and other features) may ask of the taxonomy tree. */
export interface TaxonomyApi {
  /** The note shown and its root nodes, once the current outline is computed. */
  snapshot(): Promise<{ uri: string; title?: string; roots: readonly TaxonomyNode[] }>;
}

/** `outliner`: given by the entry point (see platform/outliner.ts); the default is the bounded in-thread path. */
export function registerTaxonomy(terms?: TermDescriber, outliner?: Outliner): { disposable: vscode.Disposable; api: TaxonomyApi } {
  const source = new TaxonomySource();
  const provider = new TaxonomyTreeProvider(source, terms, outliner);
  const view = vscode.window.createTreeView(TAXONOMY_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });

  const describe = () => {
    const { description, message } = provider.describeSource();
    view.description = description;
    view.message = message;
  };

  const disposable = vscode.Disposable.from(
    source,
    provider,
    view,
    provider.onDidChangeTreeData(describe),
    followLearnerLanguage(view, 'views.taxonomy.name'),
    // The built-in note has one file per language; any note's warnings and term names change language too.
    onDidChangeUiLanguage(() => {
      source.update();
      void provider.refresh();
    }),
    vscode.commands.registerCommand('kvmLab.taxonomy.refresh', () => provider.refresh()),
    vscode.commands.registerCommand('kvmLab.taxonomy.collapseAll', () =>
      vscode.commands.executeCommand(`workbench.actions.treeView.${TAXONOMY_VIEW_ID}.collapseAll`),
    ),
    vscode.commands.registerCommand('kvmLab.taxonomy.reveal', async (uri: unknown, line: unknown) => {
      if (!(uri instanceof vscode.Uri) || typeof line !== 'number') return;
      const document = await vscode.workspace.openTextDocument(uri);
      // In the editor that already shows the note, never a second copy in the simulator's group.
      // Focus stays in the tree, as a click in the Explorer keeps it there: a keyboard user goes on
      // from the row (arrows, the context menu key) while the editor shows the line.
      const editor = await vscode.window.showTextDocument(document, { preview: false, preserveFocus: true, viewColumn: noteColumn(uri) });
      revealLine(editor, line);
      walkthroughDone('followedNode');
    }),
  );

  const api: TaxonomyApi = {
    async snapshot() {
      await provider.ready;
      return { uri: provider.uri?.toString() ?? '', title: provider.title, roots: provider.roots };
    },
  };
  return { disposable, api };
}
