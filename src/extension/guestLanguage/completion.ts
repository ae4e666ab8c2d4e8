import * as vscode from 'vscode';
import { DIRECTIVES, instructionInfo, MNEMONICS, REGISTERS } from '../../core/sim';
import { uiLanguage } from '../language';
import { classLabel } from './hover';
import { GUEST_SELECTOR, programAt } from './programs';
import { completionContext, definedSymbols } from './statement';

const DIRECTIVE_SNIPPETS: Record<string, string> = {
  '.equ': '.equ ${1:NAME}, ${2:value}',
  '.word': '.word ${1:0}',
  '.byte': '.byte ${1:0}',
  '.ascii': '.ascii "${1}"',
  '.asciz': '.asciz "${1}"',
  '.space': '.space ${1:n}',
  '.align': '.align ${1:4}',
  '.org': '.org ${1:0x1000}',
};

/** Mnemonics and directives at the start of a statement; registers and the file's symbols in operands. */
export function registerGuestCompletion(): vscode.Disposable {
  return vscode.languages.registerCompletionItemProvider(
    GUEST_SELECTOR,
    {
      provideCompletionItems(document, position) {
        const at = programAt(document, position);
        if (!at) return undefined;
        const context = completionContext(at.line, at.character);
        if (context === 'none') return undefined;
        const items = context === 'head' ? [...mnemonicItems(), ...directiveItems()] : [...registerItems(), ...symbolItems(at.program.text)];
        // vmasm words include `.` (`.equ`, `loop.end`); Markdown's word pattern does not.
        let start = at.character;
        while (start > 0 && /[A-Za-z0-9_.]/.test(at.line[start - 1]!)) start--;
        const range = new vscode.Range(position.line, position.character - (at.character - start), position.line, position.character);
        for (const item of items) item.range = range;
        return items;
      },
    },
    '.',
    '[',
  );
}

function mnemonicItems(): vscode.CompletionItem[] {
  const lang = uiLanguage();
  return MNEMONICS.map((mnemonic) => {
    const item = new vscode.CompletionItem(mnemonic, vscode.CompletionItemKind.Keyword);
    const info = instructionInfo(mnemonic);
    if (info) {
      item.detail = `${info.syntax} — ${classLabel(info.instructionClass)}`;
      item.documentation = info.summary[lang];
    }
    return item;
  });
}

function directiveItems(): vscode.CompletionItem[] {
  return DIRECTIVES.map((directive) => {
    const item = new vscode.CompletionItem(directive, vscode.CompletionItemKind.Keyword);
    const snippet = DIRECTIVE_SNIPPETS[directive];
    if (snippet) item.insertText = new vscode.SnippetString(snippet);
    item.detail = vscode.l10n.t('directive');
    return item;
  });
}

function registerItems(): vscode.CompletionItem[] {
  return REGISTERS.map((register) => {
    const item = new vscode.CompletionItem(register, vscode.CompletionItemKind.Variable);
    item.detail = vscode.l10n.t('register');
    return item;
  });
}

function symbolItems(text: string): vscode.CompletionItem[] {
  return definedSymbols(text).map((symbol) => {
    const kind = symbol.kind === 'label' ? vscode.CompletionItemKind.Reference : vscode.CompletionItemKind.Constant;
    const item = new vscode.CompletionItem(symbol.name, kind);
    item.detail = symbol.kind === 'label' ? vscode.l10n.t('label, line {0}', symbol.line + 1) : vscode.l10n.t('.equ constant, line {0}', symbol.line + 1);
    // Labels sort after registers only by kind, not alphabetically mixed with them.
    item.sortText = `~${symbol.name}`;
    return item;
  });
}
