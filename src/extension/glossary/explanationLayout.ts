import * as vscode from 'vscode';

/**
 * Where KVM Lab puts what it opens, so that a learner's layout survives a session of clicks: one
 * explanation tab, reused; a note revealed in the editor that already shows it; and the
 * simulator's group never taken over (it is narrow enough already).
 */

/** The panel's webview type; VS Code's tab API prefixes it (`mainThreadWebview-kvmLab.simulator`). */
const SIMULATOR_VIEW_TYPE = 'kvmLab.simulator';

/** VS Code's Markdown preview as an editor of a document (static: it never follows the active editor). */
export const MARKDOWN_PREVIEW_EDITOR = 'vscode.markdown.preview.editor';

export function isSimulatorTab(tab: vscode.Tab | undefined): boolean {
  return tab?.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(SIMULATOR_VIEW_TYPE);
}

function tabUri(tab: vscode.Tab): vscode.Uri | undefined {
  const input = tab.input;
  return input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : undefined;
}

export function tabsWithScheme(scheme: string): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs.filter((tab) => tabUri(tab)?.scheme === scheme));
}

/** A group the simulator is showing in: nothing else should open there. */
function heldBySimulator(group: vscode.TabGroup): boolean {
  return isSimulatorTab(group.activeTab);
}

/** One past the last group opens a new group at the right; ViewColumn stops at Nine. */
function newGroupColumn(): vscode.ViewColumn {
  const last = Math.max(0, ...vscode.window.tabGroups.all.map((group) => group.viewColumn));
  return last < vscode.ViewColumn.Nine ? ((last + 1) as vscode.ViewColumn) : vscode.ViewColumn.Beside;
}

/**
 * The column for an explanation: the group that already shows one; else a group other than the
 * reader's (the note's, or the active one) that the simulator is not showing in; else a new group
 * at the right.
 */
export function explanationColumn(scheme: string): vscode.ViewColumn {
  const existing = tabsWithScheme(scheme)[0];
  if (existing) return existing.group.viewColumn;
  // The reader's place: the note's editor, or whatever the active group shows (a walkthrough, a page).
  const readerColumn = vscode.window.activeTextEditor?.viewColumn ?? vscode.window.tabGroups.activeTabGroup.viewColumn;
  const other = vscode.window.tabGroups.all.find((group) => group.viewColumn !== readerColumn && !heldBySimulator(group));
  return other?.viewColumn ?? newGroupColumn();
}

/**
 * The column to show `uri` in: the visible editor that shows it, else a group with a tab of it,
 * else the active group unless the simulator holds it, else the first group it does not hold.
 */
export function noteColumn(uri: vscode.Uri): vscode.ViewColumn {
  const key = uri.toString();
  const visible = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === key && editor.viewColumn !== undefined);
  if (visible?.viewColumn) return visible.viewColumn;
  const groups = vscode.window.tabGroups.all;
  const withTab = groups.find((group) => group.tabs.some((tab) => tabUri(tab)?.toString() === key));
  if (withTab) return withTab.viewColumn;
  const active = vscode.window.tabGroups.activeTabGroup;
  if (!heldBySimulator(active)) return active.viewColumn;
  return groups.find((group) => !heldBySimulator(group))?.viewColumn ?? newGroupColumn();
}
