/**
 * "Reveal in Ops Roles": select a file (from the explorer, the editor, or the active one) in
 * the Roles view under its first role, or among the unowned files in the Coverage view.
 * Returns the view and row id it revealed (for tests).
 */
import * as vscode from 'vscode';
import { Command } from '../commandIds.js';
import { View } from '../viewIds.js';
import type { EditorCommand } from './support.js';

export const revealInSidebar: EditorCommand<[arg?: vscode.Uri | string]> = {
  id: Command.RevealInSidebar,
  async run({ manager, sidebar }, arg) {
    const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.parse(arg) : vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a file or pick one in the Explorer to reveal it in Ops Roles.'));
      return undefined;
    }
    await manager.start();
    const located = manager.locate(uri);
    if (!located) {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      void vscode.window.showInformationMessage(
        folder ? vscode.l10n.t('{0} has no ops-roles.yaml at its root.', folder.name) : vscode.l10n.t('This file is not in a workspace folder.'),
      );
      return undefined;
    }
    await located.index.ready;
    const { index, rel } = located;
    const row = await sidebar.roles.fileRow(index, rel);
    if (row) {
      await sidebar.roles.treeView.reveal(row, { select: true, focus: true, expand: row.kind === 'role' });
      return { view: View.Roles, id: sidebar.roles.getTreeItem(row).id };
    }
    await sidebar.coverage.update();
    const unowned = sidebar.coverage.unownedRow(index, rel);
    if (unowned) {
      await sidebar.coverage.treeView.reveal(unowned, { select: true, focus: true });
      return { view: View.Coverage, id: sidebar.coverage.getTreeItem(unowned).id };
    }
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is not among the files Ops Roles lists (ignored by git, or just created).', rel));
    return undefined;
  },
};
