import * as vscode from 'vscode';
import { registerFenceCache, vmasmFencesOf } from './programs';

/** Command of the lens: runs the note's block that opens at a 0-based line (arguments: uri, line). */
export const RUN_FENCE_COMMAND = 'kvmLab.simulator.runFence';

/** "Run in simulator" above each ```vmasm block of a Markdown note. */
export function registerGuestCodeLens(): vscode.Disposable {
  // VS Code asks again after every edit, so no change event is needed; the fences are cached per version.
  const provider: vscode.CodeLensProvider = {
    provideCodeLenses(document) {
      return vmasmFencesOf(document).map((fence) => {
        const range = new vscode.Range(fence.fenceLine, 0, fence.fenceLine, 0);
        return new vscode.CodeLens(range, {
          title: `$(play) ${vscode.l10n.t('Run in simulator')}`,
          tooltip: vscode.l10n.t('Run this guest program in the trap-and-emulate simulator'),
          command: RUN_FENCE_COMMAND,
          arguments: [document.uri.toString(), fence.fenceLine],
        });
      });
    },
  };
  // The lens is the one guest feature that exists only for notes: it owns the notes' fence cache.
  return vscode.Disposable.from(vscode.languages.registerCodeLensProvider({ language: 'markdown' }, provider), registerFenceCache());
}
