/** Which memory virtualization each mode uses (spec v2, "How each mode virtualizes memory"). */
import type { Mode, VmxControls } from '../api';
import type { Machine } from '../machine';
import { Ept, type EptExits } from './ept';
import { NativePaging, type MemoryVirtualization } from './mmu';
import { PvMmu } from './pvmmu';
import { ShadowPaging, type MemoryTraps } from './shadow';
import { SoftMmu } from './softmmu';

export function memoryVirtualization(mode: Mode, controls: VmxControls, m: Machine, vmm: MemoryTraps & EptExits): MemoryVirtualization {
  switch (mode) {
    case 'emulate': return new SoftMmu(m);
    case 'trap':
    case 'bt': return new ShadowPaging(m, m.costs, vmm);
    case 'paravirt': return new PvMmu(m, m.costs, vmm);
    case 'vtx': return controls.enableEpt ? new Ept(m, vmm) : new ShadowPaging(m, m.costs, vmm);
    default: return new NativePaging(m);
  }
}
