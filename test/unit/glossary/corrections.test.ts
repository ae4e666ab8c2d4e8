import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findTerms, lookupTerm } from '../../../src/core/glossary/index';
import { surfaceForms } from '../../../src/core/glossary/forms';
import type { GlossaryEntry } from '../../../src/core/glossary/types';

// Each test pins a fact a review found wrong: the text no longer claims the error, says what is
// right in both languages, and cites the source that settles it.

function entry(id: string): GlossaryEntry {
  const found = lookupTerm(id);
  assert.ok(found, `no entry ${id}`);
  return found;
}

function cites(e: GlossaryEntry, pattern: RegExp): boolean {
  return e.sources.some((source) => pattern.test(`${source.title} ${source.where ?? ''} ${source.url ?? ''}`));
}

test('critical-instruction: VT-x runs them at guest ring 0; only SGDT/SIDT/SLDT/STR can exit, under descriptor-table exiting', () => {
  const e = entry('critical-instruction');
  assert.doesNotMatch(e.summary.en, /made them exit|until hardware support/);
  assert.doesNotMatch(e.summary['zh-cn'], /让它们产生退出之前/);
  assert.match(e.summary.en, /VT-x did not make them trap/);
  assert.match(e.summary.en, /ring 0 in VMX non-root operation/);
  assert.match(e.summary.en, /POPF\/PUSHF.*LAR\/LSL\/VERR\/VERW.*never cause a VM exit/);
  assert.match(e.summary.en, /Only SGDT, SIDT, SLDT and STR can exit.*"descriptor-table exiting".*46 and 47/);
  assert.match(e.summary['zh-cn'], /VT-x 并没有让它们陷入/);
  assert.match(e.summary['zh-cn'], /只有 SGDT、SIDT、SLDT 和 STR 可以退出.*descriptor-table exiting.*46 和 47/);
  assert.ok(cites(e, /25\.1\.3.*descriptor-table exiting.*Appendix C.*46.*47/), 'cites the SDM on descriptor-table exiting');
});

test('sidt: under VT-x the guest reads its own IDTR, exiting only with descriptor-table exiting', () => {
  const e = entry('sidt');
  assert.match(e.summary.en, /Under VT-x a guest's SIDT returns the guest's own IDTR with no VM exit unless .*descriptor-table exiting/);
  assert.match(e.summary['zh-cn'], /在 VT-x 下，客户机执行 SIDT 得到的是它自己的 IDTR/);
  assert.ok(cites(e, /descriptor-table exiting/));
});

test('trap-and-emulate: Popek–Goldberg give a sufficient condition, not a necessary one', () => {
  const e = entry('trap-and-emulate');
  assert.doesNotMatch(e.summary.en, /works only if/);
  assert.doesNotMatch(e.summary['zh-cn'], /只有当所有敏感指令都会陷入时/);
  assert.match(e.summary.en, /a sufficient condition, not a necessary one/);
  assert.match(e.summary['zh-cn'], /这是充分条件，而不是必要条件/);
  assert.ok(cites(e, /Popek.*Theorem 1 \(a sufficient condition\)/));
});

test('full-virtualization: the guest runs unmodified and can still detect virtualization', () => {
  const e = entry('full-virtualization');
  assert.doesNotMatch(e.summary.en, /cannot tell/);
  assert.doesNotMatch(e.summary['zh-cn'], /察觉不到/);
  assert.match(e.summary.en, /runs unmodified/);
  assert.match(e.summary.en, /can still tell it is virtualized.*SIDT \(the red pill\).*CPUID/);
  assert.match(e.summary['zh-cn'], /客户机仍能发现自己运行在虚拟机中.*红色药丸.*CPUID/);
  assert.ok(cites(e, /Red Pill/) && cites(e, /cpuid\.rst/));
});

test('qemu-kvm: KVM was upstream in QEMU since 0.10 (2009); QEMU 1.3 finished absorbing the fork', () => {
  const e = entry('qemu-kvm');
  assert.doesNotMatch(e.summary.en, /before it was merged upstream in QEMU 1\.3/);
  assert.doesNotMatch(e.summary['zh-cn'], /在 QEMU 1\.3 合入主线之前/);
  assert.match(e.summary.en, /basic KVM support has been part of QEMU itself since version 0\.10 \(2009\)/);
  assert.match(e.summary.en, /QEMU 1\.3 \(December 2012\) finished absorbing the fork/);
  assert.match(e.summary['zh-cn'], /自 0\.10 版（2009 年）起.*QEMU 1\.3（2012 年 12 月）完成了对这个分支的吸收/);
  assert.ok(cites(e, /ChangeLog\/0\.10/) && cites(e, /ChangeLog\/1\.3/));
});

test('vmx-instructions: only VMPTRLD makes a VMCS current; VMCLEAR clears it', () => {
  const e = entry('vmx-instructions');
  assert.doesNotMatch(e.summary.en, /VMCLEAR and VMPTRLD select/);
  assert.doesNotMatch(e.summary['zh-cn'], /VMCLEAR 和 VMPTRLD 选定/);
  assert.match(e.summary.en, /VMPTRLD, and only VMPTRLD, makes a VMCS the current one/);
  assert.match(e.summary.en, /VMCLEAR writes a VMCS back to memory and sets its launch state to clear/);
  assert.match(e.summary['zh-cn'], /只有 VMPTRLD 能让一个 VMCS 成为当前 VMCS/);
  assert.ok(cites(e, /24\.1 "Overview" \(current VMCS, launch state\)/));
});

test('virtio: published as OASIS Committee Specifications, not called an OASIS standard', () => {
  const e = entry('virtio');
  assert.doesNotMatch(e.summary.en, /OASIS standard/i);
  assert.doesNotMatch(e.summary['zh-cn'], /OASIS 制定的半虚拟化设备标准/);
  assert.match(e.summary.en, /OASIS Committee Specifications: VIRTIO 1\.0 as Committee Specification 04 \(2016\), 1\.1 and 1\.2 each as Committee Specification 01/);
  assert.match(e.summary['zh-cn'], /OASIS 委员会规范（Committee Specification）/);
  assert.ok(cites(e, /Version 1\.2.*Committee Specification 01/) && cites(e, /Version 1\.0.*Committee Specification 04/));
});

test('"context switch" and "exit qualification" lead to entries of their own, not to world-switch and exit-reason', () => {
  assert.ok(!surfaceForms(entry('world-switch')).some((form) => /context switch|上下文切换/i.test(form)));
  assert.ok(!surfaceForms(entry('exit-reason')).some((form) => /exit qualification/i.test(form)));
  assert.equal(lookupTerm('context switch')?.id, 'context-switch');
  assert.equal(lookupTerm('上下文切换')?.id, 'context-switch');
  assert.equal(lookupTerm('exit qualification')?.id, 'exit-qualification');
  assert.match(entry('context-switch').summary.en, /is not a world switch/);
  assert.match(entry('exit-qualification').summary.en, /for an I\/O instruction the port, size and direction/);
  assert.ok(cites(entry('context-switch'), /Operating System Concepts.*Context Switch/));
  assert.ok(cites(entry('exit-qualification'), /27\.2\.1/));
  const terms = findTerms('每次 I/O 都有上下文切换；VMM 读取 exit qualification。').map((match) => match.term);
  assert.deepEqual(terms.filter((id) => id === 'context-switch' || id === 'exit-qualification' || id === 'world-switch' || id === 'exit-reason'), ['context-switch', 'exit-qualification']);
});

test('VLAN tags frames within one layer-2 network; VXLAN is the overlay, in the glossary too', () => {
  const net = entry('network-virtualization');
  assert.doesNotMatch(net.summary['zh-cn'], /VLAN、VXLAN 等叠加网络/);
  assert.match(net.summary.en, /VLANs that split one layer-2 network by tagging its frames, and overlay networks such as VXLAN that carry layer-2 frames inside UDP\/IP/);
  assert.match(entry('vlan').summary.en, /IEEE 802\.1Q.*It is not an overlay network/);
  assert.match(entry('vlan').summary['zh-cn'], /它不是叠加（overlay）网络/);
  assert.match(entry('vxlan').summary.en, /^An overlay network \(RFC 7348\): whole layer-2 Ethernet frames are encapsulated in UDP\/IP/);
  assert.ok(cites(entry('vlan'), /802\.1Q/) && cites(entry('vxlan'), /RFC 7348/) && cites(net, /RFC 7348/));
});

test('xen: PVH guests are paravirtualized kernels, not unmodified guests', () => {
  const e = entry('xen');
  assert.doesNotMatch(e.summary.en, /unmodified guests with VT-x or AMD-V \(HVM and PVH guests\)/);
  assert.match(e.summary.en, /PVH guests, paravirtualized kernels/);
  assert.match(e.summary['zh-cn'], /半虚拟化内核（PVH 客户机）/);
});

test('sensitive-instruction and system-call agree with what VT-x really does', () => {
  const sensitive = entry('sensitive-instruction');
  assert.doesNotMatch(sensitive.summary.en, /A VMM must intercept every sensitive instruction/);
  assert.match(sensitive.summary.en, /as VT-x does for most of them, by making it act on the virtual machine's state/);
  assert.match(sensitive.summary['zh-cn'], /像 VT-x 对其中大多数指令所做的那样/);
  const syscall = entry('system-call');
  assert.doesNotMatch(syscall.summary.en, /each system call has to go through the VMM/);
  assert.match(syscall.summary.en, /a system call that enters ring 0 \(SYSCALL, SYSENTER\) arrives at the VMM first/);
  assert.match(entry('hardware-assisted-virtualization').summary.en, /the few that always exit, such as CPUID/);
});
