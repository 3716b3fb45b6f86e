/**
 * Typed access to the `opsRoles.*` settings, read per resource so multi-root workspaces can
 * differ per folder.
 */
import * as vscode from 'vscode';
import { SETTING_DEFAULTS, SETTINGS_SECTION, settingId, type SettingKey, type Settings } from './settingsSchema.js';

/** The value of one setting for `scope` (a file or folder URI; omitted: the window's value). */
export function setting<K extends SettingKey>(key: K, scope?: vscode.ConfigurationScope): Settings[K] {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION, scope).get<Settings[K]>(key, SETTING_DEFAULTS[key]);
}

/**
 * The value of one setting for `scope` when the user set it somewhere (user, workspace or
 * folder settings), else `undefined`: for decisions where the default must not count as a choice.
 */
export function explicitSetting<K extends SettingKey>(key: K, scope?: vscode.ConfigurationScope): Settings[K] | undefined {
  const inspected = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope).inspect<Settings[K]>(key);
  return inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
}

/** Did this configuration change touch any of `keys` (for any resource)? */
export function changed(e: vscode.ConfigurationChangeEvent, ...keys: SettingKey[]): boolean {
  return keys.some((key) => e.affectsConfiguration(settingId(key)));
}

/** Is `key` on for any workspace folder (or the window)? Providers register when it is. */
export function enabledAnywhere(key: 'codeLens.enabled' | 'hover.enabled' | 'statusBar.enabled' | 'fileDecorations.enabled'): boolean {
  if (setting(key)) return true;
  return (vscode.workspace.workspaceFolders ?? []).some((folder) => setting(key, folder.uri));
}
