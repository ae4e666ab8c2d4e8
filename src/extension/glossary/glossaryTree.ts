import * as vscode from 'vscode';
import { CATEGORIES, entryById, GLOSSARY, lookupTerm } from '../../core/glossary/index';
import type { CategoryId, GlossaryEntry, Lang } from '../../core/glossary/types';
import { followLearnerLanguage, onDidChangeUiLanguage, uiLanguage } from '../language';
import { EXPLAIN_TERM_COMMAND, otherLang, SHOW_IN_GLOSSARY_COMMAND } from './explanationText';

export const GLOSSARY_VIEW_ID = 'kvmLab.glossary';

/** A row of the Glossary view; plain data so that `reveal` can find the same element again. */
export type GlossaryNode = { kind: 'category'; id: CategoryId } | { kind: 'term'; id: string };

/** What tests may ask of the Glossary view. */
export interface GlossaryViewApi {
  children(node?: GlossaryNode): GlossaryNode[];
  item(node: GlossaryNode): vscode.TreeItem;
  /** Ids of the selected rows. */
  selection(): string[];
}

/**
 * Categories in the glossary's own order (the order a learner meets them), and in each its
 * terms in data order, which groups related concepts better than the alphabet would.
 */
class GlossaryTreeProvider implements vscode.TreeDataProvider<GlossaryNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<GlossaryNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly categoryNodes = new Map<CategoryId, GlossaryNode>();
  private readonly termNodes = new Map<string, GlossaryNode>();
  private readonly termsByCategory = new Map<CategoryId, GlossaryNode[]>();

  constructor() {
    // One object per row, reused: `reveal` and the selection compare elements by identity.
    for (const category of CATEGORIES) {
      this.categoryNodes.set(category.id, { kind: 'category', id: category.id });
      this.termsByCategory.set(category.id, []);
    }
    for (const entry of GLOSSARY) {
      const node: GlossaryNode = { kind: 'term', id: entry.id };
      this.termNodes.set(entry.id, node);
      this.termsByCategory.get(entry.category)?.push(node);
    }
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  termNode(id: string): GlossaryNode | undefined {
    return this.termNodes.get(id);
  }

  getChildren(node?: GlossaryNode): GlossaryNode[] {
    if (node?.kind === 'term') return [];
    if (node) return this.termsByCategory.get(node.id) ?? [];
    return CATEGORIES.filter((category) => (this.termsByCategory.get(category.id)?.length ?? 0) > 0).map(
      (category) => this.categoryNodes.get(category.id)!,
    );
  }

  getParent(node: GlossaryNode): GlossaryNode | undefined {
    if (node.kind === 'category') return undefined;
    const entry = entryById(node.id);
    return entry && this.categoryNodes.get(entry.category);
  }

  getTreeItem(node: GlossaryNode): vscode.TreeItem {
    const lang = uiLanguage();
    if (node.kind === 'category') {
      const category = CATEGORIES.find((c) => c.id === node.id);
      const item = new vscode.TreeItem(category?.names[lang] ?? node.id, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `category/${node.id}`;
      item.description = String(this.termsByCategory.get(node.id)?.length ?? 0);
      item.iconPath = new vscode.ThemeIcon('folder-library');
      item.contextValue = 'kvmLab.glossaryCategory';
      return item;
    }
    const entry = entryById(node.id);
    return entry ? termItem(entry, lang) : new vscode.TreeItem(node.id);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function termItem(entry: GlossaryEntry, lang: Lang): vscode.TreeItem {
  const item = new vscode.TreeItem(entry.names[lang], vscode.TreeItemCollapsibleState.None);
  item.id = `term/${entry.id}`;
  const other = entry.names[otherLang(lang)];
  if (other !== entry.names[lang]) item.description = other;
  item.tooltip = entry.summary[lang];
  // Named by the term as shown (and its other-language name), not by the summary in the tooltip.
  item.accessibilityInformation = { label: item.description ? `${entry.names[lang]}, ${other}` : entry.names[lang] };
  item.iconPath = new vscode.ThemeIcon('symbol-key');
  item.contextValue = 'kvmLab.glossaryTerm';
  item.command = { command: EXPLAIN_TERM_COMMAND, title: vscode.l10n.t('Show Explanation'), arguments: [entry.id] };
  return item;
}

export function registerGlossaryView(): { disposable: vscode.Disposable; api: GlossaryViewApi } {
  const provider = new GlossaryTreeProvider();
  const view = vscode.window.createTreeView(GLOSSARY_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const disposable = vscode.Disposable.from(
    provider,
    view,
    onDidChangeUiLanguage(() => provider.refresh()),
    followLearnerLanguage(view, 'views.glossary.name'),
    // By entry id, or by any name or alias, as other features may name a term.
    vscode.commands.registerCommand(SHOW_IN_GLOSSARY_COMMAND, async (term: unknown) => {
      const entry = typeof term === 'string' ? lookupTerm(term) : undefined;
      const node = entry && provider.termNode(entry.id);
      if (!node) {
        void vscode.window.showWarningMessage(vscode.l10n.t('No glossary entry named {0}', String(term)));
        return;
      }
      await view.reveal(node, { select: true, focus: true, expand: true });
    }),
  );
  const api: GlossaryViewApi = {
    children: (node) => provider.getChildren(node),
    item: (node) => provider.getTreeItem(node),
    selection: () => view.selection.map((node) => node.id),
  };
  return { disposable, api };
}
