/**
 * Every message the extension shows goes through vscode.l10n.t, so a translation in
 * l10n/bundle.l10n.<lang>.json reaches it; and l10n/bundle.l10n.json, the English bundle
 * translators start from, lists exactly those messages (`npm run l10n` rewrites it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE_PATH, bundleText, extractMessages } from '../../scripts/l10n-bundle.mjs';
import { formatMessage, setTranslator, t, tCount } from '../../src/editor/localize';
import { problemBadge } from '../../src/editor/sidebar/sidebarData';
import { manifest } from './localizedManifest';
import { NOT_WORDING, unlocalizedStrings } from './l10nScan';
import { PROJECT_DIR } from './paths';

describe('localised messages in src/editor', () => {
  it('every user-facing string goes through vscode.l10n.t', () => {
    const found = unlocalizedStrings(join(PROJECT_DIR, 'src/editor'), PROJECT_DIR).map((u) => `${u.file}:${u.line}:${u.column} [${u.where}] ${u.text}`);
    expect(found).toEqual([]);
  });

  it('every l10n.t message is a string literal, and the English bundle is current', () => {
    const { bundle, problems } = extractMessages();
    expect(problems).toEqual([]);
    expect(Object.keys(bundle).length).toBeGreaterThan(50);
    expect(readFileSync(BUNDLE_PATH, 'utf8'), 'l10n/bundle.l10n.json is out of date: run npm run l10n').toBe(bundleText(bundle));
  });

  it('package.json points VS Code at the bundles', () => {
    expect(manifest.l10n).toBe('./l10n');
  });
});

describe('the scanner', () => {
  it('flags literals, templates and each branch of a choice; accepts l10n.t and computed values', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'ops-roles-l10n-'));
    writeFileSync(
      join(dir, 'sample.ts'),
      [
        "void vscode.window.showInformationMessage('Plain text');",
        'void vscode.window.showWarningMessage(`Wrote ${path}`, vscode.l10n.t("Open"));',
        "item.tooltip = ok ? vscode.l10n.t('Fine') : 'Not fine';",
        'item.description = wording(node);',
        "status.text = '$(sync~spin)';",
        "void vscode.window.withProgress({ title: 'Listing' }, async () => {});",
        "new vscode.CodeLens(range, { title: 'Unowned', command: Command.Explain });",
        "items.push({ label: '$(add) Add a rule', detail: vscode.l10n.t('Why') });",
        'items.push({ label: `$(person) ${owner}` });',
        "new vscode.CodeAction('Remove the line', kind); new vscode.Diagnostic(range, problem.message);",
        "new vscode.FileDecoration('?', 'Ops Roles: unowned'); item.command = openAt(state, 1, 'Open the rule');",
      ].join('\n'),
    );
    try {
      const found = unlocalizedStrings(dir, dir).map((u) => `${u.line}:${u.text}`);
      expect(found).toEqual([
        "1:'Plain text'",
        '2:`Wrote ${path}`',
        "3:'Not fine'",
        "6:'Listing'",
        "7:'Unowned'",
        "8:'$(add) Add a rule'",
        "10:'Remove the line'",
        "11:'Ops Roles: unowned'",
        "11:'Open the rule'",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("flags a pure module's prose that is returned, concatenated, pushed or kept without t()", async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'ops-roles-l10n-'));
    writeFileSync(
      join(dir, 'wording.ts'),
      [
        "import { t, tCount } from './localize.js';",
        "export function a(n: number): string { if (n) return 'Unowned'; return t('Owned'); }",
        'export const b = (x: string) => `Owned by ${x}`;',
        "export function c(x: string): string { const out: string[] = []; out.push('## Roles', t('## Files'), `- ${x}`); return out.join(''); }",
        "export const d = { title: 'No owners', kind: 'drift', fix: tCount(2, '{0} file', '{0} files') };",
        "export function kind(): 'team' | 'person' { return 'team'; }",
        "export const e = (who: string) => who + ' and nobody';",
        '// ' + NOT_WORDING,
        'const uri = `command:${a}`;',
        "export const f = (x: string) => (x ? `${x} · ${uri}` : t('{0} holds it', x));",
      ].join('\n'),
    );
    try {
      const found = unlocalizedStrings(dir, dir).map((u) => `${u.line}:${u.text}`);
      expect(found).toEqual(["2:'Unowned'", '3:`Owned by ${x}`', "4:'## Roles'", "5:'No owners'", "7:' and nobody'"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the pure modules' t()", () => {
  it('formats English until activation, then hands every message to vscode.l10n.t', () => {
    expect(t('line {0} · {1}', 3, 'deploy/')).toBe('line 3 · deploy/');
    expect(t('{0} and {1}', 'a')).toBe('a and {1}');
    expect(tCount(1, '{0} file', '{0} files')).toBe('1 file');
    expect(tCount(0, '{0} file in {1}', '{0} files in {1}', 'api')).toBe('0 files in api');
    const groups = [{ kind: 'unowned', title: 'Unowned files', count: 2, fix: '' }] as const;
    expect(problemBadge(groups)?.tooltip).toBe('2 unowned files');
    const french: Record<string, string> = { '{0} unowned files': '{0} fichiers sans propriétaire' };
    setTranslator((message, ...args) => formatMessage(french[message] ?? message, ...args));
    try {
      expect(problemBadge(groups)?.tooltip).toBe('2 fichiers sans propriétaire');
    } finally {
      setTranslator(undefined);
    }
    expect(problemBadge(groups)?.tooltip).toBe('2 unowned files');
  });
});
