/**
 * The list of editor commands (one file each under commands/, the sidebar's under
 * commands/sidebar/) and their registration.
 */
import * as vscode from 'vscode';
import { addRule } from './commands/addRule.js';
import { assignHolders } from './commands/assignHolders.js';
import { checkDrift } from './commands/checkDrift.js';
import { copyReviewRequest } from './commands/copyReviewRequest.js';
import { explain } from './commands/explain.js';
import { generate } from './commands/generate.js';
import { importCodeownersCommand } from './commands/importCodeowners.js';
import { init } from './commands/init.js';
import { mapRoles } from './commands/mapRoles.js';
import { openConfigAt } from './commands/openConfigAt.js';
import { openRule } from './commands/openRule.js';
import { revealInSidebar } from './commands/revealInSidebar.js';
import type { CommandServices, EditorCommand } from './commands/support.js';
import { showCoverage } from './commands/showCoverage.js';
import { showRuleFiles } from './commands/showRuleFiles.js';
import { sidebarAddRule } from './commands/sidebar/addRule.js';
import { sidebarClearFilter } from './commands/sidebar/clearFilter.js';
import { sidebarCopyHolders } from './commands/sidebar/copyHolders.js';
import { sidebarFilter } from './commands/sidebar/filter.js';
import { sidebarOpenRule } from './commands/sidebar/openRule.js';
import { sidebarRefresh } from './commands/sidebar/refresh.js';
import { sidebarRegenerate } from './commands/sidebar/regenerate.js';
import { sidebarRevealFile } from './commands/sidebar/revealFile.js';
import { sidebarShowMore } from './commands/sidebar/showMore.js';
import { whoOwns } from './commands/whoOwns.js';
import { reportFailure } from './logger.js';

/** Every command the extension registers. */
export const EDITOR_COMMANDS: readonly EditorCommand[] = [
  whoOwns,
  explain,
  openRule,
  showCoverage,
  generate,
  checkDrift,
  importCodeownersCommand,
  init,
  mapRoles,
  openConfigAt,
  showRuleFiles,
  addRule,
  copyReviewRequest,
  sidebarRefresh,
  sidebarFilter,
  sidebarClearFilter,
  revealInSidebar,
  assignHolders,
  sidebarOpenRule,
  sidebarRevealFile,
  sidebarCopyHolders,
  sidebarAddRule,
  sidebarShowMore,
  sidebarRegenerate,
];

/** Register every command; an unexpected failure ends in one message with "Show log". */
export function registerCommands(services: CommandServices): vscode.Disposable[] {
  return EDITOR_COMMANDS.map((command) =>
    vscode.commands.registerCommand(command.id, async (...args: unknown[]) => {
      try {
        return await command.run(services, ...args);
      } catch (error) {
        await reportFailure(services.logger, vscode.l10n.t('Ops Roles: {0} failed', command.id), error);
        return undefined;
      }
    }),
  );
}
