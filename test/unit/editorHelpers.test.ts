/**
 * The editor's pure helpers: wording of ownership, paths found in text, edits to ops-roles.yaml
 * and completion contexts. Table-driven; the editor layer only adapts these to vscode types.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCodeownersModel } from '../../src/core/codeownersModel';
import { parseConfig } from '../../src/core/config';
import { OwnershipModel } from '../../src/core/ownership';
import { addRoleEdit, addRuleEdit, completionKindAt, removePatternEdit, type TextEdit } from '../../src/editor/configEdits';
import { decidingLine, ownershipShort, ownershipTitle, ownershipTooltip, readingSource, roleBadge } from '../../src/editor/format';
import { pathCandidates, pathTokenAt, resolveWrittenPath } from '../../src/editor/textPaths';
import { PROJECT_DIR } from './paths';

const exampleText = readFileSync(join(PROJECT_DIR, 'examples/ops-roles.yaml'), 'utf8');
const example = parseConfig(exampleText).config;
const model = new OwnershipModel(example);

function apply(text: string, edit: TextEdit): string {
  return text.slice(0, edit.offset) + edit.newText + text.slice(edit.endOffset);
}

describe('ownership wording', () => {
  it.each([
    ['migrations/001_create_payments.sql', 'Database administrator · @acme/dba dba-oncall@acme.example', 'Database administrator'],
    ['deploy/release.sh', 'Release manager → DevOps engineer, Operations engineer · @alice @acme/sre', 'Release manager, Operations engineer'],
    ['src/api/auth/session.ts', 'Security reviewer · @acme/security', 'Security reviewer'],
    ['README.md', 'Operations manager · @acme/ops-leads', 'Operations manager'],
  ])('%s → %s', (path, title, short) => {
    const o = model.resolve(path);
    expect(ownershipTitle(example, o)).toBe(title);
    expect(ownershipShort(example, o)).toBe(short);
  });

  it('says Unowned when no rule matches, and the tooltip says how to fix it', () => {
    const config = parseConfig('ownership:\n  - path: "docs/"\n    roles: [operations-manager]\n').config;
    const o = new OwnershipModel(config).resolve('src/a.ts');
    expect(ownershipTitle(config, o)).toBe('Unowned');
    expect(ownershipTooltip(config, o)).toMatch(/No rule in ops-roles\.yaml matches src\/a\.ts/);
  });

  it('names the deciding line and pattern, and the responsibilities, in the tooltip', () => {
    const o = model.resolve('migrations/002_add_refunds.sql');
    expect(decidingLine(o)).toBe(26);
    const tip = ownershipTooltip(example, o);
    expect(tip).toContain('Rule ops-roles.yaml:26  "migrations/**"');
    expect(tip).toContain('Review schema changes and migrations');
  });

  it('before the source is read, surfaces name the file being read, not an owner', () => {
    // The empty config an index holds until then would call every file Unowned.
    const empty = parseConfig('').config;
    expect(ownershipTitle(empty, new OwnershipModel(empty).resolve('src/a.ts'))).toBe('Unowned');
    expect(readingSource('ops-roles.yaml')).toBe('Ops Roles: reading ops-roles.yaml…');
    expect(readingSource('.github/CODEOWNERS')).toBe('Ops Roles: reading .github/CODEOWNERS…');
  });

  it('a role nobody holds, with no fallback holder, says so', () => {
    const config = parseConfig('roles:\n  release-manager: []\nownership:\n  - path: "*"\n    roles: [release-manager]\n').config;
    const o = new OwnershipModel(config).resolve('x');
    expect(ownershipTitle(config, o)).toBe('Release manager · nobody holds it');
  });
});

describe('ownership wording without ops-roles.yaml (a CODEOWNERS read on its own)', () => {
  const model = readCodeownersModel(['*.md @docs', '', '/db/ @acme/dba @alice', '/db/tmp/'].join('\n'), '.github/CODEOWNERS');
  const config = model.config;

  it('names the owners and the CODEOWNERS line, not roles', () => {
    const o = model.resolve('db/schema.sql');
    expect(ownershipTitle(config, o)).toBe('@acme/dba @alice · CODEOWNERS line 3');
    expect(ownershipShort(config, o)).toBe('@acme/dba @alice');
    expect(ownershipTooltip(config, o)).toBe('Rule .github/CODEOWNERS:3  "/db/"\n\nOwners: @acme/dba @alice');
    expect(decidingLine(o)).toBe(3);
  });

  it('a line without owners, and a file no line matches', () => {
    const none = model.resolve('db/tmp/x');
    expect(ownershipTitle(config, none)).toBe('No owners · CODEOWNERS line 4');
    expect(ownershipShort(config, none)).toBe('No owners');
    const unowned = model.resolve('src/a.ts');
    expect(ownershipTitle(config, unowned)).toBe('Unowned');
    expect(ownershipTooltip(config, unowned)).toBe('No rule in .github/CODEOWNERS matches src/a.ts.');
  });
});

describe('Explorer badges', () => {
  it.each([
    ['Database administrator', 'DA'],
    ['Tool smith', 'TS'],
    ['DevOps engineer', 'DE'],
    ['Security', 'SE'],
    ['qa-lead', 'QL'],
    // Owners of a CODEOWNERS read without ops-roles.yaml: the team's or user's own name.
    ['@acme/dba', 'DB'],
    ['@acme/release-eng', 'RE'],
    ['@alice', 'AL'],
    ['', '?'],
  ])('%s → %s', (name, badge) => expect(roleBadge(name)).toBe(badge));
});

describe('paths written in text', () => {
  it.each<[string, number, string | undefined]>([
    ["import { x } from './auth/session';", 22, './auth/session'],
    ['See [the runbook](runbooks/incident-response.md).', 25, 'runbooks/incident-response.md'],
    ['  file: deploy/k8s/api.yaml', 12, 'deploy/k8s/api.yaml'],
    ['"main": "dist/extension.js",', 12, 'dist/extension.js'],
    // A bare word could be a variable named like a file; only slashes or extensions count.
    ['Run the Makefile.', 10, undefined],
    ['Edit Dockerfile.dev now', 8, 'Dockerfile.dev'],
    ['just some words here', 6, undefined],
    ['visit https://example.com/a/b now', 20, undefined],
    ['owner @acme/dba', 8, '@acme/dba'],
    ['owner @alice', 8, undefined],
  ])('%j at %i → %s', (line, ch, expected) => {
    expect(pathTokenAt(line, ch)?.text).toBe(expected);
  });

  it('reports the token range on the line', () => {
    expect(pathTokenAt("import a from './x.ts'", 16)).toEqual({ text: './x.ts', start: 15, end: 21 });
  });

  it.each<[string, string, string[]]>([
    ['./session', 'src/api/auth/index.ts', ['src/api/auth/session', 'src/api/auth/session.ts']],
    ['../refunds.js', 'src/api/auth/session.ts', ['src/api/refunds.js', 'src/api/refunds.ts']],
    ['/deploy/release.sh', 'docs/a.md', ['deploy/release.sh']],
    ['deploy/release.sh', 'docs/a.md', ['docs/deploy/release.sh', 'deploy/release.sh']],
    ['../../../../etc/passwd', 'a/b.md', []],
  ])('%s from %s', (token, doc, expectedPrefix) => {
    const got = pathCandidates(token, doc);
    expect(got.slice(0, expectedPrefix.length)).toEqual(expectedPrefix);
    for (const p of got) expect(p.startsWith('..')).toBe(false);
  });

  it('resolves against a file set', () => {
    const files = new Set(['src/api/auth/session.ts', 'deploy/release.sh']);
    expect(resolveWrittenPath('./auth/session', 'src/api/server.ts', (p) => files.has(p))).toBe('src/api/auth/session.ts');
    expect(resolveWrittenPath('deploy/release.sh', 'docs/architecture.md', (p) => files.has(p))).toBe('deploy/release.sh');
    expect(resolveWrittenPath('./nope', 'src/api/server.ts', (p) => files.has(p))).toBeUndefined();
  });
});

describe('edits to ops-roles.yaml', () => {
  it('adds a role after the last entry of roles:, and the result parses with the role known', () => {
    const text = 'roles:\n  devops-engineer: ["@a"]\n  tool-smith: ["@b"]\n\nownership:\n  - path: "*"\n    roles: [qa-lead]\n';
    const out = apply(text, addRoleEdit(text, 'qa-lead'));
    expect(out).toBe('roles:\n  devops-engineer: ["@a"]\n  tool-smith: ["@b"]\n  qa-lead: []\n\nownership:\n  - path: "*"\n    roles: [qa-lead]\n');
    expect(parseConfig(out).problems.filter((p) => p.code === 'unknown-role')).toEqual([]);
  });

  it('adds a role after a role written as a block mapping', () => {
    const out = apply(exampleText, addRoleEdit(exampleText, 'qa-lead'));
    expect(out).toContain('    holders: ["@acme/security"]\n  qa-lead: []\n\nownership:');
    expect(parseConfig(out).config.roles.has('qa-lead')).toBe(true);
  });

  it.each([
    ['ownership:\n  - path: "*"\n    roles: [qa-lead]\n', 'roles:\n  qa-lead: []\n\nownership:\n'],
    ['roles:\nownership:\n  - path: "*"\n    roles: [qa-lead]\n', 'roles:\n  qa-lead: []\nownership:\n'],
    ['roles: {tool-smith: ["@b"]}\nownership:\n  - path: "*"\n    roles: [qa-lead]\n', 'roles:\n  tool-smith: ["@b"]\n  qa-lead: []\nownership:\n'],
  ])('creates roles: when missing or empty (%#)', (text, expected) => {
    const out = apply(text, addRoleEdit(text, 'qa-lead'));
    expect(out).toContain(expected);
    const parsed = parseConfig(out);
    expect(parsed.config.roles.get('qa-lead')?.range).toBeDefined();
    expect(parsed.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('removes a duplicate rule whole when it has one pattern', () => {
    const text =
      'ownership:\n  - path: "db/"\n    roles: [tool-smith]\n  - path: "*"\n    roles: [operations-manager]\n  - path: "db/"\n    roles: [database-administrator]\n';
    const parsed = parseConfig(text);
    const dup = parsed.problems.find((p) => p.code === 'duplicate-rule')!;
    expect(dup.line).toBe(2);
    const rule = parsed.config.rules[0]!;
    const out = apply(text, removePatternEdit(text, rule, rule.patterns[0]!)!);
    expect(out).toBe('ownership:\n  - path: "*"\n    roles: [operations-manager]\n  - path: "db/"\n    roles: [database-administrator]\n');
    expect(parseConfig(out).problems.filter((p) => p.code === 'duplicate-rule' || p.severity === 'error')).toEqual([]);
  });

  it.each([
    ['ownership:\n  - path: ["db/", "x/"]\n    roles: [tool-smith]\n  - path: "db/"\n    roles: [database-administrator]\n', 'path: ["x/"]'],
    ['ownership:\n  - path: ["x/", "db/"]\n    roles: [tool-smith]\n  - path: "db/"\n    roles: [database-administrator]\n', 'path: ["x/"]'],
    ['ownership:\n  - path:\n      - db/\n      - x/\n    roles: [tool-smith]\n  - path: "db/"\n    roles: [database-administrator]\n', 'path:\n      - x/\n'],
  ])('removes one pattern of a multi-pattern rule (%#)', (text, expected) => {
    const parsed = parseConfig(text);
    const rule = parsed.config.rules[0]!;
    const pattern = rule.patterns.find((p) => p.source === 'db/')!;
    const out = apply(text, removePatternEdit(text, rule, pattern)!);
    expect(out).toContain(expected);
    expect(parseConfig(out).problems.filter((p) => p.code === 'duplicate-rule' || p.severity === 'error')).toEqual([]);
    expect(parseConfig(out).config.rules).toHaveLength(2);
  });

  it('appends a rule for a file, leaving the cursor inside roles: []', () => {
    const { edit, rolesOffset } = addRuleEdit(exampleText, 'src/web/index.html');
    const out = apply(exampleText, edit);
    expect(out.slice(rolesOffset - 10, rolesOffset + 2)).toBe('  roles: []\n');
    const parsed = parseConfig(out.slice(0, rolesOffset) + 'tool-smith' + out.slice(rolesOffset));
    expect(parsed.config.rules.at(-1)?.patterns[0]?.source).toBe('src/web/index.html');
    expect(parsed.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('creates ownership: when the file has none', () => {
    const text = 'version: 1\n';
    const { edit, rolesOffset } = addRuleEdit(text, 'a.txt');
    const out = apply(text, edit);
    expect(out).toBe('version: 1\n\nownership:\n  - path: "a.txt"\n    roles: []\n');
    expect(out[rolesOffset]).toBe(']');
  });
});

describe('completion context', () => {
  const at = (textWithCaret: string) => {
    const offset = textWithCaret.indexOf('|');
    return completionKindAt(textWithCaret.replace('|', ''), offset);
  };
  it.each<[string, string | undefined]>([
    ['ownership:\n  - path: "*"\n    roles: [|]\n', 'role'],
    ['ownership:\n  - path: "*"\n    roles: [operations-manager, da|]\n', 'role'],
    ['ownership:\n  - path: "*"\n    roles:\n      - |\n', 'role'],
    ['ownership:\n  - path: "|"\n', undefined],
    ['ownership:\n  "migrations/**": [|]\n', 'role'],
    ['fallback: [devops-engineer, |]\n', 'role'],
    ['fallback:\n  - |\n', 'role'],
    ['roles:\n  devops-engineer: ["@alice", |]\n', 'holder'],
    ['roles:\n  sec:\n    holders: [|]\n', 'holder'],
    ['roles:\n  sec:\n    name: Sec|\n', undefined],
    ['roles:\n  devops-engineer: []\n  data|\n', 'role-id'],
    ['version: 1|\n', undefined],
    ['ownership:\n  - path: "*"  # roles: [|]\n', undefined],
  ])('%j → %s', (text, kind) => {
    expect(at(text)).toBe(kind);
  });
});
