// The taxonomy tree inside a real extension host: activation, commands, the built-in note as
// the fallback, following the active Markdown editor, and revealing a node's line.
import * as assert from 'assert/strict';
import * as vscode from 'vscode';
import {
  activateApi, builtinNotePath, closeAllEditors, extension, firstHeading, fixtureUri, flatten,
  openInEditor, readText, roots, waitFor, type KvmLabTestApi, type TaxonomyNodeLike,
} from './helpers';

const BUILTIN_SCHEME = 'kvm-lab-note';

const COMMANDS = [
  'kvmLab.openBuiltinNote',
  'kvmLab.taxonomy.refresh',
  'kvmLab.taxonomy.collapseAll',
  'kvmLab.taxonomy.reveal',
];

function labels(nodes: readonly TaxonomyNodeLike[]): string[] {
  return flatten(nodes).map((node) => node.label);
}

describe('Note taxonomy', () => {
  let api: KvmLabTestApi;

  before(async () => {
    api = await activateApi();
  });

  afterEach(closeAllEditors);

  it('activates', () => {
    assert.equal(extension().isActive, true);
  });

  it('registers its commands', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of COMMANDS) assert.ok(all.has(id), `command ${id} is not registered`);
  });

  it('opens the built-in study note in an editor', async () => {
    await vscode.commands.executeCommand('kvmLab.openBuiltinNote');
    const heading = firstHeading(readText(builtinNotePath()));
    const editor = await waitFor('an editor with the built-in note', () => {
      const active = vscode.window.activeTextEditor;
      return active && active.document.getText().includes(heading) ? active : undefined;
    });
    assert.equal(editor.document.languageId, 'markdown');
    // Served read-only from the extension, never a file a learner could overwrite by accident.
    assert.equal(editor.document.uri.scheme, BUILTIN_SCHEME);
  });

  it('shows the built-in note when no Markdown editor is open', async () => {
    await closeAllEditors();
    const heading = firstHeading(readText(builtinNotePath()));
    const snapshot = await waitFor('the built-in note in the tree', async () => {
      const current = await api.taxonomy.snapshot();
      return labels(current.roots).includes(heading) ? current : undefined;
    });
    assert.equal(vscode.Uri.parse(snapshot.uri).scheme, BUILTIN_SCHEME);
    const nodes = snapshot.roots;
    assert.ok(flatten(nodes).length > 10, 'the built-in note should give a real tree, not a single node');
    for (const node of flatten(nodes)) {
      assert.ok(Number.isInteger(node.line) && node.line >= 1, `node "${node.label}" has line ${node.line}`);
    }
  });

  it('follows the active Markdown editor', async () => {
    await openInEditor(fixtureUri('sample-note.md'));
    const nodes = await waitFor('the fixture note in the tree', async () => {
      const current = await roots(api);
      return labels(current).includes('Memory virtualization') ? current : undefined;
    });
    const all = flatten(nodes);
    const names = all.map((node) => node.label);
    assert.ok(!names.some((name) => name.includes('tags:')), 'front matter must not produce nodes');
    assert.ok(!names.some((name) => name.includes('int main')), 'code blocks must not produce nodes');
    const shadow = all.find((node) => node.label === "The VMM write-protects the guest's page tables");
    assert.ok(shadow, `missing list item; got ${JSON.stringify(names)}`);
    assert.equal(shadow.line, 13);
    assert.deepEqual(
      (shadow.children ?? []).map((child) => child.label),
      ['every guest update traps, and the VMM mirrors it into a shadow table', 'the hardware walks only the shadow table'],
    );
    assert.ok(names.includes('Intel EPT and AMD NPT (also called RVI)'), 'inline markup is reduced to text');
    assert.ok(names.includes('扩展页表（EPT）：由硬件完成两级地址转换'), 'Chinese full-width punctuation is kept');
  });

  it('refreshes after an edit', async () => {
    const editor = await openInEditor(fixtureUri('sample-note.md'));
    await waitFor('the fixture note in the tree', async () => labels(await roots(api)).includes('Shadow page tables'));
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((edit) => edit.insert(end, '\n\n## Added while editing\n'));
    try {
      await waitFor('the new heading in the tree', async () => labels(await roots(api)).includes('Added while editing'));
    } finally {
      // Leave the fixture file untouched on disk for the next run.
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('reveals a node line in the editor', async () => {
    const editor = await openInEditor(fixtureUri('sample-note.md'));
    const nodes = await waitFor('the fixture note in the tree', async () => {
      const current = await roots(api);
      return labels(current).includes('Two-dimensional paging') ? current : undefined;
    });
    const target = flatten(nodes).find((node) => node.label === 'Two-dimensional paging');
    assert.ok(target);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    // The same arguments the tree item's click command carries.
    await vscode.commands.executeCommand('kvmLab.taxonomy.reveal', editor.document.uri, target.line);
    await waitFor(`the cursor on line ${target.line}`, () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.toString() === editor.document.uri.toString() && active.selection.active.line === target.line - 1;
    });
    assert.equal(vscode.window.activeTextEditor?.document.lineAt(target.line - 1).text, '## Two-dimensional paging');
  });
});
