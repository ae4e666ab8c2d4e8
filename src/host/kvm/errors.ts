/**
 * Why real KVM cannot be used here, as one sentence a learner can act on, in both UI languages.
 * Every failure of the runner's set-up is a `KvmError`; callers show `message` (English) or
 * `text['zh-cn']`, never a stack.
 */

export type KvmErrorKind =
  | 'unsupported-platform'
  | 'no-ffi'
  | 'no-device'
  | 'permission'
  | 'api-version'
  | 'missing-capability'
  | 'ioctl-failed'
  | 'bad-image'
  | 'no-clock';

export interface KvmText {
  en: string;
  'zh-cn': string;
}

export class KvmError extends Error {
  constructor(
    readonly kind: KvmErrorKind,
    readonly text: KvmText,
    /** errno of the failing call, when there was one. */
    readonly errno?: number,
  ) {
    super(text.en);
    this.name = 'KvmError';
  }
}

export const ERRNO = { EPERM: 1, ENOENT: 2, EINTR: 4, ENXIO: 6, E2BIG: 7, EAGAIN: 11, ENOMEM: 12, EACCES: 13, EFAULT: 14, ENODEV: 19, EINVAL: 22, ENOTTY: 25 } as const;

export const errors = {
  platform: (platform: string, arch: string) =>
    new KvmError('unsupported-platform', {
      en: `Real KVM needs Linux on x86-64, and this is ${platform} on ${arch}; the simulated modes work everywhere.`,
      'zh-cn': `真实 KVM 需要 x86-64 上的 Linux，而本机是 ${arch} 上的 ${platform}；模拟模式在任何平台都可用。`,
    }),
  noFfi: (why: string) =>
    new KvmError('no-ffi', {
      en: `Real KVM needs the koffi module to call the KVM API, and it could not be loaded (${why}): install the linux-x64 build of KVM Lab (kvm-lab-linux-x64.vsix), which carries it, or run \`npm install\` in a clone for the command line.`,
      'zh-cn': `真实 KVM 需要 koffi 模块来调用 KVM API，但无法加载它（${why}）：请安装带有它的 linux-x64 版 KVM Lab（kvm-lab-linux-x64.vsix），命令行则在克隆的仓库中运行 \`npm install\`。`,
    }),
  noDevice: (path: string, errno: number) =>
    new KvmError('no-device', {
      en: `${path} does not exist: load the KVM module (\`sudo modprobe kvm_intel\` or \`kvm_amd\`) and enable virtualization in the firmware, or use a machine with KVM.`,
      'zh-cn': `${path} 不存在：请加载 KVM 模块（\`sudo modprobe kvm_intel\` 或 \`kvm_amd\`）并在固件中开启虚拟化，或换一台支持 KVM 的机器。`,
    }, errno),
  permission: (path: string, errno: number) =>
    new KvmError('permission', {
      en: `You may not open ${path}: add yourself to the \`kvm\` group (e.g. \`sudo usermod -aG kvm $USER\`), then log in again.`,
      'zh-cn': `无权打开 ${path}：请把自己加入 \`kvm\` 组（例如 \`sudo usermod -aG kvm $USER\`），然后重新登录。`,
    }, errno),
  openFailed: (path: string, errno: number) =>
    new KvmError('no-device', {
      en: `${path} could not be opened (errno ${errno}); check that KVM is loaded and usable on this machine.`,
      'zh-cn': `无法打开 ${path}（errno ${errno}）；请检查本机的 KVM 是否已加载并可用。`,
    }, errno),
  apiVersion: (version: number) =>
    new KvmError('api-version', {
      en: `This kernel's KVM speaks API version ${version}, and the runner needs version 12 (every Linux since 2.6.22); update the kernel.`,
      'zh-cn': `本机内核的 KVM API 版本是 ${version}，而运行器需要版本 12（Linux 2.6.22 起均为此版本）；请更新内核。`,
    }),
  capability: (name: string) =>
    new KvmError('missing-capability', {
      en: `This kernel's KVM lacks ${name}, which the runner needs; update the kernel.`,
      'zh-cn': `本机内核的 KVM 缺少运行器所需的 ${name}；请更新内核。`,
    }),
  ioctl: (what: string, errno: number) =>
    new KvmError('ioctl-failed', {
      en: `${what} failed (errno ${errno}${errnoName(errno)}).`,
      'zh-cn': `${what} 失败（errno ${errno}${errnoName(errno)}）。`,
    }, errno),
  noClock: () =>
    new KvmError('no-clock', {
      en: 'The CPU clock rate is not in /proc/cpuinfo (cpu MHz), so the measured exit times cannot be turned into cycles; use --era current or early-vtx.',
      'zh-cn': '/proc/cpuinfo 中没有 CPU 时钟频率（cpu MHz），无法把测得的退出时间换算成周期；请使用 --era current 或 early-vtx。',
    }),
  badImage: (why: string) =>
    new KvmError('bad-image', { en: `The x86 image cannot be loaded: ${why}.`, 'zh-cn': `无法加载 x86 映像：${why}。` }),
};

function errnoName(errno: number): string {
  const name = Object.entries(ERRNO).find(([, v]) => v === errno)?.[0];
  return name ? ` ${name}` : '';
}
