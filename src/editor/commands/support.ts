/**
 * What the commands share: the services they run with, finding the file or folder a command
 * is about, opening ops-roles.yaml at a line, and a quick pick that does not hold the command.
 */
import * as vscode from 'vscode';
import { Command } from '../commandIds.js';
import type { FolderFiles } from '../folderFiles.js';
import type { Logger } from '../logger.js';
import type { FolderIndex, OwnershipIndexManager } from '../ownershipIndex.js';
import type { PreviewDocuments } from '../previewDocuments.js';
import type { Sidebar } from '../sidebar/sidebar.js';

/** What every command runs with. */
export interface CommandServices {
  readonly manager: OwnershipIndexManager;
  readonly logger: Logger;
  readonly folderFiles: FolderFiles;
  readonly previews: PreviewDocuments;
  readonly extensionContext: vscode.ExtensionContext;
  /** The sidebar's views, for the commands of their title bars and rows. */
  readonly sidebar: Sidebar;
}

/**
 * One command: its id and what it does. `Args` says what VS Code passes: the row's node from a
 * tree's menus, a URI from the explorer, a link's arguments, nothing from the palette. The
 * manifest's `when` clauses decide which rows offer a command, so the registry passes the
 * arguments on as they come. The return value is for tests and callers, not users.
 */
export interface EditorCommand<Args extends unknown[] = unknown[]> {
  readonly id: Command;
  run(services: CommandServices, ...args: Args): unknown;
}

/** A URI from a command argument (a `Uri` from menus, a string from links), else the active editor's. */
export function targetUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg) return vscode.Uri.parse(arg);
  return vscode.window.activeTextEditor?.document.uri;
}

/**
 * The index and path of the file a command is about, or `undefined` after telling the user
 * why there is none.
 */
export async function locateTarget(services: CommandServices, arg: unknown): Promise<{ index: FolderIndex; rel: string; uri: vscode.Uri } | undefined> {
  const uri = targetUri(arg);
  if (!uri) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a file first: Ops Roles answers for the file in the active editor.'));
    return undefined;
  }
  await services.manager.start();
  const located = services.manager.locate(uri);
  if (!located) {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const message = folder
      ? `${folder.name} has no ops-roles.yaml, nor a CODEOWNERS where GitHub or GitLab read one, so no file in it has an owner yet.`
      : 'This file is not in a workspace folder.';
    void vscode.window.showInformationMessage(message, ...(folder ? ['Create ops-roles.yaml'] : [])).then((choice) => {
      if (choice) void vscode.commands.executeCommand(Command.Init, folder?.uri);
    });
    return undefined;
  }
  return { ...located, uri };
}

/**
 * The workspace folder a command that needs no ops-roles.yaml is about: the argument's or the
 * active file's folder, the only folder, or the user's pick (`placeHolder` asks which).
 */
export async function pickFolder(arg: unknown, placeHolder: string): Promise<vscode.WorkspaceFolder | undefined> {
  const uri = targetUri(arg);
  const fromUri = uri ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
  if (fromUri) return fromUri;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder });
}

/** The indexed folder a folder-wide command is about: the only one, the active file's, or the user's pick. */
export async function pickIndex(services: CommandServices, arg: unknown, purpose: string): Promise<FolderIndex | undefined> {
  await services.manager.start();
  const all = services.manager.all();
  const uri = targetUri(arg);
  const fromUri = uri ? services.manager.forUri(uri) : undefined;
  if (fromUri) return fromUri;
  if (all.length === 1) return all[0];
  if (all.length === 0) {
    void vscode.window
      .showInformationMessage(vscode.l10n.t('No workspace folder has an ops-roles.yaml at its root.'), vscode.l10n.t('Create ops-roles.yaml'))
      .then((choice) => {
        if (choice) void vscode.commands.executeCommand(Command.Init);
      });
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    all.map((index) => ({ label: index.folder.name, description: index.folder.uri.fsPath, index })),
    { placeHolder: vscode.l10n.t('Which folder {0}?', purpose) },
  );
  return picked?.index;
}

/** Open a folder's ops-roles.yaml with line `line` (1-based) selected and in view. */
export async function openConfigAt(index: FolderIndex, line: number): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(index.configUri);
  const at = Math.max(0, Math.min(document.lineCount - 1, line - 1));
  const range = document.lineAt(at).range;
  const start = new vscode.Position(at, document.lineAt(at).firstNonWhitespaceCharacterIndex);
  return vscode.window.showTextDocument(document, { selection: new vscode.Selection(start, range.end), preview: false });
}

/** A quick-pick item that knows what accepting it does. */
export interface ActionItem extends vscode.QuickPickItem {
  readonly accept?: () => unknown;
}

/**
 * Show a quick pick and return at once with what it shows; accepting an item runs its action.
 * The command's promise does not wait for the user, so callers (and tests) see the result.
 */
export function showActionPick(title: string, items: readonly ActionItem[], placeholder?: string): { title: string; items: readonly ActionItem[] } {
  const pick = vscode.window.createQuickPick<ActionItem>();
  pick.title = title;
  pick.placeholder = placeholder;
  pick.items = items;
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.onDidAccept(() => {
    const item = pick.selectedItems[0];
    pick.hide();
    void item?.accept?.();
  });
  pick.onDidHide(() => pick.dispose());
  pick.show();
  return { title, items };
}

/** A separator row. */
export function separator(label: string): ActionItem {
  return { label, kind: vscode.QuickPickItemKind.Separator };
}
