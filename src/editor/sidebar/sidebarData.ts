/**
 * What the sidebar shows, as data: each role's files, holders and rules; the wording of role
 * rows; the coverage problems and their count for the badge. Pure (no `vscode` import), so the
 * trees only map this to tree items and the unit tests read it directly.
 */
import type { CheckResult } from '../../core/check.js';
import type { OpsRolesConfig, OwnershipRule, RoleDefinition } from '../../core/config.js';
import { assignRole, fallbackRole } from '../../core/fallback.js';
import type { Coverage, FlatPattern, Ownership } from '../../core/ownership.js';
import { plural, pluralForm } from '../../core/text.js';
import { roleName, ruleLine } from '../format.js';

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
  if (holders > 0) who = plural(holders, 'holder');
  else {
    const to = fallbackOf(config, roleId);
    who = to ? `nobody → ${to.name}` : 'nobody, no fallback';
  }
  const count = files === undefined ? 'counting files…' : files === 0 ? 'no files' : plural(files, 'file');
  return `${who} · ${count}`;
}

/** A rule as a row label: its patterns as written (`deploy/, CHANGELOG.md`). */
export function ruleLabel(rule: OwnershipRule): string {
  return rule.patterns.map((p) => p.source).join(', ') || '(no path)';
}

/** `line 26 · 3 files` beside a rule. */
export function ruleDescription(rule: OwnershipRule, decided: number | undefined): string {
  const line = `line ${ruleLine(rule) ?? '?'}`;
  return decided === undefined ? line : `${line} · ${plural(decided, 'file')}`;
}

/** The roles of a rule by name (`Release manager, Operations engineer`). */
export function ruleRoles(config: OpsRolesConfig, rule: OwnershipRule): string {
  return rule.roles.map((id) => roleName(config, id)).join(', ') || 'no known role';
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
  if (result.missing) return { title: `No ${path} yet` };
  if (result.proof)
    return {
      title: `${path} is out of date: ${plural(result.proof.differenceCount, 'file')} ${pluralForm(result.proof.differenceCount, 'gets', 'get')} other owners`,
    };
  return { title: result.problems.find((p) => p.severity === 'error')?.message ?? `${path} is not in sync` };
}

/** The Coverage view's groups (only those with problems), from the folder's coverage. */
export function problemGroups(coverage: Coverage, drift?: DriftSummary, codeownersOnly = false): ProblemGroup[] {
  const groups: ProblemGroup[] = [];
  if (drift) groups.push({ kind: 'drift', title: drift.title, count: 1, fix: 'Regenerate CODEOWNERS' });
  if (coverage.unownedFiles.length > 0) {
    // Without ops-roles.yaml the rules are CODEOWNERS lines.
    const fix = codeownersOnly ? 'Add a CODEOWNERS line that gives them owners' : 'Add a rule that gives them a role';
    groups.push({ kind: 'unowned', title: 'Unowned files', count: coverage.unownedFiles.length, fix });
  }
  if (coverage.rolesWithoutHolders.length > 0)
    groups.push({ kind: 'unheld', title: 'Roles nobody holds', count: coverage.rolesWithoutHolders.length, fix: 'Assign holders to the role' });
  if (coverage.rolesWithSingleHolder.length > 0)
    groups.push({
      kind: 'single-holder',
      title: 'Roles held by one person',
      count: coverage.rolesWithSingleHolder.length,
      fix: 'Add a second holder or a team',
    });
  if (coverage.rulesMatchingNothing.length > 0)
    groups.push({ kind: 'matches-nothing', title: 'Rules that match no file', count: coverage.rulesMatchingNothing.length, fix: 'Fix or remove the rule' });
  if (coverage.rulesShadowed.length > 0)
    groups.push({
      kind: 'shadowed',
      title: 'Rules that never decide',
      count: coverage.rulesShadowed.length,
      fix: 'Move the rule below the rules that take its files, or remove it',
    });
  return groups;
}

/** The badge: how many problems in all, and a tooltip that says which. */
export function problemBadge(groups: readonly ProblemGroup[]): { value: number; tooltip: string } | undefined {
  const value = groups.reduce((n, g) => n + g.count, 0);
  if (value === 0) return undefined;
  const parts = groups.map((g) => `${g.count} ${badgeNoun(g.kind, g.count)}`);
  return { value, tooltip: parts.join(', ') };
}

function badgeNoun(kind: ProblemKind, n: number): string {
  switch (kind) {
    case 'drift':
      return 'CODEOWNERS out of date';
    case 'unowned':
      return pluralForm(n, 'unowned file', 'unowned files');
    case 'unheld':
      return `${pluralForm(n, 'role', 'roles')} nobody holds`;
    case 'single-holder':
      return `${pluralForm(n, 'role', 'roles')} held by one person`;
    case 'matches-nothing':
      return `${pluralForm(n, 'rule', 'rules')} matching no file`;
    case 'shadowed':
      return pluralForm(n, 'rule that never decides', 'rules that never decide');
  }
}
