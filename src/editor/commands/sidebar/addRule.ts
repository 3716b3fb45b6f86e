/**
 * Row action on an unowned file or folder: add a rule for it to ops-roles.yaml (the same as
 * the CodeLens's "Add a rule").
 */
import * as vscode from 'vscode';
import { Command } from '../../commandIds.js';
import { uriOfRow, type SidebarNode } from '../../sidebar/rows.js';
import type { EditorCommand } from '../support.js';

export const sidebarAddRule: EditorCommand<[node?: SidebarNode]> = {
  id: Command.SidebarAddRule,
  run(_services, node) {
    const uri = uriOfRow(node);
    if (!uri) return undefined;
    return vscode.commands.executeCommand(Command.AddRule, uri.toString());
  },
};
