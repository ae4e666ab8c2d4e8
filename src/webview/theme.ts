// Applies contrast-checked colours (contrast.ts) to the page as CSS variables, again whenever
// VS Code changes the theme (it rewrites the variables on <html> and the classes on <body>).
import { parseColor, pickReadable, toCss, type Rgba } from './contrast';

/** Each role's theme colours, best first; the first that reads on every background wins. */
const ROLES: Record<string, readonly string[]> = {
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
};

/** Backgrounds the coloured texts and marks are drawn on, beside the editor background. */
const BACKGROUNDS = [
  'editor-lineHighlightBackground',
  'diffEditor-removedLineBackground',
  'list-hoverBackground',
  'inputValidation-errorBackground',
  'editorWidget-background',
];

function themeColour(style: CSSStyleDeclaration, probe: HTMLElement, token: string): Rgba | undefined {
  const raw = style.getPropertyValue(`--vscode-${token}`).trim();
  if (!raw) return undefined;
  const parsed = parseColor(raw);
  if (parsed) return parsed;
  // Another spelling (a name, hsl()): let the browser resolve it.
  probe.style.color = '';
  probe.style.color = raw;
  return probe.style.color ? parseColor(getComputedStyle(probe).color) : undefined;
}

/** Our own stylesheet (constructed: the CSP forbids inline styles; writing <html>'s style would wake the observer). */
let sheet: CSSStyleSheet | undefined;

export function applyReadableColours(): void {
  const style = getComputedStyle(document.documentElement);
  const probe = document.createElement('span');
  probe.hidden = true;
  document.body.append(probe);
  try {
    const base = themeColour(style, probe, 'editor-background') ?? parseColor(getComputedStyle(document.body).backgroundColor) ?? { r: 255, g: 255, b: 255, a: 1 };
    const opaqueBase = base.a < 1 ? { ...base, a: 1 } : base;
    const text = themeColour(style, probe, 'foreground') ?? parseColor(getComputedStyle(document.body).color) ?? { r: 0, g: 0, b: 0, a: 1 };
    const grounds = BACKGROUNDS.map((t) => themeColour(style, probe, t)).filter((c): c is Rgba => c !== undefined);
    const rules = Object.entries(ROLES).map(([role, tokens]) => `${role}: ${toCss(pickReadable(tokens.map((t) => themeColour(style, probe, t)), text, grounds, opaqueBase))};`);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    }
    sheet.replaceSync(`:root { ${rules.join(' ')} }`);
  } finally {
    probe.remove();
  }
}

/** Applies the colours now and after every theme change. */
export function followTheme(): void {
  applyReadableColours();
  let pending = false;
  const again = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      applyReadableColours();
    });
  };
  const observer = new MutationObserver(again);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
}
