import * as vscode from 'vscode';

/**
 * `npm start` sets KVM_LAB_DEMO=1 in the editor's environment: once the extension is up, it opens
 * the built-in study note and the simulator beside it, so the product shows itself without a step.
 */
export async function openDemoIfAsked(log: (message: string) => void): Promise<void> {
  if (process.env.KVM_LAB_DEMO !== '1') return;
  try {
    await vscode.commands.executeCommand('kvmLab.openBuiltinNote');
    const commands = await vscode.commands.getCommands(true);
    if (commands.includes('kvmLab.simulator.open')) await vscode.commands.executeCommand('kvmLab.simulator.open');
  } catch (error) {
    log(`demo start: ${error instanceof Error ? error.message : String(error)}`);
  }
}
