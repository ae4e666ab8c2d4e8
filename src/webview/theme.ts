// Applies contrast-checked colours (palette.ts, contrast.ts) to the page as CSS variables, again whenever
// VS Code changes the theme (it rewrites the variables on <html> and the classes on <body>).
import { parseColor, toCss, type Rgba } from './contrast';
import { readableColours } from './palette';

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
    const text = themeColour(style, probe, 'foreground') ?? parseColor(getComputedStyle(document.body).color) ?? { r: 0, g: 0, b: 0, a: 1 };
    const colours = readableColours((token) => themeColour(style, probe, token), base, text);
    const rules = Object.entries(colours).map(([role, colour]) => `${role}: ${toCss(colour)};`);
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
