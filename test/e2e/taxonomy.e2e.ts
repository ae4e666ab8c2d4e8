// The Note Taxonomy as a new user meets it: open the KVM Lab container, see the built-in study
// note's outline, click a node and land on its line; then open an own note and see its tree.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cursorLine, openFile, openWorkbench, runCommand, screenshot, treeRow, waitFor, type Workbench } from './workbench';

const note = readFileSync(join(__dirname, '..', '..', 'notes', 'builtin', 'study-note.en.md'), 'utf8').split('\n');
const lineOf = (heading: string) => note.findIndex((line) => line === heading) + 1;

describe('Note Taxonomy in a real VS Code', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench();
  });
  after(async () => {
    await wb?.close();
  });

  const row = (label: string) => treeRow(wb.page, 'Note Taxonomy', label);

  it('shows the built-in note when the KVM Lab container opens with no note', async () => {
    await row('The classic classification of virtualization');
    await row('1. Cloud computing and its service models');
    await screenshot(wb.page, 'taxonomy-builtin');
  });

  it('reveals the clicked node line in the editor', async () => {
    const heading = '5. By structure: where the VMM sits';
    await (await row(heading)).click();
    const tab = wb.page.locator('.tabs-container .tab.active', { hasText: 'study-note.en.md' });
    await tab.waitFor({ timeout: 15_000 });
    const expected = lineOf(`## ${heading}`);
    assert.ok(expected > 1, 'the heading is in the built-in note');
    await waitFor(`the cursor on line ${expected}`, async () => (await cursorLine(wb.page)) === expected);
    await screenshot(wb.page, 'taxonomy');
  });

  it('follows the active note and nests its list items', async () => {
    await openFile(wb.page, 'sample-note.md');
    await row('Shadow page tables');
    await row('Two-dimensional paging');
    await assert.rejects(row('The classic classification of virtualization'), /no row/, 'the built-in note is no longer shown');
  });

  it('has its commands in the palette, under the KVM Lab category', async () => {
    await runCommand(wb.page, 'KVM Lab: Open Built-in Study Note');
    await wb.page.locator('.tabs-container .tab.active', { hasText: 'study-note.en.md' }).waitFor({ timeout: 15_000 });
    assert.deepEqual(wb.consoleErrors.filter((e) => /kvm-?lab/i.test(e)), [], 'no errors of ours in the console');
  });
});
