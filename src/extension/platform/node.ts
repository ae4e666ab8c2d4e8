import { boundedOutliner, type Outliner } from './outliner';
import type { HostPlatform } from './platform';
import { DEFAULT_MAX_CHARS } from '../../core/notes/index';

/**
 * The Node extension host (desktop, remote, code-server). Where the taxonomy's worker_threads
 * outliner exists (src/extension/taxonomy/outlineRunner.ts), `createOutliner` returns it; only this
 * file and extension.ts may import it, so that it never reaches the browser bundle.
 */
export const nodePlatform: HostPlatform = {
  kind: 'node',
  createOutliner: (): Outliner => boundedOutliner(DEFAULT_MAX_CHARS),
};
