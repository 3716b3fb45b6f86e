/**
 * "Create ops-roles.yaml": a starter file from the folder's layout (the core's `initConfig`:
 * one rule per built-in role whose typical paths exist, holders left for the user to fill in).
 * Never replaces an existing file; writes only in a trusted workspace.
 */
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../../core/config.js';
import { initConfig, type InitResult } from '../../core/init.js';
import { Command } from '../commandIds.js';
import { readIfExists, writeInFolder } from '../codeownersOutput.js';
import { listFolderFiles } from '../folderFiles.js';
import { reportFailure } from '../logger.js';
import { setting } from '../settings.js';
import { pickFolder, type EditorCommand } from './support.js';

export const init: EditorCommand = {
  id: Command.Init,
  async run(services, arg) {
    const folder = await pickFolder(arg, `Create ${CONFIG_FILE_NAME} in which folder?`);
    if (!folder) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first: {0} goes at its root.', CONFIG_FILE_NAME));
      return undefined;
    }
    const target = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
    if ((await readIfExists(target)) !== undefined) {
      await vscode.window.showTextDocument(target, { preview: false });
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} already has {1}; it is open now.', folder.name, CONFIG_FILE_NAME));
      return { status: 'exists' };
    }
    let result: InitResult;
    try {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Ops Roles: reading the layout of {0}', folder.name), cancellable: true },
        async (_progress, token) => {
          const files = await listFolderFiles(folder, token);
          // Only a target the user chose: otherwise the core picks GitLab for GitLab repositories.
          const chosen = vscode.workspace.getConfiguration('opsRoles', folder.uri).inspect('codeowners.target');
          const explicit = chosen?.workspaceFolderValue ?? chosen?.workspaceValue ?? chosen?.globalValue;
          return initConfig(files, explicit === undefined ? {} : { target: setting('codeowners.target', folder.uri) });
        },
      );
    } catch (error) {
      await reportFailure(services.logger, vscode.l10n.t('Could not read the layout of {0}', folder.name), error);
      return undefined;
    }
    const summary = result.rules.length
      ? `${result.rules.length} rules from the layout (${result.rules.map((r) => r.role).join(', ')})`
      : 'no typical paths found; add rules by hand';
    if (!vscode.workspace.isTrusted) {
      const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: result.text });
      await vscode.window.showTextDocument(document, { preview: false });
      void vscode.window.showInformationMessage(
        vscode.l10n.t('The workspace is not trusted, so nothing was written: here is the starter {0} ({1}).', CONFIG_FILE_NAME, summary),
      );
      return { status: 'shown', document, rules: result.rules.length };
    }
    try {
      // overwrite: false, so a file that appeared meanwhile is not replaced.
      await writeInFolder(folder, CONFIG_FILE_NAME, result.text, { overwrite: false });
    } catch (error) {
      await reportFailure(services.logger, vscode.l10n.t('Could not write {0}', CONFIG_FILE_NAME), error);
      return undefined;
    }
    await vscode.window.showTextDocument(target, { preview: false });
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Created {0}: {1}. Name who holds each role, then generate CODEOWNERS.', CONFIG_FILE_NAME, summary),
    );
    return { status: 'written', rules: result.rules.length };
  },
};
