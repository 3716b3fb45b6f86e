/**
 * Markdown shared by hover cards: ownership of a file, a role, links to the deciding rule.
 */
import * as vscode from 'vscode';
import type { OpsRolesConfig } from '../core/config.js';
import { assignRole, fallbackChain } from '../core/fallback.js';
import type { Ownership } from '../core/ownership.js';
import { escapeMarkdown } from '../core/text.js';
import { Command } from './commandIds.js';
import { decidingLine, ownershipTitle, roleName, sourceName } from './format.js';
import { t, tCount } from './localize.js';
import type { FolderIndex } from './ownershipIndex.js';

/** A command link for trusted Markdown. */
export function commandLink(label: string, command: string, args: readonly unknown[], title?: string): string {
  // l10n: not wording (a command URI)
  const uri = `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
  return `[${escapeMarkdown(label)}](${uri}${title ? ` "${title.replace(/"/g, "'")}"` : ''})`;
}

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  const fence = text.includes('`') ? '`` ' : '`';
  return `${fence}${text}${fence === '`' ? '`' : ' ``'}`;
}

/** A Markdown string whose links may run only our own internal commands. */
export function trustedMarkdown(value = ''): vscode.MarkdownString {
  const md = new vscode.MarkdownString(value);
  md.isTrusted = { enabledCommands: [Command.OpenConfigAt, Command.ShowRuleFiles, Command.AddRule] };
  md.supportThemeIcons = true;
  return md;
}

/** A link to a line of a folder's ops-roles.yaml. */
export function configLink(index: FolderIndex, line: number, label = `${sourceName(index.parsed.config)}:${line}`): string {
  return commandLink(label, Command.OpenConfigAt, [index.folder.uri.toString(), line], t('Open the rule'));
}

/** A role's card: what it is for, who holds it, where it falls back. */
export function roleMarkdown(index: FolderIndex, config: OpsRolesConfig, roleId: string, files?: number): string {
  const role = config.roles.get(roleId);
  if (!role) return t('Unknown role {0}', code(roleId));
  const lines: string[] = [];
  const where = role.range ? t(' — {0}', configLink(index, role.range.line, t('defined here'))) : role.builtin ? t(' — built-in role') : '';
  lines.push(`**${escapeMarkdown(role.name)}** ${code(role.id)}${where}`, '');
  if (role.description) lines.push(escapeMarkdown(role.description), '');
  for (const r of role.responsibilities) lines.push(`- ${escapeMarkdown(r)}`);
  if (role.responsibilities.length) lines.push('');
  const a = assignRole(roleId, config.roles, config.fallback);
  if (role.holders.length > 0) lines.push(t('Holders: {0}', role.holders.map(code).join(' ')));
  else if (a.fellBackTo)
    lines.push(t('Nobody holds it; falls back to **{0}** ({1})', escapeMarkdown(roleName(config, a.fellBackTo)), a.holders.map(code).join(' ')));
  else lines.push(t('Nobody holds it, nor any role in the fallback chain: its files have no owner.'));
  const chain = fallbackChain(roleId, config.fallback);
  if (chain.length) lines.push('', t('Fallback chain: {0}', chain.map((id) => escapeMarkdown(roleName(config, id))).join(' → ')));
  if (files !== undefined) lines.push('', tCount(files, 'Owns {0} file in {1}', 'Owns {0} files in {1}', escapeMarkdown(index.folder.name)));
  return lines.join('\n');
}

/** Who owns a file: the roles and holders, the deciding rule (linked), each role's card. */
export function ownershipMarkdown(index: FolderIndex, o: Ownership): string {
  const config = index.parsed.config;
  const lines: string[] = [];
  if (!o.rule) {
    lines.push(t('$(circle-slash) **Unowned** — no rule in {0} matches {1}', sourceName(config), code(o.path)), '');
    if (!index.codeownersOnly) lines.push(commandLink(t('Add a rule for this file'), Command.AddRule, [index.uriOf(o.path).toString()]));
    return lines.join('\n');
  }
  const line = decidingLine(o) ?? 1;
  lines.push(`$(organization) **${escapeMarkdown(ownershipTitle(config, o))}**`, '');
  lines.push(t('{0} — decided by {1} {2}', code(o.path), configLink(index, line), code(o.pattern ?? '')));
  // Without ops-roles.yaml the owners are all there is: no role cards.
  if (!index.codeownersOnly) for (const a of o.assignments) lines.push('', '---', '', roleMarkdown(index, config, a.role));
  return lines.join('\n');
}
