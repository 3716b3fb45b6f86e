/**
 * A generated CODEOWNERS whose block no longer matches what ops-roles.yaml generates (edited by
 * hand, or ops-roles.yaml changed since) gets a warning on the block with a "Regenerate" fix.
 */
import * as vscode from 'vscode';
import { GENERATED_BEGIN, GENERATED_BEGIN_LINE, GENERATED_END, GENERATED_END_LINE, generateCodeowners } from '../core/generate.js';
import { Command } from './commandIds.js';
import { isCodeowners } from './documents.js';
import { codeownersFlavor } from './documents.js';
import type { OwnershipIndexManager } from './ownershipIndex.js';

/** Diagnostic code of the warning. */
export const STALE_BLOCK_CODE = 'generated-block-edited';
const DEBOUNCE_MS = 300;

/** Watches open CODEOWNERS documents in indexed folders. */
export class GeneratedCodeownersController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('ops-roles-codeowners');
  private readonly subscriptions: vscode.Disposable[];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly manager: OwnershipIndexManager) {
    this.subscriptions = [
      manager.onDidChange(() => this.schedule()),
      vscode.workspace.onDidOpenTextDocument(() => this.schedule()),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (isCodeowners(e.document)) this.schedule();
      }),
      vscode.languages.registerCodeActionsProvider({ language: 'codeowners' }, new RegenerateActionProvider(), {
        providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
      }),
    ];
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.render(), DEBOUNCE_MS);
  }

  private render(): void {
    this.collection.clear();
    for (const document of vscode.workspace.textDocuments) {
      if (!isCodeowners(document)) continue;
      const diagnostic = this.check(document);
      if (diagnostic) this.collection.set(document.uri, [diagnostic]);
    }
  }

  /** The warning for one document, if its generated block is not what generation gives now. */
  check(document: vscode.TextDocument): vscode.Diagnostic | undefined {
    const index = this.manager.forUri(document.uri);
    if (!index || index.parsed.problems.some((p) => p.severity === 'error')) return undefined;
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
      `This generated block is not what ops-roles.yaml generates now (edited by hand, or ops-roles.yaml changed since). Change ownership in ops-roles.yaml and regenerate; edits between "${GENERATED_BEGIN}" and "${GENERATED_END}" are replaced.`,
      vscode.DiagnosticSeverity.Warning,
    );
    d.source = 'ops-roles';
    d.code = STALE_BLOCK_CODE;
    return d;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.collection.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

class RegenerateActionProvider implements vscode.CodeActionProvider {
  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const diagnostic = context.diagnostics.find((d) => d.code === STALE_BLOCK_CODE);
    if (!diagnostic) return [];
    const action = new vscode.CodeAction('Regenerate from ops-roles.yaml', vscode.CodeActionKind.QuickFix);
    action.command = { title: vscode.l10n.t('Regenerate'), command: Command.Generate, arguments: [document.uri] };
    action.diagnostics = [diagnostic];
    action.isPreferred = true;
    return [action];
  }
}
