import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPattern, parseConfig } from '../../src/core/config';
import { OwnershipModel, ruleOwners } from '../../src/core/ownership';
import { isRoleId } from '../../src/core/roles';
import { PROJECT_DIR } from './paths';

const FIXTURES = join(PROJECT_DIR, 'test/fixtures/bad-configs');

/** Each fixture states what it must yield in its first lines: `# expect: LINE:COL SEVERITY CODE`. */
describe('bad configs yield the expected problem at the expected place', () => {
  const names = readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml'));
  it('has fixtures', () => expect(names.length).toBeGreaterThan(10));
  it.each(names)('%s', (name) => {
    const text = readFileSync(join(FIXTURES, name), 'utf8');
    const expectations = [...text.matchAll(/^# expect: (\d+):(\d+) (\w+) ([\w-]+)$/gm)];
    expect(expectations.length, 'fixture has no "# expect:" line').toBeGreaterThan(0);
    const { problems } = parseConfig(text);
    for (const [, line, column, severity, code] of expectations) {
      const found = problems.find((p) => p.code === code);
      expect(found, `no ${code} problem; got ${JSON.stringify(problems)}`).toBeDefined();
      expect({ line: found!.line, column: found!.column, severity: found!.severity }).toEqual({ line: Number(line), column: Number(column), severity });
    }
  });
});

describe('checks across rules', () => {
  const at = (text: string, code: string) =>
    parseConfig(text)
      .problems.filter((p) => p.code === code)
      .map((p) => `${p.line}:${p.column} ${p.message}`);

  it('warns at the occurrence a repeated pattern overrides, within one rule and across rules', () => {
    const text =
      'roles:\n  a: ["@a"]\n  b: ["@b"]\nownership:\n  - paths: [x, y, x]\n    roles: [a]\n  - path: x\n    roles: [b]\n  - path: y\n    roles: [a]\n';
    expect(at(text, 'duplicate-rule')).toEqual([
      '5:13 duplicate rule: "x" is given to the same roles again on line 5',
      '5:16 duplicate rule: "y" is given to the same roles again on line 9',
      '5:19 "x" never decides anything: line 7 repeats it and wins',
    ]);
  });

  it('says where a role no one lists is first named, once, and nothing when every role is listed', () => {
    const text =
      'roles:\n  a: ["@a"]\n  c: []\nownership:\n  - path: x\n    roles: [a, release-manager]\n  - path: y\n    roles: [c, release-manager, tool-smith]\n';
    const nobody = 'is not listed under "roles", so nobody holds it, and no role in the fallback chain has holders';
    expect(at(text, 'unlisted-role')).toEqual([`6:16 "release-manager" ${nobody}`, `8:33 "tool-smith" ${nobody}`]);
    expect(at('roles:\n  a: ["@a"]\nownership:\n  - path: x\n    roles: [a]\n', 'unlisted-role')).toEqual([]);
  });
});

describe('ops-roles.yaml forms', () => {
  it('reads the list form and the shorthand mapping the same way', () => {
    const list = parseConfig(`roles:\n  database-administrator: ["@acme/dba"]\nownership:\n  - path: "migrations/**"\n    roles: [database-administrator]\n`);
    const short = parseConfig(`roles:\n  database-administrator: ["@acme/dba"]\nownership:\n  "migrations/**": [database-administrator]\n`);
    expect(list.problems).toEqual([]);
    expect(short.problems).toEqual([]);
    for (const { config } of [list, short]) {
      expect(new OwnershipModel(config).resolve('migrations/001.sql').owners).toEqual(['@acme/dba']);
    }
  });

  it('reads custom roles with name, description and holders', () => {
    const { config, problems } = parseConfig(
      `roles:\n  security-reviewer:\n    name: Security reviewer\n    description: Reviews auth.\n    holders: ["@acme/security"]\nownership:\n  - path: auth/\n    roles: [security-reviewer]\n`,
    );
    expect(problems).toEqual([]);
    const role = config.roles.get('security-reviewer')!;
    expect(role).toMatchObject({ name: 'Security reviewer', description: 'Reviews auth.', holders: ['@acme/security'], builtin: false });
  });

  it('falls back along the chain for roles nobody holds, and says so', () => {
    const { config } = parseConfig(
      `roles:\n  release-manager: []\n  operations-manager: ["@lead"]\nownership:\n  - path: deploy/\n    roles: [release-manager]\n`,
    );
    const o = new OwnershipModel(config).resolve('deploy/app.yaml');
    expect(o.assignments).toEqual([{ role: 'release-manager', holders: ['@lead'], fellBackTo: 'operations-manager' }]);
  });

  it('takes a custom fallback chain', () => {
    const { config, problems } = parseConfig(
      `fallback: [tool-smith]\nroles:\n  tool-smith: ["@t"]\n  devops-engineer: ["@d"]\nownership:\n  - path: x/\n    roles: [release-manager]\n`,
    );
    // The fallback is visible where the unlisted role is named.
    expect(problems).toEqual([
      expect.objectContaining({ code: 'unlisted-role', severity: 'info', line: 7, column: 13, message: expect.stringContaining('fall back to "tool-smith"') }),
    ]);
    expect(new OwnershipModel(config).resolve('x/y').owners).toEqual(['@t']);
  });

  it('staffs each rule when it first decides a file, as ruleOwners does, and shares one answer per list of roles', () => {
    const { config } = parseConfig(
      'roles:\n  a: ["@a1", "@a2"]\n  b: ["@b"]\nownership:\n  - path: x/\n    roles: [a, b]\n  - path: y/\n    roles: [b]\n  - path: z/\n    roles: [a, b]\n  - path: w/\n    roles: [c]\n',
    );
    const model = new OwnershipModel(config);
    const [x, y, z, w] = ['x/f', 'y/f', 'z/f', 'w/f'].map((path) => model.resolve(path));
    for (const [o, rule] of [x, y, z, w].map((o, i) => [o!, config.rules[i]!] as const)) {
      expect(o.rule).toBe(rule);
      expect({ assignments: o.assignments, owners: o.owners }).toEqual(ruleOwners(rule, config));
    }
    expect(z!.owners).toBe(x!.owners);
    expect(model.resolve('x/g').assignments).toBe(x!.assignments);
    expect([x!.owners, y!.owners, w!.owners]).toEqual([['@a1', '@a2', '@b'], ['@b'], []]);
  });

  it('expands {a,b} alternatives', () => {
    expect(checkPattern('src/{api,web}/*.ts').expanded).toEqual(['src/api/*.ts', 'src/web/*.ts']);
  });

  it('suggests the role meant', () => {
    const { problems } = parseConfig(`ownership:\n  - path: x/\n    roles: [relase-manager]\n`);
    expect(problems[0]).toMatchObject({ code: 'unknown-role', data: { role: 'relase-manager', suggestion: 'release-manager' } });
    expect(problems[0]!.message).toContain('did you mean "release-manager"');
  });

  it('treats an empty file as an empty config', () => {
    for (const text of ['', '\n', '# only a comment\n', '\uFEFF']) {
      const { config, problems } = parseConfig(text);
      expect(problems).toEqual([]);
      expect(config.rules).toEqual([]);
      expect(config.roles.size).toBe(6);
    }
  });
});

/** `value` with every source range in it moved as its text moves when each line before it gains a `\r`. */
function shiftedForCrlf(value: unknown): unknown {
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, shiftedForCrlf(v)]));
  if (Array.isArray(value)) return value.map(shiftedForCrlf);
  if (value === null || typeof value !== 'object') return value;
  const out = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftedForCrlf(v)]));
  if (typeof out.offset === 'number' && typeof out.line === 'number' && typeof out.endLine === 'number') {
    out.offset = (out.offset as number) + out.line - 1;
    out.endOffset = (out.endOffset as number) + out.endLine - 1;
  }
  return out;
}

describe('line endings', () => {
  // A file checked out on Windows: the same config and problems at the same lines and columns,
  // with offsets into the CRLF text (the editor edits the document through them).
  const read = (file: string): [string, string] => [file, readFileSync(join(PROJECT_DIR, file), 'utf8')];
  const texts: [string, string][] = [
    read('examples/ops-roles.yaml'),
    ...readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => read(`test/fixtures/bad-configs/${f}`)),
    // Plain values at the ends of lines, and problems at them.
    [
      'plain values',
      'roles:\n  a: [x@example.com, "@b"]\n  c: nobody\nfallback: [a]\nownership:\n  - path: x # c\n    roles: [a, c]\n  - paths: [y, z]\n    roles: relase-manager\n',
    ],
  ];
  it.each(texts)('reads %s with CRLF line ends as with LF', (_, lf) => {
    const crlf = lf.replace(/\n/g, '\r\n');
    const { config, problems } = parseConfig(crlf);
    const expected = parseConfig(lf);
    expect({ config, problems }).toEqual({ config: shiftedForCrlf(expected.config), problems: expected.problems });
  });
});

describe('role ids: what the parser accepts under roles, and what the editor offers to create', () => {
  it.each<[string, boolean]>([
    ['security-reviewer', true],
    ['dba', true],
    ['tier2-oncall', true],
    ['Security-Reviewer', false],
    ['security_reviewer', false],
    ['security--reviewer', false],
    ['-security', false],
    ['security-', false],
    ['2nd-line', false],
    ['', false],
  ])('%j → %s', (id, ok) => {
    expect(isRoleId(id)).toBe(ok);
    const { problems } = parseConfig(`roles:\n  ${JSON.stringify(id)}: ["@a"]\n`);
    expect(problems.some((p) => p.code === 'bad-role-id')).toBe(!ok);
  });
});
