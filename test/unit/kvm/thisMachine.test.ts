/** The era `this-machine`: measured exit costs become the cost model's cycles (pure, no KVM needed). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COST_MODELS, thisMachineCostModel, runProgram, assemble } from '../../../src/core/sim/index';
import { thisMachineCosts, KvmError, type KvmInfo } from '../../../src/host/kvm';

const measured = { ioToUserSpaceMicroseconds: 20, inKernelExitMicroseconds: 0.6, cyclesPerMicrosecond: 3000, clockSource: 'test' };

test('measured µs become cycles: the I/O round trip is vmExit + userspaceExit, the CPUID one vmExit + vmmEmulation', () => {
  const m = thisMachineCostModel(measured);
  assert.equal(m.vmExit + m.userspaceExit, 60_000);
  assert.equal(m.vmExit + m.vmmEmulation, 1_800);
  const c = COST_MODELS.current;
  assert.equal(m.vmExit, Math.round((1_800 * c.vmExit) / (c.vmExit + c.vmmEmulation)), 'split in the current era\'s proportion');
  assert.equal(m.trap, c.trap, 'what cannot be measured here stays current\'s');
  assert.equal(m.era, 'current');
  assert.deepEqual(m.measured, measured);
  assert.match(m.label.en, /I\/O exit 20\.0 µs, CPUID exit 0\.60 µs, at 3000 MHz/);
  assert.match(m.label['zh-cn'], /本机/);
});

test('a simulation takes the injected model: an exit to user space costs what was measured', () => {
  const { program } = assemble('_start:\n    mov r0, 65\n    out 0x3f8, r0\n    hlt\n');
  const model = thisMachineCostModel(measured);
  const here = runProgram(program!, { mode: 'vtx', costModel: model });
  const current = runProgram(program!, { mode: 'vtx' });
  const exits = 2; // the out and the hlt go to user space
  assert.equal(here.stats.cycles - current.stats.cycles, exits * ((model.vmExit + model.userspaceExit) - (COST_MODELS.current.vmExit + COST_MODELS.current.userspaceExit)));
});

test('thisMachineCosts reads kvm-info\'s measurement; without a clock rate it says so', () => {
  const info = { exitCosts: { ioToUserSpace: { microseconds: 20, iterations: 1 }, cpuidInKernel: { microseconds: 0.6, iterations: 1 } }, host: { cpuMhz: 3000 } } as unknown as KvmInfo;
  assert.equal(thisMachineCosts(info).userspaceExit, thisMachineCostModel(measured).userspaceExit);
  const noClock = { ...info, host: {} } as unknown as KvmInfo;
  assert.throws(() => thisMachineCosts(noClock), (e) => e instanceof KvmError && e.kind === 'no-clock' && /cpu MHz/.test(e.message));
});
