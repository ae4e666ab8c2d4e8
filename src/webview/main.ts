// Entry of the simulator page (bundled to dist/webview.js as a browser IIFE; the CSS
// imports become dist/webview.css, codicons' font beside it).
import '@vscode/codicons/dist/codicon.css';
import './simulator.css';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import { describeMessage, isHostToWebview, parseBoot, type WebviewToHost } from '../shared/protocol';
import { SimulatorApp } from './app';
import type { Scheduler } from './runner';
import type { PersistedState } from './state';
import { followTheme } from './theme';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: PersistedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** Zero-delay callbacks through a MessageChannel: setTimeout(0) is clamped to 4 ms when nested. */
function browserScheduler(): Scheduler {
  const channel = new MessageChannel();
  const queue = new Map<number, () => void>();
  let next = 0;
  channel.port1.onmessage = (e: MessageEvent<number>) => {
    const cb = queue.get(e.data);
    queue.delete(e.data);
    cb?.();
  };
  return {
    now: () => performance.now(),
    schedule(callback, delayMs) {
      if (delayMs > 0) {
        const id = setTimeout(callback, delayMs);
        return () => clearTimeout(id);
      }
      const id = next++;
      queue.set(id, callback);
      channel.port2.postMessage(id);
      return () => queue.delete(id);
    },
  };
}

// Contrast-checked mark and text colours, before the first paint and after every theme change.
followTheme();

const vscode = acquireVsCodeApi();
const root = document.getElementById('app')!;
const boot = parseBoot(document.body.dataset.boot);
const app = new SimulatorApp(root, boot, {
  post: (m) => vscode.postMessage(m),
  getState: () => vscode.getState(),
  setState: (s) => vscode.setState(s),
}, browserScheduler());

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (!isHostToWebview(event.data)) {
    const what = describeMessage(event.data);
    console.warn(`kvm-lab simulator: dropped a malformed message (${what})`);
    vscode.postMessage({ type: 'log', level: 'warn', message: `dropped a malformed message from the host (${what})` });
    return;
  }
  app.receive(event.data);
});
window.addEventListener('error', (e) => {
  vscode.postMessage({ type: 'log', level: 'error', message: String(e.message).slice(0, 2000) });
});

app.start();
root.removeAttribute('aria-busy');
