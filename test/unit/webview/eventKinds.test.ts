// The event log names each kind of event in the panel's language; exit reasons stay identifiers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimEventKind } from '../../../src/core/sim/api';
import { parseBoot, type UiStrings } from '../../../src/shared/protocol';
import { eventKindWord } from '../../../src/webview/model';
import { event } from './fakes';

const root = join(__dirname, '..', '..', '..');
const bundle = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;

/** The panel's strings as the extension sends them (strings.ts read as text: it needs vscode), in English or Chinese. */
function panelStrings(lang: 'en' | 'zh-cn'): UiStrings {
  const source = readFileSync(join(root, 'src', 'extension', 'simulator', 'strings.ts'), 'utf8');
  const given: Record<string, string> = {};
  for (const m of source.matchAll(/^\s+(\w+): l10n\.t\('((?:[^'\\]|\\.)*)'\),$/gm)) {
    const en = m[2]!.replace(/\\(.)/g, '$1');
    given[m[1]!] = lang === 'en' ? en : bundle[en] ?? en;
  }
  return parseBoot(JSON.stringify({ lang, strings: given })).strings;
}

const KINDS: readonly SimEventKind[] = [
  'direct', 'emulated', 'trap', 'vmexit', 'kvm-handled', 'kvm-exit', 'device', 'hypercall', 'translate', 'callout',
  'divergence', 'exception', 'reflect', 'halt', 'page-walk', 'page-fault', 'hidden-page-fault', 'shadow-update',
  'ept-violation', 'tlb-flush',
];

test('every kind of event has its own word in English and in Chinese, never its id or a missing key', () => {
  const en = panelStrings('en');
  const zh = panelStrings('zh-cn');
  const enWords = KINDS.map((k) => eventKindWord(event(k, 1), en));
  const zhWords = KINDS.map((k) => eventKindWord(event(k, 1), zh));
  for (const [i, kind] of KINDS.entries()) {
    assert.doesNotMatch(enWords[i]!, /^kind[A-Z]/, `${kind}: an English word, not the string's key`);
    // VM exit keeps its English name in Chinese, as the rest of the Chinese panel writes it.
    if (kind !== 'vmexit') assert.match(zhWords[i]!, /[\u4e00-\u9fff]/, `${kind}: Chinese, not "${zhWords[i]}"`);
  }
  assert.equal(new Set(enWords).size, KINDS.length, `distinct English words: ${enWords.join(', ')}`);
  assert.equal(new Set(zhWords).size, KINDS.length, `distinct Chinese words: ${zhWords.join(', ')}`);
  assert.equal(eventKindWord(event('page-fault', 1), zh), '缺页');
  assert.equal(eventKindWord(event('ept-violation', 1), zh), 'EPT 违例');
  assert.equal(eventKindWord(event('kvm-handled', 1), en), 'handled in KVM');
});

test('a VM exit or a KVM exit shows its reason as the identifier it is, in either language', () => {
  const zh = panelStrings('zh-cn');
  const exit = event('vmexit', 3, 'kvm', { vmExit: { reason: 'EPT_VIOLATION' } as never });
  assert.equal(eventKindWord(exit, zh), 'EPT_VIOLATION');
  const toQemu = event('kvm-exit', 3, 'qemu', { kvmExit: { reason: 'KVM_EXIT_IO' } as never });
  assert.equal(eventKindWord(toQemu, zh), 'KVM_EXIT_IO');
  assert.equal(eventKindWord(event('vmexit', 3, 'kvm'), zh), 'VM exit', 'a VM exit without a reason gets its word');
});
