/**
 * Review routing against git, on scratch repositories: no commits, detached HEAD, renames,
 * deletions, untracked and ignored files, explicit and missing bases, default-branch discovery.
 */
import { mkdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectChanges, groupChangesByRole, type ChangedFile } from '../../src/core/review';
import { baseRepo, commitAll, CONFIG, git, initRepo, modelOf, plainFolder, useScratchRepositories, write } from './reviewFixtures';

useScratchRepositories();

async function changes(dir: string, base?: string) {
  const r = await collectChanges(dir, base === undefined ? {} : { base });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r;
}
const pathsWithStatus = (files: readonly ChangedFile[]) => files.map((f) => (f.oldPath ? `${f.status} ${f.oldPath} -> ${f.path}` : `${f.status} ${f.path}`));

describe('collectChanges on scratch repositories', () => {
  it('a repository with no commits: everything staged or untracked is new, against the empty tree', async () => {
    const dir = initRepo({ 'migrations/001.sql': 'x\n', 'tools/a.sh': 'y\n' });
    git(dir, 'add', 'migrations/001.sql');
    const r = await changes(dir);
    expect(r.base.kind).toBe('empty-tree');
    expect(r.base.reason).toMatch(/no commits/);
    expect(r.head).toEqual({ commit: undefined, branch: 'main', detached: false });
    expect(pathsWithStatus(r.files)).toEqual(['added migrations/001.sql', 'untracked ops-roles.yaml', 'untracked tools/a.sh']);
    const g = groupChangesByRole(modelOf(CONFIG), r.files);
    expect(g.roles.map((x) => x.role)).toEqual(['operations-manager', 'tool-smith', 'database-administrator']);
  });

  it('a modified file under migrations/ (unstaged) and a staged one both count', async () => {
    const dir = baseRepo();
    write(dir, 'migrations/001_init.sql', 'create table a (id bigint);\n');
    write(dir, 'db/seed.sql', 'insert into a values (2);\n');
    git(dir, 'add', 'db/seed.sql');
    const r = await changes(dir);
    expect(r.base).toMatchObject({ ref: 'main', kind: 'merge-base', commit: git(dir, 'rev-parse', 'HEAD').trim() });
    expect(pathsWithStatus(r.files)).toEqual(['modified db/seed.sql', 'modified migrations/001_init.sql']);
    const g = groupChangesByRole(modelOf(CONFIG), r.files);
    expect(g.roles.map((x) => [x.role, x.files.length])).toEqual([['database-administrator', 2]]);
  });

  it('a rename (staged with git mv) keeps both paths and both owners', async () => {
    const dir = baseRepo();
    mkdirSync(join(dir, 'tools/archive'), { recursive: true });
    git(dir, 'mv', 'migrations/001_init.sql', 'tools/archive/001_init.sql');
    const r = await changes(dir);
    expect(pathsWithStatus(r.files)).toEqual(['renamed migrations/001_init.sql -> tools/archive/001_init.sql']);
    const g = groupChangesByRole(modelOf(CONFIG), r.files);
    expect(g.roles.map((x) => [x.role, x.files[0]!.matched])).toEqual([
      ['tool-smith', 'path'],
      ['database-administrator', 'oldPath'],
    ]);
  });

  it('a committed rename on a branch is found against the merge base', async () => {
    const dir = baseRepo();
    git(dir, 'checkout', '-q', '-b', 'feature');
    git(dir, 'mv', 'db/seed.sql', 'db/seed_data.sql');
    git(dir, 'commit', '-q', '-m', 'rename');
    const r = await changes(dir);
    expect(r.base.ref).toBe('main');
    expect(pathsWithStatus(r.files)).toEqual(['renamed db/seed.sql -> db/seed_data.sql']);
  });

  it('a deleted file counts, for the owners of the path it had', async () => {
    const dir = baseRepo();
    unlinkSync(join(dir, 'db/seed.sql'));
    const r = await changes(dir);
    expect(pathsWithStatus(r.files)).toEqual(['deleted db/seed.sql']);
    expect(groupChangesByRole(modelOf(CONFIG), r.files).roles.map((x) => x.role)).toEqual(['database-administrator']);
  });

  it('an untracked file counts; an ignored one does not', async () => {
    const dir = baseRepo();
    write(dir, 'tools/new tool.sh');
    write(dir, 'build/out.js');
    const r = await changes(dir);
    expect(pathsWithStatus(r.files)).toEqual(['untracked tools/new tool.sh']);
  });

  it('paths with spaces and non-ASCII letters come through unquoted', async () => {
    const dir = baseRepo();
    write(dir, 'migrations/002 ajout données.sql');
    git(dir, 'add', '.');
    write(dir, 'migrations/003 “quoted” 名前.sql');
    const r = await changes(dir);
    expect(pathsWithStatus(r.files)).toEqual(['added migrations/002 ajout données.sql', 'untracked migrations/003 “quoted” 名前.sql']);
  });

  it('a detached HEAD with a commit on top of main compares with main', async () => {
    const dir = baseRepo();
    git(dir, 'checkout', '-q', '--detach');
    write(dir, 'migrations/002.sql');
    commitAll(dir, 'detached work');
    const r = await changes(dir);
    expect(r.head.detached).toBe(true);
    expect(r.head.branch).toBeUndefined();
    expect(r.head.commit).toBe(git(dir, 'rev-parse', 'HEAD').trim());
    expect(r.base).toMatchObject({ ref: 'main', kind: 'merge-base', commit: git(dir, 'rev-parse', 'main').trim() });
    expect(pathsWithStatus(r.files)).toEqual(['added migrations/002.sql']);
  });

  it('--base explicit: only changes since that commit, plus the work tree', async () => {
    const dir = baseRepo();
    git(dir, 'checkout', '-q', '-b', 'feature');
    write(dir, 'tools/one.sh');
    commitAll(dir, 'one');
    write(dir, 'migrations/002.sql');
    commitAll(dir, 'two');
    write(dir, 'README.md', 'changed\n');
    const r = await changes(dir, 'HEAD~1');
    expect(r.base).toMatchObject({ ref: 'HEAD~1', kind: 'merge-base', commit: git(dir, 'rev-parse', 'HEAD~1').trim() });
    expect(pathsWithStatus(r.files)).toEqual(['modified README.md', 'added migrations/002.sql']);
    // The default base (main) sees both commits.
    expect(pathsWithStatus((await changes(dir)).files)).toEqual(['modified README.md', 'added migrations/002.sql', 'added tools/one.sh']);
  });

  it('--base on a branch that moved on: measured from the merge base, as a pull request is', async () => {
    const dir = baseRepo();
    git(dir, 'checkout', '-q', '-b', 'feature');
    write(dir, 'migrations/002.sql');
    commitAll(dir, 'feature work');
    git(dir, 'checkout', '-q', 'main');
    write(dir, 'tools/main-only.sh');
    commitAll(dir, 'main moved');
    git(dir, 'checkout', '-q', 'feature');
    expect(pathsWithStatus((await changes(dir, 'main')).files)).toEqual(['added migrations/002.sql']);
  });

  it('a base that does not exist is a clear error, not a throw', async () => {
    const dir = baseRepo();
    expect(await collectChanges(dir, { base: 'no-such-branch' })).toEqual({
      ok: false,
      error: { code: 'base-not-found', message: expect.stringContaining('"no-such-branch" is not a commit') },
    });
    expect(await collectChanges(dir, { base: '--output=/tmp/x' })).toMatchObject({ ok: false, error: { code: 'bad-base' } });
  });

  it('a folder outside git is an error', async () => {
    const dir = plainFolder();
    expect(await collectChanges(dir)).toMatchObject({ ok: false, error: { code: 'not-a-repository' } });
  });

  it('origin/HEAD decides the default branch when it exists', async () => {
    const dir = baseRepo();
    git(dir, 'update-ref', 'refs/remotes/origin/trunk', 'HEAD');
    git(dir, 'symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/trunk');
    write(dir, 'tools/new.sh');
    commitAll(dir, 'on main after trunk');
    const r = await changes(dir);
    expect(r.base.ref).toBe('origin/trunk');
    expect(pathsWithStatus(r.files)).toEqual(['added tools/new.sh']);
  });

  it('with no main, master or origin/HEAD, every file counts as new', async () => {
    const dir = baseRepo();
    git(dir, 'branch', '-q', '-m', 'main', 'develop');
    const r = await changes(dir);
    expect(r.base.kind).toBe('empty-tree');
    expect(r.base.reason).toMatch(/no default branch/);
    expect(r.files).toHaveLength(7);
    expect(r.files.every((f) => f.status === 'added')).toBe(true);
  });

  it('master is used when there is no main', async () => {
    const dir = baseRepo();
    git(dir, 'branch', '-q', '-m', 'main', 'master');
    git(dir, 'checkout', '-q', '-b', 'topic');
    write(dir, 'db/x.sql');
    commitAll(dir, 'x');
    const r = await changes(dir);
    expect(r.base.ref).toBe('master');
    expect(pathsWithStatus(r.files)).toEqual(['added db/x.sql']);
  });

  it('a root inside the repository sees only its own files, relative to itself', async () => {
    const dir = baseRepo();
    write(dir, 'service/ops-roles.yaml', CONFIG);
    commitAll(dir, 'service');
    write(dir, 'service/migrations/1.sql');
    write(dir, 'migrations/outside.sql');
    const r = await changes(join(dir, 'service'), 'HEAD');
    expect(pathsWithStatus(r.files)).toEqual(['untracked migrations/1.sql']);
  });
});
