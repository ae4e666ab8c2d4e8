// kvmLab.language = "note": explanations in the language the note is written in, whatever
// VS Code's display language is.
import * as assert from 'assert/strict';
import * as vscode from 'vscode';
import { entryById } from '../../src/core/glossary/index';
import { activateApi, closeAllEditors } from './helpers';

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
      const chinese = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# 我的笔记\n\n- Hypervisor 负责创建和运行虚拟机，KVM 是 Linux 内核中的一种实现\n' });
      const english = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# My note\n\n- A Hypervisor creates and runs virtual machines; KVM is one in the Linux kernel\n' });
      const zh = await hoverOn(chinese, 'Hypervisor');
      assert.ok(zh.includes(summary['zh-cn'].slice(0, 12)), zh);
      const en = await hoverOn(english, 'Hypervisor');
      assert.ok(en.includes(summary.en.slice(0, 30)), en);
    } finally {
      await config().update('language', previous, vscode.ConfigurationTarget.Global);
    }
  });
});
