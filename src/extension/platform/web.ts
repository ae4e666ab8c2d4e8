import { boundedOutliner } from './outliner';
import type { HostPlatform } from './platform';

/** The browser's web worker extension host (vscode.dev, github.dev): no Node, no worker threads. */
export const webPlatform: HostPlatform = {
  createOutliner: () => boundedOutliner(),
};
