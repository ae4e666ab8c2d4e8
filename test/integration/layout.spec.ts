// Where KVM Lab opens things: one explanation tab reused across Glossary clicks, the note revealed
// in the editor that shows it, and the simulator's group never taken (issue: four groups after two
// clicks, the simulator squeezed to 200 px, a second copy of the note in the simulator's group).
import * as assert from 'assert/strict';
import * as vscode from 'vscode';
import { activateApi, closeAllEditors, fixtureUri, openInEditor, waitFor } from './helpers';

const GLOSSARY_SCHEME = 'kvm-lab-glossary';

const groups = () => vscode.window.tabGroups.all;
const allTabs = () => groups().flatMap((group) => group.tabs);

function uriOf(tab: vscode.Tab): vscode.Uri | undefined {
  const input = tab.input;
  return input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : undefined;
}

const explanationTabs = () => allTabs().filter((tab) => uriOf(tab)?.scheme === GLOSSARY_SCHEME);
const isSimulator = (tab: vscode.Tab | undefined) => tab?.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('kvmLab.simulator');
const simulatorGroup = () => groups().find((group) => isSimulator(group.activeTab));

function layout(): string {
  return groups().map((group) => `${group.viewColumn}: ${group.tabs.map((tab) => `${tab.label}${tab.isActive ? '*' : ''}`).join(', ')}`).join(' | ');
}

describe('Editor layout', () => {
  before(activateApi);
  afterEach(closeAllEditors);

  it('reuses one explanation tab beside the note and never takes the simulator’s group', async () => {
    const note = fixtureUri('sample-note.md');
    await openInEditor(note);
    await vscode.commands.executeCommand('kvmLab.simulator.open');
    await waitFor('the simulator beside the note', () => simulatorGroup());
    const simulatorColumn = simulatorGroup()!.viewColumn;
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(note), { viewColumn: vscode.ViewColumn.One });

    await vscode.commands.executeCommand('kvmLab.explainTerm', 'hypervisor');
    const [first] = await waitFor('the explanation of Hypervisor', () => (explanationTabs().length === 1 ? explanationTabs() : undefined));
    const groupsAfterOne = groups().length;
    assert.ok(groupsAfterOne <= 3, layout());
    assert.notEqual(first.group.viewColumn, simulatorColumn, `the explanation took the simulator's group: ${layout()}`);
    assert.notEqual(first.group.viewColumn, vscode.ViewColumn.One, `the explanation hid the note: ${layout()}`);
    assert.ok(isSimulator(simulatorGroup()?.activeTab), `the simulator is still shown: ${layout()}`);

    await vscode.commands.executeCommand('kvmLab.explainTerm', 'VM exit');
    await waitFor('the explanation of VM exit in the same tab', () => explanationTabs().length === 1 && /vm-?exit/i.test(uriOf(explanationTabs()[0])!.path));
    assert.equal(groups().length, groupsAfterOne, `a second click opened another group: ${layout()}`);
    assert.equal(explanationTabs()[0].group.viewColumn, first.group.viewColumn, layout());
    assert.ok(isSimulator(simulatorGroup()?.activeTab), `the simulator is still shown: ${layout()}`);

    // Back into the note: the explanation stays an explanation (a dynamic preview would follow the note).
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(note), { viewColumn: vscode.ViewColumn.One });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(explanationTabs().length, 1, layout());
    assert.ok(!allTabs().some((tab) => /^Preview sample-note/.test(tab.label)), `the note's preview replaced the explanation: ${layout()}`);
  });

  it('reveals a taxonomy node in the editor that already shows the note, even from the simulator’s group', async () => {
    const note = fixtureUri('sample-note.md');
    const editor = await openInEditor(note);
    await vscode.commands.executeCommand('kvmLab.simulator.open');
    await waitFor('the simulator beside the note', () => simulatorGroup());
    // The simulator's group is the active one, as after a click in the panel.
    await waitFor('the simulator active', () => isSimulator(vscode.window.tabGroups.activeTabGroup.activeTab) || undefined);
    await vscode.commands.executeCommand('kvmLab.taxonomy.reveal', note, 3);
    // Focus stays where it was (a tree row, here the panel), as an Explorer click keeps it: the note's
    // own editor shows the line.
    const revealed = await waitFor('the note revealed at line 3', () =>
      vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === note.toString() && e.selection.active.line === 2),
    );
    assert.equal(revealed.viewColumn, editor.viewColumn, layout());
    const copies = allTabs().filter((tab) => uriOf(tab)?.toString() === note.toString());
    assert.equal(copies.length, 1, `one copy of the note: ${layout()}`);
    assert.ok(isSimulator(simulatorGroup()?.activeTab), `the simulator is still shown: ${layout()}`);
  });
});
