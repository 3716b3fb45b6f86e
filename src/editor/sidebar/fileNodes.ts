/**
 * Tree nodes for a list of files grouped by folder (a role's files, the unowned files): plain
 * objects that know their parent, created level by level when the user expands one. A small
 * list is shown flat, a large one as folders; a level with very many entries shows a page at a
 * time, so no expansion ever builds more than {@link PAGE_SIZE} tree items.
 */
import * as vscode from 'vscode';
import { plural } from '../../core/text.js';
import { Command } from '../commandIds.js';
import type { View } from '../viewIds.js';
import { folderChain, folderLevel, prefixRange } from './fileTree.js';

/** Lists up to this long are shown flat (folder as the row's description). */
export const FLAT_LIMIT = 12;
/** Rows per page at one level; a "Show more" row loads the next page. */
export const PAGE_SIZE = 500;

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The list a group shows, and how its rows are named and marked for menus. */
export interface FileGroup {
  /** Sorted by code units (as the ownership index sorts); never mutated after creation. */
  readonly list: readonly string[];
  readonly folderUri: vscode.Uri;
  /** Prefix of every row id in this group (ids are unique across the whole tree). */
  readonly idBase: string;
  /** `contextValue` for file rows (folder rows get `<this>.folder`). */
  readonly fileContext: string;
  /** The view the rows belong to ("Show more" asks that view to redraw the container). */
  readonly owner: View.Roles | View.Coverage;
}

/** Something that lists a part of a group: the group's own root node or a folder row. */
export interface FileContainer<P> {
  readonly group: FileGroup;
  /** How many rows this level shows before "Show more". */
  limit: number;
  /** The rows, once computed (dropped to recompute). */
  children?: P[];
}

/** A folder row: the run of the group's list below `prefix`. */
export interface DirNode<P> extends FileContainer<P> {
  readonly kind: 'dir';
  readonly parent: P;
  readonly prefix: string;
  readonly label: string;
  readonly start: number;
  readonly end: number;
}

/** A file row. */
export interface FileNode<P> {
  readonly kind: 'file';
  readonly parent: P;
  readonly group: FileGroup;
  readonly path: string;
  /** Shown flat: the folder goes into the description. */
  readonly flat: boolean;
}

/** "Show N more": clicking loads the next page of its parent. */
export interface MoreNode<P> {
  readonly kind: 'more';
  readonly parent: P;
  readonly group: FileGroup;
  readonly remaining: number;
}

/** Any node of a file group. */
export type FileGroupNode<P> = DirNode<P> | FileNode<P> | MoreNode<P>;

/** The `[start, end)` run and prefix a container covers. */
function extent<P>(container: FileContainer<P>): { prefix: string; start: number; end: number } {
  const dir = container as Partial<DirNode<P>>;
  return dir.kind === 'dir' ? { prefix: dir.prefix!, start: dir.start!, end: dir.end! } : { prefix: '', start: 0, end: container.group.list.length };
}

/**
 * The rows of `container` (its group root, or a folder row), computed on first call and kept
 * until `container.children` is cleared. `self` is the container as a node of the view's tree.
 */
export function fileRows<P>(container: FileContainer<P>, self: P): P[] {
  if (container.children) return container.children;
  const { group } = container;
  const { prefix, start, end } = extent(container);
  const rows: FileGroupNode<P>[] = [];
  if (prefix === '' && group.list.length <= FLAT_LIMIT) {
    for (const path of group.list) rows.push({ kind: 'file', parent: self, group, path, flat: true });
  } else {
    const level = folderLevel(group.list, prefix, start, end);
    // The list is in code-unit order; rows read better in the explorer's order.
    const folders = [...level.folders].sort((a, b) => byName.compare(a.label, b.label));
    const files = [...level.files].sort((a, b) => byName.compare(a, b));
    for (const f of folders) {
      rows.push({ kind: 'dir', parent: self, group, prefix: f.prefix, label: f.label, start: f.start, end: f.end, limit: PAGE_SIZE });
    }
    for (const path of files) rows.push({ kind: 'file', parent: self, group, path, flat: false });
  }
  let shown: FileGroupNode<P>[] = rows;
  if (rows.length > container.limit) {
    shown = rows.slice(0, container.limit);
    shown.push({ kind: 'more', parent: self, group, remaining: rows.length - container.limit });
  }
  container.children = shown as P[];
  return container.children;
}

/** Show the next page of the container a "Show more" row belongs to. */
export function showMore<P>(container: FileContainer<P>): void {
  container.limit += PAGE_SIZE;
  container.children = undefined;
}

/**
 * The row of `path` below `root`, expanding (computing) the folder rows on the way, so that
 * `TreeView.reveal` finds every ancestor through `getParent`. Pages grow until the row shows.
 */
export function findFileRow<P>(root: FileContainer<P>, rootNode: P, path: string): FileNode<P> | undefined {
  const { list } = root.group;
  const chain = root.group.list.length <= FLAT_LIMIT ? [] : folderChain(list, path);
  if (!chain) return undefined;
  let container: FileContainer<P> = root;
  let self: P = rootNode;
  for (const prefix of [...chain, undefined]) {
    for (;;) {
      const rows = fileRows(container, self) as FileGroupNode<P>[];
      const hit = rows.find((r) => (prefix === undefined ? r.kind === 'file' && r.path === path : r.kind === 'dir' && r.prefix === prefix));
      if (hit) {
        if (hit.kind === 'file') return hit;
        container = hit as DirNode<P>;
        self = hit as P;
        break;
      }
      if (!rows.some((r) => r.kind === 'more')) return undefined;
      showMore(container);
    }
  }
  return undefined;
}

/** The rows' tree items. */
export function fileGroupItem<P>(node: FileGroupNode<P>): vscode.TreeItem {
  const { group } = node;
  switch (node.kind) {
    case 'dir': {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `${group.idBase}/d:${node.prefix}`;
      item.resourceUri = vscode.Uri.joinPath(group.folderUri, ...node.prefix.slice(0, -1).split('/'));
      item.iconPath = vscode.ThemeIcon.Folder;
      item.description = plural(node.end - node.start, 'file');
      item.tooltip = `${node.prefix} — ${plural(node.end - node.start, 'file')}`;
      item.contextValue = `${group.fileContext}.folder`;
      return item;
    }
    case 'file': {
      const uri = vscode.Uri.joinPath(group.folderUri, ...node.path.split('/'));
      const item = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.None);
      item.id = `${group.idBase}/f:${node.path}`;
      item.iconPath = vscode.ThemeIcon.File;
      const slash = node.path.lastIndexOf('/');
      if (node.flat && slash > 0) item.description = node.path.slice(0, slash);
      item.tooltip = node.path;
      item.contextValue = group.fileContext;
      item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [uri] };
      return item;
    }
    case 'more': {
      const item = new vscode.TreeItem(vscode.l10n.t('Show {0} more…', Math.min(PAGE_SIZE, node.remaining)), vscode.TreeItemCollapsibleState.None);
      const parentId = (node.parent as Partial<DirNode<unknown>>).kind === 'dir' ? (node.parent as DirNode<unknown>).prefix : '';
      item.id = `${group.idBase}/more:${parentId}`;
      item.description = vscode.l10n.t('{0} not shown', node.remaining);
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.contextValue = 'opsRoles.more';
      item.command = { command: Command.SidebarShowMore, title: vscode.l10n.t('Show more'), arguments: [node] };
      return item;
    }
  }
}

/** Is `path` in the group's list? (A binary search, for reveal.) */
export function groupHas(group: FileGroup, path: string): boolean {
  const [start, end] = prefixRange(group.list, path);
  return start < end && group.list[start] === path;
}
