// "Real KVM (this machine)" as a learner uses it: the UART example in the simulator panel, run on
// this machine's /dev/kvm beside the simulated vtx run; every byte is one real KVM_EXIT_IO, placed
// on the OUT line beside its simulated exit. Where /dev/kvm cannot be used, the test checks that
// the mode is disabled with its reason on screen, and skips the real run saying why.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { kvmAvailability } from '../../src/host/kvm';
import { axeViolations, describeViolations } from './a11yKit';
import { openFile, openWorkbench, runCommand, screenshot, waitFor, webviewFrame, workspaceFolder, SCREENSHOTS, type Workbench } from './workbench';
import { choose, openSimulator } from './panel';

const ROOT = join(__dirname, '..', '..');
const UART = readFileSync(join(ROOT, 'examples', 'uart-console.vmasm'), 'utf8');
/** The example's one OUT statement (comments stripped) and the bytes it prints. */
const OUT_LINE = UART.split('\n').findIndex((l) => /^\s*out\b/i.test(l.replace(/;.*$/, ''))) + 1;
const PRINTED = [...UART.matchAll(/\.asciz\s+"([^"]*)"/g)].map((m) => m[1]!.replace(/\\n/g, '\n')).join('');
const here = kvmAvailability();
const skipReason = here.ok ? undefined : `real KVM is not usable on this machine: ${here.error.message}`;

describe('kvm: Real KVM (this machine) in the simulator panel', () => {
  let wb: Workbench;
  let frame: Frame;
  before(async () => {
    wb = await openWorkbench();
    frame = await openSimulator(wb.page);
  });
  after(async () => {
    // The panel outlives this page (the next file's page restores it): leave it in a simulated mode
    // and a fixed era whatever happened here, so that no later file starts in the real-KVM mode.
    try {
      if (frame) {
        await choose(frame, '#mode', 'vtx');
        await choose(frame, '#era', 'current');
      }
    } finally {
      rmSync(join(workspaceFolder(), 'many-exits.vmasm'), { force: true });
      await wb?.close();
    }
  });

  it('kvm: offers the mode where /dev/kvm works, else shows why not', async () => {
    const option = frame.locator('#mode vscode-option[value="kvm"]');
    assert.equal(await option.count(), 1, 'the mode select lists "Real KVM (this machine)"');
    const notice = frame.locator('[data-testid="kvm-unavailable"]');
    if (skipReason) {
      await notice.waitFor({ state: 'visible' });
      assert.match(await notice.innerText(), /Real KVM \(this machine\) is not available here: ./);
      return;
    }
    await waitFor('the host to say real KVM is available', async () => !(await option.evaluate((o) => o.hasAttribute('disabled'))), 30_000);
    assert.equal(await notice.isVisible(), false, 'no "not available" sentence where KVM works');
  });

  it('kvm: the UART example: one real KVM_EXIT_IO per byte, beside the simulated ones', { skip: skipReason }, async () => {
    await choose(frame, '#program', 'uart-console');
    await choose(frame, '#mode', 'kvm');
    const pane = frame.locator('[data-testid="kvm-pane"]');
    await pane.waitFor({ state: 'visible' });
    await frame.locator('#speed').fill('4');
    await frame.locator('#btn-run').click();
    await frame.locator('[data-testid="kvm-pane"][data-status="done"]').waitFor({ timeout: 60_000 });
    await frame.locator('#status[data-status="finished"]').waitFor({ timeout: 60_000 });

    const bytes = new TextEncoder().encode(PRINTED).length;
    // Real and simulated exits on the OUT line, side by side.
    const row = frame.locator(`[data-testid="kvm-by-line"] tr[data-line="${OUT_LINE}"]`);
    assert.equal(Number(await row.locator('[data-testid="kvm-real-count"]').innerText()), bytes, 'one real exit per byte');
    assert.equal(Number(await row.locator('[data-testid="kvm-simulated-count"]').innerText()), bytes, 'one simulated exit per byte');
    assert.equal(await row.getAttribute('class'), 'match');
    // Exit by exit: every real KVM_EXIT_IO matches its simulated one, and carries its byte.
    const io = frame.locator('[data-testid="kvm-exits"] tr[data-exit="KVM_EXIT_IO"]');
    assert.equal(await io.count(), bytes);
    assert.equal(await frame.locator('[data-testid="kvm-exits"] tr.mismatch').count(), 0);
    assert.match(await io.first().innerText(), new RegExp(`out 0x3f8 ← 0x${PRINTED.charCodeAt(0).toString(16)} '${PRINTED[0]}'`));
    // The listing marks the OUT line as a line with real exits.
    const marked = await frame.locator('#listing li.marked-real').evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-line'))));
    assert.ok(marked.includes(OUT_LINE), `line ${OUT_LINE} is marked (marked: ${marked})`);
    assert.equal(await frame.locator(`#listing li[data-line="${OUT_LINE}"] .real-mark`).getAttribute('aria-label'), `exit on real KVM ×${bytes}`);
    // Agreement, the measured costs and this host's counters.
    assert.match(await frame.locator('[data-testid="kvm-verdict"]').innerText(), /agree/);
    assert.match(await frame.locator('[data-testid="kvm-costs"]').innerText(), /I\/O exit to user space and back: [\d.,]+ µs/);
    await frame.locator('[data-testid="kvm-stats"] summary').click();
    assert.match(await frame.locator('[data-testid="kvm-stats"]').innerText(), /\bexits\b/);

    await frame.locator('[data-testid="kvm-stats"] summary').click();
    await runCommand(wb.page, 'View: Toggle Primary Side Bar Visibility');
    await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    // The picture: the listing and the simulated run's counters above the real run's verdict and tables.
    await frame.locator(`#listing li[data-line="${OUT_LINE}"]`).evaluate((row) => (row as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'center' }));
    await pane.evaluate((el) => ((el as unknown as { scrollTop: number }).scrollTop = 0));
    const shot = await screenshot(wb.page, 'real-kvm');
    // Into the README's pictures, re-encoded to a palette when smaller (they ship in the 1 MiB VSIX).
    const { saveReadmePicture } = (await import(join(ROOT, 'scripts', 'readme-pictures.mjs'))) as { saveReadmePicture(png: string, name: string): string };
    saveReadmePicture(shot, 'real-kvm');
    assert.ok(shot.startsWith(SCREENSHOTS));
  });

  it('kvm: the era this-machine charges the exit costs measured here', { skip: skipReason }, async () => {
    const option = frame.locator('#era vscode-option[value="this-machine"]');
    await option.waitFor({ state: 'attached' });
    assert.match(await option.innerText(), /^this machine \(measured on its KVM: I\/O exit [\d.]+ µs, CPUID exit [\d.]+ µs, at \d+ MHz\)$/);
    const note = frame.locator('[data-testid="kvm-costs"] .kvm-note');
    assert.match(await note.innerText(), / 6,000 cycles /, 'the current era charges its textbook figure');
    await choose(frame, '#era', 'this-machine');
    await frame.locator('#btn-run').click();
    await frame.locator('[data-testid="kvm-pane"][data-status="done"]').waitFor({ timeout: 60_000 });
    const charged = Number((/ ([\d,]+) cycles /.exec(await note.innerText()))?.[1]?.replace(/,/g, ''));
    assert.ok(charged > 0 && charged !== 6000, `the measured cost per exit to user space (${charged} cycles)`);
  });

  it('kvm: the mode is reachable from the keyboard and its exit table is labelled', { skip: skipReason }, async () => {
    const region = frame.locator('[data-testid="kvm-exits"] [role="region"]');
    assert.equal(await region.getAttribute('aria-label'), 'Exits to user space, real and simulated');
    assert.equal(await region.getAttribute('tabindex'), '0');
    await frame.locator('[data-testid="kvm-by-line"] button.kvm-line').first().focus();
    // The page's types (DOM) are not in this Node-side project: describe just what is used.
    assert.equal(await frame.evaluate(() => (globalThis as unknown as { document: { activeElement: { className: string } | null } }).document.activeElement?.className), 'kvm-line');
  });

  it('kvm: shows no error of ours in the console and no CSP violation', () => {
    assert.deepEqual(wb.consoleErrors.filter((e) => /kvm-?lab|Content Security Policy|Refused to/i.test(e)), []);
  });

  // Last: axe's own injected styles are refused by the page's CSP, which the test above would see.
  it('kvm: axe (WCAG 2 A/AA) finds nothing serious in the pane after a run', { skip: skipReason }, async () => {
    const found = await axeViolations(frame);
    assert.deepEqual(found, [], describeViolations('the real KVM pane after a run', found));
  });

  it('kvm: a long real run shows its exits as they arrive, before its result', { skip: skipReason }, async () => {
    // 20,000 OUTs to an unknown port: 20,000 real exits, handed over in batches of at most 500.
    const EXITS = 20_000;
    writeFileSync(join(workspaceFolder(), 'many-exits.vmasm'), `; ${EXITS} exits to user space\n    mov r5, ${EXITS}\nagain:\n    out 0x80, r5\n    dec r5\n    jnz again\n    hlt\n`);
    await openFile(wb.page, 'many-exits.vmasm');
    await runCommand(wb.page, 'KVM Lab: Run Guest Program in Simulator');
    // The editor took the panel's place for a moment: its page was made anew.
    frame = await webviewFrame(wb.page, 'Trap-and-Emulate Simulator');
    await frame.locator('#listing li', { hasText: `mov r5, ${EXITS}` }).waitFor({ timeout: 30_000 });
    await choose(frame, '#mode', 'kvm');
    await waitFor('no real run going on', async () => (await frame.locator('[data-testid="kvm-pane"]').getAttribute('data-status')) !== 'running', 60_000);
    await frame.locator('#btn-reset').click();
    await frame.locator('[data-testid="kvm-pane"][data-status="idle"]').waitFor({ timeout: 10_000 });
    // What the count said while the run went on, recorded by the page itself: no race with the run.
    await frame.evaluate(() => {
      type El = { hidden: boolean; textContent: string | null };
      const g = globalThis as unknown as { kvmProgressSeen: string[]; document: { querySelector(s: string): El | null; body: unknown }; MutationObserver: new (cb: () => void) => { observe(n: unknown, o: object): void } };
      g.kvmProgressSeen = [];
      new g.MutationObserver(() => {
        const p = g.document.querySelector('[data-testid="kvm-progress"]');
        if (p && !p.hidden && p.textContent && g.kvmProgressSeen.at(-1) !== p.textContent) g.kvmProgressSeen.push(p.textContent);
      }).observe(g.document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await frame.locator('#speed').fill('4');
    await frame.locator('#btn-run').click();
    await frame.locator('[data-testid="kvm-pane"][data-status="done"]').waitFor({ timeout: 60_000 });
    const seen = await frame.evaluate(() => (globalThis as unknown as { kvmProgressSeen: string[] }).kvmProgressSeen);
    const counts = seen.map((text) => Number(/So far: ([\d,]+) exits to user space/.exec(text)?.[1]?.replace(/,/g, '')));
    assert.ok(counts.length >= 2 && counts.every((c) => c > 0 && c <= EXITS), `counts shown during the run: ${seen.join(' | ')}`);
    assert.ok(counts.every((c, i) => i === 0 || c > counts[i - 1]!), 'the count grows');
    assert.equal(await frame.locator('[data-testid="kvm-progress"]').isHidden(), true, 'the result replaces the count');
    const row = frame.locator('[data-testid="kvm-by-line"] tr[data-line="4"]');
    assert.equal(await row.locator('[data-testid="kvm-real-count"]').innerText(), EXITS.toLocaleString('en-US'));
  });
});
