import * as vscode from 'vscode';
import { EXAMPLES } from '../../core/sim';
import type { ExampleProgram } from '../../shared/protocol';
import { uiLanguage } from '../language';

/**
 * The shipped examples open read-only through their own scheme, as the built-in note does: a
 * learner cannot change the installed extension's files by accident, and "Save As" puts a copy
 * to edit in the workspace.
 */
export const EXAMPLE_SCHEME = 'kvm-lab-example';

export function exampleUri(file: string): vscode.Uri {
  return vscode.Uri.from({ scheme: EXAMPLE_SCHEME, path: `/${file}` });
}

function exampleFile(extensionUri: vscode.Uri, file: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'examples', file);
}

class ExampleProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly extensionUri: vscode.Uri) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    // Only the listed examples: the path never reaches the file system as given.
    const info = EXAMPLES.find((e) => `/${e.file}` === uri.path);
    if (!info) throw new Error(vscode.l10n.t('No example named {0}', uri.path.replace(/^\//, '')));
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(exampleFile(this.extensionUri, info.file)));
  }
}

export function registerExamples(extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(EXAMPLE_SCHEME, new ExampleProvider(extensionUri));
}

/** The shipped examples, their text read from `examples/` and their titles in the UI language. */
export async function loadExamples(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): Promise<ExampleProgram[]> {
  // The same language as the panel's strings (the kvmLab.language setting).
  const lang = uiLanguage();
  const loaded = await Promise.all(
    EXAMPLES.map(async (info): Promise<ExampleProgram | undefined> => {
      try {
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(exampleFile(extensionUri, info.file)));
        return {
          id: info.id,
          title: info.title[lang],
          description: info.description[lang],
          modes: info.modes,
          era: info.era,
          program: { name: info.file, text, uri: exampleUri(info.file).toString(), firstLine: 0, exampleId: info.id },
        };
      } catch (e) {
        log.warn(`simulator: example ${info.file} could not be read: ${String(e)}`);
        return undefined;
      }
    }),
  );
  return loaded.filter((e): e is ExampleProgram => e !== undefined);
}
