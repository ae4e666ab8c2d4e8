// Shared helpers for the extension-host suite: find and activate KVM Lab, wait for async UI
// state (the tree refresh is debounced), and reach the fixture workspace.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'kvm-lab.kvm-lab';

/** The shape of a taxonomy node as the extension's test API hands it out. */
export interface TaxonomyNodeLike {
  label: string;
  kind?: string;
  line: number;
  children?: readonly TaxonomyNodeLike[];
}

export interface TaxonomySnapshot {
  uri: string;
  title?: string;
  roots: readonly TaxonomyNodeLike[];
}

/** What `activate` returns for tests (src/extension/extension.ts, `KvmLabApi`). */
export interface KvmLabTestApi {
  taxonomy: { snapshot(): Promise<TaxonomySnapshot> };
}

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this extension host`);
  return ext;
}

export async function activateApi(): Promise<KvmLabTestApi> {
  const ext = extension();
  const api = (await ext.activate()) as Partial<KvmLabTestApi> | undefined;
  assert.ok(api?.taxonomy && typeof api.taxonomy.snapshot === 'function', 'activate() must return { taxonomy: { snapshot() } }');
  return api as KvmLabTestApi;
}

export async function roots(api: KvmLabTestApi): Promise<readonly TaxonomyNodeLike[]> {
  return (await api.taxonomy.snapshot()).roots;
}

/** Polls until `probe` returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what} (last: ${String(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs the fixture workspace folder open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function openInEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document);
}

/** The built-in note shown for the current display language, read from the installed extension. */
export function builtinNotePath(): string {
  const lang = vscode.env.language.toLowerCase();
  const name = lang.startsWith('zh') ? 'study-note.zh-cn.md' : 'study-note.en.md';
  return path.join(extension().extensionPath, 'notes', 'builtin', name);
}

/** The text of the first ATX heading, with inline markup reduced to text as the tree shows it. */
export function firstHeading(markdown: string): string {
  const match = /^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$/m.exec(markdown);
  assert.ok(match, 'note has no ATX heading');
  return match[1]
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]/g, '')
    .trim();
}

export function readText(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

export function flatten(nodes: readonly TaxonomyNodeLike[]): TaxonomyNodeLike[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children ?? [])]);
}
