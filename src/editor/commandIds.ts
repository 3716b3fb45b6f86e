/**
 * Every command id the extension registers, in one enum. Pure (no `vscode` import), so a unit
 * test holds it against package.json (`contributes.commands`, the menus, the welcome views and
 * the walkthrough) and against the commands the code registers.
 */

/** The commands; the manifest contributes each one, in the category "Ops Roles". */
export enum Command {
  // From the palette, the explorer's context menu and title bars.
  WhoOwns = 'opsRoles.whoOwns',
  Explain = 'opsRoles.explain',
  OpenRule = 'opsRoles.openRule',
  ShowCoverage = 'opsRoles.showCoverage',
  Generate = 'opsRoles.generate',
  CheckDrift = 'opsRoles.checkDrift',
  ImportCodeowners = 'opsRoles.importCodeowners',
  Init = 'opsRoles.init',
  CopyReviewRequest = 'opsRoles.copyReviewRequest',
  /** Give a team's role to a built-in operations role, step by step (after an import, the Roles view). */
  MapRoles = 'opsRoles.mapRoles',

  // Behind CodeLens, hover links and quick fixes.
  /** Open ops-roles.yaml at a line: `(folderUri: string, line: number)`, 1-based. */
  OpenConfigAt = 'opsRoles.openConfigAt',
  /** List the files a rule decides (or matches): `(folderUri: string, ruleIndex: number)`. */
  ShowRuleFiles = 'opsRoles.showRuleFiles',
  /** Append a rule for a file to ops-roles.yaml: `(fileUri: string)`. */
  AddRule = 'opsRoles.addRule',

  // The sidebar's title bars, also in the palette.
  /** Re-list the files and re-read ops-roles.yaml of every folder, then redraw. */
  SidebarRefresh = 'opsRoles.sidebar.refresh',
  /** Show only one role, or the roles one holder answers for. */
  SidebarFilter = 'opsRoles.sidebar.filter',
  SidebarClearFilter = 'opsRoles.sidebar.clearFilter',
  /** Select a file (explorer, editor, or the active one) in the Roles view. */
  RevealInSidebar = 'opsRoles.revealInSidebar',
  /** Open ops-roles.yaml where a role's holders are written (or the `roles:` section). */
  AssignHolders = 'opsRoles.assignHolders',

  // Actions of the sidebar's rows: they take the row's node as argument.
  SidebarOpenRule = 'opsRoles.sidebar.openRule',
  SidebarRevealFile = 'opsRoles.sidebar.revealFile',
  SidebarCopyHolders = 'opsRoles.sidebar.copyHolders',
  SidebarAddRule = 'opsRoles.sidebar.addRule',
  SidebarShowMore = 'opsRoles.sidebar.showMore',
  /** Generate the CODEOWNERS of the row's folder (the drift group's fix). */
  SidebarRegenerate = 'opsRoles.sidebar.regenerate',
}

/** Commands that only make sense with the argument a CodeLens, link, quick fix or row passes: hidden from the palette. */
export const HIDDEN_COMMANDS: ReadonlySet<Command> = new Set([
  Command.OpenConfigAt,
  Command.ShowRuleFiles,
  Command.AddRule,
  Command.SidebarOpenRule,
  Command.SidebarRevealFile,
  Command.SidebarCopyHolders,
  Command.SidebarAddRule,
  Command.SidebarShowMore,
  Command.SidebarRegenerate,
]);
