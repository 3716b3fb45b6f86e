/**
 * The status-bar item: the active file's owning roles; a click runs "Who owns this file?".
 */
import * as vscode from 'vscode';
import { Command } from './commandIds.js';
import { ownershipShort, ownershipTooltip, readingSource } from './format.js';
import type { OwnershipIndexManager } from './ownershipIndex.js';
import { changed, enabledAnywhere, setting } from './settings.js';

/** Shows, updates and hides the status-bar item. */
export class StatusBarController implements vscode.Disposable {
  private item: vscode.StatusBarItem | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly manager: OwnershipIndexManager) {
    this.subscriptions = [
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (changed(e, 'statusBar.enabled')) this.update();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      manager.onDidChange(() => this.render()),
    ];
    this.update();
  }

  private update(): void {
    if (enabledAnywhere('statusBar.enabled')) {
      if (!this.item) {
        this.item = vscode.window.createStatusBarItem('opsRoles.owner', vscode.StatusBarAlignment.Right, 100);
        this.item.name = vscode.l10n.t('Ops Roles: owner of this file');
        this.item.command = Command.WhoOwns;
      }
      this.render();
    } else {
      this.item?.dispose();
      this.item = undefined;
    }
  }

  private render(): void {
    const item = this.item;
    if (!item) return;
    const uri = vscode.window.activeTextEditor?.document.uri;
    const located = uri && setting('statusBar.enabled', uri) ? this.manager.locate(uri) : undefined;
    if (!located) {
      item.hide();
      return;
    }
    const { index, rel } = located;
    if (!index.sourceRead) {
      item.text = `$(sync~spin) ${vscode.l10n.t('Ops Roles')}`;
      item.tooltip = readingSource(index.source.file);
    } else {
      const o = index.ownership(rel);
      item.text = `$(organization) ${ownershipShort(index.parsed.config, o)}`;
      item.tooltip = ownershipTooltip(index.parsed.config, o);
    }
    item.show();
  }

  dispose(): void {
    this.item?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
