// Helpers shared by the extension-host tests.
import * as vscode from 'vscode';

/** The id VS Code knows the extension by: `publisher.name` from package.json. */
export const EXTENSION_ID = 'ops-roles.ops-roles';

/** The extension under test, activated. */
export async function activeExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) {
    const ids = vscode.extensions.all.map((e) => e.id).filter((id) => !id.startsWith('vscode.'));
    throw new Error(`extension ${EXTENSION_ID} is not loaded; non-builtin extensions: ${ids.join(', ') || 'none'}`);
  }
  await extension.activate();
  return extension;
}

/** The first workspace folder, which the runner fills with a copy of examples/. */
export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return folder;
}

/** Opens a workspace file by its path relative to the workspace folder. */
export async function openFile(relativePath: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(workspaceFolder().uri, relativePath);
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document);
}

/** The text of every hover VS Code's providers give at a position of a workspace file. */
export async function hoverText(relativePath: string, line: number, character: number): Promise<string> {
  const uri = vscode.Uri.joinPath(workspaceFolder().uri, relativePath);
  // The execute*Provider commands answer only for documents the editor has loaded.
  await vscode.workspace.openTextDocument(uri);
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, character))) ?? [];
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}
