/**
 * The era `this-machine`: the simulator's cost model with the exit costs measured on this host's
 * real KVM (`kvmInfo`), converted from microseconds to cycles at the CPU's clock rate from
 * /proc/cpuinfo (`cpu MHz`; on CPUs with `constant_tsc` the TSC runs at that rate too). The
 * conversion itself is the core's `thisMachineCostModel`; docs/cost-model.md explains the mapping.
 */
import type { CostModel } from '../../core/sim/api';
import { thisMachineCostModel } from '../../core/sim/costs';
import { errors } from './errors';
import type { KvmInfo } from './info';

/** The measured cost model from `kvm-info`'s result; a KvmError when the clock rate is unknown. */
export function thisMachineCosts(info: KvmInfo): CostModel {
  const mhz = info.host.cpuMhz;
  if (mhz === undefined || !(mhz > 0)) throw errors.noClock();
  return thisMachineCostModel({
    ioToUserSpaceMicroseconds: info.exitCosts.ioToUserSpace.microseconds,
    inKernelExitMicroseconds: info.exitCosts.cpuidInKernel.microseconds,
    cyclesPerMicrosecond: mhz,
    clockSource: 'cpu MHz of /proc/cpuinfo',
  });
}
