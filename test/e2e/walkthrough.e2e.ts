// The walkthrough "Get Started with KVM Lab" as a new user follows it in a real VS Code: each step's
// button or action, and VS Code checking the step off on the real event (a command run, a hover).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame, Locator } from 'playwright-core';
import { openWorkbench, screenshot, treeRow, waitFor, webviewFrame, withFailureScreenshot, type Workbench } from './workbench';

const STEPS = ['openNote', 'hoverTerm', 'followNode', 'glossary', 'simulator', 'popfTrap', 'popfVtx', 'ownNote'];

describe('The walkthrough in a real VS Code', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench();
  });
  after(async () => {
    await wb?.close();
  });

  /** A test body that leaves a screenshot of the workbench when it fails. */
  const shot = withFailureScreenshot(() => wb, 'walkthrough');

  const step = (id: string): Locator => wb.page.locator(`.gettingStartedContainer [data-step-id$="#${id}"]`).first();

  /**
   * Runs a command from the palette. F1 does not reach the palette while a webview (the simulator,
   * an explanation) has the keyboard, so each attempt first clicks the empty middle of the status bar.
   */
  async function palette(title: string): Promise<void> {
    const input = wb.page.locator('.quick-input-widget input');
    for (let attempt = 0; attempt < 8; attempt++) {
      const bar = await wb.page.locator('.part.statusbar').boundingBox();
      if (bar) await wb.page.mouse.click(bar.x + bar.width / 2, bar.y + bar.height / 2);
      await wb.page.keyboard.press('Escape');
      await wb.page.keyboard.press('F1');
      try {
        await input.fill(`>${title}`, { timeout: 5_000 });
        await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible', timeout: 3_000 });
        await wb.page.keyboard.press('Enter');
        return;
      } catch {
        await wb.page.waitForTimeout(1_000);
      }
    }
    throw new Error(`the command palette never offered "${title}"`);
  }

  /** Back to the walkthrough's page (an action may have put an editor or a webview in front of it). */
  async function showWalkthrough(): Promise<void> {
    await palette('KVM Lab: Get Started with KVM Lab');
    await step('openNote').waitFor({ state: 'visible', timeout: 30_000 });
  }

  async function checked(id: string): Promise<boolean> {
    return (await step(id).getAttribute('aria-checked')) === 'true';
  }

  async function expectChecked(id: string): Promise<void> {
    await showWalkthrough();
    try {
      await waitFor(`step ${id} checked off`, () => checked(id), 15_000);
    } catch (error) {
      await screenshot(wb.page, `walkthrough-failed-${id}`);
      const states = await wb.page.locator('.gettingStartedContainer [data-step-id]').evaluateAll((steps) => steps.map((e) => `${e.getAttribute('data-step-id')}=${e.getAttribute('aria-checked')}`));
      throw new Error(`${String(error)}; steps: ${states.join(', ')}`);
    }
  }

  /** The simulator's page (other webviews, such as an explanation's preview, may be open too). */
  async function simulatorFrame(): Promise<Frame> {
    await webviewFrame(wb.page, 'Trap-and-Emulate Simulator');
    return waitFor('the simulator page', async () => {
      for (const frame of wb.page.frames()) if ((await frame.locator('#speed').count().catch(() => 0)) > 0) return frame;
      return undefined;
    }, 30_000);
  }

  /** Expands a step and clicks the button of its description. */
  async function pressButton(id: string, label: string): Promise<void> {
    await showWalkthrough();
    // An expanded step is a disabled button: click only to expand.
    if ((await step(id).getAttribute('aria-expanded')) !== 'true') await step(id).click();
    const button = wb.page.locator('.gettingStartedContainer .getting-started-step.expanded .monaco-button', { hasText: label }).first();
    await button.waitFor({ state: 'visible', timeout: 10_000 });
    await button.click();
  }

  /**
   * Rests the pointer on `word` in the first visible editor token matching `within` (the page keeps
   * hidden copies of editor lines, e.g. behind the walkthrough, that a plain locator finds first).
   */
  async function hoverVisible(word: string, within: RegExp): Promise<Locator> {
    const token = wb.page.locator('.monaco-editor .view-lines span span', { hasText: within }).filter({ visible: true }).first();
    await token.waitFor({ state: 'visible', timeout: 15_000 });
    const hover = wb.page.locator('.monaco-hover:not(.hidden)').first();
    for (let attempt = 0; attempt < 8; attempt++) {
      const box = await token.boundingBox();
      if (!box) throw new Error(`"${word}" is not on screen`);
      const text = await token.innerText();
      const charWidth = box.width / Math.max(1, text.length);
      await wb.page.mouse.move(box.x + 1, box.y + 1);
      await wb.page.mouse.move(box.x + (Math.max(0, text.indexOf(word)) + 1.5) * charWidth, box.y + box.height / 2, { steps: 3 });
      try {
        await hover.waitFor({ state: 'visible', timeout: 2_500 });
        return hover;
      } catch {
        await wb.page.mouse.move(0, 0);
      }
    }
    throw new Error(`no hover appeared over "${word}"`);
  }

  /** Brings the editor tab titled `title` to the front. */
  async function focusTab(title: string): Promise<void> {
    const tab = wb.page.locator('.tabs-container .tab', { hasText: title }).first();
    await tab.waitFor({ timeout: 15_000 });
    await tab.click();
  }

  it('opens from the command palette with every step to do', shot('test1', async () => {
    await showWalkthrough();
    for (const id of STEPS) {
      await step(id).waitFor({ timeout: 10_000 });
      assert.equal(await checked(id), false, `${id} starts unchecked`);
    }
    assert.match(await wb.page.locator('.gettingStartedContainer').innerText(), /Get Started with KVM Lab/);
    await screenshot(wb.page, 'walkthrough');
  }));

  it('1. opens the built-in study note', shot('test2', async () => {
    await pressButton('openNote', 'Open the Study Note');
    await wb.page.locator('.tabs-container .tab', { hasText: 'study-note.en.md' }).first().waitFor({ timeout: 15_000 });
    await expectChecked('openNote');
  }));

  it('2. hovers a term in the note', shot('test3', async () => {
    await focusTab('study-note.en.md');
    // Section 1's heading is on screen when the note opens; "Cloud computing" is a term (its
    // own span when the editor marks it, else part of the heading's).
    const hover = await hoverVisible('Cloud', /Cloud\scomputing/);
    assert.match(await hover.innerText(), /云计算/);
    await wb.page.mouse.move(0, 0);
    await expectChecked('hoverTerm');
  }));

  it('3. follows a taxonomy node', shot('test4', async () => {
    await (await treeRow(wb.page, 'Note Taxonomy', '5. By structure: where the VMM sits')).click();
    await expectChecked('followNode');
  }));

  it('4. finds a term in the Glossary view', shot('test5', async () => {
    await pressButton('glossary', 'Show the Glossary');
    await (await treeRow(wb.page, 'Glossary', 'CPU virtualization')).click();
    await (await treeRow(wb.page, 'Glossary', 'Sensitive instruction')).click();
    await wb.page.locator('.tabs-container .tab', { hasText: 'sensitive' }).first().waitFor({ timeout: 15_000 });
    await expectChecked('glossary');
  }));

  it('5-7. opens the simulator and runs the POPF lesson under trap, then under vtx', shot('test6', async () => {
    await pressButton('simulator', 'Open the Simulator');
    // Full speed: the lessons below run to their end at once.
    await (await simulatorFrame()).locator('#speed').fill('4');
    await expectChecked('simulator');

    await pressButton('popfTrap', 'Run under trap');
    let frame = await simulatorFrame();
    await waitFor('POPF run under trap', async () => (await frame.locator('#mode').evaluate((e) => (e as unknown as { value: string }).value)) === 'trap');
    await frame.locator('#status[data-status="finished"]').waitFor({ timeout: 60_000 });
    assert.ok((await frame.locator('#listing li.marked-divergence').count()) > 0, 'under trap the POPF line diverges');
    await screenshot(wb.page, 'walkthrough-popf-trap');
    await expectChecked('popfTrap');

    await pressButton('popfVtx', 'Run under vtx');
    frame = await simulatorFrame();
    await waitFor('POPF run under vtx', async () => (await frame.locator('#mode').evaluate((e) => (e as unknown as { value: string }).value)) === 'vtx');
    await frame.locator('#status[data-status="finished"]').waitFor({ timeout: 60_000 });
    assert.equal(await frame.locator('#listing li.marked-divergence').count(), 0, 'under vtx nothing diverges');
    await expectChecked('popfVtx');
  }));

  it('8. runs a ```vmasm block of a note of ones own from its lens', shot('test7', async () => {
    await pressButton('ownNote', 'New Note with a Guest Program');
    const lens = wb.page.locator('.editor-group-container.active .codelens-decoration a', { hasText: 'Run in simulator' }).first();
    await lens.waitFor({ state: 'visible', timeout: 20_000 });
    await lens.click();
    const frame = await simulatorFrame();
    await frame.locator('#status[data-status="finished"]').waitFor({ timeout: 60_000 });
    await expectChecked('ownNote');
  }));

  it('ends with every step checked off', shot('test8', async () => {
    await showWalkthrough();
    for (const id of STEPS) assert.equal(await checked(id), true, `${id} is checked`);
    await screenshot(wb.page, 'walkthrough-done');
    assert.deepEqual(wb.consoleErrors.filter((e) => /kvm-?lab/i.test(e)), [], 'no errors of ours in the console');
  }));
});
