/**
 * `ops-roles lint` and `ops-roles who --codeowners` with GitLab files, through runCli as a user
 * calls them, on throwaway folders (not git work trees: the file list is a folder walk).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { lintCodeowners } from '../../src/core/codeownersLint';
import { lines, memoryIO } from './cliIO';
import { PROJECT_DIR } from './paths';

async function cli(cwd: string, ...args: string[]): Promise<{ code: number; out: string[]; err: string }> {
  const m = memoryIO(cwd);
  const code = await runCli(args, m.io);
  return { code, out: lines(m.stdout()), err: m.stderr() };
}

/** A folder with `files` (path → text). */
function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ops-roles-lint-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const SOURCES = { 'src/app.ts': '', 'docs/guide.md': '', 'README.md': '' };

describe('ops-roles lint', () => {
  it('finds .github/CODEOWNERS, prints each finding with its rule id, and exits 0 on warnings only', async () => {
    const dir = repo({ ...SOURCES, '.github/CODEOWNERS': '* @acme/ops\n/infra/ @acme/infra @acme/infra\n' });
    const r = await cli(dir, 'lint');
    expect(r.out).toEqual([
      '.github/CODEOWNERS:2:1: warning: "/infra/" matches no file in the repository [codeowners-no-match]',
      '.github/CODEOWNERS:2:21: warning: @acme/infra is listed twice on this line [codeowners-duplicate-owner]',
    ]);
    expect(r.err).toBe(".github/CODEOWNERS (read as GitHub's): 0 errors, 2 other findings\n");
    expect(r.code).toBe(0);
  });

  it('exits 1 on an error, says which file the host reads, and --format github annotates with the rule id', async () => {
    const dir = repo({ ...SOURCES, '.github/CODEOWNERS': '* @acme/ops\n', CODEOWNERS: '* @acme/ops\n!docs/ @acme/docs\n' });
    const r = await cli(dir, 'lint', 'CODEOWNERS');
    expect(r.code).toBe(1);
    expect(r.out[0]).toBe(
      'CODEOWNERS:1:1: error: GitHub reads .github/CODEOWNERS and ignores this file: it looks in .github/CODEOWNERS, CODEOWNERS, docs/CODEOWNERS and uses the first it finds [codeowners-two-locations]',
    );
    const github = await cli(dir, 'lint', 'CODEOWNERS', '--format', 'github');
    expect(github.code).toBe(1);
    expect(github.out[1]).toBe(
      '::error file=CODEOWNERS,line=2,col=1,endLine=2,endColumn=7,title=codeowners-negation::GitHub does not support "!" negation in CODEOWNERS; the line is ignored',
    );
  });

  it("reads a file with sections as GitLab's (or with --target gitlab) and applies the GitLab rules", async () => {
    const dir = repo({ ...SOURCES, CODEOWNERS: '[Docs][0] @acme/docs\ndocs/\n[DOCS]\nREADME.md @acme/writers\n' });
    const r = await cli(dir, 'lint');
    expect(r.code).toBe(1);
    expect(r.out.map((l) => /\[([a-z-]+)\]$/.exec(l)?.[1])).toEqual(['codeowners-section-approvals', 'codeowners-section-case']);
    expect(r.err).toContain("(read as GitLab's)");
    const plain = repo({ ...SOURCES, CODEOWNERS: 'docs/guide.md\n' });
    expect((await cli(plain, 'lint', '--target', 'gitlab')).out.join('\n')).toContain('[codeowners-no-owners]');
  });

  it('exit 2: no CODEOWNERS anywhere, a bad option value, two files', async () => {
    const dir = repo(SOURCES);
    const none = await cli(dir, 'lint');
    expect(none.code).toBe(2);
    expect(none.err).toContain('no CODEOWNERS in');
    expect((await cli(dir, 'lint', '--format', 'xml')).code).toBe(2);
    expect((await cli(dir, 'lint', '--target', 'bitbucket')).code).toBe(2);
    expect((await cli(dir, 'lint', 'a', 'b')).code).toBe(2);
  });

  it('prints what the core linter finds, no more and no less', async () => {
    const text = '/ @a\n* @a @a\n/src/ @b\n/src/ @c\n*.[ch] @d\n/nothing/ @e\n';
    const dir = repo({ ...SOURCES, '.github/CODEOWNERS': text });
    const r = await cli(dir, 'lint');
    const files = ['.github/CODEOWNERS', ...Object.keys(SOURCES)].sort();
    const core = lintCodeowners(text, { flavor: 'github', path: '.github/CODEOWNERS', files });
    expect(r.out.map((l) => /^[^:]+:(\d+):(\d+): \w+: .* \[([a-z-]+)\]$/.exec(l)!.slice(1).join(' '))).toEqual(
      core.map((p) => `${p.line} ${p.column} ${p.code}`),
    );
  });
});

interface FileCase {
  readonly id: string;
  readonly codeowners: string;
  readonly path: string;
  readonly owners: readonly string[];
  readonly flavor: string;
}

const gitlabCases = (JSON.parse(readFileSync(join(PROJECT_DIR, 'test/oracle/codeowners-files.json'), 'utf8')) as FileCase[]).filter(
  (c) => c.flavor === 'gitlab',
);

describe('ops-roles who --codeowners with GitLab files', () => {
  it('the oracle has GitLab file cases', () => {
    expect(gitlabCases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(gitlabCases.map((c) => [`${c.id} ${JSON.stringify(c.path)}`, c] as const))(
    '%s, from .gitlab/CODEOWNERS and with --target gitlab',
    async (_name, c) => {
      const dir = repo({ '.gitlab/CODEOWNERS': c.codeowners, CODEOWNERS: c.codeowners });
      const byPlace = await cli(dir, 'who', '--json', '--codeowners', '.gitlab/CODEOWNERS', '--', c.path);
      const byOption = await cli(dir, 'who', '--json', '--codeowners', 'CODEOWNERS', '--target', 'gitlab', '--', c.path);
      for (const r of [byPlace, byOption]) {
        expect(r.code, r.err).toBe(0);
        expect((JSON.parse(r.out[0]!) as { owners: string[] }).owners).toEqual(c.owners);
      }
    },
  );

  it('merges sections whose names differ only in case: the last match of the merged section decides', async () => {
    const text = '[Docs] @acme/docs\ndocs/\n[Source]\nsrc/ @acme/dev\n[DOCS]\n*.md @acme/writers\n';
    const dir = repo({ '.gitlab/CODEOWNERS': text });
    const r = await cli(dir, 'who', '--codeowners', '.gitlab/CODEOWNERS', 'docs/guide.md', 'src/app.md');
    // Unmerged, [Docs] would still give docs/guide.md @acme/docs. Sections answer in the order
    // they first appear, the merged one first, and so do their deciding lines.
    expect(r.out).toEqual([
      'docs/guide.md  @acme/writers  [.gitlab/CODEOWNERS:6 *.md]',
      'src/app.md  @acme/writers @acme/dev  [.gitlab/CODEOWNERS:6 *.md; .gitlab/CODEOWNERS:4 src/]',
    ]);
  });

  it('reads owners written after a "#" on a GitLab line, which has no inline comments', async () => {
    const dir = repo({
      '.gitlab/CODEOWNERS': '[Docs] @acme/docs # and @acme/writers\ndocs/ @acme/web # cc @acme/seo\nREADME.md\n',
      CODEOWNERS: 'docs/ @acme/web # cc @acme/seo\n',
    });
    const gitlab = await cli(dir, 'who', '--codeowners', '.gitlab/CODEOWNERS', 'docs/a.md');
    expect(gitlab.out).toEqual(['docs/a.md  @acme/web @acme/seo  [.gitlab/CODEOWNERS:2 docs/]']);
    const defaults = await cli(dir, 'who', '--codeowners', '.gitlab/CODEOWNERS', 'README.md');
    expect(defaults.out).toEqual(['README.md  @acme/docs @acme/writers  [.gitlab/CODEOWNERS:3 README.md]']);
    const github = await cli(dir, 'who', '--codeowners', 'CODEOWNERS', 'docs/a.md');
    expect(github.out).toEqual(['docs/a.md  @acme/web  [CODEOWNERS:1 docs/]']);
  });

  it('answers each path of one run by its own deciding lines, one a section, even where the first is shared', async () => {
    const text = '[Docs]\ndocs/ @acme/docs\n*.md @acme/writers\n[Source] @acme/dev\nsrc/\nsrc/api/ @acme/api\n';
    const dir = repo({ '.gitlab/CODEOWNERS': text });
    const paths = ['docs/a.md', 'src/a.md', 'src/api/b.md', 'src/api/c.ts', 'src/x.ts', 'docs/x.ts', 'src/b.md', 'README.txt'];
    const r = await cli(dir, 'who', '--codeowners', '.gitlab/CODEOWNERS', ...paths);
    // The verdicts are kept by their deciding lines: src/a.md and src/api/b.md share the first.
    expect(r.out).toEqual([
      'docs/a.md  @acme/writers  [.gitlab/CODEOWNERS:3 *.md]',
      'src/a.md  @acme/writers @acme/dev  [.gitlab/CODEOWNERS:3 *.md; .gitlab/CODEOWNERS:5 src/]',
      'src/api/b.md  @acme/writers @acme/api  [.gitlab/CODEOWNERS:3 *.md; .gitlab/CODEOWNERS:6 src/api/]',
      'src/api/c.ts  @acme/api  [.gitlab/CODEOWNERS:6 src/api/]',
      'src/x.ts  @acme/dev  [.gitlab/CODEOWNERS:5 src/]',
      'docs/x.ts  @acme/docs  [.gitlab/CODEOWNERS:2 docs/]',
      'src/b.md  @acme/writers @acme/dev  [.gitlab/CODEOWNERS:3 *.md; .gitlab/CODEOWNERS:5 src/]',
      'README.txt  (unowned)',
    ]);
    const json = await cli(dir, 'who', '--json', '--codeowners', '.gitlab/CODEOWNERS', 'src/a.md', 'src/api/b.md');
    expect(json.out.map((l) => (JSON.parse(l) as { owners: string[] }).owners)).toEqual([
      ['@acme/writers', '@acme/dev'],
      ['@acme/writers', '@acme/api'],
    ]);
  });

  it("reads a root CODEOWNERS without sections as GitHub's unless told otherwise", async () => {
    const dir = repo({ CODEOWNERS: 'docs/* @acme/docs\n' });
    const github = await cli(dir, 'who', '--codeowners', 'CODEOWNERS', 'x/docs/a.md');
    expect(github.out).toEqual(['x/docs/a.md  (unowned)']);
    const gitlab = await cli(dir, 'who', '--codeowners', 'CODEOWNERS', '--target', 'gitlab', 'x/docs/a.md');
    expect(gitlab.out).toEqual(['x/docs/a.md  @acme/docs  [CODEOWNERS:1 docs/*]']);
  });
});
