import * as vscode from 'vscode';
import { assemble, type Diagnostic as AsmDiagnostic } from '../../core/sim';

const DEBOUNCE_MS = 300;
/** Beyond this a file is not a guest program anyone typed; do not assemble it on every key. */
const MAX_CHARS = 2_000_000;

/** Live assembler errors of `vmasm` documents in the Problems panel. */
export function registerVmasmDiagnostics(): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('vmasm');
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const check = (document: vscode.TextDocument) => {
    if (document.languageId !== 'vmasm') return;
    const key = document.uri.toString();
    if (document.getText().length > MAX_CHARS) {
      collection.set(document.uri, [new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), vscode.l10n.t('This file is too large to assemble ({0} characters).', document.getText().length), vscode.DiagnosticSeverity.Warning)]);
      return;
    }
    const name = document.uri.path.split('/').pop() ?? 'program.vmasm';
    const result = assemble(document.getText(), { fileName: name });
    collection.set(document.uri, result.diagnostics.map((d) => toVscode(document, d)));
    timers.delete(key);
  };
  const schedule = (document: vscode.TextDocument) => {
    if (document.languageId !== 'vmasm') return;
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => check(document), DEBOUNCE_MS));
  };
  const forget = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.delete(key);
    collection.delete(document.uri);
  };

  vscode.workspace.textDocuments.forEach(check);
  return vscode.Disposable.from(
    collection,
    vscode.workspace.onDidOpenTextDocument(check),
    vscode.workspace.onDidChangeTextDocument((e) => schedule(e.document)),
    vscode.workspace.onDidCloseTextDocument(forget),
    // A document whose language changes to or from vmasm is re-checked or cleared.
    vscode.workspace.onDidOpenTextDocument((d) => d.languageId !== 'vmasm' && collection.delete(d.uri)),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
}

function toVscode(document: vscode.TextDocument, d: AsmDiagnostic): vscode.Diagnostic {
  const line = Math.min(Math.max(0, d.line - 1), Math.max(0, document.lineCount - 1));
  const text = document.lineAt(line).text;
  const start = Math.min(Math.max(0, d.column - 1), text.length);
  let end = d.endColumn !== undefined ? Math.min(d.endColumn - 1, text.length) : start;
  if (end <= start) {
    const word = document.getWordRangeAtPosition(new vscode.Position(line, start));
    end = word && word.end.character > start ? word.end.character : Math.min(text.length, start + 1);
  }
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(line, start, line, Math.max(end, start)),
    d.message,
    d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
  );
  diagnostic.source = 'vmasm';
  return diagnostic;
}
