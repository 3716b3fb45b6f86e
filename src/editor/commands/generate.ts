/**
 * "Generate CODEOWNERS": generate from ops-roles.yaml with the core generator (which proves the
 * result over every file), show a diff before the first write and before replacing a
 * hand-written file, and write atomically. Never writes in an untrusted workspace, over unsaved
 * changes of an open CODEOWNERS editor, or over a file that changed on disk since the preview.
 */
import * as vscode from 'vscode';
import { flavorName, shadowingCodeowners } from '../../core/codeownersTarget.js';
import { generateCodeowners, type GenerateResult } from '../../core/generate.js';
import { formatProblem } from '../../core/problems.js';
import { plural, pluralForm } from '../../core/text.js';
import { Command } from '../commandIds.js';
import { codeownersOutput, openDocument, readIfExists, writeInFolder, type CodeownersOutput } from '../codeownersOutput.js';
import { listFolderFiles } from '../folderFiles.js';
import { reportFailure } from '../logger.js';
import type { FolderIndex } from '../ownershipIndex.js';
import { pickIndex, type CommandServices, type EditorCommand } from './support.js';

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
  const refused = (await refuseUntrusted()) ?? (await refuseConfigErrors(services, index));
  if (refused) return refused;
  const output = codeownersOutput(index);
  if (dirtyEditor(output)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} has unsaved changes in an editor; save or revert them, then generate again.', output.path));
    return { status: 'refused', path: output.path, message: 'unsaved changes' };
  }
  // Each attempt generates afresh and either ends the command or starts it over: with `force`
  // once the user agreed to replace a hand-written file, as first asked after the file changed
  // on disk during the preview.
  let step = await attempt(services, index, output, options, options.force === true);
  while ('restart' in step) step = await attempt(services, index, output, options, step.force);
  return step;
}

/** Generate again from the top, replacing a hand-written file or not. */
interface Restart {
  readonly restart: true;
  readonly force: boolean;
}

/** One attempt: generate, ask what has to be asked, write. */
async function attempt(
  services: CommandServices,
  index: FolderIndex,
  output: CodeownersOutput,
  options: GenerateCommandOptions,
  force: boolean,
): Promise<GenerateOutcome | Restart> {
  const generated = await generateWithProgress(services, index, output, force);
  if ('status' in generated) return generated;
  const { existing, files, result } = generated;
  for (const p of result.problems) services.logger.info(`${output.path}: ${p.severity}: ${p.message}`);
  const handWritten = force ? undefined : await askToReplaceHandWritten(output, result, options);
  if (handWritten) return handWritten;
  if (!result.ok) return reportRefusal(services, output, result);
  if (result.unchanged) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is up to date with ops-roles.yaml.', output.path));
    return { status: 'unchanged', path: output.path };
  }
  if (!(await previewAccepted(services, index, output, existing, result, options, force))) return { status: 'declined', path: output.path };
  const moved = await changedSincePreview(output, existing, options);
  if (moved) return moved;
  return writeGenerated(services, index, output, result, files.length);
}

/** Generating writes a file: only in a trusted workspace. */
async function refuseUntrusted(): Promise<GenerateOutcome | undefined> {
  if (vscode.workspace.isTrusted) return undefined;
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Generating CODEOWNERS writes a file; Ops Roles writes only in a trusted workspace.'),
    vscode.l10n.t('Manage Workspace Trust'),
  );
  if (choice) await vscode.commands.executeCommand('workbench.trust.manage');
  return { status: 'refused', message: 'untrusted workspace' };
}

/** An ops-roles.yaml with errors would generate from a config that is not what the file says. */
async function refuseConfigErrors(services: CommandServices, index: FolderIndex): Promise<GenerateOutcome | undefined> {
  await index.ready;
  const configErrors = index.parsed.problems.filter((p) => p.severity === 'error');
  if (configErrors.length === 0) return undefined;
  for (const p of configErrors) services.logger.warn(formatProblem(index.configUri.fsPath, p));
  const choice = await vscode.window.showErrorMessage(
    vscode.l10n.t(
      'ops-roles.yaml has {0}; fix {1} before generating CODEOWNERS.',
      plural(configErrors.length, 'error'),
      pluralForm(configErrors.length, 'it', 'them'),
    ),
    vscode.l10n.t('Show Problems'),
  );
  if (choice) await vscode.commands.executeCommand('workbench.actions.view.problems');
  return { status: 'refused', message: 'ops-roles.yaml has errors' };
}

/** List the files, read the current CODEOWNERS and generate (with its proof), under a cancellable progress notification. */
async function generateWithProgress(
  services: CommandServices,
  index: FolderIndex,
  output: CodeownersOutput,
  force: boolean,
): Promise<{ existing: string | undefined; files: string[]; result: GenerateResult } | GenerateOutcome> {
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Ops Roles: generating {0}', output.path), cancellable: true },
      async (progress, token) => {
        progress.report({ message: vscode.l10n.t('listing files…') });
        const files = await listFiles(index, token);
        if (token.isCancellationRequested) throw new vscode.CancellationError();
        const existing = await readIfExists(output.uri);
        progress.report({ message: vscode.l10n.t('proving over {0} files…', files.length) });
        const result = generateCodeowners(index.parsed.config, files, { target: output.target, existingText: existing, force });
        return { existing, files, result };
      },
    );
  } catch (error) {
    await reportFailure(services.logger, vscode.l10n.t('Could not generate {0}', output.path), error);
    return { status: 'failed', path: output.path };
  }
}

/** A hand-written file (or broken markers) is replaced whole only when the user says so; `undefined` when there is none. */
async function askToReplaceHandWritten(
  output: CodeownersOutput,
  result: GenerateResult,
  options: GenerateCommandOptions,
): Promise<GenerateOutcome | Restart | undefined> {
  const handWritten = result.problems.find((p) => p.code === 'hand-written' || p.code === 'markers-broken');
  if (!handWritten) return undefined;
  if (options.yes) {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} was written by hand; pass "force" to replace it.', output.path));
    return { status: 'refused', path: output.path, message: handWritten.code };
  }
  const what = handWritten.code === 'hand-written' ? 'was written by hand (it has no Ops Roles markers)' : 'has broken Ops Roles markers';
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} {1}. Replace it whole with the generated file?', output.path, what),
    { modal: true, detail: vscode.l10n.t('You will see the difference before anything is written.') },
    vscode.l10n.t('Preview Replacement'),
  );
  return choice ? { restart: true, force: true } : { status: 'declined', path: output.path };
}

/** The generator refused (a failed proof, a file too large): say why, with the detail in the log. */
async function reportRefusal(services: CommandServices, output: CodeownersOutput, result: GenerateResult): Promise<GenerateOutcome> {
  const message = errors(result)[0] ?? 'the generated CODEOWNERS was refused';
  services.logger.error(`${output.path}: ${errors(result).join('\n')}`);
  const choice = await vscode.window.showErrorMessage(
    vscode.l10n.t('Ops Roles did not write {0}: {1}', output.path, message.split('\n')[0] ?? ''),
    vscode.l10n.t('Show log'),
  );
  if (choice) services.logger.show();
  return { status: 'failed', path: output.path, message };
}

/**
 * Show the difference and ask, before the folder's first write, a new file or a replacement of
 * a hand-written one; `yes` skips it. True when the user chose to write (or was not asked).
 */
async function previewAccepted(
  services: CommandServices,
  index: FolderIndex,
  output: CodeownersOutput,
  existing: string | undefined,
  result: GenerateResult,
  options: GenerateCommandOptions,
  force: boolean,
): Promise<boolean> {
  const needPreview = !options.yes && (existing === undefined || force || !services.extensionContext.workspaceState.get<boolean>(confirmedKey(index)));
  if (!needPreview) return true;
  const left = existing === undefined ? services.previews.show(output.path, '', 'none') : output.uri;
  const right = services.previews.show(output.path, result.text, 'proposed');
  await vscode.commands.executeCommand('vscode.diff', left, right, `${output.path}: ${existing === undefined ? 'new file' : 'current'} ↔ generated`, {
    preview: true,
  });
  const proof = result.proof ? ` Proven over ${result.proof.filesCompared} files: every file gets the owners ops-roles.yaml gives it.` : '';
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('Write {0}?', output.path),
    { modal: true, detail: vscode.l10n.t('{0} pattern lines for {1}.{2}', result.ruleLines, flavorName(output.target), proof) },
    vscode.l10n.t('Write'),
  );
  return choice === vscode.l10n.t('Write');
}

/** The world may have moved while the user looked at the preview: `undefined` when it has not. */
async function changedSincePreview(
  output: CodeownersOutput,
  existing: string | undefined,
  options: GenerateCommandOptions,
): Promise<GenerateOutcome | Restart | undefined> {
  if (!vscode.workspace.isTrusted) return { status: 'refused', path: output.path, message: 'untrusted workspace' };
  if (dirtyEditor(output)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} now has unsaved changes in an editor; nothing was written.', output.path));
    return { status: 'refused', path: output.path, message: 'unsaved changes' };
  }
  if ((await readIfExists(output.uri)) === existing) return undefined;
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} changed on disk since the preview; nothing was written.', output.path),
    vscode.l10n.t('Generate Again'),
  );
  return choice ? { restart: true, force: options.force === true } : { status: 'refused', path: output.path, message: 'changed on disk' };
}

/** Write atomically, remember that this folder has confirmed a write, and warn when the host reads another file first. */
async function writeGenerated(
  services: CommandServices,
  index: FolderIndex,
  output: CodeownersOutput,
  result: GenerateResult,
  fileCount: number,
): Promise<GenerateOutcome> {
  try {
    await writeInFolder(index.folder, output.path, result.text, { overwrite: true });
  } catch (error) {
    await reportFailure(services.logger, vscode.l10n.t('Could not write {0}', output.path), error);
    return { status: 'failed', path: output.path };
  }
  await services.extensionContext.workspaceState.update(confirmedKey(index), true);
  services.logger.info(`Wrote ${output.path} (${result.ruleLines} pattern lines, proven over ${fileCount} files)`);
  const shadow = shadowingCodeowners(output.target, output.path, (p) => index.hasFile(p) && p !== output.path);
  if (shadow) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Wrote {0}, but {1} reads {2} first and ignores this one.', output.path, flavorName(output.target), shadow),
    );
  } else {
    void vscode.window.showInformationMessage(vscode.l10n.t('Wrote {0} from ops-roles.yaml.', output.path));
  }
  return { status: 'written', path: output.path };
}

/** Workspace state: this folder's user has seen a preview and written once. */
function confirmedKey(index: FolderIndex): string {
  return `${CONFIRMED_KEY}:${index.folder.uri.toString()}`;
}
