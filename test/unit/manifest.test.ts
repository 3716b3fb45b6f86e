/**
 * package.json against the code: the manifest contributes exactly the commands, views and
 * context keys the code defines, and the code registers each command once, from its own file,
 * and names it only through the Command enum; every setting the code uses is contributed (with
 * the defaults the code assumes), activation stays lazy, and the declared assets exist.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODEOWNERS_CANDIDATES } from '../../src/core/codeownersTarget';
import { CONFIG_FILE_NAME } from '../../src/core/config';
import { Command, HIDDEN_COMMANDS } from '../../src/editor/commandIds';
import { SETTING_DEFAULTS, settingId, type SettingKey } from '../../src/editor/settingsSchema';
import { ContextKey, View } from '../../src/editor/viewIds';
import { PROJECT_DIR } from './paths';
import { manifest } from './localizedManifest';

const contributes = manifest.contributes;
const COMMANDS: string[] = Object.values(Command);
const EDITOR_DIR = join(PROJECT_DIR, 'src/editor');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : name.endsWith('.ts') ? [full] : [];
  });
}

/** Where a command is defined: `opsRoles.x` in commands/x.ts, `opsRoles.sidebar.x` in commands/sidebar/x.ts. */
function commandFile(id: string): string {
  return `commands/${id.replace(/^opsRoles\./, '').replace('.', '/')}.ts`;
}

/** Every `when` clause of the manifest. */
function whenClauses(): string[] {
  const clauses: string[] = [];
  for (const items of Object.values(contributes.menus) as { when?: string }[][]) for (const m of items) if (m.when) clauses.push(m.when);
  for (const w of contributes.viewsWelcome) if (w.when) clauses.push(w.when);
  for (const walkthrough of contributes.walkthroughs) {
    for (const step of walkthrough.steps)
      for (const event of step.completionEvents) if (event.startsWith('onContext:')) clauses.push(event.slice('onContext:'.length));
  }
  return clauses;
}

describe('manifest', () => {
  it('activates only on ops-roles.yaml, CODEOWNERS files and (implicitly) its commands', () => {
    expect(manifest.activationEvents.filter((e: string) => !e.startsWith('workspaceContains:'))).toEqual(['onLanguage:codeowners']);
  });

  it('looks for exactly the places the sources live, at the folder and up to three levels above it, never searching', () => {
    const contains = manifest.activationEvents.filter((e: string) => e.startsWith('workspaceContains:')).map((e: string) => e.slice(18));
    // A glob makes the editor search the whole tree; a plain path is one stat (`../` included).
    for (const path of contains) expect(path).not.toMatch(/[*?{[]/);
    const places = [CONFIG_FILE_NAME, ...CODEOWNERS_CANDIDATES];
    const expected = [0, 1, 2, 3].flatMap((depth) => places.map((p) => '../'.repeat(depth) + p));
    expect([...contains].sort()).toEqual(expected.sort());
  });

  it('contributes exactly the commands of the Command enum, all in the "Ops Roles" category', () => {
    const ids = contributes.commands.map((c: { command: string }) => c.command).sort();
    expect(ids).toEqual([...COMMANDS].sort());
    for (const c of contributes.commands) expect(c.category).toBe('Ops Roles');
  });

  it('hides the commands that need a row, link or quick-fix argument from the palette', () => {
    const hidden = contributes.menus.commandPalette.filter((m: { when: string }) => m.when === 'false').map((m: { command: string }) => m.command);
    expect(hidden.sort()).toEqual([...HIDDEN_COMMANDS].sort());
  });

  it('contributes exactly the views of the View enum (the Review view too), all in the Ops Roles container', () => {
    expect(Object.keys(contributes.views)).toEqual(['opsRoles']);
    expect(contributes.views.opsRoles.map((v: { id: string }) => v.id).sort()).toEqual(Object.values(View).sort());
  });

  it('reads exactly the context keys of the ContextKey enum in its when clauses', () => {
    const keys = new Set<string>();
    for (const clause of whenClauses()) {
      // What view and viewItem are compared with are view ids and contextValues, not keys.
      const bare = clause.replace(/\b(view|viewItem)\s*(==|!=|=~)\s*(\/(?:\\.|[^/])*\/|[\w.]+)/g, '');
      for (const m of bare.matchAll(/opsRoles\.[\w.]+/g)) keys.add(m[0]);
    }
    expect([...keys].sort()).toEqual(Object.values(ContextKey).sort());
  });

  it("registers each command once, from its own file under src/editor/commands/ (the sidebar's under commands/sidebar/)", () => {
    const registry = readFileSync(join(EDITOR_DIR, 'commandRegistry.ts'), 'utf8');
    const list = registry.slice(registry.indexOf('EDITOR_COMMANDS'), registry.indexOf('];', registry.indexOf('EDITOR_COMMANDS')));
    const registered: string[] = [];
    for (const [name, id] of Object.entries(Command)) {
      const file = commandFile(id);
      expect(existsSync(join(EDITOR_DIR, file)), `${id}: ${file}`).toBe(true);
      expect(readFileSync(join(EDITOR_DIR, file), 'utf8'), file).toContain(`id: Command.${name},`);
      const imported = new RegExp(`import \\{ (\\w+) \\} from '\\./${file.replace(/\.ts$/, '.js')}';`).exec(registry);
      expect(imported, `commandRegistry.ts imports ${file}`).not.toBeNull();
      expect(list, `EDITOR_COMMANDS lists ${imported![1]}`).toMatch(new RegExp(`\\b${imported![1]}\\b`));
      registered.push(imported![1]!);
    }
    expect(new Set(registered).size).toBe(COMMANDS.length);
    const defined = sources(EDITOR_DIR).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bid: Command\.(\w+),/g)].map((m) => m[1]));
    expect(defined.sort()).toEqual(Object.keys(Command).sort());
  });

  it('names commands only through the Command enum', () => {
    const ids = new Set(COMMANDS);
    const literals: string[] = [];
    for (const file of sources(join(PROJECT_DIR, 'src'))) {
      if (file.endsWith('commandIds.ts')) continue;
      for (const m of readFileSync(file, 'utf8').matchAll(/['"`](opsRoles\.[\w.]+)['"`]/g))
        if (ids.has(m[1]!)) literals.push(`${relative(PROJECT_DIR, file)}: ${m[1]}`);
    }
    expect(literals).toEqual([]);
  });

  it('points every menu, welcome and walkthrough at a contributed command', () => {
    const viewIds = contributes.views.opsRoles.map((v: { id: string }) => v.id);
    const commands = new Set(contributes.commands.map((c: { command: string }) => c.command));
    // `<view>.focus` commands come with every view.
    for (const id of viewIds) commands.add(`${id}.focus`);
    const used: string[] = [];
    for (const items of Object.values(contributes.menus) as { command: string }[][]) used.push(...items.map((m) => m.command));
    const links = (text: string): string[] => [...text.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]!);
    for (const w of contributes.viewsWelcome) used.push(...links(w.contents));
    for (const walkthrough of contributes.walkthroughs) {
      for (const step of walkthrough.steps) {
        used.push(...links(step.description));
        for (const event of step.completionEvents) if (event.startsWith('onCommand:')) used.push(event.slice('onCommand:'.length));
      }
    }
    expect(used.filter((id) => !commands.has(id))).toEqual([]);
    // Title-bar buttons show icons, not titles.
    for (const m of contributes.menus['view/title'].filter((x: { group?: string }) => x.group?.startsWith('navigation'))) {
      expect(contributes.commands.find((c: { command: string }) => c.command === m.command)?.icon, m.command).toMatch(/^\$\(/);
    }
  });

  it('has a getting-started walkthrough whose steps complete on their own and show images that exist', () => {
    const [walkthrough] = contributes.walkthroughs;
    expect(walkthrough.steps.length).toBeGreaterThanOrEqual(3);
    expect(walkthrough.steps.length).toBeLessThanOrEqual(4);
    for (const step of walkthrough.steps) {
      expect(step.completionEvents.length, step.id).toBeGreaterThan(0);
      expect(existsSync(join(PROJECT_DIR, step.media.image)), step.media.image).toBe(true);
      expect(step.media.altText, step.id).toMatch(/\w/);
    }
  });

  it('declares every setting with the default the code assumes, a markdownDescription and a scope', () => {
    const props = contributes.configuration.properties;
    expect(contributes.configuration.title).toBe('Ops Roles');
    const keys = Object.keys(SETTING_DEFAULTS) as SettingKey[];
    expect(Object.keys(props).sort()).toEqual(keys.map((k) => settingId(k)).sort());
    for (const key of keys) {
      const p = props[settingId(key)];
      expect(p.default, key).toEqual(SETTING_DEFAULTS[key]);
      expect(p.markdownDescription, key).toMatch(/\w/);
      expect(p.scope, key).toBe('resource');
    }
  });

  it('points at assets that exist', () => {
    for (const lang of contributes.languages) expect(existsSync(join(PROJECT_DIR, lang.configuration))).toBe(true);
    for (const g of contributes.grammars) expect(existsSync(join(PROJECT_DIR, g.path))).toBe(true);
    for (const v of contributes.yamlValidation) expect(existsSync(join(PROJECT_DIR, v.url))).toBe(true);
  });

  it('says what works in Restricted Mode and in virtual workspaces', () => {
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe('limited');
    expect(manifest.capabilities.untrustedWorkspaces.description).toMatch(/trusted/);
    expect(manifest.capabilities.virtualWorkspaces.supported).toBe(false);
  });

  it('keeps @types/vscode at the engine it promises', () => {
    expect(manifest.engines.vscode).toBe(`^${manifest.devDependencies['@types/vscode']}`);
  });
});
