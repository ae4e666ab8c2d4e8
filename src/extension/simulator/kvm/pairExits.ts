/**
 * The panel's exit table: the real run's exits to user space beside the simulated `vtx` run's,
 * index by index, each with a match flag. What "match" means is the shared comparison's
 * (src/host/kvm/compare.ts: kind, line, and port, direction, size and data of I/O; address,
 * direction and, where both know it, data of MMIO); the list of differences comes from there too.
 * Pure: no vscode, no Node, no KVM.
 */
import type { UserSpaceExit } from '../../../core/sim/api';
import type { KvmExitRecord } from '../../../host/kvm/runner';
import type { KvmPanelExit } from '../../../shared/kvmProtocol';

export type PlacedExit = UserSpaceExit & { line: number };

const KVM_EXIT_NAMES: Record<UserSpaceExit['kind'], string> = {
  io: 'KVM_EXIT_IO', mmio: 'KVM_EXIT_MMIO', hlt: 'KVM_EXIT_HLT', shutdown: 'KVM_EXIT_SHUTDOWN', hypercall: 'KVM_EXIT_HYPERCALL',
};

const hex = (n: number) => `0x${(n >>> 0).toString(16)}`;

/** "out 0x3f8 ← 0x54 'T'": what the device model saw, as a learner would say it. */
export function describeAccess(e: UserSpaceExit): string {
  switch (e.kind) {
    case 'io': {
      const ch = e.size === 1 && e.data >= 0x20 && e.data < 0x7f ? ` '${String.fromCharCode(e.data)}'` : '';
      return e.direction === 'out' ? `out ${hex(e.port)} ← ${hex(e.data)}${ch}` : `in ${hex(e.port)} → ${hex(e.data)}`;
    }
    case 'mmio': {
      const data = e.data === undefined ? '' : ` ${e.isWrite ? '←' : '→'} ${hex(e.data)}`;
      return `${e.isWrite ? 'store' : 'load'} ${hex(e.address)}${data}`;
    }
    default:
      return '';
  }
}

function sameExit(a: PlacedExit, b: PlacedExit): boolean {
  if (a.kind !== b.kind || a.line !== b.line) return false;
  if (a.kind === 'io' && b.kind === 'io') return a.port === b.port && a.direction === b.direction && a.size === b.size && a.data === b.data;
  if (a.kind === 'mmio' && b.kind === 'mmio') return a.address === b.address && a.isWrite === b.isWrite && (a.data === undefined || b.data === undefined || a.data === b.data);
  return true;
}

/** The row at `index`: the real exit there (if any) beside the simulated one (if any); a missing side never matches. */
export function pairRow(index: number, r: PlacedExit | undefined, s: PlacedExit | undefined): KvmPanelExit {
  return {
    index,
    exit: r ? KVM_EXIT_NAMES[r.kind] : '',
    line: r?.line ?? 0,
    detail: r ? describeAccess(r) : '',
    ...(s ? { simulated: { exit: KVM_EXIT_NAMES[s.kind], line: s.line } } : {}),
    match: !!r && !!s && sameExit(r, s),
  };
}

/** A runner exit record as a placed exit (the runner's `other` is an exit the simulator cannot make). */
export function placedOfRecord(r: KvmExitRecord): PlacedExit {
  switch (r.kind) {
    case 'io': return { kind: 'io', port: r.port, direction: r.direction, size: r.size, data: r.data, line: r.line };
    case 'mmio': return { kind: 'mmio', address: r.address, isWrite: r.isWrite, data: r.data, line: r.line };
    case 'hlt': case 'shutdown': return { kind: r.kind, line: r.line };
    default: return { kind: 'hypercall', line: r.line };
  }
}
