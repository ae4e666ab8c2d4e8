import * as vscode from 'vscode';
import { assemble, type Diagnostic as AsmDiagnostic } from '../../core/sim';
import { documentRange, isGuestDocument, programName, programsOf } from './programs';
import { diagnosticSpans } from './statement';

/** Typing pauses shorter than this do not re-assemble. */
export const DEBOUNCE_MS = 300;
/** Beyond this a document is not a guest program anyone typed; do not assemble it on every key. */
const MAX_CHARS = 2_000_000;

/** Live assembler errors of `.vmasm` files and of the ```vmasm blocks of notes, in the Problems panel. */
export function registerGuestDiagnostics(): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('vmasm');
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const cancel = (key: string) => {
    clearTimeout(timers.get(key));
    timers.delete(key);
  };
  const check = (document: vscode.TextDocument) => {
    cancel(document.uri.toString());
    if (!isGuestDocument(document)) {
      collection.delete(document.uri);
      return;
    }
    collection.set(document.uri, diagnose(document));
  };
  const schedule = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    cancel(key);
    timers.set(key, setTimeout(() => check(document), DEBOUNCE_MS));
  };

  vscode.workspace.textDocuments.forEach(check);
  return vscode.Disposable.from(
    collection,
    // Also fires when a document's language changes (it is closed and reopened with the new id).
    vscode.workspace.onDidOpenTextDocument(check),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) schedule(e.document);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      cancel(document.uri.toString());
      collection.delete(document.uri);
    }),
    { dispose: () => [...timers.keys()].forEach(cancel) },
  );
}

function diagnose(document: vscode.TextDocument): vscode.Diagnostic[] {
  const text = document.getText();
  if (text.length > MAX_CHARS) {
    if (document.languageId !== 'vmasm') return [];
    const tooLarge = vscode.l10n.t('This file is too large to assemble ({0} characters).', text.length);
    return [new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), tooLarge, vscode.DiagnosticSeverity.Warning)];
  }
  return programsOf(document).flatMap((program) => {
    const result = assemble(program.text, { fileName: programName(document, program.fence) });
    const spans = diagnosticSpans(program.text, result.diagnostics);
    return result.diagnostics.map((d: AsmDiagnostic, i) => {
      const { line, column, endColumn } = spans[i];
      const diagnostic = new vscode.Diagnostic(
        documentRange(program, line, column, endColumn),
        d.message,
        d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
      );
      diagnostic.source = 'vmasm';
      return diagnostic;
    });
  });
}
