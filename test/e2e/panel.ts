/**
 * Driving the simulator panel from a UI test: open it, pick a select's option, run to the end.
 * One copy for every UI test file (the English, Chinese and web tiers alike).
 */
import type { Frame, Page } from 'playwright-core';
import { runCommand, waitFor, webviewFrame } from './workbench';

/** The simulator panel's inner frame, opened from the palette (English command title). */
export async function openSimulator(page: Page, title = 'KVM Lab: Open Trap-and-Emulate Simulator', panelTitle = 'Trap-and-Emulate Simulator'): Promise<Frame> {
  await runCommand(page, title);
  const frame = await webviewFrame(page, panelTitle);
  await frame.locator('#program').waitFor({ timeout: 30_000 });
  return frame;
}

/** Picks an option of a vscode-single-select the way its own list does: set the value, announce the change. */
export async function choose(frame: Frame, select: string, value: string): Promise<void> {
  // The examples arrive from the host after the page starts.
  await frame.locator(`${select} vscode-option[value="${value}"]`).waitFor({ state: 'attached', timeout: 30_000 });
  await frame.locator(select).evaluate((element, v) => {
    // The page's types (DOM) are not in this Node-side project: describe just what is used.
    const control = element as unknown as { value: string; dispatchEvent(event: Event): boolean };
    control.value = v;
    control.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
  await waitFor(`${select} = ${value}`, async () => (await frame.locator(select).evaluate((e) => (e as unknown as { value: string }).value)) === value);
}

/** Full speed, Run, and wait until the machine has stopped. */
export async function runToEnd(frame: Frame): Promise<void> {
  await frame.locator('#speed').fill('4');
  await frame.locator('#btn-run').click();
  await frame.locator('#status[data-status="finished"]').waitFor({ timeout: 60_000 });
}
