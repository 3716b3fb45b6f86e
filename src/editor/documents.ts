/**
 * What kind of document a feature is looking at, for the surfaces that share the question
 * (hovers, the generated-block warning, the import command).
 */
import type * as vscode from 'vscode';
import { codeownersDialect } from '../core/codeownersTarget.js';
import type { Flavor } from '../core/pattern.js';
import type { FolderIndex } from './ownershipIndex.js';
import { explicitSetting } from './settings.js';

/** Is `path` (a URI path or a repository-relative path) named CODEOWNERS? */
export function isCodeownersPath(path: string): boolean {
  return /(^|\/)CODEOWNERS$/.test(path);
}

/** Is this document a CODEOWNERS file? */
export function isCodeowners(document: vscode.TextDocument): boolean {
  return document.languageId === 'codeowners' || isCodeownersPath(document.uri.path);
}

/**
 * The dialect an open CODEOWNERS is read in: the core's rule, with the target ops-roles.yaml or
 * the user's settings name. The setting counts only when set: its default ("github") would
 * otherwise read a root CODEOWNERS with GitLab sections as GitHub's, where `ops-roles lint` and
 * `who --codeowners` read it as GitLab's.
 */
export function codeownersFlavor(document: vscode.TextDocument, index: FolderIndex | undefined): Flavor {
  const configured = index?.parsed.config.codeowners.target ?? explicitSetting('codeowners.target', document.uri);
  return codeownersDialect(document.uri.path, { configured, text: document.getText() });
}

/**
 * The working-tree file a document stands for: a `git:` document (a staged or HEAD version,
 * the left side of a diff) is its file's version, and carries the file's path; any other URI
 * is itself.
 */
export function workingTreeUri(uri: vscode.Uri): vscode.Uri {
  return uri.scheme === 'git' ? uri.with({ scheme: 'file', query: '', fragment: '' }) : uri;
}
