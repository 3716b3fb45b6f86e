/**
 * Where a folder's CODEOWNERS goes and in which dialect: `ops-roles.yaml` first (shared with
 * the team and CI), then the user's settings, then the target's default place.
 */
import * as vscode from 'vscode';
import { writeFileAtomic } from '../core/atomicWrite.js';
import { checkCodeownersPath, defaultCodeownersPath } from '../core/codeownersTarget.js';
import type { Flavor } from '../core/pattern.js';
import { readFileBytes } from './diskFiles.js';
import type { FolderIndex } from './ownershipIndex.js';
import { setting } from './settings.js';

/** The CODEOWNERS a folder generates. */
export interface CodeownersOutput {
  readonly target: Flavor;
  /** Repository-relative, `/`-separated. */
  readonly path: string;
  readonly uri: vscode.Uri;
}

/** The folder's CODEOWNERS target and path. */
export function codeownersOutput(index: FolderIndex): CodeownersOutput {
  const fromFile = index.parsed.config.codeowners;
  const target = fromFile.target ?? setting('codeowners.target', index.folder.uri);
  const configured = setting('codeowners.path', index.folder.uri).trim();
  // The setting is held to the rule ops-roles.yaml's codeowners.path is (the parser checks that
  // one); a path it refuses is ignored, as an empty setting is, and the default place is used.
  const checked = configured ? checkCodeownersPath(configured, 'opsRoles.codeowners.path') : undefined;
  const fromSetting = checked?.ok ? checked.path : undefined;
  const path = fromFile.path ?? fromSetting ?? defaultCodeownersPath(target);
  return { target, path, uri: index.uriOf(path) };
}

/** Text of a file on disk, or `undefined` when it does not exist. */
export async function readIfExists(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await readFileBytes(uri));
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    throw error;
  }
}

/** The open editor document of `uri`, if any. */
export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

/**
 * Write `text` to `rel` inside `folder` with the core's atomic write (temporary file, fsync,
 * rename; never outside the repository, symlinks included). Throws on failure, with the core's
 * message, for the command's one error message.
 */
export async function writeInFolder(folder: vscode.WorkspaceFolder, rel: string, text: string, options: { overwrite: boolean }): Promise<void> {
  const result = await writeFileAtomic(folder.uri.fsPath, rel, text, { overwrite: options.overwrite });
  if (!result.ok) throw new Error(result.message);
}
