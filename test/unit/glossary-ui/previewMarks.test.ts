import { test } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import type { Lang } from '../../../src/core/glossary/types';
import { markGlossaryTerms } from '../../../src/extension/glossary/previewMarks';

function render(source: string, lang: Lang = 'en'): string {
  return markGlossaryTerms(new MarkdownIt(), () => lang).render(source);
}

test('a term in the preview carries its name and summary as the tooltip', () => {
  const html = render('The hypervisor keeps control.');
  assert.match(html, /<abbr class="kvm-lab-term" title="Hypervisor — The software layer[^"]*" data-term="hypervisor">hypervisor<\/abbr>/);
});

test('the tooltip follows the learner language at each render', () => {
  let lang: Lang = 'en';
  const md = markGlossaryTerms(new MarkdownIt(), () => lang);
  assert.match(md.render('半虚拟化'), /title="Paravirtualization — /);
  lang = 'zh-cn';
  assert.match(md.render('半虚拟化'), /title="半虚拟化 — /);
});

test('code is left alone, and quotes in a summary cannot break out of the attribute', () => {
  const html = render('`VMM` and\n\n```\nVMM\n```\n');
  assert.ok(!html.includes('<abbr'), html);
  const withQuotes = render('Hypervisor');
  const title = /title="([^"]*)"/.exec(withQuotes)?.[1] ?? '';
  assert.ok(title.includes('&quot;Hypervisor&quot;'), 'the summary quotes "Hypervisor" and is escaped');
});
