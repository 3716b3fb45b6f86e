/**
 * Every message the extension shows goes through vscode.l10n.t, so a translation in
 * l10n/bundle.l10n.<lang>.json reaches it; and l10n/bundle.l10n.json, the English bundle
 * translators start from, lists exactly those messages (`npm run l10n` rewrites it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE_PATH, bundleText, extractMessages } from '../../scripts/l10n-bundle.mjs';
import { manifest } from './localizedManifest';
import { unlocalizedStrings } from './l10nScan';
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
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
