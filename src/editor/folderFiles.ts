/**
 * The editor's one way to list a workspace folder's files. It decides, for every command and
 * for the ownership index alike, where the list comes from and how it is cancelled:
 *
 * - trust: git runs only in a trusted workspace (a repository's git config can name programs
 *   to run); elsewhere the editor's own search lists the files (it honours `files.exclude`);
 * - scheme: git needs a local folder; any other scheme is listed by the editor's search;
 * - cancellation: callers pass the `CancellationToken` VS Code gave them; it reaches git
 *   through the one bridge in `cancellation.ts`, and a cancelled listing rejects with a
 *   `CancellationError` instead of resolving with a partial list.
 *
 * {@link FolderFiles} serves features that also work where there is no ops-roles.yaml
 * (CODEOWNERS hovers): an indexed folder answers from its index, any other folder is listed
 * here and kept for a short while.
 */
import * as vscode from 'vscode';
import { normalizePath } from '../core/pattern.js';
import { listRepositoryFiles } from '../core/repoFiles.js';
import { withAbortSignal } from './cancellation.js';
import type { OwnershipIndexManager } from './ownershipIndex.js';

/** How long a listing of a folder without an index is reused. */
const TTL_MS = 30_000;

/** The folder's files: repository-relative, `/`-separated, sorted; rejects once `token` is cancelled. */
export async function listFolderFiles(folder: vscode.WorkspaceFolder, token?: vscode.CancellationToken): Promise<string[]> {
  const files =
    vscode.workspace.isTrusted && folder.uri.scheme === 'file'
      ? await withAbortSignal(token, (signal) => listRepositoryFiles(folder.uri.fsPath, { signal }))
      : await searchFiles(folder, token);
  // The editor's search answers a cancelled request with what it found so far: never pass that on.
  if (token?.isCancellationRequested) throw new vscode.CancellationError();
  return files;
}

async function searchFiles(folder: vscode.WorkspaceFolder, token: vscode.CancellationToken | undefined): Promise<string[]> {
  const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*'), '**/{node_modules,.git}/**', undefined, token);
  return uris
    .map((uri) => relativeTo(folder, uri))
    .filter((p): p is string => p !== undefined)
    .sort();
}

/** The folder-relative path of `uri`, or `undefined` when it is outside `folder`. */
export function relativeTo(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string | undefined {
  if (uri.scheme !== folder.uri.scheme || uri.authority !== folder.uri.authority) return undefined;
  const base = folder.uri.path.replace(/\/+$/, '');
  if (!uri.path.startsWith(`${base}/`)) return undefined;
  return normalizePath(uri.path.slice(base.length + 1));
}

/** File lists per folder, for features that do not need an ops-roles.yaml. Dispose to drop the cache. */
export class FolderFiles implements vscode.Disposable {
  private readonly cache = new Map<string, { at: number; files: Promise<readonly string[]> }>();

  constructor(private readonly manager: OwnershipIndexManager) {}

  /**
   * Repository-relative paths of the folder's files. A folder without an index is listed
   * without the caller's token, so the next hover reuses the list even if this one moved on:
   * callers check their own token when it resolves.
   */
  async of(folder: vscode.WorkspaceFolder): Promise<readonly string[]> {
    const index = this.manager.forUri(folder.uri);
    if (index) {
      await index.ready;
      return index.files ?? [];
    }
    const key = folder.uri.toString();
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.files;
    const files = listFolderFiles(folder);
    this.cache.set(key, { at: Date.now(), files });
    files.catch(() => this.cache.delete(key));
    return files;
  }

  dispose(): void {
    this.cache.clear();
  }
}
