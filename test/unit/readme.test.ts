/**
 * README is what a newcomer acts on: its command and settings tables must say what package.json
 * contributes, and its set-up commands must be the scripts that exist.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands as cliCommands } from '../../src/cli/commands';
import { PROJECT_DIR } from './paths';
import { manifest } from './localizedManifest';

const readme = readFileSync(join(PROJECT_DIR, 'README.md'), 'utf8');

/** Rows of the Markdown table that follows `## heading`. */
function table(heading: string): string[][] {
  const section = readme.split(/^## /m).find((s) => s.startsWith(heading + '\n'));
  if (!section) throw new Error(`README has no "## ${heading}" section`);
  const lines = section.split('\n').filter((l) => l.startsWith('|'));
  return lines.slice(2).map((l) =>
    l
      .replace(/\\\|/g, '\u0000')
      .split('|')
      .slice(1, -1)
      .map((c) => c.replaceAll('\u0000', '|').trim()),
  );
}

const code = (cell: string) => /`([^`]+)`/.exec(cell)?.[1];

describe('README', () => {
  it('starts with the two set-up commands, and both scripts exist', () => {
    const block = /```sh\n([\s\S]*?)```/.exec(readme)![1]!;
    const lines = block
      .trim()
      .split('\n')
      .map((l) => l.replace(/\s+#.*$/, ''));
    expect(lines).toEqual(['npm ci && npm start', 'npm ci && npm test']);
    expect(manifest.scripts.start).toBeTruthy();
    expect(manifest.scripts.test).toBeTruthy();
    expect(readme.indexOf('```sh')).toBeLessThan(readme.indexOf('\n## '));
  });

  it('lists exactly the palette commands package.json contributes, with their titles', () => {
    const hidden = new Set(
      (manifest.contributes.menus.commandPalette ?? []).filter((m: { when: string }) => m.when === 'false').map((m: { command: string }) => m.command),
    );
    const contributed = manifest.contributes.commands.filter((c: { command: string }) => !hidden.has(c.command));
    const rows = table('Commands').map(([title, id]) => ({ title, id: code(id!) }));
    expect(rows.map((r) => r.id).sort()).toEqual(contributed.map((c: { command: string }) => c.command).sort());
    for (const c of contributed) expect(rows.find((r) => r.id === c.command)!.title).toBe(c.title);
  });

  it('lists exactly the settings package.json contributes, with their defaults', () => {
    const sections = [manifest.contributes.configuration].flat();
    const properties: Record<string, { default: unknown }> = Object.assign({}, ...sections.map((s: { properties: object }) => s.properties));
    const rows = table('Settings').map(([id, def]) => ({ id: code(id!)!, def: code(def!)! }));
    expect(rows.map((r) => r.id).sort()).toEqual(Object.keys(properties).sort());
    for (const r of rows) expect(JSON.parse(r.def)).toEqual(properties[r.id]!.default);
  });

  it('lists every CLI command', () => {
    const rows = table('The CLI').map(([usage]) => /`ops-roles (\w+)/.exec(usage!)?.[1]);
    expect(rows.sort()).toEqual(cliCommands.map((c) => c.name).sort());
  });

  it('shows only screenshots the user-level suite takes (npm run screenshots), and they exist', () => {
    const produced = JSON.parse(readFileSync(join(PROJECT_DIR, 'scripts/screenshots.json'), 'utf8'));
    const images = [...readme.matchAll(/\]\((docs\/images\/[^)]+)\)/g)].map((m) => m[1]!);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) {
      expect(Object.keys(produced)).toContain(image.replace('docs/images/', ''));
      expect(existsSync(join(PROJECT_DIR, image)), image).toBe(true);
    }
  });

  it('has no unfilled placeholders', () => {
    expect(readme).not.toMatch(/<!-- (screenshots|performance|safety) -->/);
  });
});
