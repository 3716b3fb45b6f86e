/**
 * Internal: append a rule for an unowned file to ops-roles.yaml and offer the roles to give
 * it. Edits the open document only; saving stays with the user.
 */
import * as vscode from 'vscode';
import { Command } from '../commandIds.js';
import { addRuleEdit } from '../configEdits.js';
import { locateTarget, openConfigAt, type EditorCommand } from './support.js';

export const addRule: EditorCommand = {
  id: Command.AddRule,
  async run(services, arg) {
    const target = await locateTarget(services, arg);
    if (!target) return undefined;
    const { index, rel } = target;
    const document = await vscode.workspace.openTextDocument(index.configUri);
    const text = document.getText();
    const { edit, rolesOffset } = addRuleEdit(text, rel);
    if (rolesOffset < 0) {
      await openConfigAt(index, 1);
      void vscode.window.showInformationMessage(vscode.l10n.t('"ownership" in ops-roles.yaml is not a list of rules; add the rule by hand.'));
      return undefined;
    }
    const we = new vscode.WorkspaceEdit();
    we.insert(document.uri, document.positionAt(edit.offset), edit.newText);
    if (!(await vscode.workspace.applyEdit(we))) return undefined;
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    const at = document.positionAt(rolesOffset);
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(new vscode.Range(at, at));
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    return { line: at.line + 1 };
  },
};
