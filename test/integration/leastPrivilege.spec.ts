// What the simulator lets a page or a caller do, inside a real extension host: the page may reveal
// lines of the program it shows and of nothing else, examples open read-only, and the CodeLens's
// command refuses bad arguments with a message instead of throwing.
import * as assert from 'assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, extension, fixtureUri, openInEditor, readText, waitFor } from './helpers';
import * as path from 'path';

interface SimulatorTestApi {
  simulator: {
    lastState(): { program?: string; exampleId?: string; status: string } | undefined;
    fromPage(message: unknown): Promise<void>;
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

function openDocuments(): string[] {
  return vscode.window.visibleTextEditors.map((e) => e.document.uri.toString());
}

describe('Least privilege', function () {
  this.timeout(60_000);
  let api: SimulatorTestApi;

  before(async () => {
    api = (await extension().activate()) as SimulatorTestApi;
    assert.equal(typeof api?.simulator?.fromPage, 'function', 'activate() must return { simulator: { fromPage } }');
  });

  after(closeAllEditors);

  it('reveals a line of the program the panel shows, and of no other document', async () => {
    await closeAllEditors();
    const program = fixtureUri('guest-hello.vmasm');
    const other = fixtureUri('sample-note.md');
    await openInEditor(program);
    await vscode.commands.executeCommand('kvmLab.simulator.runActive');
    await waitFor('the panel to show guest-hello.vmasm', () => api.simulator.lastState()?.program === 'guest-hello.vmasm', 20_000);
    // Another document in front of the program, the panel left open beside.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fixtureUri('guest-note.md')), { viewColumn: vscode.ViewColumn.One });

    for (const uri of [other.toString(), 'file:///etc/passwd', 'command:workbench.action.quit', 'not a uri', program.toString() + '#x']) {
      await api.simulator.fromPage({ type: 'revealLine', uri, line: 0 });
    }
    await settle();
    assert.ok(!openDocuments().includes(other.toString()), 'another workspace file was opened');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.path === '/etc/passwd'), 'a file outside the workspace was opened');

    await api.simulator.fromPage({ type: 'revealLine', uri: program.toString(), line: 4 });
    const editor = await waitFor('the program revealed', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.toString() === program.toString() ? e : undefined;
    });
    assert.equal(editor.selection.active.line, 4);
  });

  it('opens an example read-only, with the installed text', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('kvmLab.simulator.open');
    const state = await waitFor('the page to show an example', () => {
      const s = api.simulator.lastState();
      return s?.exampleId !== undefined && s.program ? s : undefined;
    }, 20_000);
    const uri = `kvm-lab-example:/${state.program}`;
    await api.simulator.fromPage({ type: 'revealLine', uri, line: 0 });
    const editor = await waitFor('the example in an editor', () => {
      const e = vscode.window.visibleTextEditors.find((x) => x.document.uri.scheme === 'kvm-lab-example');
      return e;
    });
    assert.equal(editor.document.getText(), readText(path.join(extension().extensionPath, 'examples', state.program as string)));
    assert.equal(editor.document.languageId, 'vmasm');
    // Served by a content provider, not a file system: there is nothing to write to.
    assert.notEqual(vscode.workspace.fs.isWritableFileSystem('kvm-lab-example'), true);
    // A name that is not an example is not read from the install folder.
    await assert.rejects(Promise.resolve(vscode.workspace.openTextDocument(vscode.Uri.parse('kvm-lab-example:/../package.json'))));
  });

  it('runFence refuses bad arguments with a message, never an exception', async () => {
    const note = fixtureUri('guest-note.md');
    const bad: unknown[][] = [
      [],
      [42, 'x'],
      ['not a uri', 0],
      [note.toString(), -1],
      [note.toString(), 1.5],
      [note.toString(), '4'],
      [note.toString(), 0], // line 1 is not a vmasm block
      [fixtureUri('no-such-note.md').toString(), 4],
      ['x'.repeat(10_000), 4],
      [Object.create(null), 4],
      [{ toString: () => { throw new Error('hostile toString'); } }, 4],
    ];
    for (const args of bad) {
      const result = await vscode.commands.executeCommand<boolean>('kvmLab.simulator.runFence', ...args);
      assert.equal(result, false, args.map((a) => typeof a).join(', '));
    }
    // The CodeLens's own arguments still work (the fence opens on 0-based line 4).
    assert.equal(await vscode.commands.executeCommand<boolean>('kvmLab.simulator.runFence', note.toString(), 4), true);
  });
});
