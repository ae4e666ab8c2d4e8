/**
 * What kind of machine the KVM runs on, from files any user may read (no dmesg, no root):
 * the CPU vendor and flags in /proc/cpuinfo, and which KVM backend module is loaded
 * (/sys/module/kvm_intel, kvm_amd, or kvm_pvm: PVM, a KVM that runs without VT-x/AMD-V inside
 * a virtual machine).
 */
import { existsSync, readFileSync } from 'node:fs';
import { release } from 'node:os';

export interface KvmHost {
  /** `vendor_id` of /proc/cpuinfo (GenuineIntel, AuthenticAMD …), or 'unknown'. */
  vendor: string;
  /** The host CPU is itself virtual: /proc/cpuinfo shows the `hypervisor` flag. */
  virtualized: boolean;
  /** The host CPU offers hardware virtualization (`vmx` or `svm` flag). */
  hardwareVirtualization: 'vmx' | 'svm' | 'none';
  /** The loaded KVM backend module. */
  backend: 'kvm_intel' | 'kvm_amd' | 'kvm_pvm' | 'unknown';
  /** Nested: KVM here runs inside another hypervisor (PVM or nested VT-x/AMD-V). */
  nested: boolean;
  pvm: boolean;
  kernel: string;
  /** `cpu MHz` of /proc/cpuinfo (with `constant_tsc`, also the TSC's rate): turns measured µs into cycles. */
  cpuMhz?: number;
}

export interface HostFiles {
  cpuinfo?: string;
  modules?: (name: string) => boolean;
}

export function describeHost(files: HostFiles = {}): KvmHost {
  let cpuinfo = files.cpuinfo;
  if (cpuinfo === undefined) {
    try {
      cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      cpuinfo = '';
    }
  }
  const field = (name: string) => new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(cpuinfo ?? '')?.[1]?.trim();
  const flags = new Set((field('flags') ?? '').split(/\s+/));
  const loaded = files.modules ?? ((name: string) => existsSync(`/sys/module/${name}`));
  const backend = loaded('kvm_pvm') ? 'kvm_pvm' : loaded('kvm_intel') ? 'kvm_intel' : loaded('kvm_amd') ? 'kvm_amd' : 'unknown';
  const virtualized = flags.has('hypervisor');
  const mhz = Number(field('cpu MHz'));
  return {
    vendor: field('vendor_id') ?? 'unknown',
    virtualized,
    hardwareVirtualization: flags.has('vmx') ? 'vmx' : flags.has('svm') ? 'svm' : 'none',
    backend,
    nested: virtualized,
    pvm: backend === 'kvm_pvm',
    kernel: release(),
    ...(mhz > 0 ? { cpuMhz: mhz } : {}),
  };
}
