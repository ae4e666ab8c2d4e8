import * as vscode from 'vscode';
import { entryById, taxonomyPath } from '../../core/glossary/index';
import type { GlossaryEntry, Lang } from '../../core/glossary/types';
import { SIMULATOR_COMMAND, type ExplanationContext } from './explanationText';
import { simulatorDemonstrates } from './simulatorTerms';

/**
 * The simulator is registered by its own feature; until it is (or if it fails to load), a
 * "Try It in the Simulator" link would lead to "command not found", so it is offered only once
 * the command exists. Asked once: commands do not disappear while the extension runs.
 */
let simulatorAvailable: Promise<boolean> | undefined;

export function isSimulatorAvailable(): Promise<boolean> {
  if (!simulatorAvailable) {
    simulatorAvailable = Promise.resolve(vscode.commands.getCommands(true)).then((all) => all.includes(SIMULATOR_COMMAND));
    // A "no" may only mean "not yet": ask again next time.
    void simulatorAvailable.then((yes) => {
      if (!yes) simulatorAvailable = undefined;
    });
  }
  return simulatorAvailable;
}

export async function explanationContext(entry: GlossaryEntry, lang: Lang): Promise<ExplanationContext> {
  return {
    lang,
    taxonomyPath: taxonomyPath(entry, lang),
    entryById,
    simulator: simulatorDemonstrates(entry) && (await isSimulatorAvailable()),
  };
}
