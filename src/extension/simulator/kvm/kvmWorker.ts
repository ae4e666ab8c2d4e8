/**
 * Real KVM runs for the simulator panel, off the extension host's thread (a `worker_threads`
 * worker, bundled as dist/kvmWorker.js). A run is synchronous KVM_RUN calls until the guest stops
 * (bounded by its step and exit limits); here it blocks only this thread. The host ends a run by
 * setting its cancel cell, read between exits: the run then closes its VM as on any other path.
 * One request at a time, in order.
 */
import { parentPort } from 'node:worker_threads';
import type { KvmWorkerReply, KvmWorkerRequest } from './kvmWorkerProtocol';
import { panelAvailability, runForPanel } from './runForPanel';

const port = parentPort;
port?.on('message', (request: KvmWorkerRequest) => {
  const reply = (r: KvmWorkerReply) => port.postMessage(r);
  try {
    if (request.type === 'availability') {
      reply({ id: request.id, type: 'availability', availability: panelAvailability() });
      return;
    }
    const cell = new Int32Array(request.cancel);
    const signal = { get aborted() { return Atomics.load(cell, 0) !== 0; } };
    const outcome = runForPanel(request, (exits) => reply({ id: request.id, type: 'exits', exits }), signal);
    reply({ id: request.id, type: 'done', outcome });
  } catch (error) {
    reply({ id: request.id, type: 'error', error: error instanceof Error ? error.message : String(error) });
  }
});
