/**
 * The plain-subset reader (core/plainYaml.ts) must build exactly the tree that the `yaml`
 * package's document turns into, or give up; and `parseConfig` must give the same result
 * (config values, ranges, problems with their ranges) whichever reader ran. Compared node by
 * node (kind, value, both offsets), line by line (the line starts a LineCounter is told) and
 * result by result on the project's own files, the large imported configs, hand-picked edge
 * cases, random documents of the subset's shapes (generic and config-shaped), and those
 * documents with tricky characters dropped in at random places. Each of these also with its
 * lines ending in `\r\n`, and in `\r\n` and `\n` by turns, as a file edited on Windows has them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Composer, LineCounter, Parser, type Document } from 'yaml';
import { parseConfig, type ParsedConfig } from '../../src/core/config';
import { importCodeowners } from '../../src/core/importCodeowners';
import { fromYamlDocument, readPlainYaml, RULE_ITEM, ruleItemMap, type YamlNode } from '../../src/core/plainYaml';
import { readdirSync } from 'node:fs';
import { CORPORA, corpusDir, PROJECT_DIR } from './paths';

/** What the `yaml` package reads, as `core/config.ts` asks it to. */
function composed(source: string): { doc: Document.Parsed; lineStarts: number[] } {
  const lines = new LineCounter();
  const tokens = [...new Parser(lines.addNewLine).parse(source)];
  const docs = [...new Composer({ prettyErrors: false, uniqueKeys: false, strict: true }).compose(tokens, true, source.length)];
  return { doc: docs[0]!, lineStarts: lines.lineStarts };
}

/** A node as plain data: everything the config readers can observe of it. */
function shape(node: YamlNode | null): unknown {
  if (node === null) return null;
  // A rule item read in one match is the mapping it stands for.
  if (node.kind === 'rule') return shape(ruleItemMap(node));
  const range = [node.start, node.end];
  if (node.kind === 'scalar') return { scalar: node.value, range };
  if (node.kind === 'map') return { map: node.entries.map((n) => shape(n)), range };
  if (node.kind === 'seq') return { seq: node.items.map((n) => shape(n)), range };
  return { [node.kind]: true, range };
}

/** A parse as plain data, roles in their order (a Map's order is part of the config). */
function result(parsed: ParsedConfig): unknown {
  return { ...parsed, config: { ...parsed.config, roles: [...parsed.config.roles] } };
}

/**
 * Reads `source` both ways; returns whether the plain reader took it, failing on any difference.
 * Whichever reader took it, `parseConfig` must give the same result as with the `yaml` package.
 */
function agree(source: string, compareParse = true): boolean {
  if (compareParse) expect(result(parseConfig(source)), source).toEqual(result(parseConfig(source, { plainReader: false })));
  const plain = readPlainYaml(source, 64);
  if (plain === undefined) return false;
  const { doc, lineStarts } = composed(source);
  expect({ errors: doc.errors.map((e) => e.code), warnings: doc.warnings.map((w) => w.code), source }).toEqual({ errors: [], warnings: [], source });
  expect(shape(plain.root), source).toEqual(shape(fromYamlDocument(doc)));
  expect(plain.lineStarts, source).toEqual(lineStarts);
  return true;
}

/** `source` with every line ending in `\r\n`. */
function crlf(source: string): string {
  return source.replace(/\n/g, '\r\n');
}

/** `source` with its lines ending in `\r\n` and `\n` by turns (the first in `\r\n` when `first` is 0, else the second). */
function mixed(source: string, first = 0): string {
  let n = first;
  return source.replace(/\n/g, () => (n++ % 2 === 0 ? '\r\n' : '\n'));
}

/**
 * Reads `source` with its lines ending in `\n`, in `\r\n`, and in both by turns (which lines
 * get which decided by `turn`), as {@link agree} does; returns whether the plain reader took the
 * `\n` text. A text with no `\r` of its own must be taken or left alike in every form: a `\r\n`
 * must not send a file to the slow path. The other forms' parses are compared only where the
 * plain reader takes them (else both sides would be the yaml package's).
 */
function agreeInEveryEnding(source: string, compareParse = true, turn = 0): boolean {
  const taken = agree(source, compareParse);
  for (const other of [crlf(source), mixed(source, turn)]) {
    const otherTaken = agree(other, compareParse && readPlainYaml(other, 64) !== undefined);
    if (!source.includes('\r')) expect(otherTaken, JSON.stringify(other)).toBe(taken);
  }
  return taken;
}

/** Every range of a config, as `[line, column, endLine, endColumn]` from its offsets by a LineCounter, beside the range itself. */
function rangesByLineCounter(source: string, config: ParsedConfig['config']): { ours: number[][]; lineCounter: number[][] } {
  const lines = new LineCounter();
  expect([...new Parser(lines.addNewLine).parse(source)].length).toBeGreaterThan(0);
  const ranges = [
    config.fallbackRange,
    ...[...config.roles.values()].flatMap((role) => [role.range, ...role.holderRanges]),
    ...config.rules.flatMap((rule) => [rule.range, ...rule.patterns.map((p) => p.range), ...rule.roleRanges]),
  ].filter((range) => range !== undefined);
  const at = (offset: number) => Object.values(lines.linePos(offset));
  return {
    ours: ranges.map((r) => [r.line, r.column, r.endLine, r.endColumn]),
    lineCounter: ranges.map((r) => [...at(r.offset), ...at(r.endOffset)]),
  };
}

/** mulberry32, seeded: the same documents on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(next: () => number, xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;

const WORDS = [
  'a',
  'apps/web',
  'docs/**',
  '*.md',
  '@acme/dba',
  'x@example.com',
  'release-manager',
  'it is',
  'a#b',
  'C++',
  'v1',
  '1',
  '007',
  'true',
  'null',
  '-x',
  'a:b',
  'é',
  '[a]',
  '{a,b}',
];
const COMMENTS = ['', '', '', ' # note', '  #x'];

function scalar(next: () => number, flow: boolean): string {
  const w = pick(next, WORDS);
  const style = next();
  if (style < 0.3) return `"${w}"`;
  if (style < 0.45) return `'${w.replace(/'/g, "''")}'`;
  return flow && /[,\]]/.test(w) ? `"${w}"` : w;
}

function flowList(next: () => number): string {
  const n = Math.floor(next() * 4);
  const sp = next() < 0.2 ? ' ' : '';
  return `[${sp}${Array.from({ length: n }, () => scalar(next, true) + (next() < 0.1 ? ' ' : '')).join(next() < 0.8 ? ', ' : ',')}${sp}]`;
}

/** Lines between entries: nothing, blank lines, comments at various depths. */
function gap(next: () => number, indent: number): string {
  const r = next();
  if (r < 0.6) return '';
  if (r < 0.75) return '\n';
  const depth = pick(next, [0, indent, indent, indent + 2, Math.max(0, indent - 1)]);
  return `${' '.repeat(depth)}# comment\n${next() < 0.3 ? '\n' : ''}`;
}

function value(next: () => number, indent: number, depth: number): string {
  const r = next();
  if (depth < 3 && r < 0.2) return '\n' + block(next, indent + pick(next, [2, 4]), depth + 1);
  if (depth < 3 && r < 0.35) return '\n' + list(next, indent + pick(next, [0, 2]), depth + 1);
  return ' ' + (next() < 0.5 ? flowList(next) : scalar(next, false)) + pick(next, COMMENTS) + '\n';
}

function block(next: () => number, indent: number, depth: number): string {
  let out = '';
  const n = 1 + Math.floor(next() * 3);
  for (let i = 0; i < n; i++) out += gap(next, indent) + ' '.repeat(indent) + scalar(next, false) + ':' + value(next, indent, depth);
  return out;
}

function list(next: () => number, indent: number, depth: number): string {
  let out = '';
  const n = 1 + Math.floor(next() * 3);
  for (let i = 0; i < n; i++) {
    out += gap(next, indent) + ' '.repeat(indent) + '- ';
    if (next() < 0.6) {
      const inner = block(next, indent + 2, depth + 1);
      out += inner.slice(indent + 2);
    } else out += (next() < 0.5 ? flowList(next) : scalar(next, false)) + pick(next, COMMENTS) + '\n';
  }
  return out;
}

const TRICKY = [
  '#',
  ' #',
  ':',
  ': ',
  ' ',
  '  ',
  '-',
  '- ',
  "'",
  '"',
  '[',
  ']',
  ',',
  '\n',
  '\n  ',
  '&a ',
  '*a',
  '!',
  '|',
  '>',
  '{',
  '}',
  '%',
  '@',
  '?',
  '---\n',
  '\\',
  '\t',
  '\r\n',
  '~',
];

/** A config-shaped document: the keys the readers know (and a few they do not), values of every shape. */
function configDoc(next: () => number): string {
  const ROLE_IDS = ['release-manager', 'tool-smith', 'dba', 'Bad_Id', 'security-reviewer', 'devops-engineer'];
  const HOLDERS = ['"@acme/dba"', '"@a"', 'x@example.com', 'nobody', '"@@maintainer"', '"@a"'];
  const PATTERNS = ['"*"', 'docs/**', '"apps/{a,b}/"', '"!x"', '"a***"', 'src/[a-z]', '"a b"', 'docs/**', '"#x"', 'x/**y'];
  const list = (xs: readonly string[]) => `[${Array.from({ length: Math.floor(next() * 3) + (next() < 0.8 ? 1 : 0) }, () => pick(next, xs)).join(', ')}]`;
  const value = (xs: readonly string[]) => (next() < 0.7 ? list(xs) : pick(next, xs));
  let out = pick(next, ['', 'version: 1\n', 'version: 2\n', '# head\n']);
  if (next() < 0.8) {
    out += 'roles:\n';
    for (let n = Math.floor(next() * 4); n >= 0; n--) {
      const id = pick(next, ROLE_IDS);
      if (next() < 0.7) out += `  ${id}: ${value(HOLDERS)}\n`;
      else
        out += `  ${id}:\n    name: ${pick(next, ['Release', '"R"', '1'])}\n    ${pick(next, ['holders', 'holder', 'responsibilities'])}: ${value(HOLDERS)}\n`;
    }
  }
  if (next() < 0.3) out += `fallback: ${value(ROLE_IDS)}\n`;
  if (next() < 0.2)
    out += `codeowners:\n  target: ${pick(next, ['github', 'gitlab', 'svn'])}\n  path: ${pick(next, ['.github/CODEOWNERS', '../x', 'CODEOWNERS'])}\n`;
  out += 'ownership:\n';
  const shorthand = next() < 0.2;
  for (let n = Math.floor(next() * 6); n >= 0; n--) {
    if (shorthand) out += `  ${pick(next, PATTERNS)}: ${value(ROLE_IDS)}\n`;
    else if (next() < 0.1) out += `  - ${pick(next, PATTERNS)}: ${value(ROLE_IDS)}\n`;
    else
      out += `  - ${pick(next, ['path', 'paths', 'path'])}: ${value(PATTERNS)}\n${next() < 0.9 ? `    ${pick(next, ['roles', 'role', 'roles', 'owners'])}: ${value(ROLE_IDS)}\n` : ''}`;
    out += gap(next, 2);
  }
  return out;
}

/**
 * A document in the shape `ops-roles import` writes, which the reader takes rule by rule in one
 * match (`- path: "p"` then `roles: [a, b]`), with near misses of that shape mixed in: other
 * quotes, spacing, indentation, typed words, a third key, comments, no newline at the end.
 */
function importedDoc(next: () => number): string {
  const ROLES = ['dba', 'tool-smith', 'a1', 'x-', 'null', 'true', 'False', 'nullx', 'b_c', '9a'];
  const PATHS = ['"apps/a"', "'docs/**'", '""', '"a b"', '"#x"', "'it''s'", 'plain/x', '"x\'y"', "'x\"y'"];
  let out = 'roles:\n  dba: ["@a"]\n  tool-smith: ["@b"]\nownership:\n';
  const indent = pick(next, ['  ', '  ', '', '    ']);
  for (let n = Math.floor(next() * 6); n >= 0; n--) {
    const roles = Array.from({ length: 1 + Math.floor(next() * 3) }, () => (next() < 0.97 ? pick(next, ROLES.slice(0, 4)) : pick(next, ROLES)));
    const between = pick(next, [', ', ', ', ', ', ',', ' ,  ']);
    const rolesIndent = next() < 0.9 ? indent + '  ' : pick(next, [indent + ' ', indent + '   ', indent]);
    const path = next() < 0.9 ? pick(next, PATHS.slice(0, 2)) : pick(next, PATHS);
    out += `${indent}- path: ${path}${next() < 0.05 ? ' # c' : ''}\n${rolesIndent}roles: [${roles.join(between)}]${next() < 0.05 ? ' ' : ''}\n`;
    if (next() < 0.05) out += `${indent}  ${pick(next, ['role: [dba]', 'paths: [x]', 'path: y'])}\n`;
    if (next() < 0.05) out += `${indent}    more\n`;
    if (next() < 0.3) out += gap(next, indent.length);
  }
  return next() < 0.2 ? out.slice(0, -1) : out;
}

describe('plain-subset YAML reader', () => {
  it('reads the example and fixture configs exactly as the yaml package does', () => {
    for (const file of ['examples/ops-roles.yaml', 'test/e2e/fixtures/workspace/ops-roles.yaml']) {
      expect(agreeInEveryEnding(readFileSync(join(PROJECT_DIR, file), 'utf8')), file).toBe(true);
    }
  });

  it('gives the same result for every bad-config fixture, whichever reader takes it', () => {
    const dir = join(PROJECT_DIR, 'test/fixtures/bad-configs');
    const names = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(names.length).toBeGreaterThan(10);
    const taken = names.filter((name) => agreeInEveryEnding(readFileSync(join(dir, name), 'utf8')));
    // Most of them are plain YAML with something wrong in what it says.
    expect(taken.length).toBeGreaterThan(names.length / 2);
  });

  it('gives the same result on random config-shaped documents, and on those with tricky characters dropped in', () => {
    const next = random(4385);
    let taken = 0;
    let withProblems = 0;
    for (let n = 0; n < 1500; n++) {
      const source = configDoc(next);
      if (agreeInEveryEnding(source, true, n)) taken++;
      const parsed = parseConfig(source);
      if (parsed.problems.length > 0) withProblems++;
      for (const text of [source, crlf(source), mixed(source, n)]) {
        const { ours, lineCounter } = rangesByLineCounter(text, parseConfig(text).config);
        expect(ours, text).toEqual(lineCounter);
      }
      const at = Math.floor(next() * (source.length + 1));
      agreeInEveryEnding(source.slice(0, at) + pick(next, TRICKY) + source.slice(at + (next() < 0.3 ? 1 : 0)), true, n);
    }
    // Both readers must be exercised, and the readers' problems too, not only clean files.
    expect(taken).toBeGreaterThan(600);
    expect(withProblems).toBeGreaterThan(500);
  });

  it('gives the same result on documents in the shape import writes, near misses of it, and with tricky characters dropped in', () => {
    const next = random(151016);
    let taken = 0;
    for (let n = 0; n < 1500; n++) {
      const source = importedDoc(next);
      if (agreeInEveryEnding(source, true, n)) taken++;
      const at = Math.floor(next() * (source.length + 1));
      agreeInEveryEnding(source.slice(0, at) + pick(next, TRICKY) + source.slice(at + (next() < 0.3 ? 1 : 0)), true, n);
    }
    expect(taken).toBeGreaterThan(600);
  });

  // What `ops-roles import` writes must take the fast path: the 4,400-rule config is why it exists.
  // So must the same file checked out with CRLF line ends, or edited so on Windows in part.
  it.each(CORPORA.flatMap((name) => (['LF', 'CRLF', 'mixed'] as const).map((ending) => [name, ending] as const)))(
    'reads the config imported from the %s corpus, lines ending in %s, exactly as the yaml package does',
    (name, ending) => {
      const lf = importCodeowners(readFileSync(join(corpusDir(name), 'CODEOWNERS'), 'utf8'), [], { sourcePath: '.github/CODEOWNERS' }).text;
      const text = ending === 'LF' ? lf : ending === 'CRLF' ? crlf(lf) : mixed(lf);
      expect(text.includes('\r')).toBe(ending !== 'LF');
      // `agree` is true only when the plain reader took the text.
      expect(agree(text)).toBe(true);
      // Each rule in one match: a rule of two roles once missed it, and took the general reader's long way.
      const dashes = [...text.matchAll(/^ *- /gm)].map((m) => m.index + m[0].length - 2);
      expect(dashes.length).toBeGreaterThan(10);
      const missed = dashes.filter((dash) => {
        RULE_ITEM.lastIndex = dash;
        return RULE_ITEM.exec(text) === null;
      });
      expect(missed.map((dash) => text.slice(dash, text.indexOf('\n', text.indexOf('\n', dash) + 1)))).toEqual([]);
      // Every range's line and column, found from the line table searched near the last one, is
      // where the yaml package's own LineCounter puts it.
      const lines = new LineCounter();
      expect([...new Parser(lines.addNewLine).parse(text)].length).toBeGreaterThan(0);
      const at = (offset: number) => {
        const { line, col } = lines.linePos(offset);
        return [line, col];
      };
      for (const rule of parseConfig(text).config.rules) {
        for (const range of [rule.range!, ...rule.patterns.map((p) => p.range!), ...rule.roleRanges.map((r) => r!)]) {
          expect([range.line, range.column, range.endLine, range.endColumn]).toEqual([...at(range.offset), ...at(range.endOffset)]);
        }
      }
    },
  );

  it.each([
    'a: b\n',
    'a: b',
    "a: [x , y ]  \nb: 'it''s'\n",
    'a:\n- x\n- y\nb:\n  - z\n',
    'roles:\n  a: [x]\n\nownership:\n  - path: a\n    roles: [b]\n  # c2\n  - path: b # t\n    roles: [c]\n\n# end\n',
    '# head\n\nversion: 1\nownership:\n  # first\n  - "m/**": [c]\n',
    'a:   # why\n  b: c\n',
    'a: []\nb: [ ]\n',
    'ownership:\n  - path: "a"\n    roles: [b, c-d]\n  - path: \'x y\'\n    roles: [e]\n',
    'ownership:\n- path: "a"\n  roles: [b]\n- path: "a"\n  roles: [nulls, truex]',
    'ownership:\n  - path: "a"\n    roles: [b]\n    paths: [c]\n  - path: "a"\n    roles: [b]\n  # c\n  - path: "b"\n    roles: [c]\nb: 2\nb: 3\n',
    // Line breaks of both kinds, around a rule read in one match and around the general reader's.
    'ownership:\r\n  - path: "a"\n    roles: [b, c]\r\n  - path: \'b\'\r\n    roles: [c]\n  - path: c\r\n    roles: [d] # e\r\n',
    'a: b \r\n\r\n# c\r\nd:\r\n- [x , "y" ]\r\n- e: 1 # h\r\n  g:\r\n    h: i\r\nf: \'g\'\r\n',
    'ownership:\r\n- path: "a"\r\n  roles: [b]',
    '"k":\r\n  - x\r\n\'l\': [y]\r\n',
    // Rule items read in one match that the shortcut for them must hand to the general reader:
    // a pattern to expand or refuse, a role named twice, an unknown role; and one in a list of holders.
    'roles:\n  a: ["@x"]\nownership:\n  - path: "src/{b,c}/**"\n    roles: [a, a]\n  - path: "!d"\n    roles: [a]\n  - path: "e"\n    roles: [a, zz]\n',
    'roles:\n  a:\n    - path: "x"\n      roles: [a]\nfallback:\n  - path: "y"\n    roles: [a]\n',
    // The last rule ends the text, with no line break after it: its range ends on its own line.
    'roles:\n  b: ["@x"]\nownership:\n  - path: "a"\n    roles: [b]\n  - path: "c"\n    roles: [b]',
  ])('agrees on %j', (source) => {
    expect(agreeInEveryEnding(source)).toBe(true);
  });

  it.each([
    'a: &x [b]\nc: *x\n',
    'a: !tag b\n',
    'a: |\n  text\n',
    'a: b\n  c\n',
    'a: "b\n  c"\n',
    'a: {b: c}\n',
    'a:\n',
    '---\na: b\n',
    'a: "x\\ty"\n',
    'a:\tb\n',
    'a: b\n    # deeper\nc: d\n',
    // A comment at a list's own depth after its last item stretches the list's range.
    'roles:\n  a: [x]\n  # c\nownership: []\n',
    '- a\n',
    'a: [b,]\n',
    'a: null\n',
    'a: 1.5\n',
    'ownership:\n  - path: "b"\n    roles: [c, null]\n',
    'ownership:\n  - path: "a"\n    roles: [b]\n    more\n',
    // After a rule item, what reads as the next one only from the item's column on, or stands deeper.
    'roles:\n  b: ["@x"]\nownership:\n  - path: "a"\n    roles: [b]\nx - path: "c"\n    roles: [b]\n',
    'roles:\n  b: ["@x"]\nownership:\n  - path: "a"\n    roles: [b]\n   - path: "c"\n     roles: [b]\n',
    // A `\r` without its `\n`: a line break to YAML 1.2, text in the scalar to the yaml package.
    'a: b\rc: d\n',
    'a: b\r',
    'a: "b\rc"\r\n',
    'a: b\r\r\n',
  ])('leaves %j to the yaml package', (source) => {
    expect(agreeInEveryEnding(source)).toBe(false);
  });

  it('leaves nesting deeper than it is allowed to the yaml package, which refuses it', () => {
    const nested = (depth: number) => Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' v\n';
    expect(readPlainYaml(nested(5), 5)).toBeDefined();
    expect(readPlainYaml(nested(6), 5)).toBeUndefined();
    expect(readPlainYaml(nested(5000), 64)).toBeUndefined();
    // A rule read in one match is a mapping inside its list, as deep as any other.
    const rule = 'a:\n  - path: "x"\n    roles: [b]\n';
    expect(readPlainYaml(rule, 3)).toBeDefined();
    expect(readPlainYaml(rule, 2)).toBeUndefined();
  });

  it('agrees on random documents of its shapes, and on those documents with tricky characters dropped in', () => {
    const next = random(20261201);
    let taken = 0;
    let mutatedTaken = 0;
    for (let n = 0; n < 3000; n++) {
      // Whole parses are compared on one document in four (these are mostly unknown keys, whose
      // hints make a parse slow); the config-shaped test above compares every one.
      const compareParse = n % 4 === 0;
      const source = block(next, 0, 0);
      if (agreeInEveryEnding(source, compareParse, n)) taken++;
      for (let m = 0; m < 3; m++) {
        const at = Math.floor(next() * (source.length + 1));
        const mutated = source.slice(0, at) + pick(next, TRICKY) + source.slice(at + (next() < 0.3 ? 1 : 0));
        if (agreeInEveryEnding(mutated, compareParse, n + m)) mutatedTaken++;
      }
    }
    // The generator must exercise the fast path, not only its refusals.
    expect(taken).toBeGreaterThan(600);
    expect(mutatedTaken).toBeGreaterThan(600);
  });
});
