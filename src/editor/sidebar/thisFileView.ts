/**
 * The "This File" view: who owns the active editor's file: its roles and their holders (with
 * the fallback a vacant role takes), the rule that decides, and the earlier rules it overrides.
 * It follows the active editor and the ownership index; the tree is a handful of rows, so a
 * change redraws it whole.
 */
import * as vscode from 'vscode';
import type { OwnershipRule } from '../../core/config.js';
import type { RoleAssignment } from '../../core/fallback.js';
import { ruleLine, type Ownership } from '../../core/ownership.js';
import { plural } from '../../core/text.js';
import { Command } from '../commandIds.js';
import { decidingLine, readingSource, roleName, sourceName } from '../format.js';
import { openAt } from '../navigation.js';
import type { FolderIndex, OwnershipIndexManager } from '../ownershipIndex.js';
import { View } from '../viewIds.js';
import { holderKind, holderKindLabel, overriddenRules, ruleLabel, ruleRoles } from './sidebarData.js';
import { holderIcon } from './treeItems.js';

interface Target {
  readonly index: FolderIndex;
  readonly rel: string;
  readonly uri: vscode.Uri;
}

interface RoleRow {
  readonly kind: 'role';
  readonly index: FolderIndex;
  readonly role: string;
  readonly assignment: RoleAssignment;
}
interface HolderRow {
  readonly kind: 'holder';
  readonly parent: RoleRow;
  readonly holder: string;
}
/** The deciding rule, or one it overrides (`parent` set). */
interface RuleRow {
  readonly kind: 'rule';
  readonly index: FolderIndex;
  readonly rule: OwnershipRule;
  readonly deciding: boolean;
  readonly pattern: string | undefined;
  readonly parent: OverridesRow | undefined;
}
interface OverridesRow {
  readonly kind: 'overrides';
  readonly children: RuleRow[];
}
interface UnownedRow {
  readonly kind: 'unowned';
  readonly index: FolderIndex;
  readonly uri: vscode.Uri;
  readonly rel: string;
}
/** A row of the This File view. */
export type ThisFileNode = RoleRow | HolderRow | RuleRow | OverridesRow | UnownedRow;

/** The This File view's data provider. */
export class ThisFileView implements vscode.TreeDataProvider<ThisFileNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ThisFileNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  readonly treeView: vscode.TreeView<ThisFileNode>;
  private uri: vscode.Uri | undefined;
  private roots: ThisFileNode[] = [];
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor(private readonly manager: OwnershipIndexManager) {
    this.treeView = vscode.window.createTreeView(View.ThisFile, { treeDataProvider: this });
    this.disposables.push(
      this.treeView,
      vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)),
      manager.onDidChange(() => this.render()),
    );
    this.follow(vscode.window.activeTextEditor);
  }

  /** The file the view shows. */
  get file(): vscode.Uri | undefined {
    return this.uri;
  }

  /**
   * Follow the active editor. The output and debug consoles are editors too, and an image or a
   * settings page leaves no active text editor: the view keeps its file while some editor still
   * shows it, and lets go once none does.
   */
  private follow(editor: vscode.TextEditor | undefined): void {
    const uri = editor?.document.uri;
    if (!uri || (uri.scheme !== 'file' && !vscode.workspace.getWorkspaceFolder(uri))) {
      const shown = this.uri?.toString();
      if (shown && vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === shown)) return;
      this.uri = undefined;
    } else this.uri = uri;
    this.render();
  }

  private target(): Target | undefined {
    if (!this.uri) return undefined;
    const located = this.manager.locate(this.uri);
    return located && { ...located, uri: this.uri };
  }

  private render(): void {
    const target = this.target();
    const read = !target || target.index.sourceRead;
    this.roots = target && read ? this.rows(target) : [];
    this.treeView.description = target?.rel;
    this.treeView.message = read ? this.message(target) : readingSource(target.index.source.file);
    this.emitter.fire(undefined);
  }

  private message(target: Target | undefined): string | undefined {
    if (target) return undefined;
    if (!this.uri) return 'Open a file to see who owns it.';
    const folder = vscode.workspace.getWorkspaceFolder(this.uri);
    if (!folder) return `${this.uri.path.split('/').pop()} is not in a workspace folder.`;
    if (this.manager.all().length === 0) return undefined;
    return `${folder.name} has no ops-roles.yaml, nor a CODEOWNERS where GitHub or GitLab read one.`;
  }

  private rows({ index, rel, uri }: Target): ThisFileNode[] {
    const o: Ownership = index.ownership(rel);
    if (!o.rule) return [{ kind: 'unowned', index, uri, rel }];
    const out: ThisFileNode[] = o.assignments.map((assignment) => ({ kind: 'role', index, role: assignment.role, assignment }));
    out.push({ kind: 'rule', index, rule: o.rule, deciding: true, pattern: o.pattern, parent: undefined });
    const overridden = overriddenRules(o, index.model.explain(rel));
    if (overridden.length > 0) {
      const group: OverridesRow = { kind: 'overrides', children: [] };
      for (const rule of overridden) group.children.push({ kind: 'rule', index, rule, deciding: false, pattern: undefined, parent: group });
      out.push(group);
    }
    return out;
  }

  getChildren(node?: ThisFileNode): ThisFileNode[] {
    if (!node) return this.roots;
    if (node.kind === 'role') return node.assignment.holders.map((holder) => ({ kind: 'holder', parent: node, holder }));
    if (node.kind === 'overrides') return node.children;
    return [];
  }

  getParent(node: ThisFileNode): ThisFileNode | undefined {
    if (node.kind === 'holder') return node.parent;
    if (node.kind === 'rule') return node.parent;
    return undefined;
  }

  getTreeItem(node: ThisFileNode): vscode.TreeItem {
    const fileKey = this.uri?.toString() ?? '';
    switch (node.kind) {
      case 'role': {
        const config = node.index.parsed.config;
        const a = node.assignment;
        const item = new vscode.TreeItem(roleName(config, a.role), vscode.TreeItemCollapsibleState.Expanded);
        item.id = `${fileKey}#role:${a.role}`;
        if (a.fellBackTo) item.description = vscode.l10n.t('nobody holds it → {0}', roleName(config, a.fellBackTo));
        else if (a.holders.length === 0) item.description = vscode.l10n.t('nobody holds it, no fallback');
        item.iconPath =
          a.holders.length === 0
            ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
            : a.fellBackTo
              ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
              : new vscode.ThemeIcon('account');
        item.contextValue = a.holders.length === 0 ? 'opsRoles.role.nobody' : a.fellBackTo ? 'opsRoles.role.vacant' : 'opsRoles.role';
        const def = config.roles.get(a.role);
        item.tooltip = def?.description ? `${def.name}: ${def.description}` : undefined;
        return item;
      }
      case 'holder': {
        const item = new vscode.TreeItem(node.holder, vscode.TreeItemCollapsibleState.None);
        item.id = `${fileKey}#role:${node.parent.role}/h:${node.holder}`;
        const kind = holderKind(node.holder);
        const via = node.parent.assignment.fellBackTo;
        item.description = via ? vscode.l10n.t('{0}, via {1}', holderKindLabel(kind), roleName(node.parent.index.parsed.config, via)) : holderKindLabel(kind);
        item.iconPath = holderIcon(kind);
        item.contextValue = 'opsRoles.holder';
        return item;
      }
      case 'rule': {
        const config = node.index.parsed.config;
        const source = sourceName(config);
        const line = node.deciding ? decidingLine({ rule: node.rule, pattern: node.pattern }) : ruleLine(node.rule);
        const label = node.deciding ? vscode.l10n.t('Decided by {0}', node.pattern ?? ruleLabel(node.rule)) : ruleLabel(node.rule);
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
        item.id = `${fileKey}#rule:${node.rule.index}:${node.deciding ? 'deciding' : 'overridden'}`;
        item.description = node.deciding ? `${source}:${line ?? '?'}` : vscode.l10n.t('line {0} · {1}', line ?? '?', ruleRoles(config, node.rule));
        item.iconPath = new vscode.ThemeIcon(node.deciding ? 'law' : 'circle-slash');
        item.tooltip = node.deciding
          ? vscode.l10n.t('The last rule that matches this file decides: {0}:{1} gives it to {2}.', source, line ?? '?', ruleRoles(config, node.rule))
          : vscode.l10n.t('{0}:{1} ({2} → {3}) also matches, but a later rule wins.', source, line ?? '?', ruleLabel(node.rule), ruleRoles(config, node.rule));
        item.contextValue = 'opsRoles.rule';
        if (line !== undefined) item.command = openAt(node, line, vscode.l10n.t('Open the rule'));
        return item;
      }
      case 'overrides': {
        const item = new vscode.TreeItem(vscode.l10n.t('Overrides'), vscode.TreeItemCollapsibleState.Expanded);
        item.id = `${fileKey}#overrides`;
        item.description = plural(node.children.length, 'earlier rule');
        item.iconPath = new vscode.ThemeIcon('layers');
        item.contextValue = 'opsRoles.overrides';
        return item;
      }
      case 'unowned': {
        const item = new vscode.TreeItem(vscode.l10n.t('No rule matches this file'), vscode.TreeItemCollapsibleState.None);
        item.id = `${fileKey}#unowned`;
        item.description = vscode.l10n.t('unowned');
        item.iconPath = new vscode.ThemeIcon('question', new vscode.ThemeColor('list.warningForeground'));
        item.tooltip = vscode.l10n.t('No rule in {0} matches {1}.', sourceName(node.index.parsed.config), node.rel);
        if (!node.index.codeownersOnly) {
          item.tooltip += ' Add a rule to give it a role.';
          item.contextValue = 'opsRoles.unownedFile';
          item.command = { command: Command.AddRule, title: vscode.l10n.t('Add a rule'), arguments: [node.uri.toString()] };
        }
        return item;
      }
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
