/**
 * The plain-subset reader (core/plainYaml.ts) must build exactly the nodes the `yaml` package
 * composes, or give up. Compared node by node (class, value, style, all three range offsets)
 * and line by line (the line starts a LineCounter is told) on the project's own files, the large
 * imported config, hand-picked edge cases, random documents of the subset's shapes, and those
 * documents with tricky characters dropped in at random places.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Composer, isMap, isScalar, isSeq, LineCounter, Parser, type Document } from 'yaml';
import { importCodeowners } from '../../src/core/importCodeowners';
import { readPlainYaml } from '../../src/core/plainYaml';
import { CORPORA, corpusDir, PROJECT_DIR } from './paths';

/** What the `yaml` package reads, as `core/config.ts` asks it to. */
function composed(source: string): { doc: Document.Parsed; lineStarts: number[] } {
  const lines = new LineCounter();
  const tokens = [...new Parser(lines.addNewLine).parse(source)];
  const docs = [...new Composer({ prettyErrors: false, uniqueKeys: false, strict: true }).compose(tokens, true, source.length)];
  return { doc: docs[0]!, lineStarts: lines.lineStarts };
}

/** A node as plain data: what the config readers can observe of it. */
function shape(node: unknown, root = false): unknown {
  if (isScalar(node)) return { scalar: node.value, type: node.type, range: node.range };
  const range = (node as { range?: number[] }).range;
  const shown = root ? range?.slice(0, 2) : range;
  if (isMap(node)) return { map: node.items.map((p) => [shape(p.key), shape(p.value)]), range: shown };
  if (isSeq(node)) return { seq: node.items.map((i) => shape(i)), flow: node.flow ?? false, range: shown };
  return { other: String(node) };
}

/** Reads `source` both ways; returns whether the plain reader took it, failing on any difference. */
function agree(source: string): boolean {
  const starts: number[] = [];
  const plain = readPlainYaml(source, (o) => starts.push(o), 64);
  if (plain === undefined) return false;
  const { doc, lineStarts } = composed(source);
  expect({ errors: doc.errors.map((e) => e.code), warnings: doc.warnings.map((w) => w.code), source }).toEqual({ errors: [], warnings: [], source });
  expect(shape(plain, true), source).toEqual(shape(doc.contents, true));
  expect(starts, source).toEqual(lineStarts);
  return true;
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

describe('plain-subset YAML reader', () => {
  it('reads the example and fixture configs exactly as the yaml package does', () => {
    for (const file of ['examples/ops-roles.yaml', 'test/e2e/fixtures/workspace/ops-roles.yaml']) {
      expect(agree(readFileSync(join(PROJECT_DIR, file), 'utf8')), file).toBe(true);
    }
  });

  // What `ops-roles import` writes must take the fast path: the 4,400-rule config is why it exists.
  it.each(CORPORA)('reads the config imported from the %s corpus exactly as the yaml package does', (name) => {
    const text = importCodeowners(readFileSync(join(corpusDir(name), 'CODEOWNERS'), 'utf8'), [], { sourcePath: '.github/CODEOWNERS' }).text;
    expect(agree(text)).toBe(true);
  });

  it.each([
    'a: b\n',
    'a: b',
    "a: [x , y ]  \nb: 'it''s'\n",
    'a:\n- x\n- y\nb:\n  - z\n',
    'roles:\n  a: [x]\n\nownership:\n  - path: a\n    roles: [b]\n  # c2\n  - path: b # t\n    roles: [c]\n\n# end\n',
    '# head\n\nversion: 1\nownership:\n  # first\n  - "m/**": [c]\n',
    'a:   # why\n  b: c\n',
    'a: []\nb: [ ]\n',
  ])('agrees on %j', (source) => {
    expect(agree(source)).toBe(true);
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
  ])('leaves %j to the yaml package', (source) => {
    expect(readPlainYaml(source, () => undefined, 64)).toBeUndefined();
  });

  it('leaves nesting deeper than it is allowed to the yaml package, which refuses it', () => {
    const nested = (depth: number) => Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' v\n';
    expect(readPlainYaml(nested(5), () => undefined, 5)).toBeDefined();
    expect(readPlainYaml(nested(6), () => undefined, 5)).toBeUndefined();
    expect(readPlainYaml(nested(5000), () => undefined, 64)).toBeUndefined();
  });

  it('agrees on random documents of its shapes, and on those documents with tricky characters dropped in', () => {
    const next = random(20261201);
    let taken = 0;
    let mutatedTaken = 0;
    for (let n = 0; n < 3000; n++) {
      const source = block(next, 0, 0);
      if (agree(source)) taken++;
      for (let m = 0; m < 3; m++) {
        const at = Math.floor(next() * (source.length + 1));
        const mutated = source.slice(0, at) + pick(next, TRICKY) + source.slice(at + (next() < 0.3 ? 1 : 0));
        if (agree(mutated)) mutatedTaken++;
      }
    }
    // The generator must exercise the fast path, not only its refusals.
    expect(taken).toBeGreaterThan(600);
    expect(mutatedTaken).toBeGreaterThan(600);
  });
});
