import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './helpers';

/** The shared in-memory CLI, its outcome under the short names these tests use. */
async function run(argv: string[], files: Record<string, string | Uint8Array> = {}): Promise<{ code: number; out: string; err: string }> {
  const { code, stdout, stderr } = await runCli(argv, files);
  return { code, out: stdout, err: stderr };
}

/** Runs with a locale, restoring the environment afterwards. */
async function withLocale<T>(locale: string | undefined, fn: () => Promise<T>): Promise<T> {
  const saved = { LC_ALL: process.env.LC_ALL, LC_MESSAGES: process.env.LC_MESSAGES, LANG: process.env.LANG };
  delete process.env.LC_ALL;
  delete process.env.LC_MESSAGES;
  if (locale === undefined) delete process.env.LANG;
  else process.env.LANG = locale;
  try {
    return await fn();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

const NOTE = '---\ntitle: KVM\n---\n# 😀 KVM 与 Hypervisor\r\n\r\n```c\nVMM\n```\n- 半虚拟化 and VM exits\n';

test('terms --json: every term with 1-based line, UTF-16 column and length, in the keys of the spec', async () => {
  const { code, out, err } = await run(['terms', 'note.md', '--json'], { 'note.md': NOTE });
  assert.equal(code, 0, err);
  assert.deepEqual(JSON.parse(out), [
    { term: 'kvm', text: 'KVM', line: 4, column: 6, length: 3 },
    { term: 'hypervisor', text: 'Hypervisor', line: 4, column: 12, length: 10 },
    { term: 'paravirtualization', text: '半虚拟化', line: 9, column: 3, length: 4 },
    { term: 'vm-exit', text: 'VM exits', line: 9, column: 12, length: 8 },
  ]);
  assert.deepEqual(Object.keys(JSON.parse(out)[0]), ['term', 'text', 'line', 'column', 'length']);
});

test('terms: text mode is `line:col  text  → name`', async () => {
  const { code, out } = await withLocale('C', () => run(['terms', 'note.md'], { 'note.md': NOTE }));
  assert.equal(code, 0);
  assert.deepEqual(out.split('\n').slice(0, 2), ['4:6   KVM  → KVM (Kernel-based Virtual Machine)', '4:12  Hypervisor  → Hypervisor']);
});

test('terms: a guest program or plain text is read whole, fences and all', async () => {
  const { out } = await run(['terms', 'prog.vmasm', '--json'], { 'prog.vmasm': '; CPUID exits\n```\ncpuid\n' });
  assert.deepEqual(JSON.parse(out).map((m: { text: string }) => m.text), ['CPUID', 'cpuid']);
  const txt = await run(['terms', 'n.txt', '--json'], { 'n.txt': '```\nVMM\n```\n' });
  assert.equal(JSON.parse(txt.out).length, 1);
});

test('terms: no terms is not an error; a missing file and bad usage are', async () => {
  const empty = await run(['terms', 'e.md'], { 'e.md': 'nothing here\n' });
  assert.equal(empty.code, 0);
  assert.equal(empty.out, '');
  assert.match(empty.err, /no glossary terms/);
  assert.deepEqual((await run(['terms', 'e.md', '--json'], { 'e.md': '' })).out, '[]\n');
  const missing = await run(['terms', 'nope.md']);
  assert.equal(missing.code, 1);
  assert.equal(missing.err, 'kvm-lab terms: nope.md: no such file\n');
  assert.equal((await run(['terms'])).code, 2);
  assert.equal((await run(['terms', 'a.md', '--xml'], { 'a.md': '' })).code, 2);
  const binary = await run(['terms', 'b.md'], { 'b.md': new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 0]) });
  assert.equal(binary.code, 1);
  assert.doesNotMatch(binary.err, /\n.+\n/);
});

test('explain: an alias finds the entry; text shows both names, path, summary, related and sources', async () => {
  const { code, out } = await run(['explain', '虚拟机监视器', '--lang', 'en']);
  assert.equal(code, 0);
  assert.match(out, /^Hypervisor — 虚拟机监控器\n/);
  assert.match(out, /taxonomy: Virtualization › Platform virtualization › Hypervisor/);
  assert.match(out, /software layer that creates and runs virtual machines/);
  assert.match(out, /related: .*Type 1 hypervisor/);
  assert.match(out, /Popek/);
});

test('explain: several words are one term, and a disagreement is shown where sources differ', async () => {
  const { code, out } = await run(['explain', 'hosted', 'model', '--lang=zh-cn']);
  assert.equal(code, 0);
  assert.match(out, /^宿主模型 — Hosted model\n/);
  assert.match(out, /各方说法不一: /);
  assert.match(out, /Xen/);
});

test('explain --json: names, summary in the language, taxonomy, related, sources, disagreement', async () => {
  const { code, out } = await run(['explain', 'KVM', '--json', '--lang', 'zh-cn']);
  assert.equal(code, 0);
  const json = JSON.parse(out);
  assert.equal(json.id, 'kvm');
  assert.equal(json.names.en, 'KVM (Kernel-based Virtual Machine)');
  assert.match(json.summary, /内核模块/);
  assert.ok(Array.isArray(json.taxonomy) && json.taxonomy.at(-1) === json.names['zh-cn']);
  assert.ok(json.related.some((r: { id: string }) => r.id === 'dev-kvm'));
  assert.ok(json.sources.length > 0);
  assert.match(json.disagreement, /Type 1/);
});

test('explain: the language follows LANG unless --lang is given', async () => {
  assert.match((await withLocale('zh_CN.UTF-8', () => run(['explain', 'EPT']))).out, /^扩展页表（EPT）/);
  assert.match((await withLocale('en_US.UTF-8', () => run(['explain', 'EPT']))).out, /^Extended page tables \(EPT\)/);
  assert.match((await withLocale(undefined, () => run(['explain', 'EPT']))).out, /^Extended page tables/);
  assert.match((await withLocale('zh_CN.UTF-8', () => run(['explain', 'EPT', '--lang', 'en']))).out, /^Extended/);
});

test('explain: an unknown term exits 1 and suggests the nearest names', async () => {
  const { code, out, err } = await withLocale('C', () => run(['explain', 'Hypervisr']));
  assert.equal(code, 1);
  assert.equal(out, '');
  assert.match(err, /^kvm-lab explain: unknown term 'Hypervisr' — did you mean: Hypervisor, /);
  assert.equal(err.split('\n').length, 2);
  const far = await run(['explain', 'qqqqzzzz']);
  assert.equal(far.code, 1);
  assert.equal(far.err, "kvm-lab explain: unknown term 'qqqqzzzz'\n");
});

test('explain: usage errors exit 2', async () => {
  assert.equal((await run(['explain'])).code, 2);
  assert.equal((await run(['explain', 'KVM', '--lang', 'fr'])).code, 2);
  assert.equal((await run(['explain', 'KVM', '--lang'])).code, 2);
});

test('outline uses the glossary for the terms of each node', async () => {
  const { code, out } = await run(['outline', 'n.md', '--json'], { 'n.md': '# KVM and QEMU\n- 半虚拟化\n' });
  assert.equal(code, 0);
  const [root] = JSON.parse(out);
  assert.deepEqual(root.terms, ['kvm', 'qemu']);
  assert.deepEqual(root.children[0].terms, ['paravirtualization']);
});

test('--help lists terms and explain', async () => {
  const { out } = await run(['--help']);
  assert.match(out, /kvm-lab terms FILE \[--json\]/);
  assert.match(out, /kvm-lab explain TERM \[--lang en\|zh-cn\] \[--json\]/);
});
