/** Messages between the extension host and the KVM worker (`kvmWorker.ts`). */
import type { KvmPanelExit } from '../../../shared/kvmProtocol';
import type { KvmAvailability } from './realKvm';
import type { PanelRunOutcome, PanelRunRequest } from './runForPanel';

/**
 * A run carries its own cancel cell (an Int32Array over a SharedArrayBuffer): the host stores 1 in
 * it and the run, which never yields to the worker's message loop, reads it between exits.
 */
export type KvmWorkerRequest = { id: number; type: 'availability' } | ({ id: number; type: 'run'; cancel: SharedArrayBuffer } & PanelRunRequest);

export type KvmWorkerReply =
  | { id: number; type: 'availability'; availability: KvmAvailability }
  | { id: number; type: 'exits'; exits: KvmPanelExit[] }
  | { id: number; type: 'done'; outcome: PanelRunOutcome }
  | { id: number; type: 'error'; error: string };
