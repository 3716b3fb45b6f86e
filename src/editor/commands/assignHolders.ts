/**
 * "Assign role holders": open ops-roles.yaml where a role's holders are written, adding the role
 * under `roles:` when the file does not list it; without a role (the palette, the walkthrough),
 * at the `roles:` section. Row action on vacant roles in every sidebar view. Returns the line.
 */
import * as vscode from 'vscode';
import { Command } from '../commandIds.js';
import { addRoleEdit } from '../configEdits.js';
import { indexOfRow, roleOfRow, type RowArgument } from '../sidebar/rows.js';
import { openConfigAt, pickIndex, type EditorCommand } from './support.js';

export const assignHolders: EditorCommand<[arg?: RowArgument]> = {
  id: Command.AssignHolders,
  async run(services, arg) {
    const role = roleOfRow(arg);
    const index = indexOfRow(arg) ?? (await pickIndex(services, arg instanceof vscode.Uri ? arg : undefined, 'gets holders'));
    if (!index) return undefined;
    const document = await vscode.workspace.openTextDocument(index.configUri);
    const def = role === undefined ? undefined : index.parsed.config.roles.get(role);
    if (def?.range) {
      const editor = await openConfigAt(index, def.range.line);
      return { line: editor.selection.active.line + 1 };
    }
    if (role === undefined) {
      // The roles section, or the top of the file when it has none.
      const at = /^roles\s*:/m.exec(document.getText());
      const line = at ? document.positionAt(at.index).line + 1 : 1;
      await openConfigAt(index, Math.min(document.lineCount, line + (at ? 1 : 0)));
      return { line };
    }
    const edit = addRoleEdit(document.getText(), role);
    const we = new vscode.WorkspaceEdit();
    we.replace(document.uri, new vscode.Range(document.positionAt(edit.offset), document.positionAt(edit.endOffset)), edit.newText);
    if (!(await vscode.workspace.applyEdit(we))) return undefined;
    const cursor = document.positionAt(edit.offset + edit.newText.indexOf(`${role}: [`) + role.length + 3);
    const editor = await vscode.window.showTextDocument(document, { preview: false, selection: new vscode.Selection(cursor, cursor) });
    editor.revealRange(new vscode.Range(cursor, cursor));
    return { line: cursor.line + 1 };
  },
};
