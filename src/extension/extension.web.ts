import * as vscode from 'vscode';
import { registerSharedFeatures, type KvmLabApi } from './platform/features';
import { registerNodeOnlyNotices } from './platform/nodeOnly';
import { webPlatform } from './platform/web';

export type { KvmLabApi } from './platform/features';
// The Node entry (extension.ts) loads this bundle for the features both hosts share instead of
// bundling them a second time: the VSIX carries one copy of the glossary and the simulator's host code.
export { registerSharedFeatures };

/**
 * The browser entry (`browser`, run in the web worker extension host of vscode.dev and github.dev):
 * every shared feature; the Node-only commands explain why they are missing.
 */
export function activate(context: vscode.ExtensionContext): KvmLabApi {
  const api = registerSharedFeatures(context, webPlatform);
  void registerNodeOnlyNotices(context).then(
    (notices) => context.subscriptions.push(notices),
    (error: unknown) => console.warn(`[kvm-lab] Node-only notices: ${String(error)}`),
  );
  return api;
}

export function deactivate(): void {}
