// The simulator panel and guest programs inside a real extension host: the commands open one
// panel and feed it programs, the page reports back what it shows, and the editor features
// (Problems, completion, hover, CodeLens) answer for .vmasm files and for notes' blocks.
import * as assert from 'assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, extension, fixtureUri, openInEditor, waitFor } from './helpers';

const VIEW_TYPE = 'kvmLab.simulator';

interface Snapshot {
  program?: string;
  mode: string;
  position: number;
  status: string;
  exit?: string;
  divergenceLines: number[];
  serial: string;
}

interface SimulatorTestApi {
  simulator: { isOpen(): boolean; lastState(): Snapshot | undefined };
}

function simulatorTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes(VIEW_TYPE));
}

/** Waits until the page has reported a snapshot that satisfies `ok` (the page runs in the browser). */
function pageState(api: SimulatorTestApi, what: string, ok: (s: Snapshot) => boolean, timeoutMs = 20_000): Promise<Snapshot> {
  return waitFor(what, () => {
    const s = api.simulator.lastState();
    return s && ok(s) ? s : undefined;
  }, timeoutMs);
}

async function diagnosticsOf(uri: vscode.Uri, what: string): Promise<vscode.Diagnostic[]> {
  return waitFor(what, () => {
    const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'vmasm');
    return found.length > 0 ? found : undefined;
  });
}

describe('Simulator', function () {
  this.timeout(60_000);
  let api: SimulatorTestApi;

  before(async () => {
    api = (await extension().activate()) as SimulatorTestApi;
    assert.ok(api?.simulator && typeof api.simulator.isOpen === 'function', 'activate() must return { simulator }');
  });

  after(closeAllEditors);

  it('registers its commands', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of ['open', 'runActive', 'runFence', 'step', 'run', 'pause', 'reset']) {
      assert.ok(all.has(`kvmLab.simulator.${id}`), `kvmLab.simulator.${id} is not registered`);
    }
  });

  it('opens one panel, and the page comes up and loads an example', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('kvmLab.simulator.open');
    await waitFor('a simulator webview tab', () => simulatorTabs().length === 1);
    assert.equal(api.simulator.isOpen(), true);
    // The page only reports once its script ran under the CSP and assembled a program.
    const s = await pageState(api, 'the page to report an example', (x) => x.program !== undefined);
    assert.ok(['ready', 'paused', 'finished', 'running'].includes(s.status), s.status);
    await vscode.commands.executeCommand('kvmLab.simulator.open');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(simulatorTabs().length, 1, 'the panel is reused');
  });

  it('runs the active .vmasm file in the same panel', async () => {
    await openInEditor(fixtureUri('guest-hello.vmasm'));
    await vscode.commands.executeCommand('kvmLab.simulator.runActive');
    const s = await pageState(api, 'guest-hello.vmasm to run to its end', (x) => x.program === 'guest-hello.vmasm' && x.status === 'finished');
    assert.equal(s.serial, 'Hi');
    assert.equal(s.exit, 'hlt');
    assert.equal(simulatorTabs().length, 1);
  });

  it('saving the program the panel shows loads the new version', async () => {
    const uri = fixtureUri('tmp-saved.vmasm');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('_start:\n    mov r0, 1\n    hlt\n'));
    try {
      const editor = await openInEditor(uri);
      await vscode.commands.executeCommand('kvmLab.simulator.runActive');
      await pageState(api, 'tmp-saved.vmasm to run', (x) => x.program === 'tmp-saved.vmasm' && x.status === 'finished' && x.position === 2);
      // The panel may now cover the editor; edit the document, not the editor.
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(1, 0), '    mov r1, 2\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.ok(await editor.document.save());
      // Three instructions now; the page loaded them without running (position 0, ready).
      await vscode.commands.executeCommand('kvmLab.simulator.run');
      await pageState(api, 'the saved version to run', (x) => x.program === 'tmp-saved.vmasm' && x.status === 'finished' && x.position === 3);
    } finally {
      await closeAllEditors();
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('the panel controls step and reset the machine', async () => {
    await openInEditor(fixtureUri('guest-hello.vmasm'));
    await vscode.commands.executeCommand('kvmLab.simulator.runActive');
    await pageState(api, 'guest-hello.vmasm to run again', (x) => x.program === 'guest-hello.vmasm' && x.status === 'finished');
    await vscode.commands.executeCommand('kvmLab.simulator.reset');
    await pageState(api, 'a reset', (x) => x.program === 'guest-hello.vmasm' && x.position === 0);
    await vscode.commands.executeCommand('kvmLab.simulator.step');
    await vscode.commands.executeCommand('kvmLab.simulator.step');
    const s = await pageState(api, 'two steps', (x) => x.position === 2);
    assert.equal(s.status, 'paused');
  });

  it('says so in the panel when the program does not assemble', async () => {
    await openInEditor(fixtureUri('guest-broken.vmasm'));
    await vscode.commands.executeCommand('kvmLab.simulator.runActive');
    await pageState(api, 'the broken program in the panel', (x) => x.program === 'guest-broken.vmasm' && x.status === 'errors');
  });

  it('runs the vmasm block under the cursor of a note', async () => {
    const editor = await openInEditor(fixtureUri('guest-note.md'));
    editor.selection = new vscode.Selection(6, 4, 6, 4);
    await vscode.commands.executeCommand('kvmLab.simulator.runActive');
    const s = await pageState(api, 'the first block to run', (x) => x.program === 'guest-note.md:5' && x.status === 'finished');
    assert.equal(s.exit, 'hlt');
  });

  it('shows assembler errors of a broken program in Problems', async () => {
    const uri = fixtureUri('guest-broken.vmasm');
    await openInEditor(uri);
    const diagnostics = await diagnosticsOf(uri, 'diagnostics of guest-broken.vmasm');
    const lines = [...new Set(diagnostics.map((d) => d.range.start.line))].sort();
    assert.deepEqual(lines, [3, 4]);
    assert.ok(diagnostics.every((d) => d.severity === vscode.DiagnosticSeverity.Error));
    const r9 = diagnostics.find((d) => d.range.start.line === 3)!;
    assert.match(r9.message, /r9/);
    assert.equal(r9.range.start.character, 8, 'the squiggle starts at r9');
  });

  it('updates the errors as the user types', async () => {
    const editor = await openInEditor(fixtureUri('guest-hello.vmasm'));
    assert.equal(vscode.languages.getDiagnostics(editor.document.uri).length, 0);
    await editor.edit((b) => b.insert(new vscode.Position(editor.document.lineCount, 0), '    bogus r1\n'));
    const diagnostics = await diagnosticsOf(editor.document.uri, 'a diagnostic for the typed line');
    assert.equal(diagnostics[0]!.range.start.line, editor.document.lineCount - 2);
    await vscode.commands.executeCommand('undo');
    await waitFor('the diagnostic to go away', () => vscode.languages.getDiagnostics(editor.document.uri).length === 0);
  });

  it('maps errors of a note\'s vmasm block to the note\'s lines', async () => {
    const uri = fixtureUri('guest-note.md');
    await openInEditor(uri);
    const diagnostics = await diagnosticsOf(uri, 'diagnostics of the note');
    assert.deepEqual(diagnostics.map((d) => d.range.start.line), [16], 'only `jmp nowhere` in the second block');
    assert.ok(diagnostics[0]!.range.start.character >= 6, 'the column counts the list indentation');
  });

  it('completes mnemonics at the start of a statement and registers and labels in operands', async () => {
    const uri = fixtureUri('guest-hello.vmasm');
    await openInEditor(uri);
    const head = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(5, 4));
    const headLabels = head.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const word of ['popf', 'vmcall', '.equ']) assert.ok(headLabels.includes(word), `${word} offered`);
    const operand = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(5, 8));
    const operandLabels = operand.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const word of ['r0', 'sp', 'COM1', '_start']) assert.ok(operandLabels.includes(word), `${word} offered`);
  });

  it('explains a mnemonic on hover, with what each mode does', async () => {
    const uri = fixtureUri('guest-hello.vmasm');
    await openInEditor(uri);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(5, 5));
    const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.match(text, /\*\*out\*\*/);
    for (const mode of ['native', 'trap', 'vtx']) assert.ok(text.includes(`\`${mode}\``), `${mode} explained`);
  });

  it('hovers and completes inside a note\'s vmasm block too', async () => {
    const uri = fixtureUri('guest-note.md');
    await openInEditor(uri);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(15, 11));
    const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.match(text, /\*\*sti\*\*/);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(16, 10));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('_start'), 'the block\'s own label');
    assert.ok(!labels.includes('popf'), 'no mnemonics in an operand');
    const outside = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(22, 2));
    const outsideText = outside.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.doesNotMatch(outsideText, /\*\*(hlt|sti)\*\*/);
  });

  it('colours instructions by class, in .vmasm files and in notes\' vmasm blocks', async function () {
    // VS Code's own colorization tests read scopes through this internal command.
    const capture = async (name: string) =>
      (await vscode.commands.executeCommand<{ c: string; t: string }[]>('_workbench.captureSyntaxTokens', fixtureUri(name))) ?? [];
    if (!(await vscode.commands.getCommands()).includes('_workbench.captureSyntaxTokens')) this.skip();
    const scopeOf = (tokens: { c: string; t: string }[], text: string) => tokens.filter((tk) => tk.c.trim() === text).map((tk) => tk.t);
    const file = await capture('guest-hello.vmasm');
    assert.ok(scopeOf(file, 'out').every((t) => t.includes('keyword.control.privileged.vmasm')) && scopeOf(file, 'out').length === 2);
    assert.ok(scopeOf(file, 'mov').every((t) => t.includes('keyword.other.instruction.innocuous.vmasm')));
    assert.ok(scopeOf(file, 'r0').some((t) => t.includes('variable.other.register.vmasm')));
    const note = await capture('guest-note.md');
    const cli = scopeOf(note, 'cli');
    assert.equal(cli.length, 1);
    assert.match(cli[0]!, /meta\.embedded\.block\.vmasm.*keyword\.control\.privileged\.vmasm/);
    assert.ok(scopeOf(note, 'sti').some((t) => t.includes('keyword.control.privileged.vmasm')), 'a block inside a list item is coloured too');
    assert.ok(!note.some((tk) => tk.c.includes('console') && tk.t.includes('vmasm')), 'a js block is not');
  });

  it('puts a "Run in simulator" lens above each vmasm block of a note, and the lens runs it', async () => {
    const uri = fixtureUri('guest-note.md');
    await openInEditor(uri);
    const lenses = await waitFor('code lenses on the note', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      const ours = found.filter((l) => l.command?.command === 'kvmLab.simulator.runFence');
      return ours.length > 0 ? ours : undefined;
    });
    assert.deepEqual(lenses.map((l) => l.range.start.line), [4, 14]);
    // The second block (an earlier test ran the first): it does not assemble, and the panel says so.
    const second = lenses[1]!.command!;
    await vscode.commands.executeCommand(second.command, ...(second.arguments ?? []));
    await pageState(api, 'the second block in the panel', (x) => x.program === 'guest-note.md:15' && x.status === 'errors');
  });
});
