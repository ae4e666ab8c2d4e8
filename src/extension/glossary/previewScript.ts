/**
 * Runs inside VS Code's Markdown preview (`contributes.markdown.previewScripts`, loaded with the
 * preview's nonce: no inline script, no eval, so it passes the preview's Content Security Policy).
 * When the pointer enters a term marked by the plugin, it sets the mark's `title` to the term's
 * explanation in the learner's language, so the browser shows it as the tooltip. Explanations are
 * set lazily, one per hovered mark, because the page must stay as small as the note.
 *
 * Browser code compiled with the extension's Node-typed project: the few DOM shapes it touches are
 * declared here instead of pulling the DOM library into the whole project.
 */
import { LANGUAGE_ATTRIBUTE } from '../../core/preview/termsPlugin';
import { GLOSSARY_SCHEME } from './explanationText';
import { markTooltip, pageLanguage } from './previewTooltips';

interface PreviewElement {
  readonly tagName?: string;
  readonly textContent: string | null;
  hasAttribute(name: string): boolean;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
}
declare const document: {
  addEventListener(type: 'mouseover', listener: (event: { target: unknown }) => void, capture: boolean): void;
  querySelector(selector: string): PreviewElement | null;
  title: string;
  readonly documentElement: PreviewElement & { lang: string; classList: { add(name: string): void } };
  readonly body?: unknown;
};
declare const MutationObserver: (new (callback: () => void) => { observe(target: unknown, options: { childList: boolean; subtree: boolean }): void }) | undefined;

/**
 * An explanation page (our virtual document) is a page of its own for assistive technology: it
 * gets the learner's language as `lang`, its term as the document title, and a class for
 * glossary-preview.css (an opaque page background, so contrast is computed against what is seen).
 * A note's preview is left as VS Code made it: its language is the author's, not known here.
 */
function describeExplanationPage(): boolean {
  const settings = document.querySelector('#vscode-markdown-preview-data')?.getAttribute('data-settings');
  let source = '';
  try {
    source = String((JSON.parse(settings ?? '{}') as { source?: unknown }).source ?? '');
  } catch {
    return false;
  }
  if (!source.startsWith(`${GLOSSARY_SCHEME}:`)) return false;
  const root = document.documentElement;
  root.classList.add('kvm-lab-explanation');
  root.lang = pageLanguage(document.querySelector(`[${LANGUAGE_ATTRIBUTE}]`)?.getAttribute(LANGUAGE_ATTRIBUTE));
  const heading = document.querySelector('h1')?.textContent?.trim();
  if (heading && document.title !== heading) document.title = heading;
  return true;
}

// The preview swaps its content in place when the page changes (another term, another language): follow it.
if (describeExplanationPage() && document.body && typeof MutationObserver === 'function') {
  new MutationObserver(() => describeExplanationPage()).observe(document.body, { childList: true, subtree: true });
}

/** A mark holds only text, so the pointer's target is the `<abbr>` itself (a note's own `<abbr title>` is left alone below). */
function markUnder(target: unknown): PreviewElement | undefined {
  const element = target as PreviewElement | null;
  return element && typeof element.tagName === 'string' && element.tagName.toUpperCase() === 'ABBR' ? element : undefined;
}

document.addEventListener(
  'mouseover',
  (event) => {
    const mark = markUnder(event.target);
    if (!mark || mark.hasAttribute('title')) return;
    const lang = pageLanguage(document.querySelector(`[${LANGUAGE_ATTRIBUTE}]`)?.getAttribute(LANGUAGE_ATTRIBUTE));
    const tooltip = markTooltip(mark.textContent ?? '', lang);
    if (tooltip) mark.setAttribute('title', tooltip);
  },
  true,
);
