/**
 * Row action on a rule (Roles, This File, Coverage): open ops-roles.yaml at the rule.
 */
import { ruleLine } from '../../format.js';
import { indexOfRow, type SidebarNode } from '../../sidebar/rows.js';
import { SidebarItemCommand } from '../../sidebar/sidebarIds.js';
import { openConfigAt, type EditorCommand } from '../shared.js';

export const sidebarOpenRule: EditorCommand<[node?: SidebarNode]> = {
  id: SidebarItemCommand.OpenRule,
  async run(_services, node) {
    const rule = node && 'rule' in node ? node.rule : undefined;
    const index = indexOfRow(node);
    const line = rule && ruleLine(rule);
    if (!index || line === undefined) return undefined;
    await openConfigAt(index, line);
    return { line };
  },
};
