/**
 * The runner's struct layouts and numbers (src/host/kvm/layout.ts) against the installed
 * `linux/kvm.h`: a tiny C program prints offsetof/sizeof/the macros, the test compares.
 * Skips, saying why, where gcc or the header is missing (`apt-get install gcc linux-libc-dev`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  CAP, CPUID2, CPUID_ENTRY2, DTABLE, EXIT_REASON_NAMES, IOCTL, MEMORY_REGION, REGS, REGS_ORDER, RUN, SEGMENT, SREGS,
  SREGS_SEGMENTS, STATS_DESC, STATS_HEADER, KVM_API_VERSION, KVM_SYNC_X86_REGS, RUN_SYNC_BYTES,
} from '../../../src/host/kvm/layout';

const HEADER = '/usr/include/linux/kvm.h';

/** [our value, C expression] pairs; the C side prints each expression as an unsigned long. */
function checks(): Array<[string, number, string]> {
  const out: Array<[string, number, string]> = [];
  const struct = (name: string, layout: Record<string, number>, rename: Record<string, string> = {}) => {
    for (const [field, value] of Object.entries(layout)) {
      if (field === 'size') out.push([`sizeof(${name})`, value, `sizeof(struct ${name})`]);
      else out.push([`${name}.${field}`, value, `offsetof(struct ${name}, ${rename[field] ?? field})`]);
    }
  };
  struct('kvm_userspace_memory_region', MEMORY_REGION);
  struct('kvm_regs', REGS);
  struct('kvm_segment', SEGMENT);
  struct('kvm_dtable', DTABLE);
  struct('kvm_sregs', SREGS);
  struct('kvm_cpuid2', CPUID2);
  struct('kvm_cpuid_entry2', CPUID_ENTRY2);
  struct('kvm_stats_header', STATS_HEADER);
  struct('kvm_stats_desc', STATS_DESC, { size_field: 'size' });
  // kvm_run's union members: io_direction → io.direction, fail_entry_cpu → fail_entry.cpu …
  const members = ['fail_entry', 'internal', 'mmio', 'io', 'hw', 's'];
  for (const [field, value] of Object.entries(RUN)) {
    const member = members.find((m) => field.startsWith(`${m}_`));
    const path = member ? `${member}.${field.slice(member.length + 1)}` : field;
    out.push([`kvm_run.${path}`, value, `offsetof(struct kvm_run, ${path})`]);
  }
  for (const [name, value] of Object.entries(IOCTL)) out.push([name, value, name]);
  for (const [name, value] of Object.entries(CAP)) out.push([name, value, name]);
  EXIT_REASON_NAMES.forEach((name, value) => out.push([name, value, name]));
  out.push(['KVM_API_VERSION', KVM_API_VERSION, 'KVM_API_VERSION']);
  out.push(['KVM_SYNC_X86_REGS', KVM_SYNC_X86_REGS, 'KVM_SYNC_X86_REGS']);
  out.push(['RUN_SYNC_BYTES', RUN_SYNC_BYTES, 'offsetof(struct kvm_run, s.regs) + sizeof(struct kvm_regs)']);
  return out;
}

test('struct layouts, ioctl numbers, capabilities and exit reasons match linux/kvm.h', (t) => {
  if (!existsSync(HEADER)) return t.skip(`${HEADER} is missing (apt-get install linux-libc-dev)`);
  if (spawnSync('gcc', ['--version']).status !== 0) return t.skip('gcc is not installed (apt-get install gcc)');
  const list = checks();
  const dir = mkdtempSync(join(tmpdir(), 'kvm-layout-'));
  try {
    const c = [
      '#include <stdio.h>', '#include <stddef.h>', '#include <linux/kvm.h>', 'int main(void) {',
      ...list.map(([, , expr]) => `  printf("%lu\\n", (unsigned long)(${expr}));`),
      '  return 0;', '}',
    ].join('\n');
    writeFileSync(join(dir, 'layout.c'), c);
    const cc = spawnSync('gcc', ['-o', join(dir, 'layout'), join(dir, 'layout.c')], { encoding: 'utf8' });
    assert.equal(cc.status, 0, `gcc failed: ${cc.stderr}`);
    const run = spawnSync(join(dir, 'layout'), { encoding: 'utf8' });
    const values = run.stdout.trim().split('\n').map(Number);
    assert.equal(values.length, list.length);
    const wrong = list.flatMap(([name, ours], i) => (ours === values[i] ? [] : [`${name}: ours ${ours}, kvm.h ${values[i]}`]));
    assert.deepEqual(wrong, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('kvm_regs holds the eighteen registers in kvm.h order, 8 bytes apart', () => {
  assert.equal(REGS_ORDER.length * 8, REGS.size);
  assert.deepEqual(SREGS_SEGMENTS.map((s) => SREGS[s]), [0, 24, 48, 72, 96, 120, 144, 168]);
});
