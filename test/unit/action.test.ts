/**
 * The GitHub Action the way a runner starts it: its bundled entry as a process, with the
 * environment a runner sets (GITHUB_WORKSPACE, GITHUB_BASE_REF, GITHUB_STEP_SUMMARY,
 * GITHUB_OUTPUT, INPUT_*), on scratch repositories; the assertions read the files it writes.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputLines, reviewSummary } from '../../src/action/summary';
import { ACTION_BIN, CLI_BIN } from './paths';
import { baseRepo, commitAll, git, useScratchRepositories, write } from './reviewFixtures';

useScratchRepositories();

/** No `*` rule: a file outside migrations/ and tools/ is unowned. */
const PARTIAL_CONFIG = `version: 1
roles:
  database-administrator: ["@acme/dba", "@bob"]
  tool-smith: ["@acme/tools"]
ownership:
  - path: "migrations/**"
    roles: [database-administrator]
  - path: ["tools/", "/ops-roles.yaml", "/.gitignore", "/.github/"]
    roles: [tool-smith]
`;

/** Runs the Action in `workspace` with `inputs`; returns its exit code, log, summary and outputs. */
function runAction(workspace: string, inputs: Record<string, string>, extra: Record<string, string> = {}) {
  const summaryFile = join(workspace, '..', `${workspace.split('/').pop()}-summary.md`);
  const outputFile = join(workspace, '..', `${workspace.split('/').pop()}-output.txt`);
  const env: Record<string, string | undefined> = {
    ...process.env,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    ...extra,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const r = spawnSync(process.execPath, [ACTION_BIN], { cwd: workspace, env, encoding: 'utf8' });
  const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : '');
  return { code: r.status, log: r.stdout, err: r.stderr, summary: read(summaryFile), output: read(outputFile) };
}

/** A pull request branch `feature` off `main` that adds a migration (and whatever `more` says). */
function pullRequest(config: string, more: Record<string, string> = {}): string {
  const dir = baseRepo(config);
  git(dir, 'checkout', '-q', '-b', 'feature');
  write(dir, 'migrations/002_add_refunds.sql', 'alter table a add refunded int;\n');
  for (const [path, text] of Object.entries(more)) write(dir, path, text);
  commitAll(dir, 'change');
  return dir;
}

describe('GitHub Action: review', () => {
  it('a change to migrations/ names the database administrator and its holders in the summary and outputs', () => {
    const dir = pullRequest(PARTIAL_CONFIG);
    const r = runAction(dir, { command: 'review' }, { GITHUB_BASE_REF: 'main' });
    expect(r.err).not.toContain('internal error');
    expect(r.code).toBe(0);
    expect(r.summary).toContain('## Ops Roles: review');
    expect(r.summary).toContain('1 changed file against `main`.');
    expect(r.summary).toContain('| Database administrator | @acme/dba, @bob | `migrations/002_add_refunds.sql` |');
    expect(r.output).toContain('roles=database-administrator\n');
    expect(r.output).toContain('holders=@acme/dba,@bob\n');
    expect(r.output).toContain('unowned-count=0\n');
    expect(r.log).toContain('::notice title=Review%3A Database administrator::@acme/dba, @bob approve 1 file');
  });

  it('fail-on: unowned fails the step on an unowned change, with an annotation and the file in the summary', () => {
    const dir = pullRequest(PARTIAL_CONFIG, { 'src/refunds.ts': 'export {};\n' });
    const passing = runAction(dir, { command: 'review' }, { GITHUB_BASE_REF: 'main' });
    expect(passing.code).toBe(0);
    const r = runAction(dir, { command: 'review', 'fail-on': 'unheld-role,unowned' }, { GITHUB_BASE_REF: 'main' });
    expect(r.code).toBe(1);
    expect(r.log).toContain('::error file=src/refunds.ts,title=Unowned::No rule in ops-roles.yaml owns this changed file');
    expect(r.summary).toContain('**Unowned**: 1 file no rule owns: `src/refunds.ts`');
    expect(r.output).toContain('unowned-count=1\n');
    expect(r.output).toContain('exit-code=1\n');
  });

  it('GITHUB_BASE_REF is read as origin/NAME when the checkout has it', () => {
    const dir = pullRequest(PARTIAL_CONFIG);
    git(dir, 'update-ref', 'refs/remotes/origin/main', 'main');
    const r = runAction(dir, { command: 'review' }, { GITHUB_BASE_REF: 'main' });
    expect(r.code).toBe(0);
    expect(r.summary).toContain('1 changed file against `origin/main`.');
  });
});

describe('GitHub Action: check, coverage and bad input', () => {
  it('check: in sync passes; drift fails with annotations and a table of the drift', () => {
    const dir = pullRequest(PARTIAL_CONFIG);
    write(dir, 'ops-roles.yaml', PARTIAL_CONFIG.replace('"@bob"', '"@carol"'));
    const generate = spawnSync(process.execPath, [CLI_BIN, 'generate'], { cwd: dir, encoding: 'utf8' });
    expect(generate.status).toBe(0);
    const synced = runAction(dir, { command: 'check' });
    expect(synced.code).toBe(0);
    expect(synced.summary).toContain('in sync:');

    appendFileSync(join(dir, '.github/CODEOWNERS'), '/migrations/ @mallory\n');
    const drifted = runAction(dir, { command: 'check' });
    expect(drifted.code).toBe(1);
    expect(drifted.summary).toContain('CODEOWNERS does not give every file the owners ops-roles.yaml gives it:');
    expect(drifted.log).toContain('::error file=.github/CODEOWNERS,line=');
    expect(drifted.summary).toMatch(/\| `\.github\/CODEOWNERS` \| \d+ \| major \| migrations\/001\\_init\.sql: \.github\/CODEOWNERS says @mallory/);
  });

  it('coverage: fail-under gates the step and unowned-count counts the files', () => {
    const dir = pullRequest(PARTIAL_CONFIG);
    const r = runAction(dir, { command: 'coverage', 'fail-under': '90' });
    expect(r.code).toBe(1);
    expect(r.output).toContain('unowned-count=3\n');
    expect(r.summary).toContain('**Gate failed**');
    expect(runAction(dir, { command: 'coverage', 'fail-under': '40' }).code).toBe(0);
  });

  it('validate: an unknown role fails the step, annotated at its line, and the summary tabulates it', () => {
    const dir = pullRequest(PARTIAL_CONFIG.replace('roles: [tool-smith]', 'roles: [tool-smith, no-such-role]'));
    const r = runAction(dir, { command: 'validate' });
    expect(r.code).toBe(1);
    expect(r.log).toMatch(/^::error file=ops-roles\.yaml,line=9,col=\d+/m);
    expect(r.summary).toMatch(/\| `ops-roles\.yaml` \| 9 \| major \| .*no-such-role/);
  });

  it('lint: findings in CODEOWNERS are annotated and tabulated, with the rule id', () => {
    const dir = pullRequest(PARTIAL_CONFIG, { '.github/CODEOWNERS': '/migrations/ @acme/dba\n*.js notanowner\n' });
    const r = runAction(dir, { command: 'lint', config: 'ignored.yaml' });
    expect(r.code).toBe(0);
    expect(r.log).toContain('::warning file=.github/CODEOWNERS,line=2,col=6');
    expect(r.summary).toContain('## Ops Roles: lint');
    expect(r.summary).toMatch(/\| `\.github\/CODEOWNERS` \| 2 \| minor \| .*notanowner/);
  });

  it('an unknown command input fails with an error annotation', () => {
    const r = runAction(pullRequest(PARTIAL_CONFIG), { command: 'deploy' });
    expect(r.code).toBe(2);
    expect(r.log).toContain('::error title=Ops Roles::The command input must be one of check, review, validate, lint, coverage');
  });
});

describe('job summary', () => {
  it('a role name or holder with Markdown or a line break cannot break the table', () => {
    const summary = reviewSummary({
      base: { ref: 'main', kind: 'merge-base' },
      files: [{}],
      roles: [{ role: 'x', name: 'Ops | on-call', holders: ['@a\n| b |'], fellBackTo: null, files: [{ path: 'a|b.txt' }] }],
      unowned: [],
      unheldRoles: [],
    });
    const rows = summary.split('\n').filter((l) => l.startsWith('|'));
    expect(rows).toHaveLength(3);
    expect(rows[2]).toBe('| Ops \\| on-call | @a \\| b \\| | `a\\|b.txt` |');
  });
});

describe('step outputs', () => {
  it('a value with a line break is written in the heredoc form, with a delimiter it does not contain', () => {
    expect(outputLines({ roles: 'a,b' })).toBe('roles=a,b\n');
    expect(outputLines({ x: 'one\nops_roles_eof' })).toBe('x<<ops_roles_eof_\none\nops_roles_eof\nops_roles_eof_\n');
  });
});
