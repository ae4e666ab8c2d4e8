/** Messages between the extension host and the KVM worker (`kvmWorker.ts`). */
import type { KvmPanelExit } from '../../../shared/kvmProtocol';
import type { KvmAvailability } from './realKvm';
import type { PanelRunOutcome, PanelRunRequest } from './runForPanel';

export type KvmWorkerRequest = { id: number; type: 'availability' } | ({ id: number; type: 'run' } & PanelRunRequest);

export type KvmWorkerReply =
  | { id: number; type: 'availability'; availability: KvmAvailability }
  | { id: number; type: 'exits'; exits: KvmPanelExit[] }
  | { id: number; type: 'done'; outcome: PanelRunOutcome }
  | { id: number; type: 'error'; error: string };
