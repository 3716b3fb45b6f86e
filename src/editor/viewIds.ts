/**
 * The ids of the views in the "Ops Roles" container and the context keys the manifest's `when`
 * clauses read. Pure, so the manifest test holds them against package.json.
 */

/** View ids in `contributes.views.opsRoles`. */
export enum View {
  Roles = 'opsRoles.roles',
  ThisFile = 'opsRoles.thisFile',
  Coverage = 'opsRoles.coverage',
  Review = 'opsRoles.review',
}

/** Context keys the manifest's `when` clauses and the walkthrough read. */
export enum ContextKey {
  /** `loading`, `none` (no folder has ops-roles.yaml nor CODEOWNERS: the welcome shows) or `ready`. */
  SidebarState = 'opsRoles.sidebar.state',
  /** The Roles view is filtered (the title bar offers "Clear filter"). */
  SidebarFiltered = 'opsRoles.sidebar.filtered',
  /** Some folder reads an ops-roles.yaml: commands and menus that need one show. */
  HasConfig = 'opsRoles.hasConfig',
  /** Some folder reads only a CODEOWNERS: the Roles view offers to turn it into roles. */
  CodeownersOnly = 'opsRoles.codeownersOnly',
  /** Some role has holders (the walkthrough's second step completes on it). */
  HoldersAssigned = 'opsRoles.holdersAssigned',
}
