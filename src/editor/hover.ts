/**
 * Hover cards: who owns a file path written in any text; in ops-roles.yaml, what a pattern
 * matches and what a role is; in CODEOWNERS, the files a pattern matches. The controller
 * registers the provider while `opsRoles.hover.enabled` is on somewhere; the provider only
 * renders and never pops anything up.
 */
import * as vscode from 'vscode';
import { codeownersResolver, parseCodeowners, type CodeownersEntry } from '../core/codeowners.js';
import { flavorName } from '../core/codeownersTarget.js';
import { compilePattern } from '../core/pattern.js';
import { plural } from '../core/text.js';
import { untilCancelled } from './cancellation.js';
import { Command } from './commandIds.js';
import { codeownersFlavor, isCodeowners } from './documents.js';
import { ruleLine } from '../core/ownership.js';
import type { FolderFiles } from './folderFiles.js';
import { code, commandLink, configLink, ownershipMarkdown, roleMarkdown, trustedMarkdown } from './markdown.js';
import type { FolderIndex, OwnershipIndexManager } from './ownershipIndex.js';
import { changed, enabledAnywhere, setting } from './settings.js';
import { matchingFiles } from './slices.js';
import { pathTokenAt, resolveWrittenPath } from './textPaths.js';

/** Files listed in a hover card before "… and N more". */
const SAMPLE = 5;

/** Registers the hover provider while hovers are enabled. */
export class HoverController implements vscode.Disposable {
  private registration: vscode.Disposable | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly manager: OwnershipIndexManager,
    private readonly folderFiles: FolderFiles,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (changed(e, 'hover.enabled')) this.update();
      }),
    ];
    this.update();
  }

  private update(): void {
    const on = enabledAnywhere('hover.enabled');
    if (on && !this.registration) {
      this.registration = vscode.languages.registerHoverProvider(
        [{ scheme: 'file' }, { scheme: 'untitled' }],
        new OwnershipHoverProvider(this.manager, this.folderFiles),
      );
    } else if (!on && this.registration) {
      this.registration.dispose();
      this.registration = undefined;
    }
  }

  dispose(): void {
    this.registration?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** Renders hover cards; owns no state beyond what the index holds. */
export class OwnershipHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly manager: OwnershipIndexManager,
    private readonly folderFiles: FolderFiles,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!setting('hover.enabled', document.uri)) return undefined;
    const configIndex = this.manager.forConfig(document.uri);
    if (configIndex) {
      // Positions are only meaningful for the text the index parsed: catch up first.
      if (document.getText() !== configIndex.text) await untilCancelled(configIndex.catchUp(), token);
      const hover = await this.configHover(configIndex, document, position, token);
      if (hover) return hover;
    }
    if (isCodeowners(document)) {
      const hover = await this.codeownersHover(document, position, token);
      if (hover) return hover;
    }
    return this.pathHover(document, position);
  }

  /** (a) A path written in text that names a file of an indexed folder. */
  private pathHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const line = document.lineAt(position.line).text;
    const token = pathTokenAt(line, position.character);
    if (!token) return undefined;
    const located = this.manager.locate(document.uri);
    // A document outside every indexed folder (an untitled note, another folder) may still
    // name a file of one: read its paths from each folder's root.
    const candidates = located ? [located] : this.manager.all().map((index) => ({ index, rel: '' }));
    for (const { index, rel: documentPath } of candidates) {
      // Before its source is read an index knows no owner (nor, before listing, any file).
      if (!index.sourceRead) continue;
      const rel = resolveWrittenPath(token.text, documentPath, (p) => index.hasFile(p));
      if (!rel) continue;
      const o = index.ownership(rel);
      return new vscode.Hover(trustedMarkdown(ownershipMarkdown(index, o)), new vscode.Range(position.line, token.start, position.line, token.end));
    }
    return undefined;
  }

  /** (b) Patterns and role names inside ops-roles.yaml. */
  private async configHover(
    index: FolderIndex,
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    const text = index.text;
    if (document.getText() !== text) return undefined;
    const offset = document.offsetAt(position);
    const config = index.parsed.config;
    for (const rule of config.rules) {
      for (const pattern of rule.patterns) {
        const r = pattern.range;
        if (!r || offset < r.offset || offset > r.endOffset) continue;
        const files = index.files;
        const md: string[] = [`**Pattern** ${code(pattern.source)}${pattern.expanded.length > 1 ? ` (${pattern.expanded.map(code).join(', ')})` : ''}`, ''];
        if (!files) md.push('_Listing files…_');
        else {
          const compiled = pattern.expanded.map((e) => compilePattern(e, 'github'));
          // The rule and the owners are those of the text read above: stop if it is parsed again.
          const found = await matchingFiles(
            files,
            (f) => compiled.some((c) => c.match(f)),
            (f) => index.ownership(f).rule === rule,
            () => !token.isCancellationRequested && index.text === text,
          );
          if (!found) return undefined;
          const { matched, decided } = found;
          md.push(`Matches ${plural(matched.length, 'file')}; this rule decides ${decided} of them.`);
          md.push(...sample(matched));
          const shadowed = index.coverage()?.rulesShadowed.find((s) => s.rule === rule);
          if (shadowed) {
            md.push(
              '',
              `$(warning) Shadowed: every file it matches is taken by ${shadowed.by.map((b) => configLink(index, ruleLine(b) ?? 1, `line ${ruleLine(b) ?? '?'}`)).join(', ')}.`,
            );
          } else if (matched.length === 0) {
            md.push('', '$(warning) Matches no file of this folder.');
          }
          if (matched.length > 0) md.push('', commandLink('List the files', Command.ShowRuleFiles, [index.folder.uri.toString(), rule.index]));
        }
        return new vscode.Hover(trustedMarkdown(md.join('\n')), rangeOf(document, r.offset, r.endOffset));
      }
    }
    const wordRange = document.getWordRangeAtPosition(position, /[A-Za-z0-9][A-Za-z0-9_-]*/);
    if (!wordRange) return undefined;
    const word = document.getText(wordRange);
    if (!config.roles.has(word)) return undefined;
    // No count while the files are listed or the coverage of a large folder is computed.
    const coverage = index.coverage();
    return new vscode.Hover(trustedMarkdown(roleMarkdown(index, config, word, coverage && (coverage.filesByRole.get(word) ?? 0))), wordRange);
  }

  /** (c) Patterns in a CODEOWNERS file: the files they match. */
  private async codeownersHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (!folder) return undefined;
    const index = this.manager.forUri(document.uri);
    const flavor = codeownersFlavor(document, index);
    const parsed = parseCodeowners(document.getText(), flavor);
    const entry = parsed.entries.find(
      (e) =>
        e.line === position.line + 1 && position.character >= e.column - 1 && position.character <= e.column - 1 + e.pattern.length + (e.exclusion ? 1 : 0),
    );
    if (!entry) return undefined;
    const files = await this.folderFiles.of(folder);
    if (token.isCancellationRequested) return undefined;
    const compiled = compilePattern(entry.pattern, flavor);
    const resolver = codeownersResolver(parsed);
    const found = await matchingFiles(
      files,
      (f) => compiled.match(f),
      (f) => resolver.resolve(f).entries.includes(entry),
      () => !token.isCancellationRequested,
    );
    if (!found) return undefined;
    const { matched, decided } = found;
    const md = [`**CODEOWNERS pattern** ${code(entry.pattern)} (${flavorName(flavor)} semantics)`, ''];
    md.push(
      entry.exclusion
        ? `Excludes ${plural(matched.length, 'file')} from section ${code(entry.section)}.`
        : `Matches ${plural(matched.length, 'file')}; this line decides ${decided} of them.`,
    );
    md.push(...sample(matched));
    if (!entry.exclusion) md.push('', ownersLine(entry));
    if (!entry.exclusion && matched.length > 0 && decided === 0) md.push('', '$(warning) Every file it matches is taken by a later line.');
    const start = new vscode.Position(entry.line - 1, entry.column - 1);
    return new vscode.Hover(trustedMarkdown(md.join('\n')), new vscode.Range(start, start.translate(0, entry.pattern.length + (entry.exclusion ? 1 : 0))));
  }
}

function ownersLine(entry: CodeownersEntry): string {
  return entry.owners.length ? `Owners: ${entry.owners.map(code).join(' ')}` : 'No owners: the files it decides are explicitly unowned.';
}

function sample(files: readonly string[]): string[] {
  if (files.length === 0) return [];
  const lines = files.slice(0, SAMPLE).map((f) => `- ${code(f)}`);
  if (files.length > SAMPLE) lines.push(`- … and ${files.length - SAMPLE} more`);
  return ['', ...lines];
}

function rangeOf(document: vscode.TextDocument, offset: number, endOffset: number): vscode.Range {
  return new vscode.Range(document.positionAt(offset), document.positionAt(endOffset));
}
