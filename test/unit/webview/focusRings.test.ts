// Focus rings of 2 px everywhere on the page (issue: 1 px rings were hard to see): every rule of
// the webview's style sheets whose selector reacts to focus draws its outline with the page's
// `--focus-ring` or at least 2 px wide. Read from the CSS itself, so a new view cannot slip back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const WEBVIEW = join(__dirname, '..', '..', '..', 'src', 'webview');

/** Each rule's selector and declarations (the style sheets have no nested rules but @media, whose rules are flattened here). */
function rules(css: string): { selector: string; body: string }[] {
  const flat = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/@media[^{]*\{/g, '');
  return [...flat.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({ selector: m[1]!.trim(), body: m[2]! }));
}

test('every focus outline in the webview is the 2 px focus ring', () => {
  const sheets = readdirSync(WEBVIEW).filter((f) => f.endsWith('.css'));
  assert.ok(sheets.length >= 4, `style sheets found: ${sheets.join(', ')}`);
  const thin: string[] = [];
  let checked = 0;
  for (const sheet of sheets) {
    for (const { selector, body } of rules(readFileSync(join(WEBVIEW, sheet), 'utf8'))) {
      if (!/:focus/.test(selector)) continue;
      const outline = /(?:^|;)\s*outline\s*:\s*([^;]+)/.exec(body)?.[1]?.trim();
      if (!outline || outline === 'none') continue;
      checked++;
      const width = /(\d+(?:\.\d+)?)px/.exec(outline)?.[1];
      if (!outline.includes('var(--focus-ring)') && !(width !== undefined && Number(width) >= 2)) thin.push(`${sheet}: ${selector} { outline: ${outline} }`);
    }
  }
  assert.ok(checked >= 10, `focus outlines checked: ${checked}`);
  assert.deepEqual(thin, []);
});

test('the focus ring itself is 2 px in the focus border colour', () => {
  const css = readFileSync(join(WEBVIEW, 'simulator.css'), 'utf8');
  assert.match(css, /--focus-ring:\s*2px solid var\(--vscode-focusBorder/);
});
