/**
 * The CI gates: coverage --fail-under / --fail-on-unowned and review --fail-on, their exit codes,
 * their GitHub annotations, and the GitLab Code Quality reports of coverage, review, check and
 * validate.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { lines, memoryIO } from './cliIO';
import { codeQualityIssues } from './codeQuality';
import { baseRepo, plainFolder, UNHELD_CONFIG, useScratchRepositories, write } from './reviewFixtures';

useScratchRepositories();

async function cli(cwd: string, args: string[]) {
  const m = memoryIO(cwd);
  const code = await runCli(args, m.io);
  return { code, out: m.stdout(), err: lines(m.stderr()).join('\n') };
}

/** Two of three files owned (66.7%): src/app.ts is not. */
function partlyOwned(): string {
  const dir = plainFolder();
  write(
    dir,
    'ops-roles.yaml',
    'version: 1\nroles:\n  database-administrator: ["@acme/dba"]\nownership:\n  - path: ["migrations/**", "/ops-roles.yaml"]\n    roles: [database-administrator]\n',
  );
  write(dir, 'migrations/001.sql');
  write(dir, 'src/app.ts');
  return dir;
}

describe('coverage gates', () => {
  it('--fail-under passes at or below the owned share and fails above it', async () => {
    const dir = partlyOwned();
    expect((await cli(dir, ['coverage', '--fail-under', '66'])).code).toBe(0);
    expect((await cli(dir, ['coverage', '--fail-under', '66.6%'])).code).toBe(0);
    const failed = await cli(dir, ['coverage', '--fail-under', '67']);
    expect(failed.code).toBe(1);
    expect(failed.out).toContain('coverage gate failed: 66.7% of files are owned, under the --fail-under 67%');
  });

  it('--fail-on-unowned fails on one unowned file, with an error annotation for it', async () => {
    const dir = partlyOwned();
    expect((await cli(dir, ['coverage'])).code).toBe(0);
    const r = await cli(dir, ['coverage', '--fail-on-unowned', '--format', 'github']);
    expect(r.code).toBe(1);
    expect(lines(r.out)).toEqual([
      '::error file=src/app.ts,title=Unowned::No rule in ops-roles.yaml owns this file',
      '::error file=ops-roles.yaml,title=Coverage::1 file no rule owns (--fail-on-unowned)',
    ]);
    // Without the gate, the same files are warnings and nothing fails.
    const warned = await cli(dir, ['coverage', '--format', 'github']);
    expect(warned.code).toBe(0);
    expect(warned.out).toContain('::warning file=src/app.ts,title=Unowned::');
  });

  it('--json keeps the gates and says why they failed', async () => {
    const r = await cli(partlyOwned(), ['coverage', '--json', '--fail-under', '90']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({
      totalFiles: 3,
      ownedFiles: 2,
      ownedPercent: 66.7,
      unownedFiles: 1,
      failures: [expect.stringContaining('under')],
    });
  });

  it.each([['abc'], ['101'], ['NaN'], ['']])('--fail-under %j is a usage error (exit 2)', async (value) => {
    const r = await cli(partlyOwned(), ['coverage', '--fail-under', value]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--fail-under takes a percentage from 0 to 100');
  });

  it('--format codequality reports every unowned file', async () => {
    const r = await cli(partlyOwned(), ['coverage', '--format', 'codequality', '--fail-on-unowned']);
    expect(r.code).toBe(1);
    const issues = codeQualityIssues(r.out);
    expect(issues.map((i) => [i.check_name, i.severity, i.location.path, i.location.lines.begin])).toEqual([
      ['ops-roles/coverage/unowned', 'major', 'src/app.ts', 1],
    ]);
  });
});

describe('review --fail-on', () => {
  /** A change to an owned file (tools/) and to an unowned one (src/). */
  function changed(): string {
    const dir = baseRepo(UNHELD_CONFIG);
    write(dir, 'tools/lint.sh', 'echo lint --strict\n');
    write(dir, 'src/app.ts', 'export const x = 1;\n');
    return dir;
  }

  it('fails on an unowned changed file only when asked to', async () => {
    const dir = changed();
    expect((await cli(dir, ['review'])).code).toBe(0);
    expect((await cli(dir, ['review', '--fail-on', 'unheld-role'])).code).toBe(0);
    const r = await cli(dir, ['review', '--fail-on', 'unheld-role,unowned', '--format', 'github']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('::error file=src/app.ts,title=Unowned::No rule in ops-roles.yaml owns this changed file');
  });

  it('unheld-role is the default; none reports without failing', async () => {
    const dir = changed();
    write(dir, 'migrations/002.sql');
    expect((await cli(dir, ['review'])).code).toBe(1);
    expect((await cli(dir, ['review', '--fail-on', 'unowned'])).code).toBe(1);
    expect((await cli(dir, ['review', '--fail-on', 'none'])).code).toBe(0);
  });

  it('an unknown gate is a usage error', async () => {
    const r = await cli(changed(), ['review', '--fail-on', 'unowned,typo']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--fail-on takes "unheld-role", "unowned", "none", not "typo"');
  });

  it('--format codequality lists the unowned and unapprovable files', async () => {
    const dir = changed();
    write(dir, 'migrations/002.sql');
    const r = await cli(dir, ['review', '--format', 'codequality', '--fail-on', 'unowned']);
    expect(r.code).toBe(1);
    const issues = codeQualityIssues(r.out);
    expect(issues.map((i) => [i.check_name, i.severity, i.location.path])).toEqual([
      ['ops-roles/review/unheld-role', 'minor', 'migrations/002.sql'],
      ['ops-roles/review/unowned', 'major', 'src/app.ts'],
    ]);
  });
});

describe('check and validate --format codequality', () => {
  it('check: an empty report in sync, the drift on the CODEOWNERS line once it drifts', async () => {
    const dir = partlyOwned();
    expect((await cli(dir, ['generate'])).code).toBe(0);
    const synced = await cli(dir, ['check', '--format', 'codequality']);
    expect(synced.code).toBe(0);
    expect(codeQualityIssues(synced.out)).toEqual([]);
    appendFileSync(join(dir, '.github/CODEOWNERS'), '/src/ @someone\n');
    const drifted = await cli(dir, ['check', '--format', 'codequality']);
    expect(drifted.code).toBe(1);
    const issues = codeQualityIssues(drifted.out);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ check_name: 'ops-roles/check/drift', severity: 'major', location: { path: '.github/CODEOWNERS' } });
    expect(issues[0]!.description).toContain('src/app.ts: .github/CODEOWNERS says @someone');
  });

  it('validate: each problem at its line of ops-roles.yaml', async () => {
    const dir = plainFolder();
    write(dir, 'ops-roles.yaml', 'version: 1\nownership:\n  - path: "a/"\n    roles: [no-such-role]\n');
    const r = await cli(dir, ['validate', '--format', 'codequality']);
    expect(r.code).toBe(1);
    const issues = codeQualityIssues(r.out);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]).toMatchObject({ severity: 'major', location: { path: 'ops-roles.yaml', lines: { begin: 4 } } });
  });
});
