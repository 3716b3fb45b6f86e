/**
 * The "Show N more…" row of a long file list (Roles, Coverage): load the next page.
 */
import { Command } from '../../commandIds.js';
import type { CoverageNode } from '../../sidebar/coverageView.js';
import type { MoreNode } from '../../sidebar/fileNodes.js';
import type { RolesNode } from '../../sidebar/rolesView.js';
import type { SidebarNode } from '../../sidebar/rows.js';
import { View } from '../../viewIds.js';
import type { EditorCommand } from '../support.js';

export const sidebarShowMore: EditorCommand<[node?: SidebarNode]> = {
  id: Command.SidebarShowMore,
  run({ sidebar }, node) {
    if (node?.kind !== 'more') return;
    // The group's owner names the view whose tree the row is in.
    if (node.group.owner === View.Roles) sidebar.roles.showMore(node as MoreNode<RolesNode>);
    else sidebar.coverage.showMore(node as MoreNode<CoverageNode>);
  },
};
