/**
 * "Import CODEOWNERS": turn an existing CODEOWNERS into ops-roles.yaml with the core importer
 * (which proves the result means the same over every file). Writes ops-roles.yaml only where
 * there is none and the workspace is trusted; otherwise shows the result to compare.
 */
import * as vscode from 'vscode';
import { CODEOWNERS_CANDIDATES, codeownersDialect } from '../../core/codeownersTarget.js';
import { CONFIG_FILE_NAME } from '../../core/config.js';
import { importCodeowners, type ImportResult } from '../../core/importCodeowners.js';
import { Command } from '../commandIds.js';
import { readIfExists, writeInFolder } from '../codeownersOutput.js';
import { isCodeownersPath } from '../documents.js';
import { listFolderFiles } from '../folderFiles.js';
import { reportFailure } from '../logger.js';
import { pickFolder, type EditorCommand } from './support.js';

const MAP_TEAMS = 'Map teams to operations roles';

export const importCodeownersCommand: EditorCommand = {
  id: Command.ImportCodeowners,
  async run(services, arg) {
    const folder = await pickFolder(arg, 'Import the CODEOWNERS of which folder?');
    if (!folder) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first: the import reads its CODEOWNERS.'));
      return undefined;
    }
    const rel = (uri: vscode.Uri): string => uri.path.slice(folder.uri.path.replace(/\/+$/, '').length + 1);
    // The file the user pointed at (a CODEOWNERS in the explorer), else the first one a host reads.
    const explicit = arg instanceof vscode.Uri && isCodeownersPath(arg.path) ? rel(arg) : undefined;
    const candidates = explicit ? [explicit] : CODEOWNERS_CANDIDATES;
    let sourcePath: string | undefined;
    let text: string | undefined;
    for (const candidate of candidates) {
      text = await readIfExists(vscode.Uri.joinPath(folder.uri, ...candidate.split('/')));
      if (text !== undefined) {
        sourcePath = candidate;
        break;
      }
    }
    if (text === undefined || sourcePath === undefined) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no CODEOWNERS (looked in {1}).', folder.name, candidates.join(', ')));
      return { status: 'no-codeowners' };
    }
    const flavor = codeownersDialect(sourcePath, { text });
    let result: ImportResult;
    try {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Ops Roles: importing {0}', sourcePath), cancellable: true },
        async (progress, token) => {
          progress.report({ message: vscode.l10n.t('listing files…') });
          const files = await listFolderFiles(folder, token);
          progress.report({ message: vscode.l10n.t('proving over {0} files…', files.length) });
          return importCodeowners(text!, files, { flavor, sourcePath });
        },
      );
    } catch (error) {
      await reportFailure(services.logger, vscode.l10n.t('Could not import {0}', sourcePath), error);
      return undefined;
    }
    for (const p of result.problems) services.logger.info(`${sourcePath}:${p.line}: ${p.severity}: ${p.message}`);
    if (!result.ok) {
      const first = result.problems.find((p) => p.severity === 'error')?.message ?? 'the import does not mean what the CODEOWNERS means';
      const choice = await vscode.window.showErrorMessage(
        vscode.l10n.t('Ops Roles did not import {0}: {1}', sourcePath, first.split('\n')[0] ?? ''),
        vscode.l10n.t('Show log'),
      );
      if (choice) services.logger.show();
      return { status: 'failed', sourcePath };
    }
    const target = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
    const existing = await readIfExists(target);
    if (existing !== undefined || !vscode.workspace.isTrusted) {
      // Never replace an ops-roles.yaml, and never write while untrusted: show the result instead.
      const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: result.text });
      await vscode.window.showTextDocument(document, { preview: false });
      const why = existing !== undefined ? `${folder.name} already has ${CONFIG_FILE_NAME}` : 'the workspace is not trusted, so nothing is written';
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Imported {0} ({1} rules, {2} roles) into an untitled document: {3}.', sourcePath, result.rules, result.roles.length, why),
      );
      return { status: 'shown', sourcePath, document };
    }
    try {
      // overwrite: false, so an ops-roles.yaml that appeared meanwhile is not replaced.
      await writeInFolder(folder, CONFIG_FILE_NAME, result.text, { overwrite: false });
    } catch (error) {
      await reportFailure(services.logger, vscode.l10n.t('Could not write {0}', CONFIG_FILE_NAME), error);
      return { status: 'failed', sourcePath };
    }
    await vscode.window.showTextDocument(target, { preview: false });
    const proof = result.proof ? `; proven over ${result.proof.filesCompared} files` : '';
    const builtins = result.roles.filter((r) => r.builtin);
    const named = builtins.length ? ` ${builtins.map((r) => `${r.id}: ${r.holders.join(', ')}, because ${r.reason}`).join('; ')}.` : '';
    // The guided mapping is the next step: no path alone makes a team an operations role.
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t(
          'Wrote {0} from {1}: {2} rules, {3} roles{4}.{5} Say which team holds which operations role next.',
          CONFIG_FILE_NAME,
          sourcePath,
          result.rules,
          result.roles.length,
          proof,
          named,
        ),
        MAP_TEAMS,
      )
      .then((choice) => {
        if (choice === MAP_TEAMS) void vscode.commands.executeCommand(Command.MapRoles, target);
      });
    return { status: 'written', sourcePath };
  },
};
