/**
 * Import naming and mapping (issue 15): owners factored into one role per team and per group
 * of people, names without counters, built-in roles only on a team's name or the user's word,
 * suggestions from paths that never decide, and GitLab's role owners.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { parseCodeowners } from '../../src/core/codeowners';
import { parseConfig } from '../../src/core/config';
import { generateCodeowners } from '../../src/core/generate';
import { importCodeowners, UNOWNED_ROLE_ID, type ImportResult } from '../../src/core/importCodeowners';
import { isTeamHolder } from '../../src/core/importRoles';
import { OwnershipModel } from '../../src/core/ownership';
import { mapRole, suggestMappings } from '../../src/core/roleMapping';
import type { Flavor } from '../../src/core/pattern';
import { lines, memoryIO } from './cliIO';
import { CORPORA, corpusDir, EXAMPLE_FILES, ORACLE_DIR, PROJECT_DIR } from './paths';

/** The shape of the Go monorepo: one team owns everything, one to four people per component. */
const MONOREPO = [
  '* @otel/collector-approvers',
  '/cmd/builder/ @otel/collector-approvers @mx-psi @jpkrohling',
  '/cmd/builder/internal/ @otel/collector-approvers @mx-psi @jpkrohling',
  '/cmd/mdatagen/ @otel/collector-approvers @dmitryax',
  '/receiver/otlp/ @otel/collector-approvers @mx-psi @jpkrohling @codeboten @bogdandrutu',
  '/reports/distributions/k8s.yaml @otel/collector-approvers',
  '/exporter/debug/ @otel/collector-approvers @dmitryax',
].join('\n');
const MONOREPO_FILES = [
  'README.md',
  'cmd/builder/main.go',
  'cmd/builder/internal/x.go',
  'cmd/mdatagen/main.go',
  'receiver/otlp/r.go',
  'reports/distributions/k8s.yaml',
  'exporter/debug/d.go',
];

/** What every import must satisfy (the "done when"). */
function expectReadableRoles(result: ImportResult, text: string, flavor: Flavor = 'github') {
  expect(result.problems.filter((p) => p.severity === 'error').map((p) => p.message)).toEqual([]);
  expect(result.proof?.ok).toBe(true);
  for (const role of result.roles) {
    expect(role.id).not.toMatch(/-and-\d+-more/);
    expect(role.id).not.toMatch(/-\d+$/);
  }
  expect(new Set(result.roles.map((r) => r.id)).size).toBe(result.roles.length);
  // At most one role per team plus one per group of people named together.
  const entries = parseCodeowners(text, flavor).entries.filter((e) => !e.exclusion);
  const teams = new Set(entries.flatMap((e) => e.owners.filter(isTeamHolder)));
  const groups = new Set(entries.map((e) => [...new Set(e.owners.filter((o) => !isTeamHolder(o)))].sort().join(' ')).filter(Boolean));
  const owned = result.roles.filter((r) => r.kind !== 'unowned');
  expect(owned.length).toBeLessThanOrEqual(teams.size + groups.size);
  for (const team of teams) expect(owned.filter((r) => r.holders.includes(team))).toHaveLength(1);
}

describe('factoring owners into roles', () => {
  it('makes the team one role and each group of people one role named after what it owns', () => {
    const result = importCodeowners(MONOREPO, MONOREPO_FILES);
    expectReadableRoles(result, MONOREPO);
    expect(result.roles.map((r) => [r.id, r.holders])).toEqual([
      ['collector-approvers', ['@otel/collector-approvers']],
      ['builder-maintainers', ['@mx-psi', '@jpkrohling']],
      ['mdatagen-maintainers', ['@dmitryax']],
      ['otlp-maintainers', ['@mx-psi', '@jpkrohling', '@codeboten', '@bogdandrutu']],
    ]);
    const config = result.config!;
    expect(config.rules.map((r) => r.roles)).toEqual([
      ['collector-approvers'],
      ['collector-approvers', 'builder-maintainers'],
      ['collector-approvers', 'builder-maintainers'],
      ['collector-approvers', 'mdatagen-maintainers'],
      ['collector-approvers', 'otlp-maintainers'],
      ['collector-approvers'],
      ['collector-approvers', 'mdatagen-maintainers'],
    ]);
    // One k8s.yaml under a team that owns everything makes nobody the operations engineer.
    expect(result.roles.some((r) => r.builtin)).toBe(false);
    expect(result.text).toContain('# People named together on lines 2, 3\n  builder-maintainers: ["@mx-psi", "@jpkrohling"]');
  });

  it('gives the same names when the same file is imported again, and when lines move', () => {
    const again = importCodeowners(MONOREPO, MONOREPO_FILES);
    expect(again.text).toBe(importCodeowners(MONOREPO, MONOREPO_FILES).text);
    const moved = MONOREPO.split('\n');
    moved.splice(1, 0, moved.pop()!);
    const ids = (text: string) => new Set(importCodeowners(text, MONOREPO_FILES).roles.map((r) => r.id));
    expect(ids(moved.join('\n'))).toEqual(ids(MONOREPO));
  });

  it.each(CORPORA)('corpus %s: readable names, one role per team or group, proof holds', (name) => {
    const dir = corpusDir(name);
    const text = readFileSync(join(dir, 'CODEOWNERS'), 'utf8');
    const files = readFileSync(join(dir, 'files.txt'), 'utf8').split('\n').filter(Boolean);
    expectReadableRoles(importCodeowners(text, files), text);
  });

  it('the CODEOWNERS of every oracle file case: readable names, one role per team or group, proof holds', () => {
    const cases: { codeowners: string; path: string; flavor: Flavor }[] = JSON.parse(readFileSync(join(ORACLE_DIR, 'codeowners-files.json'), 'utf8'));
    const byText = new Map<string, { flavor: Flavor; paths: string[] }>();
    for (const c of cases) {
      const key = `${c.flavor}\n${c.codeowners}`;
      byText.set(key, { flavor: c.flavor, paths: [...(byText.get(key)?.paths ?? []), c.path.replace(/^\/+/, '')] });
    }
    let checked = 0;
    for (const [key, { flavor, paths }] of byText) {
      const text = key.slice(key.indexOf('\n') + 1);
      const result = importCodeowners(text, paths, { flavor });
      // Lines or sections ops-roles.yaml cannot say stop an import by design; the rest must pass.
      const refusals = ['unrepresentable-pattern', 'gitlab-sections', 'gitlab-exclusion'];
      if (result.problems.some((p) => p.severity === 'error' && refusals.includes(p.code))) continue;
      expectReadableRoles(result, text, flavor);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });
});

describe('built-in roles: a team name or the user, never paths alone', () => {
  const text = ['* @acme/platform-data', '/migrations/ @acme/platform-data', '/db/ @acme/platform-data', '/deploy/ @acme/shipping', '/web/ @acme/web'].join(
    '\n',
  );
  const files = ['README.md', 'migrations/1.sql', 'db/seed.sql', 'deploy/run.sh', 'web/index.html'];

  it('never maps the team owning the catch-all rule by its paths, and suggests only the others', () => {
    const result = importCodeowners(text, files);
    expect(result.roles.filter((r) => r.builtin)).toEqual([]);
    const suggestions = suggestMappings(result.config!);
    // platform-data has 2 of 3 rules under database paths, but it owns "*": not suggested.
    expect(suggestions.map((s) => [s.candidate.holders, s.evidence.role, s.evidence.count, s.candidate.patterns])).toEqual([
      [['@acme/shipping'], 'release-manager', 1, 1],
    ]);
  });

  it('maps on --map, writes the reason beside the role, and refuses bad mappings', () => {
    const map = [{ from: '@acme/platform-data', to: 'database-administrator', label: '--map @acme/platform-data=database-administrator' }];
    const result = importCodeowners(text, files, { map });
    expectReadableRoles(result, text);
    expect(result.roles[0]).toMatchObject({ id: 'database-administrator', holders: ['@acme/platform-data'], builtin: true });
    expect(result.text).toContain(
      '  # database-administrator: @acme/platform-data, because you said so (--map @acme/platform-data=database-administrator)\n  database-administrator: ["@acme/platform-data"]\n',
    );
    const bad = (from: string, to: string) => importCodeowners(text, files, { map: [{ from, to }] }).problems.find((p) => p.code === 'bad-mapping')?.message;
    expect(bad('@acme/nobody', 'release-manager')).toContain('no team, person or imported role "@acme/nobody"');
    expect(bad('@acme/web', 'web-admin')).toContain('"web-admin" is not a built-in role');
    const twice = importCodeowners(text, files, {
      map: [
        { from: '@acme/web', to: 'release-manager' },
        { from: 'shipping', to: 'release-manager' },
      ],
    });
    expect(twice.ok).toBe(false);
    expect(twice.problems.map((p) => p.message)).toContain(
      'shipping=release-manager: release-manager is already given to @acme/web; a built-in role holds one team or group here',
    );
  });

  it("a name made only of one role's words decides; a name that only mentions one does not", () => {
    const named = importCodeowners('* @acme/web\n/a/ @acme/data-platform\n/b/ @acme/release-api\n/c/ @acme/sre-oncall\n', ['a/1', 'b/1', 'c/1']);
    expect(named.roles.filter((r) => r.builtin).map((r) => [r.id, r.holders[0]])).toEqual([
      ['operations-engineer', '@acme/sre-oncall'],
      ['database-administrator', '@acme/data-platform'],
    ]);
  });
});

describe('ops-roles import --suggest and --map', () => {
  function repo(): string {
    const dir = join(mkdtempSync(join(tmpdir(), 'ops-roles-import-')), 'repo');
    const codeowners = [
      '* @acme/platform-data',
      '/migrations/ @acme/platform-data',
      '/db/ @acme/platform-data',
      '/deploy/ @acme/shipping',
      '/web/ @acme/web',
      '',
    ].join('\n');
    for (const f of ['.github/CODEOWNERS', 'README.md', 'migrations/1.sql', 'db/seed.sql', 'deploy/run.sh', 'web/index.html']) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      writeFileSync(join(dir, f), f === '.github/CODEOWNERS' ? codeowners : '');
    }
    return dir;
  }
  async function cli(cwd: string, ...args: string[]) {
    const m = memoryIO(cwd);
    const code = await runCli(args, m.io);
    return { code, out: lines(m.stdout()).join('\n'), err: lines(m.stderr()).join('\n') };
  }

  it('--suggest prints --map options with their evidence and writes nothing', async () => {
    const dir = repo();
    const result = await cli(dir, 'import', '--suggest');
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      [
        '--map @acme/shipping=release-manager',
        '    1 of 1 pattern (100%) are release manager paths, such as /deploy/',
        'not suggested: @acme/platform-data owns the catch-all rule, so its paths say nothing about its role (2 of 3 patterns (67%) are database administrator paths, such as /migrations/, /db/)',
      ].join('\n'),
    );
    expect(result.err).toContain('nothing written');
    expect(() => readFileSync(join(dir, 'ops-roles.yaml'))).toThrow();
  });

  it('--map applies the mapping, reports it with its reason, and the written file says why', async () => {
    const dir = repo();
    const result = await cli(dir, 'import', '--map', '@acme/platform-data=database-administrator', '--map', '@acme/shipping=release-manager');
    expect(result.code).toBe(0);
    expect(result.err).toContain('database-administrator: @acme/platform-data, because you said so (--map @acme/platform-data=database-administrator)');
    expect(result.err).toContain('release-manager: @acme/shipping, because you said so (--map @acme/shipping=release-manager)');
    const yaml = readFileSync(join(dir, 'ops-roles.yaml'), 'utf8');
    expect(yaml).toContain('# release-manager: @acme/shipping, because you said so (--map @acme/shipping=release-manager)');
    const model = new OwnershipModel(parseConfig(yaml).config);
    expect(model.resolve('migrations/1.sql').roles).toEqual(['database-administrator']);
    expect((await cli(dir, 'import', '--stdout', '--map', 'oops')).err).toContain('--map takes OWNER=ROLE');
    const unknown = await cli(dir, 'import', '--stdout', '--map', '@acme/x=release-manager');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('--map @acme/x=release-manager: no team, person or imported role "@acme/x" holds a role of its own in this CODEOWNERS');
  });
});

describe('GitLab role owners', () => {
  const text = '[Operations] @@maintainer\n*\n/db/ @@developers @acme/dba\n';
  const files = ['README.md', 'db/seed.sql'];

  it('are imported as holders for a GitLab target and generated back for it', () => {
    const result = importCodeowners(text, files, { flavor: 'gitlab', sourcePath: '.gitlab/CODEOWNERS' });
    expectReadableRoles(result, text, 'gitlab');
    expect(result.roles.map((r) => [r.id, r.holders])).toEqual([
      ['database-administrator', ['@acme/dba']],
      ['gitlab-maintainers', ['@@maintainer']],
      ['gitlab-developers', ['@@developers']],
    ]);
    const generated = generateCodeowners(result.config!, files, { target: 'gitlab' });
    expect(generated.ok).toBe(true);
    expect(generated.text).toMatch(/^\/db\/ @@developers @acme\/dba$/m);
  });

  it('are refused for a GitHub target, in validation and in generate, with a clear message', () => {
    const yaml = 'roles:\n  maintainers: ["@@maintainer"]\nownership:\n  - path: "*"\n    roles: [maintainers]\ncodeowners:\n  target: github\n';
    const parsed = parseConfig(yaml);
    expect(parsed.problems.find((p) => p.code === 'role-owner-target')).toMatchObject({ severity: 'error', line: 2 });
    expect(parsed.problems.find((p) => p.code === 'role-owner-target')!.message).toContain('"@@maintainer" is a GitLab role owner; GitHub has none');
    const generated = generateCodeowners(parsed.config, files, { target: 'github' });
    expect(generated.ok).toBe(false);
    expect(generated.problems[0]!.message).toContain('role "maintainers": "@@maintainer" is a GitLab role owner');
    // Without a target chosen the file is valid, and GitLab's generator takes it.
    expect(parseConfig(yaml.replace('  target: github\n', '  target: gitlab\n')).problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(parseConfig('roles:\n  x: ["@@reporter"]\n').problems.map((p) => p.code)).toContain('bad-holder');
  });
});

describe("mapRole: the guided mapping's edit, proved", () => {
  const yaml = [
    'version: 1',
    'roles:',
    '  everyone: ["@acme/everyone"]',
    '  platform-data: ["@acme/platform-data"]',
    'ownership:',
    '  - path: "*"',
    '    roles: [everyone]',
    '  - path: "/migrations/"',
    '    roles: [platform-data, everyone]',
    '',
  ].join('\n');
  const files = ['README.md', 'migrations/1.sql'];

  it("renames the role wherever it is named, writes why, and keeps every file's owners", () => {
    const mapped = mapRole(yaml, 'platform-data', 'database-administrator', 'chosen in "Map teams to operations roles"', files);
    expect(mapped.ok).toBe(true);
    if (!mapped.ok) return;
    expect(mapped.text).toContain(
      '  # database-administrator: was "platform-data"; chosen in "Map teams to operations roles"\n  database-administrator: ["@acme/platform-data"]\n',
    );
    expect(mapped.text).toContain('roles: [database-administrator, everyone]');
    expect(mapped.proof).toMatchObject({ ok: true, filesCompared: 2 });
    expect(new OwnershipModel(parseConfig(mapped.text).config).resolve('migrations/1.sql').roles).toEqual(['database-administrator', 'everyone']);
  });

  it('refuses a built-in role the file lists with holders, and a role that is not there', () => {
    const listed = yaml.replace('roles:\n', 'roles:\n  database-administrator: ["@acme/dba"]\n');
    expect(mapRole(listed, 'platform-data', 'database-administrator', 'x', files)).toMatchObject({
      ok: false,
      message: 'database-administrator is held by @acme/dba already; merge the two roles by hand',
    });
    expect(mapRole(yaml, 'nope', 'database-administrator', 'x', files)).toMatchObject({ ok: false });
  });

  it('takes the place of a vacant built-in role, unless that would change who owns a file', () => {
    const vacant = yaml.replace('roles:\n', 'roles:\n  database-administrator: []   # nobody yet\n');
    const mapped = mapRole(vacant, 'platform-data', 'database-administrator', 'x', files);
    expect(mapped.ok).toBe(true);
    if (mapped.ok) expect(mapped.text).not.toContain('nobody yet');
    // In examples/, release-manager is vacant and owns deploy/ and CHANGELOG.md through its
    // fallback: taking its place would give them to the security reviewers; the proof says so.
    const example = readFileSync(join(PROJECT_DIR, 'examples/ops-roles.yaml'), 'utf8');
    const refused = mapRole(example, 'security-reviewer', 'release-manager', 'x', EXAMPLE_FILES);
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.message).toBe(
        'the mapping would change the owners of 4 files: CHANGELOG.md: now says @alice @acme/sre; after mapping security-reviewer to release-manager (ops-roles.yaml, line 28) says @acme/security @acme/sre',
      );
  });
});

it('keeps UNOWNED_ROLE_ID out of the units', () => {
  const result = importCodeowners('* @a\n/docs/\n', ['x', 'docs/y']);
  expect(result.roles.map((r) => [r.id, r.kind])).toEqual([
    ['default-maintainers', 'group'],
    [UNOWNED_ROLE_ID, 'unowned'],
  ]);
});
