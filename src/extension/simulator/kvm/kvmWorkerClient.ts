/**
 * The Node extension host's RealKvm: runs go to a `worker_threads` worker (dist/kvmWorker.js), so a
 * long run never blocks the extension host, which every extension shares. Cancelling sets the run's
 * cancel cell (a SharedArrayBuffer: the run is synchronous KVM_RUN calls and never reads messages),
 * which the run reads between exits; it then closes its VM and the worker takes the next request.
 * Only a run that does not stop within CANCEL_GRACE_MS gets the worker terminated (its fds then stay
 * open until the process ends). Node-only, no `vscode` import: unit-tested in plain Node.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { KvmPanelExit } from '../../../shared/kvmProtocol';
import type { KvmWorkerReply, KvmWorkerRequest } from './kvmWorkerProtocol';
import type { KvmAvailability, KvmRunOutcome, RealKvm } from './realKvm';

/** How long a cancelled run may take to notice before its worker is terminated. */
const CANCEL_GRACE_MS = 10_000;

interface Pending {
  onReply(reply: KvmWorkerReply): void;
  onGone(why: string): void;
}

const MISSING_WORKER = (file: string): KvmAvailability & { available: false } => ({
  available: false,
  reason: { en: `the extension's KVM worker (${file}) is missing; reinstall KVM Lab.`, 'zh-cn': `扩展的 KVM 工作线程（${file}）缺失；请重新安装 KVM Lab。` },
});

export class KvmWorkerClient implements RealKvm {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private running: { id: number; cancel: Int32Array } | undefined;
  /** Cancelled runs still ending in the worker, each with the timer that terminates it if they do not. */
  private readonly draining = new Map<number, NodeJS.Timeout>();
  private known: Promise<KvmAvailability> | undefined;

  constructor(private readonly workerFile: string = join(__dirname, 'kvmWorker.js')) {}

  /** Asked once: /dev/kvm, its permissions and koffi do not change while VS Code runs. */
  availability(): Promise<KvmAvailability> {
    if (!existsSync(this.workerFile)) return Promise.resolve(MISSING_WORKER(this.workerFile));
    this.known ??= this.request({ type: 'availability' }).then(
      (reply) => {
        if (reply.type === 'availability') return reply.availability;
        const why = reply.type === 'error' ? reply.error : reply.type;
        return { available: false as const, reason: { en: `the KVM worker failed (${why}).`, 'zh-cn': `KVM 工作线程出错（${why}）。` } };
      },
      (why: string) => ({ available: false as const, reason: { en: `the KVM worker failed (${why}).`, 'zh-cn': `KVM 工作线程出错（${why}）。` } }),
    );
    return this.known;
  }

  run(program: { name: string; text: string }, maxSteps: number, onExits: (batch: KvmPanelExit[]) => void): Promise<KvmRunOutcome> {
    this.cancel();
    return new Promise<KvmRunOutcome>((resolve) => {
      const worker = this.start();
      if (!worker) {
        resolve({ failed: MISSING_WORKER(this.workerFile).reason });
        return;
      }
      const id = this.nextId++;
      const cancel = new SharedArrayBuffer(4);
      this.running = { id, cancel: new Int32Array(cancel) };
      this.pending.set(id, {
        onReply: (reply) => {
          if (reply.type === 'exits') return onExits(reply.exits);
          this.settle(id);
          if (reply.type === 'done') resolve(reply.outcome);
          else if (reply.type === 'error') resolve({ failed: { en: `the KVM worker failed: ${reply.error}`, 'zh-cn': `KVM 工作线程出错：${reply.error}` } });
        },
        onGone: (why) => resolve(why === 'cancelled' ? { cancelled: true } : { failed: { en: `the KVM worker stopped (${why}).`, 'zh-cn': `KVM 工作线程已停止（${why}）。` } }),
      });
      worker.ref();
      worker.postMessage({ id, type: 'run', ...program, maxSteps, cancel } satisfies KvmWorkerRequest);
    });
  }

  cancel(): void {
    const run = this.running;
    if (!run) return;
    Atomics.store(run.cancel, 0, 1);
    const pending = this.pending.get(run.id);
    this.settle(run.id);
    pending?.onGone('cancelled');
    const worker = this.worker;
    const timer = setTimeout(() => {
      if (this.draining.delete(run.id) && this.worker === worker) this.stop(`a cancelled run did not end within ${CANCEL_GRACE_MS / 1000} s`);
    }, CANCEL_GRACE_MS);
    timer.unref();
    this.draining.set(run.id, timer);
  }

  dispose(): void {
    this.stop('disposed');
  }

  private request(body: { type: 'availability' }): Promise<KvmWorkerReply> {
    return new Promise((resolve, reject) => {
      const worker = this.start();
      if (!worker) return reject('missing');
      const id = this.nextId++;
      this.pending.set(id, {
        onReply: (reply) => {
          this.settle(id);
          resolve(reply);
        },
        onGone: reject,
      });
      worker.ref();
      worker.postMessage({ id, ...body } satisfies KvmWorkerRequest);
    });
  }

  private settle(id: number): void {
    this.pending.delete(id);
    if (this.running?.id === id) this.running = undefined;
    // Referenced only while it owes an answer: an idle worker must not keep a process alive.
    if (this.pending.size === 0) this.worker?.unref();
  }

  private start(): Worker | undefined {
    if (this.worker) return this.worker;
    if (!existsSync(this.workerFile)) return undefined;
    const worker = new Worker(this.workerFile);
    worker.unref();
    worker.on('message', (reply: KvmWorkerReply) => {
      if (reply.type !== 'exits') this.drained(reply.id);
      this.pending.get(reply.id)?.onReply(reply);
    });
    worker.on('error', (error) => this.gone(worker, error.message));
    worker.on('exit', (code) => this.gone(worker, `exit code ${code}`));
    this.worker = worker;
    return worker;
  }

  /** A cancelled run has ended in the worker (its VM closed): no need to terminate it. */
  private drained(id: number): void {
    const timer = this.draining.get(id);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.draining.delete(id);
  }

  /** Ends the worker; every request in flight learns why. */
  private stop(why: string): void {
    const worker = this.worker;
    if (!worker) return;
    this.gone(worker, why);
    void worker.terminate();
  }

  private gone(worker: Worker, why: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.running = undefined;
    for (const timer of this.draining.values()) clearTimeout(timer);
    this.draining.clear();
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.onGone(why);
  }
}
