/**
 * Ownership resolution: which rule decides a file, which roles it names, and who holds them
 * (with the fallback chain for roles nobody holds).
 */
import type { OpsRolesConfig, OwnershipRule } from './config.js';
import { assignRole, type RoleAssignment } from './fallback.js';
import { compilePattern, normalizePath, type CompiledPattern, type Flavor } from './pattern.js';
import { buildRuleIndex, type RuleIndex } from './ruleIndex.js';

/** Who owns one file, and why. */
export interface Ownership {
  readonly path: string;
  /** The deciding rule (the last that matches), or `undefined` when the file is unowned. */
  readonly rule: OwnershipRule | undefined;
  /** The expanded pattern of that rule that matched. */
  readonly pattern: string | undefined;
  /** Role ids the rule names. */
  readonly roles: readonly string[];
  readonly assignments: readonly RoleAssignment[];
  /** Every owner, in order, without repeats: what a CODEOWNERS line for this file would list. */
  readonly owners: readonly string[];
}

/** One line of a flattened rule list: a plain CODEOWNERS pattern and the rule it came from. */
export interface FlatPattern {
  readonly pattern: string;
  readonly rule: OwnershipRule;
}

/** What {@link ruleOwners} says of a rule. */
type Staffed = { assignments: RoleAssignment[]; owners: string[] };

/** Owners of a rule: the holders of all its roles (after fallback), in order, deduplicated. */
export function ruleOwners(rule: OwnershipRule, config: OpsRolesConfig): Staffed {
  const assignments = rule.roles.map((id) => assignRole(id, config.roles, config.fallback));
  // A set keeps this linear: one role may have tens of thousands of holders.
  const owners = [...new Set(assignments.flatMap((a) => a.holders))];
  return { assignments, owners };
}

/**
 * {@link ruleOwners} of the rules that decide some file, worked out when a rule first decides
 * one and then once per distinct list of roles: thousands of rules name the same few roles, and
 * each would otherwise walk the fallback chain again. Not up front: a process that resolves a
 * few paths (the editor's first CodeLens, `who FILE`) meets few of a large file's rules.
 */
class RuleStaff {
  private readonly byRoles = new Map<string, Staffed>();
  private readonly byRule = new Map<OwnershipRule, Staffed>();

  constructor(private readonly config: OpsRolesConfig) {}

  of(rule: OwnershipRule): Staffed {
    let staffed = this.byRule.get(rule);
    if (staffed) return staffed;
    // Role ids are lower-case words joined by "-", so a space cannot occur inside one.
    const key = rule.roles.join(' ');
    staffed = this.byRoles.get(key);
    if (!staffed) this.byRoles.set(key, (staffed = ruleOwners(rule, this.config)));
    this.byRule.set(rule, staffed);
    return staffed;
  }
}

/** A config compiled for fast lookups: build once per config, then resolve any number of paths. */
export class OwnershipModel {
  readonly flat: readonly FlatPattern[];
  readonly index: RuleIndex;
  private readonly staff: RuleStaff;

  /** `flavor` reads the patterns: GitHub's for ops-roles.yaml, the file's own for a CODEOWNERS. */
  constructor(
    readonly config: OpsRolesConfig,
    flavor: Flavor = 'github',
  ) {
    // One loop of indexes: this runs once, cold, in every process that starts, and V8's
    // interpreter walks an array by index for less than through its iterator.
    const flat: FlatPattern[] = [];
    const compiled: CompiledPattern[] = [];
    const rules = config.rules;
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r]!;
      const patterns = rule.patterns;
      for (let p = 0; p < patterns.length; p++) {
        const expanded = patterns[p]!.expanded;
        for (let e = 0; e < expanded.length; e++) {
          flat.push({ pattern: expanded[e]!, rule });
          compiled.push(compilePattern(expanded[e]!, flavor));
        }
      }
    }
    this.flat = flat;
    this.index = buildRuleIndex(compiled);
    this.staff = new RuleStaff(config);
  }

  /** Who owns `path` (repository-relative, `/`-separated). */
  resolve(rawPath: string): Ownership {
    const path = normalizePath(rawPath);
    const i = this.index.lastMatch(path);
    if (i === -1) return { path, rule: undefined, pattern: undefined, roles: [], assignments: [], owners: [] };
    const flat = this.flat[i]!;
    const staffed = this.staff.of(flat.rule);
    return { path, rule: flat.rule, pattern: flat.pattern, roles: flat.rule.roles, assignments: staffed.assignments, owners: staffed.owners };
  }

  /**
   * The owners of `rule` (its roles' holders, after fallback): what {@link resolve} gives for a
   * file the rule decides, one array per list of roles, for callers that already know the rule.
   */
  ownersOf(rule: OwnershipRule): readonly string[] {
    return this.staff.of(rule).owners;
  }

  /** Every rule pattern that matches `path`, in rule order; the last one decides. */
  explain(rawPath: string): FlatPattern[] {
    const path = normalizePath(rawPath);
    return this.index.allMatches(path).map((i) => this.flat[i]!);
  }

  /**
   * The rule that decides `path`, given every flat pattern that matches it (in order): the last
   * one here; a GitLab CODEOWNERS with sections or exclusions decides otherwise.
   */
  decidingRule(path: string, matches: readonly number[]): OwnershipRule | undefined {
    return matches.length === 0 ? undefined : this.flat[matches[matches.length - 1]!]!.rule;
  }

  /** Index of the deciding flat pattern for `path`, or -1 (for tools that count per pattern). */
  decidingPatternIndex(rawPath: string): number {
    return this.index.lastMatchNormalized(rawPath);
  }
}

/** The 1-based line of `pattern` inside `rule` (or of the rule when the pattern is unknown). */
export function ruleLine(rule: OwnershipRule, pattern?: string): number | undefined {
  const written = pattern === undefined ? undefined : rule.patterns.find((p) => p.expanded.includes(pattern));
  return written?.range?.line ?? rule.range?.line;
}

/** Per-rule and per-role facts over a whole file list. */
export interface Coverage {
  readonly totalFiles: number;
  readonly ownedFiles: number;
  readonly unownedFiles: readonly string[];
  /** Files decided by each rule (by rule index). */
  readonly filesByRule: readonly number[];
  /** Files each rule's patterns match at all, decided or not (by rule index). */
  readonly matchedByRule: readonly number[];
  /** Files owned by each role id (as the deciding rule names it). */
  readonly filesByRole: ReadonlyMap<string, number>;
  /** Rules that match no file. */
  readonly rulesMatchingNothing: readonly OwnershipRule[];
  /** Rules that match files, every one of which a later rule takes. */
  readonly rulesShadowed: readonly { rule: OwnershipRule; by: readonly OwnershipRule[] }[];
  /** Roles some rule names that nobody holds (they fall back or leave files unowned). */
  readonly rolesWithoutHolders: readonly string[];
  /** Roles held by exactly one person (not a team): one absence away from nobody. */
  readonly rolesWithSingleHolder: readonly string[];
}

/**
 * Coverage counted one file at a time, so a caller can spread a large list over several turns
 * (the editor yields between slices); {@link computeCoverage} is the whole list in one go.
 * Costs one match scan per file.
 */
export class CoverageTally {
  private readonly filesByRule: number[];
  private readonly matchedByRule: number[];
  private readonly shadowers: Set<OwnershipRule>[];
  private readonly filesByRole = new Map<string, number>();
  private readonly unowned: string[] = [];
  /** The file (counted from 1) that last counted each rule as matched: no set per file. */
  private readonly lastCounted: Int32Array;
  private counted = 0;

  constructor(private readonly model: OwnershipModel) {
    const n = model.config.rules.length;
    this.filesByRule = new Array<number>(n).fill(0);
    this.matchedByRule = new Array<number>(n).fill(0);
    this.shadowers = model.config.rules.map(() => new Set<OwnershipRule>());
    this.lastCounted = new Int32Array(n);
  }

  /** Count one file of the list. */
  add(raw: string): void {
    const { model } = this;
    const path = normalizePath(raw);
    const file = ++this.counted;
    const matches = model.index.allMatches(path);
    const winner = model.decidingRule(path, matches);
    if (!winner) {
      this.unowned.push(path);
      return;
    }
    this.filesByRule[winner.index]!++;
    for (const role of winner.roles) this.filesByRole.set(role, (this.filesByRole.get(role) ?? 0) + 1);
    for (const m of matches) {
      const rule = model.flat[m]!.rule;
      if (this.lastCounted[rule.index] === file) continue;
      this.lastCounted[rule.index] = file;
      this.matchedByRule[rule.index]!++;
      if (rule !== winner) this.shadowers[rule.index]!.add(winner);
    }
  }

  /** The coverage of the files counted so far. */
  result(): Coverage {
    const { config } = this.model;
    const { filesByRule, matchedByRule, shadowers, unowned } = this;
    const named = new Set(config.rules.flatMap((r) => r.roles));
    const rolesWithoutHolders = [...named].filter((id) => (config.roles.get(id)?.holders.length ?? 0) === 0);
    // A CODEOWNERS read as a config has one role per owner: one holder each is its nature, not a gap.
    const rolesWithSingleHolder = [...named].filter((id) => {
      if (config.codeownersSource) return false;
      const holders = config.roles.get(id)?.holders ?? [];
      return holders.length === 1 && !holders[0]!.includes('/');
    });
    return {
      totalFiles: this.counted,
      ownedFiles: this.counted - unowned.length,
      unownedFiles: unowned,
      filesByRule,
      matchedByRule,
      filesByRole: this.filesByRole,
      rulesMatchingNothing: config.rules.filter((r) => matchedByRule[r.index] === 0),
      rulesShadowed: config.rules
        .filter((r) => matchedByRule[r.index]! > 0 && filesByRule[r.index] === 0)
        .map((r) => ({ rule: r, by: [...shadowers[r.index]!].sort((a, b) => a.index - b.index) })),
      rolesWithoutHolders,
      rolesWithSingleHolder,
    };
  }
}

/** Compute coverage over a file list (see {@link CoverageTally}). */
export function computeCoverage(model: OwnershipModel, files: readonly string[]): Coverage {
  const tally = new CoverageTally(model);
  for (const file of files) tally.add(file);
  return tally.result();
}
