/**
 * Row action on the Coverage view's drift group: generate the CODEOWNERS of the row's folder.
 */
import * as vscode from 'vscode';
import { Command } from '../../commandIds.js';
import { indexOfRow, type SidebarNode } from '../../sidebar/rows.js';
import type { EditorCommand } from '../support.js';

export const sidebarRegenerate: EditorCommand<[node?: SidebarNode]> = {
  id: Command.SidebarRegenerate,
  run(_services, node) {
    return vscode.commands.executeCommand(Command.Generate, indexOfRow(node)?.folder.uri);
  },
};
