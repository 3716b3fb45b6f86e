/**
 * Roles view title bar, "Filter": show only one role, or the roles one holder answers for.
 * Callers may pass the choice instead of picking: `{ role: 'database-administrator' }` or
 * `{ holder: '@alice' }`. Returns the filter in effect.
 */
import * as vscode from 'vscode';
import { Command } from '../../commandIds.js';
import type { RolesFilter } from '../../sidebar/rolesView.js';
import { effectiveHolders } from '../../sidebar/sidebarData.js';
import type { CommandServices, EditorCommand } from '../support.js';

/** The filter a caller passes instead of picking. */
export interface FilterChoice {
  readonly role?: string;
  readonly holder?: string;
}

type FilterItem = vscode.QuickPickItem & { filter?: RolesFilter; clear?: boolean };

export const sidebarFilter: EditorCommand<[choice?: FilterChoice]> = {
  id: Command.SidebarFilter,
  async run(services, choice) {
    const { sidebar } = services;
    if (typeof choice?.role === 'string' || typeof choice?.holder === 'string') {
      sidebar.setFilter(typeof choice.role === 'string' ? { kind: 'role', role: choice.role } : { kind: 'holder', holder: choice.holder! });
      return sidebar.roles.filter;
    }
    await services.manager.start();
    const picked = await vscode.window.showQuickPick(await filterItems(services), {
      placeHolder: vscode.l10n.t('Show the roles of… (a role, or everything one holder answers for)'),
      matchOnDescription: true,
    });
    if (!picked) return sidebar.roles.filter;
    sidebar.setFilter(picked.clear ? undefined : picked.filter);
    return sidebar.roles.filter;
  },
};

/** Every role of every folder, then every holder with the roles they hold. */
async function filterItems({ manager, sidebar }: CommandServices): Promise<FilterItem[]> {
  const roles = new Map<string, FilterItem>();
  const holders = new Map<string, Set<string>>();
  for (const index of manager.all()) {
    const config = index.parsed.config;
    for (const role of config.roles.values()) {
      if (!roles.has(role.id))
        roles.set(role.id, {
          label: role.name,
          description: role.id,
          detail: role.holders.join(', ') || vscode.l10n.t('nobody holds it'),
          filter: { kind: 'role', role: role.id },
        });
      for (const h of effectiveHolders(config, role.id)) {
        let names = holders.get(h);
        if (!names) holders.set(h, (names = new Set()));
        names.add(role.name);
      }
    }
  }
  const items: FilterItem[] = [];
  if (sidebar.roles.filter) items.push({ label: vscode.l10n.t('$(clear-all) Show every role'), clear: true });
  items.push({ label: vscode.l10n.t('Roles'), kind: vscode.QuickPickItemKind.Separator }, ...roles.values());
  items.push({ label: vscode.l10n.t('Holders'), kind: vscode.QuickPickItemKind.Separator });
  for (const [holder, names] of [...holders].sort((a, b) => a[0].localeCompare(b[0]))) {
    items.push({ label: holder, description: [...names].join(', '), filter: { kind: 'holder', holder } });
  }
  return items;
}
