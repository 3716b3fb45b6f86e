/**
 * The Ops Roles sidebar: the Roles, This File and Coverage views in the "Ops Roles" activity-bar
 * container, the context keys the manifest's `when` clauses and the walkthrough read, and a
 * read-only hook through which the integration tests walk the trees exactly as the editor
 * does. The views' commands (title bar, inline row actions, "Reveal in Ops Roles") are
 * commands like any other, under commands/, and reach the views through this object.
 */
import * as vscode from 'vscode';
import type { Logger } from '../logger.js';
import type { OwnershipIndexManager } from '../ownershipIndex.js';
import { ContextKey } from '../viewIds.js';
import { CoverageView } from './coverageView.js';
import { RolesView, type RolesFilter } from './rolesView.js';
import type { SidebarNode } from './rows.js';
import { ThisFileView } from './thisFileView.js';

/** A tree row as the tests read it: what `getTreeItem` said, and the rows below it. */
export interface TreeRow {
  readonly id: string | undefined;
  readonly label: string;
  readonly description: string | undefined;
  readonly tooltip: string | undefined;
  readonly contextValue: string | undefined;
  readonly collapsible: 'none' | 'collapsed' | 'expanded';
  readonly command: { readonly command: string; readonly arguments: readonly unknown[] } | undefined;
  /** Present when the walk went below this row. */
  readonly children?: readonly TreeRow[];
}

/** Which view a test reads. */
export type SidebarViewName = 'roles' | 'thisFile' | 'coverage';

/** The read-only hook the integration tests use (through the extension's exports). */
export interface SidebarTestApi {
  /**
   * Walk a view through its `TreeDataProvider`: rows down to `depth` levels (1: the top rows
   * only), expanding every row that has children, as a user clicking each twisty would.
   */
  tree(view: SidebarViewName, depth?: number): Promise<TreeRow[]>;
  /** The view's badge, description and message. */
  view(view: SidebarViewName): { badge: vscode.ViewBadge | undefined; description: string | undefined; message: string | undefined; visible: boolean };
  /** Ids of the selected rows. */
  selection(view: SidebarViewName): (string | undefined)[];
  /** Resolves when the Coverage view has recomputed (the drift check included when visible). */
  coverageSettled(): Promise<void>;
  /** Ids of the rows the Roles view redrew on the last index change (`[undefined]`: everything). */
  lastRolesRefresh(): readonly (string | undefined)[];
  /** The node object of a top row, as menus pass it to row commands. */
  node(view: SidebarViewName, match: (row: TreeRow) => boolean): Promise<unknown>;
}

/** Any of the three views, read alike over the union of their nodes. */
interface SidebarTree {
  readonly treeView: vscode.TreeView<SidebarNode>;
  getChildren(node?: SidebarNode): SidebarNode[] | Promise<SidebarNode[]>;
  getTreeItem(node: SidebarNode): vscode.TreeItem;
}

function toRow(item: vscode.TreeItem): TreeRow {
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? item.resourceUri?.path.split('/').pop() ?? '');
  const state = item.collapsibleState ?? vscode.TreeItemCollapsibleState.None;
  return {
    id: item.id,
    label,
    description: typeof item.description === 'string' ? item.description : undefined,
    tooltip: typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value,
    contextValue: item.contextValue,
    collapsible: state === vscode.TreeItemCollapsibleState.None ? 'none' : state === vscode.TreeItemCollapsibleState.Expanded ? 'expanded' : 'collapsed',
    command: item.command && { command: item.command.command, arguments: item.command.arguments ?? [] },
  };
}

/** Creates the views and keeps the context keys current. Dispose to remove them. */
export class Sidebar implements vscode.Disposable {
  readonly roles: RolesView;
  readonly thisFile: ThisFileView;
  readonly coverage: CoverageView;
  private readonly disposables: vscode.Disposable[] = [];
  private started = false;

  constructor(
    private readonly manager: OwnershipIndexManager,
    logger: Logger,
  ) {
    this.roles = new RolesView(manager, logger);
    this.thisFile = new ThisFileView(manager);
    this.coverage = new CoverageView(manager, logger);
    this.disposables.push(
      this.roles,
      this.thisFile,
      this.coverage,
      manager.onDidChange(() => this.updateContext()),
    );
    void this.setContext(ContextKey.SidebarState, 'loading');
    // Indexing starts after activation returns; the welcome waits for it to know there is no config.
    setTimeout(() => {
      manager.start().then(
        () => {
          this.started = true;
          this.updateContext();
        },
        () => undefined,
      );
    }, 0);
  }

  private setContext(key: ContextKey, value: unknown): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', key, value);
  }

  private updateContext(): void {
    const all = this.manager.all();
    void this.setContext(ContextKey.SidebarState, all.length > 0 ? 'ready' : this.started ? 'none' : 'loading');
    const configs = all.filter((i) => !i.codeownersOnly);
    void this.setContext(ContextKey.HasConfig, configs.length > 0);
    void this.setContext(ContextKey.CodeownersOnly, configs.length < all.length);
    void this.setContext(
      ContextKey.HoldersAssigned,
      configs.some((i) => [...i.parsed.config.roles.values()].some((r) => r.holders.length > 0)),
    );
  }

  /** Show only some roles (or all again with `undefined`); the title bar offers "Clear filter" meanwhile. */
  setFilter(filter: RolesFilter): void {
    this.roles.setFilter(filter);
    void this.setContext(ContextKey.SidebarFiltered, filter !== undefined);
  }

  /** The hook for the integration tests. */
  readonly testApi: SidebarTestApi = {
    tree: (view, depth = 2) => this.walk(this.view(view), undefined, depth),
    view: (view) => {
      const tree = this.view(view).treeView;
      return { badge: tree.badge, description: tree.description, message: tree.message, visible: tree.visible };
    },
    selection: (view) => {
      const v = this.view(view);
      return v.treeView.selection.map((node) => v.getTreeItem(node).id);
    },
    coverageSettled: () => this.coverage.update(),
    lastRolesRefresh: () => this.roles.lastRefresh,
    node: async (view, match) => {
      const v = this.view(view);
      return (await v.getChildren()).find((n) => match(toRow(v.getTreeItem(n))));
    },
  };

  private view(view: SidebarViewName): SidebarTree {
    return view === 'roles' ? this.roles : view === 'thisFile' ? this.thisFile : this.coverage;
  }

  private async walk(view: SidebarTree, node: SidebarNode | undefined, depth: number): Promise<TreeRow[]> {
    const rows: TreeRow[] = [];
    for (const child of await view.getChildren(node)) {
      const row = toRow(view.getTreeItem(child));
      rows.push(depth > 1 && row.collapsible !== 'none' ? { ...row, children: await this.walk(view, child, depth - 1) } : row);
    }
    return rows;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
