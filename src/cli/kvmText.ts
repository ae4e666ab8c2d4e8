/** The text forms of a real-KVM run and of `kvm-info`, for people (the JSON forms are the objects themselves). */
import type { KvmExitRecord, KvmInfo, KvmRunResult } from '../host/kvm/index';
import { describeExit } from '../host/kvm/compare';
import { countsText, serialLines } from './guest';

/** Exit log lines printed before "… and N more". */
const LOG_LINES = 40;

export function kvmRunText(path: string, r: KvmRunResult): string {
  const h = r.host;
  const lines = [`${path}: mode kvm, the real /dev/kvm of this machine (KVM API ${h.apiVersion}, ${hostText(h)})`];
  lines.push(...serialLines(r.serial));
  const code = r.exit.code === undefined ? '' : ` (code ${r.exit.code})`;
  lines.push(`exit: ${r.exit.reason}${code}${r.exit.line > 0 ? ` at line ${r.exit.line}` : ''}`);
  if (r.exit.message) lines.push(`  why: ${r.exit.message}`);
  lines.push(`instructions: ${r.stats.instructions}`);
  lines.push(`exits to user space: ${countsText(r.stats.kvmExits)}`);
  for (const e of r.exitLog.slice(0, LOG_LINES)) lines.push(`  ${e.line > 0 ? `line ${e.line}` : '(runner)'}: ${describeExit(userExitOf(e))}`);
  if (r.exitLog.length > LOG_LINES) lines.push(`  … and ${r.exitLog.length - LOG_LINES} more (--json has them all)`);
  const stats = Object.entries(r.kvmStats).filter(([, v]) => v !== 0);
  lines.push(`KVM's counters on this host (never compared with the model): ${stats.length > 0 ? stats.map(([k, v]) => `${k} ${v}`).join(', ') : 'none'}`);
  return lines.join('\n') + '\n';
}

export function kvmInfoText(i: KvmInfo): string {
  const caps = Object.entries(i.capabilities).map(([k, v]) => `${k.replace(/^KVM_CAP_/, '')}=${v}`).join(', ');
  const c = i.exitCosts;
  return [
    `KVM API version: ${i.apiVersion}`,
    `host: ${hostText(i.host)}, kernel ${i.host.kernel}`,
    `capabilities: ${caps}`,
    `a guest sees: vendor '${i.guestCpuid.vendor}', hypervisor bit ${i.guestCpuid.hypervisorBit ? 'set' : 'clear'}, signature '${i.guestCpuid.signature}'`,
    `measured round trips on this host (median of rounds):`,
    `  I/O exit to user space (KVM_RUN → KVM_EXIT_IO → KVM_RUN): ${c.ioToUserSpace.microseconds.toFixed(2)} µs  (${c.ioToUserSpace.iterations} exits)`,
    `  CPUID exit handled in the kernel: ${c.cpuidInKernel.microseconds.toFixed(2)} µs  (${c.cpuidInKernel.iterations} exits)`,
    `guest instructions KVM emulated instead of running them on the CPU: ${(i.emulatedInstructionShare * 100).toFixed(0)}%` +
      (i.emulatedInstructionShare > 0.5 ? ' (a software KVM such as PVM: exits and costs here are this host\'s)' : ''),
  ].join('\n') + '\n';
}

function hostText(h: KvmRunResult['host'] | KvmInfo['host']): string {
  const hw = h.hardwareVirtualization === 'none' ? 'no VT-x/AMD-V in the CPU flags' : h.hardwareVirtualization.toUpperCase();
  const nested = h.pvm ? 'nested: PVM, a KVM inside a virtual machine' : h.nested ? 'nested: the CPU is itself virtual' : 'not nested';
  return `${h.vendor}, ${hw}, backend ${h.backend}, ${nested}`;
}

function userExitOf(e: KvmExitRecord) {
  switch (e.kind) {
    case 'io': return { kind: 'io' as const, port: e.port, direction: e.direction, size: e.size, data: e.data };
    case 'mmio': return { kind: 'mmio' as const, address: e.address, isWrite: e.isWrite, data: e.data };
    case 'hlt': case 'shutdown': return { kind: e.kind };
    default: return { kind: 'hypercall' as const };
  }
}
