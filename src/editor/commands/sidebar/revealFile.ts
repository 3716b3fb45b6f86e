/**
 * Row action on a file or folder row: show it in the Explorer.
 */
import * as vscode from 'vscode';
import { Command } from '../../commandIds.js';
import { uriOfRow, type SidebarNode } from '../../sidebar/rows.js';
import type { EditorCommand } from '../support.js';

export const sidebarRevealFile: EditorCommand<[node?: SidebarNode]> = {
  id: Command.SidebarRevealFile,
  async run(_services, node) {
    const uri = uriOfRow(node);
    if (uri) await vscode.commands.executeCommand('revealInExplorer', uri);
  },
};
