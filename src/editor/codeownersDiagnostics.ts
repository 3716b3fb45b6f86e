/**
 * Diagnostics on every open CODEOWNERS document: the core linter's findings (the same as
 * `ops-roles lint`, in any folder, with or without ops-roles.yaml) with quick fixes where the fix
 * is obvious, and, in a folder with ops-roles.yaml, a warning on a generated block that no longer
 * matches what ops-roles.yaml generates (edited by hand, or ops-roles.yaml changed since), with a
 * "Regenerate" fix.
 */
import * as vscode from 'vscode';
import { lintCodeowners, lintFix } from '../core/codeownersLint.js';
import { GENERATED_BEGIN, GENERATED_BEGIN_LINE, GENERATED_END, GENERATED_END_LINE, generateCodeowners } from '../core/generate.js';
import type { Flavor } from '../core/pattern.js';
import type { Problem } from '../core/problems.js';
import { Command } from './commandIds.js';
import { codeownersFlavor, isCodeowners } from './documents.js';
import { relativeTo, type FolderFiles } from './folderFiles.js';
import type { OwnershipIndexManager } from './ownershipIndex.js';
import { DIAGNOSTIC_SOURCE, problemDiagnostic, problemRange } from './problemDiagnostics.js';

/** Diagnostic code of the warning. */
export const STALE_BLOCK_CODE = 'generated-block-edited';
const DEBOUNCE_MS = 300;
/** Drawn faded: the line changes nothing. */
const UNNECESSARY = new Set(['codeowners-duplicate-pattern', 'codeowners-shadowed']);

/** Watches open CODEOWNERS documents, in any folder. */
export class CodeownersDiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('ops-roles-codeowners');
  private readonly subscriptions: vscode.Disposable[];
  private timer: NodeJS.Timeout | undefined;
  /** Bumped on every render, so a render that waited for a file list does not publish stale results. */
  private generation = 0;
  /**
   * The last lint of each open document, reused while its text, the file list and the dialect
   * are what they were: a render follows every index change, and linting resolves every file.
   */
  private readonly linted = new Map<string, { version: number; files: readonly string[] | undefined; flavor: Flavor; found: vscode.Diagnostic[] }>();

  constructor(
    private readonly manager: OwnershipIndexManager,
    private readonly folderFiles: FolderFiles,
  ) {
    this.subscriptions = [
      manager.onDidChange(() => this.schedule()),
      vscode.workspace.onDidOpenTextDocument((d) => {
        if (isCodeowners(d)) this.schedule();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.collection.delete(d.uri);
        this.linted.delete(d.uri.toString());
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (isCodeowners(e.document)) this.schedule();
      }),
      vscode.languages.registerCodeActionsProvider({ language: 'codeowners' }, new CodeownersActionProvider(manager), {
        providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
      }),
    ];
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.render(), DEBOUNCE_MS);
  }

  private async render(): Promise<void> {
    const generation = ++this.generation;
    const documents = vscode.workspace.textDocuments.filter((d) => isCodeowners(d) && !d.isClosed);
    const results = await Promise.all(documents.map(async (d) => [d.uri, await this.diagnostics(d)] as const));
    if (generation !== this.generation) return;
    this.collection.clear();
    for (const [uri, diagnostics] of results) if (diagnostics.length > 0) this.collection.set(uri, diagnostics);
  }

  /** The lint findings on one document, then the generated block's warning if it has one. */
  private async diagnostics(document: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
    const text = document.getText();
    const version = document.version;
    const stale = this.check(document);
    const { path, files } = await this.scope(document);
    const flavor = codeownersFlavor(document, this.manager.forUri(document.uri));
    const key = document.uri.toString();
    const last = this.linted.get(key);
    let found = last && last.version === version && last.files === files && last.flavor === flavor ? last.found : undefined;
    if (!found) {
      const problems = lintCodeowners(text, { flavor, path, files });
      found = problems.map((p) => problemDiagnostic(p, UNNECESSARY));
      this.linted.set(key, { version, files, flavor, found });
    }
    return stale ? [...found, stale] : found;
  }

  /**
   * The document's repository path and the repository's files, for the rules that need them.
   * An indexed document is placed by its index, which knows the repository root (a workspace
   * opened at `services/api/` still lints the root's CODEOWNERS against the whole repository);
   * any other is placed in its workspace folder. Without a list (cancelled, git failed) the
   * text alone is linted.
   */
  private async scope(document: vscode.TextDocument): Promise<{ path?: string; files?: readonly string[] }> {
    try {
      const located = this.manager.locate(document.uri);
      if (located) {
        await located.index.ready;
        return { path: located.rel, files: located.index.files };
      }
      const folder = vscode.workspace.getWorkspaceFolder(document.uri);
      return folder ? { path: relativeTo(folder, document.uri), files: await this.folderFiles.of(folder) } : {};
    } catch {
      return {};
    }
  }

  /** The warning for one document, if its generated block is not what generation gives now. */
  check(document: vscode.TextDocument): vscode.Diagnostic | undefined {
    const index = this.manager.forUri(document.uri);
    // Without ops-roles.yaml there is nothing the block should be generated from.
    if (!index || index.codeownersOnly || index.parsed.problems.some((p) => p.severity === 'error')) return undefined;
    const text = document.getText();
    const lines = text.split(/\r?\n/);
    const begin = lines.findIndex((l) => GENERATED_BEGIN_LINE.test(l));
    const end = lines.findIndex((l, i) => i > begin && GENERATED_END_LINE.test(l));
    if (begin === -1 || end === -1) return undefined;
    // Only the block matters: text outside the markers is the user's and is kept as written.
    const generated = generateCodeowners(index.parsed.config, [], { target: codeownersFlavor(document, index), existingText: text, force: true, prove: false });
    if (generated.text === text) return undefined;
    const range = new vscode.Range(begin, 0, end, lines[end]!.length);
    const d = new vscode.Diagnostic(
      range,
      vscode.l10n.t(
        'This generated block is not what ops-roles.yaml generates now (edited by hand, or ops-roles.yaml changed since). Change ownership in ops-roles.yaml and regenerate; edits between "{0}" and "{1}" are replaced.',
        GENERATED_BEGIN,
        GENERATED_END,
      ),
      vscode.DiagnosticSeverity.Warning,
    );
    d.source = DIAGNOSTIC_SOURCE;
    d.code = STALE_BLOCK_CODE;
    return d;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.linted.clear();
    this.collection.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

class CodeownersActionProvider implements vscode.CodeActionProvider {
  constructor(private readonly manager: OwnershipIndexManager) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    // Linted once per request, and only when a lint finding asks for its fix.
    let problems: Problem[] | undefined;
    const lintNow = (): Problem[] =>
      (problems ??= lintCodeowners(document.getText(), { flavor: codeownersFlavor(document, this.manager.forUri(document.uri)) }));
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.code === STALE_BLOCK_CODE) actions.push(regenerateAction(document, diagnostic));
      else {
        const action = lintAction(document, diagnostic, lintNow);
        if (action) actions.push(action);
      }
    }
    return actions;
  }
}

function regenerateAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(vscode.l10n.t('Regenerate from ops-roles.yaml'), vscode.CodeActionKind.QuickFix);
  action.command = { title: vscode.l10n.t('Regenerate'), command: Command.Generate, arguments: [document.uri] };
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  return action;
}

/**
 * The core's fix for a lint finding, found again on the document as it is now: the diagnostic
 * may be older than the text, and an edit is offered only where the finding still stands.
 */
function lintAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, lint: () => Problem[]): vscode.CodeAction | undefined {
  if (typeof diagnostic.code !== 'string' || !diagnostic.code.startsWith('codeowners-')) return undefined;
  const lineNo = diagnostic.range.start.line;
  if (lineNo >= document.lineCount) return undefined;
  const lineText = document.lineAt(lineNo).text;
  // Without the file list: the findings that have a fix do not depend on it.
  const problem = lint().find((p) => p.code === diagnostic.code && problemRange(p).isEqual(diagnostic.range));
  const fix = problem && lintFix(problem, lineText);
  if (!fix) return undefined;
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  const range = fix.wholeLine ? document.lineAt(lineNo).rangeIncludingLineBreak : new vscode.Range(lineNo, fix.startColumn - 1, lineNo, fix.endColumn - 1);
  action.edit.replace(document.uri, range, fix.text);
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  return action;
}
