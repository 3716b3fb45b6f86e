/**
 * "Explain ownership": every rule that matches the file in order, which one wins, and how each
 * role of the winner is staffed (fallbacks included).
 */
import * as vscode from 'vscode';
import { Command } from '../commandIds.js';
import { flatLine, roleName, sourceName } from '../format.js';
import { locateTarget, openConfigAt, separator, showActionPick, type ActionItem, type EditorCommand } from './support.js';

export const explain: EditorCommand = {
  id: Command.Explain,
  async run(services, arg) {
    const target = await locateTarget(services, arg);
    if (!target) return undefined;
    const { index, rel } = target;
    const config = index.parsed.config;
    const matches = index.model.explain(rel);
    const o = index.ownership(rel);
    const items: ActionItem[] = [separator('Matching rules, in order (the last one decides)')];
    if (matches.length === 0) items.push({ label: vscode.l10n.t('$(circle-slash) No rule matches: the file is unowned') });
    matches.forEach((m, i) => {
      const line = flatLine(m) ?? 1;
      const decides = i === matches.length - 1;
      items.push({
        label: `${decides ? '$(pass-filled)' : '$(circle-outline)'} ${sourceName(config)}:${line}  ${m.pattern}`,
        description:
          m.rule.roles.map((id) => roleName(config, id)).join(', ') || (index.codeownersOnly ? vscode.l10n.t('(no owners)') : vscode.l10n.t('(no known role)')),
        detail: decides ? vscode.l10n.t('Decides: the last matching rule wins.') : vscode.l10n.t('Overridden by a later rule.'),
        accept: () => openConfigAt(index, line),
      });
    });
    if (o.assignments.length > 0 && !index.codeownersOnly) {
      items.push(separator('Who is asked'));
      for (const a of o.assignments) {
        const name = roleName(config, a.role);
        const detail = a.fellBackTo
          ? `Nobody holds ${name}; falls back to ${roleName(config, a.fellBackTo)}.`
          : a.holders.length === 0
            ? `Nobody holds ${name}, nor any role of the fallback chain (${config.fallback.join(' → ') || 'empty'}).`
            : `Held by ${a.holders.join(' ')}.`;
        items.push({
          label: `$(organization) ${name}`,
          description: a.holders.join(' ') || vscode.l10n.t('nobody'),
          detail,
          accept: () => openConfigAt(index, config.roles.get(a.role)?.range?.line ?? 1),
        });
      }
    }
    return showActionPick(`Why ${rel} is owned this way`, items);
  },
};
