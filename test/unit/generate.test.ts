/**
 * CODEOWNERS generation and the drift check: the portable rewriting of each pattern (against
 * both readers, over the oracle's patterns and paths), the layout, markers, refusals, line
 * endings, idempotence, and check's semantic comparison.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCodeowners } from '../../src/core/check';
import { codeownersResolver, parseCodeowners } from '../../src/core/codeowners';
import { checkPattern, parseConfig } from '../../src/core/config';
import {
  GENERATED_BEGIN,
  GENERATED_BEGIN_LINE,
  GENERATED_END,
  GENERATED_END_LINE,
  generateCodeowners,
  MAX_CODEOWNERS_BYTES,
  portablePatterns,
} from '../../src/core/generate';
import { shadowingCodeowners } from '../../src/core/codeownersTarget';
import { OwnershipModel } from '../../src/core/ownership';
import { compilePattern, type Flavor } from '../../src/core/pattern';
import { EXAMPLE_FILES, ORACLE_DIR, PROJECT_DIR } from './paths';

const EXAMPLE_CONFIG = parseConfig(readFileSync(join(PROJECT_DIR, 'examples/ops-roles.yaml'), 'utf8')).config;

const config = (text: string) => {
  const parsed = parseConfig(text);
  expect(parsed.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return parsed.config;
};

describe('portablePatterns: each line reads the same on GitHub and GitLab', () => {
  it.each([
    ['*', ['*']],
    ['**', ['*']],
    ['/**', ['*']],
    ['**/*', ['*']],
    ['migrations', ['/**/migrations', '/**/migrations/']],
    ['migrations/', ['/**/migrations/']],
    ['*.sql', ['/**/*.sql', '/**/*.sql/']],
    ['/docs', ['/docs', '/docs/']],
    ['docs/api', ['/docs/api', '/docs/api/']],
    ['migrations/**', ['/migrations/']],
    ['docs/*', ['/docs/*']],
    ['**/logs', ['/**/logs', '/**/logs/']],
    ['a/**/b', ['/a/**/b', '/a/**/b/']],
    ['foo/**/', ['/foo/']],
    ['a/**/**/b/**', ['/a/**/b/']],
    ['apps/[slug]/page.tsx', ['/apps/\\[slug\\]/page.tsx', '/apps/\\[slug\\]/page.tsx/']],
    ['a\\{b\\}.md', ['/**/a{b}.md', '/**/a{b}.md/']],
    ['my\\ file', ['/**/my\\ file', '/**/my\\ file/']],
    ['foo\\', ['/**/foo\\\\', '/**/foo\\\\/']],
    ['/', []],
  ])('%s → %j', (pattern, lines) => {
    expect(portablePatterns(pattern)).toEqual(lines);
  });

  // Every oracle pattern Ops Roles accepts, against every oracle path and a few more shapes:
  // the union of the portable lines must match exactly what the pattern matches on GitHub,
  // under GitHub's reading and under GitLab's.
  const cases: { pattern: string; path: string; flavor: Flavor }[] = JSON.parse(readFileSync(join(ORACLE_DIR, 'codeowners-cases.json'), 'utf8'));
  const globs: { pattern: string; text: string }[] = JSON.parse(readFileSync(join(ORACLE_DIR, 'glob-cases.json'), 'utf8'));
  // Every pattern string of the oracle (both flavors, and git's wildmatch table), read as a
  // GitHub pattern: more shapes than the GitHub cases alone.
  const patterns = [...new Set([...cases.map((c) => c.pattern), ...globs.map((g) => g.pattern)])].flatMap((p) => {
    const checked = checkPattern(p);
    return checked.problems.some((x) => x.severity === 'error') ? [] : checked.expanded;
  });
  const extra = ['apps/[slug]/page.tsx', 'x/[a-z]/y', 'migrations', 'db/schema.sql', 'a/b/c/migrations/x.sql', 'docs/x/migrations', 'deep/a/b/c/d.md'];
  const paths = [
    ...new Set(
      [...cases.map((c) => c.path), ...globs.map((g) => g.text), ...extra]
        .map((p) => p.replace(/^\/+/, '').replace(/\/+$/, ''))
        // Real repository paths: no empty, `.` or `..` segments (git never lists them).
        .filter((p) => p !== '' && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..')),
    ),
  ].flatMap((p) => [p, `${p}/child`, `top/${p}`, `top/${p}/child/leaf.txt`]);

  it('has a large table', () => {
    expect(patterns.length).toBeGreaterThan(180);
    expect(paths.length).toBeGreaterThan(900);
  });
  it.each(['github', 'gitlab'] as const)('for every accepted oracle pattern and path, read by %s', (flavor) => {
    const wrong: string[] = [];
    for (const pattern of patterns) {
      const reference = compilePattern(pattern, 'github');
      const lines = portablePatterns(pattern).map((l) => compilePattern(l, flavor));
      for (const path of paths) {
        const want = reference.match(path);
        const got = lines.some((l) => l.match(path));
        if (want !== got && wrong.length < 10)
          wrong.push(`${pattern} on ${path}: GitHub says ${want}, portable lines read by ${flavor} say ${got} (${portablePatterns(pattern).join(' ')})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('generateCodeowners', () => {
  it.each(['github', 'gitlab'] as const)('writes a commented, proved file for %s', (target) => {
    const result = generateCodeowners(EXAMPLE_CONFIG, EXAMPLE_FILES, { target });
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.proof).toMatchObject({
      ok: true,
      filesCompared: EXAMPLE_FILES.length,
      differenceCount: 0,
      readings: target === 'github' ? ['GitHub', 'GitLab'] : ['GitLab', 'GitHub'],
    });
    const lines = result.text.split('\n');
    expect(lines[0]).toBe(GENERATED_BEGIN);
    expect(result.text).toContain(`ops-roles generate --target ${target}`);
    expect(result.text).toContain('ops-roles.yaml');
    expect(lines.at(-2)).toBe(GENERATED_END);
    // One comment a rule naming its roles; the fallback named where a role fell back.
    expect(result.text).toContain(
      '# Rule 6 (ops-roles.yaml line 28): release-manager, operations-engineer\n#   nobody holds release-manager: falls back to devops-engineer\n/**/deploy/ @alice @acme/sre\n',
    );
    // Holders of all roles of a rule on one line; every pattern line anchored or `*`.
    for (const line of lines.filter((l) => l && !l.startsWith('#'))) expect(line).toMatch(/^(\*|\/\S*)( @\S+| \S+@\S+)*$/);
    expect(result.text).toContain('\n/migrations/ @acme/dba dba-oncall@acme.example\n');
  });

  it('is deterministic: the same input gives the same bytes, and regenerating changes nothing', () => {
    const first = generateCodeowners(EXAMPLE_CONFIG, EXAMPLE_FILES, { target: 'github' });
    const again = generateCodeowners(EXAMPLE_CONFIG, EXAMPLE_FILES, { target: 'github' });
    expect(again.text).toBe(first.text);
    const regenerated = generateCodeowners(EXAMPLE_CONFIG, EXAMPLE_FILES, { target: 'github', existingText: first.text });
    expect(regenerated.text).toBe(first.text);
    expect(regenerated.unchanged).toBe(true);
    expect(checkCodeowners(EXAMPLE_CONFIG, EXAMPLE_FILES, { target: 'github', text: first.text })).toMatchObject({
      inSync: true,
      textDiffers: false,
      handWritten: false,
    });
  });

  it('keeps text outside the markers, and CRLF line endings', () => {
    const first = generateCodeowners(EXAMPLE_CONFIG, EXAMPLE_FILES, { target: 'github' });
    const before = '# Hand-written intro, kept.\r\n\r\n';
    const after = '\r\n# trailing notes, kept too\r\n';
    const existing = before + first.text.replace(/\n/g, '\r\n').replace('/**/infra/ @acme/sre', '/**/infra/ @someone-else') + after;
    const result = generateCodeowners(EXAMPLE_CONFIG, EXAMPLE_FILES, { target: 'github', existingText: existing });
    expect(result.ok).toBe(true);
    expect(result.text).toBe(before + first.text.replace(/\n/g, '\r\n') + after);
    expect(result.text.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('refuses a hand-written CODEOWNERS unless forced, and broken markers', () => {
    const hand = '* @someone\n';
    const refused = generateCodeowners(EXAMPLE_CONFIG, EXAMPLE_FILES, { target: 'github', existingText: hand });
    expect(refused.ok).toBe(false);
    expect(refused.problems.map((p) => p.code)).toContain('hand-written');
    expect(refused.text).toBe(hand);
    const forced = generateCodeowners(EXAMPLE_CONFIG, EXAMPLE_FILES, { target: 'github', existingText: hand, force: true });
    expect(forced.ok).toBe(true);
    expect(forced.text.startsWith(GENERATED_BEGIN)).toBe(true);
    expect(forced.text).not.toContain('@someone');

    for (const broken of [
      `${GENERATED_BEGIN}\n* @x\n`,
      `${GENERATED_END}\n${GENERATED_BEGIN}\n`,
      `${GENERATED_BEGIN}\n${GENERATED_END}\n${GENERATED_BEGIN}\n${GENERATED_END}\n`,
    ]) {
      const r = generateCodeowners(EXAMPLE_CONFIG, EXAMPLE_FILES, { target: 'github', existingText: broken });
      expect(r.problems.map((p) => p.code)).toEqual(['markers-broken']);
    }
    // An empty (or blank) file is not hand-written.
    expect(generateCodeowners(EXAMPLE_CONFIG, EXAMPLE_FILES, { target: 'github', existingText: '\n\n' }).ok).toBe(true);
  });

  it('refuses when text outside the markers changes ownership, naming the first differing paths', () => {
    const first = generateCodeowners(EXAMPLE_CONFIG, EXAMPLE_FILES, { target: 'github' });
    const result = generateCodeowners(EXAMPLE_CONFIG, EXAMPLE_FILES, { target: 'github', existingText: first.text + '/src/ @intruder\n' });
    expect(result.ok).toBe(false);
    const problem = result.problems.find((p) => p.code === 'proof-failed')!;
    expect(problem.message).toContain('src/api/auth/session.ts: ops-roles.yaml says @acme/security; the generated CODEOWNERS (GitHub, line');
    expect(problem.data).toEqual({ path: 'src/api/auth/session.ts' });
    expect(result.proof!.differenceCount).toBe(4);
  });

  it('refuses 3 MB or more (GitHub ignores such a file)', () => {
    const holders = Array.from({ length: 40 }, (_, i) => `"@org/team-with-a-long-name-${i}"`).join(', ');
    const patterns = Array.from({ length: 2600 }, (_, i) => `"dir-${i}/**"`).join(', ');
    const big = config(`roles:\n  tool-smith: [${holders}]\nownership:\n  - path: [${patterns}]\n    roles: [tool-smith]\n`);
    const result = generateCodeowners(big, ['dir-1/a'], { target: 'github' });
    expect(new TextEncoder().encode(result.text).length).toBeGreaterThanOrEqual(MAX_CODEOWNERS_BYTES);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.code)).toEqual(['too-large']);
    expect(result.proof).toBeUndefined();
  });

  it('writes a rule whose roles nobody holds as an explicitly unowned line, for both readers', () => {
    const cfg = config(
      'roles:\n  operations-manager: ["@boss"]\n  release-manager: []\nfallback: []\nownership:\n  - path: "*"\n    roles: [operations-manager]\n  - path: "deploy/"\n    roles: [release-manager]\n',
    );
    const files = ['README.md', 'deploy/a.sh', 'src/deploy/b.sh'];
    for (const target of ['github', 'gitlab'] as const) {
      const result = generateCodeowners(cfg, files, { target });
      expect(result.ok).toBe(true);
      expect(result.text).toContain('#   nobody holds this role: explicitly unowned\n/**/deploy/\n');
      const resolver = codeownersResolver(parseCodeowners(result.text, target));
      expect(files.map((f) => resolver.resolve(f).owners)).toEqual([['@boss'], [], []]);
    }
  });

  it('brackets and braces: escaped for GitLab, literal for both, and proved', () => {
    const cfg = config(
      'roles:\n  tool-smith: ["@t"]\n  release-manager: ["@r"]\nownership:\n  - path: "apps/[slug]/"\n    roles: [tool-smith]\n  - path: "{a,b}/\\\\{x\\\\}.md"\n    roles: [release-manager]\n',
    );
    const files = ['apps/[slug]/page.tsx', 'apps/s/page.tsx', 'a/{x}.md', 'b/{x}.md', 'c/{x}.md', 'a/x.md'];
    const model = new OwnershipModel(cfg);
    expect(files.map((f) => model.resolve(f).owners)).toEqual([['@t'], [], ['@r'], ['@r'], [], []]);
    const result = generateCodeowners(cfg, files, { target: 'gitlab' });
    expect(result.ok).toBe(true);
    expect(result.text).toContain('\n/apps/\\[slug\\]/ @t\n');
    expect(result.text).toContain('\n/a/{x}.md @r\n/a/{x}.md/ @r\n/b/{x}.md @r\n/b/{x}.md/ @r\n');
  });

  it('a proof over no files is vacuous but not an error; no rules is a warning', () => {
    const result = generateCodeowners(config('version: 1\n'), [], { target: 'github' });
    expect(result.ok).toBe(true);
    expect(result.proof!.filesCompared).toBe(0);
    expect(result.problems.map((p) => p.code)).toEqual(['no-rules']);
  });
});

describe('shadowingCodeowners: the file the host reads first', () => {
  const has =
    (...paths: string[]) =>
    (p: string) =>
      paths.includes(p);
  it.each([
    ['github', '.github/CODEOWNERS', has('CODEOWNERS'), undefined],
    ['github', 'CODEOWNERS', has('.github/CODEOWNERS', 'CODEOWNERS'), '.github/CODEOWNERS'],
    ['gitlab', '.gitlab/CODEOWNERS', has('CODEOWNERS'), 'CODEOWNERS'],
    ['gitlab', '.gitlab/CODEOWNERS', has('docs/CODEOWNERS'), 'docs/CODEOWNERS'],
    ['gitlab', 'CODEOWNERS', has('.gitlab/CODEOWNERS'), undefined],
  ] as const)('%s writing %s', (target, out, exists, expected) => {
    expect(shadowingCodeowners(target, out, exists)).toBe(expected);
  });
});

describe('checkCodeowners', () => {
  const generated = generateCodeowners(EXAMPLE_CONFIG, EXAMPLE_FILES, { target: 'github' }).text;

  it('a reordered but equivalent hand-written file is in sync; only the text differs', () => {
    const hand = ['/src/api/auth/ @acme/security', '* @acme/ops-leads', '/src/api/auth/ @acme/security'].join('\n');
    const cfg = config(
      'roles:\n  operations-manager: ["@acme/ops-leads"]\n  security-reviewer: ["@acme/security"]\nownership:\n  - path: "*"\n    roles: [operations-manager]\n  - path: src/api/auth/\n    roles: [security-reviewer]\n',
    );
    const result = checkCodeowners(cfg, EXAMPLE_FILES, { target: 'github', text: hand });
    expect(result).toMatchObject({ inSync: true, textDiffers: true, handWritten: true });
    expect(result.problems.map((p) => p.code)).toEqual(['text-differs']);
  });

  it('owners in another order on a line are still the same owners', () => {
    const swapped = generated.replace('/migrations/ @acme/dba dba-oncall@acme.example', '/migrations/ dba-oncall@acme.example @acme/dba');
    expect(checkCodeowners(EXAMPLE_CONFIG, EXAMPLE_FILES, { target: 'github', text: swapped })).toMatchObject({
      inSync: true,
      textDiffers: true,
      handWritten: false,
    });
  });

  it('reports drift with both answers for the first differing files', () => {
    const drifted = generated.replace('/**/db/ @acme/dba dba-oncall@acme.example', '/**/db/ @someone');
    const result = checkCodeowners(EXAMPLE_CONFIG, EXAMPLE_FILES, { target: 'github', text: drifted });
    expect(result.inSync).toBe(false);
    expect(result.proof!.differences).toEqual([
      { path: 'db/seed.sql', expected: ['@acme/dba', 'dba-oncall@acme.example'], actual: ['@someone'], reading: 'GitHub', line: expect.any(Number) },
    ]);
    expect(result.problems.map((p) => p.code)).toContain('drift');
  });

  it('reads the file the way the target host reads it', () => {
    // On GitLab `docs/*` floats: it also owns nested `x/docs/a.md`; on GitHub it does not.
    const cfg = config('roles:\n  tool-smith: ["@docs"]\nownership:\n  - path: "docs/*"\n    roles: [tool-smith]\n');
    const files = ['docs/a.md', 'x/docs/a.md'];
    expect(checkCodeowners(cfg, files, { target: 'github', text: 'docs/* @docs\n' }).inSync).toBe(true);
    expect(checkCodeowners(cfg, files, { target: 'gitlab', text: 'docs/* @docs\n' }).inSync).toBe(false);
    const portable = generateCodeowners(cfg, files, { target: 'gitlab' }).text;
    expect(checkCodeowners(cfg, files, { target: 'gitlab', text: portable }).inSync).toBe(true);
  });

  it('a missing file is drift', () => {
    expect(checkCodeowners(EXAMPLE_CONFIG, EXAMPLE_FILES, { target: 'github', text: undefined })).toMatchObject({ inSync: false, missing: true });
  });
});

describe('marker lines: one pattern for the generator, the drift check and the editor', () => {
  it.each<[string, string, boolean, boolean]>([
    ['the begin marker as written', GENERATED_BEGIN, true, false],
    ['the end marker as written', GENERATED_END, false, true],
    ['indented, as a hand edit may leave it', '   # BEGIN ops-roles generated block', true, false],
    ['without the space after #', '#END ops-roles', false, true],
    ["another tool's block", '# BEGIN ops-roles-extra', true, false],
    ['a word that only starts like it', '# BEGIN ops-rolesx', false, false],
    ['a pattern line', '/deploy/ @acme/release', false, false],
    ['text before the #', 'x # BEGIN ops-roles', false, false],
  ])('%s', (_name, line, begin, end) => {
    expect(GENERATED_BEGIN_LINE.test(line)).toBe(begin);
    expect(GENERATED_END_LINE.test(line)).toBe(end);
  });

  it('check calls a file hand-written exactly when generate would', () => {
    const withMarkers = generateCodeowners(EXAMPLE_CONFIG, EXAMPLE_FILES, { target: 'github' }).text;
    const indented = withMarkers.replace(GENERATED_BEGIN, `  ${GENERATED_BEGIN}`);
    for (const text of [withMarkers, indented, '* @a\n', `x\r${GENERATED_BEGIN}\n`]) {
      const generated = generateCodeowners(EXAMPLE_CONFIG, EXAMPLE_FILES, { target: 'github', existingText: text, prove: false });
      const check = checkCodeowners(EXAMPLE_CONFIG, EXAMPLE_FILES, { target: 'github', text });
      expect(check.handWritten, JSON.stringify(text.slice(0, 40))).toBe(generated.problems.some((p) => p.code === 'hand-written'));
    }
  });
});
