import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATEGORIES, GLOSSARY, LANGS, findTerms, lookupTerm } from '../../../src/core/glossary/index';
import { formKey, surfaceForms } from '../../../src/core/glossary/forms';
import { seedNote as readSeedNote } from '../notes/helpers';

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

const seedNote = readSeedNote();

test('every key term of the seed note is matched to the right entry', () => {
  const found = new Map<string, Set<string>>();
  for (const match of findTerms(seedNote)) {
    if (!found.has(match.term)) found.set(match.term, new Set());
    found.get(match.term)!.add(match.text);
  }
  const expected: Record<string, string> = {
    云计算: 'cloud-computing', 网格计算: 'grid-computing', 分布式计算: 'distributed-computing', 并行计算: 'parallel-computing',
    效用计算: 'utility-computing', 网络存储: 'network-storage', 负载均衡: 'load-balancing', 软件即服务: 'saas',
    'Software as a Service': 'saas', 平台即服务: 'paas', 'Platform as a Service': 'paas', 基础设施即服务: 'iaas',
    分布式系统: 'distributed-computing', 虚拟化: 'virtualization', 平台虚拟化: 'platform-virtualization',
    应用程序虚拟化: 'application-virtualization', 存储虚拟化: 'storage-virtualization', 网络虚拟化: 'network-virtualization',
    设备虚拟化: 'io-virtualization', 服务虚拟化: 'service-virtualization', 软件虚拟化: 'software-virtualization',
    框架虚拟化: 'framework-virtualization', 操作系统虚拟化: 'os-level-virtualization', 硬件虚拟化: 'hardware-virtualization',
    纯软件翻译: 'emulation', QEMU: 'qemu', 动态二进制翻译: 'dynamic-binary-translation', VMware: 'vmware',
    特权指令: 'privileged-instruction', 'Intel Virtualization Technology': 'vt-x', 'Intel VT': 'vt-x',
    CPU虚拟化: 'cpu-virtualization', 内存虚拟化: 'memory-virtualization', NAS: 'nas', 半虚拟化: 'paravirtualization',
    'Para Virtualization': 'paravirtualization', 全虚拟化: 'full-virtualization', 'Full Virtualization': 'full-virtualization',
    硬件辅助虚拟化: 'hardware-assisted-virtualization', 虚拟机: 'virtual-machine', Hypervisor: 'hypervisor',
    虚拟机管理程序: 'hypervisor', VMM: 'hypervisor', KVM: 'kvm', 'Hypervisor型虚拟化': 'hypervisor-model', vsphere: 'vsphere',
    宿主模型虚拟化: 'hosted-model', host模型: 'hosted-model', Xen: 'xen', 混合模型虚拟化: 'hybrid-model',
    特权操作系统: 'service-os', 上下文切换: 'world-switch', 处理器虚拟化: 'cpu-virtualization', 截获并重定向: 'trap-and-emulate',
    客户机: 'guest', 母机: 'host', 子机: 'guest',
  };
  const missing = Object.entries(expected).filter(([text, id]) => !found.get(id)?.has(text)).map(([text, id]) => `${text} → ${id}`);
  assert.deepEqual(missing, []);
});

test('nothing in the seed note front matter is matched, though it names KVM and QEMU', () => {
  const bodyStartLine = seedNote.split('\n').findIndex((line, i) => i > 0 && line === '---') + 2;
  for (const match of findTerms(seedNote)) assert.ok(match.line >= bodyStartLine, `${match.text} on line ${match.line}`);
});
