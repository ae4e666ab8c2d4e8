// The preview script's glue, run against a minimal stand-in for the preview's document: a hovered
// mark gets its explanation as `title`, in the language the page names; nothing else is touched.
import { test } from 'node:test';
import assert from 'node:assert/strict';

type Listener = (event: { target: unknown }) => void;

class FakeElement {
  readonly attributes = new Map<string, string>();
  constructor(readonly tagName: string, readonly textContent: string) {}
  hasAttribute(name: string) {
    return this.attributes.has(name);
  }
  getAttribute(name: string) {
    return this.attributes.get(name) ?? null;
  }
  setAttribute(name: string, value: string) {
    this.attributes.set(name, value);
  }
}

const listeners: Listener[] = [];
const languageElement = new FakeElement('DIV', '');
(globalThis as { document?: unknown }).document = {
  addEventListener: (_type: string, listener: Listener) => listeners.push(listener),
  querySelector: (selector: string) => (selector === '[data-kvm-lab-lang]' ? languageElement : null),
};

const hover = (target: unknown) => listeners.forEach((listener) => listener({ target }));

test('the script listens once, and a hovered mark gets its explanation in the page language', () => {
  // Loaded only now, after the stand-in document exists (a static import would run first).
  require('../../../src/extension/glossary/previewScript');
  assert.equal(listeners.length, 1);

  languageElement.setAttribute('data-kvm-lab-lang', 'zh-cn');
  const mark = new FakeElement('ABBR', 'VMM');
  hover(mark);
  assert.match(mark.getAttribute('title') ?? '', /^虚拟机监控器 — /);

  const own = new FakeElement('ABBR', 'VMM');
  own.setAttribute('title', "the note's own");
  hover(own);
  assert.equal(own.getAttribute('title'), "the note's own", "a note's own abbreviation keeps its title");

  const paragraph = new FakeElement('P', 'VMM');
  hover(paragraph);
  hover(null);
  assert.equal(paragraph.hasAttribute('title'), false);

  const notATerm = new FakeElement('ABBR', 'HTML');
  hover(notATerm);
  assert.equal(notATerm.hasAttribute('title'), false);
});
