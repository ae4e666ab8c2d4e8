import type { Category } from '../types';

/** Listed in the order a learner meets them, which is also the order of the Glossary view. */
export const categories: readonly Category[] = [
  { id: 'cloud', names: { en: 'Cloud and distributed computing', 'zh-cn': '云计算与分布式计算' } },
  { id: 'kinds', names: { en: 'Kinds of virtualization', 'zh-cn': '虚拟化的分类' } },
  { id: 'architecture', names: { en: 'Virtual machines and VMM structure', 'zh-cn': '虚拟机与 VMM 结构' } },
  { id: 'products', names: { en: 'Hypervisors and tools', 'zh-cn': '虚拟化软件与工具' } },
  { id: 'cpu', names: { en: 'CPU virtualization', 'zh-cn': 'CPU 虚拟化' } },
  { id: 'hardware', names: { en: 'Hardware support (Intel VT-x, AMD-V)', 'zh-cn': '硬件支持（Intel VT-x、AMD-V）' } },
  { id: 'memory', names: { en: 'Memory virtualization', 'zh-cn': '内存虚拟化' } },
  { id: 'io', names: { en: 'I/O virtualization', 'zh-cn': 'I/O 虚拟化' } },
  { id: 'kvm-api', names: { en: 'The KVM API', 'zh-cn': 'KVM 接口' } },
  { id: 'operations', names: { en: 'Running virtual machines', 'zh-cn': '虚拟机的运行与管理' } },
];
