/**
 * Internal: open a folder's ops-roles.yaml at a line (CodeLens and hover links).
 */
import * as vscode from 'vscode';
import { Command } from '../commandIds.js';
import { openConfigAt as open, type EditorCommand } from './support.js';

export const openConfigAt: EditorCommand = {
  id: Command.OpenConfigAt,
  async run(services, folder, line) {
    if (typeof folder !== 'string') return undefined;
    await services.manager.start();
    const index = services.manager.forUri(vscode.Uri.parse(folder));
    if (!index) return undefined;
    await open(index, typeof line === 'number' ? line : 1);
    return { line };
  },
};
