/**
 * The CODEOWNERS linter: what a host ignores or misreads in a CODEOWNERS file, each finding
 * with a stable rule id ({@link LINT_RULES}). One implementation for `ops-roles lint` and the
 * editor's diagnostics, so both report the same codes at the same places.
 *
 * The rules that need the repository's files (a pattern that matches nothing, a rule that
 * never decides, two CODEOWNERS files) run only when a file list is given; the CLI and the
 * editor both give one.
 */
import {
  codeownersResolver,
  isOwnerToken,
  parseCodeowners,
  ruleTokens,
  sectionKey,
  type CodeownersEntry,
  type CodeownersFile,
  type CodeownersMatch,
} from './codeowners.js';
import { CODEOWNERS_LOCATIONS, flavorName, shadowingCodeowners } from './codeownersTarget.js';
import { findMarkers, MAX_CODEOWNERS_BYTES } from './generate.js';
import { characterClassLike, compilePattern, type CompiledPattern, type Flavor } from './pattern.js';
import { buildRuleIndex } from './ruleIndex.js';
import { lineSpan, makeProblem, type Problem } from './problems.js';

/** Every rule id the linter reports, with what it means (the table in docs/codeowners.md). */
export const LINT_RULES = {
  'codeowners-invalid-owner': 'An owner that is not @user, @org/team or an e-mail address (GitHub skips it).',
  'codeowners-negation': 'A `!pattern` line in a GitHub file: GitHub has no negation and ignores the line.',
  'codeowners-pattern-too-long': 'A pattern longer than 4,096 characters: not read.',
  'codeowners-character-class': 'A `[…]` that looks like a character class: GitHub reads brackets literally and reports the line.',
  'codeowners-no-owners':
    'A pattern without owners that changes nothing (no earlier line gave its files owners), or a GitLab entry with no owners and no section default.',
  'codeowners-no-match': 'A pattern that matches no file of the repository.',
  'codeowners-shadowed': 'A rule that matches files but decides none: later rules take all of them.',
  'codeowners-duplicate-pattern': 'The same pattern again later (in the same section): this line has no effect.',
  'codeowners-too-large': 'A GitHub CODEOWNERS of 3 MB or more: GitHub ignores the whole file.',
  'codeowners-duplicate-owner': 'The same owner twice on one line.',
  'codeowners-two-locations': 'CODEOWNERS files in two of the places the host looks: only the first found is read.',
  'codeowners-lone-slash': 'A lone `/` as a pattern: GitHub does not document it and tools disagree; `*` means every file.',
  'codeowners-section-syntax': 'A GitLab line that starts like a section header but is not one GitLab can read.',
  'codeowners-section-approvals': 'A GitLab `[Section][N]` with N < 1: GitLab needs at least one approval.',
  'codeowners-section-case': 'GitLab section names alike but for case: GitLab merges them into one section.',
} as const;

/** A rule id of the linter. */
export type LintRuleId = keyof typeof LINT_RULES;

/** What {@link lintCodeowners} needs besides the text. */
export interface LintOptions {
  /** Whose reading applies (`codeownersDialect` decides it). */
  readonly flavor: Flavor;
  /** The file's repository-relative path, for `codeowners-two-locations`. */
  readonly path?: string;
  /** The repository's files (sorted, repository-relative); without them the file-based rules are skipped. */
  readonly files?: readonly string[];
}

/** Lines and parse of the text, shared by the rules. */
interface Linted {
  readonly flavor: Flavor;
  readonly lines: readonly string[];
  readonly file: CodeownersFile;
  /** Entries the rules below leave alone: lines already reported as something that is not a rule. */
  readonly skip: Set<CodeownersEntry>;
  /** The file list is sorted, so the files below a prefix stand together. */
  readonly sorted: boolean;
  /** Each entry's pattern, compiled once for all the rules. */
  readonly compiled: Map<CodeownersEntry, CompiledPattern>;
  /** Is a 1-based line inside the generated block (between the Ops Roles markers)? */
  readonly generated: (line: number) => boolean;
}

/**
 * Lines of the generated block. What only ops-roles.yaml can fix there (a rule that matches
 * nothing or never decides: coverage reports it at the rule) is not reported on them, nor the
 * generator's deliberate pairs (`/**\/Makefile` and `/**\/Makefile/`, one for a file and one for
 * a directory, so both hosts read the same), of which one usually matches nothing.
 */
function generatedLines(lines: readonly string[]): (line: number) => boolean {
  const markers = findMarkers(lines);
  if (typeof markers === 'string') return () => false;
  return (line) => line - 1 > markers.begin && line - 1 < markers.end;
}

function compiledOf(state: Linted, entry: CodeownersEntry): CompiledPattern {
  let pattern = state.compiled.get(entry);
  if (!pattern) state.compiled.set(entry, (pattern = compilePattern(entry.pattern, state.flavor)));
  return pattern;
}

/** Lint CODEOWNERS text; the problems come back sorted by position. Never throws on user input. */
export function lintCodeowners(text: string, options: LintOptions): Problem[] {
  const { flavor } = options;
  const bytes = new TextEncoder().encode(text).length;
  if (flavor === 'github' && bytes >= MAX_CODEOWNERS_BYTES) {
    // GitHub reads none of it: the line rules would describe a file nobody applies.
    return [
      makeProblem('error', 'codeowners-too-large', `this CODEOWNERS is ${bytes.toLocaleString('en-US')} bytes; GitHub ignores a CODEOWNERS of 3 MB or more`),
    ];
  }
  const file = parseCodeowners(text, flavor);
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const state: Linted = {
    flavor,
    lines,
    file,
    skip: new Set(),
    sorted: isSorted(options.files ?? []),
    compiled: new Map(),
    generated: generatedLines(lines),
  };
  // In this order: each rule may mark lines (state.skip) that the later ones leave alone. Joined
  // with flat(), not push(...): a hostile file yields more findings than a call takes arguments.
  const found: Problem[][] = [file.problems.slice(), flavor === 'gitlab' ? sectionProblems(state) : []];
  found.push(lineProblems(state), duplicatePatterns(state), noOwners(state, options.files));
  if (options.files) found.push(unusedRules(state, options.files));
  if (options.files && options.path !== undefined) found.push(twoLocations(flavor, options.path, options.files));
  return found.flat().sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Where an entry's pattern stands (with GitLab's `!`). */
function patternSpan(entry: CodeownersEntry) {
  return lineSpan(entry.line, entry.column, entry.column + entry.pattern.length + (entry.exclusion ? 1 : 0));
}

/** What one line says wrong on its own: class-like brackets, a lone `/`, an owner twice. */
function lineProblems(state: Linted): Problem[] {
  const problems: Problem[] = [];
  for (const entry of state.file.entries) {
    if (state.skip.has(entry)) continue;
    if (state.flavor === 'github') {
      const bracket = characterClassLike(entry.pattern);
      if (bracket) {
        const message = `"${bracket}" looks like a character class, but GitHub reads brackets literally and reports this line as an error`;
        problems.push(makeProblem('warning', 'codeowners-character-class', message, patternSpan(entry)));
      }
      if (entry.pattern === '/') {
        const message = 'a lone "/" is not documented by GitHub and tools read it differently; write "*" to mean every file';
        problems.push(makeProblem('warning', 'codeowners-lone-slash', message, patternSpan(entry), { replacement: '*' }));
        state.skip.add(entry);
      }
    }
    duplicateOwners(state, entry, problems);
  }
  return problems;
}

/** Adds to `problems` each owner written twice on the entry's line (handles compared without case, as hosts do). */
function duplicateOwners(state: Linted, entry: CodeownersEntry, problems: Problem[]): void {
  const seen = new Set<string>();
  for (const token of ruleTokens(state.lines[entry.line - 1] ?? '', state.flavor).slice(1)) {
    if (!isOwnerToken(token.text, state.flavor)) continue;
    const key = token.text.toLowerCase();
    if (seen.has(key)) {
      const span = lineSpan(entry.line, token.column, token.column + token.text.length);
      problems.push(makeProblem('warning', 'codeowners-duplicate-owner', `${token.text} is listed twice on this line`, span, { owner: token.text }));
    }
    seen.add(key);
  }
}

/** The key two entries share when the later one makes the earlier pointless. */
function entryKey(flavor: Flavor, entry: CodeownersEntry): string {
  return `${sectionKey(entry.section, flavor)}\0${entry.exclusion ? '!' : ''}${entry.pattern}`;
}

/** An earlier line whose exact pattern comes again later in the same section. */
function duplicatePatterns(state: Linted): Problem[] {
  const last = new Map<string, CodeownersEntry>();
  for (const entry of state.file.entries) if (!state.skip.has(entry)) last.set(entryKey(state.flavor, entry), entry);
  const problems: Problem[] = [];
  for (const entry of state.file.entries) {
    const later = last.get(entryKey(state.flavor, entry));
    if (!later || later === entry || state.skip.has(entry)) continue;
    const message = `the same pattern comes again on line ${later.line}, which decides instead; this line has no effect`;
    problems.push(makeProblem('warning', 'codeowners-duplicate-pattern', message, patternSpan(entry), { line: String(later.line) }));
    state.skip.add(entry);
  }
  return problems;
}

/**
 * Entries without owners. GitLab reports one as an error when its section has no default owners
 * either. On GitHub an owner-less line is how a later rule takes ownership away, so it is
 * reported only when it takes nothing away: no earlier line gives any file it matches owners
 * (without a file list: no earlier line has owners at all).
 */
function noOwners(state: Linted, files: readonly string[] | undefined): Problem[] {
  const problems: Problem[] = [];
  let firstOwned: ((path: string) => number) | undefined;
  for (const entry of state.file.entries) {
    if (entry.owners.length > 0 || entry.exclusion || state.skip.has(entry)) continue;
    if (state.flavor === 'gitlab') {
      const message = 'this entry has no owners and its section has no default owners; GitLab reports it as an error';
      problems.push(makeProblem('error', 'codeowners-no-owners', message, patternSpan(entry)));
      continue;
    }
    firstOwned ??= firstOwnedLine(state);
    if (takesOwnershipAway(compiledOf(state, entry), entry.line, firstOwned, files, state.sorted)) continue;
    const message = 'this pattern has no owners and no earlier line gives its files owners, so it changes nothing; add the owners that were meant';
    problems.push(makeProblem('warning', 'codeowners-no-owners', message, patternSpan(entry)));
  }
  return problems;
}

/**
 * The line of the first entry with owners that matches a path (`Infinity` for none; `''` stands
 * for "any path", for the check without a file list). One rule index over the entries in
 * reverse, whose last match is the first: one lookup a path, however many owner-less lines.
 */
function firstOwnedLine(state: Linted): (path: string) => number {
  const owned = state.file.entries.filter((e) => e.owners.length > 0 && !state.skip.has(e)).reverse();
  const index = buildRuleIndex(owned.map((e) => compiledOf(state, e)));
  const firstLine = owned.length ? owned[owned.length - 1]!.line : Infinity;
  return (path) => {
    if (path === '') return firstLine;
    const i = index.lastMatch(path);
    return i === -1 ? Infinity : owned[i]!.line;
  };
}

function takesOwnershipAway(
  pattern: CompiledPattern,
  line: number,
  firstOwned: (path: string) => number,
  files: readonly string[] | undefined,
  sorted: boolean,
): boolean {
  if (!files) return firstOwned('') < line;
  return matchingFiles(pattern, files, sorted).some((i) => firstOwned(files[i]!) < line);
}

/** Patterns that match no file, and rules that match files but decide none of them. */
function unusedRules(state: Linted, files: readonly string[]): Problem[] {
  const resolver = codeownersResolver(state.file);
  const answers: CodeownersMatch[] = files.map((f) => resolver.resolve(f));
  const decided = new Set<CodeownersEntry>();
  for (const answer of answers) for (const entry of answer.entries) decided.add(entry);
  const problems: Problem[] = [];
  for (const entry of state.file.entries) {
    if (decided.has(entry) || state.skip.has(entry) || state.generated(entry.line)) continue;
    const pattern = compiledOf(state, entry);
    const matched = matchingFiles(pattern, files, state.sorted);
    if (matched.length === 0) {
      const message = `"${entry.exclusion ? '!' : ''}${entry.pattern}" matches no file in the repository`;
      problems.push(makeProblem('warning', 'codeowners-no-match', message, patternSpan(entry)));
    } else if (!entry.exclusion) {
      problems.push(shadowedProblem(state.flavor, entry, matched, answers, files));
    }
  }
  return problems;
}

/**
 * Indexes (into `files`) of the files `pattern` matches. An anchored pattern with a literal
 * directory prefix can only match files below it, which in a sorted list stand together: only
 * those are tested (a 5,000-rule file over 100,000 paths goes from seconds to milliseconds).
 */
function matchingFiles(pattern: CompiledPattern, files: readonly string[], sorted: boolean): number[] {
  const out: number[] = [];
  const prefix = pattern.literalPrefix;
  let i = sorted && prefix ? lowerBound(files, prefix) : 0;
  for (; i < files.length; i++) {
    const f = files[i]!;
    if (sorted && prefix && !f.startsWith(prefix)) break;
    if (pattern.match(f)) out.push(i);
  }
  return out;
}

/** The first index of sorted `files` whose path is not below `key`. */
function lowerBound(files: readonly string[], key: string): number {
  let lo = 0;
  let hi = files.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (files[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Is the list in the order the file-list sources give (JavaScript's default sort)? */
function isSorted(files: readonly string[]): boolean {
  for (let i = 1; i < files.length; i++) if (files[i - 1]! > files[i]!) return false;
  return true;
}

function shadowedProblem(
  flavor: Flavor,
  entry: CodeownersEntry,
  matched: readonly number[],
  answers: readonly CodeownersMatch[],
  files: readonly string[],
): Problem {
  const key = sectionKey(entry.section, flavor);
  const lines = new Set<number>();
  for (const i of matched) {
    const decider = answers[i]!.entries.find((e) => sectionKey(e.section, flavor) === key);
    if (decider) lines.add(decider.line);
  }
  const sorted = [...lines].sort((a, b) => a - b);
  const shown = sorted.slice(0, 3).join(', ') + (sorted.length > 3 ? ` and ${sorted.length - 3} more` : '');
  const message =
    sorted.length === 0
      ? `every file this pattern matches (such as ${files[matched[0]!]}) is excluded from its section, so it decides nothing`
      : `every file this pattern matches is decided by a later rule (line ${shown}); this line has no effect`;
  return makeProblem('warning', 'codeowners-shadowed', message, patternSpan(entry), sorted.length ? { lines: sorted.join(',') } : undefined);
}

/** A CODEOWNERS in one of the host's places when another of them also has one. */
function twoLocations(flavor: Flavor, path: string, files: readonly string[]): Problem[] {
  const order = CODEOWNERS_LOCATIONS[flavor];
  if (!order.includes(path)) return [];
  const present = new Set(files);
  const exists = (p: string) => p === path || present.has(p);
  const host = flavorName(flavor);
  const first = shadowingCodeowners(flavor, path, exists);
  if (first) {
    return [
      makeProblem(
        'error',
        'codeowners-two-locations',
        `${host} reads ${first} and ignores this file: it looks in ${order.join(', ')} and uses the first it finds`,
        lineSpan(),
        { read: first },
      ),
    ];
  }
  const ignored = order.filter((p) => p !== path && exists(p));
  if (ignored.length === 0) return [];
  const message = `${ignored.join(' and ')} ${ignored.length === 1 ? 'also exists' : 'also exist'}; ${host} reads this file and ignores ${ignored.length === 1 ? 'it' : 'them'}`;
  return [makeProblem('warning', 'codeowners-two-locations', message, lineSpan(), { read: path })];
}

/** A section header GitLab reads: `[Name]`, `^[Name]`, `[Name][N]`, then owners or a comment. */
const SECTION_HEADER = /^\s*\^?\[([^\]]+)\](?:\[\d+\])?(?=\s|$)/;
/** A line that starts like a section header. */
const SECTION_START = /^\s*\^?\[/;

/** GitLab's section rules: headers it cannot read, `[N]` below 1, names alike but for case. */
function sectionProblems(state: Linted): Problem[] {
  const problems: Problem[] = [];
  state.lines.forEach((raw, i) => {
    if (!SECTION_START.test(raw)) return;
    const header = SECTION_HEADER.exec(raw);
    if (header && header[1]!.trim() !== '') return;
    const start = raw.search(/\S/) + 1;
    const message = 'GitLab cannot read this section header; write [Name], ^[Name] or [Name][N], then the default owners';
    problems.push(makeProblem('error', 'codeowners-section-syntax', message, lineSpan(i + 1, start, raw.trimEnd().length + 1)));
    for (const entry of state.file.entries) if (entry.line === i + 1) state.skip.add(entry);
  });
  const byName = new Map<string, { name: string; line: number }>();
  for (const section of state.file.sections) {
    const raw = state.lines[section.line - 1] ?? '';
    const span = lineSpan(section.line, raw.search(/\S/) + 1, raw.indexOf(']') + 2);
    if (section.approvals !== undefined && section.approvals < 1) {
      problems.push(makeProblem('error', 'codeowners-section-approvals', `[${section.name}][${section.approvals}]: a section needs at least 1 approval`, span));
    }
    const first = byName.get(section.name.toLowerCase());
    if (!first) byName.set(section.name.toLowerCase(), { name: section.name, line: section.line });
    else if (first.name !== section.name) {
      const message = `GitLab merges [${section.name}] with [${first.name}] (line ${first.line}): section names are not case-sensitive; write them the same way`;
      problems.push(makeProblem('warning', 'codeowners-section-case', message, span, { name: first.name }));
    }
  }
  return problems;
}

/** A text edit that fixes a finding, in 1-based columns on the finding's line. */
export interface LintFix {
  readonly title: string;
  readonly line: number;
  /** Replace columns `[startColumn, endColumn)` with `text`; `wholeLine`: remove the line itself. */
  readonly startColumn: number;
  readonly endColumn: number;
  readonly text: string;
  readonly wholeLine: boolean;
}

/**
 * The obvious fix for a finding, if it has one: a lone `/` becomes `*`, a repeated owner is
 * removed with the space before it, a line whose pattern comes again later is removed.
 * `lineText` is the finding's line as it stands.
 */
export function lintFix(problem: Problem, lineText: string): LintFix | undefined {
  const at = { line: problem.line, startColumn: problem.column, endColumn: problem.endColumn };
  switch (problem.code) {
    case 'codeowners-lone-slash':
      return { ...at, title: 'Replace "/" with "*" (every file)', text: '*', wholeLine: false };
    case 'codeowners-duplicate-owner': {
      let start = problem.column - 1;
      while (start > 0 && (lineText[start - 1] === ' ' || lineText[start - 1] === '\t')) start--;
      return { ...at, startColumn: start + 1, title: `Remove the repeated ${problem.data?.owner ?? 'owner'}`, text: '', wholeLine: false };
    }
    case 'codeowners-duplicate-pattern':
      return {
        ...at,
        startColumn: 1,
        endColumn: lineText.length + 1,
        title: `Remove this line (line ${problem.data?.line ?? '?'} decides)`,
        text: '',
        wholeLine: true,
      };
    default:
      return undefined;
  }
}
