/**
 * Last-match-wins lookup over many patterns without testing every pattern against every path.
 *
 * Each pattern is filed under one key that every path it matches must have: its literal
 * directory prefix (anchored patterns, in a trie of path segments), a literal path segment, or a
 * `*.ext` suffix of a segment. Patterns with no key (the residue) are candidates for every path.
 * The candidates are a superset of the matches, tested newest first, so the answer is the plain
 * definition's answer; the tests compare the two on every corpus and on random rule sets.
 *
 * Work is shared per directory, because file lists come grouped by directory and a monorepo has
 * several files per directory. A directory's candidates are its parent's plus those its own name
 * brings, remembered, each with a verdict from `CompiledPattern.filesIn`: matches every file of
 * the directory, none, or depends on the file name. The newest candidate that matches every file
 * ends the list for `lastMatch`. Where no candidate depends on the file name, the directory also
 * holds its answer, and a lookup whose file name passes no key filter (no trie child, no literal
 * segment, no `*.ext` suffix may match it) returns that answer without testing a pattern. Other
 * lookups add the few candidates their file name brings and test, as a rule, none or one.
 *
 * In code: {@link filePatterns} files the patterns once; a `DirectoryMemo` remembers each
 * directory's candidates; `IndexedRules` answers lookups by merging those with the file name's.
 * The loops over lists are indexed, not `for … of`: until V8 optimises a function, each
 * `for … of` in it makes an iterator and a result object per step, and a first pass over a
 * file list runs much of this code before it is optimised.
 */
import { isNormalPath, normalizePath, type CompiledPattern } from './pattern.js';

/** A lookup structure over patterns in rule order (index 0 is the first rule). */
export interface RuleIndex {
  /** The patterns, in rule order. */
  readonly patterns: readonly CompiledPattern[];
  /** Index of the last pattern that matches `path`, or -1. */
  lastMatch(path: string): number;
  /**
   * `lastMatch(normalizePath(path))`, with the form checked once per directory rather than on
   * every path: what resolving a long file list calls.
   */
  lastMatchNormalized(path: string): number;
  /** Indices of every pattern that matches `path`, in rule order. */
  allMatches(path: string): number[];
}

/**
 * One node per literal directory prefix some pattern is filed under. A node's children are filed
 * when a lookup first reaches the node ({@link unfold}): building the index files the patterns
 * under the root's children only, and the parts of the tree no path reaches are never built.
 */
interface TrieNode {
  /** Patterns whose `literalPrefix` is this node's path. */
  here: number[] | undefined;
  children: Map<string, TrieNode> | undefined;
  /** {@link nameBit}s of the children that have `here`: a file name without its bit brings none. */
  hereMask: number;
  /** Patterns whose `literalPrefix` goes on below this node, not yet filed under its children. */
  below: number[] | undefined;
  /** Where, in those prefixes, the name of a child starts. */
  readonly from: number;
}

function trieNode(from: number): TrieNode {
  return { here: undefined, children: undefined, hereMask: 0, below: undefined, from };
}

/** File the patterns `node.below` under the node's children (and their `here`); returns `node`. */
function unfold(node: TrieNode, patterns: readonly CompiledPattern[]): TrieNode {
  const below = node.below;
  if (below === undefined) return node;
  node.below = undefined;
  for (let b = 0; b < below.length; b++) fileUnder(node, below[b]!, patterns);
  return node;
}

/**
 * File pattern `i`, whose literal prefix goes on below `node`, under the child it names: in its
 * `here` if the prefix ends there, else in its `below`. Building the index files every pattern
 * under the root's children this way, one call each, so that this is optimised on those calls
 * before the first lookup unfolds a deeper node.
 */
function fileUnder(node: TrieNode, i: number, patterns: readonly CompiledPattern[]): void {
  const prefix = patterns[i]!.literalPrefix;
  const from = node.from;
  const slash = prefix.indexOf('/', from);
  const name = prefix.slice(from, slash === -1 ? prefix.length : slash);
  const children = (node.children ??= new Map<string, TrieNode>());
  let child = children.get(name);
  if (!child) children.set(name, (child = trieNode(from + name.length + 1)));
  if (slash !== -1) (child.below ??= []).push(i);
  else {
    (child.here ??= []).push(i);
    node.hereMask |= nameBit(prefix, from);
  }
}

/** Every candidate that a directory's own segments bring, with what the directory decides. */
class DirectoryCandidates {
  /** `lastMatch` looks at `all[0 .. cut)`: the first candidate that matches every file ends it. */
  readonly cut: number;
  /** Some candidate before `cut` depends on the file name (verdict 0) in a way no suffix tells. */
  readonly open: boolean;
  /** The `nameSuffix` of every other candidate before `cut` that depends on the file name. */
  readonly suffixes: readonly string[];
  /**
   * When not {@link open}: the answer for every file whose name brings no candidate of its own
   * and ends with none of the {@link suffixes}.
   */
  readonly answer: number;
  /** Not {@link open} and no {@link suffixes}: the file name alone tells whether {@link answer} holds. */
  readonly plain: boolean;

  constructor(
    /** Trie node of the directory, if some literal prefix reaches that deep. */
    readonly node: TrieNode | undefined,
    /** Candidates (residue included), newest first, without duplicates. */
    readonly all: readonly number[],
    /** Parallel to `all`: 1 matches every file of the directory, -1 none, 0 test each file. */
    readonly verdict: readonly number[],
    patterns: readonly CompiledPattern[],
  ) {
    let cut = all.length;
    let open = false;
    let suffixes: string[] | undefined;
    for (let a = 0; a < cut; a++) {
      if (verdict[a] === 1) cut = a + 1;
      else if (verdict[a] === 0) {
        const suffix = patterns[all[a]!]!.nameSuffix;
        if (suffix === undefined) open = true;
        else (suffixes ??= []).push(suffix);
      }
    }
    this.cut = cut;
    this.open = open;
    this.suffixes = suffixes ?? NO_SUFFIXES;
    this.answer = cut > 0 && verdict[cut - 1] === 1 ? all[cut - 1]! : -1;
    this.plain = !open && suffixes === undefined;
  }
}

/** More directories than this, and the memo starts over rather than growing without end. */
export const MAX_REMEMBERED_DIRECTORIES = 250_000;

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * A cheap "might be a key" test on a name's length and one character, so that most names are
 * never sliced and hashed for a map read that would find nothing. `skip` says which character:
 * the first, or (for `*.ext` suffixes, which all start with '.') the one after it.
 */
class KeyFilter {
  private readonly bits = new Uint32Array(64);
  constructor(private readonly skip: 0 | 1) {}
  add(key: string): void {
    this.bits[Math.min(key.length, 63)]! |= 1 << (key.charCodeAt(this.skip) & 31);
  }
  /** Might `text.slice(from)` be a key? */
  mayHave(text: string, from: number): boolean {
    return (this.bits[Math.min(text.length - from, 63)]! & (1 << (text.charCodeAt(from + this.skip) & 31))) !== 0;
  }
}

/** One of 32 bits for the name `text.slice(from)`, from its length and first character. */
function nameBit(text: string, from: number): number {
  return 1 << ((text.length - from + 7 * text.charCodeAt(from)) & 31);
}

/** Where each pattern is filed: what building the index produces and every lookup reads. */
interface PatternKeys {
  /** Patterns with a literal directory prefix, in a trie of path segments (unfolded as reached). */
  readonly root: TrieNode;
  /** Patterns with no prefix but a literal segment, under their longest one. */
  readonly bySegment: Map<string, number[]>;
  /** Patterns whose only key is a `*.ext` suffix of a segment. */
  readonly bySuffix: Map<string, number[]>;
  readonly segmentKeys: KeyFilter;
  readonly suffixKeys: KeyFilter;
  /** Patterns with no key at all: candidates for every path. */
  readonly residue: readonly number[];
}

/** Build an index; `patterns[i]` is rule i. `maxDirectories` bounds the memo (tests set it low). */
export function buildRuleIndex(patterns: readonly CompiledPattern[], maxDirectories = MAX_REMEMBERED_DIRECTORIES): RuleIndex {
  return new IndexedRules(patterns, filePatterns(patterns), maxDirectories);
}

/** File every pattern under its key (see the module comment). */
function filePatterns(patterns: readonly CompiledPattern[]): PatternKeys {
  const keys = {
    root: trieNode(0),
    bySegment: new Map<string, number[]>(),
    bySuffix: new Map<string, number[]>(),
    segmentKeys: new KeyFilter(0),
    suffixKeys: new KeyFilter(1),
    residue: [] as number[],
  };
  for (let i = 0; i < patterns.length; i++) {
    const pattern = patterns[i]!;
    if (pattern.matchesNothing) continue;
    if (pattern.literalPrefix) {
      fileUnder(keys.root, i, patterns);
    } else if (pattern.segmentKey !== undefined) {
      push(keys.bySegment, pattern.segmentKey, i);
      keys.segmentKeys.add(pattern.segmentKey);
    } else if (pattern.segmentSuffix) {
      push(keys.bySuffix, pattern.segmentSuffix, i);
      keys.suffixKeys.add(pattern.segmentSuffix);
    } else {
      keys.residue.push(i);
    }
  }
  return keys;
}

/**
 * Write the candidates the last segment of `text` (from `start` to its end) brings as a whole
 * segment or through a `*.ext` suffix into `out` from `count` on; returns the new count. Slices
 * only where the key filters say a key may match.
 */
function addSegmentCandidates(keys: PatternKeys, text: string, start: number, out: number[], count: number): number {
  if (keys.bySegment.size > 0 && keys.segmentKeys.mayHave(text, start)) {
    const segment = keys.bySegment.get(text.slice(start));
    if (segment) for (let k = 0; k < segment.length; k++) out[count++] = segment[k]!;
  }
  if (keys.bySuffix.size === 0) return count;
  // Every suffix key starts with '.', so only the tails from a dot can be keys.
  for (let dot = text.indexOf('.', start); dot !== -1; dot = text.indexOf('.', dot + 1)) {
    if (!keys.suffixKeys.mayHave(text, dot)) continue;
    const suffix = keys.bySuffix.get(dot === 0 ? text : text.slice(dot));
    if (suffix) for (let k = 0; k < suffix.length; k++) out[count++] = suffix[k]!;
  }
  return count;
}

/**
 * `list[0 .. count)` plus the candidates `here` (a trie node's), sorted newest first (duplicates
 * kept); returns the count. Reused lists with a count, not `length = 0` and `sort`: setting
 * `length` is a runtime call on V8, and these lists hold a handful of rules.
 */
function withNewestFirst(list: number[], count: number, here: readonly number[] | undefined): number {
  if (here) for (let k = 0; k < here.length; k++) list[count++] = here[k]!;
  for (let k = 1; k < count; k++) {
    const value = list[k]!;
    let at = k;
    for (; at > 0 && list[at - 1]! < value; at--) list[at] = list[at - 1]!;
    list[at] = value;
  }
  return count;
}

/**
 * A copy of `text` that keeps no larger string alive. A slice of a path keeps the whole path,
 * and a path read from a stream may itself be a slice of a large chunk: a remembered key must
 * not keep the chunks of a million-line list in memory.
 */
function detached(text: string): string {
  // Slicing a concatenation makes V8 copy it into a flat string of its own first.
  return (' ' + text).slice(1);
}

/**
 * The suffixes of a directory none of whose candidates has one: '//', which no file name ends
 * with (a path that does has an empty file name, which {@link IndexedRules.nameMayBring} sends
 * to the merge anyway). Not an empty list: then the loop of {@link endsWithAny} ran only in the
 * directories below a `**\/*.ext` rule, which a first pass may reach only after V8 optimised
 * the lookup without it, and the lookup was compiled again. Cut from a longer text, so that it
 * is a string of the kind the real suffixes are (not one of V8's internalised literals): a loop
 * that met both kinds was compiled again too.
 */
const NO_SUFFIXES: readonly string[] = ['x//'.slice(1)];

/** Does `path` end with one of `suffixes`? Compared from the end, where names differ first. */
function endsWithAny(path: string, suffixes: readonly string[]): boolean {
  for (let s = 0; s < suffixes.length; s++) {
    const suffix = suffixes[s]!;
    const offset = path.length - suffix.length;
    let k = suffix.length - 1;
    while (k >= 0 && offset >= 0 && path.charCodeAt(offset + k) === suffix.charCodeAt(k)) k--;
    if (k < 0 && offset >= 0) return true;
  }
  return false;
}

/** Where the parent of the directory `text.slice(0, end)` ends (`end` just past its '/'). */
function parentEnd(text: string, end: number): number {
  return end < 2 ? 0 : text.lastIndexOf('/', end - 2) + 1;
}

/**
 * Each directory's candidates, worked out once from its parent's: the parent's plus what its
 * own name brings. A sorted file list walks the tree depth first, so the memo keeps the chain of
 * the last directory it built and that directory's ancestors: a new directory is built from its
 * parent there. In a sorted list the paths below a directory come in one run, so a directory
 * that has left the chain is never asked about again: while the lookups come in order, nothing
 * else is kept, and what left the chain is garbage young (no map of directory strings to hash,
 * copy, grow and keep through every collection). The first lookup out of order turns on a map
 * by path, which then remembers every directory built.
 */
class DirectoryMemo {
  private readonly remembered = new Map<string, DirectoryCandidates>();
  /** Every directory built so far came after the last one in sorted order (or lies below it). */
  private inOrder = true;
  /**
   * The last directory built: while {@link inOrder}, the greatest in sorted order below its
   * top-level directory. Within one, a directory not on the chain and before it (the chain may
   * have gone back to an ancestor since) was built before, or the list is not sorted.
   */
  private lastBuilt = '';
  /** The top-level directories built in while {@link inOrder}. */
  private readonly tops = new Set<string>();
  // Sorted file lists ask about one directory many times in a row: skip even the map read then.
  private lastDir = '';
  private lastEntry: DirectoryCandidates;
  /** Is `lastDir` already in the form `normalizePath` gives? Then so is every path in it. */
  normal = true;
  /**
   * The last directory built (the last of `chainDirs`, '' or ending in '/') and some of its
   * ancestors, root first (all of them while {@link inOrder}): `chainEntries[k]` is the
   * directory `chainDirs[k]`.
   */
  private readonly chainDirs: string[] = [''];
  private readonly chainEntries: DirectoryCandidates[];
  /** Scratch lists for {@link child}, reused: what a name brings, and the merged candidates. */
  private readonly extra: number[] = [];
  private readonly all: number[] = [];
  private readonly verdict: number[] = [];

  constructor(
    private readonly patterns: readonly CompiledPattern[],
    private readonly keys: PatternKeys,
    private readonly maxDirectories: number,
  ) {
    const newestFirst = [...keys.residue].reverse();
    const top = new DirectoryCandidates(
      keys.root,
      newestFirst,
      newestFirst.map((i) => this.verdictOf(i, '', 0)),
      patterns,
    );
    this.chainEntries = [top];
    this.lastEntry = top;
    this.remembered.set('', top);
  }

  /** Where the last `/` of the path last given to {@link ofPath} is (-1: none). */
  slash = -1;

  /**
   * The candidates of the directory of `path`, setting {@link slash}. A path in the directory
   * of the last lookup, as most are in a file list, is told by its having no '/' past that
   * directory's text (a forward search of its file name) and starting with that text: no
   * backward search of the whole path for its last '/', which cost as much as the rest of the
   * lookup in a warm pass. The root's directory is '': a path with no '/' at all is in it.
   */
  ofPath(path: string): DirectoryCandidates {
    const n = this.lastDir.length;
    // `lastIndexOf(prefix, 0)` looks at position 0 only, as `startsWith` does, at a third of
    // its cost on V8 for prefixes this long.
    if (path.indexOf('/', n) === -1 && path.lastIndexOf(this.lastDir, 0) === 0) {
      this.slash = n - 1;
      return this.lastEntry;
    }
    const slash = path.lastIndexOf('/');
    this.slash = slash;
    return this.of(path, slash);
  }

  /**
   * The candidates of the directory of `path`, whose last `/` is at `slash` (-1: the root), for
   * a path not in the directory of the last lookup ({@link ofPath} has told that).
   */
  private of(path: string, slash: number): DirectoryCandidates {
    const dir = path.slice(0, slash + 1);
    this.lastDir = dir;
    this.normal = isNormalPath(dir);
    this.lastEntry = (this.inOrder ? undefined : this.remembered.get(dir)) ?? this.build(dir);
    return this.lastEntry;
  }

  /**
   * Build `dir` (not remembered) from its nearest known ancestor: on the chain, or remembered
   * below the chain's deepest level that is an ancestor of it. Each directory built on the way
   * is remembered and joins the chain. A loop, not recursion: depth costs time, not stack.
   */
  private build(dir: string): DirectoryCandidates {
    const { chainDirs: dirs, chainEntries: entries } = this;
    // The deepest level that `dir` lies in (the root, at least), compared as text by V8 itself.
    let level = dirs.length - 1;
    while (level > 0 && dir.lastIndexOf(dirs[level]!, 0) !== 0) level--;
    const stop = dirs[level]!.length;
    // A directory not on the chain: after the last one built, or the first in a new top-level one.
    if (stop !== dir.length && this.inOrder) this.inOrder = level > 0 ? dir > this.lastBuilt : this.entersNewTop(dir);
    // Popping, not setting `length`: that is a runtime call on V8, and this runs per directory.
    while (dirs.length > level + 1) {
      dirs.pop();
      entries.pop();
    }
    let parent = entries[level]!;
    // A level of the chain itself (an ancestor of the last directory, or the memo was cleared).
    if (stop === dir.length) return parent;
    let start = stop;
    const up = parentEnd(dir, dir.length);
    // One level below the chain, as the next directory of a sorted list mostly is.
    if (up === stop) return this.grow(parent, dir, stop);
    const missing: number[] = [dir.length];
    for (let end = up; end > stop; end = parentEnd(dir, end)) {
      const seen = this.inOrder ? undefined : this.remembered.get(dir.slice(0, end));
      if (seen) {
        parent = seen;
        start = end;
        dirs.push(dir.slice(0, end));
        entries.push(seen);
        break;
      }
      missing.push(end);
    }
    for (let k = missing.length - 1; k >= 0; k--) {
      const end = missing[k]!;
      parent = this.grow(parent, end === dir.length ? dir : dir.slice(0, end), start);
      start = end;
    }
    return parent;
  }

  /**
   * Is the top-level directory of `dir` (not on the chain) one no directory was built in yet?
   * A sorted list enters each once; a list made of sorted lists one after the other (`p1/…`,
   * `p2/…`) enters new ones, below which nothing can have been built, so it may stay in order.
   */
  private entersNewTop(dir: string): boolean {
    const top = dir.slice(0, dir.indexOf('/') + 1);
    if (this.tops.has(top)) return false;
    if (this.tops.size >= this.maxDirectories) this.tops.clear();
    this.tops.add(detached(top));
    return true;
  }

  /** Build, remember and add to the chain the directory `dir`, whose name starts at `start`. */
  private grow(parent: DirectoryCandidates, dir: string, start: number): DirectoryCandidates {
    const entry = this.child(parent, dir, dir.slice(start, -1));
    this.lastBuilt = dir;
    if (!this.inOrder) {
      if (this.remembered.size >= this.maxDirectories) this.remembered.clear();
      this.remembered.set(detached(dir), entry);
    }
    this.chainDirs.push(dir);
    this.chainEntries.push(entry);
    return entry;
  }

  /**
   * What pattern `i` says of every file directly in `dir` (`depth` segments deep), as a verdict:
   * 1 all, 0 it depends on the name, -1 none, {@link DEAD} none here nor anywhere below.
   */
  private verdictOf(i: number, dir: string, depth: number): number {
    const pattern = this.patterns[i]!;
    const says = pattern.filesIn(dir);
    if (says !== false) return says === true ? 1 : 0;
    // From its settled depth on, a pattern says of every directory below what it says here.
    // Both asked every time: a call or read that V8 saw only after it optimised this (inlined in
    // `child`) sends the whole of `child` back to be compiled again, in the first pass.
    const below = pattern.reachesBelow(dir);
    return depth >= pattern.settledDepth || !below ? DEAD : -1;
  }

  /**
   * The verdict of pattern `i` in `dir` (`depth` segments deep), given its verdict in the parent:
   * what matches every file of the parent matches every file below, and below its settled depth
   * a pattern says what it said of the parent.
   */
  private inherited(i: number, known: number, dir: string, depth: number): number {
    return known === 1 || depth > this.patterns[i]!.settledDepth ? known : this.verdictOf(i, dir, depth);
  }

  /**
   * The directory `dir` named `name` inside `parent`: the parent's candidates plus its name's,
   * less those that can own nothing in it or below (a pattern tied to another branch of the
   * tree), so that no directory of the subtree asks them again. Each verdict is worked out once.
   */
  private child(parent: DirectoryCandidates, dir: string, name: string): DirectoryCandidates {
    let depth = 0;
    for (let at = dir.indexOf('/'); at !== -1; at = dir.indexOf('/', at + 1)) depth++;
    const reached = parent.node?.children?.get(name);
    const node = reached && unfold(reached, this.patterns);
    const extra = this.extra;
    const added = withNewestFirst(extra, addSegmentCandidates(this.keys, name, 0, extra, 0), node?.here);
    const { all, verdict } = this;
    const from = parent.all;
    let n = 0;
    let a = 0;
    let b = 0;
    while (a < from.length || b < added) {
      const inherited = a < from.length ? from[a]! : -1;
      const brought = b < added ? extra[b]! : -1;
      const i = inherited >= brought ? inherited : brought;
      while (b < added && extra[b] === i) b++;
      // What matches all of the parent's files matches all files below it too.
      const says = inherited >= brought ? this.inherited(inherited, parent.verdict[a++]!, dir, depth) : this.verdictOf(brought, dir, depth);
      if (says === DEAD) continue;
      all[n] = i;
      verdict[n++] = says;
    }
    // Deep in a tree most directories bring nothing new and decide as their parent does: share
    // the parent's entry then, so the memo holds one object for the whole subtree.
    if (node === parent.node && sameCandidates(parent, all, verdict, n)) return parent;
    // Copies of the exact size: a list grown by `push` holds room for 17.
    return new DirectoryCandidates(node, all.slice(0, n), verdict.slice(0, n), this.patterns);
  }
}

/** The verdict of a pattern that can own nothing in a directory nor anywhere below it. */
const DEAD = -2;

/** Are `all[0 .. n)` and `verdict[0 .. n)` what `entry` holds? */
function sameCandidates(entry: DirectoryCandidates, all: readonly number[], verdict: readonly number[], n: number): boolean {
  if (n !== entry.all.length) return false;
  for (let k = 0; k < n; k++) if (all[k] !== entry.all[k] || verdict[k] !== entry.verdict[k]) return false;
  return true;
}

/** The lookups: a directory's remembered candidates merged with the few its file name brings. */
class IndexedRules implements RuleIndex {
  private readonly directories: DirectoryMemo;
  /** Candidates the file name itself brings, newest first (duplicates possible); reused per lookup. */
  private readonly own: number[] = [];

  constructor(
    readonly patterns: readonly CompiledPattern[],
    private readonly keys: PatternKeys,
    maxDirectories: number,
  ) {
    this.directories = new DirectoryMemo(patterns, keys, maxDirectories);
  }

  /** Fill {@link own} for the file name of `path` (after `slash`); returns how many. */
  private fileCandidates(path: string, slash: number, dir: DirectoryCandidates): number {
    const children = dir.node?.children;
    const here = children ? children.get(slash === -1 ? path : path.slice(slash + 1))?.here : undefined;
    return withNewestFirst(this.own, addSegmentCandidates(this.keys, path, slash + 1, this.own, 0), here);
  }

  lastMatch(path: string): number {
    const dir = this.directories.ofPath(path);
    return this.answer(path, this.directories.slash, dir);
  }

  lastMatchNormalized(path: string): number {
    const dir = this.directories.ofPath(path);
    return this.directories.normal ? this.answer(path, this.directories.slash, dir) : this.lastMatch(normalizePath(path));
  }

  /**
   * The common case (a plain directory, and a file name that brings no candidate) in as little
   * code as possible, with no branch a first pass takes only now and then: V8 compiles this once
   * more for every caller it is inlined in, and again each time optimised code meets a branch it
   * had not seen taken, which made compiling it cost more than running it in a first pass.
   */
  private answer(path: string, slash: number, dir: DirectoryCandidates): number {
    if (dir.plain && !this.nameMayBring(path, slash + 1, dir.node)) return dir.answer;
    return this.notPlain(path, slash, dir);
  }

  /** {@link answer} for the rest: a directory with suffixes, an open one, a name with candidates. */
  private notPlain(path: string, slash: number, dir: DirectoryCandidates): number {
    // Read first, on every call: most calls go on to the merge, and a read that V8 had not seen
    // when it optimised this sent it back to be compiled again.
    const answer = dir.answer;
    if (!dir.open && !endsWithAny(path, dir.suffixes) && !this.nameMayBring(path, slash + 1, dir.node)) return answer;
    return this.merged(path, slash, dir);
  }

  /**
   * Might the file name `path.slice(from)` bring candidates (as a child of `node` in the trie,
   * as a literal segment, or through a `*.ext` suffix)? `false` is certain; `true` may not be.
   */
  private nameMayBring(path: string, from: number, node: TrieNode | undefined): boolean {
    if (from === path.length) return true;
    const keys = this.keys;
    if (node !== undefined && (node.hereMask & nameBit(path, from)) !== 0) return true;
    if (keys.segmentKeys.mayHave(path, from)) return true;
    for (let dot = path.indexOf('.', from); dot !== -1; dot = path.indexOf('.', dot + 1)) if (keys.suffixKeys.mayHave(path, dot)) return true;
    return false;
  }

  /** The directory's candidates and the file name's, merged newest first: the first match wins. */
  private merged(path: string, slash: number, dir: DirectoryCandidates): number {
    const { all, cut, verdict } = dir;
    const count = this.fileCandidates(path, slash, dir);
    const { own, patterns } = this;
    // Merge the two newest-first lists; the first match is the last rule that matches.
    let a = 0;
    let b = 0;
    while (a < cut || b < count) {
      const fromDir = a < cut ? all[a]! : -1;
      const fromFile = b < count ? own[b]! : -1;
      if (fromDir >= fromFile) {
        const says = verdict[a++]!;
        if (fromDir === fromFile) b++;
        if (says === 1 || (says === 0 && patterns[fromDir]!.match(path))) return fromDir;
        // A directory's "none" holds for any file name, even one that also brings the pattern.
      } else {
        b++;
        if (patterns[fromFile]!.match(path)) return fromFile;
      }
    }
    return -1;
  }

  allMatches(path: string): number[] {
    const dir = this.directories.ofPath(path);
    const slash = this.directories.slash;
    const { all, verdict } = dir;
    const count = this.fileCandidates(path, slash, dir);
    const { own, patterns } = this;
    const out: number[] = [];
    for (let a = 0; a < all.length; a++) {
      const i = all[a]!;
      if (verdict[a] === 1 || (verdict[a] === 0 && patterns[i]!.match(path))) out.push(i);
    }
    for (let b = 0; b < count; b++) {
      const i = own[b]!;
      if (!out.includes(i) && !all.includes(i) && patterns[i]!.match(path)) out.push(i);
    }
    return out.sort((x, y) => x - y);
  }
}

/** The plain definition: test every pattern, last match wins. The index must agree with it. */
export function lastMatchPlain(patterns: readonly CompiledPattern[], path: string): number {
  for (let i = patterns.length - 1; i >= 0; i--) if (patterns[i]!.match(path)) return i;
  return -1;
}
