/**
 * Every command id in one place. Pure, so a unit test holds it against package.json
 * (`contributes.commands`, the palette's `when` clauses and the activation events).
 */

/** Commands a user runs from the palette (category "Ops Roles"). */
export const enum Command {
  WhoOwns = 'opsRoles.whoOwns',
  Explain = 'opsRoles.explain',
  OpenRule = 'opsRoles.openRule',
  ShowCoverage = 'opsRoles.showCoverage',
  Generate = 'opsRoles.generate',
  CheckDrift = 'opsRoles.checkDrift',
  ImportCodeowners = 'opsRoles.importCodeowners',
  Init = 'opsRoles.init',
  CopyReviewRequest = 'opsRoles.copyReviewRequest',
}

/** Commands behind CodeLens, hover links and quick fixes; hidden from the palette. */
export const enum InternalCommand {
  /** Open ops-roles.yaml at a line: `(folderUri: string, line: number)`, 1-based. */
  OpenConfigAt = 'opsRoles.openConfigAt',
  /** List the files a rule decides (or matches): `(folderUri: string, ruleIndex: number)`. */
  ShowRuleFiles = 'opsRoles.showRuleFiles',
  /** Append a rule for a file to ops-roles.yaml: `(fileUri: string)`. */
  AddRule = 'opsRoles.addRule',
}

/** The palette commands, for tests and manifest checks (a const enum has no runtime object). */
export const PALETTE_COMMANDS: readonly string[] = [
  Command.WhoOwns,
  Command.Explain,
  Command.OpenRule,
  Command.ShowCoverage,
  Command.Generate,
  Command.CheckDrift,
  Command.ImportCodeowners,
  Command.Init,
  Command.CopyReviewRequest,
];

/** The internal commands, likewise. */
export const INTERNAL_COMMANDS: readonly string[] = [InternalCommand.OpenConfigAt, InternalCommand.ShowRuleFiles, InternalCommand.AddRule];
