// kvmLab.language = "note": explanations in the language the note is written in, whatever
// VS Code's display language is.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { entryById } from '../../src/core/glossary/index';
import { activateApi, closeAllEditors, fixtureUri } from './helpers';

async function hoverOn(document: vscode.TextDocument, word: string): Promise<string> {
  const offset = document.getText().indexOf(word);
  assert.ok(offset >= 0, `"${word}" is not in the note`);
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(offset + 1))) ?? [];
  const texts = hovers.flatMap((hover) => hover.contents.map((part) => (typeof part === 'string' ? part : part.value)));
  const glossary = texts.find((text) => text.includes('command:kvmLab.glossary.show'));
  assert.ok(glossary, `no glossary hover on "${word}"`);
  return glossary;
}

describe('Language of the note', () => {
  before(activateApi);
  afterEach(closeAllEditors);

  it('explains terms in Chinese in a Chinese note and in English in an English one', async () => {
    const config = () => vscode.workspace.getConfiguration('kvmLab');
    const previous = config().inspect('language')?.globalValue;
    await config().update('language', 'note', vscode.ConfigurationTarget.Global);
    try {
      const summary = entryById('hypervisor')!.summary;
      // Notes on disk, outside the workspace (untitled documents would stay open, dirty, after the test).
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kvm-lab-note-language-'));
      const note = (name: string, text: string) => {
        fs.writeFileSync(path.join(folder, name), text);
        return vscode.workspace.openTextDocument(vscode.Uri.file(path.join(folder, name)));
      };
      const chinese = await note('zh.md', '# 我的笔记\n\n- Hypervisor 负责创建和运行虚拟机，KVM 是 Linux 内核中的一种实现\n');
      const english = await note('en.md', '# My note\n\n- A Hypervisor creates and runs virtual machines; KVM is one in the Linux kernel\n');
      const zh = await hoverOn(chinese, 'Hypervisor');
      assert.ok(zh.includes(summary['zh-cn'].slice(0, 12)), zh);
      const en = await hoverOn(english, 'Hypervisor');
      assert.ok(en.includes(summary.en.slice(0, 30)), en);
    } finally {
      await config().update('language', previous, vscode.ConfigurationTarget.Global);
    }
  });

  it('reads the vmasm hover in Chinese with kvmLab.language = zh-cn, its first line and links included', async () => {
    const config = () => vscode.workspace.getConfiguration('kvmLab');
    const previous = config().inspect('language')?.globalValue;
    await config().update('language', 'zh-cn', vscode.ConfigurationTarget.Global);
    try {
      const document = await vscode.workspace.openTextDocument(fixtureUri('guest-hello.vmasm'));
      const offset = document.getText().indexOf('    out COM1') + 5;
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(offset))) ?? [];
      const text = hovers.flatMap((hover) => hover.contents.map((part) => (typeof part === 'string' ? part : part.value))).find((t) => /^\*\*out\*\*/i.test(t));
      assert.ok(text, 'a hover on OUT');
      const firstLine = text.split('\n')[0];
      assert.match(firstLine, /特权指令/, firstLine);
      assert.doesNotMatch(firstLine, /privileged: faults/, firstLine);
      assert.match(text, /术语表：端口 I\/O/, 'the link names the entry in Chinese');
      assert.match(text, /在术语表中显示/);
      assert.doesNotMatch(text, /Show in Glossary|Glossary: /);
    } finally {
      await config().update('language', previous, vscode.ConfigurationTarget.Global);
    }
  });
});
