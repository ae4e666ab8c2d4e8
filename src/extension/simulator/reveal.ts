import * as vscode from 'vscode';

/** Opens `uri` (a program's source, or the note holding its fenced block) at a 0-based line. */
export async function revealProgramLine(uri: string, line: number, log: vscode.LogOutputChannel): Promise<void> {
  let target: vscode.Uri;
  try {
    target = vscode.Uri.parse(uri, true);
  } catch {
    log.warn(`simulator: cannot reveal a line of an invalid URI`);
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
    log.warn(`simulator: could not reveal line ${line + 1} of ${target.toString(true)}: ${String(e)}`);
  }
}
