/**
 * Tree items that several sidebar views draw alike, so a folder or a holder looks the same in
 * every view (and menus that match their `contextValue` apply everywhere).
 */
import * as vscode from 'vscode';
import type { holderKind } from './sidebarData.js';

/** A workspace folder's row, shown when several folders have ops-roles.yaml. `key` is the folder's URI string. */
export function folderItem(folder: vscode.WorkspaceFolder, key: string): vscode.TreeItem {
  const item = new vscode.TreeItem(folder.name, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `${key}#folder`;
  item.iconPath = vscode.ThemeIcon.Folder;
  item.contextValue = 'opsRoles.folder';
  return item;
}

/** The icon of a holder: a team, a person or an e-mail address. */
export function holderIcon(kind: ReturnType<typeof holderKind>): vscode.ThemeIcon {
  return new vscode.ThemeIcon(kind === 'team' ? 'organization' : kind === 'person' ? 'person' : 'mail');
}
