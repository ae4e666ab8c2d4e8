import * as vscode from 'vscode';
import {
  describeMessage,
  isWebviewToHost,
  logText,
  MAX_PROGRAM_CHARS,
  type ControlAction,
  type ExampleProgram,
  type HostToWebview,
  type ModeId,
  type PanelSnapshot,
  type ProgramSource,
  type WebviewToHost,
} from '../../shared/protocol';
import { makeNonce, renderSimulatorHtml } from './html';
import { explainTerm } from '../guestLanguage/glossaryLink';
import { loadExamples } from './examples';
import { panelStrings } from './panelLanguage';
import { termNamesIn } from '../../core/glossary/index';
import { revealProgramLine } from './reveal';
import { NO_NODE_REASON, type RealKvm } from './kvm/realKvm';

export const SIMULATOR_VIEW_TYPE = 'kvmLab.simulator';

/** The memento key of the last program the host gave the panel: its name and document only. */
const LAST_LOADED_KEY = 'kvmLab.simulator.lastLoaded';

interface LoadedDocument {
  name: string;
  uri?: string;
}

/** What the panel needs from the rest of the extension. */
export interface PanelContext {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  /** Where the panel remembers, across window reloads, which document it was given last. */
  readonly memento: vscode.Memento;
  /** The guest program the user means by "current program" (the host knows the editors). */
  activeProgram(): ProgramSource | undefined;
  /** This machine's real KVM (Node extension host only). */
  readonly realKvm?: RealKvm;
}

/**
 * The one simulator panel. The guest machine runs inside the page; the host feeds it
 * programs and examples and acts on its requests (reveal a line, open the glossary).
 * Messages wait until the page says it is ready.
 */
export class SimulatorPanel implements vscode.Disposable {
  private static current: SimulatorPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private pending: HostToWebview[] = [];
  private ready = false;
  private disposed = false;
  private snapshot: PanelSnapshot | undefined;
  private loaded: ProgramSource | undefined;
  private examples: readonly ExampleProgram[] = [];
  /** The page's real KVM run in flight, if any. */
  private kvmRunId: number | undefined;

  static get currentPanel(): SimulatorPanel | undefined {
    return SimulatorPanel.current;
  }

  /** Shows the panel, creating it beside the active editor if there is none. */
  static show(context: PanelContext, preserveFocus = false): SimulatorPanel {
    const existing = SimulatorPanel.current;
    if (existing) {
      existing.panel.reveal(undefined, preserveFocus);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      SIMULATOR_VIEW_TYPE,
      vscode.l10n.t('Trap-and-Emulate Simulator'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
      webviewOptions(context.extensionUri),
    );
    return new SimulatorPanel(panel, context);
  }

  /** After a window reload (WebviewPanelSerializer): the page restores its own state. */
  static revive(panel: vscode.WebviewPanel, context: PanelContext): SimulatorPanel {
    SimulatorPanel.current?.dispose();
    panel.webview.options = webviewOptions(context.extensionUri);
    return new SimulatorPanel(panel, context);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly context: PanelContext,
  ) {
    SimulatorPanel.current = this;
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'kvm-lab.svg');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      // A hidden panel's page is discarded (no retainContextWhenHidden) and says `ready` again
      // when shown; until then messages wait here instead of being lost.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
    );
    void this.render();
  }

  get lastSnapshot(): PanelSnapshot | undefined {
    return this.snapshot;
  }

  /** Writes the page afresh (also when the UI language changes); the page keeps its state. */
  async render(): Promise<void> {
    const { lang, strings } = await panelStrings(this.context.extensionUri, this.context.log);
    if (this.disposed) return;
    const webview = this.panel.webview;
    const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, ...path)).toString();
    this.ready = false;
    webview.html = renderSimulatorHtml(
      { cspSource: webview.cspSource, scriptUri: asset('dist', 'webview.js'), styleUri: asset('dist', 'webview.css') },
      // Web Crypto: the same API in the Node extension host and in the browser's web worker.
      { nonce: makeNonce((n) => globalThis.crypto.getRandomValues(new Uint8Array(n))), lang, title: strings.title, boot: { strings, lang, termNames: lang === 'en' ? {} : termNamesIn(lang) } },
    );
  }

  loadProgram(program: ProgramSource, options: { mode?: ModeId; run?: boolean } = {}): void {
    this.loaded = program;
    void this.context.memento.update(LAST_LOADED_KEY, { name: program.name, uri: program.uri } satisfies LoadedDocument);
    this.post({ type: 'loadProgram', program, ...options });
  }

  /** The last program the host sent, while the page still shows it (not an example picked since). */
  get shownProgram(): ProgramSource | undefined {
    const s = this.snapshot;
    if (!this.loaded || (s && (s.exampleId !== undefined || s.program !== this.loaded.name))) return undefined;
    return this.loaded;
  }

  /**
   * The document of the program the page shows: the example it reports, else the program the
   * host sent (before a window reload too: the page restores it by itself). Only its lines may be
   * revealed; the page's word alone is not enough.
   */
  get shownDocument(): string | undefined {
    const s = this.snapshot;
    if (s?.exampleId !== undefined) return this.examples.find((e) => e.id === s.exampleId)?.program.uri;
    if (this.loaded) return this.shownProgram?.uri;
    const last = this.context.memento.get<LoadedDocument>(LAST_LOADED_KEY);
    return last && s?.program === last.name && typeof last.uri === 'string' ? last.uri : undefined;
  }

  control(action: ControlAction): void {
    this.post({ type: 'control', action });
  }

  private post(message: HostToWebview): void {
    if (!this.ready) {
      // Only the latest program matters; older queued loads would just flash by.
      if (message.type === 'loadProgram') this.pending = this.pending.filter((m) => m.type !== 'loadProgram');
      this.pending.push(message);
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  /** A message from the page: untrusted until validated, then acted on only within what the panel shows. */
  async receive(raw: unknown): Promise<void> {
    if (!isWebviewToHost(raw)) {
      this.context.log.warn(`simulator: dropped a malformed message from the page (${describeMessage(raw)})`);
      return;
    }
    const message: WebviewToHost = raw;
    switch (message.type) {
      case 'ready': {
        const examples = await loadExamples(this.context.extensionUri, this.context.log);
        if (this.disposed) return;
        this.examples = examples;
        void this.panel.webview.postMessage({ type: 'examples', examples } satisfies HostToWebview);
        this.ready = true;
        const queued = this.pending;
        this.pending = [];
        for (const m of queued) void this.panel.webview.postMessage(m);
        void this.sendKvmAvailability();
        return;
      }
      case 'kvmRun':
        await this.runOnKvm(message.runId, message.program, message.maxSteps);
        return;
      case 'kvmCancel':
        if (this.kvmRunId === message.runId) this.context.realKvm?.cancel();
        return;
      case 'revealLine':
        await revealProgramLine(message.uri, message.line, this.shownDocument, this.context.log);
        return;
      case 'explainTerm':
        await explainTerm(message.term, this.context.log);
        return;
      case 'requestActiveProgram': {
        const program = this.context.activeProgram();
        if (program && program.text.length > MAX_PROGRAM_CHARS) {
          void vscode.window.showErrorMessage(vscode.l10n.t('{0} is too large for the simulator ({1} characters; at most {2}).', program.name, program.text.length, MAX_PROGRAM_CHARS));
          this.post({ type: 'noActiveProgram' });
          return;
        }
        this.post(program ? { type: 'loadProgram', program } : { type: 'noActiveProgram' });
        return;
      }
      case 'log':
        // One log line per message: the page cannot end it and write a fake line of its own.
        this.context.log[message.level](`simulator page: ${logText(message.message)}`);
        return;
      case 'state': {
        this.snapshot = message.snapshot;
        const program = message.snapshot.program;
        // The tab says which program it shows, as an editor tab names its file.
        this.panel.title = program ? vscode.l10n.t('Trap-and-Emulate Simulator: {0}', program) : vscode.l10n.t('Trap-and-Emulate Simulator');
        return;
      }
    }
  }

  private async sendKvmAvailability(): Promise<void> {
    const kvm = this.context.realKvm;
    const availability = kvm ? await kvm.availability() : { available: false as const, reason: NO_NODE_REASON };
    if (!availability.available) this.context.log.info(`simulator: real KVM is not available: ${availability.reason.en}`);
    this.post({ type: 'kvmAvailability', ...availability });
  }

  /** A real KVM run for the page: exits as they come, then the result (or why there is none). */
  private async runOnKvm(runId: number, program: { name: string; text: string }, maxSteps: number): Promise<void> {
    const kvm = this.context.realKvm;
    if (!kvm) {
      this.post({ type: 'kvmFailed', runId, reason: NO_NODE_REASON });
      return;
    }
    this.kvmRunId = runId;
    const outcome = await kvm.run(program, maxSteps, (exits) => this.post({ type: 'kvmExits', runId, exits }));
    if (this.disposed) return;
    if (this.kvmRunId === runId) this.kvmRunId = undefined;
    if ('result' in outcome) this.post({ type: 'kvmResult', runId, result: outcome.result });
    else if ('failed' in outcome) {
      this.context.log.warn(`simulator: real KVM run of ${logText(program.name, 200)} failed: ${outcome.failed.en}`);
      this.post({ type: 'kvmFailed', runId, reason: outcome.failed });
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.context.realKvm?.cancel();
    this.disposed = true;
    if (SimulatorPanel.current === this) SimulatorPanel.current = undefined;
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** Scripts on, and only the built bundle's folder readable by the page. */
function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')],
  };
}
