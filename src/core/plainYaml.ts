/**
 * The YAML tree the `ops-roles.yaml` readers walk (`core/config.ts`), and the fast reader that
 * builds it from the plain YAML those files are written in: block mappings and lists, one-line
 * `[a, "b"]` lists, plain and quoted one-line text, comments. Anything else is read by the
 * `yaml` package and its document turned into the same tree ({@link fromYamlDocument}), so the
 * readers and their diagnostics cannot tell which reader ran; `test/unit/plainYaml.test.ts`
 * compares the two trees node by node and the two `parseConfig` results problem by problem.
 *
 * Why a tree of our own: the `yaml` package spends about 300 ms (more in a fresh process)
 * lexing, parsing and composing a 4,400-rule file, and even its node classes built directly
 * (a `Pair` per entry, a three-number range array per node) kept 6 MB alive, half the time in
 * garbage collection. A node here is one small object with its value and two offsets; a
 * mapping keeps its keys and values in one array. Every `ops-roles who` in a hook and the
 * editor's first CodeLens pay for this.
 *
 * Anything outside the subset (anchors, aliases, tags, block scalars, multi-line text, flow
 * mappings, escapes, tabs, documents markers, directives, empty values, anything unusual) makes
 * the fast reader give up and return `undefined`: the subset only decides how fast a file is
 * read, never what it means.
 *
 * A line may end in `\r\n` as well as `\n` (a file checked out on Windows, or edited there, is
 * CRLF throughout or in part): the `\r` belongs to the line break, as it does for the `yaml`
 * package, so no value ends with it, and offsets stay offsets into the text as given. The
 * `yaml` package counts a line only at each `\n` (its `LineCounter` has the same line starts
 * either way) and ends a scalar before the `\r`. A `\r` not followed by `\n` is a line break in
 * YAML 1.2 but text inside a scalar to the `yaml` package; such a file is left to it.
 */
import { isAlias, isMap, isScalar, isSeq, type Document } from 'yaml';

/** A node of the tree: what the config readers can observe of a YAML node. */
export type YamlNode = YamlScalar | YamlMap | YamlSeq | YamlAlias | YamlOther | YamlRuleItem;

/** Where a node stands: 0-based offsets, `end` exclusive; `start` is -1 for a node without a position. */
interface Located {
  readonly start: number;
  readonly end: number;
}

/** A scalar with the value the `yaml` package's core schema gives it (text, a number, `null`, …). */
export interface YamlScalar extends Located {
  readonly kind: 'scalar';
  readonly value: unknown;
}

/** A mapping: `entries` holds each key followed by its value (`null` where YAML has none). */
export interface YamlMap extends Located {
  readonly kind: 'map';
  readonly entries: (YamlNode | null)[];
}

/** A list (block or flow). */
export interface YamlSeq extends Located {
  readonly kind: 'seq';
  readonly items: (YamlNode | null)[];
}

/** `*name`: the node anchored as `&name` last before it, or `undefined` when none is. */
export interface YamlAlias extends Located {
  readonly kind: 'alias';
  readonly name: string;
  readonly target: YamlNode | undefined;
}

/**
 * The list item `- path: "p"` / `roles: [a, b]` that `ops-roles import` writes, read by one
 * {@link RULE_ITEM} match: the mapping the general reader would build (see {@link ruleItemMap}),
 * kept as the texts and offsets it is made of. The nodes of a 4,400-rule file lived until the
 * rules were read, and the scavenger copied each of them once or twice: eleven small objects per
 * rule, where this is one (and its roles, which the rule keeps). `start` and `end` are the
 * mapping's: from the `path` key to the start of the line after the roles.
 */
export interface YamlRuleItem extends Located {
  readonly kind: 'rule';
  /** The quoted pattern's text (no escapes: the reader declines backslashes, `''` fails the match). */
  readonly path: string;
  /** The index in the line table of the line the item starts on (its roles are on the next). */
  readonly line: number;
  /** Where the `roles` key starts; its list's `[` is {@link RULE_LIST_AT} characters on. */
  readonly rolesAt: number;
  /** The role words, each followed by `, ` in the text but the last. */
  readonly roles: string[];
}

/** In a {@link YamlRuleItem}, from `start` (the `path` key) to its value's opening quote: `path: `. */
export const RULE_PATH_AT = 6;
/** In a {@link YamlRuleItem}, from `rolesAt` (the `roles` key) to its list's `[`: `roles: `. */
export const RULE_LIST_AT = 7;

/** Anything else the `yaml` package may put in a tree (a bare pair): no value to read. */
export interface YamlOther extends Located {
  readonly kind: 'other';
}

/**
 * The tree of a document the `yaml` package composed: its contents, or `null` when it has none.
 * Aliases are resolved here, in one walk in document order, as `Alias.resolve` would resolve each.
 */
export function fromYamlDocument(doc: Document.Parsed): YamlNode | null {
  const anchors = new Map<string, YamlNode>();
  const convert = (node: unknown): YamlNode | null => {
    if (node === null || node === undefined) return null;
    const range = (node as { range?: [number, number, number] | null }).range;
    const start = range ? range[0] : -1;
    const end = range ? range[1] : -1;
    if (isAlias(node)) return { kind: 'alias', name: node.source, target: anchors.get(node.source), start, end };
    let made: YamlNode;
    if (isScalar(node)) made = { kind: 'scalar', value: node.value, start, end };
    else if (isMap(node)) made = { kind: 'map', entries: [], start, end };
    else if (isSeq(node)) made = { kind: 'seq', items: [], start, end };
    else made = { kind: 'other', start, end };
    // Anchored before its children are read: an alias inside names the node it is in.
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, made);
    if (made.kind === 'map')
      for (const pair of (node as { items: { key: unknown; value: unknown }[] }).items) made.entries.push(convert(pair.key), convert(pair.value));
    else if (made.kind === 'seq') for (const item of (node as { items: unknown[] }).items) made.items.push(convert(item));
    else if (made.kind === 'other') {
      // A pair where a node should be: nothing the readers read, but anchors in it count.
      convert((node as { key?: unknown }).key);
      convert((node as { value?: unknown }).value);
    }
    return made;
  };
  return convert(doc.contents);
}

/**
 * The mapping a {@link YamlRuleItem} stands for, node for node as the general reader (and the
 * `yaml` package) builds it: `path` and its quoted text on the first line, `roles` and its flow
 * list of words on the second. For readers that have no shortcut for rule items, and the tests.
 */
export function ruleItemMap(item: YamlRuleItem): YamlMap {
  const pathAt = item.start + RULE_PATH_AT;
  const open = item.rolesAt + RULE_LIST_AT;
  const words: YamlScalar[] = [];
  let at = open + 1;
  for (const role of item.roles) {
    words.push(scalar(role, at, at + role.length));
    at += role.length + 2;
  }
  const list: YamlSeq = { kind: 'seq', items: words, start: open, end: at - 1 };
  const entries = [
    scalar('path', item.start, item.start + 4),
    scalar(item.path, pathAt, pathAt + item.path.length + 2),
    scalar('roles', item.rolesAt, item.rolesAt + 5),
    list,
  ];
  return { kind: 'map', entries, start: item.start, end: item.end };
}

/** Thrown inside the reader when the text leaves the plain subset; never escapes it. */
const OUTSIDE = Symbol('outside the plain subset');

/** Characters a plain scalar may not start with (YAML indicators, and what would type it). */
const NOT_PLAIN_START = new Set([...'-?:,[]{}#&*!|>\'"%@`.+~0123456789 '].map((c) => c.charCodeAt(0)));
/** Plain words the core schema reads as something other than text. */
const TYPED_WORDS = /^(?:null|true|false)$/i;
/** Their first letters, to test few words (`path`, `roles` and the like never). */
const TYPED_START = new Set([...'nNtTfF'].map((c) => c.charCodeAt(0)));
/** The longest implicit key YAML allows before its `:`. */
const MAX_KEY_LENGTH = 1024;

// The scanners below run from `lastIndex` and stop where their text ends, and `test` leaves
// `lastIndex` there: the regular expression engine walks the characters, not the JavaScript,
// which in a fresh process runs in the interpreter and cost most of the reader's time.
/** Spaces. */
const SPACES = / */y;
/** Plain text up to a `:` followed by a space or the line's end, a ` #` comment, or the line's end. */
const PLAIN_TEXT = /(?:[^\r\n:#]|:(?=[^ \r\n])|(?<! )#)*/y;
/** A plain scalar inside a flow list: up to `,`, `]`, a space, the line's end, or what leaves the subset. */
const FLOW_PLAIN = /[^,\] \n[{}:#]*/y;

/**
 * The rule `ops-roles import` writes, from its `-`: `- path: "p"`, then on the next line, after
 * spaces (as many as the item's mapping needs: {@link PlainReader.ruleItems} checks),
 * `roles: [a, b]`, each line ending right after its value. No groups: the reader works out where
 * each part is. The roles are lower-case words that no schema types (`null`, `true` and `false`
 * excepted), so each is the text it reads as. One match reads what the general reader takes
 * twenty calls and a dozen scanners for; anything else about the item (a comment, a space, a
 * third key) fails the match or {@link PlainReader.ruleItems}' checks, and the general reader
 * reads the item. Exported for the test that every rule `import` writes matches it.
 */
export const RULE_ITEM = /- path: (?:"[^"\n]*"|'[^'\n]*')\r?\n *roles: \[(?:(?!(?:null|true|false)[,\]])[a-z][a-z0-9-]*(?:, (?=[a-z])|(?=\])))+\](?:\r?\n|$)/y;

/**
 * How many rule items {@link PlainReader.ruleItems} reads per call of its loop. One loop over a
 * list's 4,400 items was compiled twice by V8 (for the call, and on the stack for the running
 * loop: 10-20 ms of compiler time each on this 2-core machine); loops of 64 return before the
 * second is needed, and the next call runs the compiled code.
 */
const RULE_RUN = 64;

/** Where `scanner` stops when it starts at `at`. */
function scan(scanner: RegExp, text: string, at: number): number {
  scanner.lastIndex = at;
  scanner.test(text);
  return scanner.lastIndex;
}

/** The tree of `source` and the offset where each of its lines starts, as a `LineCounter` has them. */
export interface PlainDocument {
  readonly root: YamlMap;
  readonly lineStarts: readonly number[];
  /** Offsets of the keys that repeat an earlier key of their mapping (YAML's "Map keys must be unique"), in order. */
  readonly repeatedKeys: readonly number[];
}

/**
 * The root mapping of `source` read from the plain subset, or `undefined` when the text leaves
 * it. Mappings and lists nested deeper than `maxDepth` leave the subset too (the caller refuses
 * them with a position; this reader recurses once per level and must not go deep).
 */
export function readPlainYaml(source: string, maxDepth: number): PlainDocument | undefined {
  if (/[\t\\]|\r(?!\n)/.test(source)) return undefined;
  const reader = new PlainReader(source, maxDepth);
  try {
    const root = reader.document();
    return { root, lineStarts: reader.starts, repeatedKeys: reader.repeatedKeys.sort((a, b) => a - b) };
  } catch (error) {
    if (error === OUTSIDE) return undefined;
    throw error;
  }
}

function outside(): never {
  throw OUTSIDE;
}

function scalar(value: string | number, start: number, end: number): YamlScalar {
  return { kind: 'scalar', value, start, end };
}

/**
 * One pass over the lines; `line` is the line being read. `valueEnd` is where the last value read
 * ends for its parent: past its line's newline for a block value, so that a mapping or list ends
 * where the `yaml` package ends it (the start of the line after its last value).
 *
 * A collection's children are gathered on `pending`, one stack for the whole reader (`top` is its
 * height; the array itself never shrinks, so it is grown once), and copied into an array of their
 * exact number when the collection ends: an array grown by `push` keeps room for 16 or more, and
 * a rule's two entries would carry ten times their size.
 */
class PlainReader {
  /** Offset where each line starts (the last one may be the end of the text). */
  readonly starts: number[] = [0];
  private line = 0;
  private depth = 0;
  private valueEnd = 0;
  /** The last line {@link nextContent} found content on, and its indentation. */
  private contentLine = -1;
  private contentIndent = 0;
  private readonly pending: YamlNode[] = [];
  private top = 0;
  /** Offsets of the keys that repeat an earlier key of their mapping, as each mapping ends. */
  readonly repeatedKeys: number[] = [];

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  document(): YamlMap {
    const indent = this.nextContent();
    if (indent !== 0) outside();
    const first = this.starts[this.line]!;
    if (this.text.startsWith('---', first) || this.text.startsWith('...', first)) outside();
    const root = this.map(0, this.keyAt(first));
    if (this.nextContent() !== -1) outside();
    return root;
  }

  /** Where line `line`'s text ends: at its line break (`\n`, or the `\r` of `\r\n`), or the text's end. */
  private lineEnd(line: number): number {
    const next = this.starts[line + 1];
    if (next === undefined) return this.text.length;
    return this.text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
  }

  /** Offset just past line `line`'s newline (the text's end for the last line). */
  private afterLine(line: number): number {
    return this.starts[line + 1] ?? this.text.length;
  }

  /**
   * Moves to the next line that holds more than spaces and a comment; returns its indentation,
   * or -1 at the end of the text. Stays put when the current line already holds content.
   *
   * A comment line indented deeper than the content after it belongs, for the `yaml` package,
   * to the value or the list before it and stretches that node's range; such a file leaves the
   * subset, so every range here ends with its own line.
   */
  private nextContent(): number {
    // Asked again and again of the same line (by each collection that ends there).
    if (this.line === this.contentLine) return this.contentIndent;
    let deepest = -1;
    for (; this.line < this.starts.length; this.line++) {
      const start = this.starts[this.line]!;
      const i = scan(SPACES, this.text, start);
      if (i === this.lineEnd(this.line)) continue;
      if (this.text[i] === '#') {
        deepest = Math.max(deepest, i - start);
        continue;
      }
      if ((this.text[i] === '%' && i === start) || deepest > i - start) outside();
      this.contentLine = this.line;
      this.contentIndent = i - start;
      return i - start;
    }
    if (deepest > 0) outside();
    return -1;
  }

  /** A block mapping whose keys stand at column `indent`, from its first key. */
  private map(indent: number, firstKey: YamlScalar): YamlMap {
    if (++this.depth > this.maxDepth) outside();
    const base = this.top;
    let key = firstKey;
    for (;;) {
      const value = this.valueAfter(key.end + 1, indent);
      this.pending[this.top++] = key;
      this.pending[this.top++] = value;
      const next = this.nextContent();
      if (next < indent) break;
      if (next > indent) outside();
      const at = this.starts[this.line]! + indent;
      // A list item where a key should be: YAML calls that an error.
      if (this.text[at] === '-' && this.isSeparated(at + 1)) outside();
      key = this.keyAt(at);
    }
    this.depth--;
    this.findRepeatedKeys(base);
    return { kind: 'map', entries: this.take(base), start: firstKey.start, end: this.valueEnd };
  }

  /**
   * Notes each key of the mapping gathered on `pending` since `base` that repeats an earlier one
   * (the same value: keys here are text or whole numbers), while the keys are at hand: no second
   * walk over the tree. A set only where one pays: most mappings are a rule's two keys.
   */
  private findRepeatedKeys(base: number): void {
    const seen = this.top - base > 32 ? new Set<unknown>() : undefined;
    for (let i = base; i < this.top; i += 2) {
      const key = this.pending[i] as YamlScalar;
      if (seen ? seen.has(key.value) : this.keyBefore(base, i, key.value)) this.repeatedKeys.push(key.start);
      seen?.add(key.value);
    }
  }

  /** Whether a key gathered on `pending` from `base` up to `i` has the value `value`. */
  private keyBefore(base: number, i: number, value: unknown): boolean {
    for (let j = base; j < i; j += 2) if ((this.pending[j] as YamlScalar).value === value) return true;
    return false;
  }

  /** The children gathered on `pending` since `base`, taken off it. */
  private take(base: number): YamlNode[] {
    const taken = this.pending.slice(base, this.top);
    this.top = base;
    return taken;
  }

  /** A block list whose `-` stand at column `indent`. */
  private seq(indent: number): YamlSeq {
    if (++this.depth > this.maxDepth) outside();
    const base = this.top;
    const first = this.starts[this.line]! + indent;
    for (;;) {
      const dash = this.starts[this.line]! + indent;
      if (this.ruleItems(indent) === 0) this.pending[this.top++] = this.itemAfterDash(dash);
      const next = this.nextContent();
      if (next < indent) break;
      if (next > indent) outside();
      const at2 = this.starts[this.line]! + indent;
      if (this.text[at2] !== '-' || !this.isSeparated(at2 + 1)) break;
    }
    this.depth--;
    return { kind: 'seq', items: this.take(base), start: first, end: this.valueEnd };
  }

  /**
   * The rule items from the current line on, one straight after another at column `indent`, each
   * read by one {@link RULE_ITEM} match into a {@link YamlRuleItem} and gathered on `pending`; how
   * many. It stops before an item the match does not take, or a line that is not the next item,
   * and leaves an item that goes on below its two lines to the general reader. A loop over the
   * items ({@link ruleRun}), not a function called per item: V8 compiled such a function on its
   * own and again into the list's loop, which cost more than reading the 4,400 items.
   */
  private ruleItems(indent: number): number {
    if (this.depth >= this.maxDepth) return 0;
    const base = this.top;
    let line = this.line;
    for (let after = this.ruleRun(line, indent); after !== line; after = this.ruleRun(line, indent)) line = after;
    if (line === this.line) return 0;
    this.line = line;
    this.valueEnd = this.afterLine(line - 1);
    // A third key, or text continued below the last item: the general reader's to read (and to refuse).
    if (this.nextContent() > indent) {
      this.top--;
      this.line = line - 2;
    }
    return this.top - base;
  }

  /**
   * The loop of {@link ruleItems}: up to {@link RULE_RUN} items from line `from`, each a dash at
   * column `indent` straight after the one before; returns the line after the last item it read
   * (`from` when it read none). Nothing runs after the loop that had not run before V8 compiled
   * it: such code (the check below the last item, here once) threw the compiled code away each
   * time a run of items ended.
   */
  private ruleRun(from: number, indent: number): number {
    let line = from;
    for (let n = 0; n < RULE_RUN; n++) {
      const text = this.text;
      const lineStart = this.starts[line];
      if (lineStart === undefined || scan(SPACES, text, lineStart) !== lineStart + indent) return line;
      const dash = lineStart + indent;
      // `test`, not `exec`: no result array and no strings to throw away, per rule.
      RULE_ITEM.lastIndex = dash;
      if (!RULE_ITEM.test(text)) return line;
      // Only spaces stand before `roles` (the match says so): `roles:` at the item's column plus
      // two is the indentation the item's mapping needs. Either line may end in `\r\n`.
      const rolesAt = this.starts[line + 1]! + indent + 2;
      if (!text.startsWith('roles:', rolesAt)) return line;
      const roles = text.slice(rolesAt + RULE_LIST_AT + 1, this.lineEnd(line + 1) - 1).split(', ');
      // The pattern's text: from after its opening quote to its closing one, which ends the line.
      const start = dash + 2;
      const path = text.slice(start + RULE_PATH_AT + 1, this.lineEnd(line) - 1);
      this.pending[this.top++] = { kind: 'rule', start, end: this.afterLine(line + 1), path, line, rolesAt, roles };
      line += 2;
    }
    return line;
  }

  /** The list item whose `-` stands at `dash`. */
  private itemAfterDash(dash: number): YamlNode {
    if (!this.isSeparated(dash + 1) || dash + 1 >= this.lineEnd(this.line)) outside();
    const at = this.skipSpaces(dash + 1);
    return this.item(at, at - this.starts[this.line]!);
  }

  /** A list item's content at `at` (column `column`): a compact mapping, or an inline value. */
  private item(at: number, column: number): YamlNode {
    const c = this.text[at];
    if (c === '-' || c === '[') return this.valueAt(at, column);
    const key = this.keyAt(at, true);
    return key ? this.map(column, key) : this.valueAt(at, column);
  }

  /**
   * The key at `at`: a plain or quoted scalar followed by `:` (at the key's end) and a space or
   * the line's end. With `optional`, undefined when there is no key there (the text is a value).
   */
  private keyAt(at: number, optional?: false): YamlScalar;
  private keyAt(at: number, optional: true): YamlScalar | undefined;
  private keyAt(at: number, optional = false): YamlScalar | undefined {
    const c = this.text[at];
    const end = this.lineEnd(this.line);
    let node: YamlScalar;
    if (c === '"' || c === "'") {
      node = this.quoted(at, end);
      if (this.text[node.end] !== ':' || !this.isSeparated(node.end + 1)) return optional ? undefined : outside();
    } else {
      const colon = this.keyColon(at);
      if (colon === -1) return optional ? undefined : outside();
      node = this.plain(at, colon);
    }
    if (node.end - at > MAX_KEY_LENGTH) outside();
    return node;
  }

  /** Where a plain key at `at` ends (its `:`), or -1 when the line holds no plain key there. */
  private keyColon(at: number): number {
    const i = scan(PLAIN_TEXT, this.text, at);
    if (this.text[i] !== ':') return -1;
    return this.text[i - 1] === ' ' ? outside() : i;
  }

  /** A space, or the end of the line, at `i` (a `\r` is always a `\r\n` here). */
  private isSeparated(i: number): boolean {
    const c = this.text[i];
    return c === ' ' || c === '\n' || c === '\r' || c === undefined;
  }

  private skipSpaces(i: number): number {
    return this.text.charCodeAt(i) === 32 ? scan(SPACES, this.text, i) : i;
  }

  /**
   * The value after a key's `:` at `at`: on the same line, or a block below it. A block list may
   * stand at the key's own column (`indent`) when the key belongs to a block mapping.
   */
  private valueAfter(at: number, indent: number): YamlNode {
    const start = this.skipSpaces(at);
    const end = this.lineEnd(this.line);
    if (start < end && this.text[start] !== '#') {
      if (start === at) outside();
      return this.valueAt(start, indent);
    }
    this.line++;
    const next = this.nextContent();
    if (next === -1 || next < indent) outside();
    const first = this.starts[this.line]! + next;
    if (this.text[first] === '-' && this.isSeparated(first + 1)) return this.seq(next);
    if (next === indent) outside();
    return this.map(next, this.keyAt(first));
  }

  /** A value that fills the rest of the line at `at`: a flow list or a scalar, then a comment. */
  private valueAt(at: number, indent: number): YamlNode {
    const end = this.lineEnd(this.line);
    const c = this.text[at];
    const node = c === '[' ? this.flowSeq(at, end) : c === '"' || c === "'" ? this.quoted(at, end) : this.plainValue(at);
    const after = this.skipSpaces(node.end);
    if (after < end && (this.text[after] !== '#' || after === node.end)) outside();
    this.valueEnd = this.afterLine(this.line);
    this.line++;
    // Text continued on a deeper line would be one multi-line scalar.
    if (this.nextContent() > indent) outside();
    return node;
  }

  /** A plain scalar value in block context, ending before a comment or the line's end. */
  private plainValue(at: number): YamlScalar {
    let stop = scan(PLAIN_TEXT, this.text, at);
    if (this.text[stop] === ':') outside();
    while (stop > at && this.text.charCodeAt(stop - 1) === 32) stop--;
    return this.plain(at, stop);
  }

  /** The plain scalar `text[at, stop)`: text, or a small whole number; anything typed otherwise leaves the subset. */
  private plain(at: number, stop: number): YamlScalar {
    if (stop === at) outside();
    const source = this.text.slice(at, stop);
    const c = source.charCodeAt(0);
    let value: string | number = source;
    if (c >= 48 && c <= 57 && /^[0-9]{1,9}$/.test(source)) value = Number(source);
    else if (NOT_PLAIN_START.has(c) || ((source.length === 4 || source.length === 5) && TYPED_START.has(c) && TYPED_WORDS.test(source))) outside();
    return scalar(value, at, stop);
  }

  /** A one-line quoted scalar at `at` (`'it''s'`, or `"…"` without escapes). */
  private quoted(at: number, end: number): YamlScalar {
    const q = this.text[at]!;
    let value = '';
    let i = at + 1;
    for (;;) {
      const close = this.text.indexOf(q, i);
      if (close === -1 || close >= end) outside();
      value += this.text.slice(i, close);
      if (q === "'" && this.text[close + 1] === "'") {
        value += "'";
        i = close + 2;
        continue;
      }
      i = close + 1;
      break;
    }
    return scalar(value, at, i);
  }

  /** A one-line flow list of scalars at `at`: `[a, "b", 'c']` (no empty items, no trailing comma). */
  private flowSeq(at: number, end: number): YamlSeq {
    const base = this.top;
    let i = this.skipSpaces(at + 1);
    while (this.text[i] !== ']') {
      const c = this.text[i];
      const item = c === '"' || c === "'" ? this.quoted(i, end) : this.flowPlain(i);
      i = this.skipSpaces(item.end);
      this.pending[this.top++] = item;
      if (this.text[i] === ',') {
        i = this.skipSpaces(i + 1);
        if (this.text[i] === ']') outside();
      } else if (this.text[i] !== ']') outside();
    }
    // `[a]: b` is a flow key.
    if (this.text[i + 1] === ':') outside();
    return { kind: 'seq', items: this.take(base), start: at, end: i + 1 };
  }

  /** A plain scalar inside a flow list: up to `,`, `]` or spaces. */
  private flowPlain(at: number): YamlScalar {
    const i = scan(FLOW_PLAIN, this.text, at);
    const c = this.text[i];
    if (c === '[' || c === '{' || c === '}' || c === ':' || c === '#') outside();
    return this.plain(at, i);
  }
}
