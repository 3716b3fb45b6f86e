/**
 * Reading `ops-roles.yaml`: roles and their holders, ownership rules, the fallback chain and
 * CODEOWNERS output settings. Every problem comes back as data with a position; nothing here
 * throws on user input.
 */
import { Composer, LineCounter, Parser, type CST, type Document } from 'yaml';
import { isGitlabRoleOwner, isOwnerToken, roleOwnerRefusal } from './codeowners.js';
import { checkCodeownersPath } from './codeownersTarget.js';
import { characterClassLike, expandBraces, MAX_PATTERN_LENGTH, type Flavor } from './pattern.js';
import { fallbackRole } from './fallback.js';
import {
  fromYamlDocument,
  readPlainYaml,
  RULE_LIST_AT,
  RULE_PATH_AT,
  ruleItemMap,
  type YamlAlias,
  type YamlMap,
  type YamlNode,
  type YamlRuleItem,
  type YamlScalar,
} from './plainYaml.js';
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
 *
 * `options.plainReader: false` reads every file with the `yaml` package, never the fast reader
 * of its plain subset (`plainYaml.ts`): the test that proves both give the same result uses it.
 */
export function parseConfig(text: string, options: { readonly plainReader?: boolean } = {}): ParsedConfig {
  if (text.length > MAX_CONFIG_BYTES) {
    return {
      config: emptyConfig(),
      problems: [makeProblem('error', 'file-too-large', `${CONFIG_FILE_NAME} is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MB; refusing to read it`)],
    };
  }
  const read = readDocument(text, options.plainReader ?? true);
  if ('refused' in read) return { config: emptyConfig(), problems: [read.refused] };
  const r = new ConfigReader(read);
  const root = r.deref(read.root);
  if (root === null || (root.kind === 'scalar' && (root.value === null || root.value === ''))) return { config: emptyConfig(), problems: r.problems };
  if (root.kind !== 'map') {
    r.report('error', 'not-a-mapping', `${CONFIG_FILE_NAME} must be a mapping with "roles" and "ownership"`, root);
    return { config: emptyConfig(), problems: r.problems };
  }

  const top = readTopLevel(r, root);
  // Roles are known now; references to them can be checked.
  const checkRole = roleReferenceChecker(r, top.roles);
  const fallback =
    top.fallbackNodes.length > 0 || top.fallbackRange ? top.fallbackNodes.filter((f) => checkRole(f, 'fallback')).map((f) => f.value) : DEFAULT_FALLBACK;
  const rules = readRules(r, top.ownership, checkRole, top.roles);
  reportRepeatedPatterns(r, rules);
  reportVacantRoles(r, top.roles, fallback);
  reportUnlistedRoles(r, rules, top.roles, fallback);
  reportRoleOwners(r, top.roles, top.codeowners.target);

  const problems = r.problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { config: { version: top.version, roles: top.roles, rules, fallback, fallbackRange: top.fallbackRange, codeowners: top.codeowners }, problems };
}

/** A text value of the file: a scalar whose value is a string (its offsets give positions). */
interface Located extends YamlScalar {
  readonly value: string;
}

/**
 * Source ranges from 0-based offsets, through the offsets where the text's lines start. The
 * readers ask for ranges in about the order of the text, so the search starts at the line
 * found last and walks a few lines on before it halves the whole table.
 */
class LinePositions {
  private last = 0;

  constructor(private readonly starts: readonly number[]) {}

  rangeAt(offset: number, endOffset: number): SourceRange {
    const starts = this.starts;
    const end = Math.max(offset, endOffset);
    const line = this.lineOf(offset);
    // Most nodes end on the line they start on: no second search.
    const endLine = end > offset && (line >= starts.length || end >= starts[line]!) ? this.lineOf(end) : line;
    // Line 0 (no line known) gives the offset as the column, as LineCounter.linePos does.
    const column = line === 0 ? offset : offset - starts[line - 1]! + 1;
    const endColumn = endLine === 0 ? end : end - starts[endLine - 1]! + 1;
    return { line, column, endLine, endColumn, offset, endOffset };
  }

  /**
   * The range from `offset` on line `line` to `endOffset` on line `endLine` (1-based, both known
   * to the caller, who read the text line by line): no search. For the readers' hottest path,
   * where three searches per rule cost more than the rest of the rule (most of it V8 compiling
   * the search into the code of each caller).
   */
  rangeOn(line: number, offset: number, endLine: number, endOffset: number): SourceRange {
    const starts = this.starts;
    return { line, column: offset - starts[line - 1]! + 1, endLine, endColumn: endOffset - starts[endLine - 1]! + 1, offset, endOffset };
  }

  /** Whether 1-based line `line` starts at `offset`. */
  startsAt(line: number, offset: number): boolean {
    return this.starts[line - 1] === offset;
  }

  /** The 1-based line holding `offset` (the number of line starts at or before it), as `LineCounter.linePos` finds it. */
  private lineOf(offset: number): number {
    const starts = this.starts;
    let low = this.last;
    if (low < starts.length && starts[low]! <= offset) {
      for (let step = 0; step < 4; step++, low++) {
        if (low + 1 >= starts.length || starts[low + 1]! > offset) return (this.last = low) + 1;
      }
    }
    low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (starts[mid]! <= offset) low = mid + 1;
      else high = mid;
    }
    this.last = Math.max(0, low - 1);
    return low;
  }
}

/** A problem the YAML layer found (a syntax error, a repeated key), at 0-based offsets. */
interface YamlProblem {
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

/** A YAML document read: its tree, where its lines start, and what the YAML layer found wrong. */
interface ReadDocument {
  readonly root: YamlNode | null;
  readonly lineStarts: readonly number[];
  readonly yamlProblems: readonly YamlProblem[];
}

/**
 * The YAML document reader: the text parsed (a BOM dropped, as editors drop it from the text
 * they show, so positions agree), or the one problem that refuses it.
 */
function readDocument(text: string, plainReader: boolean): ReadDocument | { readonly refused: Problem } {
  const source = text.replace(/^\uFEFF/, '');
  try {
    const read = readYaml(source, plainReader);
    if (!('deep' in read)) return read;
    const message = `mappings and lists nest more than ${MAX_NESTING_DEPTH} levels deep; refusing to read ${CONFIG_FILE_NAME}`;
    return { refused: makeProblem('error', 'too-deep', message, new LinePositions(read.lineStarts).rangeAt(read.deep, read.deep + 1)) };
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
  private readonly hintBudget: SuggestBudget = { cells: MAX_SUGGESTION_WORK };
  private readonly lines: LinePositions;

  constructor(read: ReadDocument) {
    this.lines = new LinePositions(read.lineStarts);
    for (const p of read.yamlProblems) {
      this.problems.push(makeProblem(p.severity, p.severity === 'error' ? 'yaml-syntax' : 'yaml-warning', p.message, this.at(p.start, p.end)));
    }
  }

  at(offset: number, endOffset: number): SourceRange {
    return this.lines.rangeAt(offset, endOffset);
  }

  /** See {@link LinePositions.rangeOn}. */
  rangeOn(line: number, offset: number, endLine: number, endOffset: number): SourceRange {
    return this.lines.rangeOn(line, offset, endLine, endOffset);
  }

  /** Whether 1-based line `line` starts at `offset`. */
  startsAt(line: number, offset: number): boolean {
    return this.lines.startsAt(line, offset);
  }

  rangeOf(node: YamlNode | null | undefined): SourceRange | undefined {
    return node && node.start !== -1 ? this.lines.rangeAt(node.start, node.end) : undefined;
  }

  /** Report a problem at `node` (at the start of the file when it has no position). */
  report(severity: Severity, code: string, message: string, node: YamlNode | undefined | null, data?: Record<string, string>): void {
    this.problems.push(makeProblem(severity, code, message, this.rangeOf(node) ?? this.at(0, 0), data));
  }

  /** The closest of `known` to `wanted`, while the file's hint budget lasts. */
  hint(wanted: string, known: readonly string[]): string | undefined {
    return suggest(wanted, known, this.hintBudget);
  }

  /** Follow an alias one step (a bounded number of times in all); never recursively. */
  deref(node: YamlNode | null): Exclude<YamlNode, YamlAlias> | null {
    if (node === null || node.kind !== 'alias') return node;
    if (--this.aliasBudget < 0) {
      this.report('error', 'too-many-aliases', `more than ${MAX_ALIAS_COUNT} aliases; refusing to expand them`, node);
      return null;
    }
    const target = node.target;
    if (target === undefined) {
      // The yaml package leaves this to toJS; read as nothing, a typo would drop holders silently.
      this.report('error', 'unknown-alias', `alias "*${node.name}" names no anchor defined before it`, node);
      return null;
    }
    if (target.kind === 'alias') return null;
    // 100 aliases to a list of 20 000 holders made 2 000 000 duplicate-holder warnings.
    if ((this.aliasNodes -= nodeCount(target, this.sizes)) < 0) {
      this.report('error', 'too-many-aliases', `aliases bring in more than ${MAX_ALIAS_NODES} values; refusing to expand them`, node);
      return null;
    }
    return target;
  }

  /** A key as text; anything else (a list, a mapping, `true`) is reported. */
  keyText(key: YamlNode | null): string | undefined {
    if (key?.kind === 'scalar' && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
    this.report('error', 'bad-key', 'keys must be plain text', key);
    return undefined;
  }

  unknownKey(key: YamlNode | null, name: string, known: readonly string[], where: string): void {
    const hint = this.hint(name, known);
    this.report(
      'error',
      'unknown-key',
      `unknown key "${name}" in ${where}${hint ? `; did you mean "${hint}"?` : ''} (known: ${known.join(', ')})`,
      key,
      hint ? { suggestion: hint } : undefined,
    );
  }

  /** A string or list of strings (aliases followed once). */
  stringList(node: YamlNode | null, what: string): readonly Located[] {
    const n = this.deref(node);
    if (n === null) return [];
    if (n.kind === 'scalar') {
      if (n.value === null) return [];
      if (typeof n.value === 'string') return [n as Located];
      this.report('error', 'wrong-type', `${what} must be text, not ${typeof n.value}`, n);
      return [];
    }
    if (n.kind === 'seq') {
      // Nearly always a list of text: the list itself, no copy.
      if (allText(n.items)) return n.items as Located[];
      const out: Located[] = [];
      for (const item of n.items) {
        const i = this.deref(item);
        if (isText(i)) out.push(i);
        else if (i?.kind === 'seq') for (const nested of this.stringList(i, what)) out.push(nested);
        else this.report('error', 'wrong-type', `each ${what} must be text`, i ?? n);
      }
      return out;
    }
    this.report('error', 'wrong-type', `${what} must be text or a list of text`, n);
    return [];
  }
}

function isText(node: YamlNode | null): node is Located {
  return node?.kind === 'scalar' && typeof node.value === 'string';
}

/** Whether every one of `items` is text (a loop, not `every`: no call per item before the code is compiled). */
function allText(items: readonly (YamlNode | null)[]): boolean {
  for (let i = 0; i < items.length; i++) if (!isText(items[i]!)) return false;
  return true;
}

/** What the top-level keys say, before references between them are checked. */
interface TopLevel {
  version: number;
  readonly roles: Map<string, RoleDefinition>;
  fallbackNodes: readonly Located[];
  fallbackRange: SourceRange | undefined;
  readonly codeowners: { target: Flavor | undefined; path: string | undefined };
  ownership: YamlNode | null;
}

/** The top-level reader: hands each key to its reader. A repeated key reads again over the first. */
function readTopLevel(r: ConfigReader, root: YamlMap): TopLevel {
  const top: TopLevel = {
    version: 1,
    roles: new Map(emptyConfig().roles),
    fallbackNodes: [],
    fallbackRange: undefined,
    codeowners: { target: undefined, path: undefined },
    ownership: null,
  };
  const entries = root.entries;
  for (let e = 0; e < entries.length; e += 2) {
    const keyNode = entries[e]!;
    const key = r.keyText(keyNode);
    if (key === undefined) continue;
    const value = r.deref(entries[e + 1]!);
    switch (key) {
      case 'version':
        if (value?.kind !== 'scalar' || value.value !== 1) r.report('error', 'bad-version', 'version must be 1', value ?? keyNode);
        else top.version = 1;
        break;
      case 'roles':
        readRoles(r, value, top.roles);
        break;
      case 'ownership':
        top.ownership = value;
        break;
      case 'fallback':
        top.fallbackNodes = r.stringList(entries[e + 1]!, 'fallback role');
        top.fallbackRange = r.rangeOf(value);
        break;
      case 'codeowners':
        readCodeownersSettings(r, keyNode, value, top.codeowners);
        break;
      default:
        r.unknownKey(keyNode, key, TOP_KEYS, CONFIG_FILE_NAME);
    }
  }
  return top;
}

/** The roles reader: each entry of `roles` into `roles` (the built-ins are there already). */
function readRoles(r: ConfigReader, value: YamlNode | null, roles: Map<string, RoleDefinition>): void {
  if (value === null || (value.kind === 'scalar' && value.value === null)) return;
  if (value.kind !== 'map') {
    r.report('error', 'wrong-type', '"roles" must be a mapping of role id to holders', value);
    return;
  }
  for (let e = 0; e < value.entries.length; e += 2) readRole(r, value.entries[e]!, value.entries[e + 1]!, roles);
}

/** One role: `id: [holders]`, or `id: {name, description, responsibilities, holders}`. */
function readRole(r: ConfigReader, keyNode: YamlNode | null, valueNode: YamlNode | null, roles: Map<string, RoleDefinition>): void {
  const id = r.keyText(keyNode);
  if (id === undefined) return;
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
  const roleValue = r.deref(valueNode);
  const { info, holderItems } =
    roleValue?.kind === 'map' ? readRoleFields(r, id, roleValue, known) : { info: known, holderItems: r.stringList(roleValue, 'holder') };
  const { holders, holderRanges } = readHolders(r, id, holderItems);
  roles.set(id, { ...info, holders, range: r.rangeOf(keyNode), holderRanges });
}

/** The long form of a role: its fields over what is known of it, and its holders as written. */
function readRoleFields(r: ConfigReader, id: string, value: YamlMap, known: RoleInfo): { info: RoleInfo; holderItems: readonly Located[] } {
  let holderItems: readonly Located[] = [];
  const fields: { name?: string; description?: string; responsibilities?: string[] } = {};
  for (let e = 0; e < value.entries.length; e += 2) {
    const keyNode = value.entries[e]!;
    const valueNode = value.entries[e + 1]!;
    const field = r.keyText(keyNode);
    if (field === undefined) continue;
    if (!(ROLE_KEYS as readonly string[]).includes(field)) {
      r.unknownKey(keyNode, field, ROLE_KEYS, `role "${id}"`);
      continue;
    }
    if (field === 'holders') holderItems = r.stringList(valueNode, 'holder');
    else if (field === 'responsibilities') fields.responsibilities = r.stringList(valueNode, 'responsibility').map((s) => s.value);
    else {
      const v = r.deref(valueNode);
      if (isText(v)) fields[field as 'name' | 'description'] = v.value;
      else r.report('error', 'wrong-type', `"${field}" must be text`, v ?? keyNode);
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
      r.report('error', 'bad-holder', `holder "${item.value}" of role "${id}" is not ${what}`, item);
      continue;
    }
    if (listed.has(item.value)) {
      r.report('warning', 'duplicate-holder', `"${item.value}" is listed twice for role "${id}"`, item);
      continue;
    }
    listed.add(item.value);
    holders.push(item.value);
    holderRanges.push(r.rangeOf(item));
  }
  return { holders, holderRanges };
}

/** The CODEOWNERS settings reader: `codeowners: {target, path}` into `settings`. */
function readCodeownersSettings(r: ConfigReader, key: YamlNode | null, value: YamlNode | null, settings: TopLevel['codeowners']): void {
  if (value?.kind !== 'map') {
    r.report('error', 'wrong-type', '"codeowners" must be a mapping with "target" and "path"', value ?? key);
    return;
  }
  for (let e = 0; e < value.entries.length; e += 2) {
    const fieldKey = value.entries[e]!;
    const field = r.keyText(fieldKey);
    if (field === undefined) continue;
    const v = r.deref(value.entries[e + 1]!);
    if (field === 'target') {
      if (v?.kind === 'scalar' && (v.value === 'github' || v.value === 'gitlab')) settings.target = v.value;
      else r.report('error', 'bad-target', 'codeowners.target must be "github" or "gitlab"', v ?? fieldKey);
    } else if (field === 'path') {
      if (isText(v) && v.value.trim() !== '') {
        const checked = checkCodeownersPath(v.value, 'codeowners.path');
        if (checked.ok) settings.path = checked.path;
        else r.report('error', 'bad-output-path', checked.message, v);
      } else r.report('error', 'wrong-type', 'codeowners.path must be text', v ?? fieldKey);
    } else r.unknownKey(fieldKey, field, CODEOWNERS_KEYS, '"codeowners"');
  }
}

/** Is a role reference one the file knows? Reports an unknown one, with a hint when one is close. */
type RoleCheck = (item: Located, where: string) => boolean;

function roleReferenceChecker(r: ConfigReader, roles: ReadonlyMap<string, RoleDefinition>): RoleCheck {
  const roleIds = [...roles.keys()];
  return (item, where) => {
    if (roles.has(item.value)) return true;
    const hint = r.hint(item.value, roleIds);
    r.report('error', 'unknown-role', `unknown role "${item.value}" in ${where}${hint ? `; did you mean "${hint}"?` : ''}`, item, {
      role: item.value,
      ...(hint ? { suggestion: hint } : {}),
    });
    return false;
  };
}

/** The rules reader: `ownership` as a list of rules, or as the shorthand mapping of pattern to roles. */
function readRules(r: ConfigReader, ownership: YamlNode | null, checkRole: RoleCheck, known: ReadonlyMap<string, RoleDefinition>): OwnershipRule[] {
  const rules: OwnershipRule[] = [];
  if (ownership === null || (ownership.kind === 'scalar' && ownership.value === null)) return rules;
  if (ownership.kind === 'seq') {
    for (const item of ownership.items) {
      const rule = r.deref(item);
      if (rule?.kind === 'rule') {
        rules.push(readPlainRule(r, rules.length, rule, checkRole, known));
        continue;
      }
      if (rule?.kind !== 'map') {
        r.report('error', 'wrong-type', 'each ownership rule must be a mapping with "path" and "roles"', rule ?? ownership);
        continue;
      }
      rules.push(readRuleItem(r, rules.length, rule, checkRole));
    }
  } else if (ownership.kind === 'map') {
    for (let e = 0; e < ownership.entries.length; e += 2) {
      const patternNode = r.deref(ownership.entries[e]!);
      const paths = r.stringList(patternNode, 'path');
      rules.push(buildRule(r, rules.length, paths, r.stringList(ownership.entries[e + 1]!, 'role'), patternNode ?? ownership, checkRole));
    }
  } else {
    r.report('error', 'wrong-type', '"ownership" must be a list of rules (or a mapping of pattern to roles)', ownership);
  }
  // Nothing of this file stays reachable from the module once it is read.
  for (const gathered of Object.values(GATHERED)) gathered.length = 0;
  return rules;
}

/**
 * One list item, the rule at `index`: `{path(s), role(s)}`, or the shorthand `"pattern": [roles]`
 * inside the list. It builds the rule itself: a pair of lists handed back would be one more object
 * per rule for the garbage collector to copy while the file is read.
 */
function readRuleItem(r: ConfigReader, index: number, rule: YamlMap, checkRole: RoleCheck): OwnershipRule {
  const entries = rule.entries;
  const first = entries[0]!;
  // `- "migrations/**": [database-administrator]` inside the list: the shorthand, one rule.
  if (entries.length === 2 && !(RULE_KEYS as readonly string[]).includes(first?.kind === 'scalar' ? String(first.value) : '')) {
    return buildRule(r, index, r.stringList(first, 'path'), r.stringList(entries[1]!, 'role'), rule, checkRole);
  }
  let paths: readonly Located[] = [];
  let roles: readonly Located[] = [];
  for (let e = 0; e < entries.length; e += 2) {
    const key = r.keyText(entries[e]!);
    if (key === undefined) continue;
    if (key === 'path' || key === 'paths') paths = concatLocated(paths, r.stringList(entries[e + 1]!, 'path'));
    else if (key === 'roles' || key === 'role') roles = concatLocated(roles, r.stringList(entries[e + 1]!, 'role'));
    else r.unknownKey(entries[e]!, key, ['path', 'roles'], 'an ownership rule');
  }
  return buildRule(r, index, paths, roles, rule, checkRole);
}

/**
 * The rule at `index` from a rule item the plain reader read in one match. A plain pattern and
 * roles that are all known, each once (nearly every rule of a large file), make the rule straight
 * from the item's texts and offsets: no node per value, and the item's list of roles is the
 * rule's. Anything to report goes the general way, through the nodes the item stands for.
 */
function readPlainRule(r: ConfigReader, index: number, item: YamlRuleItem, checkRole: RoleCheck, known: ReadonlyMap<string, RoleDefinition>): OwnershipRule {
  const { path, roles } = item;
  if (!isPlainPattern(path) || !knownOnce(roles, known)) return readRuleItem(r, index, ruleItemMap(item), checkRole);
  // The item's two lines, 1-based; it ends at the start of the line after them, or at the text's end.
  const line = item.line + 1;
  const pathAt = item.start + RULE_PATH_AT;
  const patterns = [{ source: path, expanded: [path], range: r.rangeOn(line, pathAt, line, pathAt + path.length + 2) }];
  // Of the exact length: an array grown by `push` keeps room for 16 or more.
  const roleRanges = new Array<SourceRange>(roles.length);
  for (let i = 0, at = item.rolesAt + RULE_LIST_AT + 1; i < roles.length; at += roles[i++]!.length + 2)
    roleRanges[i] = r.rangeOn(line + 1, at, line + 1, at + roles[i]!.length);
  const range = r.rangeOn(line, item.start, r.startsAt(line + 2, item.end) ? line + 2 : line + 1, item.end);
  return { index, patterns, roles, range, roleRanges };
}

/** Whether each of `roles` is a role of `known`, and none is named twice. */
function knownOnce(roles: readonly string[], known: ReadonlyMap<string, RoleDefinition>): boolean {
  for (let i = 0; i < roles.length; i++) if (!known.has(roles[i]!) || roles.indexOf(roles[i]!) !== i) return false;
  return true;
}

/** `a` then `b`, without a copy in the usual case of one key each. */
function concatLocated(a: readonly Located[], b: readonly Located[]): readonly Located[] {
  return a.length === 0 ? b : a.concat(b);
}

/** A rule from its patterns and roles as written: patterns checked and expanded, roles checked. */
function buildRule(
  r: ConfigReader,
  index: number,
  patternItems: readonly Located[],
  roleItems: readonly Located[],
  ruleNode: YamlNode,
  checkRole: RoleCheck,
): OwnershipRule {
  const { patterns, roles, roleRanges } = GATHERED;
  let patternCount = 0;
  for (const item of patternItems) {
    const expanded = isPlainPattern(item.value) ? [item.value] : reportedExpansion(r, item);
    if (expanded.length > 0) patterns[patternCount++] = { source: item.value, expanded, range: r.rangeOf(item) };
  }
  if (patternItems.length === 0) r.report('error', 'missing-path', 'rule has no "path"', ruleNode);
  if (roleItems.length === 0) r.report('error', 'missing-roles', 'rule has no "roles"; write the roles that own these paths', ruleNode);
  let roleCount = 0;
  for (const item of roleItems) {
    if (!checkRole(item, 'ownership')) continue;
    // A rule names a role or two: looking back is cheaper than a set per rule.
    const seen = roles.indexOf(item.value);
    if (seen !== -1 && seen < roleCount) {
      r.report('warning', 'duplicate-role-in-rule', `role "${item.value}" is listed twice in this rule`, item);
      continue;
    }
    roles[roleCount] = item.value;
    roleRanges[roleCount++] = r.rangeOf(item);
  }
  return {
    index,
    patterns: patterns.slice(0, patternCount),
    roles: roles.slice(0, roleCount),
    range: r.rangeOf(ruleNode),
    roleRanges: roleRanges.slice(0, roleCount),
  };
}

/** The `{a,b}` expansion of a pattern that is not plain, its problems reported at `item`. */
function reportedExpansion(r: ConfigReader, item: Located): readonly string[] {
  const checked = checkPatternInFull(item.value);
  for (const p of checked.problems) r.report(p.severity, p.code, p.message, item);
  return checked.expanded;
}

/**
 * Where {@link buildRule} gathers a rule's parts (it is never re-entered; what lies past the
 * counts is left over from earlier rules, until {@link readRules} empties them), to copy them out
 * at their exact number. An array grown
 * by `push` keeps room for 16 or more, and a rule's arrays live as long as its model: 4,400 rules
 * carried 1.8 MB of empty room, which every garbage collection during the read copied, and
 * allocated 2.4 MB more that was thrown away.
 */
const GATHERED = { patterns: [] as RulePattern[], roles: [] as string[], roleRanges: [] as (SourceRange | undefined)[] };

/** Cross check: a pattern written again later; the earlier occurrence can never decide anything. */
function reportRepeatedPatterns(r: ConfigReader, rules: readonly OwnershipRule[]): void {
  // The rule only, not a pair per pattern: a repeat is rare, and its pattern is found again then.
  const lastSeen = new Map<string, OwnershipRule>();
  for (const rule of rules) {
    for (let k = 0; k < rule.patterns.length; k++) {
      const pattern = rule.patterns[k]!;
      const earlierRule = lastSeen.get(pattern.source);
      const earlier = earlierRule && { rule: earlierRule, pattern: lastWithSource(earlierRule.patterns, pattern.source, earlierRule === rule ? k : undefined) };
      if (earlier && earlier.pattern.range) {
        const same = earlier.rule.roles.join(',') === rule.roles.join(',');
        const message = same
          ? `duplicate rule: "${pattern.source}" is given to the same roles again on line ${pattern.range?.line ?? '?'}`
          : `"${pattern.source}" never decides anything: line ${pattern.range?.line ?? '?'} repeats it and wins`;
        r.problems.push(makeProblem('warning', 'duplicate-rule', message, earlier.pattern.range, { line: String(pattern.range?.line ?? '') }));
      }
      lastSeen.set(pattern.source, rule);
    }
  }
}

/** The last of `patterns` (before index `before`, when given) written as `source`; there is one. */
function lastWithSource(patterns: readonly RulePattern[], source: string, before = patterns.length): RulePattern {
  let j = before - 1;
  while (patterns[j]!.source !== source) j--;
  return patterns[j]!;
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
  // Usually every role a rule names is listed or held: then no rule needs a look.
  let unlisted = false;
  for (const role of roles.values()) unlisted ||= !role.range && role.holders.length === 0;
  if (!unlisted) return;
  const told = new Set<string>();
  for (const rule of rules) {
    for (let i = 0; i < rule.roles.length; i++) {
      const id = rule.roles[i]!;
      const role = roles.get(id);
      const range = rule.roleRanges[i];
      if (!role || role.range || role.holders.length > 0 || told.has(id) || !range) continue;
      told.add(id);
      const to = fallbackRole(id, roles, fallback);
      const message = to
        ? `"${id}" is not listed under "roles", so nobody holds it; its paths fall back to "${to}"`
        : `"${id}" is not listed under "roles", so nobody holds it, and no role in the fallback chain has holders`;
      r.problems.push(makeProblem(to ? 'info' : 'warning', 'unlisted-role', message, range, { role: id }));
    }
  }
}

/**
 * The tree of `source`: from the plain-subset reader when the text is in the subset, else from
 * `parseDocument`, in its two stages, refusing deep nesting in between (then `deep` is the
 * offset of the collection too deep). Composing recurses once per level, and near the stack
 * limit V8 can die in its RegExp compiler instead of throwing: a process that read two documents
 * nested a thousand levels deep crashed with a fatal out-of-memory error. Parsing alone is
 * iterative.
 */
function readYaml(source: string, plainReader: boolean): ReadDocument | { readonly deep: number; readonly lineStarts: readonly number[] } {
  const plain = plainReader ? readPlainYaml(source, MAX_NESTING_DEPTH) : undefined;
  if (plain) return { root: plain.root, lineStarts: plain.lineStarts, yamlProblems: plain.repeatedKeys.map(repeatedKey) };
  const lines = new LineCounter();
  const tokens = [...new Parser(lines.addNewLine).parse(source)];
  const deep = tooDeepAt(tokens);
  if (deep !== undefined) return { deep, lineStarts: lines.lineStarts };
  // uniqueKeys is checked below: the yaml package compares each key with every earlier key of
  // its mapping, and a mapping of 40 000 keys (under 1 MB) took 20 s.
  const composer = new Composer({ prettyErrors: false, uniqueKeys: false, strict: true });
  let doc: Document.Parsed | undefined;
  const yamlProblems: YamlProblem[] = [];
  for (const next of composer.compose(tokens, true, source.length)) {
    if (!doc) doc = next;
    else {
      // What parseDocument says of a second document.
      const message = 'Source contains multiple documents; please use YAML.parseAllDocuments()';
      yamlProblems.push({ severity: 'error', message, start: next.range[0], end: next.range[1] });
      break;
    }
  }
  const root = fromYamlDocument(doc!);
  const firstLine = (message: string) => message.split('\n')[0]!;
  const composed = doc!.errors.map((e): YamlProblem => ({ severity: 'error', message: firstLine(e.message), start: e.pos[0], end: e.pos[1] }));
  const warnings = doc!.warnings.map((w): YamlProblem => ({ severity: 'warning', message: firstLine(w.message), start: w.pos[0], end: w.pos[1] }));
  return { root, lineStarts: lines.lineStarts, yamlProblems: [...composed, ...yamlProblems, ...duplicateKeys(root), ...warnings] };
}

/** An error at every key that repeats an earlier key of its mapping. */
function duplicateKeys(root: YamlNode | null): YamlProblem[] {
  return duplicateKeyOffsets(root).map(repeatedKey);
}

/** The error at a key (at `offset`) that repeats an earlier key of its mapping, as the yaml package words it. */
function repeatedKey(offset: number): YamlProblem {
  return { severity: 'error', message: 'Map keys must be unique', start: offset, end: offset + 1 };
}

/** How many nodes `root` holds (aliases count one each, not followed), remembered in `sizes`. */
function nodeCount(root: YamlNode, sizes: Map<unknown, number>): number {
  const known = sizes.get(root);
  if (known !== undefined) return known;
  let count = 0;
  const stack: (YamlNode | null)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) continue;
    count++;
    if (node.kind === 'rule') count += 5 + node.roles.length;
    else if (node.kind === 'map') for (const entry of node.entries) stack.push(entry);
    else if (node.kind === 'seq') for (const item of node.items) stack.push(item);
  }
  sizes.set(root, count);
  return count;
}

/**
 * Where a key repeats an earlier key of its mapping, as the yaml package's uniqueKeys finds it
 * (scalar keys with the same value), with one set per mapping instead of comparing every pair.
 */
function duplicateKeyOffsets(root: YamlNode | null): number[] {
  const found: number[] = [];
  const stack: (YamlNode | null)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node?.kind === 'map') {
      const entries = node.entries;
      // Most mappings are a rule's two keys: a set only where one pays.
      const seen = entries.length > 16 ? new Set<unknown>() : undefined;
      for (let i = 0; i < entries.length; i += 2) {
        const key = entries[i]!;
        // NaN is never equal to itself, so yaml never calls two .nan keys the same.
        if (key?.kind === 'scalar' && !Number.isNaN(key.value)) {
          if (key.start !== -1 && (seen ? seen.has(key.value) : repeatsEarlierKey(entries, i, key.value))) found.push(key.start);
          seen?.add(key.value);
        }
        // Only collections go on the stack: most nodes are scalars, with nothing under them.
        if (isCollection(key)) stack.push(key);
        if (isCollection(entries[i + 1]!)) stack.push(entries[i + 1]!);
      }
    } else if (node?.kind === 'seq') {
      for (const item of node.items) if (isCollection(item)) stack.push(item);
    }
  }
  return found.sort((a, b) => a - b);
}

function isCollection(node: YamlNode | null): boolean {
  return node?.kind === 'map' || node?.kind === 'seq';
}

/** Whether a key before `entries[i]` is a scalar of value `value`. */
function repeatsEarlierKey(entries: readonly (YamlNode | null)[], i: number, value: unknown): boolean {
  for (let j = 0; j < i; j += 2) {
    const key = entries[j]!;
    if (key?.kind === 'scalar' && key.value === value) return true;
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

/**
 * Letters, digits, `.`, `_`, `-`, `/` and `*`, where `**` stands only as a whole segment (so never
 * `***`): nothing to escape, expand, refuse or warn about. One expression, not a second test for
 * patterns with `**`: that branch, first taken after the per-rule code was optimized without it,
 * threw the optimized code away and had it compiled again (20 ms of compiler time on 4,400 rules).
 */
const PLAIN_PATTERN = /^(?!.*(?:[^/]\*\*|\*\*[^/]))[\w.*/-]+$/;

const NO_PROBLEMS: PatternCheck['problems'] = Object.freeze([]);

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
  return isPlainPattern(pattern) ? { expanded: [pattern], problems: NO_PROBLEMS } : checkPatternInFull(pattern);
}

/** Whether `pattern` is plain path characters and wildcards, which none of the checks concern: it stands for itself. */
function isPlainPattern(pattern: string): boolean {
  return pattern.length <= MAX_PATTERN_LENGTH && PLAIN_PATTERN.test(pattern);
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
