import { test } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { entryById, taxonomyPath } from '../../../src/core/glossary/index';
import type { GlossaryEntry, Lang } from '../../../src/core/glossary/types';
import {
  escapeMarkdown, explanationDocument, hoverMarkdown, previewTooltip, type ExplanationContext,
} from '../../../src/extension/glossary/explanationText';

function contextFor(entry: GlossaryEntry, lang: Lang, simulator = false): ExplanationContext {
  return { lang, taxonomyPath: taxonomyPath(entry, lang), entryById, simulator };
}

const hypervisor = entryById('hypervisor')!;

/** Every `](target)` of a Markdown text: the only places a link can lead. */
function linkTargets(markdown: string): string[] {
  return [...markdown.matchAll(/(?<!\\)\]\((<[^>]*>|[^)]*)\)/g)].map((m) => m[1]);
}

test('the hover names the term in both languages and explains it in the learner language', () => {
  const en = hoverMarkdown(hypervisor, contextFor(hypervisor, 'en'));
  assert.ok(en.startsWith('**Hypervisor** · 虚拟机监控器'), en.slice(0, 80));
  assert.ok(en.includes(escapeMarkdown(hypervisor.summary.en)));
  assert.ok(!en.includes(hypervisor.summary['zh-cn'].slice(0, 12)));
  const zh = hoverMarkdown(hypervisor, contextFor(hypervisor, 'zh-cn'));
  assert.ok(zh.startsWith('**虚拟机监控器** · Hypervisor'), zh.slice(0, 80));
  assert.ok(zh.includes(escapeMarkdown(hypervisor.summary['zh-cn'])));
  assert.ok(zh.includes('**相关术语**：'), 'Chinese labels use full-width punctuation');
});

test('the hover shows the place in the taxonomy, related terms as links, and the sources', () => {
  const hover = hoverMarkdown(hypervisor, contextFor(hypervisor, 'en'));
  assert.ok(hover.includes('*Virtualization › Platform virtualization › Hypervisor*'), hover);
  const related = `command:kvmLab.explainTerm?${encodeURIComponent(JSON.stringify(['type-1-hypervisor']))}`;
  assert.ok(linkTargets(hover).includes(related), 'a related term opens its own explanation');
  assert.ok(hover.includes('Popek'), 'sources are cited');
  assert.ok(linkTargets(hover).includes('<https://doi.org/10.1145/361011.361073>'));
});

test('the hover links only to our own commands and to the sources', () => {
  const hover = hoverMarkdown(hypervisor, contextFor(hypervisor, 'en', true));
  for (const target of linkTargets(hover)) {
    assert.match(target, /^(command:kvmLab\.(explainTerm|glossary\.show|simulator\.open)(\?|$)|<https:\/\/)/, target);
  }
  assert.ok(linkTargets(hover).includes(`command:kvmLab.glossary.show?${encodeURIComponent('["hypervisor"]')}`));
  assert.ok(linkTargets(hover).includes('command:kvmLab.explainTerm'), 'Explain Term… asks for any term');
});

test('"Try It in the Simulator" appears only where the simulator demonstrates the term', () => {
  const popf = entryById('popf-pushf')!;
  assert.ok(hoverMarkdown(popf, contextFor(popf, 'en', true)).includes('(command:kvmLab.simulator.open)'));
  assert.ok(!hoverMarkdown(popf, contextFor(popf, 'en', false)).includes('simulator.open'));
});

test('where sources disagree, the hover says so in the learner language', () => {
  const disputed = entryById('critical-instruction')!;
  assert.ok(disputed.disagreement);
  const hover = hoverMarkdown(disputed, contextFor(disputed, 'zh-cn'));
  assert.ok(hover.includes('各家说法不一'));
  assert.ok(hover.includes(escapeMarkdown(disputed.disagreement['zh-cn'])));
});

test('text from the data cannot inject links, HTML or icons into a trusted hover', () => {
  const hostile: GlossaryEntry = {
    ...hypervisor,
    id: 'hostile',
    names: { en: 'Evil [click](command:workbench.action.quit)', 'zh-cn': '<img src=x onerror=alert(1)>' },
    summary: { en: '$(alert) **bold** `code`\n# heading\n[x](command:rm) <https://evil.example>', 'zh-cn': '&lt;b&gt;' },
    related: ['no-such-entry'],
    sources: [{ title: 'T', url: 'javascript:alert(1)' }],
  };
  const hover = hoverMarkdown(hostile, { lang: 'en', taxonomyPath: ['a](command:x)'], entryById, simulator: false });
  // Rendered by a CommonMark renderer with HTML allowed, the most permissive reading of the hover.
  const html = new MarkdownIt({ html: true, linkify: false }).render(hover);
  const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
  for (const href of hrefs) assert.match(href, /^command:kvmLab\./, href);
  assert.ok(!html.includes('<img') && !html.includes('<strong>bold') && !html.includes('<code>') && !html.includes('<h1>'), html);
  assert.ok(html.includes('&amp;lt;b&amp;gt;') || !html.includes('&lt;b&gt;'), 'entities are shown, not decoded');
  // VS Code's hover renderer shows `\$(name)` literally and `$(name)` as an icon.
  assert.ok(hover.includes('\\$(alert)') && !/(?<!\\)\$\(alert\)/.test(hover), 'a theme icon in the data stays text');
});

test('the explanation document is a Markdown page with the aliases, related terms and sources', () => {
  const page = explanationDocument(hypervisor, contextFor(hypervisor, 'en'));
  assert.ok(page.startsWith('# Hypervisor\n\n**虚拟机监控器**'), page.slice(0, 60));
  assert.ok(page.includes('**Also called**: VMM, virtual machine monitor'));
  assert.ok(page.includes('## Related\n\n- Type 1 hypervisor'), page);
  assert.ok(page.includes('\n- Xen\n'), 'a name that is the same in both languages is not repeated');
  assert.ok(page.includes('## Sources\n\n- [G\\. J\\. Popek'));
  assert.ok(!page.includes('command:'), 'the Markdown preview does not run command links');
});

test('the preview tooltip is plain text: name, dash, summary', () => {
  assert.equal(previewTooltip(hypervisor, 'zh-cn'), `虚拟机监控器 — ${hypervisor.summary['zh-cn']}`);
});
