/**
 * ops-roles.yaml as a first-class file: diagnostics from the core's problems (live, from the
 * unsaved text the index parses), quick fixes, and completion of role ids and holders.
 */
import * as vscode from 'vscode';
import { parseConfig, type ParsedConfig } from '../core/config.js';
import type { Problem } from '../core/problems.js';
import { isRoleId } from '../core/roles.js';
import { addRoleEdit, completionKindAt, removePatternEdit, type TextEdit } from './configEdits.js';
import type { FolderIndex, OwnershipIndexManager } from './ownershipIndex.js';
import { DIAGNOSTIC_SOURCE, problemDiagnostic, problemRange } from './problemDiagnostics.js';

/** Drawn faded: the rule changes nothing. */
const UNNECESSARY = new Set(['duplicate-rule']);

function toDiagnostic(p: Problem): vscode.Diagnostic {
  return problemDiagnostic(p, UNNECESSARY);
}

/** Publishes each index's problems on its ops-roles.yaml whenever the index changes. */
export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly manager: OwnershipIndexManager) {
    this.subscriptions = [manager.onDidChange(() => this.render())];
    this.render();
  }

  private render(): void {
    this.collection.clear();
    for (const index of this.manager.all()) this.collection.set(index.configUri, index.parsed.problems.map(toDiagnostic));
  }

  dispose(): void {
    this.collection.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** The config as the document shows it now (the index's copy when it is current). */
function parsedNow(index: FolderIndex, document: vscode.TextDocument): ParsedConfig {
  const text = document.getText();
  return text === index.text ? index.parsed : parseConfig(text);
}

function workspaceEdit(document: vscode.TextDocument, edit: TextEdit): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  we.replace(document.uri, new vscode.Range(document.positionAt(edit.offset), document.positionAt(edit.endOffset)), edit.newText);
  return we;
}

/** Quick fixes for ops-roles.yaml problems. */
export class ConfigCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly manager: OwnershipIndexManager) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const index = this.manager.forConfig(document.uri);
    if (!index) return [];
    const parsed = parsedNow(index, document);
    const text = document.getText();
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const code = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
      const problem = parsed.problems.find((p) => p.code === code && problemRange(p).isEqual(diagnostic.range));
      if (!problem) continue;
      const suggestion = problem.data?.suggestion;
      if (suggestion) {
        const fix = new vscode.CodeAction(vscode.l10n.t('Change to "{0}"', suggestion), vscode.CodeActionKind.QuickFix);
        fix.edit = new vscode.WorkspaceEdit();
        fix.edit.replace(document.uri, diagnostic.range, suggestion);
        fix.diagnostics = [diagnostic];
        fix.isPreferred = true;
        actions.push(fix);
      }
      const role = problem.data?.role;
      if (code === 'unknown-role' && role && isRoleId(role)) {
        const fix = new vscode.CodeAction(vscode.l10n.t('Create role "{0}" under roles:', role), vscode.CodeActionKind.QuickFix);
        fix.edit = workspaceEdit(document, addRoleEdit(text, role));
        fix.diagnostics = [diagnostic];
        actions.push(fix);
      }
      if (code === 'duplicate-rule') {
        for (const rule of parsed.config.rules) {
          const pattern = rule.patterns.find((p) => p.range && p.range.line === problem.line && p.range.column === problem.column);
          if (!pattern) continue;
          const edit = removePatternEdit(text, rule, pattern);
          if (!edit) break;
          const title = rule.patterns.length === 1 ? 'Remove the duplicate rule' : `Remove "${pattern.source}" from this rule`;
          const fix = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
          fix.edit = workspaceEdit(document, edit);
          fix.diagnostics = [diagnostic];
          fix.isPreferred = true;
          actions.push(fix);
          break;
        }
      }
    }
    return actions;
  }
}

/** Role ids and holder handles already used in the file. */
export class ConfigCompletionProvider implements vscode.CompletionItemProvider {
  static readonly triggerCharacters = ['[', ',', ' ', '@', '"'];

  constructor(private readonly manager: OwnershipIndexManager) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const index = this.manager.forConfig(document.uri);
    if (!index) return [];
    const text = document.getText();
    const kind = completionKindAt(text, document.offsetAt(position));
    if (!kind) return [];
    // The document is mid-edit: the last good parse knows the roles; this text may not parse.
    const config = (text === index.text ? index.parsed : parseConfig(text)).config;
    const fallbackConfig = index.parsed.config;
    if (kind === 'role') {
      const range = document.getWordRangeAtPosition(position, /[a-z0-9-]+/);
      const ids = new Set([...config.roles.keys(), ...fallbackConfig.roles.keys()]);
      return [...ids].map((id, i) => {
        const role = config.roles.get(id) ?? fallbackConfig.roles.get(id)!;
        const item = new vscode.CompletionItem({ label: id, description: role.name }, vscode.CompletionItemKind.EnumMember);
        item.detail = role.holders.length ? role.holders.join(' ') : 'nobody holds it';
        item.documentation = new vscode.MarkdownString([role.description, ...role.responsibilities.map((r) => `- ${r}`)].join('\n\n'));
        item.sortText = String(i).padStart(3, '0');
        if (range) item.range = range;
        return item;
      });
    }
    if (kind === 'holder') {
      const holders = new Set<string>();
      for (const c of [config, fallbackConfig]) for (const role of c.roles.values()) for (const h of role.holders) holders.add(h);
      for (const m of text.matchAll(/(?<![\w.])@[A-Za-z0-9][\w.-]*(?:\/[\w.-]+)?|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g)) holders.add(m[0]);
      const range = document.getWordRangeAtPosition(position, /[@\w./+-]+/);
      const start = range?.start ?? position;
      const quoted = start.character > 0 && document.lineAt(start.line).text[start.character - 1] === '"';
      return [...holders].sort().map((h) => {
        const item = new vscode.CompletionItem(h, h.includes('/') ? vscode.CompletionItemKind.Folder : vscode.CompletionItemKind.User);
        item.detail = h.startsWith('@') ? (h.includes('/') ? 'team' : 'user') : 'e-mail';
        // YAML reads a bare `@` as reserved: a handle must be quoted.
        item.insertText = quoted || !h.startsWith('@') ? h : `"${h}"`;
        if (range) item.range = range;
        return item;
      });
    }
    return [...config.roles.values()]
      .filter((r) => r.builtin && !r.range)
      .map((r) => {
        const item = new vscode.CompletionItem({ label: r.id, description: r.name }, vscode.CompletionItemKind.Property);
        item.insertText = new vscode.SnippetString(`${r.id}: [$0]`);
        item.documentation = r.description;
        return item;
      });
  }
}

/** Registers the quick-fix and completion providers for ops-roles.yaml. */
export function registerConfigFileFeatures(manager: OwnershipIndexManager): vscode.Disposable[] {
  const selector: vscode.DocumentSelector = { scheme: 'file', pattern: '**/ops-roles.yaml' };
  return [
    new DiagnosticsController(manager),
    vscode.languages.registerCodeActionsProvider(selector, new ConfigCodeActionProvider(manager), ConfigCodeActionProvider.metadata),
    vscode.languages.registerCompletionItemProvider(selector, new ConfigCompletionProvider(manager), ...ConfigCompletionProvider.triggerCharacters),
  ];
}
