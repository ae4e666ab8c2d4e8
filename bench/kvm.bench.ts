/**
 * Real KVM (src/host/kvm): exits to user space per second on this host, and what the runner adds
 * per exit (decoding kvm_run, the device model, the exit log placed on source lines) beside a raw
 * loop of bare KVM_RUN ioctls on the same guest. Both include creating and booting the VM.
 * Lines say "skipped" and why where /dev/kvm cannot be used.
 */
import { kvmAvailability, runOnKvm, Kvm } from '../src/host/kvm';
import { bootVcpu } from '../src/host/kvm/boot';
import { loadLibc } from '../src/host/kvm/ffi';
import { IOCTL } from '../src/host/kvm/layout';
import { tinyImage, TINY_CODE_AT } from '../src/host/kvm/tiny';
import { medianRatio } from './harness';
import type { BenchLine } from './harness';

/** Bytes the guest prints, one KVM_EXIT_IO each. */
const EXITS = 2000;

/** mov ecx, EXITS; mov dx, 0x3f8; mov al, '.'; L: out dx, al; dec ecx; jnz L; hlt */
const CODE = new Uint8Array([0xb9, EXITS & 0xff, EXITS >> 8, 0, 0, 0x66, 0xba, 0xf8, 0x03, 0xb0, 0x2e, 0xee, 0x49, 0x75, 0xfc, 0xf4]);
const image = tinyImage(CODE, [{ offset: 0, length: 11 }, { offset: 11, length: 1 }, { offset: 12, length: 1 }, { offset: 13, length: 2 }, { offset: 15, length: 1 }]);
const program = { instructions: image.code.map((_, i) => ({ address: 4 * i, line: i + 1 })) };

function runner(exitLog: boolean): () => void {
  return () => {
    const r = runOnKvm(image, program, { exitLog, maxExits: EXITS + 10 });
    if (r.exit.reason !== 'hlt' || r.serial.length !== EXITS) throw new Error(`bench guest ended with ${r.exit.reason}`);
  };
}

/** The same guest, booted alike, driven by nothing but KVM_RUN. */
function rawLoop(): void {
  const libc = loadLibc();
  const kvm = Kvm.open();
  try {
    const vm = kvm.createVm();
    try {
      const ram = vm.addMemory(0, 0, 0x10000);
      ram.write(TINY_CODE_AT, CODE);
      const fd = bootVcpu(vm, image.initial, kvm.supportedCpuid()).fileDescriptor;
      for (let i = 0; i <= EXITS; i++) if (libc.ioctl(fd, IOCTL.KVM_RUN, 0) < 0) throw new Error(`KVM_RUN failed: errno ${libc.errno()}`);
    } finally {
      vm.close();
    }
  } finally {
    kvm.close();
  }
}

export default async (): Promise<BenchLine[]> => {
  const available = kvmAvailability();
  if (!available.ok) return [{ name: `kvm: skipped (${available.error.message})`, value: 0, unit: '' }];
  const full = medianRatio(runner(true), rawLoop, 7, 1);
  const quiet = medianRatio(runner(false), rawLoop, 7, 1);
  const perExitUs = (ms: number) => (ms * 1000) / (EXITS + 1);
  return [
    { name: 'kvm: I/O exits per second, raw KVM_RUN loop', value: (EXITS + 1) / (full.baselineMs / 1000) / 1000, unit: 'k/s' },
    { name: 'kvm: I/O exits per second, runner (decode, devices, exit log)', value: (EXITS + 1) / (full.measuredMs / 1000) / 1000, unit: 'k/s' },
    { name: 'kvm: time per exit, raw KVM_RUN loop', value: perExitUs(full.baselineMs), unit: 'µs' },
    { name: 'kvm: runner overhead per exit (with exit log)', value: perExitUs(full.measuredMs - full.baselineMs), unit: 'µs' },
    { name: 'kvm: runner / raw ioctl loop, with exit log', value: full.ratio, unit: 'ratio', goal: '<= 1.5', met: full.ratio <= 1.5 },
    { name: 'kvm: runner / raw ioctl loop, without exit log', value: quiet.ratio, unit: 'ratio', goal: '<= 1.5', met: quiet.ratio <= 1.5 },
  ];
};
