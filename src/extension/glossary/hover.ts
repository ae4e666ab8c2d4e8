import * as vscode from 'vscode';
import { noteTermHovered } from '../walkthrough/registerWalkthrough';
import { entryById, termAtLine } from '../../core/glossary/index';
import { uiLanguage } from '../language';
import { explanationContext } from './explanationContext';
import { EXPLAIN_TERM_COMMAND, hoverMarkdown, SHOW_IN_GLOSSARY_COMMAND, SIMULATOR_COMMAND } from './explanationText';
import { isQuietLine, quietLineRanges, type LineRanges } from './quietLines';

/** Notes in Markdown and plain text, and guest programs. Any scheme: untitled notes and the built-in note too. */
export const HOVER_SELECTOR: vscode.DocumentSelector = [{ language: 'markdown' }, { language: 'plaintext' }, { language: 'vmasm' }];

/** Only our own commands may run from a hover's links. */
const TRUSTED_COMMANDS = [EXPLAIN_TERM_COMMAND, SHOW_IN_GLOSSARY_COMMAND, SIMULATOR_COMMAND];

/** Front matter and code fences of each open Markdown document, recomputed only after an edit. */
class QuietLineCache implements vscode.Disposable {
  private readonly byDocument = new Map<string, { version: number; ranges: LineRanges }>();
  private readonly subscriptions = [
    vscode.workspace.onDidChangeTextDocument((event) => this.byDocument.delete(event.document.uri.toString())),
    vscode.workspace.onDidCloseTextDocument((document) => this.byDocument.delete(document.uri.toString())),
  ];

  ranges(document: vscode.TextDocument): LineRanges {
    const key = document.uri.toString();
    const cached = this.byDocument.get(key);
    if (cached && cached.version === document.version) return cached.ranges;
    const ranges = quietLineRanges(document.getText());
    this.byDocument.set(key, { version: document.version, ranges });
    return ranges;
  }

  dispose(): void {
    this.byDocument.clear();
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}

class GlossaryHoverProvider implements vscode.HoverProvider {
  constructor(private readonly quiet: QuietLineCache) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!vscode.workspace.getConfiguration('kvmLab', document).get<boolean>('hover.enabled', true)) return undefined;
    if (document.languageId === 'markdown' && isQuietLine(this.quiet.ranges(document), position.line)) return undefined;
    // One line, not the document: a hover must answer at once even in a 20,000-line note.
    const match = termAtLine(document.lineAt(position.line).text, position.character);
    const entry = match && entryById(match.term);
    if (!match || !entry) return undefined;
    // With `kvmLab.language` set to `note`, the language this note is written in.
    const lang = uiLanguage(document);
    const markdown = new vscode.MarkdownString(hoverMarkdown(entry, await explanationContext(entry, lang)), true);
    markdown.isTrusted = { enabledCommands: TRUSTED_COMMANDS };
    const start = new vscode.Position(position.line, match.column - 1);
    noteTermHovered();
    return new vscode.Hover(markdown, new vscode.Range(start, start.translate(0, match.length)));
  }
}

export function registerGlossaryHover(): vscode.Disposable {
  const quiet = new QuietLineCache();
  return vscode.Disposable.from(quiet, vscode.languages.registerHoverProvider(HOVER_SELECTOR, new GlossaryHoverProvider(quiet)));
}
