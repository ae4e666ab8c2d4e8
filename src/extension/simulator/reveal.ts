import * as vscode from 'vscode';
import { logText } from '../../shared/protocol';

const SIMULATOR_VIEW_TYPE = 'kvmLab.simulator';

/** The URI as VS Code spells it, or undefined when it is not one (so that spellings compare equal). */
export function normalUri(uri: string): vscode.Uri | undefined {
  try {
    return vscode.Uri.parse(uri, true);
  } catch {
    return undefined;
  }
}

/** The editor group that shows the simulator panel, if one does. */
function panelColumn(): vscode.ViewColumn | undefined {
  for (const group of vscode.window.tabGroups.all) {
    // The tab's viewType carries a prefix of the workbench's own (`mainThreadWebview-…`).
    if (group.tabs.some((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(SIMULATOR_VIEW_TYPE))) return group.viewColumn;
  }
  return undefined;
}

/**
 * Where a revealed line opens: never in the panel's own group (the listing would hide behind the
 * source). The group already showing the document, else another group showing an editor, else a
 * new group beside the panel.
 */
export function revealColumn(uri: vscode.Uri): vscode.ViewColumn {
  const panel = panelColumn();
  const elsewhere = vscode.window.visibleTextEditors.filter((e) => e.viewColumn !== undefined && e.viewColumn !== panel);
  const showing = elsewhere.find((e) => e.document.uri.toString() === uri.toString());
  if (showing?.viewColumn) return showing.viewColumn;
  if (elsewhere[0]?.viewColumn) return elsewhere[0].viewColumn;
  const other = vscode.window.tabGroups.all.find((g) => g.viewColumn !== panel);
  if (other) return other.viewColumn;
  return vscode.ViewColumn.Beside;
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
    await vscode.window.showTextDocument(document, {
      viewColumn: revealColumn(document.uri),
      selection: new vscode.Range(at, document.lineAt(at.line).range.end),
      preserveFocus: false,
    });
  } catch (e) {
    log.warn(`simulator: could not reveal line ${line + 1} of ${logText(target.toString(true), 200)}: ${logText(String(e), 500)}`);
  }
}
