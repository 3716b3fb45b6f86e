/**
 * Roles view title bar, "Clear filter": show every role again.
 */
import { SidebarCommand } from '../../sidebar/sidebarIds.js';
import type { EditorCommand } from '../shared.js';

export const sidebarClearFilter: EditorCommand<[]> = {
  id: SidebarCommand.ClearFilter,
  run({ sidebar }) {
    sidebar.setFilter(undefined);
  },
};
