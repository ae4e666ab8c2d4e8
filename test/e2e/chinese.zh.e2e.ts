// KVM Lab in a VS Code whose display language is Chinese (scripts/run-e2e.mjs starts a second
// code-server with --locale zh-cn for *.zh.e2e.ts files), `kvmLab.language` left at `auto`: the
// views, a hover, the simulator panel and the walkthrough must read in Chinese, with none of our
// English strings left over. VS Code's own texts stay English here (no language pack can be
// downloaded): only ours are checked.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lookupTerm } from '../../src/core/glossary/index';
import { hoverWord, openFile, openWorkbench, runCommand, screenshot, showContainer, treeRow, waitFor, webviewFrame, withFailureScreenshot, type Workbench } from './workbench';
import { choose } from './panel';

const root = join(__dirname, '..', '..');
const json = (file: string): Record<string, string> => JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, string>;
const nls = json('package.nls.json');
const nlsZh = json('package.nls.zh-cn.json');
const bundleZh = json('l10n/bundle.l10n.zh-cn.json');
/** The Chinese of an extension string, from the bundle the extension itself uses (so the test follows the translation). */
const zh = (english: string): string => {
  const text = bundleZh[english];
  assert.ok(text, `l10n/bundle.l10n.zh-cn.json translates "${english}"`);
  return text;
};
const CJK = /[\u4e00-\u9fff]/;

function assertAbsent(text: string, english: string[], where: string): void {
  for (const phrase of english) assert.ok(!text.includes(phrase), `no English "${phrase}" left in ${where}`);
}

/** Picks an option of a vscode-single-select as its own list does (as in simulator.e2e.ts). */

describe('KVM Lab in a Chinese VS Code', () => {
  let wb: Workbench;
  before(async () => {
    assert.equal(process.env.KVM_LAB_E2E_LOCALE, 'zh-cn', 'run by scripts/run-e2e.mjs in the Chinese code-server');
    wb = await openWorkbench({ locale: 'zh-CN' });
  });
  after(async () => {
    await wb?.close();
  });

  /** A test body that leaves a screenshot of the workbench when it fails. */
  const shot = withFailureScreenshot(() => wb, 'zh');

  it('the KVM Lab views: Chinese titles and the Chinese built-in note', shot('views', async () => {
    await showContainer(wb.page, nlsZh['viewsContainers.kvmLab.title']);
    await treeRow(wb.page, nlsZh['views.taxonomy.name'], '虚拟化的经典分类');
    await treeRow(wb.page, nlsZh['views.taxonomy.name'], '1. 云计算及其服务模式');
    const sidebar = wb.page.locator('.part.sidebar');
    await sidebar.locator('.pane-header', { hasText: nlsZh['views.glossary.name'] }).first().waitFor({ timeout: 15_000 });
    const text = await sidebar.innerText();
    assert.match(text, CJK);
    assertAbsent(text, [nls['views.taxonomy.name'], nls['views.glossary.name'], 'Built-in study note', 'The classic classification of virtualization', 'Kinds of virtualization', 'CPU virtualization'], 'the side bar');
    await screenshot(wb.page, 'zh-views');
  }));

  it('the built-in note opens in its Chinese version', shot('note', async () => {
    await runCommand(wb.page, `KVM Lab: ${nlsZh['command.openBuiltinNote']}`);
    await wb.page.locator('.tabs-container .tab.active', { hasText: 'study-note.zh-cn.md' }).waitFor({ timeout: 15_000 });
  }));

  it('a hover on a term in an English note explains it in Chinese', shot('hover', async () => {
    const entry = lookupTerm('Hypervisor');
    assert.ok(entry, 'the glossary knows Hypervisor');
    const chinese = entry.summary['zh-cn'].slice(0, 12);
    const english = entry.summary.en.split(/\s+/).slice(0, 6).join(' ');
    await openFile(wb.page, 'glossary-note.md');
    const hover = await hoverWord(wb.page, 'Hypervisor', /A\sHypervisor\sruns/);
    await waitFor('the Chinese explanation in the hover', async () => (await hover.innerText()).includes(chinese));
    const text = await hover.innerText();
    assert.match(text, /在术语表中显示/);
    assertAbsent(text, [english, 'Show in Glossary', 'Open Explanation', 'Also called', 'Sources'], 'the hover');
    await screenshot(wb.page, 'zh-hover');
    await wb.page.mouse.move(0, 0);
  }));

  it('the simulator panel: labels, mode names, a run\'s status line and event log in Chinese', shot('simulator', async () => {
    await runCommand(wb.page, `KVM Lab: ${nlsZh['command.simulator.open']}`);
    const frame = await webviewFrame(wb.page, zh('Trap-and-Emulate Simulator'));
    await frame.locator('#program').waitFor({ timeout: 30_000 });
    await choose(frame, '#program', 'popf');
    await choose(frame, '#mode', 'trap');
    const modes = await frame.locator('#mode').evaluate((e) => (e as unknown as { textContent: string }).textContent);
    assert.ok(modes.includes(zh('trap: classic trap-and-emulate')) && modes.includes(zh('vtx: KVM on Intel VT-x')), `Chinese mode names: ${modes}`);
    assertAbsent(modes, ['trap: classic trap-and-emulate', 'vtx: KVM on Intel VT-x', 'native: bare metal'], 'the mode list');
    await frame.locator('#speed').fill('4');
    await frame.locator('#btn-run').click();
    await frame.locator('#status[data-status="finished"]').waitFor({ timeout: 60_000 });
    const status = await frame.locator('#status').innerText();
    assert.match(status, /执行 \d+ 条指令后停止/, `the status line: ${status}`);
    await frame.locator('[data-testid="tab-log"]').click();
    const log = await frame.locator('#event-log').innerText();
    assert.match(log, CJK, 'the event log reads in Chinese');
    // Event kinds in words, and the glossary buttons name their term in Chinese too.
    const kinds = await frame.locator('#event-log .event-kind').allInnerTexts();
    assert.ok(kinds.some((k) => k.includes('陷入')), `event kinds: ${kinds.slice(0, 8).join(' | ')}`);
    assertAbsent(kinds.join(' '), ['trap', 'divergence', 'halt'], 'the event kinds');
    const glossaryButtons = await frame.locator('#event-log button.glossary').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
    assert.ok(glossaryButtons.length > 0 && glossaryButtons.every((label) => CJK.test(label.replace(/“.*”/, '')) && !/“[A-Za-z -]+”/.test(label)), `glossary buttons: ${[...new Set(glossaryButtons)].join(' | ')}`);
    const page = await frame.locator('body').innerText();
    assert.ok(page.includes(zh('Event log')) && page.includes(zh('Mode')), 'Chinese labels');
    assertAbsent(page, ['Event log', 'Program listing', 'Stopped after', 'No events yet.', 'Newest first', 'Cost era', 'divergence from bare metal', 'trap into the VMM'], 'the simulator panel');
    await screenshot(wb.page, 'zh-simulator');
  }));

  it('the walkthrough: title and steps in Chinese', shot('walkthrough', async () => {
    await runCommand(wb.page, `KVM Lab: ${nlsZh['command.walkthrough.open']}`);
    const container = wb.page.locator('.gettingStartedContainer');
    await container.locator('[data-step-id$="#openNote"]').first().waitFor({ state: 'visible', timeout: 30_000 });
    await waitFor('the Chinese walkthrough title', async () => (await container.innerText()).includes(nlsZh['walkthrough.title']));
    const text = await container.innerText();
    for (const key of ['walkthrough.openNote.title', 'walkthrough.hoverTerm.title', 'walkthrough.simulator.title']) assert.ok(text.includes(nlsZh[key]), `the step "${nlsZh[key]}"`);
    assertAbsent(text, [nls['walkthrough.title'], nls['walkthrough.openNote.title'], nls['walkthrough.hoverTerm.title'], nls['walkthrough.followNode.title'], nls['walkthrough.glossary.title']], 'the walkthrough');
    await screenshot(wb.page, 'zh-walkthrough');
    assert.deepEqual(wb.consoleErrors.filter((e) => /kvm-?lab|Content Security Policy/i.test(e)), [], 'no errors of ours in the console');
  }));
});
