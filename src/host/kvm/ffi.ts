/**
 * The few libc calls the KVM API needs, through koffi (prebuilt, no compiler), loaded lazily so
 * that the extension and the CLI work where koffi is absent. Native memory (the `kvm_run` page,
 * guest RAM) is only ever COPIED in and out (`koffi.decode`/`koffi.encode`), never viewed through
 * an external ArrayBuffer (`koffi.view`): VS Code's Electron forbids those.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { errors } from './errors';

/** A native address (koffi represents pointers as bigint). */
export type Address = bigint;

export interface Libc {
  /** -1 on failure, then `errno()` says why. */
  open(path: string, flags: number): number;
  close(fd: number): number;
  /** `arg`: a number passed as unsigned long, or a buffer whose address is passed (the kernel reads/writes it in place). */
  ioctl(fd: number, request: number, arg?: number | Uint8Array): number;
  /** Anonymous or file mapping; undefined on failure. */
  mmap(length: number, prot: number, flags: number, fd: number, offset: number): Address | undefined;
  munmap(address: Address, length: number): number;
  pread(fd: number, into: Uint8Array, length: number, offset: number): number;
  errno(): number;
  /** Copies `length` bytes at `address + offset` out of native memory. */
  copyOut(address: Address, offset: number, length: number): Uint8Array;
  /** Copies `bytes` into native memory at `address + offset`. */
  copyIn(address: Address, offset: number, bytes: Uint8Array): void;
  /** Copies `into.length` bytes at `address + offset` into a buffer the caller reuses (the per-exit path: no allocation). */
  copyOutInto(address: Address, offset: number, into: Uint8Array): void;
}

export const O_RDWR = 2;
export const O_RDONLY = 0;
export const O_CLOEXEC = 0x80000;
export const PROT_READ = 1;
export const PROT_WRITE = 2;
export const MAP_SHARED = 1;
export const MAP_PRIVATE = 2;
export const MAP_ANONYMOUS = 0x20;
export const MAP_NORESERVE = 0x4000;

type Koffi = typeof import('koffi', { with: { 'resolution-mode': 'require' } });

let cached: Libc | undefined;

/**
 * libc through koffi, or a KvmError('no-ffi') saying why it cannot be had. `requireKoffi` replaces
 * the module load (tests simulate a missing or broken koffi with it).
 */
export function loadLibc(requireKoffi?: () => unknown): Libc {
  if (cached && !requireKoffi) return cached;
  const firstLine = (e: unknown) => (e instanceof Error ? e.message.split('\n')[0] : String(e));
  let koffi: Koffi;
  try {
    // Required here, not imported at the top: the bundles mark koffi external and must run without it.
    koffi = (requireKoffi ?? requireKoffiModule)() as Koffi;
  } catch (e) {
    throw errors.noFfi(firstLine(e));
  }
  let libc: Libc;
  try {
    libc = bindLibc(koffi);
  } catch (e) {
    throw errors.noFfi(firstLine(e));
  }
  if (!requireKoffi) cached = libc;
  return libc;
}

/**
 * koffi from node_modules (a clone, the npm package), else the copy the linux-x64 VSIX carries
 * beside the bundle (dist/koffi/, staged by scripts/package.mjs: vsce packs no node_modules).
 */
function requireKoffiModule(): unknown {
  try {
    return require('koffi');
  } catch (e) {
    const staged = join(__dirname, 'koffi', 'index.cjs');
    if (existsSync(staged)) return require(staged);
    throw e;
  }
}

function bindLibc(koffi: Koffi): Libc {
  const lib = koffi.load('libc.so.6');
  const open = lib.func('int open(const char *path, int flags)');
  const close = lib.func('int close(int fd)');
  const ioctl = lib.func('int ioctl(int fd, unsigned long request, ...)');
  const mmap = lib.func('void *mmap(void *addr, size_t length, int prot, int flags, int fd, int64_t offset)');
  const munmap = lib.func('int munmap(void *addr, size_t length)');
  const pread = lib.func('int64_t pread(int fd, void *buf, size_t count, int64_t offset)');
  // memcpy into a Buffer of our own: a copy like koffi.decode, without allocating (7× cheaper per exit).
  const memcpy = lib.func('void *memcpy(void *dest, void *src, size_t n)');
  const MAP_FAILED = (1n << 64n) - 1n;
  return {
    open: (path, flags) => open(path, flags | O_CLOEXEC) as number,
    close: (fd) => close(fd) as number,
    ioctl: (fd, request, arg) =>
      (arg === undefined ? ioctl(fd, request, 'unsigned long', 0) : typeof arg === 'number' ? ioctl(fd, request, 'unsigned long', arg) : ioctl(fd, request, 'void *', arg)) as number,
    mmap: (length, prot, flags, fd, offset) => {
      const p = mmap(null, length, prot, flags, fd, offset) as bigint | null;
      if (p === null) return undefined;
      const address = BigInt.asUintN(64, BigInt(koffi.address(p)));
      return address === MAP_FAILED || address === 0n ? undefined : address;
    },
    munmap: (address, length) => munmap(address, length) as number,
    pread: (fd, into, length, offset) => Number(pread(fd, into, length, offset)),
    errno: () => koffi.errno(),
    copyOut: (address, offset, length) => (length === 0 ? new Uint8Array(0) : (koffi.decode(address, offset, 'uint8_t', length) as Uint8Array)),
    copyIn: (address, offset, bytes) => {
      if (bytes.length > 0) koffi.encode(address, offset, 'uint8_t', bytes, bytes.length);
    },
    copyOutInto: (address, offset, into) => {
      if (into.length > 0) memcpy(into, address + BigInt(offset), into.length);
    },
  };
}
