// The trap-and-emulate simulator as a learner uses it: palette → panel → an example in a mode →
// run → read the listing marks and counters. See docs/simulator-panel.md for the page's hooks.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { openWorkbench, screenshot, SCREENSHOTS, type Workbench } from './workbench';
import { choose, openSimulator, runToEnd } from './panel';

const examples = join(__dirname, '..', '..', 'examples');
/** 1-based lines of the program's statements that use `mnemonic` (comments stripped). */
function linesWith(file: string, mnemonic: string): number[] {
  return readFileSync(join(examples, file), 'utf8')
    .split('\n')
    .map((text, i) => [text.replace(/[;#].*$/, ''), i + 1] as const)
    .filter(([code]) => new RegExp(`^\\s*(\\w+:\\s*)?${mnemonic}\\b`, 'i').test(code))
    .map(([, line]) => line);
}

/** Picks an option of a vscode-single-select the way its own list does: set the value, announce the change. */

async function counter(frame: Frame, id: string): Promise<number> {
  const cell = frame.locator(`#counters [data-counter="${id}"] dd`).first();
  if ((await cell.count()) === 0) return 0;
  return Number(await cell.getAttribute('data-value'));
}

describe('The simulator panel in a real VS Code', () => {
  let wb: Workbench;
  let frame: Frame;
  before(async () => {
    wb = await openWorkbench();
    frame = await openSimulator(wb.page);
  });
  after(async () => {
    await wb?.close();
  });

  it('POPF under classic trap-and-emulate: the divergence is marked at its line', async () => {
    const popfLines = linesWith('popf.vmasm', 'popf');
    assert.ok(popfLines.length > 0, 'the POPF example has a popf');
    await choose(frame, '#program', 'popf');
    await choose(frame, '#mode', 'trap');
    await runToEnd(frame);
    const marked = await frame.locator('#listing li.marked-divergence').evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-line'))));
    assert.ok(marked.length > 0, 'a divergence is marked');
    assert.ok(marked.every((line) => popfLines.includes(line) || linesWith('popf.vmasm', 'pushf').includes(line)), `marked ${marked} are POPF/PUSHF lines`);
    assert.ok(marked.some((line) => popfLines.includes(line)), 'the POPF line itself is marked');
    await frame.locator('#listing li.marked-divergence').first().evaluate((row) => (row as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'center' }));
    await screenshot(wb.page, 'simulator-popf-trap');
    // The README's picture: the editor area (the panel is its subject; it ships in the VSIX).
    const readmeShot = join(SCREENSHOTS, 'simulator-popf-trap-editor.png');
    await wb.page.locator('.part.editor').screenshot({ path: readmeShot });
    const { saveReadmePicture } = (await import(join(__dirname, '..', '..', 'scripts', 'readme-pictures.mjs'))) as { saveReadmePicture(png: string, name: string): string };
    saveReadmePicture(readmeShot, 'simulator-popf-trap');
  });

  it('the same program under VT-x: no divergence', async () => {
    await choose(frame, '#mode', 'vtx');
    await frame.locator('#btn-reset').click();
    await runToEnd(frame);
    assert.equal(await frame.locator('#listing li.marked-divergence').count(), 0);
    await screenshot(wb.page, 'simulator-popf-vtx');
  });

  it('UART output under VT-x: one IO_INSTRUCTION exit per byte', async () => {
    await choose(frame, '#program', 'uart-console');
    await choose(frame, '#mode', 'vtx');
    await runToEnd(frame);
    await frame.locator('[data-testid="tab-serial"]').click();
    const serial = await frame.locator('#serial').innerText();
    const bytes = new TextEncoder().encode(serial).length;
    assert.ok(bytes > 20, `the guest printed its lines (${bytes} bytes)`);
    // This example writes with OUT only (no line-status polling): every exit is one byte.
    assert.equal(await counter(frame, 'IO_INSTRUCTION'), bytes);
    assert.equal(await counter(frame, 'KVM_EXIT_IO'), bytes, 'each byte goes on to QEMU in user space');
    await screenshot(wb.page, 'simulator-uart-vtx');
  });

  it('shows no error of ours in the console and no CSP violation', () => {
    assert.deepEqual(wb.consoleErrors.filter((e) => /kvm-?lab|Content Security Policy|Refused to/i.test(e)), []);
  });
});
