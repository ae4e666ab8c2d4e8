import * as vscode from 'vscode';
import type { ProgramSource } from '../../shared/protocol';
import { fenceAt, type VmasmFence } from '../guestLanguage/fences';
import { programName, vmasmFencesOf } from '../guestLanguage/programs';

export function programFromDocument(document: vscode.TextDocument): ProgramSource {
  return { name: programName(document), text: document.getText(), uri: document.uri.toString(), firstLine: 0 };
}

export function programFromFence(document: vscode.TextDocument, fence: VmasmFence): ProgramSource {
  return { name: programName(document, fence), text: fence.text, uri: document.uri.toString(), firstLine: fence.firstLine };
}

/** The ```vmasm block of a note that opens at (or contains) the 0-based `line`. */
export function fenceProgram(document: vscode.TextDocument, line: number): ProgramSource | undefined {
  const fence = fenceAt(vmasmFencesOf(document), line);
  return fence && programFromFence(document, fence);
}

/** The program in an editor: the whole `.vmasm` file, or the note's block under the cursor. */
export function programInEditor(editor: vscode.TextEditor | undefined): ProgramSource | undefined {
  if (!editor) return undefined;
  const document = editor.document;
  if (document.languageId === 'vmasm') return programFromDocument(document);
  if (document.languageId === 'markdown') return fenceProgram(document, editor.selection.active.line);
  return undefined;
}

/**
 * Remembers the last editor holding a guest program: when the panel has focus there is no
 * active text editor, yet "Current program" should still mean the file the user was in.
 */
export class ActiveProgramTracker implements vscode.Disposable {
  private last: vscode.TextEditor | undefined;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.note(vscode.window.activeTextEditor);
    this.subscription = vscode.window.onDidChangeActiveTextEditor((e) => this.note(e));
  }

  private note(editor: vscode.TextEditor | undefined): void {
    if (editor && programInEditor(editor)) this.last = editor;
  }

  current(): ProgramSource | undefined {
    const candidates = [vscode.window.activeTextEditor, this.last, ...vscode.window.visibleTextEditors];
    for (const editor of candidates) {
      if (editor && !editor.document.isClosed) {
        const program = programInEditor(editor);
        if (program) return program;
      }
    }
    return undefined;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
