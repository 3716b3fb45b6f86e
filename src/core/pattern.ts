/**
 * CODEOWNERS pattern matching.
 *
 * Segment globs (`*`, `?`, backslash escapes) are parsed by minimatch; how segments combine is
 * CODEOWNERS', not minimatch's: a pattern without an inner slash floats to any depth, a match on
 * a directory owns everything below it, `dir/*` owns direct children only, `**` spans
 * directories, square brackets are literal text on GitHub. `flavor: 'gitlab'` follows GitLab's
 * reading instead (every pattern without a leading `/` floats; no implicit directory contents).
 */
import { GLOBSTAR, Minimatch } from 'minimatch';

/** Whose reading of a CODEOWNERS pattern to apply. */
export type Flavor = 'github' | 'gitlab';

/** What a name test made by minimatch offers (a regular expression, as a rule). */
interface NameTest {
  test(name: string): boolean;
}

/** Stands for a glob's test not made yet. */
const NOT_YET: NameTest = { test: () => false };

/**
 * One compiled path segment: a literal name (`text`), a glob tested by minimatch (`text` is the
 * glob), `*`, or `**`. One class for every kind, fields set in the constructor, so that the
 * matching loops meet one object shape and call one `test`: segments of four shapes, and a
 * closure per glob, made V8 throw away the optimised loops each time a new kind came along.
 */
class Segment {
  /**
   * The glob's test, made when a name is first tested: a lookup tests few of a large file's
   * globs, so the index need not build a minimatch object for each of thousands of them up
   * front. `undefined` when the glob compares as the plain name {@link literal} after all.
   */
  private matcher: NameTest | undefined;
  private literal = '';

  constructor(
    readonly kind: 'literal' | 'glob' | 'star' | 'globstar',
    readonly text: string,
  ) {
    // Only a glob is tested by its matcher. The others hold `undefined` from the first segment
    // made (`STAR`, as the module loads), so V8 never narrows the field to the sentinel's shape:
    // the minimatch test that replaces it in the first lookup would otherwise throw away the
    // optimised matching code that relied on that shape.
    this.matcher = kind === 'glob' ? NOT_YET : undefined;
  }

  /** Does the glob match `name`? */
  test(name: string): boolean {
    if (this.matcher === NOT_YET) this.makeTest();
    return this.matcher === undefined ? name === this.literal : this.matcher.test(name);
  }

  /** The test minimatch makes of the glob (a plain comparison when it has no wildcard after all). */
  private makeTest(): void {
    const part = new Minimatch(this.text, SEGMENT_OPTIONS).set[0]?.[0];
    if (part !== undefined && part !== GLOBSTAR && typeof part !== 'string' && typeof part.test === 'function') {
      this.matcher = part;
      return;
    }
    this.matcher = undefined;
    this.literal = typeof part === 'string' ? part : unescape(this.text);
  }
}

const STAR = new Segment('star', '');
const GLOBSTAR_SEGMENT = new Segment('globstar', '');

/** A pattern ready to match repository-relative paths (`a/b/c.ts`, no leading slash). */
export interface CompiledPattern {
  /** The pattern as written. */
  readonly source: string;
  readonly flavor: Flavor;
  /** Whether the pattern is tied to the repository root. */
  readonly anchored: boolean;
  /**
   * Leading directory path that every matching file starts with (`apps/web` for
   * `/apps/web/**\/*.ts`), or `''` when the pattern floats or starts with a wildcard. Used by
   * the rule index; never needed for correctness.
   */
  readonly literalPrefix: string;
  /**
   * The longest literal segment every matching path contains as a whole path segment (the
   * rarest, as a rule), or `undefined` when the pattern has none.
   */
  readonly segmentKey: string | undefined;
  /** A `*.ext`-style suffix some path segment must end with, when the pattern has one. */
  readonly segmentSuffix: string | undefined;
  /** True when the pattern can match nothing (`/`, or an error already reported). */
  readonly matchesNothing: boolean;
  /**
   * A directory deeper than this many segments gets the same {@link filesIn} answer as its
   * parent: past the segments a pattern without `**` consumes, only those it consumed decide.
   * `Infinity` when no depth settles it. Lets the rule index skip asking.
   */
  readonly settledDepth: number;
  /**
   * Where {@link filesIn} is `undefined` for a directory, every file directly in it that the
   * pattern matches has a name ending with this (`.scss` for `**\/*.scss`, `index.ts` for
   * `/a/*\/index.ts`); `undefined` when no such text is known. The rule index skips testing
   * the pattern on other names.
   */
  readonly nameSuffix: string | undefined;
  /** Does the pattern own this file? */
  match(path: string): boolean;
  /**
   * What the pattern says of every file directly in one directory, when the directory alone
   * decides: `true` (it owns all of them), `false` (none), `undefined` (it depends on the
   * file's name). `directory` is `''` for the root, else the directory's path with a trailing
   * `/`. Lets the rule index decide a directory's files once instead of once per file.
   */
  filesIn(directory: string): boolean | undefined;
  /**
   * Might the pattern own some file in `directory` or anywhere below it (`directory` as for
   * {@link filesIn})? `false` is certain, `true` may not be. Lets the rule index drop the pattern
   * from a whole subtree (`/apps/*\/test/` below `apps/web/src/`) rather than ask each directory.
   */
  reachesBelow(directory: string): boolean;
}

/** Options that keep minimatch to single-segment globbing and never read the host platform. */
const SEGMENT_OPTIONS = {
  dot: true,
  nobrace: true,
  noext: true,
  nonegate: true,
  nocomment: true,
  noglobstar: true,
  optimizationLevel: 0,
  platform: 'linux',
} as const;

const segmentCache = new Map<string, Segment>();
/** Characters that make a segment more than its plain name, for either flavor. */
const PATTERN_SYNTAX = /[*?[\]\\]/;

function hasMagic(segment: string): boolean {
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}

function unescape(segment: string): string {
  return segment.replace(/\\(.)/g, '$1');
}

/** GitHub reads `[` and `]` as plain characters: escape them before minimatch sees them. */
function escapeBrackets(segment: string): string {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '\\' && i + 1 < segment.length) {
      out += c + segment[i + 1];
      i++;
    } else if (c === '[' || c === ']') {
      out += '\\' + c;
    } else {
      out += c;
    }
  }
  return out;
}

function compileSegment(raw: string, flavor: Flavor): Segment {
  // Most segments are plain names: nothing to escape, nothing to match but the name.
  if (!PATTERN_SYNTAX.test(raw)) return new Segment('literal', raw);
  const key = flavor + '\0' + raw;
  const cached = segmentCache.get(key);
  if (cached) return cached;
  const text = flavor === 'github' ? escapeBrackets(raw) : raw;
  const segment = hasMagic(text) ? new Segment('glob', text) : new Segment('literal', unescape(text));
  if (segmentCache.size > 50_000) segmentCache.clear();
  segmentCache.set(key, segment);
  return segment;
}

/** {@link segmentMatches} on `path.slice(start, end)`, slicing only for globs. */
function segmentMatchesAt(segment: Segment, path: string, start: number, end: number): boolean {
  switch (segment.kind) {
    case 'literal':
      return end - start === segment.text.length && path.startsWith(segment.text, start);
    case 'glob':
      return segment.test(path.slice(start, end));
    case 'star':
      return end > start;
    case 'globstar':
      return true;
  }
}

function segmentMatches(segment: Segment, name: string): boolean {
  switch (segment.kind) {
    case 'literal':
      return segment.text === name;
    case 'glob':
      return segment.test(name);
    case 'star':
      return name.length > 0;
    case 'globstar':
      return true;
  }
}

/** Split on `/`, keeping an escaped `\/` inside its segment. */
export function splitSegments(pattern: string): string[] {
  if (!pattern.includes('\\')) return pattern.split('/');
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      current += c + pattern[i + 1];
      i++;
    } else if (c === '/') {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

/**
 * How a compiled pattern ends, which decides whether a match on a directory owns what is below:
 * - `exact`: the last segment must be the file itself (GitHub's `dir/*`, every GitLab pattern);
 * - `descendants`: the last segment may also name a directory of the file;
 * - `below`: a trailing `**` (or `/`): one or more segments below must follow.
 */
type Tail = 'exact' | 'descendants' | 'below';

interface Shape {
  anchored: boolean;
  segments: Segment[];
  tail: Tail;
  nothing: boolean;
}

function githubShape(pattern: string): Shape {
  if (pattern === '/' || pattern === '') return { anchored: true, segments: [], tail: 'exact', nothing: true };
  let raw = splitSegments(pattern);
  let anchored = false;
  if (raw[0] === '') {
    raw = raw.slice(1);
    anchored = true;
  } else if (raw.length === 1 || (raw.length === 2 && raw[1] === '')) {
    if (raw[0] !== '**') raw = ['**', ...raw];
  } else {
    anchored = true;
  }
  if (raw.length > 1 && raw[raw.length - 1] === '') raw[raw.length - 1] = '**';

  const segments: Segment[] = [];
  let tail: Tail = 'exact';
  raw.forEach((text, i) => {
    const last = i === raw.length - 1;
    if (text === '**') {
      // `**` alone owns everything; a trailing `**` needs at least one segment below.
      if (last && i > 0) tail = 'below';
      else segments.push(GLOBSTAR_SEGMENT);
      if (last && i === 0) tail = 'below';
    } else if (text === '*') {
      segments.push(STAR);
    } else {
      segments.push(compileSegment(text, 'github'));
      if (last) tail = 'descendants';
    }
  });
  if (raw.length === 1 && raw[0] === '**') {
    return { anchored, segments: [], tail: 'below', nothing: false };
  }
  return { anchored, segments, tail, nothing: false };
}

/** GitLab rewrites every pattern to a root-anchored fnmatch glob before matching files. */
function gitlabShape(pattern: string): Shape {
  let p = pattern;
  if (p === '*') p = '/**/*';
  p = p.replace(/^\\#/, '#');
  if (!p.startsWith('/')) p = '/**/' + p;
  if (p.endsWith('/')) p = p + '**/*';
  const raw = splitSegments(p.slice(1));
  const segments: Segment[] = raw.map((text, i) => {
    const last = i === raw.length - 1;
    // fnmatch only treats `**` as "any directories" when a `/` follows it.
    if (text === '**' && !last) return GLOBSTAR_SEGMENT;
    if (text === '**' || text === '*') return compileSegment('*', 'gitlab');
    return compileSegment(text, 'gitlab');
  });
  return { anchored: true, segments, tail: 'exact', nothing: false };
}

/** Deepest path (in segments) that {@link reachOf} handles; deeper ones take {@link runSegmentsWide}. */
const NARROW_DEPTH = 29;

/**
 * Where each segment of the last path asked about starts (segment k ends one before
 * `starts[k + 1]`). The rule index tests several patterns against one path in a row; finding
 * the slashes once for all of them, without an array of substrings, is most of a match's cost.
 */
let boundsPath: string | undefined;
let boundsCount = 0;
let starts = new Int32Array(64);
function segmentBounds(path: string): number {
  if (path === boundsPath) return boundsCount;
  let m = 0;
  let at = 0;
  for (;;) {
    if (m + 2 > starts.length) {
      const wider = new Int32Array(starts.length * 2);
      wider.set(starts);
      starts = wider;
    }
    starts[m++] = at;
    const slash = path.indexOf('/', at);
    if (slash === -1) break;
    at = slash + 1;
  }
  starts[m] = path.length + 1;
  boundsPath = path;
  boundsCount = m;
  return m;
}

/**
 * Which counts of leading path segments `segments` can consume, as bit k for "the first k", over
 * the path last given to {@link segmentBounds} (`m` segments, at most {@link NARROW_DEPTH}). A bit
 * set instead of an array per segment: matching allocates nothing.
 */
function reachOf(segments: readonly Segment[], path: string, m: number): number {
  // An indexed loop: until V8 optimises it, `for … of` makes an iterator object and a result
  // object per step, and a first pass over a file list runs this cold for most of its length.
  const all = (1 << (m + 1)) - 1;
  let reach = 1;
  for (let s = 0; s < segments.length; s++) {
    const segment = segments[s]!;
    let next = 0;
    if (segment.kind === 'globstar') {
      // Every count from the smallest reachable one on.
      next = all & ~((reach & -reach) - 1);
    } else {
      for (let rest = reach; rest !== 0; rest &= rest - 1) {
        const k = 31 - Math.clz32(rest & -rest);
        if (k < m && segmentMatchesAt(segment, path, starts[k]!, starts[k + 1]! - 1)) next |= 1 << (k + 1);
      }
    }
    if (next === 0) return 0;
    reach = next;
  }
  return reach;
}

function runSegments(segments: readonly Segment[], path: string, tail: Tail): boolean {
  const m = segmentBounds(path);
  if (m > NARROW_DEPTH) return runSegmentsWide(segments, path.split('/'), tail);
  const reach = reachOf(segments, path, m);
  switch (tail) {
    case 'exact':
      return (reach & (1 << m)) !== 0;
    case 'descendants':
      return (reach & ~1) !== 0;
    case 'below':
      return (reach & ((1 << m) - 1)) !== 0;
  }
}

/** The same walk with an array per step, for paths deeper than a bit set holds. */
function runSegmentsWide(segments: readonly Segment[], parts: readonly string[], tail: Tail): boolean {
  const m = parts.length;
  // reach[k] means the segments so far can consume exactly the first k path segments.
  let reach = new Uint8Array(m + 1);
  reach[0] = 1;
  for (const segment of segments) {
    const next = new Uint8Array(m + 1);
    let any = false;
    if (segment.kind === 'globstar') {
      let on = false;
      for (let k = 0; k <= m; k++) {
        if (reach[k]) on = true;
        if (on) {
          next[k] = 1;
          any = true;
        }
      }
    } else {
      for (let k = 0; k < m; k++) {
        if (reach[k] && segmentMatches(segment, parts[k]!)) {
          next[k + 1] = 1;
          any = true;
        }
      }
    }
    if (!any) return false;
    reach = next;
  }
  switch (tail) {
    case 'exact':
      return reach[m] === 1;
    case 'descendants':
      for (let k = 1; k <= m; k++) if (reach[k]) return true;
      return false;
    case 'below':
      for (let k = 0; k < m; k++) if (reach[k]) return true;
      return false;
  }
}

/** Compile one CODEOWNERS pattern (no braces: expand them first with {@link expandBraces}). */
export function compilePattern(source: string, flavor: Flavor = 'github'): CompiledPattern {
  return (flavor === 'github' ? literalPattern(source) : undefined) ?? compileShape(source, flavor);
}

/**
 * A GitHub pattern of plain names tied to the root (`/apps/web`, `docs/api/`), or `undefined`:
 * most rules of a large file are such, and they need no segments, only text compared.
 */
function literalPattern(source: string): CompiledPattern | undefined {
  if (PATTERN_SYNTAX.test(source)) return undefined;
  const leading = source.charCodeAt(0) === 47;
  const below = source.length > 1 && source.charCodeAt(source.length - 1) === 47;
  const text = source.slice(leading ? 1 : 0, below ? -1 : undefined);
  // Without a leading '/' only an inner '/' ties a pattern to the root (`a/b`, not `a` or `a/`);
  // empty segments (`a//b`) take the general reading.
  if (text === '' || (!leading && !text.includes('/')) || text.charCodeAt(0) === 47 || text.endsWith('/') || text.includes('//')) return undefined;
  return new LiteralPattern(source, text, below);
}

/** What a lookup may ask of a {@link LiteralPattern}, worked out from its text when first asked. */
interface LiteralFacts {
  /** The longest segment of the text. */
  readonly key: string;
  /** How many segments the text has. */
  readonly depth: number;
  /** The last segment of the text. */
  readonly name: string;
}

function literalFacts(text: string): LiteralFacts {
  let key = '';
  let depth = 0;
  for (let from = 0; from <= text.length; depth++) {
    const slash = text.indexOf('/', from);
    const end = slash === -1 ? text.length : slash;
    if (end - from > key.length) key = text.slice(from, end);
    from = end + 1;
  }
  return { key, depth, name: text.slice(text.lastIndexOf('/') + 1) };
}

/**
 * See {@link literalPattern}: GitHub's reading of `/text` (`below` false) or `/text/` (true).
 * The index files such a pattern by its `literalPrefix` alone and most are never reached by a
 * lookup, so what only a lookup asks ({@link segmentKey}, {@link settledDepth},
 * {@link nameSuffix}) is worked out when first asked, and what is the same for every such
 * pattern is on the prototype: thousands are made while a process starts, four fields each.
 */
class LiteralPattern implements CompiledPattern {
  private facts: LiteralFacts | undefined = undefined;

  constructor(
    readonly source: string,
    readonly literalPrefix: string,
    /** A trailing '/': only what lies below matches, not a file of that name. */
    private readonly below: boolean,
  ) {}

  get flavor(): Flavor {
    return 'github';
  }

  get anchored(): boolean {
    return true;
  }

  get segmentSuffix(): undefined {
    return undefined;
  }

  get matchesNothing(): boolean {
    return false;
  }

  get segmentKey(): string {
    return (this.facts ??= literalFacts(this.literalPrefix)).key;
  }

  get settledDepth(): number {
    return (this.facts ??= literalFacts(this.literalPrefix)).depth;
  }

  /** Only the file named by the text, in its parent directory, is left undecided. */
  get nameSuffix(): string | undefined {
    return this.below ? undefined : (this.facts ??= literalFacts(this.literalPrefix)).name;
  }

  match(path: string): boolean {
    return this.isBelow(path) || (!this.below && path === this.literalPrefix);
  }

  /** Is `path` below the pattern's text (`text/…`)? */
  private isBelow(path: string): boolean {
    const n = this.literalPrefix.length;
    // `lastIndexOf(text, 0)` is `startsWith` at a fraction of its cost on V8.
    return path.length > n && path.charCodeAt(n) === 47 && path.lastIndexOf(this.literalPrefix, 0) === 0;
  }

  /** A directory on the way to the text, or below it. */
  reachesBelow(directory: string): boolean {
    return this.literalPrefix.lastIndexOf(directory, 0) === 0 || this.isBelow(directory);
  }

  filesIn(directory: string): boolean | undefined {
    if (this.below || this.isBelow(directory)) return this.isBelow(directory);
    // Only the file named by the text itself, in its parent directory, can match.
    const parent = this.literalPrefix.lastIndexOf('/') + 1;
    return directory.length === parent && this.literalPrefix.lastIndexOf(directory, 0) === 0 ? undefined : false;
  }
}

/**
 * See {@link CompiledPattern.settledDepth}. A literal segment holding an escaped `/` is matched as
 * text across path segments, so no depth settles a pattern with one.
 */
function settledDepth(shape: Shape): number {
  if (shape.nothing) return 0;
  for (const s of shape.segments) if (s.kind === 'globstar' || (s.kind === 'literal' && s.text.includes('/'))) return Infinity;
  return shape.segments.length;
}

/**
 * See {@link CompiledPattern.nameSuffix}. Where a directory leaves a match undecided, the last
 * segment must consume the file's name: a literal is that name, `*.ext` a name ending so.
 */
function nameSuffix(shape: Shape, source: string): string | undefined {
  const last = shape.segments[shape.segments.length - 1];
  if (shape.nothing || shape.tail === 'below' || !last) return undefined;
  if (last.kind === 'literal') return last.text.includes('/') ? undefined : last.text;
  if (last.kind !== 'glob') return undefined;
  const raw = splitSegments(source);
  return SUFFIX_GLOB.exec(raw[raw.length - 1]!)?.[1];
}

/** A `*.ext` segment (`*.ts`, `*.test.ts`): the suffix in group 1. */
const SUFFIX_GLOB = /^\*((?:\.[A-Za-z0-9_+-]+)+)$/;

function compileShape(source: string, flavor: Flavor): CompiledPattern {
  const shape = flavor === 'github' ? githubShape(source) : gitlabShape(source);
  const { segments, tail } = shape;

  const prefixParts: string[] = [];
  if (shape.anchored) {
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i]!;
      if (s.kind !== 'literal') break;
      // The last segment only names a directory when it can own descendants.
      if (i === segments.length - 1 && tail === 'exact') {
        prefixParts.push(s.text);
        break;
      }
      prefixParts.push(s.text);
    }
  }
  let segmentKey: string | undefined;
  for (const s of segments) if (s.kind === 'literal' && (segmentKey === undefined || s.text.length > segmentKey.length)) segmentKey = s.text;
  let segmentSuffix: string | undefined;
  for (const text of source.includes('*.') ? splitSegments(source) : []) {
    const m = SUFFIX_GLOB.exec(text);
    if (m) {
      segmentSuffix = m[1];
      break;
    }
  }

  const literalPrefix = prefixParts.join('/');
  const exactLiteral = shape.anchored && segments.length > 0 && segments.every((s) => s.kind === 'literal') ? literalPrefix : undefined;

  const byPrefix = exactLiteral !== undefined && tail !== 'exact' && tail !== 'below';
  const match = shape.nothing
    ? () => false
    : byPrefix
      ? (path: string) => path === exactLiteral || (path.length > exactLiteral.length && path.startsWith(exactLiteral) && path[exactLiteral.length] === '/')
      : (path: string) => runSegments(segments, path, tail);

  // Why a directory can decide (m = the directory's depth, the file is segment m + 1):
  // - a trailing `**` needs a match ending above the file, which the directory alone settles;
  // - a match on the directory or above it owns the file ('descendants');
  // - otherwise the last segment must consume the file's name, so the others must consume
  //   exactly the directory: where they cannot, no file of it matches.
  const allButLast = segments.slice(0, -1);
  const last = segments[segments.length - 1];
  const filesIn = (directory: string): boolean | undefined => {
    if (shape.nothing) return false;
    if (tail === 'below') {
      // A match ending above the file, on the directory's segments alone: no `directory + 'x'`
      // to build and scan, and no second copy of the matching loop for V8 to compile here.
      const dir = directory.slice(0, -1);
      const m = directory === '' ? 0 : segmentBounds(dir);
      return m > NARROW_DEPTH - 1 ? match(directory + 'x') : (reachOf(segments, dir, m) & ((1 << (m + 1)) - 1)) !== 0;
    }
    if (tail === 'descendants' && directory !== '' && match(directory.slice(0, -1))) return true;
    // The literal shortcut compares whole strings, so an escaped `/` in a segment can match
    // across segments: make no claim for it.
    if (byPrefix || !last || last.kind === 'globstar') return undefined;
    const dir = directory.slice(0, -1);
    const m = directory === '' ? 0 : segmentBounds(dir);
    if (m > NARROW_DEPTH - 1) return undefined;
    return (reachOf(allButLast, dir, m) & (1 << m)) === 0 ? false : undefined;
  };

  const settled = settledDepth(shape);
  // Tied to the root and without `**`, segment k of the pattern consumes segment k of the path.
  const readsFromTop = shape.anchored && settled !== Infinity;
  // Only plain names and `*` are compared: a glob's test is left to the lookups, so that this,
  // asked of thousands of directories, stays small for V8 to compile and allocates nothing.
  const reachesBelow = (directory: string): boolean => {
    if (shape.nothing) return false;
    if (!readsFromTop) return true;
    let k = 0;
    for (let start = 0; start < directory.length && k < segments.length; k++) {
      const end = directory.indexOf('/', start);
      const segment = segments[k]!;
      const name = end - start;
      const fits =
        segment.kind === 'star' ? name > 0 : segment.kind !== 'literal' || (name === segment.text.length && directory.startsWith(segment.text, start));
      if (!fits) return false;
      start = end + 1;
    }
    // A directory that consumes every segment: what lies below is owned unless the match is exact.
    return k < segments.length || tail !== 'exact';
  };

  return {
    source,
    flavor,
    anchored: shape.anchored,
    literalPrefix,
    segmentKey,
    settledDepth: settled,
    nameSuffix: nameSuffix(shape, source),
    segmentSuffix,
    matchesNothing: shape.nothing,
    match,
    filesIn,
    reachesBelow,
  };
}

/**
 * Is `path` already in the form {@link normalizePath} gives? Only its text up to the last `/`
 * can make it otherwise, so one answer holds for every file of a directory.
 */
export function isNormalPath(path: string): boolean {
  // The root's files have '' for a directory: `charCodeAt(0)` past the end makes V8 throw away
  // the optimised code of every caller this is inlined in, the first time one comes.
  return (path.length === 0 || path.charCodeAt(0) !== 47) && !path.startsWith('./') && !path.includes('//');
}

/** Normalise a path to the form patterns match: forward slashes, no leading `./` or `/`. */
export function normalizePath(path: string): string {
  // Paths from git and the editor are already normal; skip the regular expressions for them.
  if (isNormalPath(path)) return path;
  let p = path;
  while (p.startsWith('./')) p = p.slice(2);
  p = p.replace(/^\/+/, '');
  return p.replace(/\/{2,}/g, '/');
}

/** A path a user typed, as the repository path patterns match, or why it is not one. */
export type RepositoryPath = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: 'outside' | 'root' };

/**
 * Turn a path from user input (an argument, a line of `git ls-files`) into a repository path,
 * judged on the text alone (no file system, so no symlink is followed; git judges pathspecs the
 * same way). A relative path is relative to `root`; an absolute one must lie below `root`
 * (absolute, `/`-separated). `.` and `..` are resolved and `//` collapsed, so `a/../x` is `x`
 * and `../x` is outside; a trailing `/` is kept. Nothing is trimmed: ` a` and `a` are two names.
 */
export function repositoryPath(input: string, root: string): RepositoryPath {
  const absolute = input.charCodeAt(0) === 47;
  // A path from git has nothing to resolve; skip the split for it (millions of lines).
  if (!absolute && input !== '' && !input.startsWith('.') && !input.includes('//') && !input.includes('/.')) return { ok: true, path: input };
  const segments: string[] = [];
  for (const segment of input.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') segments.push(segment);
    else if (segments.length > 0) segments.pop();
    // `/..` is `/`, but `..` at the top of a relative path leaves the repository.
    else if (!absolute) return { ok: false, reason: 'outside' };
  }
  let inside = segments;
  if (absolute) {
    const base = root.split('/').filter((s) => s !== '' && s !== '.');
    if (segments.length < base.length || base.some((s, i) => segments[i] !== s)) return { ok: false, reason: 'outside' };
    inside = segments.slice(base.length);
  }
  if (inside.length === 0) return { ok: false, reason: 'root' };
  return { ok: true, path: inside.join('/') + (input.endsWith('/') ? '/' : '') };
}

/**
 * The first `[…]` of a pattern when it looks like a character class (`[a-z]`, `[!x]`, `*.[ch]`)
 * rather than a literal name (`apps/[slug]/page.tsx`, a route folder), else `undefined`. GitHub
 * reads brackets literally and reports a class-like one as an error, so both the ops-roles.yaml
 * reader and the CODEOWNERS linter warn about it, by this one test.
 */
export function characterClassLike(pattern: string): string | undefined {
  const bracket = /\[([^\]]*)\]/.exec(pattern);
  if (!bracket) return undefined;
  const content = bracket[1]!;
  const wholeSegment = pattern.split('/').some((s) => s === bracket[0]);
  return /^[!^]/.test(content) || /.-./.test(content) || (!wholeSegment && content.length <= 3) ? bracket[0] : undefined;
}

/** Most alternatives one `{a,b}` pattern may expand to; more is refused, not truncated. */
export const MAX_BRACE_EXPANSION = 256;
/** Longest pattern accepted; longer ones are refused before any matching work. */
export const MAX_PATTERN_LENGTH = 4096;

/** Result of expanding `{a,b}` alternatives. */
export interface BraceExpansion {
  readonly alternatives: readonly string[];
  /** Set when the pattern is refused (unbalanced braces, too many alternatives). */
  readonly error?: string;
}

/**
 * Expand `{a,b}` alternatives (nested too) into plain CODEOWNERS patterns, because CODEOWNERS
 * itself has no braces. `\{` stays literal; `{x}` without a comma is literal text. At most
 * {@link MAX_BRACE_EXPANSION} alternatives: a pattern that would expand further is refused.
 */
export function expandBraces(pattern: string, limit = MAX_BRACE_EXPANSION): BraceExpansion {
  if (pattern.length > MAX_PATTERN_LENGTH) return { alternatives: [], error: `pattern is longer than ${MAX_PATTERN_LENGTH} characters` };
  // Replacing a group by one of its alternatives never changes the final depth, so a pattern
  // is unbalanced exactly when its whole text is.
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
  }
  if (depth > 0) return { alternatives: [], error: 'unbalanced "{" in pattern' };
  const alternatives = braceAlternatives(pattern, limit);
  if (!alternatives) return { alternatives: [], error: `"{…}" alternatives expand to more than ${limit} patterns` };
  return { alternatives };
}

/**
 * The alternatives of a balanced pattern, without repeats, in the order of expanding the
 * leftmost group first; `undefined` past `limit`. The first `{…}` group with a comma is
 * expanded once, its remainder once, and the two combined: expanding the whole remainder again
 * for every alternative of the group was exponential when alternatives repeat (`{a,a}` twenty
 * times took a second, thirty times a quarter of an hour, for one pattern).
 */
function braceAlternatives(pattern: string, limit: number): string[] | undefined {
  // Find the first top-level `{...}` group that has a top-level comma.
  let open = -1;
  let depth = 0;
  const commas: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') {
      if (depth === 0) {
        open = i;
        commas.length = 0;
      }
      depth++;
    } else if (c === '}' && depth > 0) {
      depth--;
      if (depth === 0) {
        if (commas.length === 0) {
          open = -1;
          continue;
        }
        const group = new Set<string>();
        let from = open + 1;
        for (const end of [...commas, i]) {
          const inner = braceAlternatives(pattern.slice(from, end), limit);
          if (!inner) return undefined;
          for (const alt of inner) group.add(alt);
          // The whole pattern has at least as many alternatives as any of its parts.
          if (group.size > limit) return undefined;
          from = end + 1;
        }
        const rest = braceAlternatives(pattern.slice(i + 1), limit);
        if (!rest) return undefined;
        const head = pattern.slice(0, open);
        // Deduplicating the parts first keeps the first occurrence of every combination.
        const out = new Set<string>();
        for (const alt of group) {
          for (const after of rest) {
            out.add(head + alt + after);
            if (out.size > limit) return undefined;
          }
        }
        return [...out];
      }
    } else if (c === ',' && depth === 1) {
      commas.push(i);
    }
  }
  return [pattern];
}
