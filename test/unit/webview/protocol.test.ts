// The webview protocol's validators: everything a stale page, a bug or a hostile document
// could send must be rejected before either side acts on it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  describeMessage, isHostToWebview, isPanelSnapshot, isWebviewToHost, parseBoot, uiLanguage, UI_STRING_KEYS,
} from '../../../src/shared/protocol';

const program = { name: 'popf.vmasm', text: 'hlt\n', uri: 'file:///x/popf.vmasm', firstLine: 0 };
const snapshot = { mode: 'trap', era: 'current', position: 3, status: 'paused', divergenceLines: [4], serial: 'Hi' };

test('well-formed messages from the host pass', () => {
  assert.ok(isHostToWebview({ type: 'loadProgram', program }));
  assert.ok(isHostToWebview({ type: 'loadProgram', program: { ...program, exampleId: 'popf' }, mode: 'vtx', run: true }));
  assert.ok(isHostToWebview({ type: 'examples', examples: [{ id: 'popf', title: 'POPF', description: 'd', modes: ['trap', 'vtx'], program }] }));
  assert.ok(isHostToWebview({ type: 'noActiveProgram' }));
  assert.ok(isHostToWebview({ type: 'control', action: 'pause' }));
});

test('malformed messages from the host are rejected', () => {
  const bad: unknown[] = [
    null, undefined, 42, 'loadProgram', [], {},
    { type: 'unknown' },
    { type: 'loadProgram' },
    { type: 'loadProgram', program: { ...program, text: 7 } },
    { type: 'loadProgram', program: { ...program, firstLine: -1 } },
    { type: 'loadProgram', program: { ...program, firstLine: 1.5 } },
    { type: 'loadProgram', program: { ...program, text: 'x'.repeat(1_000_001) } },
    { type: 'loadProgram', program, mode: 'vmware' },
    { type: 'loadProgram', program, run: 'yes' },
    { type: 'loadProgram', program: { ...program, exampleId: '../etc/passwd' } },
    { type: 'examples', examples: 'all' },
    { type: 'examples', examples: [{ id: 'x', title: 't', description: 'd', modes: ['warp'], program }] },
    { type: 'examples', examples: new Array(201).fill({ id: 'x', title: 't', description: 'd', modes: [], program }) },
    { type: 'control', action: 'explode' },
  ];
  for (const message of bad) assert.equal(isHostToWebview(message), false, JSON.stringify(message)?.slice(0, 80));
});

test('well-formed messages from the page pass', () => {
  assert.ok(isWebviewToHost({ type: 'ready' }));
  assert.ok(isWebviewToHost({ type: 'requestActiveProgram' }));
  assert.ok(isWebviewToHost({ type: 'revealLine', uri: 'file:///a.vmasm', line: 0 }));
  assert.ok(isWebviewToHost({ type: 'explainTerm', term: 'VM exit' }));
  assert.ok(isWebviewToHost({ type: 'log', level: 'warn', message: 'x' }));
  assert.ok(isWebviewToHost({ type: 'state', snapshot }));
  assert.ok(isWebviewToHost({ type: 'state', snapshot: { ...snapshot, program: 'a.vmasm', exampleId: 'popf', exit: 'hlt' } }));
});

test('malformed messages from the page are rejected', () => {
  const bad: unknown[] = [
    { type: 'revealLine', uri: '', line: 0 },
    { type: 'revealLine', uri: 'file:///a', line: -3 },
    { type: 'revealLine', uri: 'file:///a', line: '3' },
    { type: 'revealLine', uri: 'x'.repeat(5000), line: 1 },
    { type: 'explainTerm', term: '' },
    { type: 'explainTerm', term: 'a\nb' },
    { type: 'explainTerm', term: 'x'.repeat(101) },
    { type: 'log', level: 'fatal', message: 'x' },
    { type: 'log', level: 'info', message: 'x'.repeat(10_001) },
    { type: 'state' },
    { type: 'state', snapshot: { ...snapshot, status: 'exploded' } },
    { type: 'state', snapshot: { ...snapshot, position: -1 } },
    { type: 'state', snapshot: { ...snapshot, divergenceLines: [0] } },
    { type: 'state', snapshot: { ...snapshot, exit: 'crash' } },
    { type: 'state', snapshot: { ...snapshot, mode: 'vmware' } },
    { type: 'ready', extra: undefined, __proto__: null },
  ];
  for (const message of bad.slice(0, -1)) assert.equal(isWebviewToHost(message), false, JSON.stringify(message)?.slice(0, 80));
  assert.equal(isPanelSnapshot({ ...snapshot, serial: 'x'.repeat(100_001) }), false);
});

test('a rejected message is described without its payload', () => {
  assert.equal(describeMessage(null), 'null');
  assert.equal(describeMessage([1]), 'array');
  assert.equal(describeMessage(7), 'number');
  const long = describeMessage({ type: 'x'.repeat(1000), secret: 'do not log me' });
  assert.ok(long.length < 80);
  assert.ok(!long.includes('secret'));
});

test('boot data: missing strings show their key, a broken attribute gives English defaults', () => {
  const boot = parseBoot(JSON.stringify({ lang: 'zh-cn', strings: { run: '运行', step: 5 } }));
  assert.equal(boot.lang, 'zh-cn');
  assert.equal(boot.strings.run, '运行');
  assert.equal(boot.strings.step, 'step');
  assert.deepEqual(boot.termNames, {});
  // Term names: strings only, bounded, never the prototype's.
  const named = parseBoot(JSON.stringify({ lang: 'zh-cn', termNames: { Hypercall: '超级调用', Bad: 5, ['x'.repeat(201)]: 'long', __proto__: 'p' } }));
  assert.deepEqual(named.termNames, { Hypercall: '超级调用' });
  assert.equal(Object.keys(parseBoot(JSON.stringify({ termNames: Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`t${i}`, 'n'])) })).termNames).length, 2000);
  const broken = parseBoot('{not json');
  assert.equal(broken.lang, 'en');
  assert.deepEqual(broken.termNames, {});
  assert.deepEqual(Object.keys(broken.strings), [...UI_STRING_KEYS]);
  assert.equal(uiLanguage('zh-tw'), 'zh-cn');
  assert.equal(uiLanguage('de'), 'en');
});
