// Shared by the accessibility UI tests: axe-core injected into a frame, theme switching through
// the Color Theme picker, and the simulator panel's controls as a user drives them.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { screenshot, waitFor, workspaceFolder } from './workbench';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const THEMES = ['Dark Modern', 'Light Modern', 'Light+', 'Dark High Contrast', 'Light High Contrast'] as const;
export type Theme = (typeof THEMES)[number];
/** The values of `workbench.colorTheme` for the names shown in the theme picker. */
const THEME_IDS: Record<Theme, string> = {
  'Dark Modern': 'Default Dark Modern',
  'Light Modern': 'Default Light Modern',
  'Light+': 'Default Light+',
  'Dark High Contrast': 'Default High Contrast',
  'Light High Contrast': 'Default High Contrast Light',
};

export interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core's WCAG 2 A and AA rules in `frame` (injected through the debugging protocol, so
 * the page's CSP does not apply) and returns the serious and critical violations.
 */
export async function axeViolations(frame: Frame | Page, include?: string): Promise<Violation[]> {
  const loaded = await frame.evaluate(() => typeof (globalThis as { axe?: unknown }).axe === 'object');
  if (!loaded) await frame.evaluate(AXE_SOURCE);
  const found = await frame.evaluate(async (context) => {
    type AxeResult = { violations: { id: string; impact: string; help: string; nodes: { target: unknown[]; html?: string; failureSummary?: string }[] }[] };
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResult> } }).axe;
    const result = await axe.run(context ? { include: [context] } : (globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      // The element's own markup too: a target such as ".list_id_2" alone does not say what is wrong.
      nodes: v.nodes.slice(0, 5).map((n) => `${JSON.stringify(n.target)} ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300)} in ${(n.html ?? '').slice(0, 200)}`),
    }));
  }, include);
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function describeViolations(where: string, violations: Violation[]): string {
  return `${where}:\n${violations.map((v) => `  ${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n}`).join('\n')}`).join('\n')}`;
}

/**
 * Switches the colour theme through the `workbench.colorTheme` setting (in the scratch
 * workspace's settings, which VS Code watches), then waits until the workbench shows it.
 */
let shownTheme: Theme = 'Dark Modern';

export async function setTheme(page: Page, theme: Theme): Promise<void> {
  const sideBarColour = () => page.locator(".part.activitybar").evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(e).backgroundColor);
  const before = await sideBarColour();
  const dir = join(workspaceFolder(), '.vscode');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), `${JSON.stringify({ 'workbench.colorTheme': THEME_IDS[theme] }, null, 2)}\n`);
  const kind = theme.includes('High Contrast') ? (theme.startsWith('Light') ? 'hc-light' : 'hc-black') : theme.startsWith('Light') ? 'vs' : 'vs-dark';
  try {
    await waitFor(`the ${theme} theme`, async () => (await page.locator(`.monaco-workbench.${kind}`).count()) > 0, 30_000);
    // Light Modern and Light+ are both `vs`: wait for the theme's own colours too.
    if (theme !== shownTheme) await waitFor(`the ${theme} colours`, async () => (await sideBarColour()) !== before, 30_000);
    shownTheme = theme;
    // The webviews get the new colours a moment later.
    await page.waitForTimeout(700);
  } catch (error) {
    await screenshot(page, `failed-theme-${theme.replace(/\W+/g, '-')}`);
    throw error;
  }
}

export { choose, openSimulator } from './panel';

/**
 * Scrolls every tree in the side bar back to its top. When a tree is scrolled, VS Code draws its
 * own sticky-scroll widget (`.monaco-tree-sticky-container`, a focusable div) inside the
 * `role=tree` list, which axe rightly reports (aria-required-children). That widget is the
 * workbench's, not ours, and whether the taxonomy tree has scrolled depends on timing (it follows
 * the note's cursor); so the views are checked at their top, where only our rows are shown.
 */
export async function scrollSideBarTreesToTop(page: Page): Promise<void> {
  const trees = page.locator('.part.sidebar .pane-body .monaco-list[role="tree"]');
  for (let i = 0; i < (await trees.count()); i++) {
    const tree = trees.nth(i);
    if (!(await tree.isVisible())) continue;
    await tree.hover();
    await page.mouse.wheel(0, -100_000);
  }
  await waitFor('the side bar trees at their top', async () => (await page.locator('.part.sidebar .monaco-tree-sticky-container:not(.empty) .monaco-tree-sticky-row').count()) === 0, 10_000);
}

/** Back to the default theme, for the UI tests that run after these. */
export function resetTheme(): void {
  rmSync(join(workspaceFolder(), '.vscode'), { recursive: true, force: true });
}

export async function status(frame: Frame): Promise<string | null> {
  return frame.locator('#status').getAttribute('data-status');
}

/** The element focused inside the frame, described (id, data-testid, role, tag). */
export async function focused(frame: Frame): Promise<string> {
  return frame.evaluate(() => {
    type El = { id: string; tagName: string; className: string; getAttribute(name: string): string | null };
    const doc = (globalThis as unknown as { document: { activeElement: El | null; body: El } }).document;
    const el = doc.activeElement;
    if (!el || el === doc.body) return 'body';
    return el.id ? `#${el.id}` : el.getAttribute('data-testid') ?? `${el.tagName.toLowerCase()}.${el.className}`;
  });
}

/** The inner frame of the webview (of any title) whose page shows `text`: the Markdown preview beside the simulator. */
export async function webviewFrameWithText(page: Page, text: string): Promise<Frame> {
  return waitFor(`a webview showing "${text}"`, async () => {
    for (const outer of page.frames()) {
      if (!outer.url().includes('/webview/')) continue;
      for (const inner of outer.childFrames()) {
        const shown = await inner.evaluate(() => (globalThis as unknown as { document: { body?: { innerText: string } } }).document.body?.innerText ?? '').catch(() => '');
        if (shown.includes(text)) return inner;
      }
    }
    return undefined;
  }, 30_000);
}
