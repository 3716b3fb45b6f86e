/**
 * "Check CODEOWNERS drift": does the CODEOWNERS on disk give every file the owners
 * ops-roles.yaml gives it (read the way the target host reads it)? The same verdict as
 * `ops-roles check` in CI.
 */
import * as vscode from 'vscode';
import { checkCodeowners, type CheckResult } from '../../core/check.js';
import { describeDifference } from '../../core/ownershipProof.js';
import { plural } from '../../core/text.js';
import { Command } from '../commandIds.js';
import { codeownersOutput, readIfExists } from '../codeownersOutput.js';
import { listFolderFiles } from '../folderFiles.js';
import { reportFailure } from '../logger.js';
import { pickIndex, type EditorCommand } from './support.js';

export const checkDrift: EditorCommand = {
  id: Command.CheckDrift,
  async run(services, arg) {
    const index = await pickIndex(services, arg, 'should be checked');
    if (!index) return undefined;
    await index.ready;
    const output = codeownersOutput(index);
    let result: CheckResult;
    let filesChecked: number;
    try {
      ({ result, filesChecked } = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Ops Roles: checking {0}', output.path), cancellable: true },
        async (progress, token) => {
          progress.report({ message: vscode.l10n.t('listing files…') });
          const files = await listFolderFiles(index.folder, token);
          const text = await readIfExists(output.uri);
          progress.report({ message: vscode.l10n.t('comparing {0} files…', files.length) });
          return { result: checkCodeowners(index.parsed.config, files, { target: output.target, text }), filesChecked: files.length };
        },
      ));
    } catch (error) {
      await reportFailure(services.logger, vscode.l10n.t('Could not check {0}', output.path), error);
      return undefined;
    }
    for (const p of result.problems) services.logger.info(`${output.path}:${p.line}: ${p.severity}: ${p.message}`);
    for (const d of result.proof?.differences ?? []) services.logger.info(`  ${describeDifference(d, 'ops-roles.yaml', output.path)}`);
    if (result.inSync) {
      const note = result.textDiffers ? ' (the text differs from what Generate would write, but not what it means)' : '';
      void vscode.window.showInformationMessage(
        vscode.l10n.t('{0} is in sync with ops-roles.yaml: {1} files have the same owners{2}.', output.path, filesChecked, note),
      );
    } else {
      const what = result.missing
        ? `${output.path} does not exist yet.`
        : result.proof
          ? `${output.path} has drifted: ${plural(result.proof.differenceCount, 'file')} would get other owners than ops-roles.yaml gives.`
          : (result.problems.find((p) => p.severity === 'error')?.message ?? `${output.path} is not in sync.`);
      void vscode.window.showWarningMessage(what, vscode.l10n.t('Generate CODEOWNERS'), vscode.l10n.t('Show log')).then((choice) => {
        if (choice === vscode.l10n.t('Generate CODEOWNERS')) void vscode.commands.executeCommand(Command.Generate, index.folder.uri);
        else if (choice === vscode.l10n.t('Show log')) services.logger.show();
      });
    }
    return { path: output.path, inSync: result.inSync, missing: result.missing, differences: result.proof?.differenceCount ?? 0 };
  },
};
