/** The `--json` form of a real-KVM run: the result as is, guest RAM as base64 and only on request (64 KiB). */
import type { KvmRunResult } from './runner';

export type KvmRunJson = Omit<KvmRunResult, 'memory'> & { memory?: string };

export function kvmResultJson(result: KvmRunResult, options: { memory?: boolean } = {}): KvmRunJson {
  const { memory, ...rest } = result;
  return options.memory ? { ...rest, memory: Buffer.from(memory.buffer, memory.byteOffset, memory.byteLength).toString('base64') } : rest;
}
