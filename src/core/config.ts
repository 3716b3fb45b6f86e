/**
 * Reading `ops-roles.yaml`: roles and their holders, ownership rules, the fallback chain and
 * CODEOWNERS output settings. Every problem comes back as data with a position; nothing here
 * throws on user input.
 */
import {
  Composer,
  Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  Parser,
  visit,
  YAMLParseError,
  type Alias,
  type CST,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';
import { isGitlabRoleOwner, isOwnerToken, roleOwnerRefusal } from './codeowners.js';
import { checkCodeownersPath } from './codeownersTarget.js';
import { characterClassLike, expandBraces, MAX_PATTERN_LENGTH, type Flavor } from './pattern.js';
import { fallbackRole } from './fallback.js';
import { readPlainYaml } from './plainYaml.js';
import { makeProblem, type Problem, type Severity } from './problems.js';
import { BUILTIN_ROLES, DEFAULT_FALLBACK, displayNameFromId, isRoleId, suggest, type RoleInfo, type SuggestBudget } from './roles.js';

/** The file name Ops Roles looks for at a workspace folder's root. */
export const CONFIG_FILE_NAME = 'ops-roles.yaml';
/** Larger files are refused before parsing: no real ownership file comes near it. */
export const MAX_CONFIG_BYTES = 5 * 1024 * 1024;
/** Alias expansions allowed while reading (YAML "billion laughs" protection). */
export const MAX_ALIAS_COUNT = 100;
/**
 * Values that aliases may bring in, over the whole file: each alias costs the size of what it
 * names, so a hundred aliases to one long list cannot multiply the work a hundredfold.
 */
export const MAX_ALIAS_NODES = 10_000;
/** Edit-distance work allowed for "did you mean" hints in one file; later problems go without. */
export const MAX_SUGGESTION_WORK = 2_000_000;
/** Deepest nesting of mappings and lists accepted; real files stay under ten. */
export const MAX_NESTING_DEPTH = 64;

/** A 1-based source range (end exclusive). */
export interface SourceRange {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** 0-based character offsets into the text. */
  readonly offset: number;
  readonly endOffset: number;
}

/** A role with its holders, as the file defines it (built-in roles exist even when unlisted). */
export interface RoleDefinition extends RoleInfo {
  /** `@user`, `@org/team` or e-mail addresses; may be empty (then the fallback chain applies). */
  readonly holders: readonly string[];
  /** Where the role's key stands, when the file lists it. */
  readonly range: SourceRange | undefined;
  /** Where each holder stands, parallel to `holders`. */
  readonly holderRanges: readonly (SourceRange | undefined)[];
}

/** One pattern of a rule, with its `{a,b}` alternatives expanded. */
export interface RulePattern {
  /** As written in `ops-roles.yaml`. */
  readonly source: string;
  /** Plain CODEOWNERS patterns it stands for. */
  readonly expanded: readonly string[];
  readonly range: SourceRange | undefined;
}

/** One ownership rule. Later rules win, as in CODEOWNERS. */
export interface OwnershipRule {
  /** Position in `ownership` (0-based). */
  readonly index: number;
  readonly patterns: readonly RulePattern[];
  /** Role ids in the order written; unknown ids are dropped (and reported). */
  readonly roles: readonly string[];
  /** The whole rule's range (the list item, or the mapping entry in the shorthand). */
  readonly range: SourceRange | undefined;
  readonly roleRanges: readonly (SourceRange | undefined)[];
}

/** Where and how to write CODEOWNERS. */
export interface CodeownersSettings {
  readonly target: Flavor | undefined;
  readonly path: string | undefined;
}

/** Everything `ops-roles.yaml` says, with defaults filled in. */
export interface OpsRolesConfig {
  readonly version: number;
  /** Every role: the six built-ins first (in catalog order), then custom roles as written. */
  readonly roles: ReadonlyMap<string, RoleDefinition>;
  readonly rules: readonly OwnershipRule[];
  /** The fallback chain for roles nobody holds. */
  readonly fallback: readonly string[];
  readonly fallbackRange: SourceRange | undefined;
  readonly codeowners: CodeownersSettings;
  /**
   * Set when there is no `ops-roles.yaml` and this config stands for a CODEOWNERS file
   * (`codeownersModel.ts`): each owner is a role of its own and each line a rule.
   */
  readonly codeownersSource?: CodeownersSource;
}

/** The CODEOWNERS a config was made from: its repository-relative path and dialect. */
export interface CodeownersSource {
  readonly path: string;
  readonly flavor: Flavor;
}

/** The result of reading a config: always a usable config, plus the problems found. */
export interface ParsedConfig {
  readonly config: OpsRolesConfig;
  readonly problems: readonly Problem[];
}

const TOP_KEYS = ['version', 'roles', 'ownership', 'fallback', 'codeowners'] as const;
const ROLE_KEYS = ['name', 'description', 'responsibilities', 'holders'] as const;
const RULE_KEYS = ['path', 'paths', 'roles', 'role'] as const;
const CODEOWNERS_KEYS = ['target', 'path'] as const;

/** An empty config: the built-in roles with no holders, no rules, the default fallback. */
export function emptyConfig(): OpsRolesConfig {
  const roles = new Map<string, RoleDefinition>();
  for (const role of BUILTIN_ROLES) roles.set(role.id, { ...role, holders: [], range: undefined, holderRanges: [] });
  return { version: 1, roles, rules: [], fallback: DEFAULT_FALLBACK, fallbackRange: undefined, codeowners: { target: undefined, path: undefined } };
}

/**
 * Parse `ops-roles.yaml` text. Accepts the list form of `ownership` (`- path: … roles: […]`)
 * and the shorthand mapping (`"migrations/**": [database-administrator]`).
 *
 * The work is done by readers, one per part of the file (the YAML document, the top-level
 * keys, roles, CODEOWNERS settings, rules, then checks across them), which share one
 * {@link ConfigReader}: positions, the problem list, alias expansion and the hint budget.
 */
export function parseConfig(text: string): ParsedConfig {
  if (text.length > MAX_CONFIG_BYTES) {
    return {
      config: emptyConfig(),
      problems: [makeProblem('error', 'file-too-large', `${CONFIG_FILE_NAME} is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MB; refusing to read it`)],
    };
  }
  const read = readDocument(text);
  if ('refused' in read) return { config: emptyConfig(), problems: [read.refused] };
  const r = new ConfigReader(read.doc, read.lines);
  const root = r.deref(read.doc.contents);
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { config: emptyConfig(), problems: r.problems };
  if (!isMap(root)) {
    r.report('error', 'not-a-mapping', `${CONFIG_FILE_NAME} must be a mapping with "roles" and "ownership"`, root);
    return { config: emptyConfig(), problems: r.problems };
  }

  const top = readTopLevel(r, root);
  // Roles are known now; references to them can be checked.
  const checkRole = roleReferenceChecker(r, top.roles);
  const fallback =
    top.fallbackNodes.length > 0 || top.fallbackRange ? top.fallbackNodes.filter((f) => checkRole(f, 'fallback')).map((f) => f.value) : DEFAULT_FALLBACK;
  const rules = readRules(r, top.ownership, checkRole);
  reportRepeatedPatterns(r, rules);
  reportVacantRoles(r, top.roles, fallback);
  reportUnlistedRoles(r, rules, top.roles, fallback);
  reportRoleOwners(r, top.roles, top.codeowners.target);

  const problems = r.problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { config: { version: top.version, roles: top.roles, rules, fallback, fallbackRange: top.fallbackRange, codeowners: top.codeowners }, problems };
}

/** A text value of the file with the node it came from (for positions). */
interface Located {
  readonly value: string;
  readonly node: Node;
}

/** A source range from 0-based offsets, through the document's line counter. */
function rangeAt(lines: LineCounter, offset: number, endOffset: number): SourceRange {
  const starts = lines.lineStarts;
  const end = Math.max(offset, endOffset);
  const line = lineOf(starts, offset);
  const endLine = end > offset ? lineOf(starts, end) : line;
  // Line 0 (no line known) gives the offset as the column, as LineCounter.linePos does.
  const column = line === 0 ? offset : offset - starts[line - 1]! + 1;
  const endColumn = endLine === 0 ? end : end - starts[endLine - 1]! + 1;
  return { line, column, endLine, endColumn, offset, endOffset };
}

/** The 1-based line holding `offset`, as `LineCounter.linePos` finds it, without two objects per range. */
function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (starts[mid]! <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The YAML document reader: the text parsed (a BOM dropped, as editors drop it from the text
 * they show, so positions agree), or the one problem that refuses it.
 */
function readDocument(text: string): { readonly doc: Document.Parsed; readonly lines: LineCounter } | { readonly refused: Problem } {
  const lines = new LineCounter();
  const source = text.replace(/^\uFEFF/, '');
  try {
    const read = readYaml(source, lines);
    if (typeof read !== 'number') return { doc: read, lines };
    const message = `mappings and lists nest more than ${MAX_NESTING_DEPTH} levels deep; refusing to read ${CONFIG_FILE_NAME}`;
    return { refused: makeProblem('error', 'too-deep', message, rangeAt(lines, read, read + 1)) };
  } catch (error) {
    return { refused: makeProblem('error', 'yaml-syntax', `YAML could not be read: ${(error as Error).message}`) };
  }
}

/**
 * What the readers of one file share: positions, the one problem list every reader reports to,
 * alias expansion within its budgets, and the budget for "did you mean" hints. The budgets
 * are the file's, not a reader's: a hostile file cannot spend them once per section.
 */
class ConfigReader {
  readonly problems: Problem[] = [];
  private aliasBudget = MAX_ALIAS_COUNT;
  private aliasNodes = MAX_ALIAS_NODES;
  private readonly sizes = new Map<unknown, number>();
  private targets: Map<Alias, Node | undefined> | undefined;
  private readonly hintBudget: SuggestBudget = { cells: MAX_SUGGESTION_WORK };

  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {
    for (const error of doc.errors) this.problems.push(makeProblem('error', 'yaml-syntax', error.message.split('\n')[0]!, this.at(error.pos[0], error.pos[1])));
    for (const warning of doc.warnings)
      this.problems.push(makeProblem('warning', 'yaml-warning', warning.message.split('\n')[0]!, this.at(warning.pos[0], warning.pos[1])));
  }

  at(offset: number, endOffset: number): SourceRange {
    return rangeAt(this.lines, offset, endOffset);
  }

  rangeOf(node: Node | null | undefined): SourceRange | undefined {
    return node?.range ? this.at(node.range[0], node.range[1]) : undefined;
  }

  /** Report a problem at `node` (at the start of the file when it has no position). */
  report(
    severity: Severity,
    code: string,
    message: string,
    node: { range?: [number, number, number] | null } | undefined | null,
    data?: Record<string, string>,
  ): void {
    this.problems.push(makeProblem(severity, code, message, node?.range ? this.at(node.range[0], node.range[1]) : this.at(0, 0), data));
  }

  /** The closest of `known` to `wanted`, while the file's hint budget lasts. */
  hint(wanted: string, known: readonly string[]): string | undefined {
    return suggest(wanted, known, this.hintBudget);
  }

  /** Follow an alias one step (a bounded number of times in all); never recursively. */
  deref(node: unknown): Node | null {
    if (!isAlias(node)) return (node as Node | null) ?? null;
    if (--this.aliasBudget < 0) {
      this.report('error', 'too-many-aliases', `more than ${MAX_ALIAS_COUNT} aliases; refusing to expand them`, node);
      return null;
    }
    const target = this.resolveAlias(node);
    if (target === undefined) {
      // The yaml package leaves this to toJS; read as nothing, a typo would drop holders silently.
      this.report('error', 'unknown-alias', `alias "*${node.source}" names no anchor defined before it`, node);
      return null;
    }
    if (isAlias(target)) return null;
    // 100 aliases to a list of 20 000 holders made 2 000 000 duplicate-holder warnings.
    if (target && (this.aliasNodes -= nodeCount(target, this.sizes)) < 0) {
      this.report('error', 'too-many-aliases', `aliases bring in more than ${MAX_ALIAS_NODES} values; refusing to expand them`, node);
      return null;
    }
    return (target as Node | undefined) ?? null;
  }

  /**
   * What `alias.resolve(doc)` returns (the last node anchored with its name before it), from one
   * walk for all aliases: resolve walks the whole document on every call.
   */
  private resolveAlias(alias: Alias): Node | undefined {
    if (!this.targets) {
      const found = new Map<Alias, Node | undefined>();
      const anchored = new Map<string, Node>();
      visit(this.doc, {
        Node: (_key, node) => {
          if (isAlias(node)) found.set(node, anchored.get(node.source));
          else if (node.anchor) anchored.set(node.anchor, node);
        },
      });
      this.targets = found;
    }
    return this.targets.get(alias);
  }

  /** A key as text; anything else (a list, a mapping, `true`) is reported. */
  keyText(pair: Pair): string | undefined {
    const key = pair.key;
    if (isScalar(key) && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
    this.report('error', 'bad-key', 'keys must be plain text', key as Node);
    return undefined;
  }

  unknownKey(pair: Pair, name: string, known: readonly string[], where: string): void {
    const hint = this.hint(name, known);
    this.report(
      'error',
      'unknown-key',
      `unknown key "${name}" in ${where}${hint ? `; did you mean "${hint}"?` : ''} (known: ${known.join(', ')})`,
      pair.key as Node,
      hint ? { suggestion: hint } : undefined,
    );
  }

  /** A string or list of strings (aliases followed once). */
  stringList(node: unknown, what: string): Located[] {
    const n = this.deref(node);
    if (n === null) return [];
    if (isScalar(n)) {
      if (n.value === null) return [];
      if (typeof n.value === 'string') return [{ value: n.value, node: n }];
      this.report('error', 'wrong-type', `${what} must be text, not ${typeof n.value}`, n);
      return [];
    }
    if (isSeq(n)) {
      const out: Located[] = [];
      for (const item of n.items) {
        const i = this.deref(item);
        if (i && isScalar(i) && typeof i.value === 'string') out.push({ value: i.value, node: i });
        else if (i && isSeq(i)) for (const nested of this.stringList(i, what)) out.push(nested);
        else this.report('error', 'wrong-type', `each ${what} must be text`, (i ?? n) as Node);
      }
      return out;
    }
    this.report('error', 'wrong-type', `${what} must be text or a list of text`, n);
    return [];
  }
}

/** What the top-level keys say, before references between them are checked. */
interface TopLevel {
  version: number;
  readonly roles: Map<string, RoleDefinition>;
  fallbackNodes: Located[];
  fallbackRange: SourceRange | undefined;
  readonly codeowners: { target: Flavor | undefined; path: string | undefined };
  ownership: Node | null;
}

/** The top-level reader: hands each key to its reader. A repeated key reads again over the first. */
function readTopLevel(r: ConfigReader, root: YAMLMap): TopLevel {
  const top: TopLevel = {
    version: 1,
    roles: new Map(emptyConfig().roles),
    fallbackNodes: [],
    fallbackRange: undefined,
    codeowners: { target: undefined, path: undefined },
    ownership: null,
  };
  for (const pair of root.items) {
    const key = r.keyText(pair);
    if (key === undefined) continue;
    const value = r.deref(pair.value);
    switch (key) {
      case 'version':
        if (!isScalar(value) || value.value !== 1) r.report('error', 'bad-version', 'version must be 1', (value ?? pair.key) as Node);
        else top.version = 1;
        break;
      case 'roles':
        readRoles(r, value, top.roles);
        break;
      case 'ownership':
        top.ownership = value;
        break;
      case 'fallback':
        top.fallbackNodes = r.stringList(pair.value, 'fallback role');
        top.fallbackRange = r.rangeOf(value);
        break;
      case 'codeowners':
        readCodeownersSettings(r, pair, value, top.codeowners);
        break;
      default:
        r.unknownKey(pair, key, TOP_KEYS, CONFIG_FILE_NAME);
    }
  }
  return top;
}

/** The roles reader: each entry of `roles` into `roles` (the built-ins are there already). */
function readRoles(r: ConfigReader, value: Node | null, roles: Map<string, RoleDefinition>): void {
  if (value === null || (isScalar(value) && value.value === null)) return;
  if (!isMap(value)) {
    r.report('error', 'wrong-type', '"roles" must be a mapping of role id to holders', value);
    return;
  }
  for (const rolePair of value.items) readRole(r, rolePair, roles);
}

/** One role: `id: [holders]`, or `id: {name, description, responsibilities, holders}`. */
function readRole(r: ConfigReader, rolePair: Pair, roles: Map<string, RoleDefinition>): void {
  const id = r.keyText(rolePair);
  if (id === undefined) return;
  const keyNode = rolePair.key as Node;
  if (!isRoleId(id)) {
    const builtinClash = BUILTIN_ROLES.find((role) => role.id === id.toLowerCase());
    const message = builtinClash
      ? `role id "${id}" differs from the built-in "${builtinClash.id}" only in case; write "${builtinClash.id}"`
      : `role id "${id}" must be lower-case words joined by "-" (like "security-reviewer")`;
    r.report('error', 'bad-role-id', message, keyNode, builtinClash ? { suggestion: builtinClash.id } : undefined);
    return;
  }
  if (roles.get(id)?.range) {
    r.report('error', 'duplicate-role', `role "${id}" is defined twice`, keyNode);
    return;
  }
  const known: RoleInfo = BUILTIN_ROLES.find((role) => role.id === id) ?? {
    id,
    name: displayNameFromId(id),
    description: '',
    responsibilities: [],
    typicalPaths: [],
    builtin: false,
  };
  const roleValue = r.deref(rolePair.value);
  const { info, holderItems } = isMap(roleValue) ? readRoleFields(r, id, roleValue, known) : { info: known, holderItems: r.stringList(roleValue, 'holder') };
  const { holders, holderRanges } = readHolders(r, id, holderItems);
  roles.set(id, { ...info, holders, range: r.rangeOf(keyNode), holderRanges });
}

/** The long form of a role: its fields over what is known of it, and its holders as written. */
function readRoleFields(r: ConfigReader, id: string, value: YAMLMap, known: RoleInfo): { info: RoleInfo; holderItems: Located[] } {
  let holderItems: Located[] = [];
  const fields: { name?: string; description?: string; responsibilities?: string[] } = {};
  for (const fieldPair of value.items) {
    const field = r.keyText(fieldPair);
    if (field === undefined) continue;
    if (!(ROLE_KEYS as readonly string[]).includes(field)) {
      r.unknownKey(fieldPair, field, ROLE_KEYS, `role "${id}"`);
      continue;
    }
    if (field === 'holders') holderItems = r.stringList(fieldPair.value, 'holder');
    else if (field === 'responsibilities') fields.responsibilities = r.stringList(fieldPair.value, 'responsibility').map((s) => s.value);
    else {
      const v = r.deref(fieldPair.value);
      if (isScalar(v) && typeof v.value === 'string') fields[field as 'name' | 'description'] = v.value;
      else r.report('error', 'wrong-type', `"${field}" must be text`, (v ?? fieldPair.key) as Node);
    }
  }
  const info = {
    ...known,
    name: fields.name ?? known.name,
    description: fields.description ?? known.description,
    responsibilities: fields.responsibilities ?? known.responsibilities,
  };
  return { info, holderItems };
}

/** A role's holders: owner tokens only, each once. */
function readHolders(r: ConfigReader, id: string, items: readonly Located[]): { holders: string[]; holderRanges: (SourceRange | undefined)[] } {
  const holders: string[] = [];
  const holderRanges: (SourceRange | undefined)[] = [];
  // A set, not holders.includes: a role may list tens of thousands of holders.
  const listed = new Set<string>();
  for (const item of items) {
    if (!isOwnerToken(item.value) && !isGitlabRoleOwner(item.value)) {
      const what = item.value.startsWith('@@') ? "one of GitLab's role owners (@@developer, @@maintainer, @@owner)" : '@user, @org/team or an e-mail address';
      r.report('error', 'bad-holder', `holder "${item.value}" of role "${id}" is not ${what}`, item.node);
      continue;
    }
    if (listed.has(item.value)) {
      r.report('warning', 'duplicate-holder', `"${item.value}" is listed twice for role "${id}"`, item.node);
      continue;
    }
    listed.add(item.value);
    holders.push(item.value);
    holderRanges.push(r.rangeOf(item.node));
  }
  return { holders, holderRanges };
}

/** The CODEOWNERS settings reader: `codeowners: {target, path}` into `settings`. */
function readCodeownersSettings(r: ConfigReader, pair: Pair, value: Node | null, settings: TopLevel['codeowners']): void {
  if (!isMap(value)) {
    r.report('error', 'wrong-type', '"codeowners" must be a mapping with "target" and "path"', value ?? (pair.key as Node));
    return;
  }
  for (const fieldPair of value.items) {
    const field = r.keyText(fieldPair);
    if (field === undefined) continue;
    const v = r.deref(fieldPair.value);
    if (field === 'target') {
      if (isScalar(v) && (v.value === 'github' || v.value === 'gitlab')) settings.target = v.value;
      else r.report('error', 'bad-target', 'codeowners.target must be "github" or "gitlab"', (v ?? fieldPair.key) as Node);
    } else if (field === 'path') {
      if (isScalar(v) && typeof v.value === 'string' && v.value.trim() !== '') {
        const checked = checkCodeownersPath(v.value, 'codeowners.path');
        if (checked.ok) settings.path = checked.path;
        else r.report('error', 'bad-output-path', checked.message, v);
      } else r.report('error', 'wrong-type', 'codeowners.path must be text', (v ?? fieldPair.key) as Node);
    } else r.unknownKey(fieldPair, field, CODEOWNERS_KEYS, '"codeowners"');
  }
}

/** Is a role reference one the file knows? Reports an unknown one, with a hint when one is close. */
type RoleCheck = (item: Located, where: string) => boolean;

function roleReferenceChecker(r: ConfigReader, roles: ReadonlyMap<string, RoleDefinition>): RoleCheck {
  const roleIds = [...roles.keys()];
  return (item, where) => {
    if (roles.has(item.value)) return true;
    const hint = r.hint(item.value, roleIds);
    r.report('error', 'unknown-role', `unknown role "${item.value}" in ${where}${hint ? `; did you mean "${hint}"?` : ''}`, item.node, {
      role: item.value,
      ...(hint ? { suggestion: hint } : {}),
    });
    return false;
  };
}

/** The rules reader: `ownership` as a list of rules, or as the shorthand mapping of pattern to roles. */
function readRules(r: ConfigReader, ownership: Node | null, checkRole: RoleCheck): OwnershipRule[] {
  const rules: OwnershipRule[] = [];
  if (ownership === null || (isScalar(ownership) && ownership.value === null)) return rules;
  if (isSeq(ownership)) {
    for (const item of ownership.items) {
      const rule = r.deref(item);
      if (!isMap(rule)) {
        r.report('error', 'wrong-type', 'each ownership rule must be a mapping with "path" and "roles"', (rule ?? ownership) as Node);
        continue;
      }
      const { paths, roles } = readRuleItem(r, rule);
      rules.push(buildRule(r, rules.length, paths, roles, rule, checkRole));
    }
  } else if (isMap(ownership)) {
    for (const pair of ownership.items) {
      const patternNode = r.deref(pair.key);
      rules.push(buildRule(r, rules.length, r.stringList(patternNode, 'path'), r.stringList(pair.value, 'role'), patternNode ?? ownership, checkRole));
    }
  } else {
    r.report('error', 'wrong-type', '"ownership" must be a list of rules (or a mapping of pattern to roles)', ownership);
  }
  return rules;
}

/** One list item: `{path(s), role(s)}`, or the shorthand `"pattern": [roles]` inside the list. */
function readRuleItem(r: ConfigReader, rule: YAMLMap): { paths: Located[]; roles: Located[] } {
  const first = rule.items[0];
  // `- "migrations/**": [database-administrator]` inside the list: the shorthand, one rule.
  if (rule.items.length === 1 && !(RULE_KEYS as readonly string[]).includes(isScalar(first!.key) ? String(first!.key.value) : '')) {
    return { paths: r.stringList(first!.key, 'path'), roles: r.stringList(first!.value, 'role') };
  }
  let paths: Located[] = [];
  let roles: Located[] = [];
  for (const pair of rule.items) {
    const key = r.keyText(pair);
    if (key === undefined) continue;
    if (key === 'path' || key === 'paths') paths = paths.concat(r.stringList(pair.value, 'path'));
    else if (key === 'roles' || key === 'role') roles = roles.concat(r.stringList(pair.value, 'role'));
    else r.unknownKey(pair, key, ['path', 'roles'], 'an ownership rule');
  }
  return { paths, roles };
}

/** A rule from its patterns and roles as written: patterns checked and expanded, roles checked. */
function buildRule(
  r: ConfigReader,
  index: number,
  patternItems: readonly Located[],
  roleItems: readonly Located[],
  ruleNode: Node,
  checkRole: RoleCheck,
): OwnershipRule {
  const patterns: RulePattern[] = [];
  for (const item of patternItems) {
    const checked = checkPattern(item.value);
    for (const p of checked.problems) r.report(p.severity, p.code, p.message, item.node);
    if (checked.expanded.length > 0) patterns.push({ source: item.value, expanded: checked.expanded, range: r.rangeOf(item.node) });
  }
  if (patternItems.length === 0) r.report('error', 'missing-path', 'rule has no "path"', ruleNode);
  if (roleItems.length === 0) r.report('error', 'missing-roles', 'rule has no "roles"; write the roles that own these paths', ruleNode);
  const roles: string[] = [];
  const roleRanges: (SourceRange | undefined)[] = [];
  for (const item of roleItems) {
    if (!checkRole(item, 'ownership')) continue;
    // A rule names a role or two: looking back is cheaper than a set per rule.
    if (roles.includes(item.value)) {
      r.report('warning', 'duplicate-role-in-rule', `role "${item.value}" is listed twice in this rule`, item.node);
      continue;
    }
    roles.push(item.value);
    roleRanges.push(r.rangeOf(item.node));
  }
  return { index, patterns, roles, range: r.rangeOf(ruleNode), roleRanges };
}

/** Cross check: a pattern written again later; the earlier occurrence can never decide anything. */
function reportRepeatedPatterns(r: ConfigReader, rules: readonly OwnershipRule[]): void {
  const lastSeen = new Map<string, { rule: OwnershipRule; pattern: RulePattern }>();
  for (const rule of rules) {
    for (const pattern of rule.patterns) {
      const earlier = lastSeen.get(pattern.source);
      if (earlier && earlier.pattern.range) {
        const same = earlier.rule.roles.join(',') === rule.roles.join(',');
        const message = same
          ? `duplicate rule: "${pattern.source}" is given to the same roles again on line ${pattern.range?.line ?? '?'}`
          : `"${pattern.source}" never decides anything: line ${pattern.range?.line ?? '?'} repeats it and wins`;
        r.problems.push(makeProblem('warning', 'duplicate-rule', message, earlier.pattern.range, { line: String(pattern.range?.line ?? '') }));
      }
      lastSeen.set(pattern.source, { rule, pattern });
    }
  }
}

/** Cross check: roles the file lists that nobody holds; say where their paths go. */
function reportVacantRoles(r: ConfigReader, roles: ReadonlyMap<string, RoleDefinition>, fallback: readonly string[]): void {
  for (const role of roles.values()) {
    if (role.holders.length > 0 || !role.range) continue;
    const to = fallbackRole(role.id, roles, fallback);
    const message = to
      ? `nobody holds "${role.id}"; its paths fall back to "${to}"`
      : `nobody holds "${role.id}", and no role in the fallback chain has holders`;
    r.problems.push(makeProblem('warning', 'no-holders', message, role.range, { role: role.id }));
  }
}

/** Cross check: GitLab role owners (`@@maintainer`) as holders when the target is GitHub. */
function reportRoleOwners(r: ConfigReader, roles: ReadonlyMap<string, RoleDefinition>, target: Flavor | undefined): void {
  for (const role of roles.values()) {
    role.holders.forEach((holder, i) => {
      const refusal = roleOwnerRefusal(holder, target);
      if (refusal) r.problems.push(makeProblem('error', 'role-owner-target', refusal, role.holderRanges[i]));
    });
  }
}

/**
 * Cross check: roles a rule names that the file never lists. Nobody holds them either; say so
 * where the role is first named, since there is no `roles:` entry to put the warning on.
 */
function reportUnlistedRoles(r: ConfigReader, rules: readonly OwnershipRule[], roles: ReadonlyMap<string, RoleDefinition>, fallback: readonly string[]): void {
  const told = new Set<string>();
  for (const rule of rules) {
    rule.roles.forEach((id, i) => {
      const role = roles.get(id);
      const range = rule.roleRanges[i];
      if (!role || role.range || role.holders.length > 0 || told.has(id) || !range) return;
      told.add(id);
      const to = fallbackRole(id, roles, fallback);
      const message = to
        ? `"${id}" is not listed under "roles", so nobody holds it; its paths fall back to "${to}"`
        : `"${id}" is not listed under "roles", so nobody holds it, and no role in the fallback chain has holders`;
      r.problems.push(makeProblem(to ? 'info' : 'warning', 'unlisted-role', message, range, { role: id }));
    });
  }
}

/**
 * `parseDocument`, in its two stages, refusing deep nesting in between (returns the offset of
 * the collection too deep). Composing recurses once per level, and near the stack limit V8 can
 * die in its RegExp compiler instead of throwing: a process that read two documents nested a
 * thousand levels deep crashed with a fatal out-of-memory error. Parsing alone is iterative.
 */
function readYaml(source: string, lineCounter: LineCounter): Document.Parsed | number {
  const plain = readPlainYaml(source, lineCounter.addNewLine, MAX_NESTING_DEPTH);
  if (plain) return withDuplicateKeys(plainDocument(plain));
  const tokens = [...new Parser(lineCounter.addNewLine).parse(source)];
  const deep = tooDeepAt(tokens);
  if (deep !== undefined) return deep;
  // uniqueKeys is checked below: the yaml package compares each key with every earlier key of
  // its mapping, and a mapping of 40 000 keys (under 1 MB) took 20 s.
  const composer = new Composer({ prettyErrors: false, uniqueKeys: false, strict: true });
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(tokens, true, source.length)) {
    if (!doc) doc = next;
    else {
      // What parseDocument says of a second document.
      doc.errors.push(
        new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'),
      );
      break;
    }
  }
  return withDuplicateKeys(doc!);
}

/** A document around a mapping the plain-subset reader built: no errors, no warnings of its own. */
function plainDocument(contents: YAMLMap): Document.Parsed {
  const doc = new Document() as unknown as Document.Parsed;
  doc.contents = contents as Document.Parsed['contents'];
  return doc;
}

/** `doc` with an error at every key that repeats an earlier key of its mapping. */
function withDuplicateKeys(doc: Document.Parsed): Document.Parsed {
  for (const offset of duplicateKeyOffsets(doc.contents)) {
    doc.errors.push(new YAMLParseError([offset, offset + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
  }
  return doc;
}

/** How many nodes `root` holds (aliases count one each, not followed), remembered in `sizes`. */
function nodeCount(root: unknown, sizes: Map<unknown, number>): number {
  const known = sizes.get(root);
  if (known !== undefined) return known;
  let count = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || node === undefined) continue;
    count++;
    if (isMap(node)) {
      for (const pair of node.items) stack.push(pair.key, pair.value);
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  sizes.set(root, count);
  return count;
}

/**
 * Where a key repeats an earlier key of its mapping, as the yaml package's uniqueKeys finds it
 * (scalar keys with the same value), with one set per mapping instead of comparing every pair.
 */
function duplicateKeyOffsets(contents: unknown): number[] {
  const found: number[] = [];
  const stack: unknown[] = [contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const items = node.items;
      // Most mappings are a rule's two keys: a set only where one pays.
      const seen = items.length > 8 ? new Set<unknown>() : undefined;
      for (let i = 0; i < items.length; i++) {
        const key = items[i]!.key;
        // NaN is never equal to itself, so yaml never calls two .nan keys the same.
        if (isScalar(key) && !Number.isNaN(key.value)) {
          if (key.range && (seen ? seen.has(key.value) : repeatsEarlierKey(items, i, key.value))) found.push(key.range[0]);
          seen?.add(key.value);
        }
        stack.push(key, items[i]!.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return found.sort((a, b) => a - b);
}

/** Whether a key before `items[i]` is a scalar of value `value`. */
function repeatsEarlierKey(items: readonly Pair[], i: number, value: unknown): boolean {
  for (let j = 0; j < i; j++) {
    const key = items[j]!.key;
    if (isScalar(key) && key.value === value) return true;
  }
  return false;
}

/** Offset of the first collection nested deeper than {@link MAX_NESTING_DEPTH}, walking without recursion. */
function tooDeepAt(tokens: readonly CST.Token[]): number | undefined {
  const stack: { token: CST.Token; depth: number }[] = tokens.map((token) => ({ token, depth: 0 })).reverse();
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { token, depth } = next;
    if (token.type === 'document') {
      if (token.value) stack.push({ token: token.value, depth });
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth >= MAX_NESTING_DEPTH) return token.offset;
      for (let i = token.items.length - 1; i >= 0; i--) {
        const item = token.items[i]!;
        if (item.value) stack.push({ token: item.value, depth: depth + 1 });
        if (item.key) stack.push({ token: item.key, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

/** Letters, digits, `.`, `_`, `-`, `/` and `*`, not starting with `#` or `!`: nothing to escape, expand or refuse. */
const PLAIN_PATTERN = /^[\w.*/-][\w.*/-]*$/;

/** The result of checking one `path` pattern as written in `ops-roles.yaml`. */
export interface PatternCheck {
  readonly expanded: readonly string[];
  readonly problems: readonly { severity: Severity; code: string; message: string }[];
}

/**
 * Check a pattern against what GitHub accepts and expand its `{a,b}` alternatives.
 * Refused patterns come back with no expansion.
 */
export function checkPattern(pattern: string): PatternCheck {
  // Most patterns are plain path characters and wildcards, which none of the checks concern.
  if (
    PLAIN_PATTERN.test(pattern) &&
    pattern.length <= MAX_PATTERN_LENGTH &&
    (!pattern.includes('**') || (!pattern.includes('***') && !/\*\*[^/]|[^/]\*\*/.test(pattern)))
  ) {
    return { expanded: [pattern], problems: [] };
  }
  return checkPatternInFull(pattern);
}

/** {@link checkPattern} without its shortcut for plain patterns (exported for the test that compares the two). */
export function checkPatternInFull(pattern: string): PatternCheck {
  const problems: { severity: Severity; code: string; message: string }[] = [];
  if (pattern.trim() === '') return { expanded: [], problems: [{ severity: 'error', code: 'empty-pattern', message: 'empty pattern' }] };
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return { expanded: [], problems: [{ severity: 'error', code: 'pattern-too-long', message: `pattern is longer than ${MAX_PATTERN_LENGTH} characters` }] };
  }
  if (pattern.startsWith('!')) {
    return {
      expanded: [],
      problems: [
        { severity: 'error', code: 'negation', message: 'GitHub CODEOWNERS does not support "!" negation; write a later rule for the exception instead' },
      ],
    };
  }
  if (pattern.startsWith('\\#') || pattern.startsWith('#')) {
    return {
      expanded: [],
      problems: [
        {
          severity: 'error',
          code: 'comment-pattern',
          message: 'a pattern starting with "#" is a comment on GitHub, and GitHub does not support "\\#" escapes',
        },
      ],
    };
  }
  if (/\s/.test(pattern.replace(/\\ /g, ''))) {
    return {
      expanded: [],
      problems: [{ severity: 'error', code: 'whitespace', message: 'patterns cannot contain unescaped white space (write "\\ " for a space)' }],
    };
  }
  if (pattern.includes('***')) {
    return { expanded: [], problems: [{ severity: 'error', code: 'triple-star', message: 'a pattern cannot contain "***"' }] };
  }
  const segments = pattern.split('/');
  for (const segment of segments) {
    if (segment.includes('**') && segment !== '**') {
      problems.push({
        severity: 'warning',
        code: 'globstar-in-segment',
        message: `"**" inside "${segment}" acts as "*"; "**" spans directories only as a whole segment`,
      });
      break;
    }
  }
  const bracket = characterClassLike(pattern);
  if (bracket) {
    problems.push({
      severity: 'warning',
      code: 'bracket-class',
      message: `"${bracket}" looks like a character class, but GitHub reads brackets literally (and reports such a line as an error); list the alternatives with {a,b} instead`,
    });
  }
  const expansion = expandBraces(pattern);
  if (expansion.error) return { expanded: [], problems: [...problems, { severity: 'error', code: 'brace-expansion', message: expansion.error }] };
  return { expanded: expansion.alternatives, problems };
}
