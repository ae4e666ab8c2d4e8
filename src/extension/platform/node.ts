import { KvmWorkerClient } from '../simulator/kvm/kvmWorkerClient';
import { OutlineRunner } from '../taxonomy/outlineRunner';
import type { HostPlatform } from './platform';

/**
 * The Node extension host (desktop, remote, code-server): notes are outlined in a `worker_threads`
 * worker (dist/outlineWorker.js), with OutlineRunner's own bounded fallback. Only this file and
 * extension.ts may import Node-only modules, so that they never reach the browser bundle.
 */
export const nodePlatform: HostPlatform = {
  createOutliner: () => new OutlineRunner(),
  // Real KVM runs in a worker too (dist/kvmWorker.js): a run is synchronous KVM_RUN calls.
  createRealKvm: () => new KvmWorkerClient(),
};
