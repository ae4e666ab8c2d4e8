import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findTerms, lookupTerm, skippedLineRanges, suggestTerms, taxonomyPath, termAtLine, termIdsInText, type TermMatch } from '../../../src/core/glossary/index';

/** `text→term` pairs, the shortest readable form of a result. */
const pairs = (text: string, markdown = false): string[] => findTerms(text, { markdown }).map((m) => `${m.text}→${m.term}`);
const at = (m: TermMatch): [number, number, number] => [m.line, m.column, m.length];

test('English words match in any case, on word boundaries', () => {
  assert.deepEqual(pairs('Hypervisor, hypervisor and HYPERVISOR.'), ['Hypervisor→hypervisor', 'hypervisor→hypervisor', 'HYPERVISOR→hypervisor']);
  assert.deepEqual(pairs('metahypervisor hypervisorish guests'), ['guests→guest']);
});

test('plurals: hypervisors, VMMs and EPTs match the singular entry; an upper-case S does not', () => {
  assert.deepEqual(pairs('hypervisors VMMs VMs TLBs'), ['hypervisors→hypervisor', 'VMMs→hypervisor', 'VMs→virtual-machine', 'TLBs→tlb']);
  assert.deepEqual(pairs('EPTs are walked'), ['EPTs→ept']);
  assert.deepEqual(pairs('VMS and VMMS'), []);
});

test('acronyms and identifiers match only in their own case', () => {
  assert.deepEqual(pairs('vmm Vmm VMM'), ['VMM→hypervisor']);
  assert.deepEqual(pairs('ept, Ept, EPT'), ['EPT→ept']);
  assert.deepEqual(pairs('vmmap and kvmtool'), []);
  // KVM_RUN is the ioctl, kvm_run the structure it fills.
  assert.deepEqual(pairs('KVM_RUN fills kvm_run'), ['KVM_RUN→kvm-run', 'kvm_run→kvm-run-struct']);
});

test('the longest form wins and matches never overlap', () => {
  assert.deepEqual(pairs('a VM exit, a VM, KVM'), ['VM exit→vm-exit', 'VM→virtual-machine', 'KVM→kvm']);
  assert.deepEqual(pairs('VMX non-root operation and VMX'), ['VMX non-root operation→vmx-non-root-operation', 'VMX→vt-x']);
  assert.deepEqual(pairs('Type 1 hypervisor'), ['Type 1 hypervisor→type-1-hypervisor']);
  assert.deepEqual(pairs('虚拟机监控器与虚拟机'), ['虚拟机监控器→hypervisor', '虚拟机→virtual-machine']);
});

test('separators: spaces, tabs and hyphens between words are interchangeable', () => {
  assert.deepEqual(pairs('VM-exit, VM  exit, trap and emulate, hardware assisted virtualization'), [
    'VM-exit→vm-exit', 'VM  exit→vm-exit', 'trap and emulate→trap-and-emulate', 'hardware assisted virtualization→hardware-assisted-virtualization',
  ]);
  assert.deepEqual(pairs('VM\nexit'), ['VM→virtual-machine']);
});

test('Chinese matches anywhere, with or without a space next to Latin letters', () => {
  assert.deepEqual(pairs('KVM学习笔记：半虚拟化和全虚拟化'), ['KVM→kvm', '半虚拟化→paravirtualization', '全虚拟化→full-virtualization']);
  assert.deepEqual(pairs('CPU虚拟化、CPU 虚拟化、VM 退出'), ['CPU虚拟化→cpu-virtualization', 'CPU 虚拟化→cpu-virtualization', 'VM 退出→vm-exit']);
  assert.deepEqual(pairs('基于操作系统的Hypervisor'), ['操作系统→', 'Hypervisor→hypervisor'].filter((p) => !p.endsWith('→')));
  assert.deepEqual(pairs('虚拟机监视器、管理程序、虚拟机管理程序').map((p) => p.split('→')[1]), ['hypervisor', 'hypervisor', 'hypervisor']);
});

test('positions are 1-based lines and UTF-16 columns, also after emoji and CRLF', () => {
  const text = '😀 VMM\r\n🧪🧪 EPT 和 虚拟机\r\nlast: KVM';
  assert.deepEqual(findTerms(text).map(at), [[1, 4, 3], [2, 6, 3], [2, 12, 3], [3, 7, 3]]);
  for (const m of findTerms(text)) assert.equal(text.slice(m.offset, m.offset + m.length), m.text);
  assert.deepEqual(findTerms('a\rVMM').map(at), [[2, 1, 3]]);
});

test('front matter is not matched, and lines after it keep their numbers', () => {
  const text = '---\ntitle: KVM notes\ntags: [KVM, QEMU]\n---\n# KVM\n';
  assert.deepEqual(findTerms(text).map((m) => [m.text, m.line]), [['KVM', 5]]);
  assert.equal(findTerms(text, { markdown: false }).length, 4);
});

test('fenced code is skipped except guest programs (```vmasm)', () => {
  const text = [
    'VMM before', // 1
    '```c', // 2
    'ioctl(fd, KVM_RUN, 0); // VMM', // 3
    '```', // 4
    '```vmasm', // 5
    '  cpuid ; CPUID exits to the VMM', // 6
    '```', // 7
    '~~~~', // 8
    '```', // 9: not a closing fence of ~~~~
    'EPT', // 10
    '~~~~', // 11
    '> ```sh', // 12
    '> modprobe kvm-intel', // 13
    '> ```', // 14
    'VMM after', // 15
  ].join('\n');
  assert.deepEqual(findTerms(text).map((m) => [m.text, m.line]), [['VMM', 1], ['cpuid', 6], ['CPUID', 6], ['VMM', 6], ['VMM', 15]]);
  assert.ok(findTerms(text, { markdown: false }).some((m) => m.term === 'kvm-run'));
});

test('skippedLineRanges lists what findTerms skips, so that hovers can skip it too', () => {
  const text = '---\na: VMM\n---\nVMM\n```c\nVMM\n```\n```vmasm\ncpuid\n```\nVMM\n```\nVMM';
  assert.deepEqual(skippedLineRanges(text), [[1, 3], [5, 7], [8, 8], [12, 13]]);
  assert.deepEqual(skippedLineRanges('a\r\n```\r\nb\r\n```\r\nc'), [[2, 4]]);
  const skipped = (line: number) => skippedLineRanges(text).some(([a, b]) => line >= a && line <= b);
  const matched = findTerms(text).map((m) => m.line);
  assert.deepEqual(matched, [4, 9, 11]);
  for (const line of matched) assert.ok(!skipped(line));
  assert.deepEqual(skippedLineRanges('no fences'), []);
});

test('an unclosed fence runs to the end of the note', () => {
  assert.deepEqual(pairs('VMM\n```\nEPT\nKVM', true), ['VMM→hypervisor']);
});

test('link addresses are not read as terms', () => {
  assert.deepEqual(pairs('[KVM](https://example.org/KVM/kvm-intel/VMM) and VMM'), ['KVM→kvm', 'VMM→hypervisor']);
});

test('termAtLine finds the term under a character, for hovers', () => {
  const line = '🙂 the VM exit and 虚拟机监控器';
  const vmExit = line.indexOf('VM exit');
  assert.equal(termAtLine(line, vmExit)?.term, 'vm-exit');
  assert.equal(termAtLine(line, vmExit + 6)?.term, 'vm-exit');
  assert.equal(termAtLine(line, vmExit + 7), undefined);
  const chinese = termAtLine(line, line.indexOf('监控'));
  assert.deepEqual(chinese && [chinese.term, chinese.line, chinese.column], ['hypervisor', 1, line.indexOf('虚拟机监控器') + 1]);
  assert.equal(termAtLine(line, 0), undefined);
  assert.equal(termAtLine(line, 999), undefined);
  assert.equal(termAtLine('', 0), undefined);
});

test('termAtLine on a very long line looks only near the position', () => {
  const line = 'x '.repeat(50_000) + 'hypervisor' + ' y'.repeat(50_000);
  assert.equal(termAtLine(line, 100_003)?.term, 'hypervisor');
});

test('termIdsInText gives distinct ids in order, for taxonomy labels', () => {
  assert.deepEqual(termIdsInText('KVM vs. Xen: KVM uses VT-x'), ['kvm', 'xen', 'vt-x']);
  assert.deepEqual(termIdsInText('nothing here'), []);
});

test('lookupTerm: ids, names and aliases in both languages; acronyms in exact case', () => {
  assert.equal(lookupTerm('  Hypervisor ')?.id, 'hypervisor');
  assert.equal(lookupTerm('hypervisor')?.id, 'hypervisor');
  assert.equal(lookupTerm('VMM')?.id, 'hypervisor');
  assert.equal(lookupTerm('vmm'), undefined);
  assert.equal(lookupTerm('虚拟机监视器')?.id, 'hypervisor');
  assert.equal(lookupTerm('管理程序')?.id, 'hypervisor');
  assert.equal(lookupTerm('vm-exit')?.id, 'vm-exit');
  assert.equal(lookupTerm('VM-exit')?.id, 'vm-exit');
  assert.equal(lookupTerm('CPU 虚拟化')?.id, 'cpu-virtualization');
  assert.equal(lookupTerm(''), undefined);
  assert.equal(lookupTerm('Hypervisr'), undefined);
});

test('suggestTerms puts the nearest name first', () => {
  assert.equal(suggestTerms('Hypervisr')[0]?.id, 'hypervisor');
  assert.equal(suggestTerms('paravirtualisation')[0]?.id, 'paravirtualization');
  assert.equal(suggestTerms('vmm')[0]?.id, 'hypervisor');
  assert.equal(suggestTerms('虚拟机监视')[0]?.id, 'hypervisor');
  assert.ok(suggestTerms('Hypervisr', 2).length <= 2);
  assert.deepEqual(suggestTerms('zzzzqqqq'), []);
});

test('taxonomyPath names the ancestors and the entry in the chosen language', () => {
  const entry = lookupTerm('EPT')!;
  assert.deepEqual(taxonomyPath(entry, 'en'), ['Virtualization', 'Memory virtualization', 'Second-level address translation (SLAT)', 'Extended page tables (EPT)']);
  assert.equal(taxonomyPath(entry, 'zh-cn')[0], '虚拟化');
});

test('matching is linear: a 1 MB line of near-misses is scanned quickly', () => {
  const text = 'hypervisoX 虚拟机监控 VMMx '.repeat(50_000);
  assert.ok(findTerms(text).length > 0);
});
