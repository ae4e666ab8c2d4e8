// The browser entry as vscode.dev and github.dev run it. Started by scripts/run-web.mjs, which installs
// the VSIX web-only (its manifest without `main`) into code-server, so VS Code runs
// dist/extension.web.js in the browser's Web Worker Extension Host. Not an *.e2e.ts file: the UI
// tier's server runs the Node entry. Every wait is bounded (helpers in ./workbench).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, GLOSSARY } from '../../src/core/glossary/index';
import { hoverWord, openFile, openWorkbench, runCommand, screenshot, treeRow, waitFor, webviewFrame, type Workbench } from './workbench';
import { choose } from './panel';

const popfLines = readFileSync(join(__dirname, '..', '..', 'examples', 'popf.vmasm'), 'utf8')
  .split('\n')
  .flatMap((text, i) => (/^\s*(\w+:\s*)?popf\b/i.test(text.replace(/[;#].*$/, '')) ? [i + 1] : []));

/** Picks an option of a vscode-single-select as its own list does: set the value, announce the change. */

describe('The web extension in the Web Worker Extension Host', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench();
  });
  after(async () => {
    await wb?.close();
  });

  it('activates and the Note Taxonomy shows the built-in note', async () => {
    await treeRow(wb.page, 'Note Taxonomy', 'The classic classification of virtualization');
    await treeRow(wb.page, 'Note Taxonomy', '5. By structure: where the VMM sits');
    await screenshot(wb.page, 'web-taxonomy');
  });

  it('runs in the web worker, not in a Node extension host', async () => {
    await runCommand(wb.page, 'Developer: Show Running Extensions');
    try {
      const list = wb.page.locator('.runtime-extensions-editor .monaco-list').first();
      await list.waitFor({ timeout: 15_000 });
      // The list is virtualized: scroll until our row is rendered.
      const row = list.locator('.monaco-list-row[aria-label="kvm-lab"]').first();
      await waitFor('the KVM Lab row of Running Extensions', async () => {
        if ((await row.count()) > 0) return true;
        await list.hover();
        await wb.page.mouse.wheel(0, 300);
        return false;
      });
      await row.scrollIntoViewIfNeeded();
      await screenshot(wb.page, 'web-running-extensions');
      // A Node host's row names the remote (127.0.0.1:PORT) where the web worker's says so.
      assert.match(await row.locator('.msg').innerText(), /web worker/i);
      assert.match(await row.locator('.activation-time').innerText(), /Activation/);
    } finally {
      // Whatever happened, the next tests start from a workbench without this editor.
      await wb.page.keyboard.press('Escape');
      await runCommand(wb.page, 'View: Close All Editors');
    }
  });

  // Before a note called glossary-note.md is open: its name in the tree's header would also match "Glossary".
  it('the Glossary view lists its categories and terms', async () => {
    const category = CATEGORIES.find((c) => GLOSSARY.some((e) => e.category === c.id));
    const term = GLOSSARY.find((e) => e.category === category?.id);
    assert.ok(category && term);
    try {
      await (await treeRow(wb.page, 'Glossary', category.names.en)).click();
      await treeRow(wb.page, 'Glossary', term.names.en);
    } finally {
      await screenshot(wb.page, 'web-glossary');
    }
  });

  it('a hover explains a term of a note', async () => {
    await openFile(wb.page, 'glossary-note.md');
    const hover = await hoverWord(wb.page, 'Hypervisor', /A\sHypervisor\sruns/);
    const summary = GLOSSARY.find((e) => e.names.en === 'Hypervisor')?.summary.en.slice(0, 30);
    assert.ok(summary, 'the glossary has Hypervisor');
    await waitFor('the explanation in the hover', async () => (await hover.innerText()).includes(summary));
    await screenshot(wb.page, 'web-hover');
    // The vmasm lens of the note's ```vmasm block.
    await wb.page.locator('.editor-group-container.active .codelens-decoration', { hasText: 'Run in simulator' }).first().waitFor({ timeout: 15_000 });
    await wb.page.mouse.move(0, 0);
  });

  it('the vmasm language: diagnostics, a hover on a mnemonic, completion', async () => {
    await openFile(wb.page, 'guest-broken.vmasm');
    const squiggles = wb.page.locator('.editor-group-container.active .monaco-editor .squiggly-error');
    await waitFor('error squiggles in the vmasm file', async () => (await squiggles.count()) > 0, 30_000);
    const hover = await hoverWord(wb.page, 'hlt');
    await waitFor('the HLT hover', async () => /privileged|special|sensitive|innocuous/i.test(await hover.innerText()));
    await wb.page.mouse.move(0, 0);
    // Completion at the start of a new statement offers the mnemonics (this is a scratch copy).
    await wb.page.locator('.editor-group-container.active .view-line', { hasText: 'hlt' }).last().click();
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.press('Enter');
    await wb.page.keyboard.type('pus');
    const suggestion = wb.page.locator('.suggest-widget .monaco-list-row', { hasText: 'pushf' }).first();
    await waitFor('pushf among the completions', async () => {
      if (await suggestion.isVisible()) return true;
      await wb.page.keyboard.press('Control+Space');
      await suggestion.waitFor({ state: 'visible', timeout: 2_000 }).catch(() => {});
      return suggestion.isVisible();
    });
    await screenshot(wb.page, 'web-vmasm');
    await wb.page.keyboard.press('Escape');
  });

  it('the simulator panel runs a lesson: POPF under trap-and-emulate diverges', async () => {
    await runCommand(wb.page, 'KVM Lab: Open Trap-and-Emulate Simulator');
    const frame = await webviewFrame(wb.page, 'Trap-and-Emulate Simulator');
    await frame.locator('#program').waitFor({ timeout: 30_000 });
    await choose(frame, '#program', 'popf');
    await choose(frame, '#mode', 'trap');
    await frame.locator('#speed').fill('4');
    await frame.locator('#btn-run').click();
    await frame.locator('#status[data-status="finished"]').waitFor({ timeout: 60_000 });
    const marked = await frame.locator('#listing li.marked-divergence').evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-line'))));
    assert.ok(popfLines.length > 0 && marked.some((line) => popfLines.includes(line)), `the POPF line is marked (marked: ${marked}; popf: ${popfLines})`);
    await frame.locator('#listing li.marked-divergence').first().scrollIntoViewIfNeeded();
    await screenshot(wb.page, 'web-simulator-popf-trap');
  });

  it('kvm: the simulator offers Real KVM disabled, and says on screen why (no Node in the browser)', async () => {
    await runCommand(wb.page, 'KVM Lab: Open Trap-and-Emulate Simulator');
    const frame = await webviewFrame(wb.page, 'Trap-and-Emulate Simulator');
    const option = frame.locator('#mode vscode-option[value="kvm"]');
    assert.equal(await option.count(), 1);
    const notice = frame.locator('[data-testid="kvm-unavailable"]');
    await notice.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await notice.innerText(), /^Real KVM \(this machine\) is not available here: real KVM needs VS Code on a Linux computer .*browser version\.$/);
    assert.equal(await option.evaluate((o) => o.hasAttribute('disabled')), true);
    assert.equal(await frame.locator('[data-testid="kvm-pane"]').isVisible(), false);
  });

  it('a command that needs Node says so in the browser', async () => {
    // scripts/run-web.mjs adds this command to the installed manifest, registered by no shared feature.
    await runCommand(wb.page, 'KVM Lab: Node-only Probe (web test)');
    const toast = wb.page.locator('.notification-toast', { hasText: 'Node-only Probe' }).first();
    await toast.waitFor({ timeout: 15_000 });
    assert.match(await toast.innerText(), /KVM Lab: Node-only Probe \(web test\): this needs VS Code on a computer .*not available in vscode\.dev or github\.dev/);
    await wb.page.waitForTimeout(500); // the toast's fade-in, for the picture only
    await screenshot(wb.page, 'web-node-only-notice');
  });

  it('shows no error of ours in the console', () => {
    assert.deepEqual(wb.consoleErrors.filter((e) => /kvm-?lab|Content Security Policy|Refused to/i.test(e)), []);
  });
});
