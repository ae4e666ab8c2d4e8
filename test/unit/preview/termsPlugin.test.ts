import { test } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { MARK_COST, MAX_GROWTH, SMALL_NOTE_ALLOWANCE, termsPlugin, type TextTermMatch } from '../../../src/core/preview/termsPlugin';

/** A tiny finder for the plugin's own tests: the glossary's matcher is tested on its own. */
function findWords(words: Record<string, string>) {
  return (text: string): TextTermMatch[] => {
    const found: TextTermMatch[] = [];
    for (const [word, term] of Object.entries(words)) {
      for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) found.push({ term, offset: at, length: word.length });
    }
    return found.sort((a, b) => a.offset - b.offset);
  };
}

const LANGUAGE_ELEMENT = '<div hidden data-kvm-lab-lang="en"></div>\n';

function render(source: string, language = 'en'): string {
  const md = new MarkdownIt({ html: true });
  termsPlugin(md, { findInText: findWords({ VMM: 'hypervisor', 半虚拟化: 'paravirtualization' }), language: () => language });
  return md.render(source);
}

const countMarks = (html: string) => html.split('<abbr>').length - 1;

test('a term in a paragraph becomes a bare abbr, and the page says once which language explains it', () => {
  assert.equal(render('The VMM traps.'), `<p>The <abbr>VMM</abbr> traps.</p>\n${LANGUAGE_ELEMENT}`);
});

test('Chinese terms inside a run of text are marked, and the text around them kept', () => {
  const html = render('Xen 的半虚拟化很快', 'zh-cn');
  assert.match(html, /Xen 的<abbr>半虚拟化<\/abbr>很快/);
  assert.ok(html.endsWith('<div hidden data-kvm-lab-lang="zh-cn"></div>\n'), html);
});

test('code spans, fenced code and links are left alone, and a page without marks gets no language element', () => {
  const html = render('`VMM` and [VMM](https://example.org)\n\n```\nVMM\n```\n');
  assert.doesNotMatch(html, /<abbr|data-kvm-lab-lang/);
});

test('the language cannot inject markup', () => {
  const html = render('VMM', '"><script>alert(1)</script>');
  assert.doesNotMatch(html, /<script>/);
  assert.match(html, /data-kvm-lab-lang="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
});

test('every occurrence is marked while the page stays within its budget', () => {
  const html = render('VMM and VMM.\n\n- a VMM\n- 半虚拟化 and VMM\n');
  assert.equal(countMarks(html), 5, html);
});

test('a note dense with terms keeps its page within 1.5 times the plain render', () => {
  const source = Array.from({ length: 2000 }, (_, i) => (i % 50 === 0 ? '\n\nVMM 半虚拟化 VMM' : ' VMM 半虚拟化')).join('');
  const plain = new MarkdownIt({ html: true }).render(source);
  const html = render(source);
  assert.ok(html.length <= (1 + MAX_GROWTH) * plain.length + SMALL_NOTE_ALLOWANCE + LANGUAGE_ELEMENT.length, `${html.length} vs ${plain.length}`);
  assert.equal(html.replace(/<\/?abbr>/g, '').replace(LANGUAGE_ELEMENT, ''), plain, 'marks only wrap text that was there');
  assert.ok(countMarks(html) > 100, 'the budget still pays for many marks');
});

test('under a tight budget the first occurrence of each term comes first, then the first in each block', () => {
  // 300 paragraphs repeat VMM; 半虚拟化 appears only at the very end: it must still be marked.
  const source = `${Array.from({ length: 300 }, () => 'VMM VMM VMM').join('\n\n')}\n\nthe end: 半虚拟化`;
  const html = render(source);
  assert.match(html, /the end: <abbr>半虚拟化<\/abbr>/);
  const paragraphs = html.split('</p>').slice(0, 300);
  const firstMarked = paragraphs.filter((p) => p.startsWith('<p><abbr>') || p.startsWith('\n<p><abbr>')).length;
  const laterMarked = paragraphs.filter((p) => /VMM <abbr>VMM<\/abbr>/.test(p)).length;
  assert.ok(firstMarked > laterMarked, `first in block ${firstMarked}, repeated ${laterMarked}`);
  assert.ok(countMarks(html) * MARK_COST <= MAX_GROWTH * new MarkdownIt().render(source).length + SMALL_NOTE_ALLOWANCE);
});
