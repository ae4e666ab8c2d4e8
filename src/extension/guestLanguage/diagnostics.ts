import * as vscode from 'vscode';
import type { Diagnostic as AsmDiagnostic } from '../../core/sim';
import { diagnoseProgram } from '../../core/sim/assembler';
import { documentRange, isGuestDocument, programsOf } from './programs';
import { diagnosticSpans } from './statement';

/** Typing pauses shorter than this do not re-assemble. */
export const DEBOUNCE_MS = 300;
/** Beyond this a document is not a guest program anyone typed; do not assemble it on every key. */
const MAX_CHARS = 2_000_000;
/** Beyond this many problems in one note the later blocks are not checked: nobody reads them all. */
const MAX_NOTE_DIAGNOSTICS = 1000;

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
  const out: vscode.Diagnostic[] = [];
  for (const program of programsOf(document)) {
    if (out.length >= MAX_NOTE_DIAGNOSTICS) {
      const line = program.fence?.fenceLine ?? 0;
      const stopped = vscode.l10n.t('Too many problems in this note: this block and the ones after it were not checked.');
      out.push(new vscode.Diagnostic(new vscode.Range(line, 0, line, 0), stopped, vscode.DiagnosticSeverity.Warning));
      break;
    }
    // Only the diagnostics: the program itself is built when it is run.
    const diagnostics = diagnoseProgram(program.text);
    const spans = diagnosticSpans(program.text, diagnostics);
    diagnostics.forEach((d: AsmDiagnostic, i) => {
      const { line, column, endColumn } = spans[i];
      const diagnostic = new vscode.Diagnostic(
        documentRange(program, line, column, endColumn),
        d.message,
        d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
      );
      diagnostic.source = 'vmasm';
      out.push(diagnostic);
    });
  }
  return out;
}
