/**
 * The Ops Roles sidebar: the Roles, This File and Coverage views in the "Ops Roles" activity-bar
 * container, their commands (title bar, inline row actions, "Reveal in Ops Roles"), the context
 * keys the manifest's `when` clauses and the walkthrough read, and a read-only hook through
 * which the integration tests walk the trees exactly as the editor does.
 */
import * as vscode from 'vscode';
import type { OwnershipRule } from '../../core/config.js';
import { plural } from '../../core/text.js';
import { Command, InternalCommand } from '../commandIds.js';
import { addRoleEdit } from '../configEdits.js';
import { openConfigAt, pickIndex, type CommandServices } from '../commands/shared.js';
import { ruleLine } from '../format.js';
import { reportFailure, type Logger } from '../logger.js';
import type { FolderIndex, OwnershipIndexManager } from '../ownershipIndex.js';
import { CoverageView, type CoverageNode } from './coverageView.js';
import type { FileGroup, MoreNode } from './fileNodes.js';
import { RolesView, type RolesFilter, type RolesNode } from './rolesView.js';
import { effectiveHolders } from './sidebarData.js';
import { SidebarCommand, SidebarContext, SidebarItemCommand, SidebarView } from './sidebarIds.js';
import { ThisFileView, type ThisFileNode } from './thisFileView.js';

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

type AnyNode = RolesNode | ThisFileNode | CoverageNode;

/** The folder index a row belongs to, whichever view it comes from. */
function indexOfRow(node: unknown): FolderIndex | undefined {
  const n = node as Partial<{ index: FolderIndex; state: { index: FolderIndex }; parent: { state?: { index: FolderIndex } } }> | undefined;
  return n?.index ?? n?.state?.index ?? n?.parent?.state?.index;
}

/** The URI of a file or folder row, or of This File's "no rule matches" row. */
function uriOfRow(node: unknown): vscode.Uri | undefined {
  const n = node as Partial<{ kind: string; uri: vscode.Uri; group: FileGroup; path: string; prefix: string }> | undefined;
  if (!n) return undefined;
  if (n.uri instanceof vscode.Uri) return n.uri;
  if (n.kind === 'file' && n.group && n.path) return vscode.Uri.joinPath(n.group.folderUri, ...n.path.split('/'));
  if (n.kind === 'dir' && n.group && n.prefix) return vscode.Uri.joinPath(n.group.folderUri, ...n.prefix.slice(0, -1).split('/'));
  if (n instanceof vscode.Uri) return n;
  return undefined;
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

/** Creates the views and registers their commands. Dispose to remove them. */
export class Sidebar implements vscode.Disposable {
  readonly roles: RolesView;
  readonly thisFile: ThisFileView;
  readonly coverage: CoverageView;
  private readonly disposables: vscode.Disposable[] = [];
  private started = false;

  constructor(
    private readonly manager: OwnershipIndexManager,
    private readonly logger: Logger,
    private readonly services: CommandServices,
  ) {
    this.roles = new RolesView(manager, logger);
    this.thisFile = new ThisFileView(manager);
    this.coverage = new CoverageView(manager, logger);
    this.disposables.push(this.roles, this.thisFile, this.coverage, manager.onDidChange(() => this.updateContext()), ...this.registerCommands());
    void this.setContext(SidebarContext.State, 'loading');
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

  private setContext(key: SidebarContext, value: unknown): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', key, value);
  }

  private updateContext(): void {
    const all = this.manager.all();
    void this.setContext(SidebarContext.State, all.length > 0 ? 'ready' : this.started ? 'none' : 'loading');
    void this.setContext(SidebarContext.HoldersAssigned, all.some((i) => [...i.parsed.config.roles.values()].some((r) => r.holders.length > 0)));
  }

  private registerCommands(): vscode.Disposable[] {
    const commands: [string, (...args: unknown[]) => unknown][] = [
      [SidebarCommand.Refresh, () => this.refresh()],
      [SidebarCommand.Filter, (arg) => this.pickFilter(arg)],
      [SidebarCommand.ClearFilter, () => this.applyFilter(undefined)],
      [SidebarCommand.Reveal, (arg) => this.reveal(arg)],
      [SidebarCommand.AssignHolders, (arg) => this.assignHolders(arg)],
      [SidebarItemCommand.OpenRule, (node) => this.openRule(node)],
      [SidebarItemCommand.RevealFile, (node) => this.revealFile(node)],
      [SidebarItemCommand.CopyHolders, (node) => this.copyHolders(node)],
      [SidebarItemCommand.AddRule, (node) => this.addRule(node)],
      [SidebarItemCommand.ShowMore, (node) => this.showMore(node)],
      [SidebarItemCommand.Regenerate, (node) => this.regenerate(node)],
    ];
    return commands.map(([id, run]) =>
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await run(...args);
        } catch (error) {
          await reportFailure(this.logger, `Ops Roles: ${id} failed`, error);
          return undefined;
        }
      }),
    );
  }

  /** Re-read every folder's config and files, then redraw. */
  private async refresh(): Promise<void> {
    await this.manager.start();
    await Promise.all(this.manager.all().map(async (index) => {
      await index.reloadConfig();
      await index.relist();
    }));
    this.roles.redraw();
    await this.coverage.update();
  }

  private applyFilter(filter: RolesFilter): void {
    this.roles.setFilter(filter);
    void this.setContext(SidebarContext.Filtered, filter !== undefined);
  }

  /**
   * Pick a role or a holder to show only what it covers. Callers may pass the choice instead:
   * `{ role: 'database-administrator' }` or `{ holder: '@alice' }`.
   */
  private async pickFilter(arg?: unknown): Promise<RolesFilter> {
    const given = arg as Partial<{ role: string; holder: string }> | undefined;
    if (typeof given?.role === 'string' || typeof given?.holder === 'string') {
      this.applyFilter(typeof given.role === 'string' ? { kind: 'role', role: given.role } : { kind: 'holder', holder: given.holder! });
      return this.roles.filter;
    }
    await this.manager.start();
    type Item = vscode.QuickPickItem & { filter?: RolesFilter; clear?: boolean };
    const roles = new Map<string, Item>();
    const holders = new Map<string, Set<string>>();
    for (const index of this.manager.all()) {
      const config = index.parsed.config;
      for (const role of config.roles.values()) {
        if (!roles.has(role.id)) roles.set(role.id, { label: role.name, description: role.id, detail: role.holders.join(', ') || 'nobody holds it', filter: { kind: 'role', role: role.id } });
        for (const h of effectiveHolders(config, role.id)) {
          let names = holders.get(h);
          if (!names) holders.set(h, (names = new Set()));
          names.add(role.name);
        }
      }
    }
    const items: Item[] = [];
    if (this.roles.filter) items.push({ label: '$(clear-all) Show every role', clear: true });
    items.push({ label: 'Roles', kind: vscode.QuickPickItemKind.Separator }, ...roles.values());
    items.push({ label: 'Holders', kind: vscode.QuickPickItemKind.Separator });
    for (const [holder, names] of [...holders].sort((a, b) => a[0].localeCompare(b[0]))) {
      items.push({ label: holder, description: [...names].join(', '), filter: { kind: 'holder', holder } });
    }
    const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Show the roles of… (a role, or everything one holder answers for)', matchOnDescription: true });
    if (!picked) return this.roles.filter;
    this.applyFilter(picked.clear ? undefined : picked.filter);
    return this.roles.filter;
  }

  /**
   * Select a file in the Roles view (under its first role), or among the unowned files in the
   * Coverage view. Returns the view and row id it revealed (for tests).
   */
  private async reveal(arg: unknown): Promise<{ view: string; id: string | undefined } | undefined> {
    const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.parse(arg) : vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      void vscode.window.showInformationMessage('Open a file or pick one in the Explorer to reveal it in Ops Roles.');
      return undefined;
    }
    await this.manager.start();
    const located = this.manager.locate(uri);
    if (!located) {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      void vscode.window.showInformationMessage(folder ? `${folder.name} has no ops-roles.yaml at its root.` : 'This file is not in a workspace folder.');
      return undefined;
    }
    await located.index.ready;
    const { index, rel } = located;
    const row = await this.roles.fileRow(index, rel);
    if (row) {
      await this.roles.treeView.reveal(row, { select: true, focus: true, expand: row.kind === 'role' });
      return { view: SidebarView.Roles, id: this.roles.getTreeItem(row).id };
    }
    await this.coverage.update();
    const unowned = this.coverage.unownedRow(index, rel);
    if (unowned) {
      await this.coverage.treeView.reveal(unowned, { select: true, focus: true });
      return { view: SidebarView.Coverage, id: this.coverage.getTreeItem(unowned).id };
    }
    void vscode.window.showInformationMessage(`${rel} is not among the files Ops Roles lists (ignored by git, or just created).`);
    return undefined;
  }

  /** Open where a role's holders are written, adding the role under `roles:` when the file does not list it. */
  private async assignHolders(arg: unknown): Promise<{ line: number } | undefined> {
    const node = arg as Partial<{ role: string; parent: { role?: string } }> | undefined;
    const role = node?.role ?? node?.parent?.role;
    const index = indexOfRow(arg) ?? (await pickIndex(this.services, arg instanceof vscode.Uri ? arg : undefined, 'gets holders'));
    if (!index) return undefined;
    const document = await vscode.workspace.openTextDocument(index.configUri);
    const def = role === undefined ? undefined : index.parsed.config.roles.get(role);
    if (def?.range) {
      const editor = await openConfigAt(index, def.range.line);
      return { line: editor.selection.active.line + 1 };
    }
    if (role === undefined) {
      // The roles section, or the top of the file when it has none.
      const at = /^roles\s*:/m.exec(document.getText());
      const line = at ? document.positionAt(at.index).line + 1 : 1;
      await openConfigAt(index, Math.min(document.lineCount, line + (at ? 1 : 0)));
      return { line };
    }
    const edit = addRoleEdit(document.getText(), role);
    const we = new vscode.WorkspaceEdit();
    we.replace(document.uri, new vscode.Range(document.positionAt(edit.offset), document.positionAt(edit.endOffset)), edit.newText);
    if (!(await vscode.workspace.applyEdit(we))) return undefined;
    const cursor = document.positionAt(edit.offset + edit.newText.indexOf(`${role}: [`) + role.length + 3);
    const editor = await vscode.window.showTextDocument(document, { preview: false, selection: new vscode.Selection(cursor, cursor) });
    editor.revealRange(new vscode.Range(cursor, cursor));
    return { line: cursor.line + 1 };
  }

  private async openRule(node: unknown): Promise<{ line: number } | undefined> {
    const rule = (node as Partial<{ rule: OwnershipRule }> | undefined)?.rule;
    const index = indexOfRow(node);
    const line = rule && ruleLine(rule);
    if (!index || line === undefined) return undefined;
    await openConfigAt(index, line);
    return { line };
  }

  private async revealFile(node: unknown): Promise<void> {
    const uri = uriOfRow(node);
    if (uri) await vscode.commands.executeCommand('revealInExplorer', uri);
  }

  private async copyHolders(node: unknown): Promise<string | undefined> {
    const n = node as Partial<{ kind: string; role: string; holder: string }> | undefined;
    const index = indexOfRow(node);
    if (!n || !index) return undefined;
    const holders = n.kind === 'holder' && n.holder ? [n.holder] : n.role ? effectiveHolders(index.parsed.config, n.role) : [];
    if (holders.length === 0) {
      void vscode.window.showInformationMessage('Nobody holds this role yet.');
      return undefined;
    }
    const text = holders.join(' ');
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`$(copy) Copied ${plural(holders.length, 'holder')}: ${text}`, 4000);
    return text;
  }

  private async addRule(node: unknown): Promise<unknown> {
    const uri = uriOfRow(node);
    if (!uri) return undefined;
    return vscode.commands.executeCommand(InternalCommand.AddRule, uri.toString());
  }

  private showMore(node: unknown): void {
    const more = node as MoreNode<unknown> | undefined;
    if (more?.kind !== 'more') return;
    if (more.group.owner === SidebarView.Roles) this.roles.showMore(more as MoreNode<RolesNode>);
    else this.coverage.showMore(more as MoreNode<CoverageNode>);
  }

  private regenerate(node: unknown): Thenable<unknown> | undefined {
    const index = indexOfRow(node);
    return vscode.commands.executeCommand(Command.Generate, index?.folder.uri);
  }

  /** The hook for the integration tests. */
  readonly testApi: SidebarTestApi = {
    tree: (view, depth = 2) => this.walk(this.provider(view), undefined, depth),
    view: (view) => {
      const tree = this.provider(view).treeView as vscode.TreeView<AnyNode>;
      return { badge: tree.badge, description: tree.description, message: tree.message, visible: tree.visible };
    },
    selection: (view) => {
      const provider = this.provider(view);
      const tree = provider.treeView as vscode.TreeView<AnyNode>;
      return tree.selection.map((node) => (provider as unknown as vscode.TreeDataProvider<AnyNode>).getTreeItem(node) as vscode.TreeItem).map((item) => item.id);
    },
    coverageSettled: () => this.coverage.update(),
    lastRolesRefresh: () => this.roles.lastRefresh,
    node: async (view, match) => {
      const p = this.provider(view) as unknown as { getChildren(): AnyNode[] | Promise<AnyNode[]>; getTreeItem(n: AnyNode): vscode.TreeItem };
      return (await p.getChildren()).find((n) => match(toRow(p.getTreeItem(n))));
    },
  };

  private provider(view: SidebarViewName): RolesView | ThisFileView | CoverageView {
    return view === 'roles' ? this.roles : view === 'thisFile' ? this.thisFile : this.coverage;
  }

  private async walk(provider: RolesView | ThisFileView | CoverageView, node: AnyNode | undefined, depth: number): Promise<TreeRow[]> {
    const p = provider as unknown as vscode.TreeDataProvider<AnyNode>;
    const children = (await p.getChildren(node)) ?? [];
    const rows: TreeRow[] = [];
    for (const child of children) {
      const row = toRow(await p.getTreeItem(child));
      rows.push(depth > 1 && row.collapsible !== 'none' ? { ...row, children: await this.walk(provider, child, depth - 1) } : row);
    }
    return rows;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
