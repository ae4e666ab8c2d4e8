// Accessibility in every theme: axe-core's WCAG 2 A/AA rules, in the real VS Code, on the
// simulator panel (ready, mid-run, finished; every tab) and on the KVM Lab views, in the five
// themes a learner may use. One workbench for all themes (the theme is switched as a user does),
// so the whole file stays within a couple of minutes. Screenshots of the POPF lesson in each
// theme go to docs/images/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { lookupTerm } from '../../src/core/glossary/index';
import { kvmAvailability } from '../../src/host/kvm';
import { axeViolations, choose, describeViolations, openSimulator, resetTheme, scrollSideBarTreesToTop, setTheme, status, THEMES, webviewFrameWithText, type Theme, type Violation } from './a11yKit';
import { hoverWord, openFile, openWorkbench, runCommand, showContainer, treeRow, waitFor, type Workbench } from './workbench';

const IMAGES = join(__dirname, '..', '..', 'docs', 'images');
const TABS = ['log', 'compare', 'serial'] as const;
/** The themes that also get the vtx state (VT-x controls open, Memory tab), the hover and the explanation page: one extra state each. */
const EXTRA_THEMES: readonly Theme[] = ['Dark Modern', 'Light+', 'Light High Contrast'];
/** The real-KVM pane is checked where this machine can run it (kvm.e2e.ts says why when not). */
const KVM_USABLE = kvmAvailability().ok;

describe('Accessible in every theme (axe-core, WCAG 2 A/AA)', () => {
  let wb: Workbench;
  let frame: Frame;
  before(async () => {
    wb = await openWorkbench();
    await wb.page.setViewportSize({ width: 1280, height: 720 });
    // The KVM Lab views first, so the simulator opens beside the note as a learner has it.
    await treeRow(wb.page, 'Note Taxonomy', 'The classic classification of virtualization');
    frame = await openSimulator(wb.page);
  });
  after(async () => {
    resetTheme();
    await wb?.close();
  });

  /** Every tab of the panel in its current state; returns the violations found, by where. */
  async function checkPanel(theme: string, state: string): Promise<string[]> {
    const problems: string[] = [];
    for (const tab of TABS) {
      await frame.locator(`[data-testid="tab-${tab}"]`).click();
      await frame.locator(`[data-testid="panel-${tab}"]:not([hidden])`).waitFor({ timeout: 10_000 });
      // The comparison runs when its tab opens: check the chart it draws.
      if (tab === 'compare') await frame.locator('[data-testid="panel-compare"] .measure').first().waitFor({ timeout: 60_000 });
      const found: Violation[] = await axeViolations(frame);
      if (found.length > 0) problems.push(describeViolations(`${theme}, ${state}, tab ${tab}`, found));
    }
    await frame.locator('[data-testid="tab-log"]').click();
    return problems;
  }

  /** The demand-paging lesson under vtx, run to its end, with the VT-x controls open and the Memory tab shown. */
  async function checkVtxMemory(theme: string): Promise<string[]> {
    await choose(frame, '#program', 'demand-paging');
    await choose(frame, '#mode', 'vtx');
    await frame.locator('#vmx-controls:not([hidden])').waitFor({ timeout: 10_000 });
    if (!(await frame.locator('#vmx-controls').evaluate((d) => (d as unknown as { open: boolean }).open))) await frame.locator('#vmx-controls > summary').click();
    await frame.locator('#speed').fill('4');
    await frame.locator('#btn-run').click();
    await frame.locator('#status[data-status="finished"]').waitFor({ timeout: 60_000 });
    await frame.locator('[data-testid="tab-memory"]').click();
    await frame.locator('[data-testid="panel-memory"]:not([hidden]) #memory-counters [data-counter] dd').first().waitFor({ timeout: 20_000 });
    const found = await axeViolations(frame);
    await frame.locator('[data-testid="tab-log"]').click();
    return found.length > 0 ? [describeViolations(`${theme}, vtx demand-paging finished, VT-x controls open, tab memory`, found)] : [];
  }

  /** The UART lesson on real KVM, finished: the pane's verdict, tables and the listing's real-exit marks. */
  async function checkRealKvm(theme: string): Promise<string[]> {
    await choose(frame, '#program', 'uart-console');
    await choose(frame, '#mode', 'kvm');
    await frame.locator('#speed').fill('4');
    await frame.locator('#btn-run').click();
    await frame.locator('[data-testid="kvm-pane"][data-status="done"]').waitFor({ timeout: 60_000 });
    // The VT-x controls are still open (checkVtxMemory): every region keeps room of its own.
    for (const region of ['#vmx-controls', '#listing', '[data-testid="kvm-pane"]', '[data-testid="tab-log"]']) {
      const box = await frame.locator(region).boundingBox();
      assert.ok(box && box.height >= 20, `${region} is ${box?.height ?? 0} px high beside the open VT-x controls at 1280×720`);
    }
    const found = await axeViolations(frame);
    await choose(frame, '#mode', 'vtx');
    return found.length > 0 ? [describeViolations(`${theme}, real KVM, UART lesson finished`, found)] : [];
  }

  for (const theme of THEMES) {
    it(`${theme}: the panel ready, mid-run and finished, every tab; the KVM Lab views`, async () => {
      await setTheme(wb.page, theme);
      const problems: string[] = [];

      await choose(frame, '#program', 'popf');
      await choose(frame, '#mode', 'trap');
      await frame.locator('#btn-reset').click();
      await waitFor('ready', async () => (await status(frame)) === 'ready');
      problems.push(...(await checkPanel(theme, 'ready')));

      // Mid-run: 10 instructions a second, so the run is still going while axe reads the page.
      await frame.locator('#speed').fill('1');
      await frame.locator('#btn-run').click();
      await waitFor('running', async () => (await status(frame)) === 'running');
      const found = await axeViolations(frame);
      if (found.length > 0) problems.push(describeViolations(`${theme}, running`, found));
      await frame.locator('#btn-pause').click();
      await waitFor('paused', async () => (await status(frame)) === 'paused');
      problems.push(...(await checkPanel(theme, 'paused')));

      await frame.locator('#speed').fill('4');
      await frame.locator('#btn-run').click();
      await frame.locator('#status[data-status="finished"]').waitFor({ timeout: 60_000 });
      assert.ok((await frame.locator('#listing li.marked-divergence').count()) > 0, 'the POPF divergence is marked');
      assert.match(await frame.locator('#divergence-note').innerText(), /\d/, 'the divergence is said in the live region');
      problems.push(...(await checkPanel(theme, 'finished')));

      const slug = theme.toLowerCase().replace(/\+/g, '-plus').replace(/\s+/g, '-');
      mkdirSync(IMAGES, { recursive: true });
      await frame.locator('#listing li.marked-divergence').first().evaluate((row) => row.scrollIntoView({ block: 'center' }));
      await wb.page.locator('.part.editor').screenshot({ path: join(IMAGES, `simulator-popf-trap-${slug}.png`) });
      if (EXTRA_THEMES.includes(theme)) problems.push(...(await checkVtxMemory(theme)));
      if (EXTRA_THEMES.includes(theme) && KVM_USABLE) problems.push(...(await checkRealKvm(theme)));

      // The workbench side: our views' rows and their names.
      await showContainer(wb.page, 'KVM Lab');
      await scrollSideBarTreesToTop(wb.page);
      const sideBar = await axeViolations(wb.page, '.part.sidebar .pane-body');
      if (sideBar.length > 0) problems.push(describeViolations(`${theme}, KVM Lab views`, sideBar));

      assert.deepEqual(problems, [], problems.join('\n'));
    });
  }

  it('a narrow editor group (about 220 px): no sideways scrolling, every tab on screen, axe still clean', async () => {
    // The POPF lesson run to its end: a full log, marks and the divergence note at their widest.
    await choose(frame, '#program', 'popf');
    await choose(frame, '#mode', 'trap');
    await frame.locator('#speed').fill('4');
    await frame.locator('#btn-run').click();
    await frame.locator('#status[data-status="finished"]').waitFor({ timeout: 60_000 });
    await wb.page.keyboard.press('Escape');
    await runCommandQuiet('View: Close Primary Side Bar');
    await wb.page.setViewportSize({ width: 280, height: 720 });
    const width = await waitFor('the panel narrow', async () => {
      const w = await frame.evaluate(() => (globalThis as unknown as { innerWidth: number }).innerWidth);
      return w <= 260 ? w : undefined;
    });
    const [overflow, widest] = await frame.evaluate(() => {
      type El = { tagName: string; id: string; className: string; getBoundingClientRect(): { right: number } };
      const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number }; querySelectorAll(s: string): El[] } }).document;
      const limit = doc.documentElement.clientWidth;
      // What sticks out, for the message.
      const view = globalThis as unknown as { getComputedStyle(e: unknown): { overflowX: string } };
      const out = [...doc.querySelectorAll('body *')].filter((e) => {
        if (e.getBoundingClientRect().right <= limit + 1) return false;
        // Inside a scrolling box it scrolls there, not the page.
        for (let p = (e as unknown as { parentElement: unknown }).parentElement; p; p = (p as { parentElement: unknown }).parentElement) {
          if (view.getComputedStyle(p).overflowX !== 'visible') return false;
        }
        return true;
      })
        .slice(0, 8).map((e) => `${e.tagName.toLowerCase()}#${e.id}.${String(e.className).replace(/\s+/g, '.')} → ${Math.round(e.getBoundingClientRect().right)}`);
      // And which part of the page, hidden, takes the overflow away (shadow roots and pseudo-elements included).
      type Styled = { style: { display: string }; children: ArrayLike<Styled>; tagName: string; className: string };
      const app = (doc as unknown as { getElementById(id: string): Styled }).getElementById('app');
      const culprits: string[] = [];
      const base = doc.documentElement.scrollWidth - limit;
      const queue: Styled[] = [...Array.from(app.children)];
      for (let i = 0; i < queue.length && i < 60; i++) {
        const part = queue[i]!;
        const before = part.style.display;
        part.style.display = 'none';
        const gone = doc.documentElement.scrollWidth - limit < base;
        part.style.display = before;
        if (gone) {
          culprits.push(`${part.tagName.toLowerCase()}.${String(part.className)}`);
          queue.push(...Array.from(part.children));
        }
      }
      return [base, `${out.join('; ')} | parts: ${culprits.join(' > ')}`] as const;
    });
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px at ${width} px: ${widest}`);
    for (const tab of TABS) {
      await frame.locator(`[data-testid="tab-${tab}"]`).click();
      if (tab === 'compare') await frame.locator('[data-testid="panel-compare"] .measure').first().waitFor({ timeout: 60_000 });
      const sideways = await frame.evaluate(() => {
        const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
        return root.scrollWidth - root.clientWidth;
      });
      assert.ok(sideways <= 0, `with the ${tab} tab the page scrolls sideways by ${sideways} px`);
    }
    await frame.locator('[data-testid="tab-log"]').click();
    const serial = await frame.locator('[data-testid="tab-serial"]').boundingBox();
    assert.ok(serial && serial.x >= 0 && serial.x + serial.width <= width, `the Serial tab is on screen at ${width} px`);
    const found = await axeViolations(frame);
    assert.deepEqual(found, [], describeViolations(`${width} px`, found));
    await frame.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await wb.page.locator('.part.editor').screenshot({ path: join(IMAGES, 'simulator-narrow.png') });
    await wb.page.setViewportSize({ width: 1280, height: 720 });
    await runCommandQuiet('View: Toggle Primary Side Bar Visibility');
  });

  /** A palette command whose failure is not this test's subject. */
  async function runCommandQuiet(title: string): Promise<void> {
    await runCommand(wb.page, title).catch(() => undefined);
  }

  it('tree rows are named by what they show (terms beside a taxonomy row, a glossary term by its name)', async () => {
    await showContainer(wb.page, 'KVM Lab');
    const withTerms = wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: 'Note Taxonomy' }) })
      .locator('.monaco-list-row:has(.label-description:not(:empty))').first();
    await withTerms.waitFor({ timeout: 20_000 });
    const description = (await withTerms.locator('.label-description').innerText()).trim();
    const name = (await withTerms.getAttribute('aria-label')) ?? '';
    for (const term of description.split(/,\s*/)) assert.ok(name.includes(term), `"${name}" names the term ${term}`);

    const glossary = wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: 'Glossary' }) });
    const category = glossary.locator('.monaco-list-row[aria-level="1"]').first();
    await category.waitFor({ timeout: 20_000 });
    if ((await category.getAttribute('aria-expanded')) === 'false') await category.click();
    const term = glossary.locator('.monaco-list-row[aria-level="2"]').first();
    await term.waitFor({ timeout: 20_000 });
    const label = (await term.locator('.label-name').innerText()).trim();
    assert.ok(((await term.getAttribute('aria-label')) ?? '').startsWith(label), 'a glossary row is named by its term');
  });

  it('a glossary hover in the editor and an explanation page (Explain Term…), in three themes', async () => {
    await openFile(wb.page, 'glossary-note.md');
    const summary = lookupTerm('Hypervisor')!.summary.en.split(/\s+/).slice(0, 6).join(' ');
    const problems: string[] = [];
    for (const theme of EXTRA_THEMES) {
      await setTheme(wb.page, theme);
      await wb.page.locator('.tabs-container .tab', { hasText: 'glossary-note.md' }).first().click();
      const hover = await hoverWord(wb.page, 'Hypervisor', /A\sHypervisor\sruns/);
      await waitFor('the explanation in the hover', async () => (await hover.innerText()).includes(summary));
      // The hover fades in: check it as it finally shows, not half transparent.
      await hover.evaluate((e) => Promise.all((e as unknown as { getAnimations(o: unknown): { finished: Promise<unknown> }[] }).getAnimations({ subtree: true }).map((a) => a.finished)));
      const inHover = await axeViolations(wb.page, '.monaco-hover:not(.hidden)');
      if (inHover.length > 0) problems.push(describeViolations(`${theme}, glossary hover`, inHover));
      await wb.page.mouse.move(0, 0);
      await wb.page.keyboard.press('Escape');

      await runCommand(wb.page, 'KVM Lab: Explain Term');
      const input = wb.page.locator('.quick-input-widget input');
      await input.fill('Hypervisor');
      await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Hypervisor' }).first().waitFor({ timeout: 10_000 });
      await wb.page.keyboard.press('Enter');
      const page = await webviewFrameWithText(wb.page, summary);
      await wb.page.waitForTimeout(500);
      const inPage = await axeViolations(page);
      if (inPage.length > 0) problems.push(describeViolations(`${theme}, explanation page`, inPage));
    }
    assert.deepEqual(problems, [], problems.join('\n'));
  });
});
