import type MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import { onDidChangeUiLanguage, uiLanguage } from '../language';
import { markGlossaryTerms } from './previewMarks';

/** For `activate`'s result: VS Code's Markdown preview calls it once with its markdown-it instance. */
export function extendMarkdownIt(md: MarkdownIt): MarkdownIt {
  return markGlossaryTerms(md, uiLanguage);
}

/** Open previews render again when the learner switches language, so their tooltips follow. */
export function registerPreviewMarks(): vscode.Disposable {
  return onDidChangeUiLanguage(() => void vscode.commands.executeCommand('markdown.preview.refresh'));
}
