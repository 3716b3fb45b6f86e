/**
 * package.json against the code: every command id and setting the code uses is contributed
 * (with the defaults the code assumes), each palette command has its own file, activation
 * stays lazy, and the declared assets exist.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INTERNAL_COMMANDS, PALETTE_COMMANDS } from '../../src/editor/commandIds';
import { SETTING_DEFAULTS, settingId, type SettingKey } from '../../src/editor/settingsSchema';
import { SIDEBAR_COMMANDS, SIDEBAR_ITEM_COMMANDS, SIDEBAR_VIEWS } from '../../src/editor/sidebar/sidebarIds';
import { PROJECT_DIR } from './shared';

const manifest = JSON.parse(readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8'));
const contributes = manifest.contributes;

describe('manifest', () => {
  it('activates only on ops-roles.yaml, CODEOWNERS files and (implicitly) its commands', () => {
    expect(manifest.activationEvents).toEqual(['workspaceContains:**/ops-roles.yaml', 'onLanguage:codeowners']);
  });

  it('contributes exactly the commands the code registers, all in the "Ops Roles" category', () => {
    const ids = contributes.commands.map((c: { command: string }) => c.command).sort();
    expect(ids).toEqual([...PALETTE_COMMANDS, ...INTERNAL_COMMANDS, ...SIDEBAR_COMMANDS, ...SIDEBAR_ITEM_COMMANDS].sort());
    for (const c of contributes.commands) expect(c.category).toBe('Ops Roles');
  });

  it('hides internal commands from the palette', () => {
    const hidden = contributes.menus.commandPalette.filter((m: { when: string }) => m.when === 'false').map((m: { command: string }) => m.command);
    expect(hidden.sort()).toEqual([...INTERNAL_COMMANDS, ...SIDEBAR_ITEM_COMMANDS].sort());
  });

  it('puts the sidebar views in the Ops Roles container and points every menu, welcome and walkthrough at a contributed command', () => {
    const viewIds = contributes.views.opsRoles.map((v: { id: string }) => v.id);
    for (const id of SIDEBAR_VIEWS) expect(viewIds).toContain(id);
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

  it('each command has its own file under src/editor/commands/ (the sidebar\'s under commands/sidebar/)', () => {
    const dir = join(PROJECT_DIR, 'src/editor/commands');
    for (const id of [...PALETTE_COMMANDS, ...INTERNAL_COMMANDS, ...SIDEBAR_COMMANDS, ...SIDEBAR_ITEM_COMMANDS]) {
      const file = `${id.replace(/^opsRoles\./, '').replace('.', '/')}.ts`;
      expect(existsSync(join(dir, file)), `${id}: commands/${file}`).toBe(true);
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
