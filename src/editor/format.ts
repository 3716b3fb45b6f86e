/**
 * How ownership reads in the editor: CodeLens titles, status-bar text, tooltips. Pure (no
 * `vscode` import) so the wording is unit-tested and shared by every surface.
 */
import { CONFIG_FILE_NAME, type OpsRolesConfig } from '../core/config.js';
import type { RoleAssignment } from '../core/fallback.js';
import { ruleLine, type FlatPattern, type Ownership } from '../core/ownership.js';
import { t } from './localize.js';

/** The file rules are written in, as messages name it: `ops-roles.yaml`, or the CODEOWNERS read without one. */
export function sourceName(config: OpsRolesConfig): string {
  return config.codeownersSource?.path ?? CONFIG_FILE_NAME;
}

/** What CodeLens, status bar and sidebar say while an index has not read its source yet. */
export function readingSource(file: string): string {
  return t('Ops Roles: reading {0}…', file);
}

/** A role's display name, or its id when the config does not know it. */
export function roleName(config: OpsRolesConfig, id: string): string {
  return config.roles.get(id)?.name ?? id;
}

/** `Release manager → DevOps engineer` for a role covered by its fallback, else the role's name. */
export function assignmentLabel(config: OpsRolesConfig, a: RoleAssignment): string {
  return a.fellBackTo ? `${roleName(config, a.role)} → ${roleName(config, a.fellBackTo)}` : roleName(config, a.role);
}

/** The 1-based line of the pattern that decided (falls back to the rule's own line). */
export function decidingLine(o: Pick<Ownership, 'rule' | 'pattern'>): number | undefined {
  if (!o.rule) return undefined;
  return ruleLine(o.rule, o.pattern);
}

/** The 1-based line of a flattened rule pattern. */
export function flatLine(flat: FlatPattern): number | undefined {
  return ruleLine(flat.rule, flat.pattern);
}

/**
 * One line for CodeLens and hovers: `Database administrator · @acme/dba`,
 * `Release manager → DevOps engineer, Operations engineer · @alice @acme/sre`, or `Unowned`.
 */
export function ownershipTitle(config: OpsRolesConfig, o: Ownership): string {
  if (!o.rule) return t('Unowned');
  if (config.codeownersSource) {
    const file = config.codeownersSource.path.split('/').pop() ?? '';
    return t('{0} · {1} line {2}', o.owners.join(' ') || t('No owners'), file, decidingLine(o) ?? '?');
  }
  if (o.assignments.length === 0) return t('No known role · unowned');
  const roles = o.assignments.map((a) => assignmentLabel(config, a)).join(', ');
  const owners = o.owners.length > 0 ? o.owners.join(' ') : t('nobody holds it');
  return `${roles} · ${owners}`;
}

/** Short text for the status bar: role names only (holders are in the tooltip). */
export function ownershipShort(config: OpsRolesConfig, o: Ownership): string {
  if (!o.rule) return t('Unowned');
  if (config.codeownersSource) return o.owners.join(' ') || t('No owners');
  if (o.roles.length === 0) return t('No known role');
  return o.roles.map((id) => roleName(config, id)).join(', ');
}

/**
 * A plain-text tooltip: the deciding rule (`ops-roles.yaml:12 "migrations/**"`), then each
 * role with its holders, fallback and responsibilities.
 */
export function ownershipTooltip(config: OpsRolesConfig, o: Ownership, configLabel = sourceName(config)): string {
  if (!o.rule)
    return config.codeownersSource
      ? t('No rule in {0} matches {1}.', configLabel, o.path)
      : t('No rule in {0} matches {1}. Add a rule to give it an owner.', configLabel, o.path);
  const lines = [t('Rule {0}:{1}  "{2}"', configLabel, decidingLine(o) ?? '?', o.pattern ?? '')];
  if (config.codeownersSource) {
    lines.push('', o.owners.length > 0 ? t('Owners: {0}', o.owners.join(' ')) : t('This line lists no owners: the file has none.'));
    return lines.join('\n');
  }
  for (const a of o.assignments) {
    const role = config.roles.get(a.role);
    const who = a.fellBackTo
      ? t('nobody holds it; falls back to {0} ({1})', roleName(config, a.fellBackTo), a.holders.join(' '))
      : a.holders.length > 0
        ? a.holders.join(' ')
        : t('nobody holds it, nor any role in the fallback chain');
    lines.push('', `${role?.name ?? a.role}: ${who}`);
    if (role?.description) lines.push(role.description);
    for (const r of role?.responsibilities ?? []) lines.push(`• ${r}`);
  }
  return lines.join('\n');
}

/** Two letters for an Explorer badge: `Database administrator` → `DA`, `Tool smith` → `TS`, `@acme/dba` → `DB`. */
export function roleBadge(name: string): string {
  // An owner (`@org/team`, `@user`) stands for a role without ops-roles.yaml: badge its own name.
  const words = name
    .replace(/^@(?:[^/\s]+\/)?/, '')
    .split(/[\s-]+/)
    .filter(Boolean);
  const letters = words.length >= 2 ? words[0]![0]! + words[1]![0]! : (words[0] ?? '?').slice(0, 2);
  return letters.toUpperCase();
}
