/**
 * Row action on a rule (Roles, This File, Coverage): open ops-roles.yaml at the rule.
 */
import { Command } from '../../commandIds.js';
import { ruleLine } from '../../../core/ownership.js';
import { indexOfRow, type SidebarNode } from '../../sidebar/rows.js';
import { openConfigAt, type EditorCommand } from '../support.js';

export const sidebarOpenRule: EditorCommand<[node?: SidebarNode]> = {
  id: Command.SidebarOpenRule,
  async run(_services, node) {
    const rule = node && 'rule' in node ? node.rule : undefined;
    const index = indexOfRow(node);
    const line = rule && ruleLine(rule);
    if (!index || line === undefined) return undefined;
    await openConfigAt(index, line);
    return { line };
  },
};
