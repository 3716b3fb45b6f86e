/**
 * "Show coverage": lists the folder's files afresh (with progress; cancellable), resolves every
 * file (in slices) and opens the report in an untitled Markdown document.
 */
import * as vscode from 'vscode';
import { Command } from '../commandIds.js';
import { coverageMarkdown } from '../coverageReport.js';
import { listFolderFiles } from '../folderFiles.js';
import { coverageInSlices } from '../ownerTable.js';
import { reportFailure } from '../logger.js';
import { pickIndex, type EditorCommand } from './support.js';

export const showCoverage: EditorCommand = {
  id: Command.ShowCoverage,
  async run(services, arg) {
    const index = await pickIndex(services, arg, 'should the coverage report cover');
    if (!index) return undefined;
    try {
      const markdown = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Ops Roles: coverage of {0}', index.folder.name), cancellable: true },
        async (progress, token) => {
          progress.report({ message: vscode.l10n.t('listing files…') });
          // The index's list follows file events; the report lists afresh so it is exact.
          const files = await listFolderFiles(index.folder, token);
          progress.report({ message: vscode.l10n.t('resolving {0} files…', files.length) });
          // The index's own model: a CODEOWNERS source is read in its own dialect (GitLab's
          // sections and exclusions), as the CodeLens and the Coverage view read it.
          // In slices, so the editor stays responsive on a large folder and Cancel stops it.
          const coverage = await coverageInSlices(index.model, files, () => !token.isCancellationRequested);
          if (!coverage) throw new vscode.CancellationError();
          return coverageMarkdown(index.folder.name, index.parsed.config, coverage);
        },
      );
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
      await vscode.window.showTextDocument(document, { preview: false });
      return { document };
    } catch (error) {
      await reportFailure(services.logger, vscode.l10n.t('Could not compute the coverage of {0}', index.folder.name), error);
      return undefined;
    }
  },
};
