import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { lines, memoryIO } from './cliIO';
import { CLI_BIN, PROJECT_DIR } from './paths';

const EXAMPLES = join(PROJECT_DIR, 'examples');

async function cli(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const m = memoryIO(PROJECT_DIR, { stdin });
  const code = await runCli(args, m.io);
  return { code, out: lines(m.stdout()).join('\n'), err: lines(m.stderr()).join('\n') };
}

describe('ops-roles who --json on examples/', () => {
  const expected: Record<string, { roles: string[]; owners: string[]; pattern: string | null }> = {
    'migrations/001_create_payments.sql': { roles: ['database-administrator'], owners: ['@acme/dba', 'dba-oncall@acme.example'], pattern: 'migrations/**' },
    'db/seed.sql': { roles: ['database-administrator'], owners: ['@acme/dba', 'dba-oncall@acme.example'], pattern: 'db/' },
    'deploy/k8s/api.yaml': { roles: ['release-manager', 'operations-engineer'], owners: ['@alice', '@acme/sre'], pattern: 'deploy/' },
    '.github/workflows/release-prod.yml': {
      roles: ['release-manager', 'operations-engineer'],
      owners: ['@alice', '@acme/sre'],
      pattern: '.github/workflows/release*.yml',
    },
    '.github/workflows/ci.yml': { roles: ['tool-smith'], owners: ['@acme/platform-tools'], pattern: '.github/workflows/' },
    'infra/terraform/main.tf': { roles: ['operations-engineer'], owners: ['@acme/sre'], pattern: 'infra/' },
    Dockerfile: { roles: ['operations-engineer'], owners: ['@acme/sre'], pattern: 'Dockerfile' },
    'docker-compose.yml': { roles: ['devops-engineer'], owners: ['@alice'], pattern: 'docker-compose.yml' },
    'src/api/auth/session.ts': { roles: ['security-reviewer'], owners: ['@acme/security'], pattern: 'src/api/auth/' },
    'src/api/server.ts': { roles: ['operations-manager'], owners: ['@acme/ops-leads'], pattern: '*' },
    'runbooks/incident-response.md': { roles: ['operations-manager'], owners: ['@acme/ops-leads'], pattern: 'runbooks/' },
  };

  it('prints one JSON object a line with the right owners', async () => {
    const { code, out } = await cli(['who', '--json', '--root', EXAMPLES, ...Object.keys(expected)]);
    expect(code).toBe(0);
    const lines = out.split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.path)).toEqual(Object.keys(expected));
    for (const line of lines) {
      const want = expected[line.path]!;
      expect({ roles: line.roles, owners: line.owners, pattern: line.rule?.pattern ?? null }).toEqual(want);
      expect(line.rule.line).toBeGreaterThan(0);
    }
  });

  it('reads paths from stdin and gives null rule for unowned paths', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ops-roles-'));
    writeFileSync(join(dir, 'ops-roles.yaml'), 'roles:\n  tool-smith: ["@t"]\nownership:\n  - path: tools/\n    roles: [tool-smith]\n');
    const { code, out } = await cli(['who', '--json', '--stdin', '--root', dir], 'tools/a.sh\nREADME.md\n');
    expect(code).toBe(0);
    expect(out.split('\n').map((l) => JSON.parse(l))).toEqual([
      { path: 'tools/a.sh', roles: ['tool-smith'], owners: ['@t'], rule: { line: 4, pattern: 'tools/' } },
      { path: 'README.md', roles: [], owners: [], rule: null },
    ]);
  });

  it('resolves from a CODEOWNERS file with --codeowners', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ops-roles-'));
    writeFileSync(join(dir, 'CODEOWNERS'), '* @all\n/docs/* @docs\n');
    const { out } = await cli(['who', '--json', '--codeowners', join(dir, 'CODEOWNERS'), 'docs/a.md', 'docs/x/b.md']);
    expect(out.split('\n').map((l) => JSON.parse(l))).toEqual([
      { path: 'docs/a.md', roles: [], owners: ['@docs'], rule: { line: 2, pattern: '/docs/*' } },
      { path: 'docs/x/b.md', roles: [], owners: ['@all'], rule: { line: 1, pattern: '*' } },
    ]);
  });
});

describe('exit codes and messages', () => {
  it('validate exits 1 with file:line:col lines on a broken config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ops-roles-'));
    writeFileSync(join(dir, 'ops-roles.yaml'), 'ownership:\n  - path: x/\n    roles: [nobody-role]\n');
    const { code, out } = await cli(['validate', '--root', dir]);
    expect(code).toBe(1);
    expect(out).toMatch(/ops-roles\.yaml:3:13: error: unknown role "nobody-role"/);
  });
  it('validate exits 0 on the example', async () => {
    expect((await cli(['validate', '--root', EXAMPLES])).code).toBe(0);
  });
  it('a missing config is exit 2 with one line, no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ops-roles-'));
    const { code, err } = await cli(['who', '--root', dir, 'a']);
    expect(code).toBe(2);
    expect(err.split('\n')).toHaveLength(1);
    expect(err).toMatch(/ops-roles\.yaml not found/);
  });
  it('an unknown flag is exit 2', async () => {
    const { code, err } = await cli(['who', '--bogus', 'a']);
    expect(code).toBe(2);
    expect(err).toMatch(/bogus/);
  });
  it('every command has --help', async () => {
    const { out } = await cli(['--help']);
    const names = [...out.matchAll(/^ {2}(\w+) /gm)].map((m) => m[1]!);
    expect(names).toEqual(expect.arrayContaining(['who', 'explain', 'coverage', 'validate']));
    for (const name of names) {
      const help = await cli([name, '--help']);
      expect(help.code).toBe(0);
      expect(help.out).toMatch(new RegExp(`^Usage: ops-roles ${name}`));
    }
  });
  it('explain names the deciding rule and the fallback', async () => {
    const { out } = await cli(['explain', '--root', EXAMPLES, '.github/workflows/release-prod.yml']);
    expect(out).toMatch(/→ .*release\*\.yml .*\(decides\)/);
    expect(out).toMatch(/Release manager: nobody holds it; falls back to devops-engineer \(@alice\)/);
  });
  it('coverage reports per-role counts as JSON', async () => {
    const { out } = await cli(['coverage', '--json', '--root', EXAMPLES]);
    const cov = JSON.parse(out);
    expect(cov.unownedFiles).toBe(0);
    expect(cov.totalFiles).toBeGreaterThan(15);
    expect(cov.rolesWithoutHolders).toEqual(['release-manager']);
    expect(cov.roles.find((r: { id: string }) => r.id === 'database-administrator').files).toBe(3);
  });
});

describe('the built bin', () => {
  const bin = CLI_BIN;
  it('runs as a process with exit code 0 and JSON output', () => {
    const stdout = execFileSync(process.execPath, [bin, 'who', '--json', 'Dockerfile'], { cwd: EXAMPLES, encoding: 'utf8' });
    expect(JSON.parse(stdout)).toMatchObject({ path: 'Dockerfile', owners: ['@acme/sre'] });
  });
  it('exits 2 on a bad command', () => {
    const r = spawnSync(process.execPath, [bin, 'nope'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command "nope"/);
  });
});
