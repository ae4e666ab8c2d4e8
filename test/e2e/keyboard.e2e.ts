// A whole lesson without the mouse: open the simulator from the palette, choose the POPF example
// and a mode, step, run, pause, run to the end, read the event log and reveal a line, checking
// after each key where the focus is (never dropped to the page body). Then Explain Term on a
// Note Taxonomy row from the keyboard.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { focused, openSimulator, status } from './a11yKit';
import { openWorkbench, screenshot, treeRow, waitFor, type Workbench } from './workbench';

describe('Keyboard only', () => {
  let wb: Workbench;
  let frame: Frame;
  const key = (k: string) => wb.page.keyboard.press(k);

  /** Presses Tab (or Shift+Tab) until `target` has the focus, at most `limit` times. */
  async function tabTo(target: string | RegExp, limit = 12, back = false): Promise<void> {
    for (let i = 0; i < limit; i++) {
      const now = await focused(frame);
      if (typeof target === 'string' ? now === target : target.test(now)) return;
      await key(back ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`Tab never reached ${target} (at ${await focused(frame)})`);
  }

  /** Chooses `value` in a vscode-single-select with the keyboard: open, arrows, Enter. */
  async function chooseByKeys(select: string, value: string): Promise<void> {
    await tabTo(select);
    const [from, to] = await frame.locator(select).evaluate((element, v) => {
      const options = [...element.querySelectorAll('vscode-option')].map((o) => o.getAttribute('value'));
      return [options.indexOf((element as unknown as { value: string }).value), options.indexOf(v)];
    }, value);
    assert.ok(to >= 0, `${select} offers ${value}`);
    await key('Enter');
    for (let i = 0; i < Math.abs(to - from); i++) await key(to > from ? 'ArrowDown' : 'ArrowUp');
    await key('Enter');
    await waitFor(`${select} = ${value}`, async () => (await frame.locator(select).evaluate((e) => (e as unknown as { value: string }).value)) === value);
    assert.equal(await focused(frame), select, `the focus stays on ${select} after choosing`);
  }

  before(async () => {
    wb = await openWorkbench();
    await wb.page.setViewportSize({ width: 1280, height: 720 });
  });
  after(async () => {
    await wb?.close();
  });

  it('drives the POPF lesson: choose, step, run, pause, finish, read the log, reveal a line', async () => {
    frame = await openSimulator(wb.page);
    // The panel opened with the focus in it: Tab walks its controls.
    await waitFor('the focus in the panel', async () => (await frame.evaluate(() => (globalThis as unknown as { document: { hasFocus(): boolean } }).document.hasFocus())));
    await chooseByKeys('#program', 'popf');
    await chooseByKeys('#mode', 'trap');

    await tabTo('#speed');
    await key('Home');
    await key('ArrowRight');
    assert.equal(await frame.locator('#speed').inputValue(), '1', '10 instructions a second');

    await tabTo('#btn-step');
    await key('Space');
    await waitFor('paused after a step', async () => (await status(frame)) === 'paused');
    assert.equal(await focused(frame), '#btn-step');

    await tabTo('#btn-run');
    await key('Space');
    await waitFor('running', async () => (await status(frame)) === 'running');
    assert.equal(await focused(frame), '#btn-pause', 'Run hands the focus to Pause');
    await key('Space');
    await waitFor('paused', async () => (await status(frame)) === 'paused');
    assert.equal(await focused(frame), '#btn-run', 'Pause hands the focus back to Run');

    await tabTo('#speed', 12, true);
    await key('End');
    await tabTo('#btn-run');
    await key('Space');
    await frame.locator('#status[data-status="finished"]').waitFor({ timeout: 60_000 });
    assert.equal(await focused(frame), '#btn-reset', 'a finished run leaves the focus on Reset, not on the page');
    assert.match(await frame.locator('#divergence-note').innerText(), /\d/, 'the divergence is announced');

    // The event log: one tab stop, arrows inside.
    await tabTo(/^button\.line-number/, 10);
    const inLog = () => frame.evaluate(() => !!(globalThis as unknown as { document: { activeElement: { closest(s: string): unknown } | null } }).document.activeElement?.closest('#event-log'));
    assert.ok(await inLog(), 'the log is reached with Tab');
    const first = await frame.evaluate(() => (globalThis as unknown as { document: { activeElement: { closest(s: string): { getAttribute(n: string): string } } } }).document.activeElement.closest('li').getAttribute('data-line'));
    await key('ArrowDown');
    assert.ok(await inLog(), 'ArrowDown stays in the log');
    await key('End');
    assert.ok(await inLog());
    const stops = await frame.locator('#event-log [tabindex="0"], #event-log[tabindex="0"]').count();
    assert.equal(stops, 1, 'the whole log is one tab stop');
    assert.ok(first, 'the log has entries with lines');

    // Reveal a line from the listing: the source opens in another group, the panel stays.
    await tabTo('#listing', 8, true);
    await key('ArrowDown');
    const line = Number(await frame.locator('#listing li.focused').getAttribute('data-line'));
    await key('Enter');
    const editor = wb.page.locator('.editor-group-container', { has: wb.page.locator('.tab.active', { hasText: 'popf.vmasm' }) });
    await editor.waitFor({ timeout: 20_000 });
    const panelGroup = wb.page.locator('.editor-group-container', { has: wb.page.locator('.tab.active', { hasText: 'Trap-and-Emulate Simulator' }) });
    assert.equal(await panelGroup.count(), 1, `the panel is still shown in its own group after revealing line ${line}`);
    await waitFor('the editor focused', async () => wb.page.evaluate(() => !!(globalThis as unknown as { document: { activeElement: { closest(s: string): unknown } | null } }).document.activeElement?.closest('.monaco-editor')));
    await screenshot(wb.page, 'keyboard-reveal');
  });

  it('Explain Term on a Note Taxonomy row with the keyboard (the context menu key)', async () => {
    const row = await treeRow(wb.page, 'Note Taxonomy', 'The classic classification of virtualization');
    await row.click();
    // Down to the first row that names glossary terms.
    for (let i = 0; i < 60; i++) {
      const focusedRow = wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: 'Note Taxonomy' }) }).locator('.monaco-list-row.focused');
      if ((await focusedRow.locator('.label-description:not(:empty)').count()) > 0) break;
      await key('ArrowDown');
    }
    const termRow = wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: 'Note Taxonomy' }) }).locator('.monaco-list-row.focused');
    const termLabel = (await termRow.locator('.label-name').innerText()).trim();
    assert.ok((await termRow.locator('.label-description').innerText()).trim(), `the focused row "${termLabel}" names glossary terms`);
    const explained = wb.page.locator('.tabs-container .tab', { hasText: /\.md$/ }).filter({ hasNotText: /note/i });
    const before = await explained.count();
    // Shift+F10 (the context menu key) offers Explain Term for a row naming terms.
    await key('Shift+F10');
    const item = wb.page.locator('.context-view .action-item', { hasText: 'Explain Term' }).first();
    try {
      await item.waitFor({ timeout: 10_000 });
    } catch (error) {
      await screenshot(wb.page, 'failed-keyboard-context-menu');
      throw error;
    }
    for (let i = 0; i < 10 && (await wb.page.locator('.context-view .action-item.focused', { hasText: 'Explain Term' }).count()) === 0; i++) await key('ArrowDown');
    await key('Enter');
    await waitFor('an explanation (or the choice of the row\'s terms)', async () => (await explained.count()) > before || (await wb.page.locator('.quick-input-widget:visible').count()) > 0);
    await key('Escape');
  });
});
