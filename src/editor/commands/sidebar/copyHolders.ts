/**
 * Row action on a role or holder: copy the holders (who answer for the role, fallback
 * included) to the clipboard, space-separated as CODEOWNERS writes them. Returns the text.
 */
import * as vscode from 'vscode';
import { Command } from '../../commandIds.js';
import { plural } from '../../../core/text.js';
import { indexOfRow, type SidebarNode } from '../../sidebar/rows.js';
import { effectiveHolders } from '../../sidebar/sidebarData.js';
import type { EditorCommand } from '../support.js';

export const sidebarCopyHolders: EditorCommand<[node?: SidebarNode]> = {
  id: Command.SidebarCopyHolders,
  async run(_services, node) {
    const index = indexOfRow(node);
    if (!node || !index) return undefined;
    const holders = node.kind === 'holder' && node.holder ? [node.holder] : 'role' in node && node.role ? effectiveHolders(index.parsed.config, node.role) : [];
    if (holders.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nobody holds this role yet.'));
      return undefined;
    }
    const text = holders.join(' ');
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`$(copy) Copied ${plural(holders.length, 'holder')}: ${text}`, 4000);
    return text;
  },
};
