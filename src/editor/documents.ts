/**
 * What kind of document a feature is looking at, for the surfaces that share the question
 * (hovers, the generated-block warning, the import command).
 */
import type * as vscode from 'vscode';

/** Is `path` (a URI path or a repository-relative path) named CODEOWNERS? */
export function isCodeownersPath(path: string): boolean {
  return /(^|\/)CODEOWNERS$/.test(path);
}

/** Is this document a CODEOWNERS file? */
export function isCodeowners(document: vscode.TextDocument): boolean {
  return document.languageId === 'codeowners' || isCodeownersPath(document.uri.path);
}
