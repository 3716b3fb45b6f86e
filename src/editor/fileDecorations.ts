/**
 * Optional Explorer decorations: each file's owning role as a two-letter badge (off by
 * default; `opsRoles.fileDecorations.enabled`).
 */
import * as vscode from 'vscode';
import { ownershipShort, roleBadge } from './format.js';
import type { OwnershipIndexManager } from './ownershipIndex.js';
import { changed, enabledAnywhere, setting } from './settings.js';

/** Registers the decoration provider while the setting is on. */
export class FileDecorationController implements vscode.Disposable {
  private registration: vscode.Disposable | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly manager: OwnershipIndexManager) {
    this.subscriptions = [
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (changed(e, 'fileDecorations.enabled')) this.update();
      }),
    ];
    this.update();
  }

  private update(): void {
    const on = enabledAnywhere('fileDecorations.enabled');
    if (on && !this.registration) this.registration = vscode.window.registerFileDecorationProvider(new OwnerDecorationProvider(this.manager));
    else if (!on && this.registration) {
      this.registration.dispose();
      this.registration = undefined;
    }
  }

  dispose(): void {
    this.registration?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

class OwnerDecorationProvider implements vscode.FileDecorationProvider {
  readonly onDidChangeFileDecorations: vscode.Event<undefined>;

  constructor(private readonly manager: OwnershipIndexManager) {
    this.onDidChangeFileDecorations = (listener, thisArgs, disposables) =>
      manager.onDidChange(() => listener.call(thisArgs, undefined), undefined, disposables);
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    const located = this.manager.locate(uri);
    // Folders have no owner of their own; only files the index lists are decorated.
    if (!located || !located.index.hasFile(located.rel) || !setting('fileDecorations.enabled', uri)) return undefined;
    const { index, rel } = located;
    const o = index.ownership(rel);
    const config = index.parsed.config;
    if (!o.rule) return new vscode.FileDecoration('?', vscode.l10n.t('Ops Roles: unowned'), new vscode.ThemeColor('list.warningForeground'));
    const first = o.roles[0];
    const badge = first ? roleBadge(config.roles.get(first)?.name ?? first) : '?';
    return new vscode.FileDecoration(badge, vscode.l10n.t('Ops Roles: {0}', ownershipShort(config, o)));
  }
}
