/**
 * Real KVM (src/host/kvm): exits to user space per second on this host, and what the runner adds
 * per exit (decoding kvm_run, the device model, the exit log placed on source lines) beside a raw
 * loop of bare KVM_RUN ioctls on the same guest. Both include creating and booting the VM.
 * Lines say "skipped" and why where /dev/kvm cannot be used.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kvmAvailability, runOnKvm, Kvm } from '../src/host/kvm';
import { assemble } from '../src/core/sim';
import { generateX86 } from '../src/core/x86';
import { bootVcpu } from '../src/host/kvm/boot';
import { loadLibc } from '../src/host/kvm/ffi';
import { IOCTL } from '../src/host/kvm/layout';
import { tinyImage, TINY_CODE_AT } from '../src/host/kvm/tiny';
import { medianMs, medianRatio } from './harness';
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

/** The UART lesson's loop made long: a vmasm program the code generator translates (budget checks included), one exit per byte. */
const UART_LOOP = `_start:\n    mov r1, ${EXITS}\n    mov r0, 0x2e\nloop:\n    out 0x3f8, r0\n    dec r1\n    jnz loop\n    hlt\n`;

/** A real program: `source` assembled and translated by the code generator, run by the runner. */
function realProgram(source: string, name: string): { run: () => void; exits: number } {
  const { program } = assemble(source);
  if (!program) throw new Error(`${name} does not assemble`);
  const generated = generateX86(program);
  if (!('image' in generated)) throw new Error(`${name} left the real-KVM subset`);
  const once = () => runOnKvm(generated.image, program);
  const first = once();
  const exits = first.exitLog.length;
  return { run: () => { if (once().exitLog.length !== exits) throw new Error('the UART lesson changed its exits between runs'); }, exits };
}

export default async (): Promise<BenchLine[]> => {
  const available = kvmAvailability();
  if (!available.ok) return [{ name: `kvm: skipped (${available.error.message})`, value: 0, unit: '' }];
  const full = medianRatio(runner(true), rawLoop, 7, 1);
  const quiet = medianRatio(runner(false), rawLoop, 7, 1);
  const perExitUs = (ms: number) => (ms * 1000) / (EXITS + 1);
  const real = realProgram(UART_LOOP, 'the UART loop');
  const realMs = medianMs(real.run, 7, 1);
  const lesson = realProgram(readFileSync(join(__dirname, '..', 'examples', 'uart-console.vmasm'), 'utf8'), 'examples/uart-console.vmasm');
  const lessonMs = medianMs(lesson.run, 7, 1);
  return [
    { name: 'kvm: I/O exits per second, raw KVM_RUN loop', value: (EXITS + 1) / (full.baselineMs / 1000) / 1000, unit: 'k/s' },
    { name: 'kvm: I/O exits per second, runner (decode, devices, exit log)', value: (EXITS + 1) / (full.measuredMs / 1000) / 1000, unit: 'k/s' },
    { name: 'kvm: time per exit, raw KVM_RUN loop', value: perExitUs(full.baselineMs), unit: 'µs' },
    { name: 'kvm: runner overhead per exit (with exit log)', value: perExitUs(full.measuredMs - full.baselineMs), unit: 'µs' },
    { name: 'kvm: runner / raw ioctl loop, with exit log', value: full.ratio, unit: 'ratio', goal: '<= 1.5', met: full.ratio <= 1.5 },
    { name: 'kvm: runner / raw ioctl loop, without exit log', value: quiet.ratio, unit: 'ratio', goal: '<= 1.5', met: quiet.ratio <= 1.5 },
    { name: `kvm: exits to user space per second, a translated vmasm loop printing ${EXITS} bytes (${real.exits} exits)`, value: real.exits / (realMs / 1000) / 1000, unit: 'k/s' },
    { name: `kvm: one whole run of examples/uart-console.vmasm (${lesson.exits} exits, VM set-up included)`, value: lessonMs, unit: 'ms' },
  ];
};
