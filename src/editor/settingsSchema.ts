/**
 * The extension's settings as data: ids, types and defaults. Pure (no `vscode` import) so a
 * unit test holds it against `contributes.configuration` in package.json; `settings.ts` reads
 * the values through the editor. The strings here are ids and defaults (l10n: not wording).
 */

/** Every `opsRoles.*` setting, by key under the `opsRoles` section. */
export interface Settings {
  /** Show the owning roles and their holders as a CodeLens on line 1 of every file. */
  readonly 'codeLens.enabled': boolean;
  /** Show who owns a file in hover cards over paths, and explain patterns and roles in ops-roles.yaml and CODEOWNERS. */
  readonly 'hover.enabled': boolean;
  /** Show the active file's owning roles in the status bar. */
  readonly 'statusBar.enabled': boolean;
  /** The CODEOWNERS dialect to generate when ops-roles.yaml does not say (`codeowners.target`). */
  readonly 'codeowners.target': 'github' | 'gitlab';
  /** Where to write CODEOWNERS when ops-roles.yaml does not say (`codeowners.path`); empty for the target's default. */
  readonly 'codeowners.path': string;
  /** Mark files in the Explorer with their owning role's initials. */
  readonly 'fileDecorations.enabled': boolean;
}

/** A setting's key under the `opsRoles` section. */
export type SettingKey = keyof Settings;
/** A full setting id, as users write it in settings.json; a misspelt id does not compile. */
export type SettingId = `opsRoles.${SettingKey}`;

/** The configuration section every setting lives in. */
export const SETTINGS_SECTION = 'opsRoles';

/** Defaults; package.json declares the same (a unit test holds them together). */
export const SETTING_DEFAULTS: Settings = {
  'codeLens.enabled': true,
  'hover.enabled': true,
  'statusBar.enabled': true,
  'codeowners.target': 'github',
  'codeowners.path': '',
  'fileDecorations.enabled': false,
};

/** The full id of a setting key. */
export function settingId<K extends SettingKey>(key: K): `opsRoles.${K}` {
  return `${SETTINGS_SECTION}.${key}`;
}
