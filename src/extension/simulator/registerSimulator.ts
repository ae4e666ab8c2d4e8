import * as vscode from 'vscode';
import { CONTROL_ACTIONS, MAX_PROGRAM_CHARS, type PanelSnapshot, type ProgramSource } from '../../shared/protocol';
import { onDidChangeUiLanguage } from '../language';
import { RUN_FENCE_COMMAND } from '../guestLanguage/codeLens';
import { ActiveProgramTracker, fenceProgram, programFromDocument, programInEditor } from './activeProgram';
import { SIMULATOR_VIEW_TYPE, SimulatorPanel, type PanelContext } from './panel';

/** What the integration tests may ask of the panel beyond the commands. */
export interface SimulatorApi {
  isOpen(): boolean;
  /** The last summary the page reported (program, mode, position, status …). */
  lastState(): PanelSnapshot | undefined;
}

/** The simulator panel, its commands, its serializer, and following the UI language. */
export function registerSimulator(context: vscode.ExtensionContext): { disposable: vscode.Disposable; api: SimulatorApi } {
  const log = vscode.window.createOutputChannel(vscode.l10n.t('KVM Lab Simulator'), { log: true });
  const tracker = new ActiveProgramTracker();
  const panelContext: PanelContext = { extensionUri: context.extensionUri, log, activeProgram: () => tracker.current() };

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
      const document = await vscode.workspace.openTextDocument(resource);
      if (document.languageId === 'vmasm') return run(programFromDocument(document));
    }
    const program = programInEditor(vscode.window.activeTextEditor) ?? (SimulatorPanel.currentPanel?.panel.active ? tracker.current() : undefined);
    if (program) return run(program);
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a .vmasm guest program (or put the cursor in a ```vmasm block of a note) to run it in the simulator.'));
  };

  const runFence = async (uri?: unknown, line?: unknown) => {
    if (typeof uri !== 'string' || typeof line !== 'number') return;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri, true));
    const program = fenceProgram(document, line);
    if (program) run(program);
    else log.warn(`simulator: no vmasm block at line ${line + 1} of ${document.uri.toString(true)}`);
  };

  const disposables: vscode.Disposable[] = [
    log,
    tracker,
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
  ];

  return {
    disposable: vscode.Disposable.from(...disposables),
    api: {
      isOpen: () => SimulatorPanel.currentPanel !== undefined,
      lastState: () => SimulatorPanel.currentPanel?.lastSnapshot,
    },
  };
}
