import * as vscode from 'vscode';
import { EXAMPLES } from '../../core/sim';
import type { ExampleProgram } from '../../shared/protocol';
import { uiLanguage } from '../language';

/** The shipped examples, their text read from `examples/` and their titles in the UI language. */
export async function loadExamples(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): Promise<ExampleProgram[]> {
  // The same language as the panel's strings (the kvmLab.language setting).
  const lang = uiLanguage();
  const loaded = await Promise.all(
    EXAMPLES.map(async (info): Promise<ExampleProgram | undefined> => {
      const uri = vscode.Uri.joinPath(extensionUri, 'examples', info.file);
      try {
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        return {
          id: info.id,
          title: info.title[lang],
          description: info.description[lang],
          modes: info.modes,
          era: info.era,
          program: { name: info.file, text, uri: uri.toString(), firstLine: 0, exampleId: info.id },
        };
      } catch (e) {
        log.warn(`simulator: example ${info.file} could not be read: ${String(e)}`);
        return undefined;
      }
    }),
  );
  return loaded.filter((e): e is ExampleProgram => e !== undefined);
}
