/**
 * The "Show coverage" report as Markdown. Pure, so its wording is unit-tested.
 */
import type { OpsRolesConfig } from '../core/config.js';
import { fallbackRole } from '../core/fallback.js';
import { ruleLine, type Coverage } from '../core/ownership.js';
import { t, tCount } from './localize.js';

/** How many unowned files the report lists before "… and N more". */
export const UNOWNED_SAMPLE = 50;

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** A readable report of one folder's coverage. */
export function coverageMarkdown(folderName: string, config: OpsRolesConfig, cov: Coverage): string {
  const out: string[] = [];
  const pct = cov.totalFiles ? ((100 * cov.ownedFiles) / cov.totalFiles).toFixed(1) : '100.0';
  const owned = tCount(cov.totalFiles, '**{1} of {0} file owned ({2}%).**', '**{1} of {0} files owned ({2}%).**', cov.ownedFiles, pct);
  out.push(t('# Ops Roles coverage: {0}', folderName), '', owned, '');
  out.push(t('## Roles'), '', t('| Role | Files | Holders |'), '| --- | ---: | --- |');
  for (const role of config.roles.values()) {
    const files = cov.filesByRole.get(role.id) ?? 0;
    if (!role.range && files === 0) continue;
    let who = role.holders.join(' ');
    if (!who) {
      const to = fallbackRole(role.id, config.roles, config.fallback);
      who = to ? t('nobody; falls back to {0}', config.roles.get(to)?.name ?? to) : t('nobody');
    }
    out.push(`| ${cell(role.name)} (\`${role.id}\`) | ${files} | ${cell(who)} |`);
  }
  out.push('');
  if (cov.unownedFiles.length > 0) {
    out.push(t('## Unowned files ({0})', cov.unownedFiles.length), '');
    for (const f of cov.unownedFiles.slice(0, UNOWNED_SAMPLE)) out.push(`- \`${f}\``);
    if (cov.unownedFiles.length > UNOWNED_SAMPLE) out.push(t('- … and {0} more', cov.unownedFiles.length - UNOWNED_SAMPLE));
    out.push('');
  } else out.push(t('Every file has an owner.'), '');
  if (cov.rulesMatchingNothing.length > 0) {
    out.push(t('## Rules that match no file'), '');
    for (const r of cov.rulesMatchingNothing) out.push(t('- ops-roles.yaml:{0} {1}', ruleLine(r) ?? '?', r.patterns.map((p) => `\`${p.source}\``).join(', ')));
    out.push('');
  }
  if (cov.rulesShadowed.length > 0) {
    out.push(t('## Rules that never decide'), '');
    for (const s of cov.rulesShadowed) {
      const patterns = s.rule.patterns.map((p) => `\`${p.source}\``).join(', ');
      const by = s.by.map((b) => ruleLine(b) ?? '?').join(', ');
      out.push(t('- ops-roles.yaml:{0} {1}: every file it matches is taken by line {2}', ruleLine(s.rule) ?? '?', patterns, by));
    }
    out.push('');
  }
  if (cov.rolesWithoutHolders.length > 0)
    out.push(t('**Roles nobody holds:** {0}', cov.rolesWithoutHolders.map((id) => config.roles.get(id)?.name ?? id).join(', ')), '');
  if (cov.rolesWithSingleHolder.length > 0)
    out.push(t('**Roles held by one person:** {0}', cov.rolesWithSingleHolder.map((id) => config.roles.get(id)?.name ?? id).join(', ')), '');
  return out.join('\n');
}
