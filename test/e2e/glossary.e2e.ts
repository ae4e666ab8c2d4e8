// Hover explanations and preview marks as a learner meets them in a note of their own.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lookupTerm } from '../../src/core/glossary/index';
import { hoverWord, openFile, openWorkbench, runCommand, screenshot, waitFor, type Workbench } from './workbench';

/** The first words of an entry's English summary: enough to know the right text is on screen. */
function summaryStart(term: string): string {
  const entry = lookupTerm(term);
  assert.ok(entry, `the glossary knows ${term}`);
  return entry.summary.en.split(/\s+/).slice(0, 6).join(' ');
}

describe('Glossary explanations in a real VS Code', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench();
    await openFile(wb.page, 'glossary-note.md');
  });
  after(async () => {
    await wb?.close();
  });

  it('hovering "Hypervisor" in a note explains it, with its place in the taxonomy and links', async () => {
    const hover = await hoverWord(wb.page, 'Hypervisor', /A\sHypervisor\sruns/);
    await waitFor('the explanation in the hover', async () => (await hover.innerText()).includes(summaryStart('Hypervisor')));
    const text = await hover.innerText();
    assert.match(text, /虚拟机监控器|管理程序|虚拟机监视器/, 'the Chinese name is shown beside the English one');
    assert.match(text, /Show in Glossary/);
    await screenshot(wb.page, 'hover-hypervisor');
    await wb.page.mouse.move(0, 0);
  });

  it('a Chinese term is explained too', async () => {
    const hover = await hoverWord(wb.page, '半虚拟化', /半虚拟化要求/);
    await waitFor('the paravirtualization entry', async () => (await hover.innerText()).includes(summaryStart('半虚拟化')));
    await wb.page.mouse.move(0, 0);
  });

  it("VS Code's Markdown preview marks the terms, and hovering one shows its explanation as a tooltip", async () => {
    await runCommand(wb.page, 'Markdown: Open Preview to the Side');
    const expected = summaryStart('Hypervisor');
    const title = await waitFor('a marked term in the preview, explained on hover', async () => {
      for (const frame of wb.page.frames()) {
        // The page carries bare marks; the preview script (dist/preview.js) sets the title on hover.
        const mark = frame.locator('abbr', { hasText: /^Hypervisor$/ }).first();
        if ((await mark.count()) === 0) continue;
        await mark.hover();
        const found = await mark.getAttribute('title');
        if (found?.includes(expected)) return found;
      }
      return undefined;
    }, 30_000);
    assert.ok(title.includes(expected));
    await screenshot(wb.page, 'preview-terms');
    assert.deepEqual(wb.consoleErrors.filter((e) => /kvm-?lab|Content Security Policy/i.test(e)), []);
  });
});
