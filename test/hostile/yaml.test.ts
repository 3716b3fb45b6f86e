/**
 * ops-roles.yaml from a hostile pull request: every case is a problem with a position, never a
 * throw, a hang or a crash. Each test is named for the risk it covers.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { MAX_ALIAS_COUNT, MAX_ALIAS_NODES, MAX_CONFIG_BYTES, MAX_NESTING_DEPTH, parseConfig } from '../../src/core/config';
import { isOwnerToken } from '../../src/core/codeowners';
import { OwnershipModel } from '../../src/core/ownership';
import { BUILTIN_ROLES } from '../../src/core/roles';
import { PROJECT_DIR } from '../unit/paths';
import { LIMIT_MS, relativeCost, timed } from './helpers';

/** Problems as `code line:col`, with the severity when it is not an error. */
function brief(text: string): string[] {
  return parseConfig(text).problems.map((p) => `${p.code} ${p.line}:${p.column}${p.severity === 'error' ? '' : ' ' + p.severity}`);
}

describe('YAML syntax errors are problems at their position', () => {
  it.each([
    ['an unclosed flow sequence', 'roles:\n  tool-smith: ["@a"\nownership: []\n', ['yaml-syntax 3:1']],
    ['an unclosed quote', 'roles:\n  tool-smith: ["@a]\n', ['no-holders 2:3 warning', 'bad-holder 2:16', 'yaml-syntax 3:1', 'yaml-syntax 3:1']],
    ['a key indented one space short', 'roles:\n  tool-smith: ["@a"]\n devops-engineer: ["@b"]\n', ['yaml-syntax 3:1', 'unknown-key 3:2']],
    ['a tab as indentation', 'roles:\n\ttool-smith: ["@a"]\n', ['yaml-syntax 2:1', 'unknown-key 2:2']],
    ['a second document', 'version: 1\n---\nversion: 1\n', ['yaml-syntax 2:1']],
    ['a stray closing bracket', 'roles: ]\n', ['yaml-syntax 1:8']],
    ['a key broken over two lines', 'roles:\n  tool\n  smith: ["@a"]\n', ['yaml-syntax 2:3', 'bad-role-id 2:3']],
    ['an unknown directive', '%FOO bar\n---\nversion: 1\n', ['yaml-warning 1:1 warning']],
    ['an alias to no anchor (a typo would drop holders silently)', 'roles:\n  tool-smith: *sre-team\n', ['no-holders 2:3 warning', 'unknown-alias 2:15']],
    [
      'an alias to an anchor defined after it',
      'roles:\n  tool-smith: *later\nx: &later ["@a"]\n',
      ['no-holders 2:3 warning', 'unknown-alias 2:15', 'unknown-key 3:1'],
    ],
  ])('%s', (_risk, text, expected) => {
    expect(brief(text)).toEqual(expected);
  });
});

describe('wrong types everywhere are problems, and the config stays usable', () => {
  it.each([
    ['the whole file is a list', '- roles\n- ownership\n', ['not-a-mapping 1:1']],
    ['the whole file is text', 'just some text\n', ['not-a-mapping 1:1']],
    ['version is text', 'version: "1"\n', ['bad-version 1:10']],
    ['version is 2', 'version: 2\n', ['bad-version 1:10']],
    ['version is a huge number', 'version: 123456789012345678901234567890\n', ['bad-version 1:10']],
    ['roles is a list', 'roles: [tool-smith]\n', ['wrong-type 1:8']],
    ['a holder is a number', 'roles:\n  tool-smith: [42]\n', ['no-holders 2:3 warning', 'wrong-type 2:16']],
    ['holders is a mapping', 'roles:\n  tool-smith: {a: 1}\n', ['no-holders 2:3 warning', 'unknown-key 2:16']],
    [
      'holders mixes null, booleans, maps and nested lists',
      'roles:\n  tool-smith: [~, true, {a: 1}, [["@x"]]]\n',
      ['wrong-type 2:16', 'wrong-type 2:19', 'wrong-type 2:25'],
    ],
    ['a role field is a list', 'roles:\n  tool-smith:\n    name: [a]\n', ['no-holders 2:3 warning', 'wrong-type 3:11']],
    ['ownership is text', 'ownership: everything\n', ['wrong-type 1:12']],
    ['a rule is text', 'ownership:\n  - x/\n', ['wrong-type 2:5']],
    ['a path is a number', 'ownership:\n  - path: 7\n    roles: [tool-smith]\n', ['missing-path 2:5', 'wrong-type 2:11', 'unlisted-role 3:13 warning']],
    ['a path is a mapping', 'ownership:\n  - path: {a: b}\n    roles: [tool-smith]\n', ['missing-path 2:5', 'wrong-type 2:11', 'unlisted-role 3:13 warning']],
    ['the roles of a rule is a number', 'ownership:\n  - path: x/\n    roles: 3\n', ['missing-roles 2:5', 'wrong-type 3:12']],
    ['a key is a list', '[a]: 1\n', ['bad-key 1:1']],
    ['a key is a timestamp (YAML 1.1)', '%YAML 1.1\n---\nroles:\n  2001-12-14: ["@a"]\n', ['bad-key 4:3']],
    ['a merge key', 'base: &b {tool-smith: ["@a"]}\nroles:\n  <<: *b\n', ['unknown-key 1:1', 'bad-role-id 3:3']],
    ['a holder given as !!binary', '%YAML 1.1\n---\nroles:\n  tool-smith: !!binary aGVsbG8=\n', ['no-holders 4:3 warning', 'wrong-type 4:24']],
    ['an unknown tag', 'roles: !!js/function "function(){}"\n', ['yaml-warning 1:8 warning', 'wrong-type 1:22']],
    [
      '__proto__ and constructor as role ids',
      'roles:\n  __proto__: ["@a"]\n  constructor: ["@b"]\nownership:\n  - path: x/\n    roles: [__proto__, toString]\n',
      ['bad-role-id 2:3', 'unknown-role 6:13', 'unknown-role 6:24'],
    ],
    ['codeowners is a list', 'codeowners: [github]\n', ['wrong-type 1:13']],
    ['codeowners.target is unknown', 'codeowners:\n  target: bitbucket\n', ['bad-target 2:11']],
    ['codeowners.path is absolute', 'codeowners:\n  path: /etc/CODEOWNERS\n', ['bad-output-path 2:9']],
    ['codeowners.path climbs out', 'codeowners:\n  path: docs/../../x\n', ['bad-output-path 2:9']],
    ['codeowners.path holds a NUL', 'codeowners:\n  path: "a\\0b"\n', ['bad-output-path 2:9']],
    ['codeowners.path points into .git', 'codeowners:\n  path: .git/hooks/pre-commit\n', ['bad-output-path 2:9']],
    ['fallback is a mapping', 'fallback: {a: 1}\n', ['wrong-type 1:11']],
    ['fallback names an unknown role', 'fallback: [nobody-at-all]\n', ['unknown-role 1:12']],
  ])('%s', (_risk, text, expected) => {
    const { config } = parseConfig(text);
    expect(brief(text)).toEqual(expected);
    // Whatever was wrong, the built-ins are there and the model answers.
    expect([...config.roles.keys()].slice(0, BUILTIN_ROLES.length)).toEqual(BUILTIN_ROLES.map((r) => r.id));
    expect(() => new OwnershipModel(config).resolve('x/a')).not.toThrow();
  });
});

describe('duplicate keys', () => {
  it.each([
    ['at the top level', 'roles: {}\nroles: {}\n', ['yaml-syntax 2:1']],
    ['a role defined twice', 'roles:\n  tool-smith: ["@a"]\n  tool-smith: ["@b"]\n', ['yaml-syntax 3:3', 'duplicate-role 3:3']],
    ['a role field given twice', 'roles:\n  tool-smith:\n    holders: ["@a"]\n    holders: ["@b"]\n', ['yaml-syntax 4:5']],
    ['a rule key given twice', 'ownership:\n  - path: x/\n    path: y/\n    roles: [tool-smith]\n', ['yaml-syntax 3:5', 'unlisted-role 4:13 warning']],
    ['in a flow mapping', 'ownership: [{path: x/, path: y/, roles: [tool-smith]}]\n', ['yaml-syntax 1:24', 'unlisted-role 1:42 warning']],
    [
      'a shorthand pattern given twice',
      'ownership:\n  x/: [tool-smith]\n  x/: [devops-engineer]\n',
      ['duplicate-rule 2:3 warning', 'unlisted-role 2:8 warning', 'yaml-syntax 3:3', 'unlisted-role 3:8 warning'],
    ],
    ['quoted and plain spellings of one key', 'roles: {}\n"roles": {}\n', ['yaml-syntax 2:1']],
    ['under a key Ops Roles does not know', 'extra:\n  a: 1\n  a: 2\n', ['unknown-key 1:1', 'yaml-syntax 3:3']],
    ['the repeated key, not the end of the line before it (valid YAML, deeper indent)', '    roles:\n    roles: 1\n', ['yaml-syntax 2:5', 'wrong-type 2:12']],
  ])('%s', (_risk, text, expected) => {
    expect(brief(text)).toEqual(expected);
    expect(
      parseConfig(text)
        .problems.filter((p) => p.code === 'yaml-syntax')
        .every((p) => p.message === 'Map keys must be unique'),
    ).toBe(true);
  });

  it('finding them is linear in the number of keys (the yaml package compared every pair: 40 000 keys took 20 s)', () => {
    // One mapping of 32 000 keys against four of 8 000: the same keys, lines and bytes, so the
    // same parse and the same garbage to collect. Comparing every pair costs four times as much in
    // the one mapping (n² against 4 × (n/4)²); a check that is linear costs the same in both.
    // (Comparing sizes, 32 000 keys against 8 000, measured how the collector grows with the
    // heap: linear work came out 5-9 times the smaller, against a limit of 8.)
    const keys = (count: number, from: number) => Array.from({ length: count }, (_, i) => `    k${from + i}: 1`).join('\n');
    const mappings = (parts: number) =>
      `x:\n${Array.from({ length: parts }, (_, p) => `  g${p}:\n${keys(32_000 / parts, (p * 32_000) / parts)}`).join('\n')}\n`;
    expect(relativeCost(parseConfig, mappings(1), mappings(4))).toBeLessThan(2.5);
    const big = `ownership:\n${Array.from({ length: 2_000 }, (_, i) => `  p${i}/: [tool-smith]`).join('\n')}\n  p0/: [tool-smith]\n`;
    const { value, ms } = timed(() => parseConfig(big).problems.filter((p) => p.message === 'Map keys must be unique'));
    expect(value.map((p) => p.line)).toEqual([2_002]);
    expect(ms).toBeLessThan(LIMIT_MS);
  });
});

/** The classic: nine anchors, each a list of nine aliases to the one before (9^9 leaves). */
function billionLaughs(indent = ''): string {
  const lines = [`${indent}l0: &l0 ["@lol", "@lol", "@lol", "@lol", "@lol", "@lol", "@lol", "@lol", "@lol"]`];
  for (let i = 1; i < 9; i++)
    lines.push(
      `${indent}l${i}: &l${i} [${Array(9)
        .fill(`*l${i - 1}`)
        .join(', ')}]`,
    );
  return lines.join('\n') + '\n';
}

describe('anchors and aliases ("billion laughs")', () => {
  it('a bomb at the top level is refused quickly', () => {
    const { value, ms } = timed(() => parseConfig(billionLaughs()));
    expect(ms).toBeLessThan(LIMIT_MS);
    expect(value.problems.map((p) => p.code)).toEqual(Array(9).fill('unknown-key'));
  });

  it('a bomb used as the holders of a role is refused: too-many-aliases, bounded problems', () => {
    const bomb = `x:\n${billionLaughs('  ')}roles:\n  tool-smith: *l8\n  devops-engineer:\n    holders: [*l8, *l7, [*l6, [*l5]]]\n`;
    const { value, ms } = timed(() => parseConfig(bomb));
    expect(ms).toBeLessThan(LIMIT_MS);
    const codes = new Set(value.problems.map((p) => p.code));
    expect(codes.has('too-many-aliases')).toBe(true);
    // Without a budget, 9^9 holders (each a duplicate-holder warning) would come back.
    expect(value.problems.length).toBeLessThan(MAX_ALIAS_COUNT + MAX_ALIAS_NODES);
    // Depth first: the first chain reaches "@lol"; the budget runs out long before the rest.
    expect(value.config.roles.get('tool-smith')!.holders).toEqual(['@lol']);
    expect(value.config.roles.get('devops-engineer')!.holders).toEqual([]);
  });

  it('aliases nested inside the lists parseConfig recurses into (paths of a rule) stay within the budget', () => {
    // p_i is a list of two aliases to p_(i-1): 2^30 paths if every alias were followed.
    const anchors = ['  - path: &p0 ["a/", "b/"]', '    roles: [tool-smith]'];
    for (let i = 1; i <= 30; i++) anchors.push(`  - path: &p${i} [*p${i - 1}, [*p${i - 1}]]`, '    roles: [tool-smith]');
    const text = `roles:\n  tool-smith: ["@t"]\nownership:\n${anchors.join('\n')}\n`;
    const { value, ms } = timed(() => parseConfig(text));
    expect(ms).toBeLessThan(LIMIT_MS);
    expect(value.problems.some((p) => p.code === 'too-many-aliases')).toBe(true);
    const patterns = value.config.rules.reduce((n, r) => n + r.patterns.length, 0);
    expect(patterns).toBeLessThanOrEqual(MAX_ALIAS_NODES + 2);
  });

  it('a hundred aliases to one long list do not multiply the work (a million warnings before the node budget)', () => {
    const list = Array.from({ length: 10_000 }, () => '"@a"').join(',');
    const text = `x:\n  h: &h [${list}]\nroles:\n  tool-smith:\n    holders: [${Array(100).fill('*h').join(',')}]\n`;
    const { value, ms } = timed(() => parseConfig(text));
    expect(ms).toBeLessThan(LIMIT_MS);
    expect(value.problems.filter((p) => p.code === 'too-many-aliases')).toHaveLength(100);
    // Each refused alias also leaves a holder that is not text: two problems an alias at most.
    expect(value.problems.length).toBeLessThanOrEqual(2 * 100 + 2);
  });

  it('aliases a real file uses (a shared holder list) still work', () => {
    const text = 'x:\n  sre: &sre ["@acme/sre", "@bob"]\nroles:\n  operations-engineer: *sre\n  devops-engineer:\n    holders: *sre\n';
    const { config, problems } = parseConfig(text);
    expect(problems.map((p) => p.code)).toEqual(['unknown-key']);
    expect(config.roles.get('operations-engineer')!.holders).toEqual(['@acme/sre', '@bob']);
    expect(config.roles.get('devops-engineer')!.holders).toEqual(['@acme/sre', '@bob']);
  });

  it('an alias to itself or to its own ancestor is not followed into a loop', () => {
    for (const text of ['a: &a [*a]\nroles: *a\n', 'roles: &r\n  tool-smith: *r\n', 'ownership: &o\n  - path: x/\n    roles: *o\n']) {
      const { ms } = timed(() => expect(() => parseConfig(text)).not.toThrow());
      expect(ms).toBeLessThan(LIMIT_MS);
    }
  });
});

describe('size', () => {
  it(`a 50 MB file is refused by size before parsing (MAX_CONFIG_BYTES = ${MAX_CONFIG_BYTES})`, () => {
    const huge = 'roles:\n' + '  # padding\n'.repeat((50 * 1024 * 1024) / 12);
    const { value, ms } = timed(() => parseConfig(huge));
    expect(ms).toBeLessThan(50);
    expect(value.problems).toEqual([
      {
        code: 'file-too-large',
        severity: 'error',
        message: 'ops-roles.yaml is larger than 5 MB; refusing to read it',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
      },
    ]);
  });

  it('one character over the limit is refused, and nothing is parsed', () => {
    const { value, ms } = timed(() => parseConfig('['.repeat(MAX_CONFIG_BYTES + 1)));
    expect(ms).toBeLessThan(50);
    expect(value.problems.map((p) => p.code)).toEqual(['file-too-large']);
  });

  it('a megabyte-long holder is rejected in linear time (the e-mail regex backtracked: 100 kB took 14 s)', () => {
    for (const token of ['a@' + '.'.repeat(100_000) + '@', 'a@' + 'a.'.repeat(100_000) + '@', '@' + 'a'.repeat(1_000_000) + '!']) {
      const { value, ms } = timed(() => isOwnerToken(token));
      expect(value).toBe(false);
      expect(ms).toBeLessThan(LIMIT_MS / 10);
    }
    const text = `roles:\n  tool-smith: ["a@${'.'.repeat(100_000)}@"]\n`;
    const { value, ms } = timed(() => parseConfig(text).problems.map((p) => p.code));
    expect(value).toEqual(['no-holders', 'bad-holder']);
    expect(ms).toBeLessThan(LIMIT_MS);
  });
});

describe(`deep nesting (refused past ${MAX_NESTING_DEPTH} levels, before the recursive composer runs)`, () => {
  const tooDeep = (line: number, column: number) => [`too-deep ${line}:${column}`];
  it.each([
    ['10 000 levels of [[[[', '['.repeat(10_000), tooDeep(1, 65)],
    ['10 000 levels of [[[[ closed', '['.repeat(10_000) + ']'.repeat(10_000), tooDeep(1, 65)],
    ['10 000 levels of {a: {a:', 'a: ' + '{a: '.repeat(10_000), tooDeep(1, 4 + 63 * 4)],
    [
      'a path nested 10 000 lists deep',
      'ownership:\n  - path: ' + '['.repeat(10_000) + 'x' + ']'.repeat(10_000) + '\n    roles: [tool-smith]\n',
      tooDeep(2, 72),
    ],
    ['200 levels of block indentation', Array.from({ length: 200 }, (_, i) => ' '.repeat(i) + 'k:').join('\n'), tooDeep(65, 65)],
    ['200 compact block lists (- - - -)', '- '.repeat(200) + 'x', tooDeep(1, 129)],
  ])('%s', (_risk, text, expected) => {
    const { value, ms } = timed(() => brief(text));
    expect(value).toEqual(expected);
    expect(ms).toBeLessThan(LIMIT_MS);
  });

  it(`exactly ${MAX_NESTING_DEPTH} levels are still read`, () => {
    expect(brief('['.repeat(MAX_NESTING_DEPTH) + ']'.repeat(MAX_NESTING_DEPTH))).toEqual(['not-a-mapping 1:1']);
  });

  it('a fresh process reads deep documents again and again (V8 used to die: fatal out of memory in its RegExp compiler)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ops-roles-deep-'));
    const script = join(dir, 'deep.js');
    await build({
      stdin: {
        contents: `import { parseConfig } from ${JSON.stringify(join(PROJECT_DIR, 'src/core/config.ts'))};
for (const d of [1000, 1000, 2000, 10000]) console.log(parseConfig('['.repeat(d) + ']'.repeat(d)).problems.map((p) => p.code).join());`,
        resolveDir: PROJECT_DIR,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: script,
      logLevel: 'silent',
    });
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual(Array(4).fill('too-deep'));
  });
});

describe('encoding and line endings', () => {
  const fixtures = join(PROJECT_DIR, 'test/fixtures/bad-configs');
  const texts = readdirSync(fixtures)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => [f, readFileSync(join(fixtures, f), 'utf8')] as const);

  it.each(texts)('a byte-order mark moves no position (%s)', (_name, text) => {
    expect(parseConfig('\uFEFF' + text).problems).toEqual(parseConfig(text).problems);
  });

  it.each(texts)('CRLF line endings give the same lines and columns (%s)', (_name, text) => {
    const lf = parseConfig(text).problems.map((p) => [p.code, p.line, p.column, p.endLine, p.endColumn]);
    const crlf = parseConfig(text.replace(/\n/g, '\r\n')).problems.map((p) => [p.code, p.line, p.column, p.endLine, p.endColumn]);
    expect(crlf).toEqual(lf);
  });

  it.each([
    ['an empty file', ''],
    ['only white space', ' \n\n\t\n'],
    ['only comments', '# nothing yet\n# really\n'],
    ['only a document marker', '---\n'],
    ['an explicit null', '~\n'],
    ['only a byte-order mark', '\uFEFF'],
  ])('%s is an empty config with the built-in roles', (_what, text) => {
    const { config, problems } = parseConfig(text);
    expect(problems).toEqual([]);
    expect(config.rules).toEqual([]);
    expect([...config.roles.keys()]).toEqual(BUILTIN_ROLES.map((r) => r.id));
  });
});

describe('holders that are not valid handles', () => {
  it.each([
    'alice',
    '@',
    '@-x',
    '@org/',
    '@org//team',
    '@a b',
    'a@b',
    'a@b.',
    'a@.b',
    // GitLab's role owners are holders (@@maintainer); other @@ names are not.
    '@@reporter',
    '@a@b',
    'a@b@c.d',
    '@ä',
    'user@localhost',
    '',
    '@a\u0000',
    'x\u001b[2J@evil.example',
    'a@b\u202e.c',
    'a@b.c\u007f',
  ])('%j is a bad-holder error at the holder', (holder) => {
    const { config, problems } = parseConfig(`roles:\n  tool-smith: [${JSON.stringify(holder)}]\n`);
    expect(problems.filter((p) => p.code !== 'no-holders').map((p) => `${p.code} ${p.line}:${p.column}`)).toEqual(['bad-holder 2:16']);
    expect(config.roles.get('tool-smith')!.holders).toEqual([]);
  });

  it.each(['@alice', '@acme/sre', '@org/team/sub', 'alice@example.com', 'é@exämple.org'])('%j is accepted', (holder) => {
    const { config, problems } = parseConfig(`roles:\n  tool-smith: [${JSON.stringify(holder)}]\n`);
    expect(problems).toEqual([]);
    expect(config.roles.get('tool-smith')!.holders).toEqual([holder]);
  });

  it('10 000 holders of one role are read without comparing every pair (includes() did)', () => {
    const make = (n: number) => `roles:\n  tool-smith: [${Array.from({ length: n }, (_, i) => `"@u${i}"`).join(',')}, "@u0"]\n`;
    const { value, ms } = timed(() => parseConfig(make(10_000)));
    expect(ms).toBeLessThan(LIMIT_MS);
    expect(value.config.roles.get('tool-smith')!.holders).toHaveLength(10_000);
    expect(value.problems.map((p) => p.code)).toEqual(['duplicate-holder']);
  });
});

describe('role names that collide with built-ins in other case', () => {
  it.each([
    ['Tool-Smith', 'tool-smith'],
    ['DEVOPS-ENGINEER', 'devops-engineer'],
    ['Release-Manager', 'release-manager'],
  ])('defining %s is a bad-role-id error that suggests %s', (id, builtin) => {
    const { config, problems } = parseConfig(`roles:\n  ${id}: ["@a"]\n`);
    expect(problems).toEqual([
      {
        code: 'bad-role-id',
        severity: 'error',
        message: `role id "${id}" differs from the built-in "${builtin}" only in case; write "${builtin}"`,
        line: 2,
        column: 3,
        endLine: 2,
        endColumn: 3 + id.length,
        data: { suggestion: builtin },
      },
    ]);
    // Not a seventh role, and the built-in keeps no holders it was not given.
    expect(config.roles.has(id)).toBe(false);
    expect(config.roles.get(builtin)!.holders).toEqual([]);
  });

  it.each([
    [
      'a rule',
      'roles:\n  tool-smith: ["@a"]\nownership:\n  - path: x/\n    roles: [Tool-Smith]\n',
      'unknown role "Tool-Smith" in ownership; did you mean "tool-smith"?',
      5,
      13,
    ],
    [
      'a rule, with an underscore',
      'roles:\n  tool-smith: ["@a"]\nownership:\n  - path: x/\n    roles: [tool_smith]\n',
      'unknown role "tool_smith" in ownership; did you mean "tool-smith"?',
      5,
      13,
    ],
    ['the fallback chain', 'fallback: [Devops-Engineer]\n', 'unknown role "Devops-Engineer" in fallback; did you mean "devops-engineer"?', 1, 12],
  ])('naming a built-in in other case in %s is unknown-role with the right suggestion', (_where, text, message, line, column) => {
    const problems = parseConfig(text).problems.filter((p) => p.code === 'unknown-role');
    expect(problems.map((p) => ({ message: p.message, line: p.line, column: p.column }))).toEqual([{ message, line, column }]);
  });

  it('thousands of unknown roles against thousands of roles: suggestions stop at a budget (20 000 of each took four minutes)', () => {
    const n = 3_000;
    const config = (named: string) =>
      `roles:\n${Array.from({ length: n }, (_, i) => `  r${i}: ["@a"]`).join('\n')}\nownership:\n  - path: x/\n    roles: [${Array.from({ length: n }, (_, i) => `${named}${i}`).join(',')}]\n`;
    const text = config('q');
    const { value, ms } = timed(() => parseConfig(text));
    expect(ms).toBeLessThan(LIMIT_MS);
    const unknown = value.problems.filter((p) => p.code === 'unknown-role');
    expect(unknown).toHaveLength(n);
    // The first ones still get their hint; then the budget (MAX_SUGGESTION_WORK) is spent.
    expect(unknown[0]!.data).toEqual({ role: 'q0', suggestion: 'r0' });
    const hinted = unknown.filter((p) => p.data?.suggestion).length;
    expect(hinted).toBeGreaterThan(0);
    expect(hinted).toBeLessThan(100);
  });

  it('a real-sized file (50 roles, 50 typos) still gets every hint within the budget', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `custom-role-number-${i}`);
    const text = `roles:\n${ids.map((id) => `  ${id}: ["@a"]`).join('\n')}\nownership:\n  - path: x/\n    roles: [${ids.map((id) => id.replace('role', 'rloe')).join(',')}]\n`;
    const unknown = parseConfig(text).problems.filter((p) => p.code === 'unknown-role');
    expect(unknown.map((p) => p.data?.suggestion)).toEqual(ids);
  });
});
