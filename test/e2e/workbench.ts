// What a UI test does as a user would: open the workbench in chromium, use the command palette,
// click, hover, read what is on screen and take screenshots. Started by scripts/run-e2e.mjs, which
// passes the code-server origin (with our VSIX installed) and a scratch workspace in the environment.
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Frame, Locator, Page } from 'playwright-core';
// The rig's browser launcher is plain JavaScript shared with the other runners.
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- an .mjs module without type declarations
import { launchBrowser } from '../../scripts/rig/browser.mjs';

export const SCREENSHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');

export interface Workbench {
  page: Page;
  /** Browser console errors seen so far (a CSP violation or an uncaught error in our webview shows here). */
  consoleErrors: string[];
  close(): Promise<void>;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the UI tests through \`npm run test:e2e\``);
  return value;
}

export const workspaceFolder = (): string => required('KVM_LAB_E2E_WORKSPACE');

/** Opens VS Code on the scratch workspace and waits until the workbench and its extensions are up. */
export async function openWorkbench(options: { locale?: string } = {}): Promise<Workbench> {
  const origin = required('KVM_LAB_E2E_ORIGIN');
  const { page, close } = await launchBrowser({ locale: options.locale ?? 'en-US' });
  const consoleErrors: string[] = [];
  page.on('console', (message: { type(): string; text(): string }) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error: Error) => consoleErrors.push(error.message));
  await page.goto(`${origin}/?folder=${encodeURIComponent(workspaceFolder())}`);
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
  return { page, consoleErrors, close };
}

/** Runs a command by its palette title, retrying while the extension is still registering it or the palette closed. */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 0; attempt < 10; attempt++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      // Inside the retry: the palette can close under us (a webview taking focus as it loads, seen
      // in the web tier), and then it is opened again rather than waited on.
      await input.fill(`>${title}`, { timeout: 5_000 });
      await row.waitFor({ state: 'visible', timeout: 3_000 });
      await page.keyboard.press('Enter');
      return;
    } catch {
      await page.waitForTimeout(1_000);
    }
  }
  throw new Error(`the command palette never offered "${title}"`);
}

/**
 * Opens a file at the top of the workspace from the Explorer, as a user would (Quick Open's file
 * search can lag far behind on a loaded 2-core machine; the Explorer lists the folder at once).
 */
export async function openFile(page: Page, name: string): Promise<void> {
  await showContainer(page, 'Explorer');
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).first();
  try {
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await row.click();
    await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 15_000 });
  } catch (error) {
    await screenshot(page, `failed-open-${name}`);
    throw error;
  }
}

/**
 * Shows a view container of the activity bar. Clicking the icon of the container already shown
 * would hide the side bar, so it is clicked only when another one is active.
 */
export async function showContainer(page: Page, title: string): Promise<void> {
  const item = page.locator('.activitybar .action-item', { has: page.locator(`a[aria-label^="${title}"]`) }).first();
  await item.waitFor({ timeout: 30_000 });
  const active = (await item.getAttribute('class'))?.split(/\s+/).includes('checked');
  if (!active || !(await page.locator('.part.sidebar').isVisible())) await item.click();
  await page.locator('.part.sidebar .composite.title', { hasText: title }).first().waitFor({ timeout: 15_000 });
}

/** The row of a tree view (by its visible label), scrolling the virtualized list until it is rendered. */
export async function treeRow(page: Page, viewTitle: string, label: string, container = 'KVM Lab'): Promise<Locator> {
  await showContainer(page, container);
  const tree = page.locator('.pane', { has: page.locator('.pane-header', { hasText: viewTitle }) }).locator('.monaco-list[role="tree"]').first();
  await tree.waitFor({ timeout: 30_000 });
  const row = tree.locator('.monaco-list-row', { hasText: label }).first();
  for (let attempt = 0; attempt < 60; attempt++) {
    if ((await row.count()) > 0 && (await row.isVisible())) return row;
    await tree.hover();
    await page.mouse.wheel(0, attempt < 30 ? 200 : -400);
    await page.waitForTimeout(150);
  }
  throw new Error(`no row "${label}" in the ${viewTitle} view`);
}

/** The text of the line the editor's cursor is on (read from the status bar "Ln x, Col y"). */
export async function cursorLine(page: Page): Promise<number> {
  const text = await page.locator('.statusbar-item[id="status.editor.selection"]').innerText();
  const match = /Ln (\d+)/.exec(text);
  if (!match) throw new Error(`no cursor position in the status bar: "${text}"`);
  return Number(match[1]);
}

/**
 * Moves the mouse over `word` in the first on-screen editor token whose text matches `token`
 * (case-sensitive; default: the word itself; the editor renders spaces as NBSP, so match them with \s) until a hover shows.
 */
export async function hoverWord(page: Page, word: string, within: RegExp = new RegExp(word)): Promise<Locator> {
  // The active group's editor only: a hidden editor of another tab keeps its lines in the DOM.
  const token = page.locator('.editor-group-container.active .monaco-editor .view-lines span span', { hasText: within }).first();
  await token.waitFor({ state: 'visible', timeout: 15_000 });
  const hover = page.locator('.monaco-hover:not(.hidden)').first();
  for (let attempt = 0; attempt < 8; attempt++) {
    // The editor re-renders its lines (tokens, decorations) as it settles: a token gone from the
    // DOM is looked up again, and only a word that stays off screen fails.
    await token.waitFor({ state: 'visible', timeout: 15_000 }).catch(() => undefined);
    const box = await token.boundingBox();
    if (!box) {
      if (attempt < 7) continue;
      throw new Error(`"${word}" is not on screen`);
    }
    // The token may hold more than the word; aim at the word's first characters.
    const text = (await token.innerText()) ?? word;
    const at = Math.max(0, text.indexOf(word));
    const charWidth = box.width / Math.max(1, text.length);
    await page.mouse.move(box.x + 1, box.y + 1);
    await page.mouse.move(box.x + (at + 1.5) * charWidth, box.y + box.height / 2, { steps: 3 });
    try {
      await hover.waitFor({ state: 'visible', timeout: 2_500 });
      return hover;
    } catch {
      await page.mouse.move(0, 0);
    }
  }
  throw new Error(`no hover appeared over "${word}"`);
}

/** The inner frame of the webview whose panel title contains `title`. */
export async function webviewFrame(page: Page, title: string): Promise<Frame> {
  await page.locator('.tabs-container .tab', { hasText: title }).first().waitFor({ timeout: 30_000 });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const outer of page.frames()) {
      if (!outer.url().includes('/webview/')) continue;
      const inner = outer.childFrames().find((frame) => frame.name() === 'active-frame' || frame.url().includes('fake.html'));
      if (inner && (await inner.locator('body').count()) > 0 && (await inner.locator('body *').count()) > 0) return inner;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`the webview "${title}" never loaded`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Polls `probe` until it returns a truthy value. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}

/**
 * A test body that leaves a screenshot named `<prefix>-failed-<name>` of the workbench when it
 * fails; `workbench()` is read when the body runs (the page is opened in `before`).
 */
export function withFailureScreenshot(workbench: () => Workbench, prefix: string) {
  return (name: string, body: () => Promise<void>) => async (): Promise<void> => {
    try {
      await body();
    } catch (error) {
      await screenshot(workbench().page, `${prefix}-failed-${name}`).catch(() => undefined);
      throw error;
    }
  };
}
