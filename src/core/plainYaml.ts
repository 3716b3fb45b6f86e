/**
 * A fast reader for the plain YAML that `ops-roles.yaml` files are written in: block mappings
 * and lists, one-line `[a, "b"]` lists, plain and quoted one-line text, comments. It builds the
 * very nodes the `yaml` package composes (same classes, values and ranges), so the config
 * readers and their diagnostics cannot tell which reader ran; `test/unit/plainYaml.test.ts`
 * compares the two node by node.
 *
 * Why: the `yaml` package spends about 300 ms (more in a fresh process) lexing, parsing and
 * composing a 4,400-rule file, most of it in machinery for YAML this file never uses, and every
 * `ops-roles who` in a hook and the editor's first CodeLens pay it. This reader does one pass
 * over the lines.
 *
 * Anything outside the subset (anchors, aliases, tags, block scalars, multi-line text, flow
 * mappings, escapes, tabs, documents markers, directives, empty values, anything unusual) makes
 * it give up and return `undefined`, and the `yaml` package reads the file as before: the subset
 * only decides how fast a file is read, never what it means.
 */
import { Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

/** Thrown inside the reader when the text leaves the subset; never escapes it. */
const OUTSIDE = Symbol('outside the plain subset');

/** Characters a plain scalar may not start with (YAML indicators, and what would type it). */
const NOT_PLAIN_START = new Set([...'-?:,[]{}#&*!|>\'"%@`.+~0123456789 '].map((c) => c.charCodeAt(0)));
/** Plain words the core schema reads as something other than text. */
const TYPED_WORDS = /^(?:null|true|false)$/i;

/**
 * A prototype for nodes of one kind: the kind's class, with the identity mark the `yaml`
 * constructors put on every node (an `Object.defineProperty` call each, most of the cost of
 * making a node) put once on the prototype instead. `isScalar`, `isMap` and the rest read it
 * the same way; the test compares nodes through them.
 */
function shared<T extends object>(made: T): T {
  const proto = Object.create(Object.getPrototypeOf(made)) as T;
  for (const mark of Object.getOwnPropertySymbols(made)) Object.defineProperty(proto, mark, Object.getOwnPropertyDescriptor(made, mark)!);
  return proto;
}

const SCALAR = shared(new Scalar(null));
const MAP = shared(new YAMLMap());
const SEQ = shared(new YAMLSeq());
const PAIR = shared(new Pair(null));

function scalar(value: string | number, range: [number, number, number], type: Scalar.Type, source: string): Scalar {
  const node = Object.create(SCALAR) as Scalar;
  node.value = value;
  node.range = range;
  node.source = source;
  node.type = type;
  return node;
}

function collection<T extends YAMLMap | YAMLSeq>(proto: T): T {
  const node = Object.create(proto) as T;
  node.items = [];
  return node;
}

function pair(key: Scalar, value: Node): Pair<Scalar, Node> {
  const node = Object.create(PAIR) as Pair<Scalar, Node>;
  node.key = key;
  node.value = value;
  return node;
}
/** The longest implicit key YAML allows before its `:`. */
const MAX_KEY_LENGTH = 1024;

type Node = Scalar | YAMLMap | YAMLSeq;

/**
 * The root mapping of `source` built from the plain subset, or `undefined` when the text
 * leaves it. `addNewLine` is told every line start, as the `yaml` parser tells a `LineCounter`.
 * Mappings and lists nested deeper than `maxDepth` leave the subset too (the caller refuses
 * them with a position; this reader recurses once per level and must not go deep).
 */
export function readPlainYaml(source: string, addNewLine: (offset: number) => void, maxDepth: number): YAMLMap | undefined {
  if (/[\t\r\\]/.test(source)) return undefined;
  const reader = new PlainReader(source, maxDepth);
  let root: YAMLMap;
  try {
    root = reader.document();
  } catch (error) {
    if (error === OUTSIDE) return undefined;
    throw error;
  }
  for (const start of reader.starts) addNewLine(start);
  return root;
}

function outside(): never {
  throw OUTSIDE;
}

/** One pass over the lines; `line` is the line being read, `at` the offset within the text. */
class PlainReader {
  /** Offset where each line starts (the last one may be the end of the text). */
  readonly starts: number[] = [0];
  private line = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  document(): YAMLMap {
    const indent = this.nextContent();
    if (indent !== 0) outside();
    const first = this.starts[this.line]!;
    if (this.text.startsWith('---', first) || this.text.startsWith('...', first)) outside();
    const root = this.map(0, first);
    if (this.nextContent() !== -1) outside();
    // The document keeps trailing comments, so the root's range ends with its last value.
    root.range = [root.range![0], root.range![1], root.range![1]];
    return root;
  }

  private lineEnd(line: number): number {
    const next = this.starts[line + 1];
    return next === undefined ? this.text.length : next - 1;
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
    let deepest = -1;
    for (; this.line < this.starts.length; this.line++) {
      const start = this.starts[this.line]!;
      const end = this.lineEnd(this.line);
      let i = start;
      while (i < end && this.text.charCodeAt(i) === 32) i++;
      if (i === end) continue;
      if (this.text[i] === '#') {
        deepest = Math.max(deepest, i - start);
        continue;
      }
      if ((this.text[i] === '%' && i === start) || deepest > i - start) outside();
      return i - start;
    }
    if (deepest > 0) outside();
    return -1;
  }

  /** A block mapping whose keys stand at column `indent`; its first key starts at `first`. */
  private map(indent: number, first: number): YAMLMap {
    if (++this.depth > this.maxDepth) outside();
    const map = collection(MAP);
    let at = first;
    let end: number;
    for (;;) {
      const key = this.keyAt(at);
      const value = this.valueAfter(key.colon + 1, indent);
      map.items.push(pair(key.node, value));
      end = value.range![2];
      const next = this.nextContent();
      if (next < indent) break;
      if (next > indent) outside();
      at = this.starts[this.line]! + indent;
      // A list item where a key should be: YAML calls that an error.
      if (this.text[at] === '-' && this.isSeparated(at + 1)) outside();
    }
    map.range = [first, end, end];
    this.depth--;
    return map;
  }

  /** A block list whose `-` stand at column `indent`. */
  private seq(indent: number): YAMLSeq {
    if (++this.depth > this.maxDepth) outside();
    const seq = collection(SEQ);
    const first = this.starts[this.line]! + indent;
    let end: number;
    for (;;) {
      const dash = this.starts[this.line]! + indent;
      if (!this.isSeparated(dash + 1) || dash + 1 >= this.lineEnd(this.line)) outside();
      const at = this.skipSpaces(dash + 1);
      const item = this.item(at, at - this.starts[this.line]!);
      seq.items.push(item);
      end = item.range![2];
      const next = this.nextContent();
      if (next < indent) break;
      if (next > indent) outside();
      const at2 = this.starts[this.line]! + indent;
      if (this.text[at2] !== '-' || !this.isSeparated(at2 + 1)) break;
    }
    seq.range = [first, end, end];
    this.depth--;
    return seq;
  }

  /** A list item's content at `at` (column `column`): a compact mapping, or an inline value. */
  private item(at: number, column: number): Node {
    const c = this.text[at];
    if (c === '-' || c === '[') return this.valueAt(at, column);
    const key = this.keyAt(at, true);
    return key ? this.map(column, at) : this.valueAt(at, column);
  }

  /**
   * The key at `at`: a plain or quoted scalar followed by `:` and a space or the line's end.
   * With `optional`, undefined when there is no key there (the text is a value).
   */
  private keyAt(at: number, optional?: false): { node: Scalar; colon: number };
  private keyAt(at: number, optional: true): { node: Scalar; colon: number } | undefined;
  private keyAt(at: number, optional = false): { node: Scalar; colon: number } | undefined {
    const c = this.text[at];
    const end = this.lineEnd(this.line);
    let node: Scalar;
    if (c === '"' || c === "'") {
      node = this.quoted(at, end);
      if (this.text[node.range![1]] !== ':' || !this.isSeparated(node.range![1] + 1)) return optional ? undefined : outside();
    } else {
      const colon = this.keyColon(at, end);
      if (colon === -1) return optional ? undefined : outside();
      node = this.plain(at, colon);
    }
    const colon = node.range![1];
    if (colon - at > MAX_KEY_LENGTH) outside();
    return { node, colon };
  }

  /** Where a plain key at `at` ends (its `:`), or -1 when the line holds no plain key there. */
  private keyColon(at: number, end: number): number {
    for (let i = at; i < end; i++) {
      const c = this.text[i];
      if (c === ':' && this.isSeparated(i + 1)) return this.text[i - 1] === ' ' ? outside() : i;
      if (c === '#' && this.text[i - 1] === ' ') return -1;
    }
    return -1;
  }

  /** A space, or the end of the line, at `i`. */
  private isSeparated(i: number): boolean {
    const c = this.text[i];
    return c === ' ' || c === '\n' || c === undefined;
  }

  private skipSpaces(i: number): number {
    while (this.text.charCodeAt(i) === 32) i++;
    return i;
  }

  /**
   * The value after a key's `:` at `at`: on the same line, or a block below it. A block list may
   * stand at the key's own column (`indent`) when the key belongs to a block mapping.
   */
  private valueAfter(at: number, indent: number): Node {
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
    return this.map(next, first);
  }

  /** A value that fills the rest of the line at `at`: a flow list or a scalar, then a comment. */
  private valueAt(at: number, indent: number): Node {
    const end = this.lineEnd(this.line);
    const c = this.text[at];
    const node = c === '[' ? this.flowSeq(at, end) : c === '"' || c === "'" ? this.quoted(at, end) : this.plainValue(at, end);
    const after = this.skipSpaces(node.range![1]);
    if (after < end && (this.text[after] !== '#' || after === node.range![1])) outside();
    node.range![2] = this.afterLine(this.line);
    this.line++;
    // Text continued on a deeper line would be one multi-line scalar.
    if (this.nextContent() > indent) outside();
    return node;
  }

  /** A plain scalar value in block context, ending before a comment or the line's end. */
  private plainValue(at: number, end: number): Scalar {
    let stop = end;
    for (let i = at; i < end; i++) {
      const c = this.text[i];
      if (c === '#' && this.text[i - 1] === ' ') {
        stop = i;
        break;
      }
      if (c === ':' && this.isSeparated(i + 1)) outside();
    }
    while (stop > at && this.text.charCodeAt(stop - 1) === 32) stop--;
    return this.plain(at, stop);
  }

  /** The plain scalar `text[at, stop)`: text, or a small whole number; anything typed otherwise leaves the subset. */
  private plain(at: number, stop: number): Scalar {
    if (stop === at) outside();
    const source = this.text.slice(at, stop);
    const c = source.charCodeAt(0);
    let value: string | number = source;
    if (c >= 48 && c <= 57 && /^[0-9]{1,9}$/.test(source)) value = Number(source);
    else if (NOT_PLAIN_START.has(c) || ((source.length === 4 || source.length === 5) && TYPED_WORDS.test(source))) outside();
    return scalar(value, [at, stop, stop], Scalar.PLAIN, source);
  }

  /** A one-line quoted scalar at `at` (`'it''s'`, or `"…"` without escapes). */
  private quoted(at: number, end: number): Scalar {
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
    return scalar(value, [at, i, i], q === '"' ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE, value);
  }

  /** A one-line flow list of scalars at `at`: `[a, "b", 'c']` (no empty items, no trailing comma). */
  private flowSeq(at: number, end: number): YAMLSeq {
    const seq = collection(SEQ);
    seq.flow = true;
    let i = this.skipSpaces(at + 1);
    while (this.text[i] !== ']') {
      const c = this.text[i];
      const item = c === '"' || c === "'" ? this.quoted(i, end) : this.flowPlain(i, end);
      i = this.skipSpaces(item.range![1]);
      item.range![2] = i;
      seq.items.push(item);
      if (this.text[i] === ',') {
        i = this.skipSpaces(i + 1);
        if (this.text[i] === ']') outside();
      } else if (this.text[i] !== ']') outside();
    }
    // `[a]: b` is a flow key.
    if (this.text[i + 1] === ':') outside();
    seq.range = [at, i + 1, i + 1];
    return seq;
  }

  /** A plain scalar inside a flow list: up to `,`, `]` or spaces. */
  private flowPlain(at: number, end: number): Scalar {
    let i = at;
    while (i < end) {
      const c = this.text[i];
      if (c === ',' || c === ']' || c === ' ') break;
      if (c === '[' || c === '{' || c === '}' || c === ':' || c === '#') outside();
      i++;
    }
    return this.plain(at, i);
  }
}
