/**
 * `kvm-info`: what this machine's KVM is (API version, capabilities, CPU vendor, whether the host
 * CPU is itself virtual) and what an exit costs here, measured on two hand-assembled guests:
 * - an I/O exit to user space: `out 0x80, al; jmp $-2` re-entered N times (KVM_RUN → KVM_EXIT_IO
 *   → back), the round trip a device model pays per port access;
 * - an exit KVM handles in the kernel: N × `cpuid` in one KVM_RUN, then `hlt`; minus the same
 *   loop without `cpuid`, over N.
 * Both are bounded by counts, never by wall time.
 */
import { performance } from 'node:perf_hooks';
import { Kvm, type OpenKvmOptions, type Vcpu } from './kvm';
import { CAP, type CapName } from './layout';
import { describeHost, type KvmHost } from './host';
import { flatInitialState, TINY_CODE_AT } from './tiny';
import { errors } from './errors';
import { bootVcpu } from './boot';
import type { CpuidEntry } from './structs';

export interface ExitCost {
  /** Microseconds per round trip (median of the rounds). */
  microseconds: number;
  iterations: number;
}

export interface KvmInfo {
  apiVersion: number;
  capabilities: Partial<Record<CapName, number>>;
  vcpuMmapSize: number;
  host: KvmHost;
  /** What KVM_GET_SUPPORTED_CPUID offers a guest: the hypervisor bit and leaf 0x40000000's signature. */
  guestCpuid: { hypervisorBit: boolean; signature: string; vendor: string };
  exitCosts: { ioToUserSpace: ExitCost; cpuidInKernel: ExitCost };
  /**
   * Share of the guest's own instructions that KVM ran in its instruction emulator rather than
   * on the CPU (the stats fd's `insn_emulation` over a loop of plain ALU instructions): near 0 on
   * VT-x/AMD-V; near 1 where, as with PVM and a 32-bit guest, KVM emulates the guest's code.
   */
  emulatedInstructionShare: number;
}

export interface KvmInfoOptions extends OpenKvmOptions {
  /** I/O round trips per measurement (default 2000); the CPUID loop runs ten times as many. */
  iterations?: number;
  /** Measurements whose median is reported (default 3). */
  rounds?: number;
}

/** Describes this machine's KVM and measures its exit costs; throws a KvmError when KVM cannot be used. */
export function kvmInfo(options: KvmInfoOptions = {}): KvmInfo {
  const iterations = Math.max(1, Math.trunc(options.iterations ?? 2000));
  const rounds = Math.max(1, Math.trunc(options.rounds ?? 3));
  const kvm = Kvm.open(options);
  try {
    const capabilities = Object.fromEntries((Object.keys(CAP) as CapName[]).map((name) => [name, kvm.checkExtension(CAP[name])]));
    const cpuid = kvm.supportedCpuid();
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const times = (n: number, f: () => number) => Array.from({ length: n }, f);
    const cpuidLoops = times(rounds, () => 0).map(() => measureCpuid(kvm, cpuid, iterations * 10));
    return {
      apiVersion: kvm.apiVersion,
      capabilities,
      vcpuMmapSize: kvm.vcpuMmapSize(),
      host: describeHost(),
      guestCpuid: guestCpuid(cpuid),
      exitCosts: {
        ioToUserSpace: { microseconds: median(times(rounds, () => measureIoExit(kvm, cpuid, iterations))), iterations },
        cpuidInKernel: { microseconds: median(cpuidLoops.map((l) => l.microseconds)), iterations: iterations * 10 },
      },
      emulatedInstructionShare: median(cpuidLoops.map((l) => l.emulatedShare)),
    };
  } finally {
    kvm.close();
  }
}

function guestCpuid(entries: CpuidEntry[]): KvmInfo['guestCpuid'] {
  const leaf = (fn: number) => entries.find((e) => e.function === fn && e.index === 0);
  const text = (...words: number[]) => Buffer.concat(words.map((w) => { const b = Buffer.alloc(4); b.writeUInt32LE(w >>> 0); return b; })).toString('latin1').replace(/\0+$/, '');
  const l0 = leaf(0);
  const hv = leaf(0x40000000);
  return {
    hypervisorBit: ((leaf(1)?.ecx ?? 0) & 0x80000000) !== 0,
    signature: hv ? text(hv.ebx, hv.ecx, hv.edx) : '',
    vendor: l0 ? text(l0.ebx, l0.edx, l0.ecx) : '',
  };
}

/** Runs `code` at 0x1000 in a fresh flat protected-mode VM; `use` gets its vCPU. */
function withGuest<T>(kvm: Kvm, cpuid: CpuidEntry[], code: number[], use: (vcpu: Vcpu) => T): T {
  const vm = kvm.createVm();
  try {
    const ram = vm.addMemory(0, 0, 0x10000);
    ram.write(TINY_CODE_AT, new Uint8Array(code));
    const vcpu = bootVcpu(vm, flatInitialState(TINY_CODE_AT), cpuid);
    return use(vcpu);
  } finally {
    vm.close();
  }
}

/** `out 0x80, al; jmp $-2`: every KVM_RUN returns with one KVM_EXIT_IO. */
function measureIoExit(kvm: Kvm, cpuid: CpuidEntry[], n: number): number {
  return withGuest(kvm, cpuid, [0xe6, 0x80, 0xeb, 0xfc], (vcpu) => {
    vcpu.run(); // the first entry pays for faulting the code page in
    const start = performance.now();
    for (let i = 0; i < n; i++) vcpu.run();
    const us = ((performance.now() - start) * 1000) / n;
    const e = vcpu.exit();
    if (e.kind !== 'io' || e.port !== 0x80) throw errors.badImage(`the I/O measurement guest stopped with ${e.kind}`);
    return us;
  });
}

/**
 * `mov esi, n; L: xor eax, eax; [cpuid;] dec esi; jnz L; hlt` in one KVM_RUN, with and without
 * `cpuid`: the difference over n is what a CPUID exit handled in the kernel costs. The loop
 * without it also tells how many of its 3n + 2 instructions KVM had to emulate.
 */
function measureCpuid(kvm: Kvm, cpuid: CpuidEntry[], n: number): { microseconds: number; emulatedShare: number } {
  const loop = (withCpuid: boolean): { ms: number; emulated: number } => {
    const body = withCpuid ? [0x31, 0xc0, 0x0f, 0xa2, 0x4e] : [0x31, 0xc0, 0x4e];
    const code = [0xbe, ...le32(n), ...body, 0x75, (-(body.length + 2)) & 0xff, 0xf4];
    return withGuest(kvm, cpuid, code, (vcpu) => {
      const before = vcpu.readStats().insn_emulation ?? 0;
      const start = performance.now();
      vcpu.run();
      const ms = performance.now() - start;
      const e = vcpu.exit();
      if (e.kind !== 'hlt') throw errors.badImage(`the CPUID measurement guest stopped with ${e.kind}`);
      return { ms, emulated: (vcpu.readStats().insn_emulation ?? 0) - before };
    });
  };
  // The fastest of three alternating runs of each loop: load on the host only ever adds time, so the
  // minima are the least disturbed and their difference does not flip sign on a busy machine as
  // the difference of single runs did.
  const runs: { plain: { ms: number; emulated: number }; withCpuid: { ms: number; emulated: number } }[] = [];
  for (let i = 0; i < 3; i++) runs.push({ plain: loop(false), withCpuid: loop(true) });
  const fastest = (xs: { ms: number; emulated: number }[]) => xs.reduce((a, b) => (b.ms < a.ms ? b : a));
  const plain = fastest(runs.map((r) => r.plain));
  const withCpuid = fastest(runs.map((r) => r.withCpuid));
  return { microseconds: Math.max(0, ((withCpuid.ms - plain.ms) * 1000) / n), emulatedShare: Math.min(1, plain.emulated / (3 * n + 2)) };
}

function le32(v: number): number[] {
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
}
