import * as vscode from 'vscode';
import { findVmasmFences } from './fences';

/** Command of the lens: runs the note's block that opens at a 0-based line (arguments: uri, line). */
export const RUN_FENCE_COMMAND = 'kvmLab.simulator.runFence';

/** "Run in simulator" above each ```vmasm block of a Markdown note. */
export function registerGuestCodeLens(): vscode.Disposable {
  // VS Code asks again after every edit, so no change event is needed.
  const provider: vscode.CodeLensProvider = {
    provideCodeLenses(document) {
      return findVmasmFences(document.getText()).map((fence) => {
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
  return vscode.languages.registerCodeLensProvider({ language: 'markdown' }, provider);
}
