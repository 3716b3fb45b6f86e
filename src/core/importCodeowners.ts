/**
 * Turning an existing CODEOWNERS into `ops-roles.yaml`.
 *
 * Each distinct set of owners becomes the holders of one role. A built-in role is used where a
 * team name or the paths make it clear (a small keyword table, below); otherwise a custom role
 * named after its holders. Every CODEOWNERS line becomes one rule, in the same order, so last
 * match wins the same way. Lines with no owners become rules of an `unowned` role that nobody
 * holds, with an empty fallback chain so those files stay unowned instead of falling back to
 * `devops-engineer`. The result is proved: parsed back and resolved over every repository file,
 * it must give each file exactly the owners the original CODEOWNERS gives it.
 */
import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { parseCodeowners, type CodeownersEntry, type CodeownersFile } from './codeowners.js';
import { defaultCodeownersPath, flavorName } from './codeownersTarget.js';
import { checkPattern, CONFIG_FILE_NAME, parseConfig, type OpsRolesConfig } from './config.js';
import { OwnershipModel } from './ownership.js';
import { codeownersReader, compareOwnership, describeDifference, modelReader, type OwnershipProof } from './ownershipProof.js';
import type { Flavor } from './pattern.js';
import { lineSpan, makeProblem, type Problem } from './problems.js';
import { BUILTIN_ROLE_IDS, BUILTIN_ROLES } from './roles.js';
import { plural, pluralForm } from './text.js';

/** The role id that imported lines without owners get. */
export const UNOWNED_ROLE_ID = 'unowned';

/** Options for {@link importCodeowners}. */
export interface ImportOptions {
  /** How to read the CODEOWNERS (default GitHub). */
  readonly flavor?: Flavor;
  /** Where the CODEOWNERS stands in the repository (`.github/CODEOWNERS`), for comments and `codeowners.path`. */
  readonly sourcePath?: string;
}

/** A role the import created or filled. */
export interface ImportedRole {
  readonly id: string;
  readonly holders: readonly string[];
  readonly builtin: boolean;
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

/**
 * Path names that make a role clear: a whole path segment (lower-cased, wildcards and one
 * extension dropped: `release*.yml` counts as `release`) or a file extension. The last segment
 * with a hint decides (`.github/workflows/release*.yml` is the release manager's).
 */
const PATH_HINTS: readonly { role: string; names: readonly string[]; extensions: readonly string[] }[] = [
  {
    role: 'database-administrator',
    names: ['migrations', 'migration', 'db', 'database', 'databases', 'sql', 'schema', 'schemas', 'prisma', 'alembic'],
    extensions: ['.sql'],
  },
  { role: 'release-manager', names: ['deploy', 'deployment', 'deployments', 'release', 'releases'], extensions: [] },
  {
    role: 'tool-smith',
    names: ['.github', '.gitlab', '.gitlab-ci', '.circleci', '.buildkite', '.ci', 'ci', 'workflows', 'tools', 'tooling', 'scripts', 'makefile'],
    extensions: [],
  },
  { role: 'operations-engineer', names: ['infra', 'infrastructure', 'terraform', 'k8s', 'kubernetes', 'helm', 'ansible'], extensions: ['.tf'] },
];

/** Words in a team name (`@acme/dba`, `dba-oncall@acme.example`) that make a role clear. */
const TEAM_HINTS: readonly { role: string; words: readonly string[] }[] = [
  { role: 'database-administrator', words: ['dba', 'dbas', 'db', 'database', 'databases'] },
  { role: 'release-manager', words: ['release', 'releases', 'deploy', 'deployment', 'deployments'] },
  { role: 'tool-smith', words: ['tooling', 'tools', 'toolsmith', 'toolsmiths', 'ci', 'devtools'] },
  { role: 'operations-engineer', words: ['sre', 'infra', 'infrastructure'] },
  { role: 'devops-engineer', words: ['devops'] },
];

/** The built-in role a pattern's paths point to, and the segment that says so. */
export function pathHint(pattern: string): { role: string; because: string } | undefined {
  const segments = pattern.split('/').filter(Boolean);
  for (let i = segments.length - 1; i >= 0; i--) {
    const name = segments[i]!.toLowerCase()
      .replace(/\\(.)/g, '$1')
      .replace(/[*?[\]{}]/g, '');
    if (name === '' || name === '.') continue;
    const ext = /(\.[a-z0-9]+)$/.exec(name)?.[1];
    const base = ext && ext !== name ? name.slice(0, -ext.length) : name;
    for (const hint of PATH_HINTS) {
      if (hint.names.includes(name) || hint.names.includes(base) || (ext !== undefined && hint.extensions.includes(ext))) {
        return { role: hint.role, because: segments[i]! };
      }
    }
  }
  return undefined;
}

/** The built-in role a team or e-mail owner's name points to (`@user` handles never do). */
export function teamHint(owner: string): string | undefined {
  let name: string;
  if (owner.startsWith('@')) {
    const slash = owner.lastIndexOf('/');
    if (slash === -1) return undefined;
    name = owner.slice(slash + 1);
  } else name = owner.split('@')[0] ?? '';
  const words = name.toLowerCase().split(/[-_.+]+/);
  const roles = TEAM_HINTS.filter((h) => h.words.some((w) => words.includes(w))).map((h) => h.role);
  return roles.length === 1 ? roles[0] : undefined;
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

function slug(owner: string): string {
  const name = owner.startsWith('@') ? owner.slice(owner.lastIndexOf('/') + 1).replace(/^@/, '') : owner;
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A kebab-case role id named after the holders, unique among `taken`. */
function roleIdFor(owners: readonly string[], taken: Set<string>): string {
  let id = owners.slice(0, 2).map(slug).filter(Boolean).join('-');
  if (owners.length > 2) id += `-and-${owners.length - 2}-more`;
  if (!/^[a-z]/.test(id)) id = `owners-${id}`.replace(/-+$/, '');
  if (id.length > 60) id = id.slice(0, 60).replace(/-[^-]*$/, '');
  let unique = id;
  for (let n = 2; taken.has(unique); n++) unique = `${id}-${n}`;
  taken.add(unique);
  return unique;
}

function quoted(text: string): Scalar {
  const node = new Scalar(text);
  // Single quotes keep backslashes as written; double quotes would need them doubled.
  node.type = text.includes('\\') ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE;
  return node;
}

function flowSeq(items: readonly Scalar[]): YAMLSeq {
  const seq = new YAMLSeq();
  seq.flow = true;
  seq.items.push(...items);
  return seq;
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
 * In steps, each a function below sharing one {@link ImportRun}: read the CODEOWNERS and say
 * what its dialect cannot carry over, group its lines by owner set, give built-in roles to the
 * sets they fit, give every line its role and pattern, write the YAML, prove it.
 */
export function importCodeowners(text: string, files: readonly string[], options: ImportOptions = {}): ImportResult {
  const run: ImportRun = { flavor: options.flavor ?? 'github', source: options.sourcePath ?? 'CODEOWNERS', sourcePath: options.sourcePath, problems: [] };
  const parsed = readCodeowners(run, text);
  const entries = parsed.entries.filter((e) => !e.exclusion);
  const { sets, setOf } = groupOwnerSets(run, entries);
  const builtins = chooseBuiltinRoles(sets);
  const { lines, customRoles, roleLines } = assignRoles(run, entries, setOf, builtins);
  const roles = importedRoles(builtins, customRoles, roleLines);
  const hasUnowned = roleLines.has(UNOWNED_ROLE_ID);
  const { text: yamlText, rules } = writeConfig(run, text, roles, hasUnowned, lines);
  const roleList: ImportedRole[] = hasUnowned
    ? [...roles, { id: UNOWNED_ROLE_ID, holders: [], builtin: false, reason: undefined, lines: roleLines.get(UNOWNED_ROLE_ID)! }]
    : roles;
  const { problems } = run;
  if (problems.some((p) => p.severity === 'error')) {
    return { text: yamlText, roles: roleList, rules, problems, proof: undefined, config: undefined, ok: false };
  }
  const { proof, config } = proveImport(run, text, yamlText, files);
  return { text: yamlText, roles: roleList, rules, problems, proof, config, ok: !problems.some((p) => p.severity === 'error') };
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

/** A distinct set of owners, in the order first seen, and what its lines say about its role. */
interface OwnerSet {
  readonly holders: readonly string[];
  /** The built-in role its team names point to, when they all agree. */
  readonly teamRole: string | undefined;
  readonly pathVotes: Map<string, number>;
  readonly pathExamples: Map<string, string[]>;
}

/** A built-in role given to an owner set, and why. */
interface BuiltinChoice {
  readonly set: OwnerSet;
  readonly reason: string;
}

/** One CODEOWNERS line as a rule: its role, and its pattern in `ops-roles.yaml` (none when it cannot be written). */
interface ImportedLine {
  readonly entry: CodeownersEntry;
  readonly role: string;
  readonly pattern: string | undefined;
}

/**
 * Read the CODEOWNERS in its dialect. Its own problems become warnings (the import keeps what
 * the host reads); what GitLab can say and `ops-roles.yaml` cannot is an error.
 */
function readCodeowners(run: ImportRun, text: string): CodeownersFile {
  const parsed = parseCodeowners(text, run.flavor);
  run.problems.push(
    ...parsed.problems.map((p) => ({
      ...p,
      severity: p.severity === 'error' ? ('warning' as const) : p.severity,
      message: `${p.message} (the import keeps what ${flavorName(run.flavor)} reads)`,
    })),
  );
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

/** Group lines by their set of owners (order ignored), counting what their paths point to. Lines without owners belong to no set. */
function groupOwnerSets(
  run: ImportRun,
  entries: readonly CodeownersEntry[],
): { sets: Map<string, OwnerSet>; setOf: Map<CodeownersEntry, OwnerSet | undefined> } {
  const sets = new Map<string, OwnerSet>();
  const setOf = new Map<CodeownersEntry, OwnerSet | undefined>();
  for (const entry of entries) {
    const holders = [...new Set(entry.owners)];
    const badHolders = holders.filter((h) => h.startsWith('@@'));
    if (badHolders.length)
      run.problems.push(
        makeProblem(
          'error',
          'gitlab-role-owner',
          `${badHolders.join(', ')}: GitLab role owners cannot be holders in ${CONFIG_FILE_NAME}`,
          lineSpan(entry.line, entry.column),
        ),
      );
    if (holders.length === 0) {
      setOf.set(entry, undefined);
      continue;
    }
    const key = [...holders].sort().join(' ');
    let set = sets.get(key);
    if (!set) {
      const hints = holders.filter((h) => h.includes('/') || !h.startsWith('@')).map(teamHint);
      const teamRole = hints.length > 0 && hints.every((h) => h !== undefined && h === hints[0]) ? hints[0] : undefined;
      set = { holders, teamRole, pathVotes: new Map(), pathExamples: new Map() };
      sets.set(key, set);
    }
    const hint = pathHint(entry.pattern);
    if (hint) {
      set.pathVotes.set(hint.role, (set.pathVotes.get(hint.role) ?? 0) + 1);
      const examples = set.pathExamples.get(hint.role) ?? [];
      if (examples.length < 3) examples.push(entry.pattern);
      set.pathExamples.set(hint.role, examples);
    }
    setOf.set(entry, set);
  }
  return { sets, setOf };
}

/**
 * Each built-in role goes to at most one owner set: a team named for it first, else the set
 * with the most lines whose paths point to it (the first seen on a tie).
 */
function chooseBuiltinRoles(sets: ReadonlyMap<string, OwnerSet>): Map<string, BuiltinChoice> {
  const chosen = new Map<string, BuiltinChoice>();
  for (const role of BUILTIN_ROLES) {
    const byTeam = [...sets.values()].find((s) => s.teamRole === role.id);
    if (byTeam) {
      chosen.set(role.id, { set: byTeam, reason: `${pluralForm(byTeam.holders.length, 'team name', 'team names')} ${byTeam.holders.join(', ')}` });
      continue;
    }
    let best: OwnerSet | undefined;
    for (const s of sets.values()) {
      if (s.teamRole) continue;
      const votes = s.pathVotes.get(role.id) ?? 0;
      if (votes > 0 && (!best || votes > (best.pathVotes.get(role.id) ?? 0))) best = s;
    }
    if (best) {
      const votes = best.pathVotes.get(role.id)!;
      chosen.set(role.id, { set: best, reason: `paths such as ${best.pathExamples.get(role.id)!.join(', ')} (${plural(votes, 'line')})` });
    }
  }
  return chosen;
}

/** Give every line its role (built-in, custom, or `unowned`) and its pattern as `ops-roles.yaml` reads it. */
function assignRoles(
  run: ImportRun,
  entries: readonly CodeownersEntry[],
  setOf: ReadonlyMap<CodeownersEntry, OwnerSet | undefined>,
  builtins: ReadonlyMap<string, BuiltinChoice>,
): { lines: ImportedLine[]; customRoles: Map<OwnerSet, string>; roleLines: Map<string, number[]> } {
  const taken = new Set<string>([...BUILTIN_ROLE_IDS, UNOWNED_ROLE_ID]);
  const customRoles = new Map<OwnerSet, string>();
  const roleLines = new Map<string, number[]>();
  const lines: ImportedLine[] = [];
  for (const entry of entries) {
    const set = setOf.get(entry);
    let role: string;
    if (!set) role = UNOWNED_ROLE_ID;
    else if (set.teamRole && builtins.get(set.teamRole)?.set === set) role = set.teamRole;
    else {
      const hint = pathHint(entry.pattern);
      if (hint && builtins.get(hint.role)?.set === set) role = hint.role;
      else {
        let id = customRoles.get(set);
        if (!id) customRoles.set(set, (id = roleIdFor(set.holders, taken)));
        role = id;
      }
    }
    const forRole = roleLines.get(role) ?? [];
    forRole.push(entry.line);
    roleLines.set(role, forRole);
    lines.push({ entry, role, pattern: configPattern(run, entry) });
  }
  return { lines, customRoles, roleLines };
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

/** The roles, in the order a reader wants them: built-ins, then custom (`unowned` is added last by the caller). */
function importedRoles(
  builtins: ReadonlyMap<string, BuiltinChoice>,
  customRoles: ReadonlyMap<OwnerSet, string>,
  roleLines: ReadonlyMap<string, number[]>,
): ImportedRole[] {
  const roles: ImportedRole[] = [];
  for (const role of BUILTIN_ROLES) {
    const held = builtins.get(role.id);
    if (held && roleLines.has(role.id))
      roles.push({ id: role.id, holders: held.set.holders, builtin: true, reason: held.reason, lines: roleLines.get(role.id)! });
  }
  for (const [set, id] of customRoles) roles.push({ id, holders: set.holders, builtin: false, reason: undefined, lines: roleLines.get(id) ?? [] });
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
    'Each set of owners became the holders of a role: a built-in role where a team name or the',
    'paths made the role clear, otherwise a custom role named after its holders. Each CODEOWNERS',
    'line became one rule, in the same order (the last matching rule wins, as in CODEOWNERS).',
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
  for (const role of roles) {
    const comment = role.builtin ? commentText([`${role.id}: chosen because of ${role.reason}`]) : undefined;
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

/** One rule per line that could be written, with the comments above each line carried over. */
function ownershipSection(text: string, lines: readonly ImportedLine[]): YAMLSeq {
  const ownership = new YAMLSeq();
  const sourceLines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  let previousLine = 0;
  for (const { entry, role, pattern } of lines) {
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
    item.items.push(new Pair(key('roles'), flowSeq([new Scalar(role)])));
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
function proveImport(run: ImportRun, text: string, yamlText: string, files: readonly string[]): { proof: OwnershipProof; config: OpsRolesConfig } {
  const config = parseConfig(yamlText);
  for (const p of config.problems.filter((x) => x.severity === 'error')) {
    run.problems.push(makeProblem('error', 'invalid-result', `the imported ${CONFIG_FILE_NAME} would not be valid: line ${p.line}: ${p.message}`));
  }
  const original = codeownersReader(text, run.flavor);
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
