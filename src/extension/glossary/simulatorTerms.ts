/**
 * Which entries the trap-and-emulate simulator demonstrates, so that their hover offers
 * "Try It in the Simulator". The simulator runs a guest program under native execution, pure
 * emulation (TCG), trap-and-emulate, binary translation, paravirtualization and VT-x with KVM
 * (see the guest-machine spec): CPU virtualization as a whole, plus the few I/O and product
 * concepts its lessons show (an exit per UART byte, a paravirtual console, QEMU in user space).
 */
import type { CategoryId, GlossaryEntry } from '../../core/glossary/types';

const SIMULATED_CATEGORIES: ReadonlySet<CategoryId> = new Set<CategoryId>(['cpu', 'hardware', 'kvm-api']);

const SIMULATED_ENTRIES: ReadonlySet<string> = new Set([
  'hypervisor',
  'cpu-virtualization',
  'software-virtualization',
  'hardware-virtualization',
  'full-virtualization',
  'paravirtualization',
  'hardware-assisted-virtualization',
  'emulation',
  'qemu',
  'tcg',
  'qemu-kvm',
  'kvm',
  'kvm-module',
  'vmware',
  'xen',
  'vcpu',
  'world-switch',
  'port-io',
  'mmio',
  'virtio',
]);

export function simulatorDemonstrates(entry: GlossaryEntry): boolean {
  return SIMULATED_CATEGORIES.has(entry.category) || SIMULATED_ENTRIES.has(entry.id);
}
