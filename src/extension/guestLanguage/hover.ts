import * as vscode from 'vscode';
import { instructionInfo, MODES, registerInfo, type InstructionClass, type InstructionInfo, type RegisterInfo } from '../../core/sim';
import { uiLanguage, type UiLanguage } from '../language';
import { glossaryLinks, HOVER_COMMANDS } from './glossaryLink';
import { GUEST_SELECTOR, programAt } from './programs';
import { headAt } from './statement';

/**
 * The class line follows the explanation's language (`kvmLab.language`), not VS Code's display
 * language: the summary below it does, and a hover that switches language halfway reads badly.
 */
const CLASS_LABELS: Record<InstructionClass, Record<UiLanguage, string>> = {
  innocuous: { en: 'innocuous: never sensitive, runs directly everywhere', 'zh-cn': '无害指令：从不敏感，在任何模式下都直接执行' },
  privileged: { en: 'privileged: faults (#GP) outside ring 0', 'zh-cn': '特权指令：在 ring 0 之外执行会触发 #GP' },
  'sensitive-unprivileged': {
    en: 'sensitive but unprivileged: does not trap, reveals or drops privileged state',
    'zh-cn': '敏感但非特权：不会陷入，会泄露或悄悄丢弃特权状态',
  },
  special: { en: 'special: what happens depends on the mode', 'zh-cn': '特殊指令：行为取决于模式' },
};

export function classLabel(cls: InstructionClass, lang: UiLanguage = uiLanguage()): string {
  return CLASS_LABELS[cls][lang];
}

/** The hover of one mnemonic: class, syntax, summary, what each mode does, and the glossary. */
export function instructionHover(info: InstructionInfo): vscode.MarkdownString {
  const lang = uiLanguage();
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: HOVER_COMMANDS };
  md.appendMarkdown(`**${info.mnemonic}**`);
  if (info.aliases.length > 0) md.appendMarkdown(` (${info.aliases.map((a) => `\`${a}\``).join(', ')})`);
  md.appendMarkdown(` — ${classLabel(info.instructionClass, lang)}\n\n`);
  md.appendCodeblock(info.syntax, 'vmasm');
  md.appendText(info.summary[lang]);
  md.appendMarkdown('\n\n');
  for (const mode of MODES) {
    md.appendMarkdown(`- \`${mode}\`: `);
    md.appendText(info.modes[mode][lang]);
    md.appendMarkdown('\n');
  }
  if (info.term) md.appendMarkdown(`\n${glossaryLinks(info.term, lang)}`);
  return md;
}

/** The hover of a register name: what it holds, and its glossary entry. */
export function registerHover(info: RegisterInfo): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: HOVER_COMMANDS };
  md.appendMarkdown(`**${info.name}** — `);
  md.appendText(info.summary[uiLanguage()]);
  if (info.term) md.appendMarkdown(`\n\n${glossaryLinks(info.term)}`);
  return md;
}

export function registerGuestHover(): vscode.Disposable {
  return vscode.languages.registerHoverProvider(GUEST_SELECTOR, {
    provideHover(document, position) {
      const at = programAt(document, position);
      if (!at) return undefined;
      const head = headAt(at.line, at.character);
      const info = head && instructionInfo(head.text);
      if (!head || !info) {
        // A register operand (cr0, cr2, cr3, sp, cs, r0-r7) has a hover of its own.
        const word = document.getWordRangeAtPosition(position, /[A-Za-z][A-Za-z0-9]*/);
        const register = word && registerInfo(document.getText(word));
        return register ? new vscode.Hover(registerHover(register), word) : undefined;
      }
      const range = new vscode.Range(position.line, position.character - (at.character - head.start), position.line, position.character + (head.end - at.character));
      return new vscode.Hover(instructionHover(info), range);
    },
  });
}
