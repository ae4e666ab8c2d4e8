import { test } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import type { Lang } from '../../../src/core/glossary/types';
import { markGlossaryTerms } from '../../../src/extension/glossary/previewMarks';
import { markTooltip, pageLanguage } from '../../../src/extension/glossary/previewTooltips';

function render(source: string, lang: Lang = 'en'): string {
  return markGlossaryTerms(new MarkdownIt(), () => lang).render(source);
}

/** What the preview script does on hover: the mark's own text, explained in the page's language. */
function hoverTitles(html: string): string[] {
  const lang = pageLanguage(/data-kvm-lab-lang="([^"]*)"/.exec(html)?.[1]);
  return [...html.matchAll(/<abbr>([^<]*)<\/abbr>/g)].map((mark) => markTooltip(mark[1]!, lang) ?? '');
}

test('a term in the preview is marked, and hovering the mark explains it with its name and summary', () => {
  const html = render('The hypervisor keeps control.');
  assert.match(html, /The <abbr>hypervisor<\/abbr> keeps control\./);
  assert.match(hoverTitles(html)[0]!, /^Hypervisor — The software layer/);
});

test('the explanation follows the learner language written at each render', () => {
  let lang: Lang = 'en';
  const md = markGlossaryTerms(new MarkdownIt(), () => lang);
  assert.match(hoverTitles(md.render('半虚拟化'))[0]!, /^Paravirtualization — /);
  lang = 'zh-cn';
  assert.match(hoverTitles(md.render('半虚拟化'))[0]!, /^半虚拟化 — /);
});

test('every mark the plugin writes is explained by the script (the same matcher finds the same term)', () => {
  const html = render('KVM turns Linux into a VMM; EPT and VT-x help, 半虚拟化 too. VMCS, VM exit, QEMU.');
  const titles = hoverTitles(html);
  assert.ok(titles.length >= 6, html);
  assert.deepEqual(titles.filter((t) => t === ''), [], html);
});

test("code is left alone, and a note's own abbreviation or unknown text gets no explanation", () => {
  const html = render('`VMM` and\n\n```\nVMM\n```\n');
  assert.ok(!html.includes('<abbr'), html);
  assert.equal(markTooltip('HTML', 'en'), undefined);
  assert.equal(markTooltip('the VMM', 'en'), undefined, 'only a mark that is one whole term');
  assert.equal(pageLanguage('fr'), 'en');
});
