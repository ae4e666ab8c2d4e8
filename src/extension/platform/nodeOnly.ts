import * as vscode from 'vscode';

interface ContributedCommand {
  command: string;
  title?: string;
  category?: string;
}

/** The manifest's commands that no feature of this host registered: the Node-only ones, seen from the web. */
export function missingCommands(contributed: readonly ContributedCommand[], registered: ReadonlySet<string>): ContributedCommand[] {
  return contributed.filter((c) => typeof c.command === 'string' && !registered.has(c.command));
}

function contributedCommands(extension: vscode.Extension<unknown>): ContributedCommand[] {
  const commands: unknown = (extension.packageJSON as { contributes?: { commands?: unknown } }).contributes?.commands;
  return Array.isArray(commands) ? (commands as ContributedCommand[]) : [];
}

/**
 * In vscode.dev and github.dev the manifest is the same, so the palette still lists commands whose
 * feature needs Node (the real-KVM runner, anything that spawns a process). Instead of VS Code's
 * bare "command not found", each of them says why it is missing and where it works. Called after
 * every shared feature registered its commands, so only the Node-only ones are left.
 */
export async function registerNodeOnlyNotices(context: vscode.ExtensionContext): Promise<vscode.Disposable> {
  const registered = new Set(await vscode.commands.getCommands(true));
  const notices = missingCommands(contributedCommands(context.extension), registered).map((c) =>
    vscode.commands.registerCommand(c.command, () => showNodeOnlyMessage(commandTitle(c))),
  );
  return vscode.Disposable.from(...notices);
}

/** The palette title (the manifest comes localized; an unresolved `%key%` falls back to the id). */
function commandTitle(c: ContributedCommand): string {
  if (!c.title || c.title.startsWith('%')) return c.command;
  return c.category && !c.category.startsWith('%') ? `${c.category}: ${c.title}` : c.title;
}

/** The one sentence a learner reads in the browser when a feature needs the desktop VS Code. */
export function showNodeOnlyMessage(feature: string): Thenable<unknown> {
  return vscode.window.showInformationMessage(
    vscode.l10n.t(
      '{0}: this needs VS Code on a computer (it uses Node.js), so it is not available in vscode.dev or github.dev. The note tree, hovers, Glossary and simulator work here.',
      feature,
    ),
  );
}
