// Which theme colour each of the page's colour roles takes, DOM-free so that it can be checked in
// plain Node against the colours of VS Code's themes (theme.ts reads them from the page).
// Text and marks need WCAG AA for text (4.5:1) on every background they are drawn on; the
// compare view's bar segments are graphics and need 3:1 (WCAG 1.4.11) against the panel and the
// bar track they sit on. Neighbouring segments are also kept apart by a hairline in the panel's
// background colour (compare.css), which is itself 3:1 from both, and by their patterns.
import { AA_NON_TEXT, AA_TEXT, pickReadable, type Rgba } from './contrast';

/** Each text role's theme colours, best first; the first that reads on every background wins. */
export const TEXT_ROLES: Readonly<Record<string, readonly string[]>> = {
  '--mark-trap': ['charts-orange', 'editorWarning-foreground', 'debugConsole-warningForeground'],
  '--mark-exit': ['charts-blue', 'textLink-foreground', 'debugTokenExpression-name'],
  '--mark-userspace': ['charts-purple', 'terminal-ansiMagenta', 'symbolIcon-classForeground'],
  '--mark-hypercall': ['charts-green', 'testing-iconPassed', 'terminal-ansiGreen'],
  '--mark-divergence': ['errorForeground', 'editorError-foreground', 'charts-red'],
  '--mark-translate': ['charts-yellow', 'editorWarning-foreground', 'terminal-ansiYellow'],
  '--mark-exception': ['charts-red', 'errorForeground', 'editorError-foreground'],
  '--line-number': ['editorLineNumber-foreground', 'descriptionForeground'],
  '--line-number-current': ['editorLineNumber-activeForeground', 'foreground'],
  '--muted': ['descriptionForeground'],
  '--warning-text': ['editorWarning-foreground', 'debugConsole-warningForeground', 'charts-orange'],
  '--error-text': ['errorForeground', 'editorError-foreground'],
  '--link': ['textLink-foreground', 'textLink-activeForeground'],
  '--pass-text': ['testing-iconPassed', 'charts-green', 'terminal-ansiGreen'],
};

/** Backgrounds the coloured texts and marks are drawn on, beside the editor background. */
export const TEXT_BACKGROUNDS: readonly string[] = [
  'editor-lineHighlightBackground',
  'diffEditor-removedLineBackground',
  'list-hoverBackground',
  'inputValidation-errorBackground',
  'editorWidget-background',
];

/** The chart's fills (compare.css, the measure bars), one per hue, each with fallbacks of the same hue. */
export const CHART_ROLES: Readonly<Record<string, readonly string[]>> = {
  '--chart-green': ['charts-green', 'testing-iconPassed', 'terminal-ansiGreen'],
  '--chart-purple': ['charts-purple', 'terminal-ansiMagenta', 'debugTokenExpression-name'],
  '--chart-yellow': ['charts-yellow', 'editorWarning-foreground', 'terminal-ansiYellow'],
  '--chart-orange': ['charts-orange', 'symbolIcon-classForeground', 'debugConsole-warningForeground'],
  '--chart-blue': ['charts-blue', 'textLink-foreground', 'terminal-ansiBlue'],
  '--chart-red': ['charts-red', 'errorForeground', 'editorError-foreground'],
  '--chart-grey': ['charts-lines', 'descriptionForeground', 'editorLineNumber-foreground'],
  '--chart-foreground': ['charts-foreground', 'foreground'],
};

/** What the bars lie on beside the panel: the track of each bar (simulator.css `.bar-track`). */
export const CHART_BACKGROUNDS: readonly string[] = ['editorWidget-background'];

/** A theme colour by its token (`editor-background` for `--vscode-editor-background`), if the theme sets one. */
export type ThemeColours = (token: string) => Rgba | undefined;

/**
 * Every role's colour in a theme. `base` is the panel's background and `text` its foreground
 * (the page passes what it computed where the theme gives neither token).
 */
export function readableColours(theme: ThemeColours, base: Rgba, text: Rgba): Record<string, Rgba> {
  const opaqueBase = base.a < 1 ? { ...base, a: 1 } : base;
  const grounds = (tokens: readonly string[]) => tokens.map(theme).filter((c): c is Rgba => c !== undefined);
  const pick = (roles: Readonly<Record<string, readonly string[]>>, backgrounds: readonly Rgba[], minimum: number) =>
    Object.entries(roles).map(([role, tokens]) => [role, pickReadable(tokens.map(theme), text, backgrounds, opaqueBase, minimum)] as const);
  return Object.fromEntries([
    ...pick(TEXT_ROLES, grounds(TEXT_BACKGROUNDS), AA_TEXT),
    ...pick(CHART_ROLES, grounds(CHART_BACKGROUNDS), AA_NON_TEXT),
  ]);
}
