import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COST_MODELS, ERAS, type Era, type Mode } from '../../../src/core/sim';
import { run } from './helpers';

/**
 * A kernel that switches address spaces and toggles interrupts, with user code making system
 * calls: many privileged operations, as in Adams & Agesen's measurements.
 */
const PRIVILEGED_WORKLOAD = `
_start:
    mov r7, 0x8000
    mov r6, 0
fill: mov [r7], syscall
    add r7, 4
    inc r6
    cmp r6, 0x82
    jnz fill
    lidt [idtr]
    push 0x202
    push 3
    push user
    iret
user:
    mov r5, 300
again:
    int 0x80
    dec r5
    jnz again
    int 0x81
syscall:
    cmp r5, 0
    jz finish
    cli
    mov r1, r5
    and r1, 1
    add r1, 0x4000
    mov cr3, r1
    sti
    iret
finish:
    hlt
.align 4
idtr: .byte 0x07, 0x02
    .word 0x8000
`;

const cycles = (mode: Mode, era: Era) => run(PRIVILEGED_WORKLOAD, mode, { era }).stats.cycles;

test('early VT-x: binary translation beats hardware assistance on privileged-heavy work (Adams & Agesen 2006)', () => {
  assert.ok(cycles('bt', 'early-vtx') < cycles('vtx', 'early-vtx'), `bt ${cycles('bt', 'early-vtx')} vs vtx ${cycles('vtx', 'early-vtx')}`);
});

test('current CPU: VT-x (with EPT) beats binary translation on the same work', () => {
  assert.ok(cycles('vtx', 'current') < cycles('bt', 'current'), `vtx ${cycles('vtx', 'current')} vs bt ${cycles('bt', 'current')}`);
});

test('system calls: cheap under VT-x, costly under ring deprivileging, in both eras', () => {
  const syscalls = PRIVILEGED_WORKLOAD.replace('    mov cr3, r1\n', '');
  for (const era of ERAS) {
    const trap = run(syscalls, 'trap', { era }).stats;
    const vtx = run(syscalls, 'vtx', { era }).stats;
    assert.ok(vtx.cycles * 3 < trap.cycles, `${era}: vtx ${vtx.cycles} vs trap ${trap.cycles}`);
    assert.ok(trap.traps >= 600);
    // Besides HLT only EPT's first touches of guest-physical pages exit (era current).
    const { EPT_VIOLATION: firstTouches = 0, ...others } = vtx.vmexits;
    assert.deepEqual(others, { HLT: 1 });
    assert.equal(firstTouches, vtx.memory.eptViolations);
  }
});

test('the workload gives the same result in every mode', () => {
  const native = run(PRIVILEGED_WORKLOAD, 'native');
  assert.equal(native.exit.reason, 'hlt');
  for (const mode of ['emulate', 'bt', 'vtx', 'trap', 'paravirt'] as const) {
    const r = run(PRIVILEGED_WORKLOAD, mode);
    assert.deepEqual([r.exit, r.registers], [native.exit, native.registers], mode);
  }
});

test('a VM exit got much cheaper between the eras; native costs do not depend on VMM costs', () => {
  assert.ok(COST_MODELS['early-vtx'].vmExit >= 3 * COST_MODELS.current.vmExit);
  assert.equal(COST_MODELS['early-vtx'].ept, false);
  assert.equal(COST_MODELS.current.ept, true);
  assert.equal(run('cli\nsti\nhlt', 'native', { costs: { trap: 1e6, vmExit: 1e6 } }).stats.cycles, run('cli\nsti\nhlt').stats.cycles);
});

test('docs/cost-model.md documents every default of both eras', () => {
  const doc = readFileSync(join(__dirname, '../../../docs/cost-model.md'), 'utf8');
  for (const era of ERAS) {
    for (const [key, value] of Object.entries(COST_MODELS[era])) {
      if (key === 'era' || key === 'label') continue;
      assert.ok(doc.includes(`\`${key}\``), `${key} is documented`);
      if (typeof value === 'number') assert.ok(doc.includes(value.toLocaleString('en-US')) || doc.includes(String(value)), `${era}.${key} = ${value} appears`);
    }
  }
  assert.match(doc, /Adams/);
  assert.match(doc, /estimate/i);
});
