// The preview script on load: an explanation page (our virtual document) gets the learner's
// language, its term as title and the class glossary-preview.css styles; a note's preview is left alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const SCRIPT = require.resolve('../../../src/extension/glossary/previewScript');

/** Loads the script against a stand-in preview of `source` and returns what it set on the page. */
function loadFor(source: string, settingsText = JSON.stringify({ source })) {
  const classes = new Set<string>();
  const root = { lang: '', classList: { add: (name: string) => classes.add(name) } };
  const page = { title: '', documentElement: root };
  const found: Record<string, { textContent: string; getAttribute(name: string): string | null }> = {
    '#vscode-markdown-preview-data': { textContent: '', getAttribute: (name) => (name === 'data-settings' ? settingsText : null) },
    '[data-kvm-lab-lang]': { textContent: '', getAttribute: (name) => (name === 'data-kvm-lab-lang' ? 'zh-cn' : null) },
    h1: { textContent: ' 虚拟机监控器 ', getAttribute: () => null },
  };
  (globalThis as { document?: unknown }).document = Object.assign(page, {
    addEventListener: () => undefined,
    querySelector: (selector: string) => found[selector] ?? null,
  });
  delete require.cache[SCRIPT];
  require(SCRIPT);
  return { lang: root.lang, title: page.title, classes: [...classes] };
}

test('an explanation page gets the learner language, its term as title and the explanation class', () => {
  assert.deepEqual(loadFor('kvm-lab-glossary:/hypervisor.md'), { lang: 'zh-cn', title: '虚拟机监控器', classes: ['kvm-lab-explanation'] });
});

test("a note's preview, or unreadable settings, are left as VS Code made them", () => {
  assert.deepEqual(loadFor('file:///work/notes/kvm.md'), { lang: '', title: '', classes: [] });
  assert.deepEqual(loadFor('', '{not json'), { lang: '', title: '', classes: [] });
});
