// The Memory tab as a learner uses it on the demand-paging lesson: under vtx (era current) the
// 2-D walk of 14 references and EPT violations, with no exit for the guest's own page faults;
// under trap the hidden page faults and shadow updates of shadow paging. Keyboard and screen
// reader hooks are exercised too. See docs/simulator-panel.md ("Memory tab") for the hooks.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { openWorkbench, screenshot, waitFor, webviewFrame, workspaceFolder, SCREENSHOTS, type Workbench } from './workbench';
import { choose, openSimulator, runToEnd } from './panel';

/** Picks an option of a vscode-single-select the way its own list does: set the value, announce the change. */

/** A counter of the Memory tab (0 when absent). */
async function memoryCounter(frame: Frame, id: string): Promise<number> {
  const cell = frame.locator(`#memory-counters [data-counter="${id}"] dd`);
  if ((await cell.count()) === 0) return 0;
  return Number(await cell.getAttribute('data-value'));
}

/**
 * Presses Step until the page shows `selector` (at most `limit` presses). The presses are made in
 * the page (hundreds of Playwright round trips would take minutes); each is a real click on the button.
 */
async function stepUntil(frame: Frame, selector: string, limit: number): Promise<number> {
  return frame.evaluate(([sel, max]) => {
    const doc = (globalThis as unknown as { document: { querySelector(s: string): { click(): void } | null } }).document;
    for (let i = 1; i <= max; i++) {
      doc.querySelector('#btn-step')!.click();
      if (doc.querySelector(sel)) return i;
    }
    return -1;
  }, [selector, limit] as const);
}

async function referenceNumbers(frame: Frame): Promise<number[]> {
  return frame.locator('#walk-grid td.ref').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-n'))));
}

describe('The Memory tab (memory view) in a real VS Code', () => {
  let wb: Workbench;
  let frame: Frame;
  before(async () => {
    wb = await openWorkbench();
    frame = await openSimulator(wb.page);
    // The host sends the examples after the page says it is ready; on a loaded machine that takes a while.
    await frame.locator('#program vscode-option[value="demand-paging"]').waitFor({ state: 'attached', timeout: 60_000 });
  });
  after(async () => {
    await wb?.close();
  });

  it('memory: demand paging under vtx (current): a 14-reference 2-D walk, EPT violations, no exit for the guest\'s page faults', async () => {
    await choose(frame, '#program', 'demand-paging');
    await choose(frame, '#mode', 'vtx');
    await choose(frame, '#era', 'current');
    await frame.locator('[data-testid="tab-memory"]').click();
    await frame.locator('#memory[data-technique="ept"]').waitFor({ timeout: 15_000 });
    assert.match(await frame.locator('#memory-technique').innerText(), /EPT/);
    assert.equal(await frame.locator('#walk-grid').count(), 0, 'no walk before the first instruction');

    // Stepping: the grid follows the program. The first guest page fault is marked in the grid.
    const steps = await stepUntil(frame, '#walk-grid td.faulted', 600);
    assert.ok(steps > 0, 'a walk ends in a page fault');
    const faulted = frame.locator('#walk-grid td.faulted');
    assert.equal(await faulted.count(), 1, 'exactly one reference faulted');
    const numbers = await referenceNumbers(frame);
    assert.equal(Number(await faulted.getAttribute('data-n')), Math.max(...numbers), 'the walk stopped at the reference that faulted');
    assert.match((await faulted.getAttribute('aria-label')) ?? '', /faulted/);
    assert.equal(await faulted.getAttribute('data-col'), '4', 'the guest entry faulted (the column after the 4 EPT levels)');
    assert.match(await frame.locator('.walk-fault').innerText(), /page fault/);
    await frame.locator('#memory-walk').scrollIntoViewIfNeeded();
    await screenshot(wb.page, 'memory-vtx-fault');

    // The retried store walks the whole grid: 14 references, numbered 1..14 in order.
    assert.ok((await stepUntil(frame, '#walk-grid[data-references="14"]', 50)) > 0, 'the handler mapped the page and the store was retried');
    assert.deepEqual(await referenceNumbers(frame), Array.from({ length: 14 }, (_, i) => i + 1));
    assert.equal(await frame.locator('#walk-grid').getAttribute('data-ept-levels'), '4');
    assert.ok((await frame.locator('#walk-grid td.ept-violation').count()) >= 1, 'the new heap page was an EPT violation');
    assert.equal(await frame.locator('#second-table').getAttribute('data-kind'), 'ept');
    assert.ok((await frame.locator('#ept-table tbody tr').count()) > 0, 'KVM\'s EPT lists the pages it mapped');
    // The page the guest's handler just mapped is in the TLB, and KVM's EPT maps its frame.
    const linear = await frame.locator('#walk-summary').innerText().then((text) => /0x[0-9a-f]{8}/.exec(text)![0]);
    const page = `0x${(Number(linear) & ~0xfff).toString(16).padStart(8, '0')}`;
    const frameOfPage = await frame.locator(`#tlb-table tr[data-linear="${page}"] td`).nth(2).innerText();
    assert.equal(await frame.locator(`#ept-table tr[data-gpa="${frameOfPage}"]`).count(), 1, `EPT maps ${frameOfPage}, the frame of ${page}`);
    await frame.locator('#memory-walk').scrollIntoViewIfNeeded();
    await screenshot(wb.page, 'memory-vtx-walk');
    // The picture for the README: the heap's table open beside the EPT, the grid below.
    await frame.locator('#pde-1 > .entry-row').click();
    await waitFor('heap table open', async () => (await frame.locator('#pde-1 li[aria-level="2"]').count()) > 0);
    // A taller window, so that the tab (a third of the panel's height) shows the tables and the grid.
    const size = wb.page.viewportSize();
    await wb.page.setViewportSize({ width: 1440, height: 1800 });
    await frame.locator('[data-testid="panel-memory"]').evaluate((panel) => ((panel as unknown as { scrollTop: number }).scrollTop = 0));
    // The page fits the panel in the vtx mode too, the VT-x controls' row included: nothing runs under the toolbar.
    const overflow = await frame.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollHeight: number; clientHeight: number } } }).document.documentElement;
      return root.scrollHeight - root.clientHeight;
    });
    assert.ok(overflow <= 0, `the page is ${overflow} px taller than the panel`);
    // Into the README's pictures, re-encoded to a palette when smaller (they ship in the 1 MiB VSIX).
    const { saveReadmePicture } = (await import(join(__dirname, '..', '..', 'scripts', 'readme-pictures.mjs'))) as { saveReadmePicture(png: string, name: string): string };
    // The tabs only (the listing and registers have pictures of their own), and the picture ships in the VSIX.
    const shot = join(SCREENSHOTS, 'memory-view.png');
    await frame.locator('.bottom-tabs').screenshot({ path: shot });
    saveReadmePicture(shot, 'memory-view');
    if (size) await wb.page.setViewportSize(size);
    await frame.locator('#pde-1 > .entry-row').click();
    await waitFor('heap table closed', async () => (await frame.locator('#pde-1').getAttribute('aria-expanded')) === 'false');

    // Grid cells are reachable from the keyboard: one tab stop, the arrows move between cells.
    await frame.locator('#walk-grid td[tabindex="0"]').focus();
    await frame.page().keyboard.press('Home');
    await frame.page().keyboard.press('ArrowRight');
    const focused = await frame.evaluate(() => {
      const el = (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement;
      return { role: el?.getAttribute('role'), col: el?.getAttribute('data-col'), label: el?.getAttribute('aria-label') };
    });
    assert.equal(focused.role, 'gridcell');
    assert.equal(focused.col, '1');
    assert.match(focused.label ?? '', /reference \d+ at 0x[0-9a-f]{8}/);

    await runToEnd(frame);
    assert.equal(await memoryCounter(frame, 'guestPageFaults'), 4, 'the guest took its 4 page faults');
    assert.ok((await memoryCounter(frame, 'eptViolations')) > 0, 'EPT violations');
    assert.ok((await memoryCounter(frame, 'EPT_VIOLATION')) > 0, 'each one a VM exit handled in KVM');
    assert.equal(await memoryCounter(frame, 'EXCEPTION_NMI'), 0, 'no exit for the guest\'s own page faults');
    assert.equal(await frame.locator('#counters [data-counter="EXCEPTION_NMI"]').count(), 0, 'the main counters agree');
    assert.equal(await memoryCounter(frame, 'hiddenPageFaults'), 0);
    assert.equal(await memoryCounter(frame, 'shadowUpdates'), 0);
    assert.equal(await frame.locator('#walk-grid').getAttribute('data-references'), '14');
  });

  it('memory: the page tree is one tab stop and the arrow keys expand, collapse and move as in a treeview', async () => {
    const tree = frame.locator('#page-tree');
    assert.equal(await tree.getAttribute('role'), 'tree');
    assert.ok((await frame.locator('#page-tree > li[role="treeitem"][aria-level="1"]').count()) >= 2, 'the low table and the heap table');
    assert.equal(await frame.locator('#page-tree li[aria-level="2"]').count(), 0, 'collapsed at first');
    await tree.focus();
    const active = async () => {
      const id = await tree.getAttribute('aria-activedescendant');
      return id ? frame.locator(`#${id}`) : undefined;
    };
    // The item clicked last (the heap's directory entry) is still the active one; Home goes to the first.
    assert.equal(await (await active())?.getAttribute('id'), 'pde-1');
    await frame.page().keyboard.press('Home');
    assert.equal(await (await active())?.getAttribute('id'), 'pde-0');
    await frame.page().keyboard.press('ArrowRight');
    await waitFor('pde-0 expanded', async () => (await frame.locator('#pde-0').getAttribute('aria-expanded')) === 'true');
    assert.equal(await frame.locator('#pde-0 li[aria-level="2"]').count(), 16, 'the 16 identity-mapped pages');
    await frame.page().keyboard.press('ArrowRight');
    await frame.page().keyboard.press('ArrowDown');
    const pte = (await active())!;
    assert.equal(await pte.getAttribute('id'), 'pte-0-1');
    // The bits in words: the identity map is present and writable, supervisor only.
    assert.match((await pte.getAttribute('aria-label')) ?? '', /^Table entry 1: linear 0x00001000 → frame 0x00001000; present, writable, supervisor only, (not )?accessed, (dirty|clean)$/);
    await frame.locator('#page-tree').scrollIntoViewIfNeeded();
    await screenshot(wb.page, 'memory-tree');
    await frame.page().keyboard.press('ArrowLeft');
    assert.equal(await (await active())?.getAttribute('id'), 'pde-0', 'Left goes to the parent');
    await frame.page().keyboard.press('ArrowLeft');
    await waitFor('pde-0 collapsed', async () => (await frame.locator('#pde-0').getAttribute('aria-expanded')) === 'false');
    assert.equal(await frame.locator('#pde-0 li[aria-level="2"]').count(), 0);
    // The heap table holds exactly the 4 pages the handler mapped, dirty after the stores.
    await frame.page().keyboard.press('ArrowDown');
    await frame.page().keyboard.press('Enter');
    const heap = frame.locator('#pde-1 li[aria-level="2"]');
    await waitFor('heap table expanded', async () => (await heap.count()) === 4);
    for (const label of await heap.evaluateAll((items) => items.map((i) => i.getAttribute('aria-label') ?? ''))) {
      assert.match(label, /present, writable, supervisor only, accessed, dirty$/);
    }
  });

  it('memory: the hex view reads any address or register, and explains bad input', async () => {
    const input = frame.locator('#memory-address');
    await input.fill('0x400010');
    await waitFor('hex at the heap', async () => (await frame.locator('#hex-table').getAttribute('data-address')) === '0x00400010');
    // Page i of the heap holds i + 1 at offset 16: the first byte here is 01.
    assert.equal(await frame.locator('#hex-table tbody tr').first().locator('td').first().innerText(), '01');
    assert.equal(await frame.locator('#hex-table tbody tr').count(), 16);

    await input.fill('r6');
    await waitFor('hex at r6', async () => /^0x[0-9a-f]{8}$/.test((await frame.locator('#hex-table').getAttribute('data-address')) ?? ''));
    await input.fill('0x500000');
    await waitFor('unmapped bytes', async () => (await frame.locator('#hex-table td.unmapped').count()) === 256);

    await input.fill('zz');
    await waitFor('an error', async () => (await frame.locator('#memory-address-error').innerText()).length > 0);
    assert.match(await frame.locator('#memory-address-error').innerText(), /"zz" is not an address: write hex as 0x400000/);
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    assert.equal(await frame.locator('#memory-address-error').getAttribute('role'), 'alert');
    assert.equal(await frame.locator('#hex-table').count(), 0);
    await frame.locator('.memory-dump').scrollIntoViewIfNeeded();
    await screenshot(wb.page, 'memory-hex-error');
    await input.fill('0x100000000');
    await waitFor('a range error', async () => /beyond 32 bits/.test(await frame.locator('#memory-address-error').innerText()));
    await input.fill('sp');
    await waitFor('error cleared', async () => (await frame.locator('#memory-address-error').innerText()) === '');
    assert.equal(await input.getAttribute('aria-invalid'), null);
  });

  it('memory: demand paging under trap: hidden page faults, shadow updates and the shadow table', async () => {
    await choose(frame, '#mode', 'trap');
    await frame.locator('#memory[data-technique="shadow"]').waitFor({ timeout: 15_000 });
    await runToEnd(frame);
    assert.equal(await memoryCounter(frame, 'guestPageFaults'), 4);
    assert.ok((await memoryCounter(frame, 'hiddenPageFaults')) > 0, 'hidden page faults');
    assert.ok((await memoryCounter(frame, 'shadowUpdates')) > 0, 'shadow updates');
    assert.equal(await memoryCounter(frame, 'eptViolations'), 0);
    assert.equal(await frame.locator('#second-table').getAttribute('data-kind'), 'shadow');
    assert.match(await frame.locator('#second-table h3').innerText(), /Shadow page tables/);
    assert.ok((await frame.locator('#second-table .shadow-table.current tbody tr').count()) > 0, 'the shadow table in use has entries');
    assert.match(await frame.locator('#write-protected').innerText(), /write-protects: 0x00008000/);
    assert.equal(await frame.locator('#walk-grid').getAttribute('data-references'), '2', 'the real MMU walks the shadow table: 2 references');
    await frame.locator('#second-table').scrollIntoViewIfNeeded();
    await screenshot(wb.page, 'memory-trap-shadow');
  });

  it('memory: in Chinese (kvmLab.language = zh-cn) the tab, the technique and the bits in words are Chinese', async () => {
    const settings = join(workspaceFolder(), '.vscode');
    mkdirSync(settings, { recursive: true });
    writeFileSync(join(settings, 'settings.json'), JSON.stringify({ 'kvmLab.language': 'zh-cn' }));
    try {
      // The panel writes its page afresh in the new language and comes back where it was.
      frame = await waitFor('the panel in Chinese', async () => {
        const f = await webviewFrame(wb.page, 'demand-paging');
        return (await f.locator('[data-testid="tab-memory"]').innerText()).includes('内存') ? f : undefined;
      }, 60_000);
      await frame.locator('[data-testid="tab-memory"]').click();
      await waitFor('the memory tab drawn', async () => (await frame.locator('#memory-technique').innerText()).includes('内存虚拟化'));
      assert.match(await frame.locator('#memory-technique').innerText(), /影子页表/);
      assert.match(await frame.locator('#memory-counters [data-counter="hiddenPageFaults"] dt').innerText(), /隐藏缺页/);
      assert.match((await frame.locator('#pde-0').getAttribute('aria-label')) ?? '', /^页目录项 0：线性地址 0x00000000，页表位于 0x00009000；存在，可写，仅内核，已访问$/);
      await frame.locator('#memory-walk').scrollIntoViewIfNeeded();
      await screenshot(wb.page, 'memory-trap-zh-cn');
    } finally {
      rmSync(settings, { recursive: true, force: true });
    }
  });

  it('memory: shows no error of ours in the console and no CSP violation', () => {
    assert.deepEqual(wb.consoleErrors.filter((e) => /kvm-?lab|Content Security Policy|Refused to/i.test(e)), []);
  });
});
