/**
 * Reading CODEOWNERS files (GitHub and GitLab syntax) and resolving owners from them.
 */
import { compilePattern, MAX_PATTERN_LENGTH, normalizePath, type Flavor } from './pattern.js';
import { buildRuleIndex, type RuleIndex } from './ruleIndex.js';
import { lineSpan, makeProblem, type Problem } from './problems.js';

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

/** Split a line into whitespace-separated tokens, keeping `\ ` escapes inside a token. */
function tokenize(line: string): { text: string; column: number }[] {
  const tokens: { text: string; column: number }[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
    if (i >= line.length) break;
    const start = i;
    let text = '';
    while (i < line.length && line[i] !== ' ' && line[i] !== '\t') {
      if (line[i] === '\\' && i + 1 < line.length) {
        text += line[i]! + line[i + 1]!;
        i += 2;
      } else text += line[i++];
    }
    tokens.push({ text, column: start + 1 });
  }
  return tokens;
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
  const commentAt = tokens.findIndex((t, i) => i > 0 && t.text.startsWith('#'));
  return commentAt === -1 ? tokens : tokens.slice(0, commentAt);
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
  if (flavor === 'gitlab' && /^@@[a-z_]+$/.test(token)) return true;
  return /^@[A-Za-z0-9](?:[A-Za-z0-9._-]*)(?:\/[A-Za-z0-9._-]+)*$/.test(token) || isEmailAddress(token);
}

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
  let section = '';
  let sectionDefaults: readonly string[] = [];

  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;

    if (flavor === 'gitlab') {
      const header = SECTION_RE.exec(trimmed);
      if (header) {
        // As on rule lines, GitLab reads owners after a `#` too.
        const owners = tokenize(header[4] ?? '')
          .map((t) => t.text)
          .filter((t) => isOwnerToken(t, flavor));
        section = header[2]!.trim();
        sectionDefaults = owners;
        sections.push({
          name: section,
          line: lineNo,
          optional: header[1] === '^',
          approvals: header[3] ? Number(header[3]) : undefined,
          defaultOwners: owners,
        });
        return;
      }
    }

    const live = ruleTokens(raw, flavor);
    const first = live[0];
    if (!first) return;
    let pattern = first.text;
    let exclusion = false;
    if (flavor === 'gitlab' && pattern.startsWith('!')) {
      exclusion = true;
      pattern = pattern.slice(1);
    }
    const ownerTokens = live.slice(1);
    const owners: string[] = [];
    for (const token of ownerTokens) {
      if (isOwnerToken(token.text, flavor)) owners.push(token.text);
      else if (flavor === 'github') {
        const message = `"${token.text}" is not an owner (@user, @org/team or an e-mail address)`;
        problems.push(makeProblem('warning', 'codeowners-invalid-owner', message, lineSpan(lineNo, token.column, token.column + token.text.length)));
      }
    }
    const patternSpan = lineSpan(lineNo, first.column, first.column + first.text.length);
    if (flavor === 'github' && pattern.startsWith('!')) {
      problems.push(makeProblem('error', 'codeowners-negation', 'GitHub does not support "!" negation in CODEOWNERS; the line is ignored', patternSpan));
      return;
    }
    // The same bound ops-roles.yaml patterns have: matching work grows with pattern length, and
    // minimatch throws on very long ones, which would end the whole resolver.
    if (pattern.length > MAX_PATTERN_LENGTH) {
      problems.push(
        makeProblem('error', 'codeowners-pattern-too-long', `pattern is longer than ${MAX_PATTERN_LENGTH} characters; the line is ignored`, patternSpan),
      );
      return;
    }
    entries.push({
      line: lineNo,
      column: first.column,
      pattern,
      owners: owners.length === 0 && flavor === 'gitlab' && !exclusion ? sectionDefaults : owners,
      section,
      exclusion,
    });
  });

  return { flavor, entries, sections, problems };
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
  // one frozen answer per entry, so resolving a whole repository allocates nothing per path.
  const only = compiled.length === 1 && compiled[0]!.excludes.length === 0 ? compiled[0]! : undefined;
  const answers = only?.rules.map((entry) => Object.freeze({ owners: Object.freeze([...new Set(entry.owners)]), entries: Object.freeze([entry]) }));
  const unowned: CodeownersMatch = Object.freeze({ owners: Object.freeze([]), entries: Object.freeze([]) });
  return {
    file,
    resolve(rawPath: string): CodeownersMatch {
      if (only && answers) {
        // The path's form is checked once per directory, not on every path of a long list.
        const i = only.index.lastMatchNormalized(rawPath);
        return i === -1 ? unowned : answers[i]!;
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
