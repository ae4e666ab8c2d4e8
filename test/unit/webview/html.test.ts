// The page's HTML: a strict CSP with a fresh nonce, only the built assets, and boot data that
// cannot break out of its attribute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentSecurityPolicy, escapeAttribute, makeNonce, renderSimulatorHtml } from '../../../src/extension/simulator/html';

const assets = { cspSource: 'https://x.vscode-cdn.net', scriptUri: 'https://x/dist/webview.js', styleUri: 'https://x/dist/webview.css' };

test('the CSP allows nothing but the nonce script and the extension styles and fonts', () => {
  const csp = contentSecurityPolicy(assets.cspSource, 'N0NCE');
  assert.match(csp, /^default-src 'none'; /);
  assert.match(csp, /script-src 'nonce-N0NCE'(;|$)/);
  assert.match(csp, /style-src https:\/\/x\.vscode-cdn\.net(;|$)/);
  assert.doesNotMatch(csp, /unsafe-(inline|eval)/);
});

test('the page loads one script with the nonce, and boot data stays inside its attribute', () => {
  const html = renderSimulatorHtml(assets, { nonce: 'abc', lang: 'zh-cn', title: 'T', boot: { strings: { run: '"><script>alert(1)</script>' } } });
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.match(html, /<script nonce="abc" src="https:\/\/x\/dist\/webview.js"><\/script>/);
  assert.ok(!html.includes('<script>alert'));
  assert.match(html, /id="vscode-codicon-stylesheet"/);
  const boot = /data-boot="([^"]*)"/.exec(html)![1]!;
  const decoded = boot.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  assert.equal(JSON.parse(decoded).strings.run, '"><script>alert(1)</script>');
  assert.equal(escapeAttribute(`&<>"'`), '&amp;&lt;&gt;&quot;&#39;');
});

test('nonces are 32 alphanumerics and differ between renders', () => {
  let seed = 0;
  const random = (n: number) => Uint8Array.from({ length: n }, () => (seed = (seed * 1103515245 + 12345) & 0xff));
  const a = makeNonce(random);
  const b = makeNonce(random);
  assert.match(a, /^[A-Za-z0-9]{32}$/);
  assert.notEqual(a, b);
});
