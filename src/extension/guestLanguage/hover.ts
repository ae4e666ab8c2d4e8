import * as vscode from 'vscode';
import { instructionInfo, MODES, registerInfo, type InstructionClass, type InstructionInfo, type RegisterInfo } from '../../core/sim';
import { uiLanguage } from '../language';
import { glossaryLinks, HOVER_COMMANDS } from './glossaryLink';
import { GUEST_SELECTOR, programAt } from './programs';
import { headAt } from './statement';

export function classLabel(cls: InstructionClass): string {
  switch (cls) {
    case 'innocuous':
      return vscode.l10n.t('innocuous: never sensitive, runs directly everywhere');
    case 'privileged':
      return vscode.l10n.t('privileged: faults (#GP) outside ring 0');
    case 'sensitive-unprivileged':
      return vscode.l10n.t('sensitive but unprivileged: does not trap, reveals or drops privileged state');
    case 'special':
      return vscode.l10n.t('special: what happens depends on the mode');
  }
}

/** The hover of one mnemonic: class, syntax, summary, what each mode does, and the glossary. */
export function instructionHover(info: InstructionInfo): vscode.MarkdownString {
  const lang = uiLanguage();
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: HOVER_COMMANDS };
  md.appendMarkdown(`**${info.mnemonic}**`);
  if (info.aliases.length > 0) md.appendMarkdown(` (${info.aliases.map((a) => `\`${a}\``).join(', ')})`);
  md.appendMarkdown(` — ${classLabel(info.instructionClass)}\n\n`);
  md.appendCodeblock(info.syntax, 'vmasm');
  md.appendText(info.summary[lang]);
  md.appendMarkdown('\n\n');
  for (const mode of MODES) {
    md.appendMarkdown(`- \`${mode}\`: `);
    md.appendText(info.modes[mode][lang]);
    md.appendMarkdown('\n');
  }
  if (info.term) md.appendMarkdown(`\n${glossaryLinks(info.term)}`);
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
