/**
 * What the simulator panel needs to run a program on this machine's real KVM. The Node extension
 * host gives one (./kvmWorkerClient.ts, a worker thread); the browser's web worker host gives none
 * and the panel shows why. No Node API here: the browser bundle imports this file.
 */
import type { KvmMeasuredCosts, KvmPanelExit, KvmPanelResult, KvmText } from '../../../shared/kvmProtocol';

/** Available: with this host's measured exit costs when they (and the clock rate) could be had. */
export type KvmAvailability = { available: true; measured?: KvmMeasuredCosts } | { available: false; reason: KvmText };

export type KvmRunOutcome = { result: KvmPanelResult } | { failed: KvmText } | { cancelled: true };

export interface RealKvm {
  availability(): Promise<KvmAvailability>;
  /** Runs `program` on /dev/kvm beside a simulated `vtx` run; exits arrive in batches before the result. */
  run(program: { name: string; text: string }, maxSteps: number, onExits: (batch: KvmPanelExit[]) => void): Promise<KvmRunOutcome>;
  /** Ends the run in flight, if any: its promise resolves `{ cancelled: true }`. */
  cancel(): void;
  dispose(): void;
}

/** The reason shown where there is no Node (vscode.dev, github.dev). */
export const NO_NODE_REASON: KvmText = {
  en: 'real KVM needs VS Code on a Linux computer (it uses Node.js and /dev/kvm), and this is the browser version.',
  'zh-cn': '真实 KVM 需要在 Linux 电脑上的 VS Code 中使用（它用到 Node.js 和 /dev/kvm），而这里是浏览器版本。',
};
