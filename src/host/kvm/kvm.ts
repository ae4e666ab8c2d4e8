/**
 * Typed, owning wrappers of the three KVM file descriptors, after rust-vmm's kvm-ioctls: `Kvm`
 * (/dev/kvm), `Vm` (KVM_CREATE_VM) and `Vcpu` (KVM_CREATE_VCPU). Each owns its fd (and mappings)
 * and releases them in `close()`, which is idempotent; a `Vm` also closes the vCPUs and unmaps
 * the memory it created, so `kvm.close()` after `vm.close()` in a `finally` frees everything.
 */
import { platform as osPlatform, arch as osArch } from 'node:os';
import { loadLibc, MAP_ANONYMOUS, MAP_NORESERVE, MAP_PRIVATE, MAP_SHARED, O_RDWR, PROT_READ, PROT_WRITE, type Address, type Libc } from './ffi';
import { CAP, IOCTL, KVM_API_VERSION, KVM_SYNC_X86_REGS, REGS, RUN, RUN_HEADER_BYTES, RUN_SYNC_BYTES, SREGS, type CapName } from './layout';
import { ERRNO, KvmError, errors } from './errors';
import { cpuidBuffer, decodeCpuid, decodeRegs, decodeSregs, encodeCpuid, encodeMemoryRegion, encodeRegs, encodeSregs, type CpuidEntry, type Regs, type Sregs } from './structs';
import { decodeExit, type VcpuExit } from './exit';
import { StatsReader } from './stats';

export const KVM_DEVICE = '/dev/kvm';

export interface OpenKvmOptions {
  /** Default /dev/kvm (tests point it elsewhere to see the messages). */
  path?: string;
  /** Default libc through koffi (tests inject a fake to simulate failures). */
  libc?: Libc;
  /** Default `os.platform()` / `os.arch()`. */
  platform?: string;
  arch?: string;
}

/** Capabilities the runner cannot work without. */
const REQUIRED_CAPS: CapName[] = ['KVM_CAP_USER_MEMORY', 'KVM_CAP_EXT_CPUID'];

export class Kvm {
  private fd: number;
  readonly apiVersion: number;

  private constructor(readonly libc: Libc, fd: number, readonly path: string) {
    this.fd = fd;
    const version = libc.ioctl(fd, IOCTL.KVM_GET_API_VERSION);
    this.apiVersion = version;
  }

  /** Opens /dev/kvm and checks the API version and required capabilities; throws a KvmError saying what is wrong. */
  static open(options: OpenKvmOptions = {}): Kvm {
    const platform = options.platform ?? osPlatform();
    const arch = options.arch ?? osArch();
    if (platform !== 'linux' || arch !== 'x64') throw errors.platform(platform, arch);
    const libc = options.libc ?? loadLibc();
    const path = options.path ?? KVM_DEVICE;
    const fd = libc.open(path, O_RDWR);
    if (fd < 0) {
      const errno = libc.errno();
      if (errno === ERRNO.ENOENT || errno === ERRNO.ENODEV || errno === ERRNO.ENXIO) throw errors.noDevice(path, errno);
      if (errno === ERRNO.EACCES || errno === ERRNO.EPERM) throw errors.permission(path, errno);
      throw errors.openFailed(path, errno);
    }
    const kvm = new Kvm(libc, fd, path);
    try {
      if (kvm.apiVersion !== KVM_API_VERSION) throw errors.apiVersion(kvm.apiVersion);
      for (const cap of REQUIRED_CAPS) if (kvm.checkExtension(CAP[cap]) <= 0) throw errors.capability(cap);
    } catch (e) {
      kvm.close();
      throw e;
    }
    return kvm;
  }

  /** KVM_CHECK_EXTENSION: 0 when absent, else 1 or a capability-specific number. */
  checkExtension(cap: number): number {
    const r = this.libc.ioctl(this.live(), IOCTL.KVM_CHECK_EXTENSION, cap);
    return r < 0 ? 0 : r;
  }

  vcpuMmapSize(): number {
    return this.call('KVM_GET_VCPU_MMAP_SIZE', IOCTL.KVM_GET_VCPU_MMAP_SIZE);
  }

  /** KVM_GET_SUPPORTED_CPUID, growing the buffer while the kernel answers E2BIG. */
  supportedCpuid(): CpuidEntry[] {
    for (let capacity = 64; capacity <= 4096; capacity *= 2) {
      const b = cpuidBuffer(capacity);
      if (this.libc.ioctl(this.live(), IOCTL.KVM_GET_SUPPORTED_CPUID, b) >= 0) return decodeCpuid(b);
      const errno = this.libc.errno();
      if (errno !== ERRNO.E2BIG) throw errors.ioctl('KVM_GET_SUPPORTED_CPUID', errno);
    }
    throw errors.ioctl('KVM_GET_SUPPORTED_CPUID', ERRNO.E2BIG);
  }

  createVm(): Vm {
    const fd = this.call('KVM_CREATE_VM', IOCTL.KVM_CREATE_VM, 0);
    return new Vm(this.libc, fd, this.vcpuMmapSize());
  }

  close(): void {
    if (this.fd >= 0) this.libc.close(this.fd);
    this.fd = -1;
  }

  private live(): number {
    if (this.fd < 0) throw new KvmError('ioctl-failed', { en: '/dev/kvm is already closed.', 'zh-cn': '/dev/kvm 已关闭。' });
    return this.fd;
  }

  private call(name: string, request: number, arg?: number): number {
    const r = this.libc.ioctl(this.live(), request, arg);
    if (r < 0) throw errors.ioctl(name, this.libc.errno());
    return r;
  }
}

/** Anonymous host memory registered as one guest-physical memory slot; read and written by copying. */
export class GuestMemory {
  constructor(private readonly libc: Libc, readonly hostAddress: Address, readonly guestPhysicalAddress: number, readonly size: number) {}

  contains(gpa: number, length = 1): boolean {
    return gpa >= this.guestPhysicalAddress && gpa + length <= this.guestPhysicalAddress + this.size;
  }

  read(gpa: number, length: number): Uint8Array {
    return this.libc.copyOut(this.hostAddress, gpa - this.guestPhysicalAddress, length);
  }

  write(gpa: number, bytes: Uint8Array): void {
    this.libc.copyIn(this.hostAddress, gpa - this.guestPhysicalAddress, bytes);
  }
}

export class Vm {
  private fd: number;
  private readonly memory: GuestMemory[] = [];
  private readonly vcpus: Vcpu[] = [];

  constructor(private readonly libc: Libc, fd: number, private readonly runSize: number) {
    this.fd = fd;
  }

  /** mmaps `size` bytes of anonymous memory and makes it guest-physical [gpa, gpa+size) in slot `slot`. */
  addMemory(slot: number, guestPhysicalAddress: number, size: number): GuestMemory {
    const host = this.libc.mmap(size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (host === undefined) throw errors.ioctl(`mmap of ${size} bytes of guest memory`, this.libc.errno());
    const mem = new GuestMemory(this.libc, host, guestPhysicalAddress, size);
    this.memory.push(mem);
    if (this.libc.ioctl(this.live(), IOCTL.KVM_SET_USER_MEMORY_REGION, encodeMemoryRegion(slot, guestPhysicalAddress, size, host)) < 0) {
      throw errors.ioctl(`KVM_SET_USER_MEMORY_REGION (slot ${slot} at 0x${guestPhysicalAddress.toString(16)}, ${size} bytes)`, this.libc.errno());
    }
    return mem;
  }

  createVcpu(id = 0): Vcpu {
    const fd = this.libc.ioctl(this.live(), IOCTL.KVM_CREATE_VCPU, id);
    if (fd < 0) throw errors.ioctl('KVM_CREATE_VCPU', this.libc.errno());
    const run = this.libc.mmap(this.runSize, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (run === undefined) {
      const errno = this.libc.errno();
      this.libc.close(fd);
      throw errors.ioctl('mmap of the kvm_run page', errno);
    }
    const vcpu = new Vcpu(this.libc, fd, run, this.runSize);
    this.vcpus.push(vcpu);
    return vcpu;
  }

  close(): void {
    for (const v of this.vcpus) v.close();
    this.vcpus.length = 0;
    if (this.fd >= 0) this.libc.close(this.fd);
    this.fd = -1;
    // The memory stays registered until the VM fd is gone; unmap after closing it.
    for (const m of this.memory) this.libc.munmap(m.hostAddress, m.size);
    this.memory.length = 0;
  }

  private live(): number {
    if (this.fd < 0) throw new KvmError('ioctl-failed', { en: 'The VM is already closed.', 'zh-cn': '虚拟机已关闭。' });
    return this.fd;
  }
}

export class Vcpu {
  private fd: number;
  private stats?: { fd: number; reader: StatsReader };
  private readonly regsBuffer = Buffer.alloc(REGS.size);
  private readonly sregsBuffer = Buffer.alloc(SREGS.size);
  private syncRegs = false;
  /** The start of kvm_run, copied at each exit into the same buffer. */
  private readonly runCopy = new Uint8Array(RUN_SYNC_BYTES);
  private readonly runView = new DataView(this.runCopy.buffer);

  constructor(private readonly libc: Libc, fd: number, private readonly runPage: Address, private readonly runSize: number) {
    this.fd = fd;
  }

  /** The vCPU's fd, for a caller that issues KVM_RUN itself (the bench's raw loop). */
  get fileDescriptor(): number {
    return this.live();
  }

  getRegs(): Regs {
    this.call('KVM_GET_REGS', IOCTL.KVM_GET_REGS, this.regsBuffer);
    return decodeRegs(this.regsBuffer);
  }

  setRegs(regs: Regs): void {
    this.call('KVM_SET_REGS', IOCTL.KVM_SET_REGS, encodeRegs(regs));
  }

  getSregs(): Sregs {
    this.call('KVM_GET_SREGS', IOCTL.KVM_GET_SREGS, this.sregsBuffer);
    return decodeSregs(this.sregsBuffer);
  }

  setSregs(sregs: Sregs): void {
    this.call('KVM_SET_SREGS', IOCTL.KVM_SET_SREGS, encodeSregs(sregs));
  }

  setCpuid(entries: readonly CpuidEntry[]): void {
    this.call('KVM_SET_CPUID2', IOCTL.KVM_SET_CPUID2, encodeCpuid(entries));
  }

  /** KVM_RUN until the guest exits to user space (a signal's EINTR just re-enters). */
  run(): void {
    for (;;) {
      if (this.libc.ioctl(this.live(), IOCTL.KVM_RUN, 0) >= 0) return;
      const errno = this.libc.errno();
      if (errno !== ERRNO.EINTR && errno !== ERRNO.EAGAIN) throw errors.ioctl('KVM_RUN', errno);
    }
  }

  /**
   * KVM_CAP_SYNC_REGS: KVM copies the general registers into kvm_run at every exit, so `rip()`
   * needs no KVM_GET_REGS ioctl (a syscall costs microseconds on a nested host).
   */
  enableSyncRegs(): void {
    const mask = new Uint8Array(8);
    mask[0] = KVM_SYNC_X86_REGS;
    this.writeRun(RUN.kvm_valid_regs, mask);
    this.syncRegs = true;
  }

  /** The exit KVM_RUN just returned with. */
  exit(): VcpuExit {
    const header = this.syncRegs ? this.runCopy : this.runCopy.subarray(0, RUN_HEADER_BYTES);
    this.libc.copyOutInto(this.runPage, 0, header);
    return decodeExit(header, (offset, length) => this.readRun(offset, length));
  }

  /** The guest's instruction pointer at the latest exit (from kvm_run where KVM syncs it, else KVM_GET_REGS). */
  rip(): number {
    return this.syncRegs ? Number(this.runView.getBigUint64(RUN.s_regs + REGS.rip, true)) : this.getRegs().rip;
  }

  /** Completes an IN: KVM copies these bytes into the guest's register on the next KVM_RUN. */
  completeIn(dataOffset: number, bytes: Uint8Array): void {
    this.writeRun(dataOffset, bytes);
  }

  /** Completes an MMIO read: the bytes the load returns on the next KVM_RUN. */
  completeMmioRead(bytes: Uint8Array): void {
    this.writeRun(RUN.mmio_data, bytes);
  }

  /** KVM's per-vCPU counters by name (KVM_GET_STATS_FD); empty where the kernel has no stats fd. */
  readStats(): Record<string, number> {
    if (!this.stats) {
      const fd = this.libc.ioctl(this.live(), IOCTL.KVM_GET_STATS_FD, 0);
      if (fd < 0) return {};
      try {
        this.stats = { fd, reader: new StatsReader(this.libc, fd) };
      } catch (e) {
        this.libc.close(fd);
        throw e;
      }
    }
    return this.stats.reader.read();
  }

  close(): void {
    if (this.stats) this.libc.close(this.stats.fd);
    this.stats = undefined;
    if (this.fd >= 0) {
      this.libc.munmap(this.runPage, this.runSize);
      this.libc.close(this.fd);
    }
    this.fd = -1;
  }

  private readRun(offset: number, length: number): Uint8Array {
    if (offset + length > this.runSize) throw errors.ioctl(`reading ${length} bytes at ${offset} of kvm_run`, ERRNO.EFAULT);
    const bytes = new Uint8Array(length);
    this.libc.copyOutInto(this.runPage, offset, bytes);
    return bytes;
  }

  private writeRun(offset: number, bytes: Uint8Array): void {
    if (offset + bytes.length > this.runSize) throw errors.ioctl(`writing ${bytes.length} bytes at ${offset} of kvm_run`, ERRNO.EFAULT);
    this.libc.copyIn(this.runPage, offset, bytes);
  }

  private live(): number {
    if (this.fd < 0) throw new KvmError('ioctl-failed', { en: 'The vCPU is already closed.', 'zh-cn': '虚拟 CPU 已关闭。' });
    return this.fd;
  }

  private call(name: string, request: number, arg: Uint8Array): void {
    if (this.libc.ioctl(this.live(), request, arg) < 0) throw errors.ioctl(name, this.libc.errno());
  }
}
