/**
 * The CODEOWNERS linter, rule by rule: for every rule id a file that must get the finding (at
 * the expected line and column) and a near miss that must not. The table must name every id
 * of LINT_RULES, so a new rule cannot ship without both cases.
 */
import { describe, expect, it } from 'vitest';
import { LINT_RULES, lintCodeowners, lintFix, type LintOptions, type LintRuleId } from '../../src/core/codeownersLint';
import { MAX_CODEOWNERS_BYTES } from '../../src/core/generate';

const FILES = ['README.md', 'docs/guide.md', 'docs/api.md', 'src/app.ts', 'src/db/schema.sql', 'CODEOWNERS', '.github/CODEOWNERS'];

interface Case {
  readonly text: string;
  readonly options?: Partial<LintOptions>;
}

/** Per rule: a file with the finding (and where: line, column) and one without it. */
const RULES: Record<LintRuleId, { hit: Case; at: [number, number]; miss: Case }> = {
  'codeowners-invalid-owner': { hit: { text: '* @acme/ops acme-ops\n' }, at: [1, 13], miss: { text: '* @acme/ops ops@acme.example\n' } },
  'codeowners-negation': {
    hit: { text: '* @acme/ops\n!docs/ @acme/docs\n' },
    at: [2, 1],
    miss: { text: '* @acme/ops\n!docs/ @acme/docs\n', options: { flavor: 'gitlab' } },
  },
  'codeowners-pattern-too-long': { hit: { text: `${'a'.repeat(5000)} @acme/ops\n` }, at: [1, 1], miss: { text: `${'a'.repeat(4000)} @acme/ops\n` } },
  'codeowners-character-class': { hit: { text: '* @acme/ops\n*.[ch] @acme/c\n' }, at: [2, 1], miss: { text: '* @acme/ops\napps/[slug]/page.tsx @acme/web\n' } },
  'codeowners-no-owners': { hit: { text: 'docs/ \n* @acme/ops\n' }, at: [1, 1], miss: { text: '* @acme/ops\ndocs/\n' } },
  'codeowners-no-match': { hit: { text: '* @acme/ops\n/infra/ @acme/infra\n' }, at: [2, 1], miss: { text: '* @acme/ops\n/src/ @acme/dev\n' } },
  'codeowners-shadowed': { hit: { text: '/docs/ @acme/docs\n* @acme/ops\n' }, at: [1, 1], miss: { text: '* @acme/ops\n/docs/ @acme/docs\n' } },
  'codeowners-duplicate-pattern': { hit: { text: '* @acme/ops\n/src/ @a\n/src/ @b\n' }, at: [2, 1], miss: { text: '* @acme/ops\n/src/ @a\nsrc/ @b\n' } },
  'codeowners-too-large': {
    hit: { text: `* @acme/ops\n${'#'.repeat(MAX_CODEOWNERS_BYTES)}\n` },
    at: [1, 1],
    miss: { text: `* @acme/ops\n${'#'.repeat(MAX_CODEOWNERS_BYTES)}\n`, options: { flavor: 'gitlab' } },
  },
  'codeowners-duplicate-owner': { hit: { text: '* @acme/ops @alice @Acme/Ops\n' }, at: [1, 20], miss: { text: '* @acme/ops @alice\n/src/ @acme/ops\n' } },
  'codeowners-two-locations': {
    hit: { text: '* @acme/ops\n', options: { path: 'CODEOWNERS' } },
    at: [1, 1],
    miss: { text: '* @acme/ops\n', options: { path: 'docs/CODEOWNERS', files: ['README.md'] } },
  },
  'codeowners-lone-slash': { hit: { text: '/ @acme/ops\n' }, at: [1, 1], miss: { text: '* @acme/ops\n' } },
  'codeowners-section-syntax': {
    hit: { text: '[Docs\ndocs/ @acme/docs\n', options: { flavor: 'gitlab' } },
    at: [1, 1],
    miss: { text: '^[Docs][2] @acme/docs\ndocs/\n', options: { flavor: 'gitlab' } },
  },
  'codeowners-section-approvals': {
    hit: { text: '* @acme/ops\n[Docs][0] @acme/docs\ndocs/\n', options: { flavor: 'gitlab' } },
    at: [2, 1],
    miss: { text: '* @acme/ops\n[Docs][1] @acme/docs\ndocs/\n', options: { flavor: 'gitlab' } },
  },
  'codeowners-section-case': {
    hit: { text: '[Docs] @acme/docs\ndocs/\n[Source] @acme/dev\nsrc/\n[DOCS] @acme/writers\nREADME.md\n', options: { flavor: 'gitlab' } },
    at: [5, 1],
    miss: { text: '[Docs] @acme/docs\ndocs/\n[Source] @acme/dev\nsrc/\n[Docs] @acme/writers\nREADME.md\n', options: { flavor: 'gitlab' } },
  },
};

function lint(c: Case) {
  return lintCodeowners(c.text, { flavor: 'github', files: FILES, ...c.options });
}

describe('CODEOWNERS lint rules', () => {
  it('the table covers every rule id', () => {
    expect(Object.keys(RULES).sort()).toEqual(Object.keys(LINT_RULES).sort());
  });

  describe.each(Object.entries(RULES))('%s', (id, { hit, at, miss }) => {
    it('reports the finding where it stands', () => {
      const found = lint(hit).filter((p) => p.code === id);
      expect(found.map((p) => [p.line, p.column])).toEqual([at]);
    });
    it('says nothing of the near miss', () => {
      expect(lint(miss).map((p) => p.code)).not.toContain(id);
    });
  });
});

describe('CODEOWNERS lint details', () => {
  it('two locations: the ignored file names the one read; the file read names the ignored one', () => {
    const ignored = lintCodeowners('* @a\n', { flavor: 'github', path: 'CODEOWNERS', files: FILES });
    expect(ignored.find((p) => p.code === 'codeowners-two-locations')).toMatchObject({ severity: 'error', data: { read: '.github/CODEOWNERS' } });
    const read = lintCodeowners('* @a\n', { flavor: 'github', path: '.github/CODEOWNERS', files: FILES });
    expect(read.find((p) => p.code === 'codeowners-two-locations')?.message).toBe('CODEOWNERS also exists; GitHub reads this file and ignores it');
    // GitLab looks in the root first: its root CODEOWNERS is the one read.
    const gitlab = lintCodeowners('* @a\n', { flavor: 'gitlab', path: 'CODEOWNERS', files: [...FILES, '.gitlab/CODEOWNERS'] });
    expect(gitlab.find((p) => p.code === 'codeowners-two-locations')?.severity).toBe('warning');
  });

  it('a shadowed rule names the rules that decide instead; without a file list the file rules are skipped', () => {
    const text = '/docs/guide.md @a\n/docs/api.md @b\n/docs/ @c\n';
    const shadowed = lintCodeowners('/docs/ @c\n' + text, { flavor: 'github', files: FILES }).find((p) => p.code === 'codeowners-shadowed');
    expect(shadowed?.message).toContain('(line 4)');
    const codes = lintCodeowners('/infra/ @x\n', { flavor: 'github' }).map((p) => p.code);
    expect(codes).not.toContain('codeowners-no-match');
  });

  it('an owner-less GitHub line that takes ownership away is fine; a GitLab one without section defaults is an error', () => {
    expect(lint({ text: '* @a\n/docs/\n' }).map((p) => p.code)).toEqual([]);
    // No earlier line owns src/: the owner-less line changes nothing.
    expect(lint({ text: '/docs/ @a\n/src/\n' }).map((p) => p.code)).toEqual(['codeowners-no-owners']);
    const gitlab = lint({ text: '[Docs]\ndocs/\n', options: { flavor: 'gitlab' } });
    expect(gitlab.find((p) => p.code === 'codeowners-no-owners')).toMatchObject({ severity: 'error', line: 2 });
  });

  it('the duplicate line is not also reported as shadowed, and the lone slash not as matching nothing', () => {
    const codes = lint({ text: '* @a\n/src/ @b\n/src/ @c\n/ @d\n' }).map((p) => `${p.line}:${p.code}`);
    expect(codes).toContain('2:codeowners-duplicate-pattern');
    expect(codes).not.toContain('2:codeowners-shadowed');
    expect(codes).toContain('4:codeowners-lone-slash');
    expect(codes).not.toContain('4:codeowners-no-match');
  });

  it('a line GitLab cannot read as a section is not linted again as a rule', () => {
    const problems = lint({ text: '* @a\n[] @b\n', options: { flavor: 'gitlab' } });
    expect(problems.map((p) => p.code)).toEqual(['codeowners-section-syntax']);
  });

  it('quick fixes: a lone slash becomes *, a repeated owner goes with its space, a duplicate line goes', () => {
    const text = '/ @a\n/src/ @b  @c @b\n/src/ @d\n';
    const lines = text.split('\n');
    const fixes = lint({ text })
      .map((p) => lintFix(p, lines[p.line - 1]!))
      .filter((f) => f !== undefined);
    expect(fixes).toEqual([
      { title: 'Replace "/" with "*" (every file)', line: 1, startColumn: 1, endColumn: 2, text: '*', wholeLine: false },
      { title: 'Remove this line (line 3 decides)', line: 2, startColumn: 1, endColumn: 16, text: '', wholeLine: true },
      { title: 'Remove the repeated @b', line: 2, startColumn: 13, endColumn: 16, text: '', wholeLine: false },
    ]);
  });

  it('in the generated block, what only ops-roles.yaml can fix (no match, shadowed) is left to coverage', () => {
    const text = [
      '/nowhere/ @hand',
      '# BEGIN ops-roles generated block: do not edit by hand',
      '/**/README.md @a',
      '/**/README.md/ @a',
      '/src/app.ts @c',
      '/src/ @b',
      '# END ops-roles generated block',
      '/also-nowhere/ @hand',
      '',
    ].join('\n');
    expect(lint({ text }).map((p) => `${p.line}:${p.code}`)).toEqual(['1:codeowners-no-match', '8:codeowners-no-match']);
  });

  it('a generated file is linted too (the markers are comments)', () => {
    const text = '# BEGIN ops-roles generated block: do not edit by hand\n* @a @a\n# END ops-roles generated block\n';
    expect(lint({ text }).map((p) => p.code)).toEqual(['codeowners-duplicate-owner']);
  });
});
