/**
 * Row action on a file or folder row: show it in the Explorer.
 */
import * as vscode from 'vscode';
import { uriOfRow, type SidebarNode } from '../../sidebar/rows.js';
import { SidebarItemCommand } from '../../sidebar/sidebarIds.js';
import type { EditorCommand } from '../shared.js';

export const sidebarRevealFile: EditorCommand<[node?: SidebarNode]> = {
  id: SidebarItemCommand.RevealFile,
  async run(_services, node) {
    const uri = uriOfRow(node);
    if (uri) await vscode.commands.executeCommand('revealInExplorer', uri);
  },
};
