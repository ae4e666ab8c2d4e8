// KVM Lab declares that it runs fully in Restricted Mode (package.json `capabilities`): nothing it
// does runs workspace code. `npm run test:integration -- --restricted` starts code-server with
// workspace trust on and the folder untrusted; there these tests check the extension is not
// disabled and its features answer. In the ordinary (trusted) run only the declaration is checked.
import * as assert from 'assert/strict';
import * as vscode from 'vscode';
import { activateApi, closeAllEditors, extension, fixtureUri, openInEditor, roots, waitFor } from './helpers';

const restricted = process.env.KVM_LAB_RESTRICTED === '1';

interface SimulatorState {
  program?: string;
  status: string;
  serial: string;
}

describe('Restricted Mode', function () {
  this.timeout(60_000);

  after(closeAllEditors);

  it('is declared: supported in untrusted and in virtual workspaces', () => {
    const capabilities = (extension().packageJSON as { capabilities?: Record<string, unknown> }).capabilities;
    assert.deepEqual(capabilities, { untrustedWorkspaces: { supported: true }, virtualWorkspaces: true });
  });

  describe('in an untrusted workspace', function () {
    before(function () {
      if (!restricted) this.skip();
    });

    it('runs untrusted: the workspace is not trusted, the extension is active anyway', async () => {
      assert.equal(vscode.workspace.isTrusted, false, 'the rig did not open the folder in Restricted Mode');
      await activateApi();
      assert.equal(extension().isActive, true);
    });

    it('outlines a note, explains a term on hover and runs a guest program', async () => {
      const api = await activateApi();
      await openInEditor(fixtureUri('sample-note.md'));
      const tree = await waitFor('the outline of sample-note.md', async () => ((await roots(api)).length > 0 ? roots(api) : undefined));
      assert.ok(tree.some((n) => n.label === 'Memory virtualization'), JSON.stringify(tree.map((n) => n.label)));

      const note = fixtureUri('glossary-note.md');
      await openInEditor(note);
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', note, new vscode.Position(7, 4))) ?? [];
      assert.ok(hovers.length > 0, 'no hover on "Hypervisor"');

      const simulator = (extension().exports as { simulator: { lastState(): SimulatorState | undefined } }).simulator;
      await openInEditor(fixtureUri('guest-hello.vmasm'));
      await vscode.commands.executeCommand('kvmLab.simulator.runActive');
      const state = await waitFor('guest-hello.vmasm to run to its end', () => {
        const s = simulator.lastState();
        return s?.program === 'guest-hello.vmasm' && s.status === 'finished' ? s : undefined;
      }, 20_000);
      assert.equal(state.serial, 'Hi');
    });
  });
});
