import * as vscode from 'vscode';
import { CONTROL_ACTIONS, MAX_PROGRAM_CHARS, MAX_URI_CHARS, logText, type ModeId, type PanelSnapshot, type ProgramSource } from '../../shared/protocol';
import { onDidChangeUiLanguage } from '../language';
import { RUN_FENCE_COMMAND } from '../guestLanguage/codeLens';
import { ActiveProgramTracker, fenceProgram, programFromDocument, programInEditor } from './activeProgram';
import { SIMULATOR_VIEW_TYPE, SimulatorPanel, type PanelContext } from './panel';
import { loadExamples, registerExamples } from './examples';
import { walkthroughDone } from '../walkthrough/registerWalkthrough';
import { normalUri } from './reveal';
import type { RealKvm } from './kvm/realKvm';

/** What the integration tests may ask of the panel beyond the commands. */
export interface SimulatorApi {
  isOpen(): boolean;
  /** The last summary the page reported (program, mode, position, status …). */
  lastState(): PanelSnapshot | undefined;
  /**
   * Handles `message` as if the page had sent it (validated and allowed exactly as the page's own),
   * so that a test can play a page that asks for what it must not get. Nothing without a panel.
   */
  fromPage(message: unknown): Promise<void>;
  /** Opens the panel on a shipped example and runs it in `mode` (the walkthrough's lessons); false if there is no such example. */
  runExample(id: string, mode: ModeId): Promise<boolean>;
}

/** The simulator panel, its commands, its serializer, and following the UI language. */
export function registerSimulator(context: vscode.ExtensionContext, realKvm?: RealKvm): { disposable: vscode.Disposable; api: SimulatorApi } {
  const log = vscode.window.createOutputChannel(vscode.l10n.t('KVM Lab Simulator'), { log: true });
  const tracker = new ActiveProgramTracker();
  const panelContext: PanelContext = { extensionUri: context.extensionUri, log, memento: context.workspaceState, activeProgram: () => tracker.current(), realKvm };

  const open = () => SimulatorPanel.show(panelContext);
  const run = (program: ProgramSource) => {
    // The page would drop a larger program as malformed; say why here instead.
    if (program.text.length > MAX_PROGRAM_CHARS) {
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} is too large for the simulator ({1} characters; at most {2}).', program.name, program.text.length, MAX_PROGRAM_CHARS));
      return;
    }
    SimulatorPanel.show(panelContext).loadProgram(program, { run: true });
  };

  const runActive = async (resource?: unknown) => {
    // From the editor title or the explorer the command gets the file's URI.
    if (resource instanceof vscode.Uri) {
      const document = await Promise.resolve(vscode.workspace.openTextDocument(resource)).catch((e: unknown) => {
        void vscode.window.showErrorMessage(vscode.l10n.t('Cannot run a guest program: {0} could not be opened.', logText(resource.toString(true), 200)));
        log.warn(`simulator: could not open ${logText(resource.toString(true), 200)}: ${logText(String(e), 500)}`);
      });
      if (!document) return;
      if (document.languageId === 'vmasm') return run(programFromDocument(document));
    }
    const program = programInEditor(vscode.window.activeTextEditor) ?? (SimulatorPanel.currentPanel?.panel.active ? tracker.current() : undefined);
    if (program) return run(program);
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a .vmasm guest program (or put the cursor in a ```vmasm block of a note) to run it in the simulator.'));
  };

  /**
   * The CodeLens's command: (document URI, 0-based line of the fence). Anyone can run a command
   * with any arguments (another extension, a command link), so both are checked and every refusal
   * is a message, never an exception. Returns whether a program was sent to the panel.
   */
  const runFence = async (uri?: unknown, line?: unknown): Promise<boolean> => {
    const target = typeof uri === 'string' && uri.length <= MAX_URI_CHARS ? normalUri(uri) : uri instanceof vscode.Uri ? uri : undefined;
    if (!target || typeof line !== 'number' || !Number.isInteger(line) || line < 0) {
      const given = `${argumentText(uri)}, ${argumentText(line)}`;
      log.warn(`simulator: runFence needs a document URI and a line number, got (${given})`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot run a guest program: expected a document and a line number, got ({0}).', given));
      return false;
    }
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(target);
    } catch (e) {
      log.warn(`simulator: runFence could not open ${logText(target.toString(true), 200)}: ${logText(String(e), 500)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot run a guest program: {0} could not be opened.', logText(target.toString(true), 200)));
      return false;
    }
    const program = fenceProgram(document, line);
    if (!program) {
      log.warn(`simulator: no vmasm block at line ${line + 1} of ${logText(document.uri.toString(true), 200)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('There is no ```vmasm block at line {0} of {1}.', line + 1, logText(document.uri.toString(true), 200)));
      return false;
    }
    run(program);
    if (document.languageId === 'markdown') walkthroughDone('ranNoteProgram');
    return true;
  };

  const disposables: vscode.Disposable[] = [
    log,
    tracker,
    registerExamples(context.extensionUri),
    vscode.commands.registerCommand('kvmLab.simulator.open', () => void open()),
    vscode.commands.registerCommand('kvmLab.simulator.runActive', runActive),
    vscode.commands.registerCommand(RUN_FENCE_COMMAND, runFence),
    ...CONTROL_ACTIONS.map((action) =>
      vscode.commands.registerCommand(`kvmLab.simulator.${action}`, () => SimulatorPanel.currentPanel?.control(action)),
    ),
    vscode.window.registerWebviewPanelSerializer(SIMULATOR_VIEW_TYPE, {
      async deserializeWebviewPanel(panel) {
        SimulatorPanel.revive(panel, panelContext);
      },
    }),
    onDidChangeUiLanguage(() => void SimulatorPanel.currentPanel?.render()),
    // Saving the program the panel shows loads the new version (mode kept, position reset).
    vscode.workspace.onDidSaveTextDocument((document) => {
      const panel = SimulatorPanel.currentPanel;
      const shown = panel?.shownProgram;
      if (!panel || !shown || shown.uri !== document.uri.toString()) return;
      const program = document.languageId === 'vmasm' ? programFromDocument(document) : fenceProgram(document, Math.max(0, shown.firstLine - 1));
      if (program && program.text !== shown.text && program.text.length <= MAX_PROGRAM_CHARS) panel.loadProgram(program);
    }),
    { dispose: () => SimulatorPanel.currentPanel?.dispose() },
    { dispose: () => realKvm?.dispose() },
  ];

  return {
    disposable: vscode.Disposable.from(...disposables),
    api: {
      isOpen: () => SimulatorPanel.currentPanel !== undefined,
      lastState: () => SimulatorPanel.currentPanel?.lastSnapshot,
      fromPage: async (message) => SimulatorPanel.currentPanel?.receive(message),
      runExample: async (id, mode) => {
        const example = (await loadExamples(context.extensionUri, log)).find((candidate) => candidate.id === id);
        if (!example) return false;
        SimulatorPanel.show(panelContext).loadProgram(example.program, { mode, run: true });
        return true;
      },
    },
  };
}

/** A command argument for a message: short, one line, and never by calling the caller's toString. */
function argumentText(x: unknown): string {
  if (typeof x === 'string') return JSON.stringify(logText(x, 100));
  if (x === null || ['undefined', 'number', 'boolean', 'bigint'].includes(typeof x)) return String(x);
  return Array.isArray(x) ? 'an array' : `a value of type ${typeof x}`;
}
