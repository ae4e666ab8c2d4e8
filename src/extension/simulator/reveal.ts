import * as vscode from 'vscode';
import { logText } from '../../shared/protocol';

/** The URI as VS Code spells it, or undefined when it is not one (so that spellings compare equal). */
export function normalUri(uri: string): vscode.Uri | undefined {
  try {
    return vscode.Uri.parse(uri, true);
  } catch {
    return undefined;
  }
}

/**
 * Opens `uri` (a program's source, or the note holding its fenced block) at a 0-based line, if it
 * is `shown`, the document of the program the panel shows. The page asks; the host decides: a
 * page (stale, buggy or fed a hostile program) must not make the editor open any file it names.
 */
export async function revealProgramLine(uri: string, line: number, shown: string | undefined, log: vscode.LogOutputChannel): Promise<void> {
  const target = normalUri(uri);
  const allowed = shown === undefined ? undefined : normalUri(shown);
  if (!target || !allowed || target.toString() !== allowed.toString()) {
    log.warn(`simulator: refused to reveal a line of ${logText(uri, 200)}: the panel does not show that document`);
    return;
  }
  try {
    const document = await vscode.workspace.openTextDocument(target);
    const at = new vscode.Position(Math.min(line, Math.max(0, document.lineCount - 1)), 0);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === document.uri.toString());
    await vscode.window.showTextDocument(document, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      selection: new vscode.Range(at, document.lineAt(at.line).range.end),
      preserveFocus: false,
    });
  } catch (e) {
    log.warn(`simulator: could not reveal line ${line + 1} of ${logText(target.toString(true), 200)}: ${logText(String(e), 500)}`);
  }
}
