/**
 * Review routing: the pure grouping table-driven, then git behaviour on scratch repositories
 * (no commits, detached HEAD, renames, deletions, untracked files, explicit and missing bases),
 * then the CLI contract (exit codes, JSON shape, annotations).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { lines, memoryIO } from './cliIO';
import { parseConfig } from '../../src/core/config';
import { OwnershipModel } from '../../src/core/ownership';
import { collectChanges, groupChangesByRole, parseNameStatus, renderReviewMarkdown, type ChangedFile } from '../../src/core/review';

const CONFIG = `version: 1
roles:
  operations-manager: ["@acme/ops-leads"]
  tool-smith: ["@acme/tools"]
  devops-engineer: ["@alice"]
  database-administrator: ["@acme/dba"]
  release-manager: []
  operations-engineer: ["@acme/sre"]
ownership:
  - path: "*"
    roles: [operations-manager]
  - path: "tools/"
    roles: [tool-smith]
  - path: ["migrations/**", "db/"]
    roles: [database-administrator]
  - path: "deploy/"
    roles: [release-manager, operations-engineer]
`;

/** Nobody holds anything a migration needs, and the fallback chain has no holders either. */
const UNHELD_CONFIG = `version: 1
roles:
  tool-smith: ["@acme/tools"]
  database-administrator: []
ownership:
  - path: "tools/"
    roles: [tool-smith]
  - path: "migrations/**"
    roles: [database-administrator]
`;

const modelOf = (text: string) => {
  const parsed = parseConfig(text);
  expect(parsed.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return new OwnershipModel(parsed.config);
};

describe('parseNameStatus', () => {
  const cases: [string, string, ChangedFile[]][] = [
    ['empty', '', []],
    [
      'modified and added',
      'M\0a.txt\0A\0b c.txt\0',
      [
        { path: 'a.txt', status: 'modified' },
        { path: 'b c.txt', status: 'added' },
      ],
    ],
    [
      'rename keeps both paths',
      'R087\0old/x.sql\0new/x.sql\0D\0gone.md\0',
      [
        { path: 'new/x.sql', status: 'renamed', oldPath: 'old/x.sql' },
        { path: 'gone.md', status: 'deleted' },
      ],
    ],
    [
      'copy, type change, unmerged',
      'C100\0a\0b\0T\0link\0U\0conflict.txt\0',
      [
        { path: 'b', status: 'copied', oldPath: 'a' },
        { path: 'link', status: 'type-changed' },
        { path: 'conflict.txt', status: 'unmerged' },
      ],
    ],
    [
      'newlines and unicode in names survive -z',
      'M\0line\nbreak.txt\0A\0migrations/ünï cödé.sql\0',
      [
        { path: 'line\nbreak.txt', status: 'modified' },
        { path: 'migrations/ünï cödé.sql', status: 'added' },
      ],
    ],
    ['a truncated record is dropped, not misread', 'M\0a\0R100\0only-old\0', [{ path: 'a', status: 'modified' }]],
  ];
  it.each(cases)('%s', (_name, input, expected) => expect(parseNameStatus(input)).toEqual(expected));
});

describe('groupChangesByRole (pure)', () => {
  const model = modelOf(CONFIG);
  const summary = (changes: ChangedFile[]) => {
    const g = groupChangesByRole(model, changes);
    return {
      roles: Object.fromEntries(
        g.roles.map((r) => [
          r.role,
          { holders: r.holders, fellBackTo: r.fellBackTo ?? null, files: r.files.map((f) => `${f.path}:${f.matched}:${f.pattern}`) },
        ]),
      ),
      unowned: g.unowned.map((f) => f.path),
      unheld: g.unheldRoles,
    };
  };

  it('a modified migration needs the database administrator, with the deciding pattern', () => {
    expect(summary([{ path: 'migrations/003.sql', status: 'modified' }])).toEqual({
      roles: { 'database-administrator': { holders: ['@acme/dba'], fellBackTo: null, files: ['migrations/003.sql:path:migrations/**'] } },
      unowned: [],
      unheld: [],
    });
  });

  it('a rule with two roles puts the file under both; a vacant role shows its fallback', () => {
    const s = summary([{ path: 'deploy/app.yaml', status: 'added' }]);
    expect(s.roles['release-manager']).toEqual({ holders: ['@alice'], fellBackTo: 'devops-engineer', files: ['deploy/app.yaml:path:deploy/'] });
    expect(s.roles['operations-engineer']).toEqual({ holders: ['@acme/sre'], fellBackTo: null, files: ['deploy/app.yaml:path:deploy/'] });
    expect(s.unheld).toEqual([]);
  });

  it('a rename out of migrations/ counts for the owners of both paths', () => {
    const s = summary([{ path: 'tools/archive/001.sql', status: 'renamed', oldPath: 'migrations/001.sql' }]);
    expect(s.roles['database-administrator']!.files).toEqual(['tools/archive/001.sql:oldPath:migrations/**']);
    expect(s.roles['tool-smith']!.files).toEqual(['tools/archive/001.sql:path:tools/']);
  });

  it('a rename within one role is listed once, matched on both sides', () => {
    const s = summary([{ path: 'migrations/b.sql', status: 'renamed', oldPath: 'migrations/a.sql' }]);
    expect(s.roles['database-administrator']!.files).toEqual(['migrations/b.sql:both:migrations/**']);
    expect(Object.keys(s.roles)).toEqual(['database-administrator']);
  });

  it('a copy leaves its source alone: only the new path counts', () => {
    const s = summary([{ path: 'tools/copy.sql', status: 'copied', oldPath: 'migrations/001.sql' }]);
    expect(Object.keys(s.roles)).toEqual(['tool-smith']);
  });

  it('a file no rule matches is unowned; deleted files count by the path they had', () => {
    const empty = modelOf('ownership:\n  - path: "db/"\n    roles: [database-administrator]\n');
    const g = groupChangesByRole(empty, [
      { path: 'README.md', status: 'modified' },
      { path: 'db/seed.sql', status: 'deleted' },
    ]);
    expect(g.unowned.map((f) => f.path)).toEqual(['README.md']);
    expect(g.roles.map((r) => [r.role, r.files.map((f) => f.status)])).toEqual([['database-administrator', ['deleted']]]);
  });

  it('roles come in config order whatever the file order', () => {
    const s = summary([
      { path: 'migrations/1.sql', status: 'added' },
      { path: 'tools/x.sh', status: 'added' },
      { path: 'README.md', status: 'modified' },
    ]);
    expect(Object.keys(s.roles)).toEqual(['operations-manager', 'tool-smith', 'database-administrator']);
  });

  it('a role nobody holds, with no fallback holders, is unheld', () => {
    const g = groupChangesByRole(modelOf(UNHELD_CONFIG), [
      { path: 'migrations/1.sql', status: 'modified' },
      { path: 'tools/x.sh', status: 'modified' },
    ]);
    expect(g.unheldRoles).toEqual(['database-administrator']);
    expect(g.roles.find((r) => r.role === 'database-administrator')).toMatchObject({ holders: [], fellBackTo: undefined });
  });

  it('no changes: no roles, nothing unheld', () => {
    expect(groupChangesByRole(model, [])).toEqual({ roles: [], unowned: [], unheldRoles: [] });
  });
});

describe('renderReviewMarkdown', () => {
  const model = modelOf(CONFIG);
  it('renders a checklist with holders, fallback and files', () => {
    const md = renderReviewMarkdown(
      groupChangesByRole(model, [
        { path: 'migrations/003.sql', status: 'modified' },
        { path: 'deploy/a b.yaml', status: 'renamed', oldPath: 'deploy/a.yaml' },
        { path: 'weird`name.md', status: 'added' },
      ]),
    );
    expect(md).toContain('- [ ] **Database administrator** — @acme/dba — 1 file\n  - `migrations/003.sql` (modified)');
    expect(md).toContain('- [ ] **Release manager** — @alice (nobody holds the role; falls back to DevOps engineer) — 1 file');
    expect(md).toContain('  - `deploy/a.yaml → deploy/a b.yaml` (renamed)');
    // A backtick in a name needs a longer fence, or the code span breaks.
    expect(md).toContain('- [ ] **Operations manager** — @acme/ops-leads — 1 file\n  - ``weird`name.md`` (added)');
    expect(md).not.toContain('WARNING');
  });

  it('warns when nobody can approve, and shows unowned files', () => {
    const md = renderReviewMarkdown(
      groupChangesByRole(modelOf(UNHELD_CONFIG), [
        { path: 'migrations/1.sql', status: 'added' },
        { path: 'README.md', status: 'added' },
      ]),
    );
    expect(md).toContain('- [ ] **Database administrator** — **nobody holds this role** — 1 file');
    expect(md).toContain('**Unowned**');
    expect(md).toContain('- `README.md` (added)');
    expect(md).toMatch(/> \[!WARNING\]\n> Nobody holds \*\*Database administrator\*\*/);
  });

  it('caps long lists', () => {
    const files = Array.from({ length: 7 }, (_, i) => ({ path: `migrations/${i}.sql`, status: 'added' as const }));
    const md = renderReviewMarkdown(groupChangesByRole(model, files), { maxFilesPerRole: 5 });
    expect(md).toContain('  - … and 2 more');
    expect(md.match(/migrations\/\d\.sql/g)).toHaveLength(5);
  });
});

// ---- scratch git repositories ----

const savedEnv: Record<string, string | undefined> = {};
let scratch: string;
let emptyGlobal: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'ops-roles-review-'));
  emptyGlobal = join(scratch, 'gitconfig');
  writeFileSync(emptyGlobal, '');
  // The machine's own git settings (default branch name, hooks, signing) must not leak in, nor a
  // repository that happens to enclose the temp folder.
  for (const [k, v] of Object.entries({ GIT_CONFIG_GLOBAL: emptyGlobal, GIT_CONFIG_NOSYSTEM: '1', GIT_CEILING_DIRECTORIES: scratch })) {
    savedEnv[k] = process.env[k];
    process.env[k] = v;
  }
});
afterAll(() => {
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(scratch, { recursive: true, force: true });
});

let counter = 0;
function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
function write(dir: string, path: string, text = `${path}\n`): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}
/** A new repository on branch `main` (no commits); `files` are written but not added. */
function initRepo(files: Record<string, string> = {}, config = CONFIG): string {
  const dir = join(scratch, `repo-${++counter}`);
  mkdirSync(dir);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Test');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'commit.gpgsign', 'false');
  write(dir, 'ops-roles.yaml', config);
  for (const [p, t] of Object.entries(files)) write(dir, p, t);
  return dir;
}
function commitAll(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}
/** A repository with one commit on `main` holding a typical layout. */
function baseRepo(config = CONFIG): string {
  const dir = initRepo(
    {
      'README.md': '# app\n',
      'migrations/001_init.sql': 'create table a (id int);\n',
      'db/seed.sql': 'insert into a values (1);\n',
      'tools/lint.sh': 'echo lint\n',
      'src/app.ts': 'export {};\n',
      '.gitignore': 'build/\n',
    },
    config,
  );
  commitAll(dir, 'initial');
  return dir;
}
async function changes(dir: string, base?: string) {
  const r = await collectChanges(dir, base === undefined ? {} : { base });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r;
}
const pathsWithStatus = (files: readonly ChangedFile[]) => files.map((f) => (f.oldPath ? `${f.status} ${f.oldPath} -> ${f.path}` : `${f.status} ${f.path}`));

async function cli(cwd: string, args: string[]) {
  const m = memoryIO(cwd);
  const code = await runCli(args, m.io);
  return { code, out: lines(m.stdout()).join('\n'), err: lines(m.stderr()).join('\n') };
}

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
    const dir = join(scratch, `plain-${++counter}`);
    mkdirSync(dir);
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
    const plain = join(scratch, `plain-${++counter}`);
    mkdirSync(plain);
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
