/** Shared helpers of the simulator tests: assemble-or-fail and one-call runs. */
import assert from 'node:assert/strict';
import { assemble, runProgram, Simulation, type Mode, type Program, type RunResult, type SimulationOptions } from '../../../src/core/sim';

export function program(source: string): Program {
  const r = assemble(source, { fileName: 'test.vmasm' });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors, [], `program should assemble:\n${source}`);
  assert.ok(r.program);
  return r.program;
}

export function run(source: string, mode: Mode = 'native', options: Partial<SimulationOptions> = {}): RunResult {
  return runProgram(program(source), { mode, ...options });
}

export function simulate(source: string, mode: Mode = 'native', options: Partial<SimulationOptions> = {}): Simulation {
  const sim = new Simulation(program(source), { mode, ...options });
  while (!sim.isFinished) sim.run();
  return sim;
}

/** Errors of a source that must not assemble. */
export function errorsOf(source: string) {
  const r = assemble(source, { fileName: 'bad.vmasm' });
  assert.equal(r.program, undefined, 'program should not assemble');
  return r.diagnostics.filter((d) => d.severity === 'error');
}

/** An IDT at 0x8000 with every vector pointing at `handler`, loaded by the code this returns. */
export const IDT_SETUP = `
    mov r7, 0x8000
    mov r6, 0
fill_idt:
    mov [r7], handler
    add r7, 4
    inc r6
    cmp r6, 64
    jnz fill_idt
    lidt [idtr]
`;
export const IDT_DATA = `
.align 4
idtr: .byte 0xFF, 0x00
      .word 0x8000
`;
