import * as vscode from 'vscode';
import { builtinNoteUri, isBuiltinNote } from '../builtinNote';

/**
 * Decides which note the taxonomy tree shows: the active Markdown editor, else the Markdown note
 * still visible in another editor group, else the built-in study note.
 */
export class TaxonomySource implements vscode.Disposable {
  private current: vscode.Uri | undefined;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.update()),
    ];
  }

  get uri(): vscode.Uri {
    return this.current ?? this.pick();
  }

  /** Re-evaluates the choice, e.g. when the editors or the UI language change. */
  update(): void {
    const next = this.pick();
    if (this.current?.toString() !== next.toString()) {
      this.current = next;
      this.changed.fire(next);
    }
  }

  private pick(): vscode.Uri {
    const active = vscode.window.activeTextEditor?.document;
    if (active && isNote(active)) return active.uri;
    const stillVisible = vscode.window.visibleTextEditors.find(
      (editor) => this.current && editor.document.uri.toString() === this.current.toString(),
    );
    if (stillVisible && isNote(stillVisible.document) && !isBuiltinNote(stillVisible.document.uri)) return stillVisible.document.uri;
    const anyNote = vscode.window.visibleTextEditors.find((editor) => isNote(editor.document));
    return anyNote?.document.uri ?? builtinNoteUri();
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}

export function isNote(document: vscode.TextDocument): boolean {
  return document.languageId === 'markdown';
}
