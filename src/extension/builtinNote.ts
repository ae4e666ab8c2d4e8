import * as vscode from 'vscode';
import { uiLanguage, type UiLanguage } from './language';

/**
 * The built-in study note is served read-only through its own scheme, so that a learner can
 * annotate nothing by accident inside the installed extension's folder.
 */
export const BUILTIN_NOTE_SCHEME = 'kvm-lab-note';

export function builtinNoteUri(language: UiLanguage = uiLanguage()): vscode.Uri {
  return vscode.Uri.from({ scheme: BUILTIN_NOTE_SCHEME, path: `/study-note.${language}.md` });
}

export function isBuiltinNote(uri: vscode.Uri): boolean {
  return uri.scheme === BUILTIN_NOTE_SCHEME;
}

class BuiltinNoteProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly extensionUri: vscode.Uri) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const name = uri.path.replace(/^\//, '');
    if (!/^study-note\.(en|zh-cn)\.md$/.test(name)) {
      throw new Error(vscode.l10n.t('No built-in note named {0}', name));
    }
    const file = vscode.Uri.joinPath(this.extensionUri, 'notes', 'builtin', name);
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
  }
}

/** Opens the built-in note in the learner's language, optionally at a line (1-based). */
export async function openBuiltinNote(line?: number): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(builtinNoteUri());
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  if (line !== undefined) revealLine(editor, line);
  return editor;
}

/** Moves the cursor to a 1-based line, selects it and scrolls it into view. */
export function revealLine(editor: vscode.TextEditor, line: number): void {
  const index = Math.max(0, Math.min(line - 1, editor.document.lineCount - 1));
  const range = editor.document.lineAt(index).range;
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

export function registerBuiltinNote(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.workspace.registerTextDocumentContentProvider(BUILTIN_NOTE_SCHEME, new BuiltinNoteProvider(context.extensionUri)),
    vscode.commands.registerCommand('kvmLab.openBuiltinNote', () => openBuiltinNote()),
  );
}
