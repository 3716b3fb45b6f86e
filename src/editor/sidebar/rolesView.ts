/**
 * The Roles view: every role (built-in and custom) with its holders, the rules that give it
 * paths and the files it owns. Nodes are plain objects that know their parent (so "Reveal in Ops
 * Roles" works through `getParent`); children are computed when a row is expanded, and a
 * config or file change redraws only the roles whose rows changed.
 */
import * as vscode from 'vscode';
import type { OwnershipRule } from '../../core/config.js';
import { ruleLine, type OwnershipModel } from '../../core/ownership.js';
import { escapeMarkdown, plural } from '../../core/text.js';
import type { Logger } from '../logger.js';
import { openAt } from '../navigation.js';
import type { FolderIndex, OwnershipIndexManager } from '../ownershipIndex.js';
import { View } from '../viewIds.js';
import { fileGroupItem, fileRows, findFileRow, PAGE_SIZE, showMore, type DirNode, type FileGroup, type FileNode, type MoreNode } from './fileNodes.js';
import {
  effectiveHolders,
  fallbackOf,
  groupFilesByRoleInChunks,
  holderKind,
  holderKindLabel,
  roleDescription,
  ruleDescription,
  ruleLabel,
  ruleRoles,
  rulesOfRole,
  type RoleFiles,
} from './sidebarData.js';
import { folderItem, holderIcon } from './treeItems.js';

/** What the Roles view shows: everything, one role, or the roles one holder answers for. */
export type RolesFilter = { readonly kind: 'role'; readonly role: string } | { readonly kind: 'holder'; readonly holder: string } | undefined;

interface FolderNode {
  readonly kind: 'folder';
  readonly state: FolderState;
}
/** A role row; one object per folder and role id for the view's lifetime, so it can be refreshed alone. */
export interface RoleNode {
  readonly kind: 'role';
  readonly state: FolderState;
  readonly role: string;
  readonly parent: FolderNode | undefined;
  children?: RolesNode[];
}
interface HolderNode {
  readonly kind: 'holder';
  readonly parent: RoleNode;
  readonly holder: string;
  /** Position among the role's holders (for its line in ops-roles.yaml). */
  readonly at: number;
}
interface VacantNode {
  readonly kind: 'vacant';
  readonly parent: RoleNode;
}
/** A rule that gives the role paths. */
export interface RuleNode {
  readonly kind: 'rule';
  readonly parent: RoleNode;
  readonly rule: OwnershipRule;
}
/** The role's files (a {@link FileContainer}: its rows are the files grouped by folder). */
interface FilesNode {
  readonly kind: 'files';
  readonly parent: RoleNode;
  readonly group: FileGroup;
  limit: number;
  children?: RolesNode[];
}
/** A node of the Roles tree. */
export type RolesNode = FolderNode | RoleNode | HolderNode | VacantNode | RuleNode | FilesNode | DirNode<RolesNode> | FileNode<RolesNode> | MoreNode<RolesNode>;

/** What one folder's rows were drawn from, to tell what a change touched. */
interface Drawn {
  readonly model: OwnershipModel;
  readonly files: readonly string[] | undefined;
  readonly roleFiles: RoleFiles | undefined;
  /** Per role: everything its row and its holder/rule rows show. */
  readonly signatures: ReadonlyMap<string, string>;
}

/** One indexed folder as the view sees it. */
export interface FolderState {
  readonly index: FolderIndex;
  readonly key: string;
  readonly node: FolderNode;
  readonly roleNodes: Map<string, RoleNode>;
  drawn: Drawn | undefined;
  /** The data being computed for the current model and files. */
  pending?: { readonly model: OwnershipModel; readonly files: readonly string[] | undefined; readonly promise: Promise<Drawn | undefined> };
}

/** The Roles view's data provider. Dispose to unregister. */
export class RolesView implements vscode.TreeDataProvider<RolesNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<RolesNode | RolesNode[] | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  readonly treeView: vscode.TreeView<RolesNode>;
  private readonly states = new Map<string, FolderState>();
  private filterValue: RolesFilter;
  /** Row ids redrawn on the last index change (`undefined` for the whole tree), for tests. */
  lastRefresh: readonly (string | undefined)[] = [];
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor(
    private readonly manager: OwnershipIndexManager,
    logger: Logger,
  ) {
    this.treeView = vscode.window.createTreeView(View.Roles, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.treeView,
      manager.onDidChange((index) => {
        this.indexChanged(index).catch((error: unknown) => logger.error('Roles view: redrawing', error));
      }),
      this.treeView.onDidChangeVisibility((e) => {
        if (e.visible) this.updateMessage();
      }),
    );
  }

  /** The current filter. */
  get filter(): RolesFilter {
    return this.filterValue;
  }

  /** Show only some roles (or all again with `undefined`). */
  setFilter(filter: RolesFilter): void {
    this.filterValue = filter;
    this.treeView.description =
      filter === undefined
        ? undefined
        : filter.kind === 'holder'
          ? vscode.l10n.t('holder {0}', filter.holder)
          : vscode.l10n.t('role {0}', this.roleNameAnywhere(filter.role));
    this.emitter.fire(undefined);
  }

  /** Redraw everything (after a refresh of the indexes). */
  redraw(): void {
    for (const state of this.states.values()) this.forget(state);
    this.emitter.fire(undefined);
  }

  private roleNameAnywhere(role: string): string {
    for (const index of this.manager.all()) {
      const def = index.parsed.config.roles.get(role);
      if (def) return def.name;
    }
    return role;
  }

  /** The folders in workspace order, keeping each folder's state (and its role rows) across changes. */
  private syncStates(): FolderState[] {
    // A CODEOWNERS has owners, not roles: its repository gets the offer to import instead (the welcome).
    const all = this.manager.all().filter((i) => !i.codeownersOnly);
    const keys = new Set(all.map((i) => i.folder.uri.toString()));
    for (const key of [...this.states.keys()]) if (!keys.has(key)) this.states.delete(key);
    return all.map((index) => {
      const key = index.folder.uri.toString();
      let state = this.states.get(key);
      if (!state || state.index !== index) {
        const node = { kind: 'folder' } as { kind: 'folder'; state: FolderState };
        state = { index, key, node, roleNodes: new Map(), drawn: undefined };
        node.state = state;
        this.states.set(key, state);
      }
      return state;
    });
  }

  /**
   * One index changed: redraw only the roles whose rows differ (their names, holders, rules,
   * counts or files); the whole tree when the folders or the list of roles changed.
   */
  private async indexChanged(index: FolderIndex | undefined): Promise<void> {
    const before = [...this.states.values()];
    const states = this.syncStates();
    this.updateMessage();
    const sameFolders = before.length === states.length && before.every((s, i) => s === states[i]);
    const state = index && this.states.get(index.folder.uri.toString());
    if (!sameFolders || !state || !state.drawn || !this.treeView.visible) {
      // Nothing drawn yet, or nobody is looking: forget, and draw afresh when shown.
      for (const s of states) if (!state || s === state || !sameFolders) this.forget(s);
      this.fire(undefined);
      return;
    }
    const old = state.drawn;
    const now = await this.settle(state);
    // Superseded by a later change, or another change's redraw got there first.
    if (!now || state.drawn !== old) return;
    state.drawn = now;
    const oldIds = [...old.signatures.keys()];
    const newIds = [...now.signatures.keys()];
    if (oldIds.length !== newIds.length || oldIds.some((id, i) => id !== newIds[i])) {
      this.forget(state);
      this.fire(this.states.size > 1 ? state.node : undefined);
      return;
    }
    const changed: RolesNode[] = [];
    for (const id of newIds) {
      const sameRow = old.signatures.get(id) === now.signatures.get(id);
      const sameFiles = sameList(old.roleFiles?.byRole.get(id), now.roleFiles?.byRole.get(id));
      if (sameRow && sameFiles) continue;
      const node = state.roleNodes.get(id);
      if (!node) continue;
      node.children = undefined;
      changed.push(node);
    }
    if (changed.length > 0) this.fire(changed);
    else this.lastRefresh = [];
  }

  private fire(nodes: RolesNode | RolesNode[] | undefined): void {
    this.lastRefresh = nodes === undefined ? [undefined] : [nodes].flat().map((n) => this.getTreeItem(n).id);
    this.emitter.fire(nodes);
  }

  private forget(state: FolderState): void {
    state.drawn = undefined;
    for (const node of state.roleNodes.values()) node.children = undefined;
  }

  /**
   * What the folder's rows are drawn from now: the drawn data while it is current; otherwise
   * the data for the current model and files, computed in chunks (shared by concurrent callers).
   * Does not replace `state.drawn`: callers decide, so a redraw can compare old and new.
   */
  private settle(state: FolderState): Promise<Drawn | undefined> {
    const { index } = state;
    const current = state.drawn;
    if (current && current.model === index.model && current.files === index.files) return Promise.resolve(current);
    const pending = state.pending;
    if (pending && pending.model === index.model && pending.files === index.files) return pending.promise;
    const model = index.model;
    const files = index.files;
    const promise = (async (): Promise<Drawn | undefined> => {
      const superseded = (): boolean => index.model !== model || index.files !== files;
      const roleFiles = files
        ? await groupFilesByRoleInChunks(
            files,
            (p) => index.ownership(p),
            model.config.rules.length,
            async () => {
              await new Promise((resolve) => setImmediate(resolve));
              return !superseded();
            },
          )
        : undefined;
      if (superseded() || (files && !roleFiles)) return undefined;
      return { model, files, roleFiles, signatures: signatures(model, roleFiles) };
    })();
    state.pending = { model, files, promise };
    return promise;
  }

  /** The drawn data, drawing it first when nothing is drawn (while a change is being drawn, the old rows stay). */
  private async drawn(state: FolderState): Promise<Drawn | undefined> {
    for (let attempt = 0; !state.drawn && attempt < 5; attempt++) {
      const now = await this.settle(state);
      if (now && !state.drawn) state.drawn = now;
    }
    return state.drawn;
  }

  private roleNode(state: FolderState, role: string): RoleNode {
    let node = state.roleNodes.get(role);
    if (!node) {
      node = { kind: 'role', state, role, parent: this.states.size > 1 ? state.node : undefined };
      state.roleNodes.set(role, node);
    }
    return node;
  }

  private passes(state: FolderState, role: string): boolean {
    const filter = this.filterValue;
    if (!filter) return true;
    if (filter.kind === 'role') return filter.role === role;
    return effectiveHolders(state.index.parsed.config, role).includes(filter.holder);
  }

  private updateMessage(): void {
    const states = [...this.states.values()];
    if (states.length > 0 && states.every((s) => s.index.files === undefined)) this.treeView.message = vscode.l10n.t('Listing the files…');
    else if (this.filterValue && states.length > 0 && states.every((s) => ![...s.index.parsed.config.roles.keys()].some((r) => this.passes(s, r)))) {
      this.treeView.message = vscode.l10n.t('No role matches the filter.');
    } else this.treeView.message = undefined;
  }

  async getChildren(node?: RolesNode): Promise<RolesNode[]> {
    if (!node) {
      const states = this.syncStates();
      if (states.length === 1) return this.rolesOf(states[0]!);
      // Role rows keep their parent: rebuild them when the number of folders changes.
      for (const s of states) for (const r of s.roleNodes.values()) if ((r.parent !== undefined) !== states.length > 1) s.roleNodes.clear();
      return states.map((s) => s.node);
    }
    switch (node.kind) {
      case 'folder':
        return this.rolesOf(node.state);
      case 'role':
        return (node.children ??= await this.roleChildren(node));
      case 'files':
      case 'dir':
        return fileRows(node, node);
      default:
        return [];
    }
  }

  private async rolesOf(state: FolderState): Promise<RoleNode[]> {
    await this.drawn(state);
    const roles = [...state.index.parsed.config.roles.keys()].filter((r) => this.passes(state, r));
    return roles.map((r) => this.roleNode(state, r));
  }

  private async roleChildren(node: RoleNode): Promise<RolesNode[]> {
    const { state, role } = node;
    const config = state.index.parsed.config;
    const def = config.roles.get(role);
    const out: RolesNode[] = [];
    if (def && def.holders.length > 0) def.holders.forEach((holder, at) => out.push({ kind: 'holder', parent: node, holder, at }));
    else out.push({ kind: 'vacant', parent: node });
    for (const rule of rulesOfRole(config, role)) out.push({ kind: 'rule', parent: node, rule });
    const list = (await this.drawn(state))?.roleFiles?.byRole.get(role);
    if (list && list.length > 0) {
      const group: FileGroup = {
        list,
        folderUri: state.index.folder.uri,
        idBase: `${state.key}#role:${role}`,
        fileContext: 'opsRoles.roleFile',
        owner: View.Roles,
      };
      out.push({ kind: 'files', parent: node, group, limit: PAGE_SIZE });
    }
    return out;
  }

  getParent(node: RolesNode): RolesNode | undefined {
    return node.kind === 'folder' ? undefined : node.parent;
  }

  getTreeItem(node: RolesNode): vscode.TreeItem {
    switch (node.kind) {
      case 'folder': {
        const item = folderItem(node.state.index.folder, node.state.key);
        item.resourceUri = node.state.index.folder.uri;
        return item;
      }
      case 'role':
        return this.roleItem(node);
      case 'holder': {
        const { state } = node.parent;
        const item = new vscode.TreeItem(node.holder, vscode.TreeItemCollapsibleState.None);
        item.id = `${state.key}#role:${node.parent.role}/h:${node.holder}`;
        const kind = holderKind(node.holder);
        item.description = holderKindLabel(kind);
        item.iconPath = holderIcon(kind);
        item.contextValue = 'opsRoles.holder';
        const line = state.index.parsed.config.roles.get(node.parent.role)?.holderRanges[node.at]?.line;
        if (line !== undefined) item.command = openAt(state, line, vscode.l10n.t('Open where this holder is written'));
        item.tooltip = kind === 'person' ? vscode.l10n.t('{0} — one person: this role is one absence away from nobody.', node.holder) : node.holder;
        return item;
      }
      case 'vacant': {
        const { state, role } = node.parent;
        const config = state.index.parsed.config;
        const to = fallbackOf(config, role);
        const item = new vscode.TreeItem(vscode.l10n.t('Nobody holds this role'), vscode.TreeItemCollapsibleState.None);
        item.id = `${state.key}#role:${role}/vacant`;
        item.description = to
          ? vscode.l10n.t('falls back to {0}: {1}', to.name, to.holders.join(', '))
          : vscode.l10n.t('and no role of the fallback chain has holders');
        item.tooltip = to
          ? vscode.l10n.t('Files of this role go to the holders of {0} ({1}) until someone holds it.', to.name, to.holders.join(', '))
          : vscode.l10n.t('Files of this role have no owner in CODEOWNERS until someone holds it or a role of the fallback chain.');
        item.iconPath = new vscode.ThemeIcon(to ? 'warning' : 'error', new vscode.ThemeColor(to ? 'list.warningForeground' : 'list.errorForeground'));
        item.contextValue = 'opsRoles.vacant';
        const line = config.roles.get(role)?.range?.line;
        if (line !== undefined) item.command = openAt(state, line, vscode.l10n.t('Assign holders'));
        return item;
      }
      case 'rule': {
        const { state, role } = node.parent;
        const { rule } = node;
        const config = state.index.parsed.config;
        const decided = state.drawn?.roleFiles?.byRule[rule.index];
        const item = new vscode.TreeItem(ruleLabel(rule), vscode.TreeItemCollapsibleState.None);
        item.id = `${state.key}#role:${role}/r:${rule.index}`;
        item.description = ruleDescription(rule, decided);
        item.iconPath = new vscode.ThemeIcon('law');
        item.tooltip = vscode.l10n.t(
          'ops-roles.yaml:{0} gives {1} to {2}{3}.',
          ruleLine(rule) ?? '?',
          ruleLabel(rule),
          ruleRoles(config, rule),
          decided === undefined ? '' : `; it decides ${plural(decided, 'file')}`,
        );
        item.contextValue = 'opsRoles.rule';
        const line = ruleLine(rule);
        if (line !== undefined) item.command = openAt(state, line, vscode.l10n.t('Open the rule'));
        return item;
      }
      case 'files': {
        const item = new vscode.TreeItem(vscode.l10n.t('Files'), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${node.group.idBase}/files`;
        item.description = plural(node.group.list.length, 'file');
        item.iconPath = new vscode.ThemeIcon('files');
        item.contextValue = 'opsRoles.files';
        return item;
      }
      default:
        return fileGroupItem(node);
    }
  }

  private roleItem(node: RoleNode): vscode.TreeItem {
    const { state, role } = node;
    const config = state.index.parsed.config;
    const def = config.roles.get(role);
    const count = state.drawn?.roleFiles ? (state.drawn.roleFiles.byRole.get(role)?.length ?? 0) : undefined;
    const item = new vscode.TreeItem(def?.name ?? role, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `${state.key}#role:${role}`;
    item.description = roleDescription(config, role, count);
    const held = (def?.holders.length ?? 0) > 0;
    const to = held ? undefined : fallbackOf(config, role);
    item.iconPath = held
      ? new vscode.ThemeIcon('account')
      : new vscode.ThemeIcon(to ? 'warning' : 'error', new vscode.ThemeColor(to ? 'list.warningForeground' : 'list.errorForeground'));
    item.contextValue = held ? 'opsRoles.role' : to ? 'opsRoles.role.vacant' : 'opsRoles.role.nobody';
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown(`**${escapeMarkdown(def?.name ?? role)}** \`${role}\`${def && !def.builtin ? ' (custom role)' : ''}\n\n`);
    if (def?.description) tip.appendMarkdown(`${escapeMarkdown(def.description)}\n\n`);
    for (const r of def?.responsibilities ?? []) tip.appendMarkdown(`- ${escapeMarkdown(r)}\n`);
    if (def?.responsibilities.length) tip.appendMarkdown('\n');
    if (held) tip.appendMarkdown(`Holders: ${escapeMarkdown(def!.holders.join(', '))}`);
    else if (to) tip.appendMarkdown(`Nobody holds it; falls back to **${escapeMarkdown(to.name)}**: ${escapeMarkdown(to.holders.join(', '))}`);
    else tip.appendMarkdown('Nobody holds it, nor any role of the fallback chain.');
    item.tooltip = tip;
    return item;
  }

  /** The rows a file sits in: its first role that the filter shows (the filter is cleared when it hides them all). */
  async fileRow(index: FolderIndex, rel: string): Promise<FileNode<RolesNode> | RoleNode | undefined> {
    const state = this.syncStates().find((s) => s.index === index);
    if (!state) return undefined;
    const roles = index.ownership(rel).roles;
    if (roles.length === 0) return undefined;
    let role = roles.find((r) => this.passes(state, r));
    if (role === undefined) {
      this.setFilter(undefined);
      role = roles[0]!;
    }
    const node = this.roleNode(state, role);
    const files = (await this.getChildren(node)).find((c): c is FilesNode => c.kind === 'files');
    return (files && findFileRow(files, files, rel)) ?? node;
  }

  /** Load the next page of the container a "Show more" row belongs to. */
  showMore(node: MoreNode<RolesNode>): void {
    const container = node.parent as FilesNode | DirNode<RolesNode>;
    showMore(container);
    this.emitter.fire(container);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Per role: everything its row and its holder and rule rows show, to tell which rows a change touched. */
function signatures(model: OwnershipModel, roleFiles: RoleFiles | undefined): Map<string, string> {
  const config = model.config;
  const out = new Map<string, string>();
  for (const role of config.roles.values()) {
    const fallback = fallbackOf(config, role.id);
    const rules = rulesOfRole(config, role.id).map((r) => [r.index, ruleLine(r), ruleLabel(r), r.roles.join(','), roleFiles?.byRule[r.index]]);
    const holderLines = role.holderRanges.map((r) => r?.line);
    out.set(
      role.id,
      JSON.stringify([
        role.name,
        role.description,
        role.responsibilities,
        role.holders,
        holderLines,
        role.range?.line,
        fallback?.id,
        fallback?.name,
        fallback?.holders,
        rules,
        roleFiles?.byRole.get(role.id)?.length,
      ]),
    );
  }
  return out;
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
