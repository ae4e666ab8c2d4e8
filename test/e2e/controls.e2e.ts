// The VT-x controls group as a learner uses it on the demand-paging lesson under vtx (era
// current): with EPT the guest's page faults cost EPT violations only; turning "Enable EPT" off
// from the keyboard resets the run, KVM forces the shadow-paging exits on, and the same program
// then shows hidden page faults, #PF and CR3 exits; the comparison follows. Hooks:
// docs/simulator-panel.md ("VT-x controls").
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { openWorkbench, screenshot, waitFor, type Workbench } from './workbench';
import { choose, openSimulator, runToEnd } from './panel';

/** Picks an option of a vscode-single-select the way its own list does: set the value, announce the change. */

/** A counter of the Memory tab or the main counters (0 when absent). */
async function counter(frame: Frame, list: '#memory-counters' | '#counters', id: string): Promise<number> {
  const cell = frame.locator(`${list} [data-counter="${id}"] dd`);
  if ((await cell.count()) === 0) return 0;
  return Number(await cell.getAttribute('data-value'));
}

const checked = (frame: Frame, id: string) => frame.locator(`#vmx-${id}`).evaluate((e) => (e as unknown as { checked: boolean }).checked);
const disabled = (frame: Frame, id: string) => frame.locator(`#vmx-${id}`).evaluate((e) => (e as unknown as { disabled: boolean }).disabled);

async function vtxCauses(frame: Frame): Promise<string[]> {
  const segments = frame.locator('.measure-cycles .bar-row[data-mode="vtx"] .segment');
  await segments.first().waitFor({ timeout: 60_000 });
  return segments.evaluateAll((s) => s.map((e) => e.getAttribute('data-cause') ?? ''));
}

describe('The VT-x controls group in a real VS Code', () => {
  let wb: Workbench;
  let frame: Frame;
  before(async () => {
    wb = await openWorkbench();
    frame = await openSimulator(wb.page);
    await frame.locator('#program vscode-option[value="demand-paging"]').waitFor({ state: 'attached', timeout: 60_000 });
  });
  after(async () => {
    await wb?.close();
  });

  it('controls: shown in vtx mode only, closed at first, opened from the keyboard, the era\'s defaults marked', async () => {
    await choose(frame, '#program', 'demand-paging');
    await choose(frame, '#mode', 'trap');
    assert.equal(await frame.locator('#vmx-controls').isVisible(), false, 'no VT-x controls outside vtx');
    await choose(frame, '#mode', 'vtx');
    await choose(frame, '#era', 'current');
    const group = frame.locator('#vmx-controls');
    await group.waitFor({ state: 'visible' });
    assert.equal(await group.getAttribute('open'), null, 'closed at first');
    await group.locator('summary').focus();
    await frame.page().keyboard.press('Enter');
    await waitFor('the group open', async () => (await group.getAttribute('open')) !== null);

    assert.equal(await frame.locator('#vmx-list li.vmx-control').count(), 11, 'one checkbox per documented control');
    assert.match(await frame.locator('#vmx-controls-state').innerText(), /the era's defaults/);
    const ept = frame.locator('li.vmx-control[data-control="enableEpt"]');
    assert.match(await ept.locator('vscode-checkbox').innerText(), /Enable EPT/);
    assert.match(await ept.locator('.vmx-description').innerText(), /Secondary control, bit 1/, 'the description is visible text');
    assert.ok(await ept.locator('.vmx-description').isVisible());
    assert.equal(await ept.locator('.vmx-default').innerText(), 'default in this era: on');
    assert.equal(await frame.locator('li.vmx-control[data-control="cr3LoadExiting"] .vmx-default').innerText(), 'default in this era: off');
    assert.equal(await checked(frame, 'enableEpt'), true);
    assert.equal(await checked(frame, 'pfExiting'), false);
    assert.equal(await frame.locator('#vmx-reset').getAttribute('disabled'), '', 'nothing to reset');
  });

  it('controls: turning Enable EPT off turns EPT violations into hidden page faults, #PF and CR3 exits', async () => {
    await frame.locator('[data-testid="tab-memory"]').click();
    await runToEnd(frame);
    assert.equal(await counter(frame, '#memory-counters', 'guestPageFaults'), 4);
    assert.ok((await counter(frame, '#memory-counters', 'eptViolations')) > 0, 'EPT violations with EPT');
    assert.equal(await counter(frame, '#memory-counters', 'hiddenPageFaults'), 0);
    assert.equal(await counter(frame, '#counters', 'EXCEPTION_NMI'), 0, 'no exit for the guest\'s page faults');
    const crAccessWithEpt = await counter(frame, '#counters', 'CR_ACCESS');
    assert.equal(await frame.locator('#memory').getAttribute('data-technique'), 'ept');

    // Space on the focused checkbox, as a keyboard user switches it.
    await frame.locator('#vmx-enableEpt').focus();
    await frame.page().keyboard.press('Space');
    await waitFor('the run reset', async () => (await frame.locator('#status').getAttribute('data-status')) === 'ready');
    assert.equal(await checked(frame, 'enableEpt'), false);
    assert.match(await frame.locator('#vmx-controls-state').innerText(), /1 changed from the era's defaults/);
    assert.match(await frame.locator('li.vmx-control[data-control="enableEpt"]').getAttribute('class') ?? '', /\bchanged\b/);
    for (const id of ['cr3LoadExiting', 'invlpgExiting', 'pfExiting']) {
      assert.equal(await checked(frame, id), true, `${id} forced on`);
      assert.equal(await disabled(frame, id), true, `${id} cannot be turned off without EPT`);
      assert.match(await frame.locator(`li.vmx-control[data-control="${id}"] .vmx-forced`).innerText(), /without EPT/);
    }
    assert.equal(await frame.locator('#memory').getAttribute('data-technique'), 'shadow');
    await frame.locator('#vmx-controls').scrollIntoViewIfNeeded();
    await screenshot(wb.page, 'controls-ept-off');

    await runToEnd(frame);
    assert.equal(await counter(frame, '#memory-counters', 'guestPageFaults'), 4, 'the same guest');
    assert.equal(await counter(frame, '#memory-counters', 'eptViolations'), 0, 'no EPT, no EPT violation');
    assert.ok((await counter(frame, '#memory-counters', 'hiddenPageFaults')) > 0, 'hidden page faults');
    assert.ok((await counter(frame, '#memory-counters', 'shadowUpdates')) > 0, 'shadow updates');
    assert.ok((await counter(frame, '#counters', 'EXCEPTION_NMI')) > 0, 'guest page faults exit (EXCEPTION_NMI)');
    assert.ok((await counter(frame, '#counters', 'CR_ACCESS')) > crAccessWithEpt, 'the CR3 load exits (CR_ACCESS)');
    assert.equal(await counter(frame, '#counters', 'EPT_VIOLATION'), 0);
    await frame.locator('#memory-counters').scrollIntoViewIfNeeded();
    await screenshot(wb.page, 'controls-shadow-counters');
  });

  it('controls: the comparison follows the controls, and Reset restores the era\'s defaults', async () => {
    await frame.locator('[data-testid="tab-compare"]').click();
    assert.ok((await vtxCauses(frame)).includes('shadow-paging'), 'vtx without EPT pays for shadow paging');
    await frame.locator('#vmx-reset').click();
    await waitFor('defaults back', async () => (await frame.locator('#vmx-controls').getAttribute('data-changed')) === '0');
    assert.equal(await checked(frame, 'enableEpt'), true);
    assert.equal(await disabled(frame, 'pfExiting'), false);
    // The chart was measured again, with EPT.
    await waitFor('the comparison again with EPT', async () => {
      const segments = frame.locator('.measure-cycles .bar-row[data-mode="vtx"] .segment');
      if ((await segments.count()) === 0) return false;
      return !(await vtxCauses(frame)).includes('shadow-paging');
    }, 60_000);
  });

  it('controls: shows no error of ours in the console and no CSP violation', () => {
    assert.deepEqual(wb.consoleErrors.filter((e) => /kvm-?lab|Content Security Policy|Refused to/i.test(e)), []);
  });
});
