import * as vscode from 'vscode';
import { registerBuiltinNote } from './builtinNote';
import { openDemoIfAsked } from './demo';
import { registerTaxonomy, type TaxonomyApi } from './taxonomy/registerTaxonomy';

/** Returned from `activate` for the integration tests; not a public contract. */
export interface KvmLabApi {
  taxonomy: TaxonomyApi;
}

export function activate(context: vscode.ExtensionContext): KvmLabApi {
  const taxonomy = registerTaxonomy();
  context.subscriptions.push(registerBuiltinNote(context), taxonomy.disposable);
  void openDemoIfAsked((message) => console.warn(`[kvm-lab] ${message}`));
  return { taxonomy: taxonomy.api };
}

export function deactivate(): void {}
