/**
 * What the sidebar shows, as data: each role's files, holders and rules; the wording of role
 * rows; the coverage problems and their count for the badge. Pure (no `vscode` import), so the
 * trees only map this to tree items and the unit tests read it directly.
 */
import type { CheckResult } from '../../core/check.js';
import type { OpsRolesConfig, OwnershipRule, RoleDefinition } from '../../core/config.js';
import { assignRole, fallbackRole } from '../../core/fallback.js';
import { ruleLine, type Coverage, type FlatPattern, type Ownership } from '../../core/ownership.js';
import { roleName } from '../format.js';
import { t, tCount } from '../localize.js';

/** Each role's files (sorted as the input), and how many files each rule decides. */
export interface RoleFiles {
  /** Files whose deciding rule names the role, by role id (roles with none are absent). */
  readonly byRole: ReadonlyMap<string, readonly string[]>;
  /** Files decided by each rule, by rule index. */
  readonly byRule: readonly number[];
}

/**
 * Bucket files by the roles of their deciding rule: one ownership lookup per file (a map read
 * in the ownership index). `files` sorted in, each role's list sorted out.
 */
export function groupFilesByRole(files: readonly string[], ownership: (path: string) => Pick<Ownership, 'rule' | 'roles'>, ruleCount: number): RoleFiles {
  const byRole = new Map<string, string[]>();
  const byRule = new Array<number>(ruleCount).fill(0);
  bucket(files, 0, files.length, ownership, byRole, byRule);
  return { byRole, byRule };
}

/** Files bucketed per chunk before {@link groupFilesByRoleInChunks} lets the caller breathe. */
export const ROLE_FILES_CHUNK = 5000;

/**
 * {@link groupFilesByRole} in chunks: after each, `breathe` runs (yield to the host there) and
 * the pass stops with `undefined` when it answers false (the input went stale).
 */
export async function groupFilesByRoleInChunks(
  files: readonly string[],
  ownership: (path: string) => Pick<Ownership, 'rule' | 'roles'>,
  ruleCount: number,
  breathe: () => Promise<boolean>,
): Promise<RoleFiles | undefined> {
  const byRole = new Map<string, string[]>();
  const byRule = new Array<number>(ruleCount).fill(0);
  for (let start = 0; start < files.length; start += ROLE_FILES_CHUNK) {
    if (start > 0 && !(await breathe())) return undefined;
    bucket(files, start, Math.min(files.length, start + ROLE_FILES_CHUNK), ownership, byRole, byRule);
  }
  return { byRole, byRule };
}

function bucket(
  files: readonly string[],
  from: number,
  to: number,
  ownership: (path: string) => Pick<Ownership, 'rule' | 'roles'>,
  byRole: Map<string, string[]>,
  byRule: number[],
): void {
  for (let i = from; i < to; i++) {
    const path = files[i]!;
    const o = ownership(path);
    if (!o.rule) continue;
    if (o.rule.index < byRule.length) byRule[o.rule.index]!++;
    for (const role of o.roles) {
      let list = byRole.get(role);
      if (!list) byRole.set(role, (list = []));
      list.push(path);
    }
  }
}

/** What kind of owner a holder is, in the user's words. */
export function holderKind(holder: string): 'team' | 'person' | 'e-mail' {
  if (!holder.startsWith('@')) return 'e-mail';
  return holder.includes('/') ? 'team' : 'person';
}

/** A holder's kind as the sidebar shows it. */
export function holderKindLabel(kind: ReturnType<typeof holderKind>): string {
  if (kind === 'team') return t('team');
  return kind === 'person' ? t('person') : t('e-mail');
}

/** The role a vacant role falls back to (the first of the chain with holders), if any. */
export function fallbackOf(config: OpsRolesConfig, roleId: string): RoleDefinition | undefined {
  const to = fallbackRole(roleId, config.roles, config.fallback);
  return to === undefined ? undefined : config.roles.get(to);
}

/** Who answers for a role: its holders, else its fallback's holders. */
export function effectiveHolders(config: OpsRolesConfig, roleId: string): readonly string[] {
  return assignRole(roleId, config.roles, config.fallback).holders;
}

/** Rules that name the role, in file order. */
export function rulesOfRole(config: OpsRolesConfig, roleId: string): OwnershipRule[] {
  return config.rules.filter((r) => r.roles.includes(roleId));
}

/**
 * The short text beside a role's name: `2 holders · 3 files`,
 * `nobody → DevOps engineer · 4 files`, `nobody, no fallback · 4 files`, `no files`.
 * `files` is undefined while the folder's files are still being listed.
 */
export function roleDescription(config: OpsRolesConfig, roleId: string, files: number | undefined): string {
  const role = config.roles.get(roleId);
  const holders = role?.holders.length ?? 0;
  let who: string;
  if (holders > 0) who = tCount(holders, '{0} holder', '{0} holders');
  else {
    const to = fallbackOf(config, roleId);
    who = to ? t('nobody → {0}', to.name) : t('nobody, no fallback');
  }
  const count = files === undefined ? t('counting files…') : files === 0 ? t('no files') : tCount(files, '{0} file', '{0} files');
  return `${who} · ${count}`;
}

/** A rule as a row label: its patterns as written (`deploy/, CHANGELOG.md`). */
export function ruleLabel(rule: OwnershipRule): string {
  return rule.patterns.map((p) => p.source).join(', ') || t('(no path)');
}

/** `line 26 · 3 files` beside a rule. */
export function ruleDescription(rule: OwnershipRule, decided: number | undefined): string {
  const line = ruleLine(rule) ?? '?';
  return decided === undefined ? t('line {0}', line) : tCount(decided, 'line {1} · {0} file', 'line {1} · {0} files', line);
}

/** The roles of a rule by name (`Release manager, Operations engineer`). */
export function ruleRoles(config: OpsRolesConfig, rule: OwnershipRule): string {
  return rule.roles.map((id) => roleName(config, id)).join(', ') || t('no known role');
}

/** The rules a file's deciding rule overrides: the other rules that match it, latest first. */
export function overriddenRules(o: Pick<Ownership, 'rule'>, matches: readonly FlatPattern[]): OwnershipRule[] {
  const out: OwnershipRule[] = [];
  for (let i = matches.length - 1; i >= 0; i--) {
    const rule = matches[i]!.rule;
    if (rule !== o.rule && !out.includes(rule)) out.push(rule);
  }
  return out;
}

/** The kinds of coverage problem, in the order the Coverage view lists them. */
export type ProblemKind = 'drift' | 'unowned' | 'unheld' | 'single-holder' | 'matches-nothing' | 'shadowed';

/** One group of problems for the Coverage view. */
export interface ProblemGroup {
  readonly kind: ProblemKind;
  readonly title: string;
  /** How many problems the group holds (each counts towards the badge). */
  readonly count: number;
  /** What fixes them, in a few words (the row's tooltip). */
  readonly fix: string;
}

/** CODEOWNERS drift as the Coverage view counts it: one problem, whatever its size, since one regeneration fixes it. */
export interface DriftSummary {
  /** The group's title: what is wrong with the CODEOWNERS. */
  readonly title: string;
}

/** What is wrong with a folder's CODEOWNERS, or `undefined` when it means what ops-roles.yaml means. */
export function driftSummary(result: CheckResult, path: string): DriftSummary | undefined {
  if (result.inSync) return undefined;
  if (result.missing) return { title: t('No {0} yet', path) };
  if (result.proof)
    return {
      title: tCount(result.proof.differenceCount, '{1} is out of date: {0} file gets other owners', '{1} is out of date: {0} files get other owners', path),
    };
  return { title: result.problems.find((p) => p.severity === 'error')?.message ?? t('{0} is not in sync', path) };
}

/** The Coverage view's groups (only those with problems), from the folder's coverage. */
export function problemGroups(coverage: Coverage, drift?: DriftSummary, codeownersOnly = false): ProblemGroup[] {
  const groups: ProblemGroup[] = [];
  if (drift) groups.push({ kind: 'drift', title: drift.title, count: 1, fix: t('Regenerate CODEOWNERS') });
  if (coverage.unownedFiles.length > 0) {
    // Without ops-roles.yaml the rules are CODEOWNERS lines.
    const fix = codeownersOnly ? t('Add a CODEOWNERS line that gives them owners') : t('Add a rule that gives them a role');
    groups.push({ kind: 'unowned', title: t('Unowned files'), count: coverage.unownedFiles.length, fix });
  }
  if (coverage.rolesWithoutHolders.length > 0)
    groups.push({ kind: 'unheld', title: t('Roles nobody holds'), count: coverage.rolesWithoutHolders.length, fix: t('Assign holders to the role') });
  if (coverage.rolesWithSingleHolder.length > 0)
    groups.push({
      kind: 'single-holder',
      title: t('Roles held by one person'),
      count: coverage.rolesWithSingleHolder.length,
      fix: t('Add a second holder or a team'),
    });
  if (coverage.rulesMatchingNothing.length > 0)
    groups.push({
      kind: 'matches-nothing',
      title: t('Rules that match no file'),
      count: coverage.rulesMatchingNothing.length,
      fix: t('Fix or remove the rule'),
    });
  if (coverage.rulesShadowed.length > 0)
    groups.push({
      kind: 'shadowed',
      title: t('Rules that never decide'),
      count: coverage.rulesShadowed.length,
      fix: t('Move the rule below the rules that take its files, or remove it'),
    });
  return groups;
}

/** The badge: how many problems in all, and a tooltip that says which. */
export function problemBadge(groups: readonly ProblemGroup[]): { value: number; tooltip: string } | undefined {
  const value = groups.reduce((n, g) => n + g.count, 0);
  if (value === 0) return undefined;
  const parts = groups.map((g) => badgeText(g.kind, g.count));
  return { value, tooltip: parts.join(', ') };
}

/** `3 unowned files`: a group's count and what it counts. */
function badgeText(kind: ProblemKind, n: number): string {
  switch (kind) {
    case 'drift':
      return t('{0} CODEOWNERS out of date', n);
    case 'unowned':
      return tCount(n, '{0} unowned file', '{0} unowned files');
    case 'unheld':
      return tCount(n, '{0} role nobody holds', '{0} roles nobody holds');
    case 'single-holder':
      return tCount(n, '{0} role held by one person', '{0} roles held by one person');
    case 'matches-nothing':
      return tCount(n, '{0} rule matching no file', '{0} rules matching no file');
    case 'shadowed':
      return tCount(n, '{0} rule that never decides', '{0} rules that never decide');
  }
}
