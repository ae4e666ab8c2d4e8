import * as vscode from 'vscode';
import type { NoteOutline, TaxonomyNode } from '../../core/notes/index';
import { isBuiltinNote } from '../builtinNote';
import { learnerL10n, uiLanguage } from '../language';
import { boundedOutliner, type Outliner } from '../platform/outliner';
import { TaxonomySource } from './taxonomySource';

/** Describes a glossary term for the tree; injected so that the tree works without the glossary. */
export interface TermDescriber {
  findTerms(label: string): string[];
  describe(id: string): { name: string; summary: string } | undefined;
}

/** Edits arrive per keystroke; re-outlining a 2 MB note on each would waste the worker's time. */
const EDIT_DEBOUNCE_MS = 300;

export class TaxonomyTreeProvider implements vscode.TreeDataProvider<TaxonomyNode>, vscode.Disposable {
  private outline: NoteOutline = { roots: [], nodeCount: 0, warnings: [] };
  private parents = new WeakMap<TaxonomyNode, TaxonomyNode>();
  private ids = new WeakMap<TaxonomyNode, string>();
  private documentUri: vscode.Uri | undefined;
  /** The note being outlined: its edits count even before its first outline is shown. */
  private targetUri: vscode.Uri | undefined;
  private pendingEdit: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<TaxonomyNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  /** Resolves when the outline of the current source is computed; tests and `reveal` await it. */
  ready: Promise<void> = Promise.resolve();

  /** `outliner`: injected by the entry point, off the host's thread on Node (`OutlineRunner`), bounded in the browser. */
  constructor(
    readonly source: TaxonomySource,
    private readonly terms?: TermDescriber,
    private readonly outliner: Outliner = boundedOutliner(),
  ) {
    this.subscriptions = [
      this.changed,
      source.onDidChange(() => this.refresh()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.uri.toString() !== this.targetUri?.toString()) return;
        clearTimeout(this.pendingEdit);
        const generation = this.generation;
        this.pendingEdit = setTimeout(() => (this.ready = this.setDocument(event.document, generation)), EDIT_DEBOUNCE_MS);
      }),
    ];
    this.refresh();
  }

  get uri(): vscode.Uri | undefined {
    return this.documentUri;
  }

  get roots(): readonly TaxonomyNode[] {
    return this.outline.roots;
  }

  get title(): string | undefined {
    return this.outline.title;
  }

  refresh(): Promise<void> {
    const uri = this.source.uri;
    // Switching notes quickly: only the latest request may fill the tree, whichever opens first.
    const generation = ++this.generation;
    this.ready = Promise.resolve(vscode.workspace.openTextDocument(uri)).then(
      (document) => (generation === this.generation ? this.setDocument(document, generation) : undefined),
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.documentUri = uri;
        this.outline = { roots: [], nodeCount: 0, warnings: [vscode.l10n.t('Cannot read {0}: {1}', uri.fsPath, String(error))] };
        this.changed.fire(undefined);
      },
    );
    return this.ready;
  }

  private async setDocument(document: vscode.TextDocument, generation: number): Promise<void> {
    this.targetUri = document.uri;
    const outline = await this.outliner.outline({
      key: document.uri.toString(),
      text: document.getText(),
      language: uiLanguage(),
      findTerms: this.terms?.findTerms,
    });
    // Stale results are dropped: a newer job for this note replaced it before it ran, or the tree
    // moved to another note meanwhile. A note edited while its outline ran still gets it: jobs of
    // one note finish in order, so it is newer than the tree shown, and the edit's own job follows.
    if (!outline || generation !== this.generation) return;
    this.documentUri = document.uri;
    this.outline = outline;
    this.parents = new WeakMap();
    this.ids = new WeakMap();
    this.index(this.outline.roots, undefined, document.uri.toString());
    this.changed.fire(undefined);
  }

  /** Parent links and stable ids, built iteratively: a note may nest thousands of levels deep. */
  private index(roots: TaxonomyNode[], parent: TaxonomyNode | undefined, prefix: string): void {
    const stack: Array<{ node: TaxonomyNode; parent: TaxonomyNode | undefined; id: string }> = roots.map((node, i) => ({
      node,
      parent,
      id: `${prefix}/${i}`,
    }));
    while (stack.length > 0) {
      const { node, parent: up, id } = stack.pop()!;
      if (up) this.parents.set(node, up);
      this.ids.set(node, id);
      node.children.forEach((child, i) => stack.push({ node: child, parent: node, id: `${id}/${i}` }));
    }
  }

  getChildren(node?: TaxonomyNode): TaxonomyNode[] {
    return node ? node.children : this.outline.roots;
  }

  getParent(node: TaxonomyNode): TaxonomyNode | undefined {
    return this.parents.get(node);
  }

  getTreeItem(node: TaxonomyNode): vscode.TreeItem {
    const collapsible =
      node.children.length === 0
        ? vscode.TreeItemCollapsibleState.None
        : node.kind === 'heading' && node.depth <= 2
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, collapsible);
    item.id = this.ids.get(node);
    const termInfo = node.terms.map((id) => this.terms?.describe(id)).filter((t) => t !== undefined);
    item.iconPath = new vscode.ThemeIcon(
      termInfo.length > 0 ? 'book' : node.kind === 'heading' ? 'symbol-namespace' : 'circle-small-filled',
    );
    item.contextValue = `kvmLab.taxonomyNode.${node.kind}${termInfo.length > 0 ? '.term' : ''}`;
    item.description = termInfo.length > 0 ? termInfo.map((t) => t.name).join(', ') : undefined;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(node.label);
    tooltip.appendMarkdown(`\n\n*${vscode.l10n.t('Line {0}', node.line)}*`);
    for (const term of termInfo) tooltip.appendMarkdown('\n\n---\n\n**').appendText(term.name).appendMarkdown('**: ').appendText(term.summary);
    item.tooltip = tooltip;
    // The name says all the row shows, the glossary terms beside the label included.
    const where = node.kind === 'heading' ? vscode.l10n.t('Heading {0}, line {1}', node.label, node.line) : vscode.l10n.t('{0}, line {1}', node.label, node.line);
    item.accessibilityInformation = {
      label: item.description ? `${where}, ${vscode.l10n.t('glossary terms: {0}', item.description)}` : where,
    };
    if (this.documentUri) {
      item.command = {
        command: 'kvmLab.taxonomy.reveal',
        title: vscode.l10n.t('Reveal in Editor'),
        arguments: [this.documentUri, node.line],
      };
    }
    return item;
  }

  /** What the view says about the current note: its name, or why it shows nothing. */
  describeSource(): { description: string; message: string | undefined } {
    const uri = this.documentUri;
    const description = !uri ? '' : isBuiltinNote(uri) ? learnerL10n.t('Built-in study note') : uri.path.split('/').pop() ?? '';
    const warning = this.outline.warnings[0];
    const message = warning ?? (this.outline.nodeCount === 0 ? vscode.l10n.t('This note has no headings or list items yet.') : undefined);
    return { description, message };
  }

  dispose(): void {
    clearTimeout(this.pendingEdit);
    this.outliner.dispose();
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
