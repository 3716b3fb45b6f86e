/**
 * The "Review" view: the roles (and holders) the current change needs, with their files, for
 * every workspace folder that has ops-roles.yaml. It refreshes when the built-in git extension
 * reports a new repository state (no polling) and when a folder's config changes; the work is
 * done by `computeFolderReviews` (folderReviews.ts), which "Copy Review Request" shares.
 */
import * as vscode from 'vscode';
import { describeChange, groupChangesByRole, statusLetter, type ChangedFile, type ReviewFile, type ReviewRoleGroup } from '../../core/review.js';
import { View } from '../viewIds.js';
import { computeFolderReviews, type FolderReview, type ReviewFolderSource } from './folderReviews.js';
import { escapeMarkdown, plural } from '../../core/text.js';

/** Git state changes come in bursts (a save, then the index refresh): answer once. */
const REFRESH_DEBOUNCE_MS = 300;

/** Where the folders come from, and when their configs change. */
export interface ReviewSources {
  all(): readonly ReviewFolderSource[];
  readonly onDidChange: vscode.Event<unknown>;
}

/** The part of the logger this view writes to. */
export interface ReviewLogger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

// The few parts of the built-in git extension's API (extensions/git/src/api/git.d.ts) used here.
interface GitExtension {
  readonly enabled: boolean;
  readonly onDidChangeEnablement: vscode.Event<boolean>;
  getAPI(version: 1): GitApi;
}
interface GitApi {
  readonly repositories: readonly GitRepository[];
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
  readonly onDidCloseRepository: vscode.Event<GitRepository>;
}
interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly onDidChange: vscode.Event<void> };
}

interface FolderNode {
  readonly kind: 'folder';
  readonly review: FolderReview;
  children: ReviewNode[];
}
interface RoleNode {
  readonly kind: 'role';
  readonly review: FolderReview;
  readonly group: ReviewRoleGroup;
  readonly parent: FolderNode | undefined;
  children: FileNode[];
}
interface UnownedNode {
  readonly kind: 'unowned';
  readonly review: FolderReview;
  readonly parent: FolderNode | undefined;
  children: FileNode[];
}
interface FileNode {
  readonly kind: 'file';
  readonly review: FolderReview;
  readonly file: ChangedFile | ReviewFile;
  readonly parent: RoleNode | UnownedNode;
}
/** A node of the Review tree: plain data, mapped to a TreeItem by `getTreeItem`. */
export type ReviewNode = FolderNode | RoleNode | UnownedNode | FileNode;

function isInside(child: string, parent: string): boolean {
  const p = parent.replace(/[\\/]+$/, '');
  return child === p || child.startsWith(`${p}/`) || child.startsWith(`${p}\\`);
}

/** The Review view. Dispose to unregister everything. */
export class ReviewView implements vscode.TreeDataProvider<ReviewNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<ReviewNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly treeView: vscode.TreeView<ReviewNode>;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  private readonly repoListeners = new Map<string, vscode.Disposable>();
  private roots: ReviewNode[] = [];
  private reviews: FolderReview[] = [];
  /** Set when git or a config changed since the last computation. */
  private stale = true;
  private timer: NodeJS.Timeout | undefined;
  private running: { controller: AbortController; done: Promise<void> } | undefined;
  private gitNote: string | undefined;
  private disposed = false;

  constructor(
    private readonly sources: ReviewSources,
    private readonly logger: ReviewLogger,
  ) {
    this.treeView = vscode.window.createTreeView(View.Review, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.treeView,
      // A new model (config edited) only regroups; a git call happens on git events.
      sources.onDidChange(() => this.configChanged()),
      this.treeView.onDidChangeVisibility((e) => {
        if (e.visible && this.stale) this.schedule();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.invalidate()),
      { dispose: () => this.repoListeners.forEach((d) => d.dispose()) },
    );
    void this.connectGit();
    this.invalidate();
  }

  /** Listen to the git extension's repositories; without it, config changes still refresh the view. */
  private async connectGit(): Promise<void> {
    const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
    if (!extension) {
      this.gitNote = 'The built-in Git extension is not available; the review refreshes only when ops-roles.yaml changes.';
      return;
    }
    try {
      const exports = extension.isActive ? extension.exports : await extension.activate();
      if (this.disposed) return;
      const attach = () => {
        try {
          const api = exports.getAPI(1);
          this.gitNote = undefined;
          for (const repo of api.repositories) this.watchRepository(repo);
          this.disposables.push(
            api.onDidOpenRepository((repo) => {
              this.watchRepository(repo);
              this.invalidate();
            }),
            api.onDidCloseRepository((repo) => {
              const key = repo.rootUri.toString();
              this.repoListeners.get(key)?.dispose();
              this.repoListeners.delete(key);
              this.invalidate();
            }),
          );
          return true;
        } catch (error) {
          // getAPI throws while git is disabled (`git.enabled: false`).
          this.gitNote = 'Git is disabled; the review refreshes only when ops-roles.yaml changes.';
          this.logger.info(`Review: git extension API unavailable (${String((error as Error)?.message ?? error)})`);
          return false;
        }
      };
      if (!exports.enabled || !attach()) {
        const sub = exports.onDidChangeEnablement((enabled) => {
          if (enabled && attach()) {
            sub.dispose();
            this.invalidate();
          }
        });
        this.disposables.push(sub);
      }
      this.invalidate();
    } catch (error) {
      this.logger.error('Review: connecting to the git extension', error);
    }
  }

  private watchRepository(repo: GitRepository): void {
    const key = repo.rootUri.toString();
    if (this.repoListeners.has(key)) return;
    this.repoListeners.set(
      key,
      repo.state.onDidChange(() => {
        // Only repositories that hold one of our folders matter.
        const root = repo.rootUri.fsPath;
        if (this.sources.all().some((s) => isInside(s.folder.uri.fsPath, root))) this.invalidate();
      }),
    );
  }

  private configChanged(): void {
    const current = this.sources.all();
    const same = current.length === this.reviews.length && current.every((s, i) => this.reviews[i]?.folder === s.folder && this.reviews[i]?.model === s.model);
    if (same) return;
    const byFolder = new Map(this.reviews.map((r) => [r.folder.uri.toString(), r]));
    if (current.every((s) => byFolder.get(s.folder.uri.toString())?.changes?.ok)) {
      // Same files, new rules: regroup without asking git again.
      this.reviews = current.map((s) => {
        const changes = byFolder.get(s.folder.uri.toString())!.changes!;
        return { folder: s.folder, model: s.model, changes, groups: changes.ok ? groupChangesByRole(s.model, changes.files) : undefined, message: undefined };
      });
      this.render();
    } else this.invalidate();
  }

  /** Mark the review stale; recompute soon if anyone is looking. */
  private invalidate(): void {
    this.stale = true;
    if (this.treeView.visible) this.schedule();
  }

  private schedule(): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DEBOUNCE_MS);
  }

  /** Recompute every folder's review now (a newer call cancels an older one). */
  refresh(): Promise<void> {
    clearTimeout(this.timer);
    this.running?.controller.abort();
    const controller = new AbortController();
    const done = this.compute(controller.signal).catch((error: unknown) => {
      if ((error as Error)?.name !== 'AbortError') this.logger.error('Review: listing the changes', error);
    });
    this.running = { controller, done };
    return done;
  }

  private async compute(signal: AbortSignal): Promise<void> {
    this.stale = false;
    const reviews = await computeFolderReviews(this.sources.all(), signal);
    if (this.disposed) return;
    this.reviews = reviews;
    this.render();
  }

  private render(): void {
    const single = this.reviews.length === 1;
    this.roots = [];
    for (const review of this.reviews) {
      const folderNode: FolderNode = { kind: 'folder', review, children: [] };
      const parent = single ? undefined : folderNode;
      const children: ReviewNode[] = [];
      for (const group of review.groups?.roles ?? []) {
        const node: RoleNode = { kind: 'role', review, group, parent, children: [] };
        node.children = group.files.map((file) => ({ kind: 'file', review, file, parent: node }));
        children.push(node);
      }
      if (review.groups && review.groups.unowned.length > 0) {
        const node: UnownedNode = { kind: 'unowned', review, parent, children: [] };
        node.children = review.groups.unowned.map((file) => ({ kind: 'file', review, file, parent: node }));
        children.push(node);
      }
      folderNode.children = children;
      if (single) this.roots.push(...children);
      else this.roots.push(folderNode);
    }
    this.treeView.message = this.viewMessage();
    this.treeView.description = single ? this.baseDescription(this.reviews[0]!) : undefined;
    this.treeView.badge = this.badge();
    this.changeEmitter.fire(undefined);
  }

  private viewMessage(): string | undefined {
    if (this.reviews.length === 0) return 'No workspace folder has an ops-roles.yaml.';
    const notes: string[] = [];
    if (this.reviews.length === 1) {
      const r = this.reviews[0]!;
      if (r.message) notes.push(r.message);
      else if (r.changes?.ok && r.changes.files.length === 0) notes.push(`No changes${r.changes.base.ref ? ` since ${r.changes.base.ref}` : ''}.`);
    } else {
      for (const r of this.reviews) if (r.message) notes.push(`${r.folder.name}: ${r.message}`);
    }
    if (this.gitNote) notes.push(this.gitNote);
    return notes.length > 0 ? notes.join(' ') : undefined;
  }

  private baseDescription(review: FolderReview): string | undefined {
    if (!review.changes?.ok) return undefined;
    const { base } = review.changes;
    return base.kind === 'empty-tree' ? 'all files new' : `since ${base.ref}`;
  }

  private badge(): vscode.ViewBadge | undefined {
    const unheld = this.reviews.reduce((n, r) => n + (r.groups?.unheldRoles.length ?? 0), 0);
    return unheld > 0 ? { value: unheld, tooltip: `${plural(unheld, 'role')} this change needs that nobody can approve` } : undefined;
  }

  getChildren(node?: ReviewNode): ReviewNode[] {
    if (!node) {
      if (this.stale) this.schedule();
      return this.roots;
    }
    return node.kind === 'file' ? [] : node.children;
  }

  getParent(node: ReviewNode): ReviewNode | undefined {
    return node.kind === 'folder' ? undefined : node.parent;
  }

  getTreeItem(node: ReviewNode): vscode.TreeItem {
    const folderKey = node.review.folder.uri.toString();
    switch (node.kind) {
      case 'folder': {
        const item = new vscode.TreeItem(node.review.folder.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `${folderKey}#folder`;
        item.iconPath = new vscode.ThemeIcon('root-folder');
        item.description = node.review.message ?? this.baseDescription(node.review);
        item.contextValue = 'opsRoles.reviewFolder';
        return item;
      }
      case 'role': {
        const g = node.group;
        const unheld = g.holders.length === 0;
        const item = new vscode.TreeItem(g.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `${folderKey}#role:${g.role}`;
        const count = plural(g.files.length, 'file');
        item.description = unheld
          ? vscode.l10n.t('nobody can approve — {0}', count)
          : g.fellBackTo !== undefined
            ? vscode.l10n.t('{0} (via {1}) — {2}', g.holders.join(', '), g.fellBackToName ?? g.fellBackTo, count)
            : `${g.holders.join(', ')} — ${count}`;
        item.iconPath = unheld
          ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
          : new vscode.ThemeIcon(g.fellBackTo ? 'person-add' : 'person');
        item.contextValue = unheld ? 'opsRoles.reviewRole.unheld' : 'opsRoles.reviewRole';
        const tip = new vscode.MarkdownString();
        tip.appendMarkdown(`**${escapeMarkdown(g.name)}** (\`${g.role}\`)\n\n`);
        if (unheld)
          tip.appendMarkdown('Nobody holds this role and no role of the fallback chain has holders: this change cannot be approved as configured.\n\n');
        else if (g.fellBackTo)
          tip.appendMarkdown(
            `Nobody holds this role; it falls back to **${escapeMarkdown(g.fellBackToName ?? g.fellBackTo)}**: ${escapeMarkdown(g.holders.join(', '))}\n\n`,
          );
        else tip.appendMarkdown(`Holders: ${escapeMarkdown(g.holders.join(', '))}\n\n`);
        for (const rule of g.rules)
          tip.appendMarkdown(`Rule at ops-roles.yaml line ${rule.range?.line ?? '?'}: \`${rule.patterns.map((p) => p.source).join(', ')}\`\n\n`);
        item.tooltip = tip;
        return item;
      }
      case 'unowned': {
        const item = new vscode.TreeItem(vscode.l10n.t('Unowned'), vscode.TreeItemCollapsibleState.Expanded);
        item.id = `${folderKey}#unowned`;
        item.description = vscode.l10n.t('no rule matches — {0}', plural(node.children.length, 'file'));
        item.iconPath = new vscode.ThemeIcon('question');
        item.contextValue = 'opsRoles.reviewUnowned';
        return item;
      }
      case 'file': {
        const f = node.file;
        const shownPath = 'matched' in f && f.matched === 'oldPath' && f.oldPath !== undefined ? f.oldPath : f.path;
        const uri = vscode.Uri.joinPath(node.review.folder.uri, ...shownPath.split('/'));
        const item = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.None);
        const parentId = node.parent.kind === 'role' ? `role:${node.parent.group.role}` : 'unowned';
        item.id = `${folderKey}#${parentId}#${f.path}`;
        const slash = shownPath.lastIndexOf('/');
        const dir = slash === -1 ? '' : shownPath.slice(0, slash);
        const change =
          f.status === 'renamed' || f.status === 'copied' ? (shownPath === f.path ? `${f.status} from ${f.oldPath}` : `renamed to ${f.path}`) : f.status;
        item.description = [dir, statusLetter(f.status)].filter(Boolean).join(' · ');
        item.tooltip = `${describeChange(f)} (${change})`;
        item.contextValue = 'opsRoles.reviewFile';
        const exists = f.status !== 'deleted' && shownPath === f.path;
        if (exists) item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [uri] };
        return item;
      }
    }
  }

  /**
   * What the view lists now, without recomputing: per folder, the role ids, unheld role ids and
   * changed files. For the extension's API (its integration tests read the view through it).
   */
  snapshot(): { folder: string; roles: string[]; unheldRoles: string[]; files: string[]; message: string | undefined }[] {
    return this.reviews.map((r) => ({
      folder: r.folder.name,
      roles: r.groups?.roles.map((g) => g.role) ?? [],
      unheldRoles: [...(r.groups?.unheldRoles ?? [])],
      files: r.changes?.ok ? r.changes.files.map((f) => f.path) : [],
      message: r.message,
    }));
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.running?.controller.abort();
    for (const d of this.disposables) d.dispose();
  }
}
