/**
 * "Who owns this file?": a quick pick with the owning roles, their holders and the rule that
 * decided; choosing an entry opens where it is written.
 */
import { Command } from '../commandIds.js';
import { assignmentLabel, decidingLine, ownershipTitle, sourceName } from '../format.js';
import { locateTarget, openConfigAt, separator, showActionPick, type ActionItem, type EditorCommand } from './support.js';
import * as vscode from 'vscode';

export const whoOwns: EditorCommand = {
  id: Command.WhoOwns,
  async run(services, arg) {
    const target = await locateTarget(services, arg);
    if (!target) return undefined;
    const { index, rel, uri } = target;
    const config = index.parsed.config;
    const o = index.ownership(rel);
    const items: ActionItem[] = [];
    if (!o.rule) {
      items.push({
        label: vscode.l10n.t('$(circle-slash) Unowned'),
        detail: vscode.l10n.t('No rule in {0} matches this file.', sourceName(config)),
      });
      if (!index.codeownersOnly)
        items.push({ label: vscode.l10n.t('$(add) Add a rule for this file'), accept: () => vscode.commands.executeCommand(Command.AddRule, uri.toString()) });
      return showActionPick(`Who owns ${rel}?`, items);
    }
    const line = decidingLine(o) ?? 1;
    // Without ops-roles.yaml the owners are all there is: no roles to list.
    if (!index.codeownersOnly) items.push(separator('Roles'));
    for (const a of index.codeownersOnly ? [] : o.assignments) {
      const role = config.roles.get(a.role);
      items.push({
        label: `$(organization) ${assignmentLabel(config, a)}`,
        description: a.holders.join(' ') || vscode.l10n.t('nobody holds it'),
        detail: role?.description,
        accept: () => openConfigAt(index, role?.range?.line ?? line),
      });
    }
    items.push(separator(index.codeownersOnly ? 'Owners' : 'Holders'));
    for (const owner of o.owners)
      items.push({ label: `$(person) ${owner}`, accept: () => vscode.env.clipboard.writeText(owner), detail: vscode.l10n.t('Choose to copy') });
    if (o.owners.length === 0)
      items.push({ label: vscode.l10n.t('$(warning) Nobody'), detail: vscode.l10n.t('No role of this rule, nor its fallback chain, has holders.') });
    items.push(separator('Rule'));
    items.push({
      label: `$(go-to-file) ${sourceName(config)}:${line}`,
      description: o.pattern,
      detail: vscode.l10n.t('The last rule that matches decides.'),
      accept: () => openConfigAt(index, line),
    });
    return { ...showActionPick(`Who owns ${rel}?`, items), summary: ownershipTitle(config, o) };
  },
};
