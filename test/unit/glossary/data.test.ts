import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATEGORIES, GLOSSARY, LANGS, findTerms, lookupTerm } from '../../../src/core/glossary/index';
import { formKey, surfaceForms } from '../../../src/core/glossary/forms';
import { studyNote } from '../notes/helpers';

/** Sentences end with . ! ? before a word or the end (English; no abbreviations such as e.g. in summaries), or with 。！？ (Chinese). */
function sentenceCount(text: string, lang: string): number {
  const ends = lang === 'en' ? text.match(/[.!?]["”)]?(?=\s+[A-Za-z"“(]|\s*$)/g) : text.match(/[。！？]/g);
  return ends?.length ?? 0;
}

test('there are at least 90 entries, each in a known category', () => {
  assert.ok(GLOSSARY.length >= 90, `${GLOSSARY.length} entries`);
  const categories = new Set(CATEGORIES.map((c) => c.id));
  for (const entry of GLOSSARY) assert.ok(categories.has(entry.category), `${entry.id}: category ${entry.category}`);
  for (const category of CATEGORIES) {
    assert.ok(GLOSSARY.some((e) => e.category === category.id), `category ${category.id} has no entries`);
    for (const lang of LANGS) assert.ok(category.names[lang].trim(), `category ${category.id} lacks ${lang}`);
  }
});

test('ids are unique and kebab-case', () => {
  const seen = new Set<string>();
  for (const { id } of GLOSSARY) {
    assert.match(id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/, id);
    assert.ok(!seen.has(id), `duplicate id ${id}`);
    seen.add(id);
  }
});

test('names and summaries exist in both languages; summaries have two to four sentences', () => {
  const wrongLength: string[] = [];
  for (const entry of GLOSSARY) {
    for (const lang of LANGS) {
      assert.ok(entry.names[lang].trim(), `${entry.id}: no ${lang} name`);
      const summary = entry.summary[lang];
      assert.ok(summary.trim(), `${entry.id}: no ${lang} summary`);
      const n = sentenceCount(summary, lang);
      if (n < 2 || n > 4) wrongLength.push(`${entry.id} (${lang}): ${n} sentences`);
    }
    assert.ok(/[\u4e00-\u9fff]/.test(entry.summary['zh-cn']), `${entry.id}: the zh-cn summary is not Chinese`);
    if (entry.disagreement) for (const lang of LANGS) assert.ok(entry.disagreement[lang].trim(), `${entry.id}: disagreement lacks ${lang}`);
  }
  assert.deepEqual(wrongLength, []);
});

test('every related and taxonomy id exists; nothing relates to itself', () => {
  const ids = new Set(GLOSSARY.map((e) => e.id));
  const categories = new Set<string>(CATEGORIES.map((c) => c.id));
  for (const entry of GLOSSARY) {
    for (const id of entry.related) {
      assert.ok(ids.has(id), `${entry.id}: related '${id}' does not exist`);
      assert.notEqual(id, entry.id, `${entry.id} relates to itself`);
    }
    for (const id of entry.taxonomy) {
      assert.ok(ids.has(id) || categories.has(id), `${entry.id}: taxonomy '${id}' does not exist`);
      assert.notEqual(id, entry.id, `${entry.id} is its own ancestor`);
    }
  }
});

test('no name or alias is claimed by two entries (as the matcher sees them)', () => {
  const owner = new Map<string, string>();
  const clashes: string[] = [];
  for (const entry of GLOSSARY) {
    for (const key of new Set(surfaceForms(entry).map((form) => formKey(form)))) {
      const other = owner.get(key);
      if (other && other !== entry.id) clashes.push(`'${key}': ${other} and ${entry.id}`);
      owner.set(key, entry.id);
    }
  }
  assert.deepEqual(clashes, []);
});

test('every entry has a source with a title and a precise place', () => {
  for (const entry of GLOSSARY) {
    assert.ok(entry.sources.length > 0, `${entry.id}: no source`);
    for (const source of entry.sources) {
      assert.ok(source.title.trim(), `${entry.id}: source without title`);
      assert.ok(source.where?.trim() || source.url?.trim(), `${entry.id}: source '${source.title}' says neither where nor url`);
      if (source.url) assert.match(source.url, /^https:\/\//, `${entry.id}: ${source.url}`);
    }
  }
});

test('the structure models and the critical instructions say where sources disagree', () => {
  for (const id of ['kvm', 'xen', 'type-1-hypervisor', 'type-2-hypervisor', 'hypervisor-model', 'hosted-model', 'hybrid-model', 'critical-instruction']) {
    assert.ok(lookupTerm(id)?.disagreement, `${id} has no disagreement`);
  }
  assert.match(lookupTerm('critical-instruction')!.disagreement!.en, /seventeen[\s\S]*eighteen/);
});

test('every entry can be found by its names, short names and aliases', () => {
  for (const entry of GLOSSARY) {
    for (const form of surfaceForms(entry)) assert.equal(lookupTerm(form)?.id, entry.id, `'${form}' should find ${entry.id}`);
    assert.equal(lookupTerm(entry.id)?.id, entry.id);
  }
});

// Our learner-style fixture note (test/fixtures/notes): the terms a learner writes, in Chinese.
const note = studyNote();

test('every key term of the study note is matched to the right entry', () => {
  const found = new Map<string, Set<string>>();
  for (const match of findTerms(note)) {
    if (!found.has(match.term)) found.set(match.term, new Set());
    found.get(match.term)!.add(match.text);
  }
  const expected: Record<string, string> = {
    云计算: 'cloud-computing', 云服务: 'cloud-computing', 虚拟化: 'virtualization', 虚拟机: 'virtual-machine',
    '软件即服务（SaaS）': 'saas', '平台即服务（PaaS）': 'paas', '基础设施即服务（IaaS）': 'iaas',
    软件虚拟化: 'software-virtualization', 敏感指令: 'sensitive-instruction', 纯软件模拟: 'emulation', QEMU: 'qemu', KVM: 'kvm',
    动态二进制翻译: 'dynamic-binary-translation', VMware: 'vmware', 硬件辅助虚拟化: 'hardware-assisted-virtualization',
    'Intel VT': 'vt-x', 'VT-x': 'vt-x', 'AMD-V': 'amd-v', 客户机: 'guest', 客户机操作系统: 'guest', VMM: 'hypervisor',
    Hypervisor: 'hypervisor', 全虚拟化: 'full-virtualization', 半虚拟化: 'paravirtualization', 超级调用: 'hypercall',
    特权指令: 'privileged-instruction', Xen: 'xen', 'Hypervisor 模型': 'hypervisor-model', 'VMware ESXi': 'esxi',
    宿主模型: 'hosted-model', 宿主操作系统: 'host', 混合模型: 'hybrid-model', 特权操作系统: 'service-os',
    上下文切换: 'context-switch', 截获并重定向: 'trap-and-emulate', 陷入并模拟: 'trap-and-emulate', 特权级: 'protection-rings',
    陷入: 'trap', 'Popek–Goldberg': 'popek-goldberg', 内存虚拟化: 'memory-virtualization', 影子页表: 'shadow-page-table',
    EPT: 'ept', NPT: 'npt', 'I/O 虚拟化': 'io-virtualization', 设备模拟: 'device-emulation', virtio: 'virtio', 设备直通: 'device-passthrough',
  };
  const missing = Object.entries(expected).filter(([text, id]) => !found.get(id)?.has(text)).map(([text, id]) => `${text} → ${id}`);
  assert.deepEqual(missing, []);
});

test('nothing in the study note front matter is matched, though it names KVM and QEMU', () => {
  const bodyStartLine = note.split('\n').findIndex((line, i) => i > 0 && line === '---') + 2;
  assert.match(note.split('\n').slice(0, bodyStartLine).join('\n'), /- KVM\n\s+- QEMU/);
  for (const match of findTerms(note)) assert.ok(match.line >= bodyStartLine, `${match.text} on line ${match.line}`);
});
