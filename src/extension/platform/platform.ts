import type { RealKvm } from '../simulator/kvm/realKvm';
import type { Outliner } from './outliner';

/**
 * What differs between the two extension hosts, given by the entry point (`extension.ts` for Node,
 * `extension.web.ts` for the browser's web worker) to the features they share (`features.ts`).
 * Shared code uses no Node API; everything Node-only sits behind this interface.
 */
export interface HostPlatform {
  /** A new outliner for the Note Taxonomy, owned (and disposed) by the tree. */
  createOutliner(): Outliner;
  /** Runs on this machine's /dev/kvm for the simulator panel; absent where there is no Node. */
  createRealKvm?(): RealKvm;
}
