/**
 * Why KVM_RUN returned, decoded from the `kvm_run` page in ONE place (as rust-vmm's `VcpuExit`).
 * `header` is the copied start of the page; `readData` copies bytes from elsewhere in the page
 * (an I/O exit's data lies at `io.data_offset`, usually on the page after the header).
 */
import { EXIT, IO_DIRECTION, RUN, exitReasonName } from './layout';

export type VcpuExit =
  | { kind: 'io'; port: number; direction: 'in' | 'out'; size: 1 | 2 | 4; count: number; dataOffset: number; data: Uint8Array }
  | { kind: 'mmio'; address: number; isWrite: boolean; length: number; data: Uint8Array }
  | { kind: 'hlt' }
  | { kind: 'shutdown' }
  | { kind: 'fail-entry'; hardwareEntryFailureReason: number; cpu: number }
  | { kind: 'internal-error'; suberror: number; data: number[] }
  | { kind: 'unknown'; reason: number; name: string };

/** The KVM_EXIT_* name of an exit (for counting by name). */
export function exitName(e: VcpuExit): string {
  switch (e.kind) {
    case 'io': return 'KVM_EXIT_IO';
    case 'mmio': return 'KVM_EXIT_MMIO';
    case 'hlt': return 'KVM_EXIT_HLT';
    case 'shutdown': return 'KVM_EXIT_SHUTDOWN';
    case 'fail-entry': return 'KVM_EXIT_FAIL_ENTRY';
    case 'internal-error': return 'KVM_EXIT_INTERNAL_ERROR';
    case 'unknown': return e.name;
  }
}

/** KVM_INTERNAL_ERROR_* suberrors, for the message. */
const SUBERRORS = ['', 'emulation failure', 'simultaneous #PF while delivering an event', 'delivery of an event failed', 'unexpected exit reason'];

export function describeInternalError(suberror: number): string {
  return SUBERRORS[suberror] || `suberror ${suberror}`;
}

export function decodeExit(header: Uint8Array, readData: (offset: number, length: number) => Uint8Array): VcpuExit {
  const v = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const reason = v.getUint32(RUN.exit_reason, true);
  switch (reason) {
    case EXIT.IO: {
      const size = header[RUN.io_size] as 1 | 2 | 4;
      const count = v.getUint32(RUN.io_count, true);
      const dataOffset = Number(v.getBigUint64(RUN.io_data_offset, true));
      const direction = header[RUN.io_direction] === IO_DIRECTION.OUT ? 'out' : 'in';
      // OUT carries the guest's bytes; IN's buffer is ours to fill, so nothing to copy.
      const data = direction === 'out' ? readData(dataOffset, size * count) : new Uint8Array(size * count);
      return { kind: 'io', port: v.getUint16(RUN.io_port, true), direction, size, count, dataOffset, data };
    }
    case EXIT.MMIO: {
      const length = v.getUint32(RUN.mmio_len, true);
      return {
        kind: 'mmio', address: Number(v.getBigUint64(RUN.mmio_phys_addr, true)), isWrite: header[RUN.mmio_is_write] !== 0, length,
        data: header.slice(RUN.mmio_data, RUN.mmio_data + Math.min(length, 8)),
      };
    }
    case EXIT.HLT: return { kind: 'hlt' };
    case EXIT.SHUTDOWN: return { kind: 'shutdown' };
    case EXIT.FAIL_ENTRY:
      return { kind: 'fail-entry', hardwareEntryFailureReason: Number(v.getBigUint64(RUN.fail_entry_hardware_entry_failure_reason, true)), cpu: v.getUint32(RUN.fail_entry_cpu, true) };
    case EXIT.INTERNAL_ERROR: {
      const ndata = Math.min(v.getUint32(RUN.internal_ndata, true), 4);
      const data: number[] = [];
      for (let i = 0; i < ndata; i++) data.push(Number(v.getBigUint64(RUN.internal_data + 8 * i, true)));
      return { kind: 'internal-error', suberror: v.getUint32(RUN.internal_suberror, true), data };
    }
    default:
      return { kind: 'unknown', reason, name: exitReasonName(reason) };
  }
}

/** Little-endian value of up to 4 bytes. */
export function littleEndian(bytes: Uint8Array, at = 0, length = bytes.length - at): number {
  let v = 0;
  for (let i = Math.min(length, 4) - 1; i >= 0; i--) v = v * 256 + bytes[at + i];
  return v >>> 0;
}
