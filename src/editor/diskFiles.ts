/**
 * Reading the workspace's files. A `file:` URI is on the extension host's own disk, so Node
 * reads it there; the editor's file system API would send each read and stat through the
 * workbench and back, which is busiest (starting up, opening files) exactly when an index reads
 * its ops-roles.yaml. Any other scheme goes through the editor's file system.
 */
import { readFile, stat } from 'node:fs/promises';
import * as vscode from 'vscode';

/** The bytes of the file at `uri`; rejects with `FileSystemError.FileNotFound` when there is none. */
export async function readFileBytes(uri: vscode.Uri): Promise<Uint8Array> {
  if (uri.scheme !== 'file') return vscode.workspace.fs.readFile(uri);
  try {
    return await readFile(uri.fsPath);
  } catch (error) {
    if (isMissing(error)) throw vscode.FileSystemError.FileNotFound(uri);
    throw error;
  }
}

/** Does an entry (file or folder) exist at `uri`? */
export async function entryExists(uri: vscode.Uri): Promise<boolean> {
  try {
    if (uri.scheme === 'file') await stat(uri.fsPath);
    else await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
