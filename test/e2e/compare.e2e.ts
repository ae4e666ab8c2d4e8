// The comparison tab as a learner reads it: each mode's cycles stacked by cause, the sentence
// naming each mode's dominant cost, and the explanation of a surprising result (binary
// translation beating first-generation VT-x). See docs/simulator-panel.md for the hooks.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { openWorkbench, screenshot, type Workbench } from './workbench';
import { choose, openSimulator } from './panel';

describe('The mode comparison (compare tab) in a real VS Code', () => {
  let wb: Workbench;
  let frame: Frame;
  before(async () => {
    wb = await openWorkbench();
    frame = await openSimulator(wb.page);
  });
  after(async () => {
    await wb?.close();
  });

  it('compare bt-vs-vtx in early-vtx: stacked bars by cause, the dominant cost of each mode, and why bt wins', async () => {
    await choose(frame, '#program', 'bt-vs-vtx');
    await choose(frame, '#era', 'early-vtx');
    await frame.locator('[data-testid="tab-compare"]').click();
    const rows = frame.locator('.measure-cycles .bar-row');
    await frame.locator('.measure-cycles .bar-row[data-mode="vtx"] .segment').first().waitFor({ timeout: 60_000 });
    assert.equal(await rows.count(), 6, 'one bar per mode');

    // Every bar is stacked: segments named by cause, the vtx bar with VM exits among them.
    const causes = await frame.locator('.measure-cycles .bar-row[data-mode="vtx"] .segment').evaluateAll((s) => s.map((e) => e.getAttribute('data-cause')));
    assert.ok(causes.includes('exits') && causes.includes('shadow-paging'), `vtx causes: ${causes}`);
    for (const mode of ['native', 'emulate', 'trap', 'bt', 'paravirt', 'vtx']) {
      const row = frame.locator(`.measure-cycles .bar-row[data-mode="${mode}"]`);
      assert.ok((await row.locator('.segment').count()) > 0, `${mode} has segments`);
      assert.equal(await row.getAttribute('tabindex'), '0', `${mode}: reachable by keyboard`);
      assert.match((await row.getAttribute('aria-label')) ?? '', /cycles; .+\(\d+%\)/, `${mode}: its numbers as text`);
    }
    // Modes are shown by their names (as in the Mode select), not by their ids; each chart is named by its caption.
    assert.equal((await frame.locator('.measure-cycles .bar-row[data-mode="bt"] .bar-label').innerText()).trim(), 'bt: binary translation (VMware)');
    for (const caption of await frame.locator('[data-testid="panel-compare"] figure.measure').evaluateAll((figures) => figures.map((f) => {
      const id = f.getAttribute('aria-labelledby');
      return (id && f.querySelector(`#${id}`)?.textContent?.trim()) || '';
    }))) assert.ok(caption, 'every chart figure has a name');
    // The legend names every cause drawn.
    const legend = await frame.locator('.cause-legend li').evaluateAll((items) => items.map((li) => li.getAttribute('data-cause')));
    for (const c of causes) assert.ok(legend.includes(c), `legend has ${c}`);

    // One sentence per mode names its dominant cost.
    const vtxSentence = await frame.locator('.cost-sentences li[data-mode="vtx"]').innerText();
    // The sentences name modes as the Mode select does, not by their ids.
    assert.match(vtxSentence, /^Under “vtx: KVM on Intel VT-x”, VM exits cost the most: [\d,]+ of [\d,]+ cycles/);
    assert.equal(await frame.locator('.cost-sentences li').count(), 6);

    // The surprising result is explained, with its source; paravirt without hypercalls is trap.
    const why = await frame.locator('.compare-findings .finding[data-finding="bt-beats-vtx"]').innerText();
    assert.match(why, /^“bt: binary translation \(VMware\)” wins over “vtx: KVM on Intel VT-x”/);
    assert.match(why, /Adams & Agesen \(ASPLOS 2006\)/);
    assert.match(await frame.locator('.finding[data-finding="paravirt-unmodified"]').innerText(), /behaves as “trap: classic trap-and-emulate”/);

    // The table alternative opens from the keyboard.
    await frame.locator('.cause-table summary').focus();
    await frame.page().keyboard.press('Enter');
    await frame.locator('.cause-table table tbody tr').first().waitFor();
    assert.ok((await frame.locator('.cause-table tbody tr').count()) >= 6);
    assert.ok((await frame.locator('.mode-verdicts li.same').count()) >= 1, 'the verdicts are still listed');

    await frame.locator('.measure-cycles').scrollIntoViewIfNeeded();
    await screenshot(wb.page, 'compare-bt-vs-vtx-early');
    await frame.locator('.compare-findings').scrollIntoViewIfNeeded();
    await screenshot(wb.page, 'compare-findings-early');
  });

  it('shows no error of ours in the console and no CSP violation (compare)', () => {
    assert.deepEqual(wb.consoleErrors.filter((e) => /kvm-?lab|Content Security Policy|Refused to/i.test(e)), []);
  });
});
