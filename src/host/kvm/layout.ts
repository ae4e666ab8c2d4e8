/**
 * The KVM API's numbers and struct layouts for x86-64, as in `linux/kvm.h` (and the kernel's
 * `asm/kvm.h`), in one place so that test/unit/kvm/layout.test.ts can check every offset, size
 * and number against the installed header (rust-vmm's kvm-bindings does the same with bindgen).
 * Offsets are in bytes from the start of the struct.
 */

// --- ioctl numbers: _IO/_IOR/_IOW/_IOWR(KVMIO = 0xAE, nr, size) as <asm-generic/ioctl.h> builds them
const KVMIO = 0xae;
const io = (nr: number): number => (KVMIO << 8) | nr;
const ioc = (dir: number, nr: number, size: number): number => ((dir << 30) | (size << 16) | (KVMIO << 8) | nr) >>> 0;
const ior = (nr: number, size: number): number => ioc(2, nr, size);
const iow = (nr: number, size: number): number => ioc(1, nr, size);
const iowr = (nr: number, size: number): number => ioc(3, nr, size);

// --- structs

/** struct kvm_userspace_memory_region */
export const MEMORY_REGION = { size: 32, slot: 0, flags: 4, guest_phys_addr: 8, memory_size: 16, userspace_addr: 24 } as const;

/** struct kvm_regs: eighteen __u64 in this order. */
export const REGS_ORDER = ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rsp', 'rbp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15', 'rip', 'rflags'] as const;
export type RegName = (typeof REGS_ORDER)[number];
export const REGS = { size: 144, ...Object.fromEntries(REGS_ORDER.map((name, i) => [name, i * 8])) } as { size: number } & Record<RegName, number>;

/** struct kvm_segment */
export const SEGMENT = {
  size: 24, base: 0, limit: 8, selector: 12, type: 14, present: 15, dpl: 16, db: 17, s: 18, l: 19, g: 20, avl: 21, unusable: 22,
} as const;

/** struct kvm_dtable */
export const DTABLE = { size: 16, base: 0, limit: 8 } as const;

export const SREGS_SEGMENTS = ['cs', 'ds', 'es', 'fs', 'gs', 'ss', 'tr', 'ldt'] as const;
export type SegmentName = (typeof SREGS_SEGMENTS)[number];

/** struct kvm_sregs */
export const SREGS = {
  size: 312,
  cs: 0, ds: 24, es: 48, fs: 72, gs: 96, ss: 120, tr: 144, ldt: 168,
  gdt: 192, idt: 208,
  cr0: 224, cr2: 232, cr3: 240, cr4: 248, cr8: 256, efer: 264, apic_base: 272, interrupt_bitmap: 280,
} as const;

/** struct kvm_cpuid2 (header) and struct kvm_cpuid_entry2 */
export const CPUID2 = { size: 8, nent: 0, entries: 8 } as const;
export const CPUID_ENTRY2 = { size: 40, function: 0, index: 4, flags: 8, eax: 12, ebx: 16, ecx: 20, edx: 24 } as const;

/** struct kvm_run: the fields the runner reads, with the io, mmio, fail_entry and internal members of its union. */
export const RUN = {
  exit_reason: 8,
  io_direction: 32, io_size: 33, io_port: 34, io_count: 36, io_data_offset: 40,
  mmio_phys_addr: 32, mmio_data: 40, mmio_len: 48, mmio_is_write: 52,
  fail_entry_hardware_entry_failure_reason: 32, fail_entry_cpu: 40,
  internal_suberror: 32, internal_ndata: 36, internal_data: 40,
  hw_hardware_exit_reason: 32,
  kvm_valid_regs: 288, kvm_dirty_regs: 296,
  /** kvm_run.s.regs: a struct kvm_regs that KVM fills at each exit when kvm_valid_regs has KVM_SYNC_X86_REGS. */
  s_regs: 304,
} as const;
/** Bytes of `kvm_run` copied per exit: up to and including the internal-error data the runner reports. */
export const RUN_HEADER_BYTES = 40 + 4 * 8;
/** Bytes copied per exit when KVM syncs the registers into the page: up to the end of s.regs. */
export const RUN_SYNC_BYTES = 304 + 144;
export const KVM_SYNC_X86_REGS = 1;

/** struct kvm_stats_header and struct kvm_stats_desc (followed by its name of `name_size` bytes). */
export const STATS_HEADER = { size: 24, flags: 0, name_size: 4, num_desc: 8, id_offset: 12, desc_offset: 16, data_offset: 20 } as const;
export const STATS_DESC = { size: 16, flags: 0, exponent: 4, size_field: 6, offset: 8, bucket_size: 12, name: 16 } as const;

export const KVM_API_VERSION = 12;

export const IOCTL = {
  KVM_GET_API_VERSION: io(0x00),
  KVM_CREATE_VM: io(0x01),
  KVM_CHECK_EXTENSION: io(0x03),
  KVM_GET_VCPU_MMAP_SIZE: io(0x04),
  KVM_GET_SUPPORTED_CPUID: iowr(0x05, CPUID2.size),
  KVM_CREATE_VCPU: io(0x41),
  KVM_SET_USER_MEMORY_REGION: iow(0x46, MEMORY_REGION.size),
  KVM_RUN: io(0x80),
  KVM_GET_REGS: ior(0x81, REGS.size),
  KVM_SET_REGS: iow(0x82, REGS.size),
  KVM_GET_SREGS: ior(0x83, SREGS.size),
  KVM_SET_SREGS: iow(0x84, SREGS.size),
  KVM_SET_CPUID2: iow(0x90, CPUID2.size),
  KVM_GET_STATS_FD: io(0xce),
} as const;

export const CAP = {
  KVM_CAP_USER_MEMORY: 3,
  KVM_CAP_EXT_CPUID: 7,
  KVM_CAP_NR_VCPUS: 9,
  KVM_CAP_NR_MEMSLOTS: 10,
  KVM_CAP_GET_TSC_KHZ: 61,
  KVM_CAP_SYNC_REGS: 74,
  KVM_CAP_MAX_VCPUS: 66,
  KVM_CAP_IMMEDIATE_EXIT: 136,
  KVM_CAP_BINARY_STATS_FD: 203,
} as const;
export type CapName = keyof typeof CAP;

/** `kvm_run.exit_reason` values (KVM_EXIT_*) up to KVM_EXIT_NOTIFY. */
export const EXIT_REASON_NAMES = [
  'KVM_EXIT_UNKNOWN', 'KVM_EXIT_EXCEPTION', 'KVM_EXIT_IO', 'KVM_EXIT_HYPERCALL', 'KVM_EXIT_DEBUG', 'KVM_EXIT_HLT',
  'KVM_EXIT_MMIO', 'KVM_EXIT_IRQ_WINDOW_OPEN', 'KVM_EXIT_SHUTDOWN', 'KVM_EXIT_FAIL_ENTRY', 'KVM_EXIT_INTR',
  'KVM_EXIT_SET_TPR', 'KVM_EXIT_TPR_ACCESS', 'KVM_EXIT_S390_SIEIC', 'KVM_EXIT_S390_RESET', 'KVM_EXIT_DCR', 'KVM_EXIT_NMI',
  'KVM_EXIT_INTERNAL_ERROR', 'KVM_EXIT_OSI', 'KVM_EXIT_PAPR_HCALL', 'KVM_EXIT_S390_UCONTROL', 'KVM_EXIT_WATCHDOG',
  'KVM_EXIT_S390_TSCH', 'KVM_EXIT_EPR', 'KVM_EXIT_SYSTEM_EVENT', 'KVM_EXIT_S390_STSI', 'KVM_EXIT_IOAPIC_EOI',
  'KVM_EXIT_HYPERV', 'KVM_EXIT_ARM_NISV', 'KVM_EXIT_X86_RDMSR', 'KVM_EXIT_X86_WRMSR', 'KVM_EXIT_DIRTY_RING_FULL',
  'KVM_EXIT_AP_RESET_HOLD', 'KVM_EXIT_X86_BUS_LOCK', 'KVM_EXIT_XEN', 'KVM_EXIT_RISCV_SBI', 'KVM_EXIT_RISCV_CSR',
  'KVM_EXIT_NOTIFY',
] as const;

export function exitReasonName(reason: number): string {
  return EXIT_REASON_NAMES[reason] ?? `KVM_EXIT_${reason}`;
}

export const EXIT = { IO: 2, HYPERCALL: 3, HLT: 5, MMIO: 6, SHUTDOWN: 8, FAIL_ENTRY: 9, INTR: 10, INTERNAL_ERROR: 17, SYSTEM_EVENT: 24 } as const;
export const IO_DIRECTION = { IN: 0, OUT: 1 } as const;

/** `kvm_stats_desc.flags`: type in bits 0-3, unit in 4-7, base in 8-11 (KVM_STATS_*_SHIFT). */
export const STATS_TYPE_MASK = 0xf;
export const STATS_TYPE_NAMES = ['cumulative', 'instant', 'peak', 'linear-histogram', 'log-histogram'] as const;
