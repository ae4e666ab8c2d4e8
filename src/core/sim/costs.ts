/**
 * Cost model of both eras, in CPU cycles of the era's processor. Every default, its source and how
 * sure we are of it: docs/cost-model.md. Several are estimates; the lesson depends on their
 * ratios (a VM exit then and now, a binary-translation callout, a trap), not on exact values.
 */
import type { CostModel, Era, MeasuredExitCosts } from './api';

export const COST_MODELS: Readonly<Record<Era, Readonly<CostModel>>> = {
  'early-vtx': Object.freeze({
    era: 'early-vtx',
    label: { en: 'first-generation VT-x (Pentium 4, 2006)', 'zh-cn': '第一代 VT-x（Pentium 4，2006 年）' },
    direct: 1,
    emulatedInstruction: 10,
    trap: 1000,
    vmmEmulation: 150,
    vmExit: 2400,
    userspaceExit: 12000,
    hypercall: 600,
    translateInstruction: 300,
    callout: 100,
    exceptionDelivery: 250,
    deviceAccess: 400,
    shadowPageTableSwitch: 1500,
    ept: false,
    pageWalkReference: 20,
    hiddenPageFault: 2000,
    shadowUpdate: 1800,
    eptViolation: 4000,
    tlbFlush: 200,
  }),
  current: Object.freeze({
    era: 'current',
    label: { en: 'current CPU (VT-x with EPT, about 2020)', 'zh-cn': '当代 CPU（带 EPT 的 VT-x，约 2020 年）' },
    direct: 1,
    emulatedInstruction: 8,
    trap: 400,
    vmmEmulation: 100,
    vmExit: 500,
    userspaceExit: 6000,
    hypercall: 200,
    translateInstruction: 150,
    callout: 60,
    exceptionDelivery: 100,
    deviceAccess: 200,
    shadowPageTableSwitch: 800,
    ept: true,
    pageWalkReference: 10,
    hiddenPageFault: 1000,
    shadowUpdate: 900,
    eptViolation: 2500,
    tlbFlush: 100,
  }),
};

/**
 * The era `this-machine`: the `current` model with its exit costs replaced by the round trips
 * measured on this host's real KVM (docs/cost-model.md, "This machine"), converted to cycles at the
 * host's clock rate. The measured I/O round trip is what `vtx` charges for an exit to user space
 * (`vmExit` + `userspaceExit`); the measured CPUID round trip is an exit handled in the kernel
 * (`vmExit` + `vmmEmulation`), split in the `current` era's proportion. Everything else (direct
 * instructions, traps, translation …) has no counterpart measurable here and stays `current`'s.
 */
export function thisMachineCostModel(measured: MeasuredExitCosts): CostModel {
  const base = COST_MODELS.current;
  const cycles = (us: number) => Math.max(0, Math.round(us * measured.cyclesPerMicrosecond));
  const inKernel = cycles(measured.inKernelExitMicroseconds);
  const vmExit = Math.max(1, Math.round((inKernel * base.vmExit) / (base.vmExit + base.vmmEmulation)));
  const mhz = Math.round(measured.cyclesPerMicrosecond);
  return {
    ...base,
    label: {
      en: `this machine (measured on its KVM: I/O exit ${measured.ioToUserSpaceMicroseconds.toFixed(1)} µs, CPUID exit ${measured.inKernelExitMicroseconds.toFixed(2)} µs, at ${mhz} MHz)`,
      'zh-cn': `本机（在本机 KVM 上测得：I/O 退出 ${measured.ioToUserSpaceMicroseconds.toFixed(1)} 微秒，CPUID 退出 ${measured.inKernelExitMicroseconds.toFixed(2)} 微秒，${mhz} MHz）`,
    },
    measured: { ...measured },
    vmExit,
    vmmEmulation: Math.max(0, inKernel - vmExit),
    userspaceExit: Math.max(0, cycles(measured.ioToUserSpaceMicroseconds) - vmExit),
  };
}

/** The cost model of a run: the era's defaults (or `base`, e.g. a measured model) with the given overrides (non-negative numbers only). */
export function costModel(era: Era, overrides?: Partial<Omit<CostModel, 'era' | 'label'>>, injected?: Readonly<CostModel>): CostModel {
  const base = injected ?? COST_MODELS[era] ?? COST_MODELS.current;
  const model: CostModel = { ...base, label: { ...base.label }, ...(base.measured ? { measured: { ...base.measured } } : {}) };
  if (overrides) {
    for (const [key, value] of Object.entries(overrides)) {
      if (!(key in model) || key === 'era' || key === 'label') continue;
      if (key === 'ept') {
        if (typeof value === 'boolean') model.ept = value;
      } else if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
        (model as unknown as Record<string, number>)[key] = value;
      }
    }
  }
  return model;
}
