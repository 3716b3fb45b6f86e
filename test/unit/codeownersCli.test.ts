/**
 * The generate, check, import and init commands end to end on throwaway folders (not git work
 * trees, so the file list is a folder walk), through runCli as a user would call them.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { GENERATED_BEGIN } from '../../src/core/generate';
import { lines, memoryIO } from './cliIO';
import { PROJECT_DIR } from './paths';

async function cli(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const m = memoryIO(cwd);
  const code = await runCli(args, m.io);
  return { code, out: lines(m.stdout()).join('\n'), err: lines(m.stderr()).join('\n') };
}

/** A copy of examples/ in a fresh folder. */
function exampleRepo(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ops-roles-cli-')), 'repo');
  cpSync(join(PROJECT_DIR, 'examples'), dir, { recursive: true });
  return dir;
}

describe('ops-roles generate and check', () => {
  it('writes .github/CODEOWNERS, is idempotent, and check agrees right after', async () => {
    const repo = exampleRepo();
    const first = await cli(repo, 'generate');
    expect(first.code).toBe(0);
    expect(first.err).toMatch(/wrote \.github\/CODEOWNERS \(\d+ pattern lines/);
    expect(first.err).toMatch(/proof: \d+ files have the same owners/);
    const bytes = readFileSync(join(repo, '.github/CODEOWNERS'));
    expect(bytes.toString().startsWith(GENERATED_BEGIN)).toBe(true);

    const second = await cli(repo, 'generate');
    expect(second.code).toBe(0);
    expect(second.err).toContain('is up to date');
    expect(readFileSync(join(repo, '.github/CODEOWNERS')).equals(bytes)).toBe(true);

    const check = await cli(repo, 'check');
    expect(check.code).toBe(0);
    expect(check.out).toMatch(/^in sync: \d+ files have the same owners in \.github\/CODEOWNERS \(read by GitHub\) and ops-roles\.yaml$/);
  });

  it('check exits 1 on drift, listing both answers, and --format github prints annotations', async () => {
    const repo = exampleRepo();
    await cli(repo, 'generate');
    const path = join(repo, '.github/CODEOWNERS');
    writeFileSync(path, readFileSync(path, 'utf8').replace('/**/db/ @acme/dba dba-oncall@acme.example', '/**/db/ @someone'));
    const text = await cli(repo, 'check');
    expect(text.code).toBe(1);
    expect(text.out).toContain('drift: 1 of');
    expect(text.out).toContain('  db/seed.sql\n    ops-roles.yaml (line 26) says @acme/dba dba-oncall@acme.example\n    .github/CODEOWNERS (line');
    expect(text.out).toContain('says @someone');
    const github = await cli(repo, 'check', '--format', 'github');
    expect(github.code).toBe(1);
    expect(github.out.split('\n')[0]).toMatch(
      /^::error file=\.github\/CODEOWNERS,line=\d+::db\/seed\.sql: \.github\/CODEOWNERS \(line \d+\) says @someone, but ops-roles\.yaml \(line 26\) says @acme\/dba dba-oncall@acme\.example\. Run "ops-roles generate --target github"\.$/,
    );
    expect((await cli(repo, 'check', '--format', 'xml')).code).toBe(2);
  });

  it('check exits 1 when there is no CODEOWNERS yet', async () => {
    const repo = exampleRepo();
    const result = await cli(repo, 'check', '--format', 'github');
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^::error file=ops-roles\.yaml::\.github\/CODEOWNERS does not exist/);
  });

  it('GitLab target: default path .gitlab/CODEOWNERS, and --stdout writes nothing', async () => {
    const repo = exampleRepo();
    const printed = await cli(repo, 'generate', '--target', 'gitlab', '--stdout');
    expect(printed.code).toBe(0);
    expect(printed.out).toContain('ops-roles generate --target gitlab');
    expect(existsSync(join(repo, '.gitlab/CODEOWNERS'))).toBe(false);
    expect((await cli(repo, 'generate', '--target', 'gitlab')).code).toBe(0);
    expect(readFileSync(join(repo, '.gitlab/CODEOWNERS'), 'utf8')).toBe(printed.out + '\n');
    expect((await cli(repo, 'check', '--target', 'gitlab')).code).toBe(0);
    expect((await cli(repo, 'generate', '--target', 'bitbucket')).code).toBe(2);
  });

  it('refuses a hand-written CODEOWNERS without --force (exit 2), replaces it with --force', async () => {
    const repo = exampleRepo();
    mkdirSync(join(repo, '.github'), { recursive: true });
    writeFileSync(join(repo, '.github/CODEOWNERS'), '* @hand\n');
    const refused = await cli(repo, 'generate');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('written by hand');
    expect(readFileSync(join(repo, '.github/CODEOWNERS'), 'utf8')).toBe('* @hand\n');
    const check = await cli(repo, 'check');
    expect(check.code).toBe(1);
    expect((await cli(repo, 'generate', '--force')).code).toBe(0);
    expect(readFileSync(join(repo, '.github/CODEOWNERS'), 'utf8')).not.toContain('@hand');
  });

  it('--stdout over a hand-written CODEOWNERS prints what --force would write (exit 0), notes --force, and leaves the file alone', async () => {
    const repo = exampleRepo();
    mkdirSync(join(repo, '.github'), { recursive: true });
    writeFileSync(join(repo, '.github/CODEOWNERS'), '* @hand\n');
    const printed = await cli(repo, 'generate', '--stdout');
    expect(printed.code).toBe(0);
    expect(printed.out.startsWith(GENERATED_BEGIN)).toBe(true);
    expect(printed.out).not.toContain('@hand');
    expect(printed.err).toMatch(/^note: \.github\/CODEOWNERS has no Ops Roles markers \(written by hand\); writing this over it would need --force$/m);
    expect(printed.err).toMatch(/^proof: /m);
    expect(readFileSync(join(repo, '.github/CODEOWNERS'), 'utf8')).toBe('* @hand\n');
    // The same text --force then writes, and with --force there is nothing to note.
    const forced = await cli(repo, 'generate', '--stdout', '--force');
    expect(forced.out).toBe(printed.out);
    expect(forced.err).not.toContain('note:');
    expect((await cli(repo, 'generate', '--force')).code).toBe(0);
    expect(readFileSync(join(repo, '.github/CODEOWNERS'), 'utf8')).toBe(printed.out + '\n');
  });

  it('refuses --out outside the repository (exit 2) and warns when another CODEOWNERS shadows the output', async () => {
    const repo = exampleRepo();
    const outside = await cli(repo, 'generate', '--out', '../CODEOWNERS');
    expect(outside.code).toBe(2);
    expect(outside.err).toContain('outside the repository');
    expect(existsSync(join(repo, '../CODEOWNERS'))).toBe(false);
    writeFileSync(join(repo, 'CODEOWNERS'), '# old\n');
    const shadowed = await cli(repo, 'generate', '--target', 'gitlab');
    expect(shadowed.code).toBe(0);
    expect(shadowed.err).toContain('warning: CODEOWNERS exists and GitLab reads it before .gitlab/CODEOWNERS');
  });

  it('keeps CRLF line endings and text outside the markers when regenerating', async () => {
    const repo = exampleRepo();
    await cli(repo, 'generate');
    const path = join(repo, '.github/CODEOWNERS');
    const crlf = '# mine\r\n' + readFileSync(path, 'utf8').replace(/\n/g, '\r\n') + '# also mine\r\n';
    writeFileSync(path, crlf);
    const config = join(repo, 'ops-roles.yaml');
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace('release-manager: []            # vacant: falls back to the DevOps engineer', 'release-manager: ["@rel"]'),
    );
    expect((await cli(repo, 'generate')).code).toBe(0);
    const after = readFileSync(path, 'utf8');
    expect(after.startsWith('# mine\r\n# BEGIN ops-roles')).toBe(true);
    expect(after.endsWith('# END ops-roles generated block\r\n# also mine\r\n')).toBe(true);
    expect(after.replace(/\r\n/g, '')).not.toContain('\n');
    expect(after).toContain('/**/deploy/ @rel @acme/sre\r\n');
    expect((await cli(repo, 'check')).code).toBe(0);
  });

  it.each(['generate', 'check', 'import', 'init'])('%s --help', async (name) => {
    const result = await cli(PROJECT_DIR, name, '--help');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(new RegExp(`^Usage: ops-roles ${name}`));
  });
});

describe('ops-roles import and init', () => {
  it('imports the CODEOWNERS it finds, never over an existing ops-roles.yaml without --force, and generate --force then checks in sync', async () => {
    const repo = join(mkdtempSync(join(tmpdir(), 'ops-roles-cli-')), 'repo');
    mkdirSync(join(repo, 'docs'), { recursive: true });
    mkdirSync(join(repo, 'migrations'));
    writeFileSync(join(repo, 'docs/CODEOWNERS'), '* @acme/everyone\n/migrations/ @acme/dba\n/docs/\n');
    writeFileSync(join(repo, 'migrations/1.sql'), '');
    writeFileSync(join(repo, 'README.md'), '');
    writeFileSync(join(repo, 'docs/guide.md'), '');
    const imported = await cli(repo, 'import');
    expect(imported.code).toBe(0);
    expect(imported.err).toContain('wrote ops-roles.yaml: 3 rules, 3 roles (built-in: database-administrator for @acme/dba)');
    expect(imported.err).toMatch(/proof: 4 files resolve to the same owners/);
    const yaml = readFileSync(join(repo, 'ops-roles.yaml'), 'utf8');
    expect(yaml).toContain('path: docs/CODEOWNERS');
    expect((await cli(repo, 'validate')).code).toBe(0);

    const again = await cli(repo, 'import');
    expect(again.code).toBe(2);
    expect(again.err).toContain('already exists; use --force');
    expect((await cli(repo, 'import', '--force')).code).toBe(0);
    expect(readFileSync(join(repo, 'ops-roles.yaml'), 'utf8')).toBe(yaml);

    // The imported config points generate at the same file: it is hand-written until --force.
    expect((await cli(repo, 'generate')).code).toBe(2);
    expect((await cli(repo, 'check')).out).toContain('in sync');
    expect((await cli(repo, 'generate', '--force')).code).toBe(0);
    expect(readFileSync(join(repo, 'docs/CODEOWNERS'), 'utf8').startsWith(GENERATED_BEGIN)).toBe(true);
    expect((await cli(repo, 'check')).code).toBe(0);
  });

  it('import: no CODEOWNERS is exit 2; a line ops-roles.yaml cannot say is exit 1 and writes nothing', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'ops-roles-cli-'));
    expect((await cli(repo, 'import')).code).toBe(2);
    writeFileSync(join(repo, 'CODEOWNERS'), '* @a\n\\#x @b\n');
    const result = await cli(repo, 'import');
    expect(result.code).toBe(1);
    expect(result.err).toContain('CODEOWNERS:2:1: error:');
    expect(existsSync(join(repo, 'ops-roles.yaml'))).toBe(false);
  });

  it('init writes a starter that validates, and never overwrites it', async () => {
    const repo = exampleRepo();
    const theirs = readFileSync(join(repo, 'ops-roles.yaml'), 'utf8');
    const refused = await cli(repo, 'init');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('init never overwrites it');
    expect(readFileSync(join(repo, 'ops-roles.yaml'), 'utf8')).toBe(theirs);
    expect((await cli(repo, 'init', '--force')).code).toBe(2);

    const fresh = exampleRepo();
    const { rmSync } = await import('node:fs');
    rmSync(join(fresh, 'ops-roles.yaml'));
    const written = await cli(fresh, 'init');
    expect(written.code).toBe(0);
    expect(written.err).toContain('found operations-engineer: /infra/');
    const validate = await cli(fresh, 'validate');
    expect(validate.code).toBe(0);
    expect(validate.err).toMatch(/0 errors/);
  });
});
