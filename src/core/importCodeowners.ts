/**
 * Turning an existing CODEOWNERS into `ops-roles.yaml`.
 *
 * Each team becomes one role named after it, and each group of individuals named together one
 * role named after what it owns (`importRoles.ts`); a line's rule names the roles that together
 * hold its owners. A built-in role replaces a team's own role only when the team's name or the
 * user says so, and the reason is written beside it. Every CODEOWNERS line becomes one rule, in
 * the same order, so last match wins the same way. Lines with no owners become rules of an
 * `unowned` role that nobody holds, with an empty fallback chain so those files stay unowned
 * instead of falling back to `devops-engineer`. The result is proved: parsed back and resolved
 * over every repository file, it must give each file exactly the owners the original
 * CODEOWNERS gives it.
 */
import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { parseCodeowners, type CodeownersEntry, type CodeownersFile } from './codeowners.js';
import { defaultCodeownersPath, flavorName } from './codeownersTarget.js';
import { checkPattern, CONFIG_FILE_NAME, parseConfig, type OpsRolesConfig } from './config.js';
import { OwnershipModel } from './ownership.js';
import { compareOwnership, describeDifference, modelReader, parsedCodeownersReader, type OwnershipProof } from './ownershipProof.js';
import type { Flavor } from './pattern.js';
import { lineSpan, makeProblem, type Problem } from './problems.js';
import { chooseImportRoles, UNOWNED_ROLE_ID, type ImportRoleChoice, type OwnerUnit, type RoleMapRequest } from './importRoles.js';
import { BUILTIN_ROLES } from './roles.js';
import { plural } from './text.js';
import { flowSeq, quoted } from './yamlNodes.js';

export { UNOWNED_ROLE_ID, type RoleMapRequest } from './importRoles.js';

/** Options for {@link importCodeowners}. */
export interface ImportOptions {
  /** How to read the CODEOWNERS (default GitHub). */
  readonly flavor?: Flavor;
  /** Where the CODEOWNERS stands in the repository (`.github/CODEOWNERS`), for comments and `codeowners.path`. */
  readonly sourcePath?: string;
  /** The user's word on which team or group holds which built-in role. */
  readonly map?: readonly RoleMapRequest[];
}

/** A role the import created or filled. */
export interface ImportedRole {
  readonly id: string;
  readonly holders: readonly string[];
  readonly builtin: boolean;
  /** A team's role, a group of individuals' role, or the role of lines without owners. */
  readonly kind: 'team' | 'group' | 'unowned';
  /** Why a built-in role was chosen; `undefined` for custom roles. */
  readonly reason: string | undefined;
  /** CODEOWNERS lines whose rules name this role. */
  readonly lines: readonly number[];
}

/** What {@link importCodeowners} produced. */
export interface ImportResult {
  /** The `ops-roles.yaml` text. */
  readonly text: string;
  readonly roles: readonly ImportedRole[];
  /** Rules written (one per CODEOWNERS line that could be represented). */
  readonly rules: number;
  /** Errors mean the result does not mean what the CODEOWNERS means: do not write it. */
  readonly problems: readonly Problem[];
  /** Original CODEOWNERS against the imported `ops-roles.yaml`, over every file. */
  readonly proof: OwnershipProof | undefined;
  /** `text` parsed back (what the proof used), when the import got that far. */
  readonly config: OpsRolesConfig | undefined;
  readonly ok: boolean;
}

/** Escape what `ops-roles.yaml` would read differently from GitHub: braces (alternatives) and brackets. */
function escapeForConfig(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      out += c + pattern[i + 1];
      i++;
    } else if (c === '{' || c === '}' || c === '[' || c === ']') out += '\\' + c;
    else out += c;
  }
  return out;
}

/**
 * A GitLab pattern in GitHub's (and so `ops-roles.yaml`'s) reading, or an error. GitLab floats
 * every pattern without a leading `/` (made explicit with `/**\/`) and reads a last `**` as `*`.
 * A pattern without a trailing `/` owns no directory contents on GitLab; GitHub's reading does,
 * which the proof catches if a repository directory has such a name.
 */
function fromGitlab(pattern: string): { pattern: string } | { error: string } {
  if (/(^|[^\\])\[/.test(pattern))
    return { error: `"${pattern}" has a bracket expression, which GitLab reads as a character class; ${CONFIG_FILE_NAME} reads brackets literally` };
  if (pattern === '*') return { pattern: '*' };
  let p = pattern.startsWith('/') ? pattern : '/**/' + pattern;
  p = p.replace(/\/\*\*$/, '/*');
  return { pattern: p };
}

function key(text: string, options: { spaceBefore?: boolean; comment?: string } = {}): Scalar {
  const node = new Scalar(text);
  if (options.spaceBefore) node.spaceBefore = true;
  if (options.comment) node.commentBefore = options.comment;
  return node;
}

const commentText = (lines: readonly string[]): string => lines.map((l) => (l ? ' ' + l : '')).join('\n');

/**
 * Import CODEOWNERS text as `ops-roles.yaml` text and prove it over `files`
 * (repository-relative paths). Never throws on user input.
 *
 * In steps sharing one {@link ImportRun}: read the CODEOWNERS and say what its dialect cannot
 * carry over, factor its owners into roles (`importRoles.ts`), give every line its roles and
 * pattern, write the YAML, prove it.
 */
export function importCodeowners(text: string, files: readonly string[], options: ImportOptions = {}): ImportResult {
  const run: ImportRun = { flavor: options.flavor ?? 'github', source: options.sourcePath ?? 'CODEOWNERS', sourcePath: options.sourcePath, problems: [] };
  const parsed = readCodeowners(run, text);
  const entries = parsed.entries.filter((e) => !e.exclusion);
  const choice = chooseImportRoles(entries, options.map ?? [], run.problems);
  const lines = entries.map((entry) => ({ entry, roles: lineRoles(choice, entry), pattern: configPattern(run, entry) }));
  const roles = importedRoles(choice, lines);
  const hasUnowned = roles.some((r) => r.kind === 'unowned');
  const { text: yamlText, rules } = writeConfig(run, text, roles, hasUnowned, lines);
  const { problems } = run;
  if (problems.some((p) => p.severity === 'error')) {
    return { text: yamlText, roles, rules, problems, proof: undefined, config: undefined, ok: false };
  }
  const { proof, config } = proveImport(run, parsed, yamlText, files);
  return { text: yamlText, roles, rules, problems, proof, config, ok: !problems.some((p) => p.severity === 'error') };
}

/** What every step of one import shares. */
interface ImportRun {
  readonly flavor: Flavor;
  /** The CODEOWNERS as comments and messages name it. */
  readonly source: string;
  /** Where it stands in the repository, when known. */
  readonly sourcePath: string | undefined;
  /** Every step reports here, in order. */
  readonly problems: Problem[];
}

/** One CODEOWNERS line as a rule: its roles, and its pattern in `ops-roles.yaml` (none when it cannot be written). */
interface ImportedLine {
  readonly entry: CodeownersEntry;
  readonly roles: readonly string[];
  readonly pattern: string | undefined;
}

/** The roles of a line's rule: its units' roles in the order the owners are written, or `unowned`. */
function lineRoles(choice: ImportRoleChoice, entry: CodeownersEntry): string[] {
  const units = choice.unitsOf.get(entry) ?? [];
  return units.length ? [...new Set(units.map((u) => choice.idOf.get(u)!))] : [UNOWNED_ROLE_ID];
}

/**
 * Read the CODEOWNERS in its dialect. Its own problems become warnings (the import keeps what
 * the host reads); what GitLab can say and `ops-roles.yaml` cannot is an error.
 */
function readCodeowners(run: ImportRun, text: string): CodeownersFile {
  const parsed = parseCodeowners(text, run.flavor);
  // One at a time: a hostile file has more problems than push(...list) takes arguments.
  for (const p of parsed.problems) {
    run.problems.push({
      ...p,
      severity: p.severity === 'error' ? ('warning' as const) : p.severity,
      message: `${p.message} (the import keeps what ${flavorName(run.flavor)} reads)`,
    });
  }
  if (run.flavor !== 'gitlab') return parsed;
  const sections = new Set(parsed.entries.map((e) => e.section));
  if (sections.size > 1) {
    const second = parsed.sections.find((s) => s.name !== parsed.entries[0]?.section);
    run.problems.push(
      makeProblem(
        'error',
        'gitlab-sections',
        `GitLab combines the owners of the last match in each section; ${CONFIG_FILE_NAME} gives a file the owners of one rule, so a CODEOWNERS with ${sections.size} sections cannot be imported as it is (merge them into one section first)`,
        lineSpan(second?.line ?? 1),
      ),
    );
  }
  for (const s of parsed.sections) {
    if (s.optional || s.approvals !== undefined)
      run.problems.push(
        makeProblem(
          'info',
          'gitlab-section-settings',
          `section "${s.name}": optional sections and approval counts have no place in ${CONFIG_FILE_NAME} and are not kept`,
          lineSpan(s.line),
        ),
      );
  }
  for (const e of parsed.entries.filter((x) => x.exclusion))
    run.problems.push(
      makeProblem('error', 'gitlab-exclusion', `"!${e.pattern}": exclusions cannot be expressed in ${CONFIG_FILE_NAME}`, lineSpan(e.line, e.column)),
    );
  return parsed;
}

/** A line's pattern as `ops-roles.yaml` writes it, or `undefined` (reported) when it cannot be. */
function configPattern(run: ImportRun, entry: CodeownersEntry): string | undefined {
  let pattern: string | undefined;
  if (run.flavor === 'gitlab') {
    const translated = fromGitlab(entry.pattern);
    if ('error' in translated) run.problems.push(makeProblem('error', 'unrepresentable-pattern', translated.error, lineSpan(entry.line, entry.column)));
    else pattern = escapeForConfig(translated.pattern);
  } else pattern = escapeForConfig(entry.pattern);
  if (pattern === undefined) return undefined;
  const errors = checkPattern(pattern).problems.filter((p) => p.severity === 'error');
  if (errors.length === 0) return pattern;
  run.problems.push(
    makeProblem(
      'error',
      'unrepresentable-pattern',
      `"${entry.pattern}" cannot be written in ${CONFIG_FILE_NAME}: ${errors.map((e) => e.message).join('; ')}`,
      lineSpan(entry.line, entry.column),
    ),
  );
  return undefined;
}

/** The roles, in the order a reader wants them: built-ins in catalog order, then the others as first seen, `unowned` last. */
function importedRoles(choice: ImportRoleChoice, lines: readonly ImportedLine[]): ImportedRole[] {
  // One pass, not a scan per role: a file may have thousands of both.
  const byRole = new Map<string, number[]>();
  for (const l of lines) {
    for (const id of l.roles) {
      const list = byRole.get(id) ?? [];
      list.push(l.entry.line);
      byRole.set(id, list);
    }
  }
  const linesOf = (id: string) => byRole.get(id) ?? [];
  const role = (u: OwnerUnit): ImportedRole => {
    const id = choice.idOf.get(u)!;
    return { id, holders: u.holders, builtin: choice.reasonOf.has(u), kind: u.kind, reason: choice.reasonOf.get(u), lines: linesOf(id) };
  };
  const builtins = BUILTIN_ROLES.flatMap((b) => choice.units.filter((u) => choice.reasonOf.has(u) && choice.idOf.get(u) === b.id).map(role));
  const roles = [...builtins, ...choice.units.filter((u) => !choice.reasonOf.has(u)).map(role)];
  const unowned = linesOf(UNOWNED_ROLE_ID);
  if (unowned.length) roles.push({ id: UNOWNED_ROLE_ID, holders: [], builtin: false, kind: 'unowned', reason: undefined, lines: unowned });
  return roles;
}

/** Write `ops-roles.yaml` with the yaml Document API, comments included. */
function writeConfig(
  run: ImportRun,
  text: string,
  roles: readonly ImportedRole[],
  hasUnowned: boolean,
  lines: readonly ImportedLine[],
): { text: string; rules: number } {
  const doc = new Document();
  const root = new YAMLMap();
  doc.contents = root;
  doc.commentBefore = commentText([
    `Imported from ${run.source} by "ops-roles import".`,
    'Each team became a role named after it, and each group of people named together a role',
    'named after what they own; a built-in role only where the team name or you said so (the',
    'reason is written beside it). Each CODEOWNERS line became one rule naming the roles that',
    'hold its owners, in the same order (the last matching rule wins, as in CODEOWNERS).',
    'Checked when written: every file of the repository resolves to exactly the owners',
    `${run.source} gave it.`,
  ]);
  root.items.push(new Pair(key('version'), new Scalar(1)));
  root.items.push(new Pair(key('roles', { spaceBefore: true }), rolesSection(run, roles, hasUnowned)));
  if (hasUnowned) {
    const comment = commentText([
      `Empty on purpose: a role nobody holds would otherwise fall back to devops-engineer, and the`,
      `files ${run.source} leaves unowned would get owners. Name a chain here once every role has holders.`,
    ]);
    root.items.push(new Pair(key('fallback', { spaceBefore: true, comment }), flowSeq([])));
  }
  const ownership = ownershipSection(text, lines);
  root.items.push(new Pair(key('ownership', { spaceBefore: true }), ownership));
  root.items.push(codeownersSection(run));
  return { text: doc.toString({ lineWidth: 0, flowCollectionPadding: false }), rules: ownership.items.length };
}

function rolesSection(run: ImportRun, roles: readonly ImportedRole[], hasUnowned: boolean): YAMLMap {
  const rolesMap = new YAMLMap();
  for (const role of roles.filter((r) => r.kind !== 'unowned')) {
    const comment = commentText([roleComment(role)]);
    rolesMap.items.push(new Pair(key(role.id, { comment }), flowSeq(role.holders.map(quoted))));
  }
  if (hasUnowned) {
    const unowned = new YAMLMap();
    unowned.items.push(new Pair(key('name'), new Scalar('Nobody (explicitly unowned)')));
    unowned.items.push(new Pair(key('description'), new Scalar(`Lines of ${run.source} that name no owner: the files they match have no code owner.`)));
    unowned.items.push(new Pair(key('holders'), flowSeq([])));
    rolesMap.items.push(
      new Pair(
        key(UNOWNED_ROLE_ID, {
          comment: commentText(['Lines that name no owner. Nobody holds this role, and the empty fallback chain below', 'keeps it that way.']),
        }),
        unowned,
      ),
    );
  }
  return rolesMap;
}

/** The line above a role: why a built-in role, or what a group of people owns. */
function roleComment(role: ImportedRole): string {
  if (role.builtin) return `${role.id}: ${role.holders.join(', ')}, because ${role.reason}`;
  const n = role.lines.length;
  const where = n === 1 ? `line ${role.lines[0]}` : n <= 5 ? `lines ${role.lines.join(', ')}` : `${n} lines, from line ${role.lines[0]}`;
  return role.kind === 'team' ? `${role.holders[0]}, named on ${where}` : `People named together on ${where}`;
}

/** One rule per line that could be written, with the comments above each line carried over. */
function ownershipSection(text: string, lines: readonly ImportedLine[]): YAMLSeq {
  const ownership = new YAMLSeq();
  const sourceLines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  let previousLine = 0;
  for (const { entry, roles, pattern } of lines) {
    const carried: string[] = [];
    for (let n = previousLine + 1; n < entry.line; n++) {
      const t = sourceLines[n - 1]!.trim();
      if (t.startsWith('#')) carried.push(t.replace(/^#+ ?/, ''));
    }
    previousLine = entry.line;
    if (pattern === undefined) continue;
    const item = new YAMLMap();
    if (carried.length) {
      item.commentBefore = commentText(carried);
      if (ownership.items.length > 0) item.spaceBefore = true;
    }
    item.items.push(new Pair(key('path'), quoted(pattern)));
    item.items.push(new Pair(key('roles'), flowSeq(roles.map((r) => new Scalar(r)))));
    ownership.items.push(item);
  }
  return ownership;
}

/** `codeowners:` pointing `generate` back at the imported file (its path only when not the default). */
function codeownersSection(run: ImportRun): Pair {
  const sourceIsDefault = run.sourcePath === undefined || run.sourcePath === defaultCodeownersPath(run.flavor);
  const settings = new YAMLMap();
  settings.items.push(new Pair(key('target'), new Scalar(run.flavor)));
  if (!sourceIsDefault) settings.items.push(new Pair(key('path'), new Scalar(run.sourcePath)));
  const comment = commentText([
    `"ops-roles generate" writes ${run.sourcePath ?? defaultCodeownersPath(run.flavor)} from this file (with --force the first time: it has no markers yet).`,
  ]);
  return new Pair(key('codeowners', { spaceBefore: true, comment }), settings);
}

/** The proof: read the result back as Ops Roles would, and compare with the original over every file. */
function proveImport(run: ImportRun, parsed: CodeownersFile, yamlText: string, files: readonly string[]): { proof: OwnershipProof; config: OpsRolesConfig } {
  const config = parseConfig(yamlText);
  for (const p of config.problems.filter((x) => x.severity === 'error')) {
    run.problems.push(makeProblem('error', 'invalid-result', `the imported ${CONFIG_FILE_NAME} would not be valid: line ${p.line}: ${p.message}`));
  }
  const original = parsedCodeownersReader(parsed);
  const proof = compareOwnership(files, (path) => original.resolve(path).owners, [modelReader(new OwnershipModel(config.config))]);
  if (!proof.ok) {
    const listed = proof.differences.slice(0, 5).map((d) => '  ' + describeDifference(d, run.source, `the imported ${CONFIG_FILE_NAME}`));
    run.problems.push(
      makeProblem(
        'error',
        'proof-failed',
        `the imported ${CONFIG_FILE_NAME} does not give ${plural(proof.differenceCount, 'file')} the owners ${run.source} gives; nothing is written. First differences:\n${listed.join('\n')}`,
      ),
    );
  }
  return { proof, config: config.config };
}
