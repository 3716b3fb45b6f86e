/**
 * "Generate CODEOWNERS": generate from ops-roles.yaml with the core generator (which proves the
 * result over every file), show a diff before the first write and before replacing a
 * hand-written file, and write atomically. Never writes in an untrusted workspace, over unsaved
 * changes of an open CODEOWNERS editor, or over a file that changed on disk since the preview.
 */
import * as vscode from 'vscode';
import { generateCodeowners, shadowingCodeowners, type GenerateResult } from '../../core/generate.js';
import { formatProblem } from '../../core/problems.js';
import { Command } from '../commandIds.js';
import { codeownersOutput, openDocument, readIfExists, writeInFolder, type CodeownersOutput } from '../codeownersOutput.js';
import { listFolderFiles } from '../folderFiles.js';
import { reportFailure } from '../logger.js';
import type { FolderIndex } from '../ownershipIndex.js';
import { pickIndex, type CommandServices, type EditorCommand } from './shared.js';

/** Options for callers other than the palette (other extensions, tests). */
export interface GenerateCommandOptions {
  /** Write without the diff preview and the question (a hand-written file still needs `force`). */
  readonly yes?: boolean;
  /** Replace a hand-written CODEOWNERS (one without the generator's markers) whole. */
  readonly force?: boolean;
}

/** What the command did, for callers and tests. */
export interface GenerateOutcome {
  readonly status: 'written' | 'unchanged' | 'declined' | 'refused' | 'failed';
  readonly path?: string;
  readonly message?: string;
}

const CONFIRMED_KEY = 'opsRoles.generate.confirmed';

function errors(result: GenerateResult): string[] {
  return result.problems.filter((p) => p.severity === 'error').map((p) => p.message);
}

async function listFiles(index: FolderIndex, token: vscode.CancellationToken): Promise<string[]> {
  return listFolderFiles(index.folder, token);
}

/** Refuse while an editor holds unsaved changes of the file: writing would lose or fork them. */
function dirtyEditor(output: CodeownersOutput): boolean {
  return openDocument(output.uri)?.isDirty ?? false;
}

export const generate: EditorCommand = {
  id: Command.Generate,
  async run(services, arg, rawOptions) {
    const options = (rawOptions ?? (arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? arg : {})) as GenerateCommandOptions;
    const index = await pickIndex(services, arg instanceof vscode.Uri || typeof arg === 'string' ? arg : undefined, 'should get a CODEOWNERS');
    if (!index) return undefined;
    return runGenerate(services, index, options);
  },
};

async function runGenerate(services: CommandServices, index: FolderIndex, options: GenerateCommandOptions): Promise<GenerateOutcome> {
  const { logger } = services;
  if (!vscode.workspace.isTrusted) {
    const choice = await vscode.window.showWarningMessage('Generating CODEOWNERS writes a file; Ops Roles writes only in a trusted workspace.', 'Manage Workspace Trust');
    if (choice) await vscode.commands.executeCommand('workbench.trust.manage');
    return { status: 'refused', message: 'untrusted workspace' };
  }
  await index.ready;
  const configErrors = index.parsed.problems.filter((p) => p.severity === 'error');
  if (configErrors.length > 0) {
    for (const p of configErrors) logger.warn(formatProblem(index.configUri.fsPath, p));
    const choice = await vscode.window.showErrorMessage(`ops-roles.yaml has ${configErrors.length} error${configErrors.length === 1 ? '' : 's'}; fix ${configErrors.length === 1 ? 'it' : 'them'} before generating CODEOWNERS.`, 'Show Problems');
    if (choice) await vscode.commands.executeCommand('workbench.actions.view.problems');
    return { status: 'refused', message: 'ops-roles.yaml has errors' };
  }
  const output = codeownersOutput(index);
  if (dirtyEditor(output)) {
    void vscode.window.showWarningMessage(`${output.path} has unsaved changes in an editor; save or revert them, then generate again.`);
    return { status: 'refused', path: output.path, message: 'unsaved changes' };
  }

  let force = options.force === true;
  for (;;) {
    let existing: string | undefined;
    let files: string[];
    let result: GenerateResult;
    try {
      ({ existing, files, result } = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Ops Roles: generating ${output.path}`, cancellable: true },
        async (progress, token) => {
          progress.report({ message: 'listing files…' });
          const files = await listFiles(index, token);
          if (token.isCancellationRequested) throw new vscode.CancellationError();
          const existing = await readIfExists(output.uri);
          progress.report({ message: `proving over ${files.length} files…` });
          const result = generateCodeowners(index.parsed.config, files, { target: output.target, existingText: existing, force });
          return { existing, files, result };
        },
      ));
    } catch (error) {
      await reportFailure(logger, `Could not generate ${output.path}`, error);
      return { status: 'failed', path: output.path };
    }
    for (const p of result.problems) logger.info(`${output.path}: ${p.severity}: ${p.message}`);

    const handWritten = result.problems.find((p) => p.code === 'hand-written' || p.code === 'markers-broken');
    if (handWritten && !force) {
      if (options.yes) {
        void vscode.window.showWarningMessage(`${output.path} was written by hand; pass "force" to replace it.`);
        return { status: 'refused', path: output.path, message: handWritten.code };
      }
      const what = handWritten.code === 'hand-written' ? 'was written by hand (it has no Ops Roles markers)' : 'has broken Ops Roles markers';
      const choice = await vscode.window.showWarningMessage(`${output.path} ${what}. Replace it whole with the generated file?`, { modal: true, detail: 'You will see the difference before anything is written.' }, 'Preview Replacement');
      if (!choice) return { status: 'declined', path: output.path };
      force = true;
      continue;
    }
    if (!result.ok) {
      const message = errors(result)[0] ?? 'the generated CODEOWNERS was refused';
      logger.error(`${output.path}: ${errors(result).join('\n')}`);
      const choice = await vscode.window.showErrorMessage(`Ops Roles did not write ${output.path}: ${message.split('\n')[0]}`, 'Show log');
      if (choice) logger.show();
      return { status: 'failed', path: output.path, message };
    }
    if (result.unchanged) {
      void vscode.window.showInformationMessage(`${output.path} is up to date with ops-roles.yaml.`);
      return { status: 'unchanged', path: output.path };
    }

    const confirmedKey = `${CONFIRMED_KEY}:${index.folder.uri.toString()}`;
    const needPreview = !options.yes && (existing === undefined || force || !services.extensionContext.workspaceState.get<boolean>(confirmedKey));
    if (needPreview) {
      const left = existing === undefined ? services.previews.show(output.path, '', 'none') : output.uri;
      const right = services.previews.show(output.path, result.text, 'proposed');
      await vscode.commands.executeCommand('vscode.diff', left, right, `${output.path}: ${existing === undefined ? 'new file' : 'current'} ↔ generated`, { preview: true });
      const proof = result.proof ? ` Proven over ${result.proof.filesCompared} files: every file gets the owners ops-roles.yaml gives it.` : '';
      const choice = await vscode.window.showInformationMessage(
        `Write ${output.path}?`,
        { modal: true, detail: `${result.ruleLines} pattern lines for ${output.target === 'gitlab' ? 'GitLab' : 'GitHub'}.${proof}` },
        'Write',
      );
      if (choice !== 'Write') return { status: 'declined', path: output.path };
    }

    // The world may have moved while the user looked at the preview.
    if (!vscode.workspace.isTrusted) return { status: 'refused', path: output.path, message: 'untrusted workspace' };
    if (dirtyEditor(output)) {
      void vscode.window.showWarningMessage(`${output.path} now has unsaved changes in an editor; nothing was written.`);
      return { status: 'refused', path: output.path, message: 'unsaved changes' };
    }
    const now = await readIfExists(output.uri);
    if (now !== existing) {
      const choice = await vscode.window.showWarningMessage(`${output.path} changed on disk since the preview; nothing was written.`, 'Generate Again');
      if (choice) {
        force = options.force === true;
        continue;
      }
      return { status: 'refused', path: output.path, message: 'changed on disk' };
    }
    try {
      await writeInFolder(index.folder, output.path, result.text, { overwrite: true });
    } catch (error) {
      await reportFailure(logger, `Could not write ${output.path}`, error);
      return { status: 'failed', path: output.path };
    }
    await services.extensionContext.workspaceState.update(confirmedKey, true);
    logger.info(`Wrote ${output.path} (${result.ruleLines} pattern lines, proven over ${files.length} files)`);
    const shadow = shadowingCodeowners(output.target, output.path, (p) => index.hasFile(p) && p !== output.path);
    if (shadow) {
      void vscode.window.showWarningMessage(`Wrote ${output.path}, but ${output.target === 'gitlab' ? 'GitLab' : 'GitHub'} reads ${shadow} first and ignores this one.`);
    } else {
      void vscode.window.showInformationMessage(`Wrote ${output.path} from ops-roles.yaml.`);
    }
    return { status: 'written', path: output.path };
  }
}
