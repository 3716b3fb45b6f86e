/**
 * The CODEOWNERS TextMate grammar, checked by vscode-tmgrammar-test (scope assertions written
 * under each line of test/grammar/*.test.codeowners), the same engine VS Code tokenizes with.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from './paths';

const GRAMMAR = join(PROJECT_DIR, 'syntaxes/codeowners.tmLanguage.json');
const RUNNER = join(PROJECT_DIR, 'node_modules/vscode-tmgrammar-test/dist/unit.js');
const CASES = join(PROJECT_DIR, 'test/grammar');

function runGrammarTest(file: string): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [RUNNER, '-g', GRAMMAR, file], { cwd: PROJECT_DIR, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('CODEOWNERS grammar', () => {
  const files = readdirSync(CASES).filter((f) => f.endsWith('.test.codeowners'));
  it('has test files', () => expect(files.length).toBeGreaterThanOrEqual(2));

  it.each(files)('%s', (file) => {
    const r = runGrammarTest(join(CASES, file));
    expect(r.output).not.toMatch(/failed/);
    expect(r.status, r.output).toBe(0);
  });

  it('the runner fails on a wrong assertion (so the cases above can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ops-roles-grammar-'));
    const file = join(dir, 'wrong.test.codeowners');
    writeFileSync(file, '# SYNTAX TEST "source.codeowners" "wrong on purpose"\n*.js @alice\n#    ^^^^^^ entity.name.type.team.codeowners\n');
    const r = runGrammarTest(file);
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/missing required scopes/);
  });

  it('is the grammar package.json contributes for the codeowners language', () => {
    const manifest = JSON.parse(readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8'));
    const grammar = manifest.contributes.grammars.find((g: { language: string }) => g.language === 'codeowners');
    expect(grammar).toEqual({ language: 'codeowners', scopeName: 'source.codeowners', path: './syntaxes/codeowners.tmLanguage.json' });
    expect(JSON.parse(readFileSync(GRAMMAR, 'utf8')).scopeName).toBe('source.codeowners');
  });
});
