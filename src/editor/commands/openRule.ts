/**
 * "Open rule for this file": ops-roles.yaml (or the CODEOWNERS read without one) at the rule that
 * decides the active file.
 */
import * as vscode from 'vscode';
import { Command } from '../commandIds.js';
import { decidingLine, sourceName } from '../format.js';
import { locateTarget, openConfigAt, type EditorCommand } from './support.js';

export const openRule: EditorCommand = {
  id: Command.OpenRule,
  async run(services, arg) {
    const target = await locateTarget(services, arg);
    if (!target) return undefined;
    const o = target.index.ownership(target.rel);
    const line = decidingLine(o);
    if (line === undefined) {
      const name = sourceName(target.index.parsed.config);
      const offer = target.index.codeownersOnly ? [] : ['Add a rule'];
      const choice = await vscode.window.showInformationMessage(vscode.l10n.t('No rule in {0} matches {1}.', name, target.rel), ...offer);
      if (choice) await vscode.commands.executeCommand(Command.AddRule, target.uri.toString());
      return undefined;
    }
    await openConfigAt(target.index, line);
    return { line };
  },
};
