/**
 * Each reason real KVM cannot be used gives one clear sentence (never a crash), and every file
 * descriptor and mapping the runner made is released on every path, including failures.
 * The failures are simulated by injecting the platform, the device path, a libc, or koffi's loader.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kvm, KvmError, kvmAvailability, runOnKvm, kvmInfo } from '../../../src/host/kvm';
import { loadLibc, type Libc } from '../../../src/host/kvm/ffi';
import { ERRNO } from '../../../src/host/kvm/errors';
import { IOCTL } from '../../../src/host/kvm/layout';
import { tinyImage } from '../../../src/host/kvm/tiny';
import { kvmSkipReason, sourceOf } from './helpers';

/** A libc whose calls answer as scripted, for the paths real hardware cannot be made to take. */
function scriptedLibc(script: { openErrno?: number; apiVersion?: number; extension?: number }): Libc & { closed: number[] } {
  let errno = 0;
  const closed: number[] = [];
  const fail = (e: number) => {
    errno = e;
    return -1;
  };
  return {
    closed,
    open: () => (script.openErrno ? fail(script.openErrno) : 7),
    close: (fd) => (closed.push(fd), 0),
    ioctl: (_fd, request) => {
      if (request === IOCTL.KVM_GET_API_VERSION) return script.apiVersion ?? 12;
      if (request === IOCTL.KVM_CHECK_EXTENSION) return script.extension ?? 1;
      return fail(ERRNO.ENOTTY);
    },
    mmap: () => undefined,
    munmap: () => 0,
    pread: () => fail(ERRNO.EINVAL),
    errno: () => errno,
    copyOut: (_a, _o, n) => new Uint8Array(n),
    copyIn: () => undefined,
    copyOutInto: () => undefined,
  };
}

function throwsKvm(f: () => unknown, kind: string, pattern: RegExp): KvmError {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof KvmError, `expected a KvmError, got ${String(e)}`);
    assert.equal(e.kind, kind);
    assert.match(e.message, pattern);
    assert.ok(e.text['zh-cn'].length > 0, 'a Chinese text too');
    assert.equal(e.message.split(/(?<=[.;])\s+(?=[A-Z])/).length, 1, `one sentence: ${e.message}`);
    return e;
  }
  assert.fail('expected a KvmError');
}

test('another OS or architecture', () => {
  throwsKvm(() => Kvm.open({ platform: 'darwin', arch: 'arm64' }), 'unsupported-platform', /Linux on x86-64.*darwin on arm64/);
  throwsKvm(() => Kvm.open({ platform: 'linux', arch: 'arm64' }), 'unsupported-platform', /linux on arm64/);
});

test('koffi missing or unloadable', () => {
  throwsKvm(() => loadLibc(() => { throw new Error("Cannot find module 'koffi'\nRequire stack: …"); }), 'no-ffi', /koffi.*Cannot find module 'koffi'\)/);
  throwsKvm(() => loadLibc(() => ({ load: () => { throw new Error('wrong ELF class'); } })), 'no-ffi', /wrong ELF class/);
});

test('no /dev/kvm', () => {
  throwsKvm(() => Kvm.open({ libc: scriptedLibc({ openErrno: ERRNO.ENOENT }), platform: 'linux', arch: 'x64' }), 'no-device', /\/dev\/kvm does not exist: load the KVM module/);
});

test('no permission: says to join the kvm group', () => {
  throwsKvm(() => Kvm.open({ libc: scriptedLibc({ openErrno: ERRNO.EACCES }), platform: 'linux', arch: 'x64' }), 'permission', /add yourself to the `kvm` group \(e\.g\. `sudo usermod -aG kvm \$USER`\), then log in again/);
});

test('an API version other than 12, and a missing capability: /dev/kvm is closed again', () => {
  const old = scriptedLibc({ apiVersion: 11 });
  throwsKvm(() => Kvm.open({ libc: old, platform: 'linux', arch: 'x64' }), 'api-version', /API version 11.*needs version 12/);
  assert.deepEqual(old.closed, [7]);
  const bare = scriptedLibc({ extension: 0 });
  throwsKvm(() => Kvm.open({ libc: bare, platform: 'linux', arch: 'x64' }), 'missing-capability', /lacks KVM_CAP_USER_MEMORY/);
  assert.deepEqual(bare.closed, [7]);
});

test('kvmAvailability reports instead of throwing', () => {
  const a = kvmAvailability({ libc: scriptedLibc({ openErrno: ERRNO.EACCES }), platform: 'linux', arch: 'x64' });
  assert.equal(a.ok, false);
  if (!a.ok) assert.equal(a.error.kind, 'permission');
});

test('a real missing device path, through koffi', (t) => {
  let libc: Libc;
  try {
    libc = loadLibc();
  } catch (e) {
    return t.skip(`koffi cannot be loaded here: ${(e as Error).message}`);
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') return t.skip('not Linux on x86-64');
  throwsKvm(() => Kvm.open({ libc, path: '/nonexistent/kvm' }), 'no-device', /\/nonexistent\/kvm does not exist/);
});

/** The real libc, tracking what is opened and mapped; every call of the ioctl `failRequest` fails with EINVAL. */
function countingLibc(real: Libc, failRequest?: number): Libc & { leaks(): string[] } {
  const fds = new Set<number>();
  const maps = new Set<bigint>();
  const FD_RETURNING: number[] = [IOCTL.KVM_CREATE_VM, IOCTL.KVM_CREATE_VCPU, IOCTL.KVM_GET_STATS_FD];
  let injected = false;
  return {
    ...real,
    open: (path, flags) => {
      const fd = real.open(path, flags);
      if (fd >= 0) fds.add(fd);
      return fd;
    },
    close: (fd) => (fds.delete(fd), real.close(fd)),
    ioctl: (fd, request, arg) => {
      injected = request === failRequest;
      if (injected) return -1;
      const r = real.ioctl(fd, request, arg);
      if (r >= 0 && FD_RETURNING.includes(request)) fds.add(r);
      return r;
    },
    errno: () => (injected ? ERRNO.EINVAL : real.errno()),
    mmap: (length, prot, flags, fd, offset) => {
      const p = real.mmap(length, prot, flags, fd, offset);
      if (p !== undefined) maps.add(p);
      return p;
    },
    munmap: (address, length) => (maps.delete(address), real.munmap(address, length)),
    leaks: () => [...[...fds].map((fd) => `fd ${fd}`), ...[...maps].map((p) => `mapping 0x${p.toString(16)}`)],
  };
}

test('every fd is closed and every mapping unmapped, after a run and after a failure at each step', (t) => {
  const skip = kvmSkipReason();
  if (skip) return t.skip(skip);
  const image = tinyImage(new Uint8Array([0xb0, 0x21, 0xe6, 0x80, 0xf4]));
  const ok = countingLibc(loadLibc());
  const r = runOnKvm(image, sourceOf(1), { libc: ok });
  assert.equal(r.exit.reason, 'hlt');
  assert.deepEqual(ok.leaks(), []);
  const steps = ['KVM_CREATE_VM', 'KVM_SET_USER_MEMORY_REGION', 'KVM_CREATE_VCPU', 'KVM_SET_CPUID2', 'KVM_GET_SREGS', 'KVM_SET_SREGS', 'KVM_SET_REGS', 'KVM_RUN', 'KVM_GET_REGS'] as const;
  for (const step of steps) {
    const failing = countingLibc(loadLibc(), IOCTL[step]);
    throwsKvm(() => runOnKvm(image, sourceOf(1), { libc: failing }), 'ioctl-failed', new RegExp(`${step}.* failed \\(errno 22 EINVAL\\)`));
    assert.deepEqual(failing.leaks(), [], `after a failing ${step}`);
  }
  const info = countingLibc(loadLibc());
  kvmInfo({ libc: info, iterations: 5, rounds: 1 });
  assert.deepEqual(info.leaks(), [], 'kvmInfo');
});

test('a malformed image is refused before KVM is touched', () => {
  const image = tinyImage(new Uint8Array([0xf4]));
  const bad = { ...image, slots: [{ ...image.slots[0], size: 1000 }] };
  throwsKvm(() => runOnKvm(bad, sourceOf(1), { libc: scriptedLibc({}), platform: 'linux', arch: 'x64' }), 'bad-image', /not page-aligned/);
  const overlapping = { ...image, slots: [image.slots[0], { ...image.slots[1], guestPhysicalAddress: 0x8000 }] };
  throwsKvm(() => runOnKvm(overlapping, sourceOf(1), { libc: scriptedLibc({}), platform: 'linux', arch: 'x64' }), 'bad-image', /overlaps/);
});
