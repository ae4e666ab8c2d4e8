import * as vscode from 'vscode';
import type { ModeId } from '../../shared/protocol';
import { uiLanguage } from '../language';
import { starterNote } from './starterNote';

/** `publisher.name#id` of `contributes.walkthroughs`. */
export const WALKTHROUGH = 'kvm-lab.kvm-lab#kvmLab.firstSteps';

/** Set once a glossary hover was shown: the walkthrough's "hover a term" step completes on it. */
export const HOVERED_TERM_CONTEXT = 'kvmLab.walkthrough.hoveredTerm';

/** What the walkthrough needs of the simulator. */
export interface LessonRunner {
  runExample(id: string, mode: ModeId): Promise<boolean>;
}

/**
 * The walkthrough's own commands. Its steps complete on real events: these commands, and the
 * features' own (opening the note, revealing a node, explaining a term, a lens run), which VS Code
 * sees run through its command service.
 */
export function registerWalkthrough(simulator: LessonRunner): vscode.Disposable {
  const runPopf = (mode: ModeId) => async () => {
    if (!(await simulator.runExample('popf', mode))) void vscode.window.showErrorMessage(vscode.l10n.t('The POPF lesson could not be loaded.'));
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand('kvmLab.walkthrough.open', () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false),
    ),
    vscode.commands.registerCommand('kvmLab.walkthrough.popfTrap', runPopf('trap')),
    vscode.commands.registerCommand('kvmLab.walkthrough.popfVtx', runPopf('vtx')),
    vscode.commands.registerCommand('kvmLab.walkthrough.newNote', async () => {
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: starterNote(uiLanguage()) });
      const editor = await vscode.window.showTextDocument(document, { preview: false });
      // The cursor inside the block: the learner writes there, and its lens is in view.
      const line = document.getText().split('\n').findIndex((text) => text.startsWith('```vmasm')) + 1;
      if (line > 0) editor.selection = new vscode.Selection(line, 0, line, 0);
    }),
  );
}

/**
 * What the learner did, as context keys the walkthrough's steps complete on. Commands run from a
 * tree row, a CodeLens or a hover link carry arguments, so VS Code runs them through an internal
 * delegate and an `onCommand:` completion event never sees their names: the features say it here.
 */
export const DONE_CONTEXT = {
  hoveredTerm: HOVERED_TERM_CONTEXT,
  followedNode: 'kvmLab.walkthrough.followedNode',
  explainedTerm: 'kvmLab.walkthrough.explainedTerm',
  ranNoteProgram: 'kvmLab.walkthrough.ranNoteProgram',
} as const;

const done = new Set<string>();

/** Sets one of DONE_CONTEXT once per session; cheap to call on every hover or click. */
export function walkthroughDone(what: keyof typeof DONE_CONTEXT): void {
  if (done.has(what)) return;
  done.add(what);
  void vscode.commands.executeCommand('setContext', DONE_CONTEXT[what], true);
}

export function noteTermHovered(): void {
  walkthroughDone('hoveredTerm');
}
