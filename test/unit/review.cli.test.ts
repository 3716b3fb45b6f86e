/**
 * The `ops-roles review` contract, on scratch repositories: exit codes, the JSON shape, the text
 * and GitHub-annotation formats, and usage errors.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { lines, memoryIO } from './cliIO';
import { baseRepo, CONFIG, git, plainFolder, UNHELD_CONFIG, useScratchRepositories, write } from './reviewFixtures';

useScratchRepositories();

async function cli(cwd: string, args: string[]) {
  const m = memoryIO(cwd);
  const code = await runCli(args, m.io);
  return { code, out: lines(m.stdout()).join('\n'), err: lines(m.stderr()).join('\n') };
}

describe('ops-roles review (CLI)', () => {
  it('text output: role, holders, file count, the rule and the files', async () => {
    const dir = baseRepo();
    write(dir, 'migrations/002_add.sql');
    write(dir, 'db/seed.sql', 'changed\n');
    const { code, out } = await cli(dir, ['review']);
    expect(code).toBe(0);
    expect(out).toContain(
      'Database administrator (@acme/dba) — 2 files\n  rule ops-roles.yaml:14  migrations/**, db/\n    M  db/seed.sql\n    ?  migrations/002_add.sql',
    );
  });

  it('--json has a stable shape', async () => {
    const dir = baseRepo();
    git(dir, 'checkout', '-q', '-b', 'feature');
    git(dir, 'mv', 'migrations/001_init.sql', 'migrations/001_initial.sql');
    write(dir, 'deploy/app.yaml');
    write(dir, 'notes.txt');
    const { code, out } = await cli(dir, ['review', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual(['base', 'head', 'files', 'roles', 'unowned', 'unheldRoles', 'approvable']);
    expect(json.base).toEqual({ ref: 'main', commit: git(dir, 'rev-parse', 'main').trim(), kind: 'merge-base', reason: null });
    expect(json.head).toEqual({ commit: git(dir, 'rev-parse', 'HEAD').trim(), branch: 'feature', detached: false });
    expect(json.files).toEqual([
      { path: 'deploy/app.yaml', status: 'untracked' },
      { path: 'migrations/001_initial.sql', status: 'renamed', oldPath: 'migrations/001_init.sql' },
      { path: 'notes.txt', status: 'untracked' },
    ]);
    expect(json.roles).toEqual([
      {
        role: 'operations-engineer',
        name: 'Operations engineer',
        holders: ['@acme/sre'],
        fellBackTo: null,
        files: [{ path: 'deploy/app.yaml', status: 'untracked', matched: 'path', rule: { line: 16, pattern: 'deploy/' } }],
        rules: [{ line: 16, patterns: ['deploy/'], roles: ['release-manager', 'operations-engineer'] }],
      },
      {
        role: 'operations-manager',
        name: 'Operations manager',
        holders: ['@acme/ops-leads'],
        fellBackTo: null,
        files: [{ path: 'notes.txt', status: 'untracked', matched: 'path', rule: { line: 10, pattern: '*' } }],
        rules: [{ line: 10, patterns: ['*'], roles: ['operations-manager'] }],
      },
      {
        role: 'database-administrator',
        name: 'Database administrator',
        holders: ['@acme/dba'],
        fellBackTo: null,
        files: [
          {
            path: 'migrations/001_initial.sql',
            status: 'renamed',
            oldPath: 'migrations/001_init.sql',
            matched: 'both',
            rule: { line: 14, pattern: 'migrations/**' },
          },
        ],
        rules: [{ line: 14, patterns: ['migrations/**', 'db/'], roles: ['database-administrator'] }],
      },
      {
        role: 'release-manager',
        name: 'Release manager',
        holders: ['@alice'],
        fellBackTo: 'devops-engineer',
        files: [{ path: 'deploy/app.yaml', status: 'untracked', matched: 'path', rule: { line: 16, pattern: 'deploy/' } }],
        rules: [{ line: 16, patterns: ['deploy/'], roles: ['release-manager', 'operations-engineer'] }],
      },
    ]);
    expect(json.unowned).toEqual([]);
    expect(json.unheldRoles).toEqual([]);
    expect(json.approvable).toBe(true);
  });

  it('a change needing a role nobody holds (even after fallback) exits 1', async () => {
    const dir = baseRepo(UNHELD_CONFIG);
    write(dir, 'migrations/002.sql');
    const text = await cli(dir, ['review']);
    expect(text.code).toBe(1);
    expect(text.out).toContain('Database administrator (nobody holds it, and no fallback role has holders) — 1 file');
    expect(text.out).toContain('Cannot be approved as configured');
    const json = await cli(dir, ['review', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ unheldRoles: ['database-administrator'], approvable: false });
    // A change that stays away from the vacant role passes.
    const other = baseRepo(UNHELD_CONFIG);
    write(other, 'tools/x.sh');
    expect((await cli(other, ['review'])).code).toBe(0);
  });

  it('--format github prints annotations: error for the unheld role, warning for unowned files', async () => {
    const dir = baseRepo(UNHELD_CONFIG);
    write(dir, 'migrations/002, b.sql');
    write(dir, 'README.md', 'changed\n');
    const { code, out } = await cli(dir, ['review', '--format', 'github']);
    expect(code).toBe(1);
    expect(out.split('\n')).toEqual([
      expect.stringMatching(/^::error file=migrations\/002%2C b\.sql,title=Review%3A Database administrator::Nobody holds the role "Database administrator"/),
      '::warning file=README.md,title=Unowned::No rule in ops-roles.yaml owns this changed file',
    ]);
  });

  it('usage errors exit 2 with one line: missing base, bad format, --json with --format, no repository', async () => {
    const dir = baseRepo();
    const missing = await cli(dir, ['review', '--base', 'nope']);
    expect(missing).toMatchObject({ code: 2, out: '' });
    expect(missing.err).toBe('ops-roles review: base "nope" is not a commit in this repository (fetch it, or check the name)');
    expect((await cli(dir, ['review', '--format', 'xml'])).code).toBe(2);
    expect((await cli(dir, ['review', '--json', '--format', 'github'])).code).toBe(2);
    const plain = plainFolder();
    writeFileSync(join(plain, 'ops-roles.yaml'), CONFIG);
    const outside = await cli(plain, ['review']);
    expect(outside.code).toBe(2);
    expect(outside.err).toMatch(/not inside a git work tree/);
  });

  it('no changes: exit 0 and says so', async () => {
    const dir = baseRepo();
    const { code, out } = await cli(dir, ['review']);
    expect(code).toBe(0);
    expect(out).toBe('Changes on main since main (merge base ' + git(dir, 'rev-parse', 'HEAD').trim().slice(0, 12) + '): 0 files');
  });
});
