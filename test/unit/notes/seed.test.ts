import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outlineNote } from '../../../src/core/notes/index';
import { findTerms } from '../../../src/core/glossary/index';
import { designSeedNote, labels, nodeLabelled } from './helpers';

// The learner's note the product was designed around, read only where the design folder sits beside
// the repository. A fresh clone has no such folder: the test then skips and says so.
const seed = designSeedNote();

test("the design folder's seed note: title, headings, nesting and key terms", { skip: seed.skip }, () => {
  const outline = outlineNote(seed.text);
  assert.equal(outline.title, '学习KVM');
  assert.deepEqual(labels(outline.roots), ['KVM学习阅读笔记']);
  const intro = nodeLabelled(outline.roots, '1. 虚拟化技术简介');
  assert.deepEqual([intro.kind, intro.line, intro.depth], ['heading', 23, 2]);
  assert.deepEqual(intro.children.map((node) => node.line), [25, 29, 35, 39, 46, 69]);
  const byStructure = nodeLabelled(outline.roots, '从虚拟化实现结构划分：');
  assert.equal(byStructure.children.length, 3);
  assert.match(byStructure.children[1].label, /^宿主模型虚拟化\(host模型\)：/);
  assert.deepEqual(outline.warnings, []);

  const bodyStartLine = seed.text.split('\n').findIndex((line, i) => i > 0 && line === '---') + 2;
  const terms = findTerms(seed.text);
  assert.ok(terms.every((match) => match.line >= bodyStartLine), 'a term matched in the front matter');
  const found = new Set(terms.map((match) => `${match.text} → ${match.term}`));
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
    特权操作系统: 'service-os', 上下文切换: 'context-switch', 处理器虚拟化: 'cpu-virtualization', 截获并重定向: 'trap-and-emulate',
    客户机: 'guest', 母机: 'host', 子机: 'guest',
  };
  const missing = Object.entries(expected).map(([text, id]) => `${text} → ${id}`).filter((pair) => !found.has(pair));
  assert.deepEqual(missing, []);
});
