/**
 * Port-mapped devices, the same in every mode (only how a port access reaches them differs):
 * - 0x3F8..0x3FF: a 16550-style UART. OUT 0x3F8 sends a byte; IN 0x3FD reads the line status
 *   (0x60: bit 5 transmitter holding register empty, bit 6 transmitter empty: always ready).
 * - 0xF4: QEMU's isa-debug-exit, a 1-byte port (iosize 1): OUT 0xF4, r stops the machine with exit
 *   code ((r & 0xFF) << 1) | 1. OUT sends the low byte of r (a 1-byte access) to every port but
 *   the timer's.
 * - 0x40: the optional timer (the PIT's channel-0 port, as on a PC). OUT 0x40, r sets the period
 *   to r guest instructions (0: off; the whole register, a 4-byte access: the PIT's byte-wise
 *   programming is not modelled); vector 32 is raised every period instructions while IF = 1.
 *   IN r, 0x40 reads the period back.
 * Ports with no device read as 0xFF (an empty ISA bus) and ignore writes.
 */
import type { Machine } from './machine';

export const SERIAL_BASE = 0x3f8;
export const SERIAL_LINE_STATUS = 0x3fd;
export const DEBUG_EXIT_PORT = 0xf4;
export const TIMER_PORT = 0x40;
export const TIMER_VECTOR = 32;
/** LSR: THRE (bit 5) and TEMT (bit 6). */
export const LINE_STATUS_READY = 0x60;

/** The exit code isa-debug-exit reports for a write of `value` (QEMU: `(val << 1) | 1` of one byte). */
export function debugExitCode(value: number): number {
  return ((value & 0xff) << 1) | 1;
}

/** Bytes an IN or OUT moves at `port`: the timer takes a whole register, every other port a byte. */
export function portAccessSize(port: number): 1 | 4 {
  return port === TIMER_PORT ? 4 : 1;
}

export type DeviceName = 'serial' | 'debug-exit' | 'timer' | 'none';

export function deviceAt(port: number): DeviceName {
  if (port >= SERIAL_BASE && port <= SERIAL_BASE + 7) return 'serial';
  if (port === DEBUG_EXIT_PORT) return 'debug-exit';
  if (port === TIMER_PORT) return 'timer';
  return 'none';
}

export function portRead(m: Machine, port: number): number {
  switch (deviceAt(port)) {
    case 'serial':
      return port === SERIAL_LINE_STATUS ? LINE_STATUS_READY : 0;
    case 'timer':
      return m.timerPeriod;
    default:
      return 0xff;
  }
}

/** Performs an OUT; returns the debug-exit code when the write stops the machine. */
export function portWrite(m: Machine, port: number, value: number): number | undefined {
  switch (deviceAt(port)) {
    case 'serial':
      if (port === SERIAL_BASE) m.serialOut(value);
      return undefined;
    case 'debug-exit':
      return debugExitCode(value);
    case 'timer':
      m.timerPeriod = value >>> 0;
      m.timerCountdown = m.timerPeriod;
      return undefined;
    default:
      return undefined;
  }
}

/** Bilingual description of what a device did, for the event log. */
export function deviceAction(port: number, direction: 'in' | 'out', value: number): { en: string; zh: string } {
  const byte = value & 0xff;
  const ch = byte >= 0x20 && byte < 0x7f ? ` '${String.fromCharCode(byte)}'` : '';
  switch (deviceAt(port)) {
    case 'serial':
      if (direction === 'out' && port === SERIAL_BASE) return { en: `UART: sends byte 0x${byte.toString(16)}${ch}`, zh: `串口：发送字节 0x${byte.toString(16)}${ch}` };
      if (direction === 'in' && port === SERIAL_LINE_STATUS) return { en: 'UART: line status 0x60 (ready to send)', zh: '串口：线路状态 0x60（可发送）' };
      return { en: `UART: register 0x${port.toString(16)} ${direction}`, zh: `串口：寄存器 0x${port.toString(16)} ${direction === 'in' ? '读' : '写'}` };
    case 'debug-exit':
      return { en: `debug-exit: the machine stops with code ${debugExitCode(value)}`, zh: `debug-exit：机器停止，退出码 ${debugExitCode(value)}` };
    case 'timer':
      return direction === 'out'
        ? { en: `timer: period set to ${value >>> 0} instructions`, zh: `定时器：周期设为 ${value >>> 0} 条指令` }
        : { en: 'timer: period read', zh: '定时器：读取周期' };
    default:
      return { en: `port 0x${port.toString(16)}: no device (reads 0xFF)`, zh: `端口 0x${port.toString(16)}：无设备（读出 0xFF）` };
  }
}
