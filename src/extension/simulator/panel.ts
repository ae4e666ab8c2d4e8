import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import {
  describeMessage,
  isWebviewToHost,
  type ControlAction,
  type HostToWebview,
  type ModeId,
  type ProgramSource,
  type WebviewToHost,
} from '../../shared/protocol';
import { makeNonce, renderSimulatorHtml } from './html';
import { simulatorStrings } from './strings';
import { loadExamples } from './examples';
import { revealProgramLine } from './reveal';

export const SIMULATOR_VIEW_TYPE = 'kvmLab.simulator';

/**
 * The one simulator panel. The guest machine itself runs inside the page; the host
 * only feeds it programs and examples and acts on its requests (reveal a line,
 * open the glossary). Messages are queued until the page says it is ready.
 */
export class SimulatorPanel implements vscode.Disposable {
  private static current: SimulatorPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private pending: HostToWebview[] = [];
  private ready = false;

  static get currentPanel(): SimulatorPanel | undefined {
    return SimulatorPanel.current;
  }

  /** Shows the panel, creating it beside the active editor if there is none. */
  static show(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): SimulatorPanel {
    const existing = SimulatorPanel.current;
    if (existing) {
      existing.panel.reveal(undefined, true);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      SIMULATOR_VIEW_TYPE,
      vscode.l10n.t('Trap-and-Emulate Simulator'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      webviewOptions(context.extensionUri),
    );
    return new SimulatorPanel(panel, context, log);
  }

  /** Called by the serializer after a window reload; the page restores its own state. */
  static revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, log: vscode.LogOutputChannel): SimulatorPanel {
    SimulatorPanel.current?.dispose();
    panel.webview.options = webviewOptions(context.extensionUri);
    return new SimulatorPanel(panel, context, log);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {
    SimulatorPanel.current = this;
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'simulator', 'icon.svg');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
    );
    this.render();
  }

  private render(): void {
    const webview = this.panel.webview;
    const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, ...path)).toString();
    this.ready = false;
    webview.html = renderSimulatorHtml(
      {
        cspSource: webview.cspSource,
        scriptUri: asset('dist', 'webview.js'),
        styleUris: [asset('media', 'simulator', 'simulator.css')],
        codiconUri: asset('dist', 'codicons', 'codicon.css'),
      },
      {
        nonce: makeNonce((n) => randomBytes(n)),
        lang: vscode.env.language,
        title: vscode.l10n.t('Trap-and-Emulate Simulator'),
        boot: { strings: simulatorStrings(), lang: vscode.env.language },
      },
    );
  }

  loadProgram(program: ProgramSource, options: { mode?: ModeId; run?: boolean } = {}): void {
    this.post({ type: 'loadProgram', program, ...options });
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

  private async receive(raw: unknown): Promise<void> {
    if (!isWebviewToHost(raw)) {
      this.log.warn(`simulator: dropped a malformed message from the page (${describeMessage(raw)})`);
      return;
    }
    const message: WebviewToHost = raw;
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        const examples = await loadExamples(this.context.extensionUri, this.log);
        void this.panel.webview.postMessage({ type: 'examples', examples } satisfies HostToWebview);
        const queued = this.pending;
        this.pending = [];
        for (const m of queued) void this.panel.webview.postMessage(m);
        return;
      }
      case 'revealLine':
        await revealProgramLine(message.uri, message.line, this.log);
        return;
      case 'explainTerm':
        await vscode.commands.executeCommand('kvmLab.explainTerm', message.term).then(undefined, (e: unknown) => {
          this.log.warn(`simulator: kvmLab.explainTerm failed: ${String(e)}`);
        });
        return;
      case 'requestActiveProgram': {
        const program = activeProgram();
        this.post(program ? { type: 'loadProgram', program } : { type: 'noActiveProgram' });
        return;
      }
      case 'log':
        this.log[message.level](`simulator page: ${message.message}`);
        return;
    }
  }

  dispose(): void {
    if (SimulatorPanel.current === this) SimulatorPanel.current = undefined;
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** The guest program of the active (or last visible) `vmasm` editor. */
export function activeProgram(): ProgramSource | undefined {
  const candidates = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors];
  const editor = candidates.find((e) => e?.document.languageId === 'vmasm');
  return editor ? programFromDocument(editor.document) : undefined;
}

export function programFromDocument(document: vscode.TextDocument): ProgramSource {
  const name = document.uri.path.split('/').pop() || 'program.vmasm';
  return { name, text: document.getText(), uri: document.uri.toString(), firstLine: 0 };
}
