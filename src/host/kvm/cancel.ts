/**
 * Stopping a run part-way. The real-KVM run is synchronous KVM_RUN calls and the simulated `vtx`
 * run beside it a synchronous loop, so a worker cannot take a message while they go on: whoever
 * asks sets a flag (in the worker, an Atomics cell in a SharedArrayBuffer) that the loops read
 * between exits and between slices. They then throw RunCancelled, and the `finally` blocks close
 * the VM's fds and unmap its memory as on every other path. Pure: no Node API.
 */

/** What the loops read; an AbortSignal has this shape too. */
export interface CancelSignal {
  readonly aborted: boolean;
}

export class RunCancelled extends Error {
  constructor() {
    super('the run was cancelled');
    this.name = 'RunCancelled';
  }
}

/** Throws RunCancelled when `signal` says so. */
export function throwIfCancelled(signal: CancelSignal | undefined): void {
  if (signal?.aborted) throw new RunCancelled();
}
