/**
 * src/core must stay free of editor APIs so the CLI and tests can run it in plain Node.
 * This fails the unit suite (and so `npm test` and CI) when a core file imports `vscode` or
 * anything from the editor layer, statically, dynamically or through require.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from './paths';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : /\.[cm]?[jt]s$/.test(name) ? [full] : [];
  });
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;

describe('src/core is pure', () => {
  const files = walk(join(PROJECT_DIR, 'src/core'));
  it('has core files', () => expect(files.length).toBeGreaterThan(5));
  it.each(files.map((f) => [relative(PROJECT_DIR, f), f]))('%s imports neither vscode nor the editor layer', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(SPECIFIER)].map((m) => m[1]!);
    const bad = specifiers.filter((s) => s === 'vscode' || s.startsWith('vscode/') || /(^|\/)editor(\/|$)/.test(s) || /(^|\/)cli(\/|$)/.test(s));
    expect(bad).toEqual([]);
  });
  it('the check itself catches a vscode import', () => {
    const sample = "import * as vscode from 'vscode';\nconst x = require(\"vscode\");\nawait import('vscode');";
    expect([...sample.matchAll(SPECIFIER)].map((m) => m[1])).toEqual(['vscode', 'vscode', 'vscode']);
  });
});
