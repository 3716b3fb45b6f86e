/**
 * Review routing, the pure part, table-driven: reading `git diff --name-status -z`, grouping
 * changed files by the roles that must review them, and the Markdown checklist.
 */
import { describe, expect, it } from 'vitest';
import { groupChangesByRole, parseNameStatus, renderReviewMarkdown, type ChangedFile } from '../../src/core/review';
import { CONFIG, modelOf, UNHELD_CONFIG } from './reviewFixtures';

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
