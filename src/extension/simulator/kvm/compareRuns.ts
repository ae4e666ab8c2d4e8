/**
 * The panel's comparison of a real KVM run with the simulated `vtx` run of the same program, as
 * guest-machine.md v2 says they must agree: serial output, the sequence of exits to user space,
 * the exit reason and code, the registers (flags with AF masked: the SDM leaves it undefined
 * after the logical instructions and shifts, and the simulator does not track which one wrote it
 * last) and guest memory. A minimal stand-in until the shared comparison of branch `kvmint` lands.
 * Pure: no vscode, no Node, no KVM; the caller gives both runs.
 */
import type { KvmExitReason, RunResult } from '../../../core/sim/api';
import type { KvmPanelExit, KvmText } from '../../../shared/kvmProtocol';

/** AF (EFLAGS bit 4): undefined after AND/OR/XOR/TEST and the shifts, so never compared. */
export const UNDEFINED_FLAGS_MASK = 0x10;

/** One simulated exit to user space: the `kvm-exit` event's reason and line. */
export interface SimulatedExit {
  exit: KvmExitReason;
  line: number;
}

/** One real exit to user space, as the runner's `exitLog` has it (only what is compared). */
export type RealExit = { exit: string; line: number } & (
  | { kind: 'io'; port: number; direction: 'in' | 'out'; size: number; data: number }
  | { kind: 'mmio'; address: number; isWrite: boolean; length: number; data: number }
  | { kind: 'hlt' | 'shutdown' | 'other' }
);

export interface RealRun {
  exit: { reason: string; code?: number; line: number };
  serial: string;
  registers: Record<string, number>;
  exitLog: readonly RealExit[];
  memory: Uint8Array;
}

export interface SimulatedRun {
  result: RunResult;
  exits: readonly SimulatedExit[];
  memory: Uint8Array;
}

export interface RunComparison {
  /** One per index of the longer exit sequence, real beside simulated, with its match flag. */
  exits: KvmPanelExit[];
  differences: KvmText[];
}

const REGISTERS = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'sp', 'pc', 'flags'] as const;
/** Differences of one kind listed one by one before the rest are summed up. */
const LISTED = 5;

const hex = (n: number) => `0x${(n >>> 0).toString(16)}`;

/** "out 0x3f8 ← 0x54 'T'": what the device model saw, for the exit table. */
export function describeRealExit(e: RealExit): string {
  switch (e.kind) {
    case 'io': {
      const ch = e.size === 1 && e.data >= 0x20 && e.data < 0x7f ? ` '${String.fromCharCode(e.data)}'` : '';
      return e.direction === 'out' ? `out ${hex(e.port)} ← ${hex(e.data)}${ch}` : `in ${hex(e.port)} → ${hex(e.data)}`;
    }
    case 'mmio':
      return e.isWrite ? `store ${hex(e.address)} ← ${hex(e.data)} (${e.length} B)` : `load ${hex(e.address)} → ${hex(e.data)} (${e.length} B)`;
    default:
      return '';
  }
}

function text(en: string, zh: string): KvmText {
  return { en, 'zh-cn': zh };
}

/** Pairs the two exit sequences index by index and lists every difference the spec forbids. */
export function compareRuns(real: RealRun, simulated: SimulatedRun): RunComparison {
  const differences: KvmText[] = [];
  const sim = simulated.result;

  if (real.serial !== sim.serial) {
    differences.push(text(`serial output: ${JSON.stringify(real.serial.slice(0, 80))} on KVM, ${JSON.stringify(sim.serial.slice(0, 80))} simulated`,
      `串口输出：KVM 上为 ${JSON.stringify(real.serial.slice(0, 80))}，模拟为 ${JSON.stringify(sim.serial.slice(0, 80))}`));
  }
  if (real.exit.reason !== sim.exit.reason || real.exit.code !== sim.exit.code || real.exit.line !== sim.exit.line) {
    const r = `${real.exit.reason}${real.exit.code === undefined ? '' : ` ${real.exit.code}`} (line ${real.exit.line})`;
    const s = `${sim.exit.reason}${sim.exit.code === undefined ? '' : ` ${sim.exit.code}`} (line ${sim.exit.line})`;
    differences.push(text(`end of the run: ${r} on KVM, ${s} simulated`, `运行结束：KVM 上为 ${r}，模拟为 ${s}`));
  }

  const exits: KvmPanelExit[] = [];
  const count = Math.max(real.exitLog.length, simulated.exits.length);
  let mismatched = 0;
  for (let index = 0; index < count; index++) {
    const r = real.exitLog[index];
    const s = simulated.exits[index];
    const match = !!r && !!s && r.exit === s.exit && r.line === s.line;
    exits.push({
      index,
      exit: r?.exit ?? '',
      line: r?.line ?? 0,
      detail: r ? describeRealExit(r) : '',
      ...(s ? { simulated: { exit: s.exit, line: s.line } } : {}),
      match,
    });
    if (match) continue;
    if (++mismatched > LISTED) continue;
    const rt = r ? `${r.exit} (line ${r.line})` : 'none';
    const st = s ? `${s.exit} (line ${s.line})` : 'none';
    differences.push(text(`exit to user space #${index + 1}: ${rt} on KVM, ${st} simulated`, `第 ${index + 1} 次用户态退出：KVM 上为 ${rt}，模拟为 ${st}`));
  }
  if (mismatched > LISTED) differences.push(text(`and ${mismatched - LISTED} more exits to user space differ`, `另有 ${mismatched - LISTED} 次用户态退出不同`));

  for (const name of REGISTERS) {
    const mask = name === 'flags' ? ~UNDEFINED_FLAGS_MASK : ~0;
    const r = real.registers[name];
    const s = sim.registers[name];
    if (r === undefined || ((r & mask) >>> 0) === ((s & mask) >>> 0)) continue;
    differences.push(text(`${name}: ${hex(r)} on KVM, ${hex(s)} simulated`, `${name}：KVM 上为 ${hex(r)}，模拟为 ${hex(s)}`));
  }

  const length = Math.min(real.memory.length, simulated.memory.length);
  let firstByte = -1;
  let bytes = 0;
  for (let a = 0; a < length; a++) {
    if (real.memory[a] === simulated.memory[a]) continue;
    if (firstByte < 0) firstByte = a;
    bytes++;
  }
  if (bytes > 0) {
    differences.push(text(`memory: ${bytes} bytes differ, the first at ${hex(firstByte)} (${hex(real.memory[firstByte]!)} on KVM, ${hex(simulated.memory[firstByte]!)} simulated)`,
      `内存：${bytes} 个字节不同，第一个在 ${hex(firstByte)}（KVM 上为 ${hex(real.memory[firstByte]!)}，模拟为 ${hex(simulated.memory[firstByte]!)}）`));
  }
  return { exits, differences };
}
