import * as vscode from 'vscode';
import { openDemoIfAsked } from './demo';
// Resolved at run time to dist/extension.web.js (scripts/build.mjs keeps it out of this bundle).
import { registerSharedFeatures } from './extension.web';
import type { KvmLabApi } from './platform/features';
import { nodePlatform } from './platform/node';

export type { KvmLabApi } from './platform/features';

/** The Node entry (`main`): every shared feature, plus what needs Node (the `npm start` demo). */
export function activate(context: vscode.ExtensionContext): KvmLabApi {
  const api = registerSharedFeatures(context, nodePlatform);
  void openDemoIfAsked((message) => console.warn(`[kvm-lab] ${message}`));
  return api;
}

export function deactivate(): void {}
