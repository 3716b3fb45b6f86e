/**
 * What a row command needs from the row it was invoked on, whichever sidebar view the row
 * comes from. Menus pass the row's node (the manifest's `when` clauses pick which rows offer a
 * command); the palette passes nothing, the explorer a URI.
 */
import * as vscode from 'vscode';
import type { FolderIndex } from '../ownershipIndex.js';
import type { CoverageNode } from './coverageView.js';
import type { RolesNode } from './rolesView.js';
import type { ThisFileNode } from './thisFileView.js';

/** A row of any sidebar view, as menus pass it to row commands. */
export type SidebarNode = RolesNode | ThisFileNode | CoverageNode;

/** What a row command may be called with. */
export type RowArgument = SidebarNode | vscode.Uri | undefined;

/** The folder index a row belongs to: its own, its folder state's, or its parent's folder state's. */
export function indexOfRow(node: RowArgument): FolderIndex | undefined {
  if (!node || node instanceof vscode.Uri) return undefined;
  if ('index' in node) return node.index;
  if ('state' in node) return node.state.index;
  const parent = 'parent' in node ? node.parent : undefined;
  return parent && 'state' in parent ? parent.state.index : undefined;
}

/** The role of a role row, or of the row's parent role (holders, rules, "nobody holds it"). */
export function roleOfRow(node: RowArgument): string | undefined {
  if (!node || node instanceof vscode.Uri) return undefined;
  if ('role' in node) return node.role;
  const parent = 'parent' in node ? node.parent : undefined;
  return parent && 'role' in parent ? parent.role : undefined;
}

/** The URI of a file or folder row, or of This File's "no rule matches" row. */
export function uriOfRow(node: RowArgument): vscode.Uri | undefined {
  if (!node) return undefined;
  if (node instanceof vscode.Uri) return node;
  if ('uri' in node) return node.uri;
  if (node.kind === 'file' && node.path) return vscode.Uri.joinPath(node.group.folderUri, ...node.path.split('/'));
  if (node.kind === 'dir' && node.prefix) return vscode.Uri.joinPath(node.group.folderUri, ...node.prefix.slice(0, -1).split('/'));
  return undefined;
}
