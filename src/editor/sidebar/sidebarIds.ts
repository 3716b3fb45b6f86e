/**
 * The sidebar's view ids, command ids and context keys. Pure, so the manifest test holds them
 * against package.json.
 */

/** View ids in `contributes.views.opsRoles`. */
export const enum SidebarView {
  Roles = 'opsRoles.roles',
  ThisFile = 'opsRoles.thisFile',
  Coverage = 'opsRoles.coverage',
}

/** Sidebar commands a user may run from the palette. */
export const enum SidebarCommand {
  /** Re-list the files and re-read ops-roles.yaml of every folder, then redraw. */
  Refresh = 'opsRoles.sidebar.refresh',
  /** Show only one role, or the roles one holder answers for. */
  Filter = 'opsRoles.sidebar.filter',
  ClearFilter = 'opsRoles.sidebar.clearFilter',
  /** Select a file (explorer, editor, or the active one) in the Roles view. */
  Reveal = 'opsRoles.revealInSidebar',
  /** Open ops-roles.yaml where a role's holders are written (or the `roles:` section). */
  AssignHolders = 'opsRoles.assignHolders',
}

/** Commands of tree rows (they take the row as argument); hidden from the palette. */
export const enum SidebarItemCommand {
  OpenRule = 'opsRoles.sidebar.openRule',
  RevealFile = 'opsRoles.sidebar.revealFile',
  CopyHolders = 'opsRoles.sidebar.copyHolders',
  AddRule = 'opsRoles.sidebar.addRule',
  ShowMore = 'opsRoles.sidebar.showMore',
  /** Generate the CODEOWNERS of the row's folder (the drift group's fix). */
  Regenerate = 'opsRoles.sidebar.regenerate',
}

/** The palette commands (a const enum has no runtime object). */
export const SIDEBAR_COMMANDS: readonly string[] = [SidebarCommand.Refresh, SidebarCommand.Filter, SidebarCommand.ClearFilter, SidebarCommand.Reveal, SidebarCommand.AssignHolders];

/** The row commands, likewise. */
export const SIDEBAR_ITEM_COMMANDS: readonly string[] = [
  SidebarItemCommand.OpenRule,
  SidebarItemCommand.RevealFile,
  SidebarItemCommand.CopyHolders,
  SidebarItemCommand.AddRule,
  SidebarItemCommand.ShowMore,
  SidebarItemCommand.Regenerate,
];

/** The views, likewise. */
export const SIDEBAR_VIEWS: readonly string[] = [SidebarView.Roles, SidebarView.ThisFile, SidebarView.Coverage];

/** Context keys the manifest's `when` clauses read. */
export const enum SidebarContext {
  /** `loading`, `none` (no folder has ops-roles.yaml: the welcome shows) or `ready`. */
  State = 'opsRoles.sidebar.state',
  /** The Roles view is filtered (the title bar offers "Clear filter"). */
  Filtered = 'opsRoles.sidebar.filtered',
  /** Some role has holders (the walkthrough's second step completes on it). */
  HoldersAssigned = 'opsRoles.holdersAssigned',
}
