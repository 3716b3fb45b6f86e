/**
 * Sidebar title bar, "Refresh": re-read every folder's ops-roles.yaml and list its files again,
 * then redraw the Roles and Coverage views.
 */
import { Command } from '../../commandIds.js';
import type { EditorCommand } from '../support.js';

export const sidebarRefresh: EditorCommand<[]> = {
  id: Command.SidebarRefresh,
  async run({ manager, sidebar }) {
    await manager.start();
    await Promise.all(
      manager.all().map(async (index) => {
        await index.reloadConfig();
        await index.relist();
      }),
    );
    sidebar.roles.redraw();
    await sidebar.coverage.update();
  },
};
