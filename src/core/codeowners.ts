/**
 * Reading CODEOWNERS files (GitHub and GitLab syntax) and resolving owners from them.
 */
import { compilePattern, MAX_PATTERN_LENGTH, normalizePath, type Flavor } from './pattern.js';
import { buildRuleIndex, type RuleIndex } from './ruleIndex.js';
import { lineSpan, makeProblem, type Problem, type ProblemSpan } from './problems.js';

/** One rule line of a CODEOWNERS file. */
export interface CodeownersEntry {
  /** 1-based line number. */
  readonly line: number;
  /** 1-based column where the pattern starts. */
  readonly column: number;
  /** The pattern as written (escapes kept). */
  readonly pattern: string;
  /** Owners as written on the line (may be empty: explicitly unowned). */
  readonly owners: readonly string[];
  /** GitLab section name; `''` before any section header. */
  readonly section: string;
  /** GitLab `!pattern`: files it matches are taken out of the section. */
  readonly exclusion: boolean;
}

/** A GitLab section header: `[Name]`, `^[Optional name][2] @default-owners`. */
export interface CodeownersSection {
  /** As written between the brackets, trimmed; entries name their section by it. */
  readonly name: string;
  /** 1-based line of the header. */
  readonly line: number;
  /** `^[…]`: approval from the section's owners is optional. */
  readonly optional: boolean;
  /** `[…][N]`: how many of its owners must approve; `undefined` when not written. */
  readonly approvals: number | undefined;
  /** Owners after the header: what lines of the section without owners of their own get. */
  readonly defaultOwners: readonly string[];
}

/** A parsed CODEOWNERS file. */
export interface CodeownersFile {
  readonly flavor: Flavor;
  readonly entries: readonly CodeownersEntry[];
  readonly sections: readonly CodeownersSection[];
  readonly problems: readonly Problem[];
}

const SECTION_RE = /^(\^)?\[([^\]]+)\](?:\[(\d+)\])?(.*)$/;

/** Is the character code a space or a tab, which separate the tokens of a line? */
function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

/**
 * Split a line into whitespace-separated tokens, keeping `\ ` escapes inside a token. A token's
 * text is what the line has there, escapes and all, so it is one slice of the line: thousands of
 * lines read a character at a time into a growing string cost a large file's load more than the
 * rest of reading it.
 */
function tokenize(line: string): LineToken[] {
  const tokens: LineToken[] = [];
  const n = line.length;
  let i = 0;
  for (;;) {
    while (i < n && isBlank(line.charCodeAt(i))) i++;
    if (i >= n) return tokens;
    const start = i;
    // A backslash takes the next character into the token, even a blank.
    while (i < n && !isBlank(line.charCodeAt(i))) i += line.charCodeAt(i) === 92 && i + 1 < n ? 2 : 1;
    tokens.push({ text: line.slice(start, i), column: start + 1 });
  }
}

/** A token of a rule line: its text (escapes kept) and 1-based column. */
export interface LineToken {
  readonly text: string;
  readonly column: number;
}

/**
 * The tokens of a rule line that count: the pattern, then the owner tokens. On GitHub a token
 * after the pattern that starts with `#` begins a comment, which is dropped. GitLab has no
 * inline comments: its reference says owners written after a `#` are read like any others (and
 * words that are not owners are skipped anyway). The parser and the linter both read lines
 * through this, so they agree on where each owner stands.
 */
export function ruleTokens(raw: string, flavor: Flavor = 'github'): LineToken[] {
  const tokens = tokenize(raw);
  if (flavor === 'gitlab') return tokens;
  for (let t = 1; t < tokens.length; t++) if (tokens[t]!.text.charCodeAt(0) === 35) return tokens.slice(0, t);
  return tokens;
}

/**
 * The key GitLab groups entries by: section names are not case-sensitive, and sections with
 * the same name are one section (GitLab's reference, "Section names"). GitHub has one group.
 */
export function sectionKey(section: string, flavor: Flavor): string {
  return flavor === 'gitlab' ? section.toLowerCase() : '';
}

/** Does a token look like an owner: `@user`, `@org/team` or an e-mail address? */
export function isOwnerToken(token: string, flavor: Flavor = 'github'): boolean {
  // GitLab also names roles of the project: `@@developer`, `@@maintainer`.
  if (flavor === 'gitlab' && GITLAB_ROLE_TOKEN.test(token)) return true;
  return OWNER_NAME.test(token) || isEmailAddress(token);
}

const GITLAB_ROLE_TOKEN = /^@@[a-z_]+$/;
/** `@user`, `@org/team`. */
const OWNER_NAME = /^@[A-Za-z0-9](?:[A-Za-z0-9._-]*)(?:\/[A-Za-z0-9._-]+)*$/;

/** GitLab's role owners: every member of the project with that role (plural forms are GitLab's too). */
export const GITLAB_ROLE_OWNERS: readonly string[] = ['@@developer', '@@maintainer', '@@owner'];

/** Is `holder` one of GitLab's role owners (`@@maintainer`, `@@maintainers`)? */
export function isGitlabRoleOwner(holder: string): boolean {
  return GITLAB_ROLE_OWNERS.includes(holder.replace(/s$/, ''));
}

/**
 * Why a GitLab role owner cannot be a holder for `target`, or `undefined` when it can (GitLab,
 * or a target not chosen yet). GitHub has no role owners: it would drop the token and the
 * paths would lose that owner.
 */
export function roleOwnerRefusal(holder: string, target: Flavor | undefined): string | undefined {
  if (!isGitlabRoleOwner(holder) || target !== 'github') return undefined;
  return `"${holder}" is a GitLab role owner; GitHub has none and would ignore it. Name a team instead, or set codeowners.target: gitlab`;
}

/**
 * `local@domain.tld`: what `/^[^@\s]+@[^@\s]+\.[^@\s]+$/` accepts, checked without the regex,
 * whose backtracking over the dots is quadratic (a 100 kB token in a hostile file took seconds).
 * Control characters and bidirectional overrides are refused too: holders are printed to
 * terminals and written into CODEOWNERS, where an escape sequence or a right-to-left override
 * would make one owner look like another.
 */
function isEmailAddress(token: string): boolean {
  const at = token.indexOf('@');
  if (at <= 0 || /[\s\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u.test(token)) return false;
  const domain = token.slice(at + 1);
  if (domain.includes('@')) return false;
  // A dot with at least one character on each side.
  const dot = domain.indexOf('.', 1);
  return dot !== -1 && dot < domain.length - 1;
}

/**
 * Parse CODEOWNERS text. GitHub: one rule a line, `#` comments; GitLab additionally has
 * `[Section]` / `^[Optional section][N] @default-owners` headers and `!pattern` exclusions.
 * Never throws; odd lines come back as problems.
 */
export function parseCodeowners(text: string, flavor: Flavor = 'github'): CodeownersFile {
  const entries: CodeownersEntry[] = [];
  const sections: CodeownersSection[] = [];
  const problems: Problem[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  let section: CodeownersSection | undefined;
  // An indexed loop: a large file's lines are read before V8 optimises this, and until then a
  // callback per line (`forEach`) costs a call each.
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.charCodeAt(0) === 35) continue;
    const header = flavor === 'gitlab' ? SECTION_RE.exec(trimmed) : null;
    if (header) sections.push((section = sectionHeader(header, index + 1)));
    else {
      const entry = lineEntry(raw, index + 1, flavor, section, problems);
      if (entry) entries.push(entry);
    }
  }
  return { flavor, entries, sections, problems };
}

/** The section a GitLab header line (matched by `SECTION_RE`) opens. */
function sectionHeader(header: RegExpExecArray, line: number): CodeownersSection {
  // As on rule lines, GitLab reads owners after a `#` too.
  const owners = tokenize(header[4] ?? '')
    .map((t) => t.text)
    .filter((t) => isOwnerToken(t, 'gitlab'));
  return {
    name: header[2]!.trim(),
    line,
    optional: header[1] === '^',
    approvals: header[3] ? Number(header[3]) : undefined,
    defaultOwners: owners,
  };
}

/**
 * The entry a rule line (not blank, not a comment, not a section header) makes in `section`, or
 * `undefined` when the line is ignored; what is wrong with it goes to `problems`.
 */
function lineEntry(raw: string, line: number, flavor: Flavor, section: CodeownersSection | undefined, problems: Problem[]): CodeownersEntry | undefined {
  const live = ruleTokens(raw, flavor);
  const first = live[0];
  if (!first) return undefined;
  let pattern = first.text;
  let exclusion = false;
  if (flavor === 'gitlab' && pattern.startsWith('!')) {
    exclusion = true;
    pattern = pattern.slice(1);
  }
  const owners: string[] = [];
  for (let t = 1; t < live.length; t++) {
    const token = live[t]!;
    if (isOwnerToken(token.text, flavor)) owners.push(token.text);
    else if (flavor === 'github') {
      const message = `"${token.text}" is not an owner (@user, @org/team or an e-mail address)`;
      problems.push(makeProblem('warning', 'codeowners-invalid-owner', message, lineSpan(line, token.column, token.column + token.text.length)));
    }
  }
  if (flavor === 'github' && pattern.startsWith('!')) {
    problems.push(
      makeProblem('error', 'codeowners-negation', 'GitHub does not support "!" negation in CODEOWNERS; the line is ignored', tokenSpan(line, first)),
    );
    return undefined;
  }
  // The same bound ops-roles.yaml patterns have: matching work grows with pattern length, and
  // minimatch throws on very long ones, which would end the whole resolver.
  if (pattern.length > MAX_PATTERN_LENGTH) {
    const message = `pattern is longer than ${MAX_PATTERN_LENGTH} characters; the line is ignored`;
    problems.push(makeProblem('error', 'codeowners-pattern-too-long', message, tokenSpan(line, first)));
    return undefined;
  }
  return {
    line,
    column: first.column,
    pattern,
    // The flavor first: every line compares it, so V8 has seen the comparison when it optimises
    // this (a line with no owners may come only after that, and sent it back to be compiled).
    owners: flavor === 'gitlab' && owners.length === 0 && !exclusion && section ? section.defaultOwners : owners,
    section: section ? section.name : '',
    exclusion,
  };
}

/** Where a token stands on its line. */
function tokenSpan(line: number, token: LineToken): ProblemSpan {
  return lineSpan(line, token.column, token.column + token.text.length);
}

/** The answer for the paths `entry` decides alone: its owners once each, frozen. */
function entryAnswer(entry: CodeownersEntry): CodeownersMatch {
  return Object.freeze({ owners: Object.freeze([...new Set(entry.owners)]), entries: Object.freeze([entry]) });
}

/** What a CODEOWNERS file says of one path. */
export interface CodeownersMatch {
  /** The owners; `[]` when unowned. */
  readonly owners: readonly string[];
  /** The deciding entries (one on GitHub; one a section on GitLab). */
  readonly entries: readonly CodeownersEntry[];
}

/** A CODEOWNERS file ready to answer "who owns this path" quickly. */
export interface CodeownersResolver {
  readonly file: CodeownersFile;
  resolve(path: string): CodeownersMatch;
}

/** Build a resolver over a parsed file, with the file's own flavor's semantics. */
export function codeownersResolver(file: CodeownersFile): CodeownersResolver {
  const groups = new Map<string, { rules: CodeownersEntry[]; excludes: CodeownersEntry[] }>();
  for (const entry of file.entries) {
    const key = sectionKey(entry.section, file.flavor);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { rules: [], excludes: [] }));
    (entry.exclusion ? group.excludes : group.rules).push(entry);
  }
  const compiled: { rules: CodeownersEntry[]; excludes: CodeownersEntry[]; index: RuleIndex; excludeIndex: RuleIndex }[] = [];
  for (const group of groups.values()) {
    compiled.push({
      ...group,
      index: buildRuleIndex(group.rules.map((e) => compilePattern(e.pattern, file.flavor))),
      excludeIndex: buildRuleIndex(group.excludes.map((e) => compilePattern(e.pattern, file.flavor))),
    });
  }
  // With one group and no exclusions (every GitHub file) the deciding entry alone is the answer:
  // one frozen answer per entry, so resolving a whole repository allocates nothing per path. Made
  // when a path first needs it: most entries of a large file decide no path of a given list.
  const only = compiled.length === 1 && compiled[0]!.excludes.length === 0 ? compiled[0]! : undefined;
  const answers: (CodeownersMatch | undefined)[] | undefined = only?.rules.map(() => undefined);
  const unowned: CodeownersMatch = Object.freeze({ owners: Object.freeze([]), entries: Object.freeze([]) });
  return {
    file,
    resolve(rawPath: string): CodeownersMatch {
      if (only && answers) {
        // The path's form is checked once per directory, not on every path of a long list.
        const i = only.index.lastMatchNormalized(rawPath);
        return i === -1 ? unowned : (answers[i] ?? (answers[i] = entryAnswer(only.rules[i]!)));
      }
      const path = normalizePath(rawPath);
      // A set: one line may list thousands of owners, and this runs for every path.
      const owners = new Set<string>();
      const entries: CodeownersEntry[] = [];
      for (const group of compiled) {
        if (group.excludes.length && group.excludeIndex.lastMatch(path) !== -1) continue;
        const i = group.index.lastMatch(path);
        if (i === -1) continue;
        const entry = group.rules[i]!;
        entries.push(entry);
        for (const owner of entry.owners) owners.add(owner);
      }
      return { owners: [...owners], entries };
    },
  };
}
