/**
 * Roles view title bar, "Clear filter": show every role again.
 */
import { Command } from '../../commandIds.js';
import type { EditorCommand } from '../support.js';

export const sidebarClearFilter: EditorCommand<[]> = {
  id: Command.SidebarClearFilter,
  run({ sidebar }) {
    sidebar.setFilter(undefined);
  },
};
