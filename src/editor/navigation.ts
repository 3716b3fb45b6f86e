/**
 * Commands that take the user to a place, for the surfaces that link there (the sidebar's rows,
 * the CodeLens). Hover links build the same command as Markdown (`configLink` in markdown.ts).
 */
import type * as vscode from 'vscode';
import { Command } from './commandIds.js';
import type { FolderIndex } from './ownershipIndex.js';

/** The command that opens the folder's ops-roles.yaml at `line` (1-based). */
export function openAt(at: { readonly index: FolderIndex }, line: number, title: string): vscode.Command {
  return { command: Command.OpenConfigAt, title, arguments: [at.index.folder.uri.toString(), line] };
}
