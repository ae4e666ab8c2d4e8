import * as vscode from 'vscode';
import { registerGuestCodeLens } from './codeLens';
import { registerGuestCompletion } from './completion';
import { registerGuestDiagnostics } from './diagnostics';
import { registerGuestHover } from './hover';

/** Editor support for guest programs: diagnostics, hovers, completion, and lenses on notes' blocks. */
export function registerGuestLanguage(): vscode.Disposable {
  return vscode.Disposable.from(registerGuestDiagnostics(), registerGuestHover(), registerGuestCompletion(), registerGuestCodeLens());
}
