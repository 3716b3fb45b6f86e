/**
 * CodeLens: on line 1 of every file in an indexed folder (and of its staged and HEAD versions), who owns it; above each rule of
 * ops-roles.yaml, how many files it decides or which later rule shadows it. The controller
 * registers the providers while `opsRoles.codeLens.enabled` is on somewhere; providers only
 * render from the index.
 */
import * as vscode from 'vscode';
import { plural, pluralForm } from '../core/text.js';
import { untilCancelled } from './cancellation.js';
import { Command } from './commandIds.js';
import { ruleLine } from '../core/ownership.js';
import { decidingLine, ownershipTitle, ownershipTooltip, readingSource } from './format.js';
import { openAt } from './navigation.js';
import type { OwnershipIndexManager } from './ownershipIndex.js';
import { changed, enabledAnywhere, setting } from './settings.js';

/** A titled answer of the file-owner provider: when it returned (`performance.now()`) and what. */
export interface CodeLensAnswer {
  /** `performance.now()` of the extension host when the provider returned. */
  readonly at: number;
  /** How long the provider took to answer, in milliseconds. */
  readonly durationMs: number;
  readonly titles: readonly string[];
  /** `at` of the first of the answers in a row with these same titles: since when this answer stands. */
  readonly since: number;
}

/** Documents remembered by {@link CodeLensAnswers}; the oldest is forgotten past this. */
const ANSWERS_KEPT = 100;

/**
 * The last titled answer per document, so a measurement can tell when OUR lens was ready
 * rather than when every CodeLens provider of the file (a language server's too) had answered.
 */
export class CodeLensAnswers {
  private readonly answers = new Map<string, CodeLensAnswer>();

  record(uri: vscode.Uri, answer: Omit<CodeLensAnswer, 'since'>): void {
    const key = uri.toString();
    const before = this.answers.get(key);
    const same = before && before.titles.join('\n') === answer.titles.join('\n');
    this.answers.delete(key);
    this.answers.set(key, { ...answer, since: same ? before.since : answer.at });
    if (this.answers.size > ANSWERS_KEPT) this.answers.delete(this.answers.keys().next().value!);
  }

  /** The last titled answer for `uri`, if the provider gave one. */
  last(uri: vscode.Uri): CodeLensAnswer | undefined {
    return this.answers.get(uri.toString());
  }
}

/** Registers the CodeLens providers while CodeLens is enabled. */
export class CodeLensController implements vscode.Disposable {
  private registrations: vscode.Disposable[] | undefined;
  private readonly subscriptions: vscode.Disposable[];
  /** The file-owner provider's answers, for the performance measurements. */
  readonly answers = new CodeLensAnswers();

  constructor(private readonly manager: OwnershipIndexManager) {
    this.subscriptions = [
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (changed(e, 'codeLens.enabled')) this.update();
      }),
    ];
    this.update();
  }

  private update(): void {
    const on = enabledAnywhere('codeLens.enabled');
    if (on && !this.registrations) {
      this.registrations = [
        // `git:` documents are staged and HEAD versions (one side of a diff): they answer as their file.
        vscode.languages.registerCodeLensProvider([{ scheme: 'file' }, { scheme: 'git' }], new FileOwnerCodeLensProvider(this.manager, this.answers)),
        vscode.languages.registerCodeLensProvider({ scheme: 'file', pattern: '**/ops-roles.yaml' }, new RuleCodeLensProvider(this.manager)),
      ];
    } else if (!on && this.registrations) {
      for (const r of this.registrations) r.dispose();
      this.registrations = undefined;
    }
  }

  dispose(): void {
    for (const r of this.registrations ?? []) r.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** The owner of the file, on its first line. */
export class FileOwnerCodeLensProvider implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(
    private readonly manager: OwnershipIndexManager,
    private readonly answers?: CodeLensAnswers,
  ) {
    // Owners only: a listing or a batch of new files changes no file's owner, and each event
    // would put off VS Code's next request for every visible editor.
    this.onDidChangeCodeLenses = (listener, thisArgs, disposables) =>
      manager.onDidChangeOwners(() => listener.call(thisArgs, undefined), undefined, disposables);
  }

  provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): vscode.CodeLens[] {
    const started = performance.now();
    const lenses = this.lenses(document, token);
    const at = performance.now();
    if (lenses.length > 0) this.answers?.record(document.uri, { at, durationMs: at - started, titles: lenses.map((l) => l.command?.title ?? '') });
    return lenses;
  }

  private lenses(document: vscode.TextDocument, token: vscode.CancellationToken): vscode.CodeLens[] {
    if (token.isCancellationRequested || !setting('codeLens.enabled', document.uri)) return [];
    const located = this.manager.locate(document.uri);
    if (!located || located.index.configUri.toString() === document.uri.toString()) return [];
    const { index, rel } = located;
    const range = new vscode.Range(0, 0, 0, 0);
    // Not "Unowned" from the empty config before the source is read: say so; the change event
    // that follows the read asks again.
    if (!index.sourceRead) return [new vscode.CodeLens(range, { title: readingSource(index.source.file), command: '' })];
    const config = index.parsed.config;
    const o = index.ownership(rel);
    if (!o.rule) {
      const unowned = new vscode.CodeLens(range, {
        title: vscode.l10n.t('Unowned'),
        tooltip: ownershipTooltip(config, o),
        command: Command.Explain,
        arguments: [document.uri],
      });
      // Without ops-roles.yaml there is no file to add a rule to.
      if (index.codeownersOnly) return [unowned];
      return [
        unowned,
        new vscode.CodeLens(range, {
          title: vscode.l10n.t('Add a rule'),
          tooltip: vscode.l10n.t('Add a rule for {0} to ops-roles.yaml', rel),
          command: Command.AddRule,
          arguments: [document.uri.toString()],
        }),
      ];
    }
    return [new vscode.CodeLens(range, { ...openAt({ index }, decidingLine(o) ?? 1, ownershipTitle(config, o)), tooltip: ownershipTooltip(config, o) })];
  }
}

/** Above each rule of ops-roles.yaml: `N files`, or `shadowed by line L`. */
export class RuleCodeLensProvider implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly manager: OwnershipIndexManager) {
    // Coverage of a large folder comes after the change that started it: both ask again.
    this.onDidChangeCodeLenses = (listener, thisArgs, disposables) => {
      const changes = [manager.onDidChange, manager.onDidComputeCoverage].map((event) => event(() => listener.call(thisArgs, undefined)));
      const subscription = vscode.Disposable.from(...changes);
      disposables?.push(subscription);
      return subscription;
    };
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!setting('codeLens.enabled', document.uri)) return [];
    const index = this.manager.forConfig(document.uri);
    if (!index) return [];
    // Lines must come from the text on screen: wait for the index to parse it rather than
    // show stale positions (VS Code cancels this request if the user types on).
    if (document.getText() !== index.text) await untilCancelled(index.catchUp(), token);
    if (token.isCancellationRequested || document.getText() !== index.text) return [];
    const coverage = index.coverage();
    if (!coverage) return [];
    const folder = index.folder.uri.toString();
    const lenses: vscode.CodeLens[] = [];
    for (const rule of index.parsed.config.rules) {
      if (!rule.range) continue;
      const range = new vscode.Range(rule.range.line - 1, 0, rule.range.line - 1, 0);
      const decided = coverage.filesByRule[rule.index] ?? 0;
      const matched = coverage.matchedByRule[rule.index] ?? 0;
      const shadowed = coverage.rulesShadowed.find((s) => s.rule === rule);
      const list = { command: Command.ShowRuleFiles, arguments: [folder, rule.index] };
      if (shadowed) {
        const lines = shadowed.by.map((b) => ruleLine(b) ?? '?');
        lenses.push(
          new vscode.CodeLens(range, {
            title: `shadowed by ${pluralForm(lines.length, 'line', 'lines')} ${lines.join(', ')}`,
            tooltip: `Every file this rule matches (${plural(matched, 'file')}) is taken by a later rule, so it never decides anything.`,
            ...list,
          }),
        );
      } else {
        lenses.push(
          new vscode.CodeLens(range, {
            title: plural(decided, 'file'),
            tooltip:
              matched === 0
                ? 'This rule matches no file.'
                : `This rule decides ${plural(decided, 'file')} of the ${matched} it matches; later rules take the rest.`,
            ...list,
          }),
        );
      }
    }
    return lenses;
  }
}
