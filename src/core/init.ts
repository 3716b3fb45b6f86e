/**
 * A starter `ops-roles.yaml` from a repository's layout: one rule per built-in role whose
 * typical paths (the catalog's `typicalPaths`) exist in the file list.
 *
 * Holders are left as empty lists with a TODO: a made-up handle would be a real owner request
 * on GitHub the moment someone generated CODEOWNERS, and an empty list is valid (a warning, not
 * an error). Until holders are filled in, roles fall back along the chain, and with nobody
 * anywhere the files stay unowned; the comments say so.
 */
import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { CONFIG_FILE_NAME } from './config.js';
import { compilePattern, normalizePath, type Flavor } from './pattern.js';
import { buildRuleIndex } from './ruleIndex.js';
import { BUILTIN_ROLES, DEFAULT_FALLBACK } from './roles.js';
import { flowSeq, quoted } from './yamlNodes.js';

/** A rule the starter proposes. */
export interface DetectedRule {
  readonly role: string;
  /** Patterns as written in the file (`/infra/` when only the root has it, else `infra/`). */
  readonly patterns: readonly string[];
  /** Files the patterns match now. */
  readonly files: number;
}

/** What {@link initConfig} produced. */
export interface InitResult {
  readonly text: string;
  readonly rules: readonly DetectedRule[];
  readonly target: Flavor;
}

/** Does the pattern float (no slash except a trailing one)? Then `/pattern` is its root-only form. */
function floats(pattern: string): boolean {
  return !pattern.replace(/\/$/, '').includes('/');
}

/**
 * Detect typical paths in `files` and write a starter `ops-roles.yaml`. A floating typical path
 * (`migrations/`) is written anchored (`/migrations/`) when every file it matches is at the
 * root's one, so the rule does not quietly claim same-named folders added deeper later.
 */
export function initConfig(files: readonly string[], options: { target?: Flavor } = {}): InitResult {
  const paths = files.map(normalizePath).filter(Boolean);
  const rules = detectRules(paths);
  const target = options.target ?? detectTarget(paths);
  const doc = new Document();
  const root = new YAMLMap();
  doc.contents = root;
  doc.commentBefore = [
    ` ${CONFIG_FILE_NAME}: who holds each operations role, and which roles own which paths.`,
    ' Written by "ops-roles init" from this repository\'s layout. Later rules win, as in CODEOWNERS;',
    ' patterns mean what they mean in a GitHub CODEOWNERS file.',
  ].join('\n');
  root.items.push(new Pair(new Scalar('version'), new Scalar(1)), rolesSection(), ownershipSection(rules), codeownersSection(target));
  return { text: doc.toString({ lineWidth: 0, flowCollectionPadding: false }), rules, target };
}

/** The built-in roles' typical paths that match files, one rule per role, in catalog order. */
function detectRules(paths: readonly string[]): DetectedRule[] {
  const candidates: { role: string; source: string; floating: boolean }[] = [];
  for (const role of BUILTIN_ROLES) for (const source of role.typicalPaths) candidates.push({ role: role.id, source, floating: floats(source) });
  // Each candidate twice: as written, and root-anchored; one index pass over the files.
  const compiled = candidates.flatMap((c) => [compilePattern(c.source), compilePattern(c.floating ? '/' + c.source : c.source)]);
  const index = buildRuleIndex(compiled);
  const matched = new Array<number>(compiled.length).fill(0);
  for (const path of paths) for (const i of index.allMatches(path)) matched[i]!++;

  const rules: DetectedRule[] = [];
  for (const role of BUILTIN_ROLES) {
    const patterns: string[] = [];
    let count = 0;
    candidates.forEach((c, i) => {
      if (c.role !== role.id) return;
      const asWritten = matched[2 * i]!;
      const atRoot = matched[2 * i + 1]!;
      if (asWritten === 0) return;
      patterns.push(c.floating && atRoot === asWritten ? '/' + c.source : c.source);
      count += asWritten;
    });
    if (patterns.length) rules.push({ role: role.id, patterns, files: count });
  }
  return rules;
}

/** GitLab only when the repository has GitLab's files and not GitHub's. */
function detectTarget(paths: readonly string[]): Flavor {
  const hasGithub = paths.some((p) => p.startsWith('.github/'));
  const hasGitlab = paths.some((p) => p === '.gitlab-ci.yml' || p.startsWith('.gitlab/'));
  return hasGitlab && !hasGithub ? 'gitlab' : 'github';
}

/** `roles:` with every built-in role, holders empty, and a comment saying what to fill in. */
function rolesSection(): Pair {
  const key = new Scalar('roles');
  key.spaceBefore = true;
  key.commentBefore = [
    ' TODO: fill in the holders of each role: "@user", "@org/team" or an e-mail address.',
    ` Until a role has holders, its paths fall back to ${DEFAULT_FALLBACK.join(', then ')};`,
    ' while nobody holds those either, the files stay unowned ("ops-roles validate" warns).',
  ].join('\n');
  const roles = new YAMLMap();
  for (const role of BUILTIN_ROLES) {
    const id = new Scalar(role.id);
    id.commentBefore = ` ${role.name}: ${role.description}`;
    roles.items.push(new Pair(id, flowSeq([])));
  }
  return new Pair(key, roles);
}

/** `ownership:` with the detected rules, or an empty list and an example when none was found. */
function ownershipSection(rules: readonly DetectedRule[]): Pair {
  const key = new Scalar('ownership');
  key.spaceBefore = true;
  const ownership = new YAMLSeq();
  if (rules.length === 0) {
    key.commentBefore =
      ' None of the paths the built-in roles typically own were found. Add rules such as\n   - path: "migrations/"\n     roles: [database-administrator]';
    ownership.flow = true;
  } else {
    key.commentBefore = ' Found in this repository. Add "*" first to give everything else a default owner.';
  }
  for (const rule of rules) {
    const paths = rule.patterns.map(quoted);
    const item = new YAMLMap();
    item.items.push(new Pair(new Scalar('path'), paths.length === 1 ? paths[0]! : flowSeq(paths)));
    item.items.push(new Pair(new Scalar('roles'), flowSeq([new Scalar(rule.role)])));
    ownership.items.push(item);
  }
  return new Pair(key, ownership);
}

/** `codeowners:` naming the target "ops-roles generate" writes for. */
function codeownersSection(target: Flavor): Pair {
  const key = new Scalar('codeowners');
  key.spaceBefore = true;
  key.commentBefore = ' Where "ops-roles generate" writes CODEOWNERS (target github or gitlab; optional "path").';
  const settings = new YAMLMap();
  settings.items.push(new Pair(new Scalar('target'), new Scalar(target)));
  return new Pair(key, settings);
}
