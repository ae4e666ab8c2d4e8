/**
 * KVM's binary statistics (KVM_GET_STATS_FD, Documentation/virt/kvm/api.rst 4.133): a header,
 * one descriptor per counter, then the values, all read with pread from the stats fd. The
 * descriptors never change for an fd, so they are read once; the values are read on demand.
 */
import type { Libc } from './ffi';
import { STATS_DESC, STATS_HEADER, STATS_TYPE_MASK, STATS_TYPE_NAMES } from './layout';
import { errors } from './errors';

export interface StatDescriptor {
  name: string;
  type: string;
  /** Number of u64 values (1 for a counter; buckets for a histogram). */
  size: number;
  /** Byte offset of the first value from the header's data_offset. */
  offset: number;
}

export class StatsReader {
  readonly descriptors: StatDescriptor[];
  private readonly dataOffset: number;
  private readonly dataLength: number;

  constructor(private readonly libc: Libc, private readonly fd: number) {
    const header = this.pread(STATS_HEADER.size, 0);
    const nameSize = header.readUInt32LE(STATS_HEADER.name_size);
    const count = header.readUInt32LE(STATS_HEADER.num_desc);
    const descOffset = header.readUInt32LE(STATS_HEADER.desc_offset);
    this.dataOffset = header.readUInt32LE(STATS_HEADER.data_offset);
    const descSize = STATS_DESC.size + nameSize;
    const all = this.pread(descSize * count, descOffset);
    this.descriptors = [];
    let end = 0;
    for (let i = 0; i < count; i++) {
      const at = i * descSize;
      const flags = all.readUInt32LE(at + STATS_DESC.flags);
      const size = all.readUInt16LE(at + STATS_DESC.size_field);
      const offset = all.readUInt32LE(at + STATS_DESC.offset);
      const nameBytes = all.subarray(at + STATS_DESC.name, at + descSize);
      const nul = nameBytes.indexOf(0);
      const name = nameBytes.subarray(0, nul < 0 ? nameBytes.length : nul).toString('latin1');
      this.descriptors.push({ name, type: STATS_TYPE_NAMES[flags & STATS_TYPE_MASK] ?? `type-${flags & STATS_TYPE_MASK}`, size, offset });
      end = Math.max(end, offset + size * 8);
    }
    this.dataLength = end;
  }

  /** Every counter by name; a histogram counts as the sum of its buckets. */
  read(): Record<string, number> {
    const data = this.pread(this.dataLength, this.dataOffset);
    const out: Record<string, number> = {};
    for (const d of this.descriptors) {
      let v = 0n;
      for (let i = 0; i < d.size; i++) v += data.readBigUInt64LE(d.offset + 8 * i);
      out[d.name] = Number(v);
    }
    return out;
  }

  private pread(length: number, offset: number): Buffer {
    const b = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const n = this.libc.pread(this.fd, done === 0 ? b : b.subarray(done), length - done, offset + done);
      if (n < 0) throw errors.ioctl('reading the KVM statistics', this.libc.errno());
      if (n === 0) break;
      done += n;
    }
    return b;
  }
}

