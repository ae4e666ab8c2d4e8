/**
 * The runner's user space (QEMU's part under `vtx`): the same devices, with the same answers, as
 * the simulator's (src/core/sim/devices.ts and the memory bus in machine.ts), so that a program
 * prints and stops alike on both. The timer port 0x40 is outside the real-KVM subset: here it is
 * a port with no device.
 */
import { DEBUG_EXIT_PORT, LINE_STATUS_READY, SERIAL_BASE, SERIAL_LINE_STATUS } from '../../core/sim/devices';
import { MMIO_BASE, SERIAL_LIMIT } from '../../core/sim/machine';

const MMIO_SIZE = 0x1000;
const MMIO_DATA = 0x0;
const MMIO_ADDRESS = 0x4;
const MMIO_LENGTH = 0x8;
const MMIO_DOORBELL = 0xc;

/** Reads guest RAM as the simulator's `read8` does: bytes outside RAM read 0xFF. */
export type RamReader = (address: number, length: number) => Uint8Array;

export class UserSpaceDevices {
  private serialBytes: number[] = [];
  private mmioAddress = 0;
  private mmioLength = 0;

  constructor(private readonly readRam: RamReader) {}

  get serial(): string {
    let text = '';
    for (let i = 0; i < this.serialBytes.length; i += 8192) text += String.fromCharCode(...this.serialBytes.slice(i, i + 8192));
    return text;
  }

  /** IN: the UART's line status, 0 from its other registers, 0xFF where no device answers (zero-extended). */
  portIn(port: number): number {
    if (port >= SERIAL_BASE && port <= SERIAL_BASE + 7) return port === SERIAL_LINE_STATUS ? LINE_STATUS_READY : 0;
    return 0xff;
  }

  /** OUT; returns the debug-exit code when the write stops the machine. */
  portOut(port: number, value: number): number | undefined {
    if (port === SERIAL_BASE) this.send(value & 0xff);
    else if (port === DEBUG_EXIT_PORT) return ((value << 1) | 1) >>> 0;
    return undefined;
  }

  /** An MMIO load: the console page and the open bus both read all ones, as in the simulator. */
  mmioRead(length: number): Uint8Array {
    return new Uint8Array(length).fill(0xff);
  }

  /**
   * An MMIO store. Only 32-bit stores reach the console's registers (the simulator's write32);
   * byte stores there, and every store to the open bus, are lost.
   */
  mmioWrite(address: number, length: number, value: number): void {
    if (length !== 4 || address < MMIO_BASE || address >= MMIO_BASE + MMIO_SIZE) return;
    const offset = address - MMIO_BASE;
    if (offset === MMIO_DATA) this.send(value & 0xff);
    else if (offset === MMIO_ADDRESS) this.mmioAddress = value >>> 0;
    else if (offset === MMIO_LENGTH) this.mmioLength = value >>> 0;
    else if (offset === MMIO_DOORBELL) for (const b of this.readRam(this.mmioAddress, Math.min(this.mmioLength, SERIAL_LIMIT))) this.send(b);
  }

  private send(byte: number): void {
    if (this.serialBytes.length < SERIAL_LIMIT) this.serialBytes.push(byte);
  }
}
