/**
 * The file list of any workspace folder, for features that also work where there is no
 * ops-roles.yaml (CODEOWNERS hovers): an indexed folder answers from its index, any other
 * folder is listed on demand and kept for a short while.
 */
import * as vscode from 'vscode';
import { listRepositoryFiles } from '../core/repoFiles.js';
import type { OwnershipIndexManager } from './ownershipIndex.js';

/** How long a listing of a folder without an index is reused. */
const TTL_MS = 30_000;

/** File lists per folder. */
export class FolderFiles {
  private readonly cache = new Map<string, { at: number; files: Promise<readonly string[]> }>();

  constructor(private readonly manager: OwnershipIndexManager) {}

  /** Repository-relative paths of the folder's files. */
  async of(folder: vscode.WorkspaceFolder, token?: vscode.CancellationToken): Promise<readonly string[]> {
    const index = this.manager.forUri(folder.uri);
    if (index) {
      await index.ready;
      return index.files ?? [];
    }
    const key = folder.uri.toString();
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.files;
    const files = list(folder, token);
    this.cache.set(key, { at: Date.now(), files });
    files.catch(() => this.cache.delete(key));
    return files;
  }
}

async function list(folder: vscode.WorkspaceFolder, token?: vscode.CancellationToken): Promise<readonly string[]> {
  // git only in trusted workspaces: a repository's git config can name programs to run.
  if (vscode.workspace.isTrusted && folder.uri.scheme === 'file') return listRepositoryFiles(folder.uri.fsPath);
  const base = folder.uri.path.replace(/\/+$/, '');
  const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*'), '**/{node_modules,.git}/**', undefined, token);
  return uris.map((u) => u.path.slice(base.length + 1)).sort();
}
