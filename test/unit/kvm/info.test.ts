/** kvm-info: the host description from /proc/cpuinfo and /sys/module, and the measurement on real KVM (bounded by counts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeHost, kvmInfo } from '../../../src/host/kvm';
import { kvmSkipReason } from './helpers';

test('a PVM host inside a VM, and a bare-metal Intel host', () => {
  const pvm = describeHost({ cpuinfo: 'vendor_id\t: AuthenticAMD\nflags\t\t: fpu sse2 hypervisor lm\n', modules: (m) => m === 'kvm' || m === 'kvm_pvm' });
  assert.deepEqual({ ...pvm, kernel: '' }, { vendor: 'AuthenticAMD', virtualized: true, hardwareVirtualization: 'none', backend: 'kvm_pvm', nested: true, pvm: true, kernel: '' });
  const metal = describeHost({ cpuinfo: 'vendor_id\t: GenuineIntel\nflags\t\t: fpu vmx ept lm\n', modules: (m) => m === 'kvm_intel' });
  assert.deepEqual({ ...metal, kernel: '' }, { vendor: 'GenuineIntel', virtualized: false, hardwareVirtualization: 'vmx', backend: 'kvm_intel', nested: false, pvm: false, kernel: '' });
});

test('kvmInfo: API 12, the required capabilities, KVM\'s CPUID signature and positive exit costs', (t) => {
  const skip = kvmSkipReason();
  if (skip) return t.skip(skip);
  const info = kvmInfo({ iterations: 50, rounds: 1 });
  assert.equal(info.apiVersion, 12);
  assert.equal(info.capabilities.KVM_CAP_USER_MEMORY, 1);
  assert.ok((info.capabilities.KVM_CAP_NR_VCPUS ?? 0) >= 1);
  assert.ok(info.vcpuMmapSize >= 4096);
  assert.deepEqual(info.guestCpuid.signature, 'KVMKVMKVM');
  assert.equal(info.guestCpuid.hypervisorBit, true);
  assert.ok(info.exitCosts.ioToUserSpace.microseconds > 0);
  assert.equal(info.exitCosts.cpuidInKernel.iterations, 500);
  assert.ok(info.emulatedInstructionShare >= 0 && info.emulatedInstructionShare <= 1);
});
