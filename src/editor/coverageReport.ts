/**
 * The "Show coverage" report as Markdown. Pure, so its wording is unit-tested.
 */
import type { OpsRolesConfig } from '../core/config.js';
import { fallbackRole } from '../core/fallback.js';
import type { Coverage } from '../core/ownership.js';
import { plural } from '../core/text.js';
import { ruleLine } from './format.js';

/** How many unowned files the report lists before "… and N more". */
export const UNOWNED_SAMPLE = 50;

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** A readable report of one folder's coverage. */
export function coverageMarkdown(folderName: string, config: OpsRolesConfig, cov: Coverage): string {
  const out: string[] = [];
  const pct = cov.totalFiles ? ((100 * cov.ownedFiles) / cov.totalFiles).toFixed(1) : '100.0';
  out.push(`# Ops Roles coverage: ${folderName}`, '', `**${cov.ownedFiles} of ${plural(cov.totalFiles, 'file')} owned (${pct}%).**`, '');
  out.push('## Roles', '', '| Role | Files | Holders |', '| --- | ---: | --- |');
  for (const role of config.roles.values()) {
    const files = cov.filesByRole.get(role.id) ?? 0;
    if (!role.range && files === 0) continue;
    let who = role.holders.join(' ');
    if (!who) {
      const to = fallbackRole(role.id, config.roles, config.fallback);
      who = to ? `nobody; falls back to ${config.roles.get(to)?.name ?? to}` : 'nobody';
    }
    out.push(`| ${cell(role.name)} (\`${role.id}\`) | ${files} | ${cell(who)} |`);
  }
  out.push('');
  if (cov.unownedFiles.length > 0) {
    out.push(`## Unowned files (${cov.unownedFiles.length})`, '');
    for (const f of cov.unownedFiles.slice(0, UNOWNED_SAMPLE)) out.push(`- \`${f}\``);
    if (cov.unownedFiles.length > UNOWNED_SAMPLE) out.push(`- … and ${cov.unownedFiles.length - UNOWNED_SAMPLE} more`);
    out.push('');
  } else out.push('Every file has an owner.', '');
  if (cov.rulesMatchingNothing.length > 0) {
    out.push('## Rules that match no file', '');
    for (const r of cov.rulesMatchingNothing) out.push(`- ops-roles.yaml:${ruleLine(r) ?? '?'} ${r.patterns.map((p) => `\`${p.source}\``).join(', ')}`);
    out.push('');
  }
  if (cov.rulesShadowed.length > 0) {
    out.push('## Rules that never decide', '');
    for (const s of cov.rulesShadowed) {
      out.push(
        `- ops-roles.yaml:${ruleLine(s.rule) ?? '?'} ${s.rule.patterns.map((p) => `\`${p.source}\``).join(', ')}: every file it matches is taken by line ${s.by.map((b) => ruleLine(b) ?? '?').join(', ')}`,
      );
    }
    out.push('');
  }
  if (cov.rolesWithoutHolders.length > 0)
    out.push(`**Roles nobody holds:** ${cov.rolesWithoutHolders.map((id) => config.roles.get(id)?.name ?? id).join(', ')}`, '');
  if (cov.rolesWithSingleHolder.length > 0)
    out.push(`**Roles held by one person:** ${cov.rolesWithSingleHolder.map((id) => config.roles.get(id)?.name ?? id).join(', ')}`, '');
  return out.join('\n');
}
