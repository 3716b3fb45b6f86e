/**
 * A CODEOWNERS file as an ownership source: when a repository has no `ops-roles.yaml`, its
 * CODEOWNERS answers the questions every surface asks of {@link OwnershipModel} (who owns a
 * path, which line decided, coverage), so the editor and the CLI need no second code path.
 *
 * The file becomes a config in which each owner is a role of its own, held by that owner alone
 * (so nothing falls back), and each rule line is a rule naming its owners. A GitHub file is
 * then read exactly as the model reads ops-roles.yaml (last match wins). A GitLab file is
 * answered by the CODEOWNERS resolver (sections, exclusions, union over sections); the rule
 * reported as deciding is the last section's line that matched.
 */
import { codeownersResolver, parseCodeowners, type CodeownersEntry, type CodeownersFile, type CodeownersResolver } from './codeowners.js';
import { codeownersDialect } from './codeownersTarget.js';
import type { OpsRolesConfig, OwnershipRule, RoleDefinition, SourceRange } from './config.js';
import { OwnershipModel, type Ownership } from './ownership.js';
import { normalizePath, type Flavor } from './pattern.js';

/** 0-based offsets where each line of `text` starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/** The range of one entry's pattern. */
function entryRange(entry: CodeownersEntry, starts: readonly number[]): SourceRange {
  const offset = (starts[entry.line - 1] ?? 0) + entry.column - 1;
  const length = entry.pattern.length;
  return { line: entry.line, column: entry.column, endLine: entry.line, endColumn: entry.column + length, offset, endOffset: offset + length };
}

/** A role per owner: its id and name are the owner as written. */
function ownerRole(owner: string): RoleDefinition {
  return {
    id: owner,
    name: owner,
    description: '',
    responsibilities: [],
    typicalPaths: [],
    builtin: false,
    holders: [owner],
    range: undefined,
    holderRanges: [undefined],
  };
}

/** The config a CODEOWNERS file stands for (see the module comment); `path` is repository-relative. */
export function codeownersConfig(file: CodeownersFile, path: string, text: string): OpsRolesConfig {
  const starts = lineStarts(text);
  const roles = new Map<string, RoleDefinition>();
  const rules: OwnershipRule[] = [];
  for (const entry of file.entries) {
    if (entry.exclusion) continue;
    const owners = [...new Set(entry.owners)];
    for (const owner of owners) if (!roles.has(owner)) roles.set(owner, ownerRole(owner));
    const range = entryRange(entry, starts);
    rules.push({ index: rules.length, patterns: [{ source: entry.pattern, expanded: [entry.pattern], range }], roles: owners, range, roleRanges: [] });
  }
  return {
    version: 1,
    roles,
    rules,
    fallback: [],
    fallbackRange: undefined,
    codeowners: { target: file.flavor, path },
    codeownersSource: { path, flavor: file.flavor },
  };
}

/** {@link OwnershipModel} over a CODEOWNERS file, with the file's own dialect. */
export class CodeownersModel extends OwnershipModel {
  private readonly resolver: CodeownersResolver | undefined;
  private readonly ruleOfLine = new Map<number, OwnershipRule>();

  /** `path`: where the file is, repository-relative; `text`: what `file` was parsed from. */
  constructor(file: CodeownersFile, path: string, text: string) {
    super(codeownersConfig(file, path, text), file.flavor);
    // GitHub's reading is the model's own; GitLab's needs the resolver.
    if (file.flavor === 'gitlab') this.resolver = codeownersResolver(file);
    for (const rule of this.config.rules) if (rule.range) this.ruleOfLine.set(rule.range.line, rule);
  }

  override resolve(rawPath: string): Ownership {
    if (!this.resolver) return super.resolve(rawPath);
    const path = normalizePath(rawPath);
    const match = this.resolver.resolve(path);
    const last = match.entries[match.entries.length - 1];
    const rule = last && this.ruleOfLine.get(last.line);
    if (!rule) return { path, rule: undefined, pattern: undefined, roles: [], assignments: [], owners: [] };
    const assignments = match.owners.map((owner) => ({ role: owner, holders: [owner], fellBackTo: undefined }));
    return { path, rule, pattern: last.pattern, roles: match.owners, assignments, owners: match.owners };
  }

  override decidingRule(path: string, matches: readonly number[]): OwnershipRule | undefined {
    return this.resolver ? this.resolve(path).rule : super.decidingRule(path, matches);
  }
}

/**
 * Read a CODEOWNERS text at `path` (repository-relative) into a model, in the dialect
 * {@link codeownersDialect} gives it; `configured` is the dialect the user's settings name.
 */
export function readCodeownersModel(text: string, path: string, configured?: Flavor): CodeownersModel {
  const flavor = codeownersDialect(path, { text, configured });
  return new CodeownersModel(parseCodeowners(text, flavor), path, text);
}
