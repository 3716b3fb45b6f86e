/**
 * The manifest every marketplace reads: localisable (package.nls.json covers every `%key%`, and
 * the text users see is a key), packable by `vsce package` without a warning, and holding the
 * fields Open VSX (VSCodium, Cursor, code-server) requires, checked here the way `ovsx publish`
 * checks them, since the ovsx tool is not a dependency of this project.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { manifest, nlsMessages, placeholders, rawManifest } from './localizedManifest';
import { PROJECT_DIR } from './paths';

const scratch = mkdtempSync(join(tmpdir(), 'ops-roles-vsce-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The strings of the manifest a user reads: each must be a `%key%`. */
function userFacingStrings(m: typeof rawManifest): [string, string][] {
  const c = m.contributes;
  const out: [string, string][] = [
    ['displayName', m.displayName],
    ['description', m.description],
    ...c.commands.flatMap((x: { command: string; title: string; category: string }) => [
      [`${x.command} title`, x.title],
      [`${x.command} category`, x.category],
    ]),
    ...c.viewsContainers.activitybar.map((x: { id: string; title: string }) => [x.id, x.title]),
    ...Object.values(c.views)
      .flat()
      .flatMap((x) => {
        const v = x as { id: string; name: string; contextualTitle?: string };
        return [[v.id, v.name], ...(v.contextualTitle ? [[`${v.id} contextualTitle`, v.contextualTitle]] : [])];
      }),
    ['configuration.title', c.configuration.title],
    ...Object.entries(c.configuration.properties).flatMap(([id, p]) => {
      const prop = p as { markdownDescription?: string; description?: string; enumDescriptions?: string[] };
      return [[id, prop.markdownDescription ?? prop.description ?? ''], ...(prop.enumDescriptions ?? []).map((d, i) => [`${id} enum ${i}`, d])];
    }),
    ...c.viewsWelcome.map((w: { view: string; contents: string }) => [`welcome ${w.view}`, w.contents]),
    ...c.walkthroughs.flatMap(
      (w: { id: string; title: string; description: string; steps: { id: string; title: string; description: string; media: { altText: string } }[] }) => [
        [w.id, w.title],
        [`${w.id} description`, w.description],
        ...w.steps.flatMap((s) => [
          [s.id, s.title],
          [`${s.id} description`, s.description],
          [`${s.id} altText`, s.media.altText],
        ]),
      ],
    ),
  ];
  return out as [string, string][];
}

describe('package.nls.json', () => {
  it('has the text of every %key% in package.json, and no key nothing uses', () => {
    const used = placeholders(rawManifest);
    expect(used.filter((k) => !(k in nlsMessages))).toEqual([]);
    expect(Object.keys(nlsMessages).filter((k) => !used.includes(k))).toEqual([]);
    for (const [k, text] of Object.entries(nlsMessages)) expect(text.trim(), k).not.toBe('');
  });

  it('holds every string of the manifest a user reads (package.json has keys, not text)', () => {
    const literal = userFacingStrings(rawManifest).filter(([, s]) => !/^%[^%\s]+%$/.test(s));
    expect(literal).toEqual([]);
  });
});

describe('Open VSX and the Visual Studio Marketplace', () => {
  it('has the fields ovsx publish requires, valid', () => {
    expect(manifest.name).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    expect(manifest.publisher).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
    expect(manifest.engines.vscode).toMatch(/^\^\d+\.\d+\.\d+$/);
    // ovsx refuses an extension without a licence: an SPDX id and the file in the package.
    expect(manifest.license).toBe('MIT');
    expect(readFileSync(join(PROJECT_DIR, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(manifest.repository.url).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
    expect(manifest.displayName).toBe('Ops Roles');
    expect(manifest.description.length).toBeGreaterThan(20);
    const icon = readFileSync(join(PROJECT_DIR, manifest.icon));
    expect(icon.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(128);
    expect(manifest.keywords.length).toBeLessThanOrEqual(30);
    const categories = [
      'Azure',
      'Data Science',
      'Debuggers',
      'Education',
      'Extension Packs',
      'Formatters',
      'Keymaps',
      'Language Packs',
      'Linters',
      'Machine Learning',
      'Notebooks',
      'Programming Languages',
      'SCM Providers',
      'Snippets',
      'Testing',
      'Themes',
      'Visualization',
      'Other',
    ];
    for (const c of manifest.categories) expect(categories).toContain(c);
  });

  it('vsce package writes the .vsix without a warning, with the English text, package.nls.json and the l10n bundle inside', () => {
    if (!['dist/extension.js', 'dist/yaml.js'].every((f) => existsSync(join(PROJECT_DIR, f))))
      execFileSync(process.execPath, ['esbuild.mjs'], { cwd: PROJECT_DIR });
    const vsce = join(PROJECT_DIR, 'node_modules/@vscode/vsce/vsce');
    const out = join(scratch, 'test.vsix');
    const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], {
      cwd: PROJECT_DIR,
      encoding: 'utf8',
      env: { ...process.env, VSCE_TELEMETRY: 'false' },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/WARN/i);
    const files = execFileSync('unzip', ['-Z1', out], { encoding: 'utf8' }).split('\n');
    expect(files).toEqual(
      expect.arrayContaining([
        'extension/package.json',
        'extension/package.nls.json',
        'extension/l10n/bundle.l10n.json',
        'extension/LICENSE.txt',
        'extension/dist/extension.js',
        // The yaml package, which the extension loads from it on first use (esbuild.mjs).
        'extension/dist/yaml.js',
      ]),
    );
    const vsixManifest = execFileSync('unzip', ['-p', out, 'extension.vsixmanifest'], { encoding: 'utf8' });
    expect(vsixManifest).toContain('<DisplayName>Ops Roles</DisplayName>');
    expect(vsixManifest).not.toMatch(/%[\w.]+%/);
  }, 120_000);
});
