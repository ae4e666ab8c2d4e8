// The page's colour roles in VS Code's five default themes: text at WCAG AA (4.5:1) on every
// background it is drawn on, the compare chart's fills at 3:1 against the panel and the bar
// track (WCAG 1.4.11), from the theme's own opaque colours where they are good enough.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AA_NON_TEXT, AA_TEXT, contrast, over, parseColor, toCss, type Rgba } from '../../../src/webview/contrast';
import { CHART_BACKGROUNDS, CHART_ROLES, readableColours, TEXT_BACKGROUNDS, TEXT_ROLES } from '../../../src/webview/palette';
import { THEME_COLOURS } from './themeColours';

const THEMES = ['Dark Modern', 'Light Modern', 'Light+', 'Dark High Contrast', 'Light High Contrast'];
const HUES = ['--chart-green', '--chart-purple', '--chart-yellow', '--chart-orange', '--chart-blue', '--chart-red'];

function inTheme(name: string) {
  const raw = THEME_COLOURS[name]!;
  const token = (t: string): Rgba | undefined => (raw[t] ? parseColor(raw[t]!) : undefined);
  const base = token('editor-background')!;
  const roles = readableColours(token, base, token('foreground')!);
  const grounds = (tokens: readonly string[]) => [base, ...tokens.map(token).filter((c): c is Rgba => c !== undefined).map((c) => over(c, base))];
  return { token, base, roles, grounds };
}

test('the five themes are all there', () => {
  assert.deepEqual(Object.keys(THEME_COLOURS).sort(), [...THEMES].sort());
});

for (const theme of THEMES) {
  test(`${theme}: every chart fill has 3:1 against the panel and the bar track; every text role 4.5:1 on its backgrounds`, () => {
    const { roles, grounds } = inTheme(theme);
    for (const role of Object.keys(CHART_ROLES)) {
      for (const g of grounds(CHART_BACKGROUNDS)) {
        const ratio = contrast(roles[role]!, g);
        assert.ok(ratio >= AA_NON_TEXT, `${role} ${toCss(roles[role]!)} on ${toCss(g)}: ${ratio.toFixed(2)}:1`);
      }
    }
    for (const role of Object.keys(TEXT_ROLES)) {
      for (const g of grounds(TEXT_BACKGROUNDS)) {
        const ratio = contrast(roles[role]!, g);
        assert.ok(ratio >= AA_TEXT, `${role} ${toCss(roles[role]!)} on ${toCss(g)}: ${ratio.toFixed(2)}:1`);
      }
    }
  });

  test(`${theme}: the chart's six hues stay six different colours`, () => {
    const { roles } = inTheme(theme);
    const shown = HUES.map((r) => toCss(roles[r]!));
    assert.equal(new Set(shown).size, HUES.length, shown.join(' '));
  });
}

test('the theme\'s own chart colour is kept where it is opaque and good enough; a translucent or faint one is not used', () => {
  const dark = inTheme('Dark Modern');
  assert.deepEqual(dark.roles['--chart-green'], dark.token('charts-green'));
  assert.deepEqual(dark.roles['--chart-blue'], dark.token('charts-blue'));
  // charts.orange is a 33% highlight there: the next candidate of the same hue, opaque.
  assert.ok(dark.token('charts-orange')!.a < 1);
  assert.deepEqual(dark.roles['--chart-orange'], dark.token('symbolIcon-classForeground'));
  // Light+: charts.yellow is 2.8:1 on the bar track; it is darkened towards the text until it has 3:1.
  const light = inTheme('Light+');
  const yellow = light.token('charts-yellow')!;
  assert.ok(contrast(yellow, light.token('editorWidget-background')!) < AA_NON_TEXT);
  assert.notDeepEqual(light.roles['--chart-yellow'], yellow);
  // High contrast: charts.orange is not set at all; the role still has a colour of its hue.
  const hc = inTheme('Dark High Contrast');
  assert.equal(hc.token('charts-orange'), undefined);
  assert.deepEqual(hc.roles['--chart-orange'], hc.token('symbolIcon-classForeground'));
});

test('the chart is painted only with the checked roles, and neighbouring segments are parted by a line in the panel\'s colour', () => {
  const css = ['compare.css', 'simulator.css'].map((f) => readFileSync(join(__dirname, '..', '..', '..', 'src', 'webview', f), 'utf8')).join('\n');
  // The fills: bars, segments and the causes' classes (not the text chip inside a segment, nor the track).
  const rules = [...css.matchAll(/([^{}]*)\{([^}]*)\}/g)].filter(([, selector]) => /\.(?:bar|segment)(?![\w-])|\.cause-(?!legend|table)[a-z-]+/.test(selector!));
  assert.ok(rules.length > 10, 'the chart rules were found');
  for (const [, selector, body] of rules) {
    for (const decl of body!.split(';').filter((d) => /^\s*background\s*:/.test(d))) {
      const colours = decl.replace(/var\(--cause-(stripes|dots|grid)\)/g, '');
      // The measure bars of a mode use its mark colour: checked at 4.5:1, the track among its backgrounds.
      assert.match(colours, /var\(--(chart|mark)-[a-z]+\)|:\s*none\s*$/, `${selector!.trim()}: ${decl.trim()}`);
      assert.doesNotMatch(colours, /--vscode-charts-/, `${selector!.trim()}: a raw chart token`);
    }
  }
  assert.match(css, /\.segment\s*\{[^}]*border-right:\s*1px solid var\(--vscode-editor-background/);
});
