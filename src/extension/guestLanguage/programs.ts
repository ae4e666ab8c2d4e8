import * as vscode from 'vscode';
import { FenceCache, fenceAt, toNotePosition, toProgramPosition, type VmasmFence } from './fences';

/** Documents that hold guest programs: `.vmasm` files, and Markdown notes through their fences. */
export const GUEST_SELECTOR: vscode.DocumentSelector = [{ language: 'vmasm' }, { language: 'markdown' }];

/** One guest program inside a document; `fence` is set for a block of a Markdown note. */
export interface EmbeddedProgram {
  readonly text: string;
  readonly fence?: VmasmFence;
}

/** One cache for every feature that asks for a note's ```vmasm blocks (see `FenceCache`). */
const fenceCache = new FenceCache();

/** The ```vmasm blocks of a Markdown note, found once per document version. */
export function vmasmFencesOf(document: vscode.TextDocument): readonly VmasmFence[] {
  return fenceCache.fencesOf(document);
}

/** Drops a closed document's fences: its versions start again when it is reopened. */
export function registerFenceCache(): vscode.Disposable {
  return vscode.workspace.onDidCloseTextDocument((document) => fenceCache.forget(document.uri));
}

export function isGuestDocument(document: vscode.TextDocument): boolean {
  return document.languageId === 'vmasm' || document.languageId === 'markdown';
}

export function programsOf(document: vscode.TextDocument): EmbeddedProgram[] {
  if (document.languageId === 'vmasm') return [{ text: document.getText() }];
  if (document.languageId === 'markdown') return vmasmFencesOf(document).map((fence) => ({ text: fence.text, fence }));
  return [];
}

/** The program under `position` and the position translated into it (0-based). */
export function programAt(
  document: vscode.TextDocument,
  position: vscode.Position,
): { program: EmbeddedProgram; line: string; character: number } | undefined {
  if (document.languageId === 'vmasm') {
    // The whole text only if asked (completion's symbols); a hover needs just the line.
    const program: EmbeddedProgram = { get text() { return document.getText(); } };
    return { program, line: document.lineAt(position.line).text, character: position.character };
  }
  if (document.languageId !== 'markdown') return undefined;
  const fence = fenceAt(vmasmFencesOf(document), position.line);
  const at = fence && toProgramPosition(fence, position.line, position.character);
  if (!fence || !at) return undefined;
  // The one line from the document, not by splitting the whole program on every hover and keystroke.
  const line = document.lineAt(position.line).text.slice(fence.columnOffsets[at.line] ?? 0);
  return { program: { text: fence.text, fence }, line, character: at.character };
}

/** A range of the program (1-based line and columns) → a range of the document. */
export function documentRange(program: EmbeddedProgram, line: number, column: number, endColumn: number): vscode.Range {
  if (!program.fence) return new vscode.Range(line - 1, column - 1, line - 1, endColumn - 1);
  const start = toNotePosition(program.fence, line, column);
  const end = toNotePosition(program.fence, line, endColumn);
  return new vscode.Range(start.line, start.character, end.line, end.character);
}

/** The short name a program goes by in messages and the panel's title. */
export function programName(document: vscode.TextDocument, fence?: VmasmFence): string {
  const file = document.uri.path.split('/').pop() || 'program.vmasm';
  return fence ? `${file}:${fence.fenceLine + 1}` : file;
}
