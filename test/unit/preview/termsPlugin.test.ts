import { test } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { termsPlugin, type TextTermMatch } from '../../../src/core/preview/termsPlugin';

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

function render(source: string, tooltip: (id: string) => string | undefined = (id) => `about ${id}`): string {
  const md = new MarkdownIt({ html: true });
  termsPlugin(md, { findInText: findWords({ VMM: 'hypervisor', 半虚拟化: 'paravirtualization' }), tooltip });
  return md.render(source);
}

test('a term in a paragraph becomes an abbr with its explanation as the title', () => {
  assert.equal(
    render('The VMM traps.'),
    '<p>The <abbr class="kvm-lab-term" title="about hypervisor" data-term="hypervisor">VMM</abbr> traps.</p>\n',
  );
});

test('Chinese terms inside a run of text are marked, and the text around them kept', () => {
  const html = render('Xen 的半虚拟化很快');
  assert.match(html, /Xen 的<abbr[^>]*data-term="paravirtualization">半虚拟化<\/abbr>很快/);
});

test('code spans, fenced code and links are left alone', () => {
  const html = render('`VMM` and [VMM](https://example.org)\n\n```\nVMM\n```\n');
  assert.doesNotMatch(html, /<abbr/);
});

test('the tooltip is escaped: a summary cannot inject markup', () => {
  const html = render('VMM', () => '"><script>alert(1)</script>');
  assert.doesNotMatch(html, /<script>/);
  assert.match(html, /title="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
});

test('a term without a tooltip is not marked', () => {
  assert.equal(render('VMM', () => undefined), '<p>VMM</p>\n');
});
