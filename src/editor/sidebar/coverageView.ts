/**
 * The Coverage view: where ownership has gaps, each with the action that fixes it: unowned
 * files (grouped by folder; add a rule), roles nobody holds and roles held by one person
 * (assign holders), rules that match no file or never decide (open the rule), and a CODEOWNERS
 * that no longer means what ops-roles.yaml means (regenerate). The badge counts the problems.
 *
 * Coverage comes from the ownership index (computed once per config and file list). The drift
 * check reads CODEOWNERS and resolves every file twice, seconds on a monorepo, so on a large
 * folder it runs only while the view is visible; always after changes settle.
 */
import * as vscode from 'vscode';
import { checkCodeowners, type CheckResult } from '../../core/check.js';
import type { OwnershipRule } from '../../core/config.js';
import { ruleLine, type Coverage, type OwnershipModel } from '../../core/ownership.js';
import { showOwners, type OwnershipDifference } from '../../core/ownershipProof.js';
import { plural } from '../../core/text.js';
import { codeownersOutput, readIfExists } from '../codeownersOutput.js';
import { Command } from '../commandIds.js';
import { roleName } from '../format.js';
import type { Logger } from '../logger.js';
import { openAt } from '../navigation.js';
import type { FolderIndex, OwnershipIndexManager } from '../ownershipIndex.js';
import { View } from '../viewIds.js';
import { fileGroupItem, fileRows, findFileRow, PAGE_SIZE, showMore, type DirNode, type FileGroup, type FileNode, type MoreNode } from './fileNodes.js';
import { driftSummary, effectiveHolders, fallbackOf, problemBadge, problemGroups, ruleLabel, type ProblemGroup, type ProblemKind } from './sidebarData.js';
import { folderItem } from './treeItems.js';

/** Changes come in bursts (a save, then the file events): recompute once they settle. */
const SETTLE_MS = 400;
/**
 * Folders up to this many files have their CODEOWNERS checked even while the view is hidden
 * (well under a second); larger ones only while someone looks (153k files take ~4.5 s).
 */
const EAGER_DRIFT_FILES = 30_000;
/** Differences listed under the drift group (the rest are counted). */
const DRIFT_ROWS = 20;

interface Drift {
  readonly model: OwnershipModel;
  readonly files: readonly string[];
  readonly path: string;
  readonly result: CheckResult;
}

/** One indexed folder's coverage as last computed. */
interface FolderCoverage {
  readonly index: FolderIndex;
  readonly key: string;
  coverage: Coverage | undefined;
  drift: Drift | undefined;
  /** CODEOWNERS (or the config, or the files) changed since `drift` was computed. */
  driftStale: boolean;
  groups: ProblemGroup[];
  /** The group rows as last drawn (kept, so expanding one and revealing in it share the rows). */
  rows: CoverageNode[];
  /** The folder's own row when several folders are shown. */
  readonly node: FolderRow;
}

interface FolderRow {
  readonly kind: 'folder';
  readonly state: FolderCoverage;
}
interface GroupRow {
  readonly kind: 'group';
  readonly state: FolderCoverage;
  readonly problem: ProblemGroup;
  readonly parent: FolderRow | undefined;
}
/** The unowned files (a {@link FileContainer}: its rows are the files grouped by folder). */
interface UnownedRow {
  readonly kind: 'unowned';
  readonly group: FileGroup;
  limit: number;
  children?: CoverageNode[];
  readonly state: FolderCoverage;
  readonly problem: ProblemGroup;
  readonly parent: FolderRow | undefined;
}
interface RoleRow {
  readonly kind: 'role';
  readonly index: FolderIndex;
  readonly role: string;
  readonly problem: 'unheld' | 'single-holder';
  readonly parent: GroupRow;
}
interface RuleRow {
  readonly kind: 'rule';
  readonly index: FolderIndex;
  readonly rule: OwnershipRule;
  /** For a rule that never decides: the rules that take its files. */
  readonly by: readonly OwnershipRule[];
  readonly problem: 'matches-nothing' | 'shadowed';
  readonly parent: GroupRow;
}
interface DriftRow {
  readonly kind: 'drift';
  readonly state: FolderCoverage;
  readonly difference: OwnershipDifference | undefined;
  /** Set on the "… and N more" row. */
  readonly more: number;
  readonly parent: GroupRow;
}
/** A row of the Coverage view. */
export type CoverageNode =
  FolderRow | GroupRow | UnownedRow | RoleRow | RuleRow | DriftRow | DirNode<CoverageNode> | FileNode<CoverageNode> | MoreNode<CoverageNode>;

const GROUP_ICONS: Record<ProblemKind, string> = {
  drift: 'sync',
  unowned: 'question',
  unheld: 'person-add',
  'single-holder': 'person',
  'matches-nothing': 'circle-slash',
  shadowed: 'layers',
};

/** The Coverage view's data provider. */
export class CoverageView implements vscode.TreeDataProvider<CoverageNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<CoverageNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  readonly treeView: vscode.TreeView<CoverageNode>;
  private readonly states = new Map<string, FolderCoverage>();
  private roots: CoverageNode[] = [];
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor(
    private readonly manager: OwnershipIndexManager,
    private readonly logger: Logger,
  ) {
    this.treeView = vscode.window.createTreeView(View.Coverage, { treeDataProvider: this, showCollapseAll: true });
    const codeowners = vscode.workspace.createFileSystemWatcher('**/CODEOWNERS');
    const codeownersChanged = (uri: vscode.Uri): void => {
      const state = this.states.get(vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() ?? '');
      if (!state) return;
      state.driftStale = true;
      this.schedule();
    };
    this.disposables.push(
      this.treeView,
      codeowners,
      codeowners.onDidCreate(codeownersChanged),
      codeowners.onDidChange(codeownersChanged),
      codeowners.onDidDelete(codeownersChanged),
      manager.onDidChange(() => this.schedule()),
      this.treeView.onDidChangeVisibility((e) => {
        if (e.visible && [...this.states.values()].some((s) => s.driftStale)) this.schedule(0);
      }),
    );
    this.schedule(0);
  }

  /** Recompute after changes settle. */
  private schedule(delay = SETTLE_MS): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delay);
  }

  /**
   * Recompute coverage (cheap: the index caches it) and, while the view is visible, the drift of
   * folders whose CODEOWNERS, config or files changed. Resolves when both are drawn.
   */
  async update(): Promise<void> {
    clearTimeout(this.timer);
    const all = this.manager.all();
    const keys = new Set(all.map((i) => i.folder.uri.toString()));
    for (const key of [...this.states.keys()]) if (!keys.has(key)) this.states.delete(key);
    for (const index of all) {
      const key = index.folder.uri.toString();
      let state = this.states.get(key);
      if (!state || state.index !== index) {
        const node = { kind: 'folder' } as { kind: 'folder'; state: FolderCoverage };
        state = { index, key, coverage: undefined, drift: undefined, driftStale: true, groups: [], rows: [], node };
        node.state = state;
        this.states.set(key, state);
      }
      state.coverage = index.coverage();
      const drift = state.drift;
      if (drift && (drift.model !== index.model || drift.files !== index.files || drift.path !== codeownersOutput(index).path)) state.driftStale = true;
    }
    this.render();
    await this.awaitCoverage();
    if ([...this.states.values()].some((st) => st.driftStale && this.wantsDrift(st))) await this.checkDrift();
  }

  /**
   * Coverage of a large folder is computed in the background: wait for it with a progress bar
   * on the view, then draw it. A change that abandons it schedules the next update.
   */
  private async awaitCoverage(): Promise<void> {
    const waiting = [...this.states.values()].filter((s) => !s.coverage && s.index.files);
    if (waiting.length === 0) return;
    await vscode.window.withProgress({ location: { viewId: View.Coverage } }, () =>
      Promise.all(waiting.map(async (state) => (state.coverage = await state.index.coverageComputed()))),
    );
    if (!this.disposed) this.render();
  }

  /**
   * Check each stale folder's CODEOWNERS, one at a time, yielding in between: every folder while
   * the view is visible, and small folders (where it costs little) always, so the badge is right.
   */
  private checkDrift(): Promise<void> {
    // Assigned before the check settles (`finally` runs later), so a check that had nothing to do
    // cannot leave a settled promise behind that would stand in for every later check.
    this.checking ??= this.checkStale().finally(() => {
      this.checking = undefined;
      // Something changed while the check ran (or it skipped a folder that was changing): again.
      if ([...this.states.values()].some((s) => s.driftStale && this.wantsDrift(s))) this.schedule();
    });
    return this.checking;
  }

  private wantsDrift(state: FolderCoverage): boolean {
    const files = state.index.files;
    // Drift compares CODEOWNERS with ops-roles.yaml; a CODEOWNERS read on its own cannot drift.
    if (state.index.codeownersOnly) return false;
    return files !== undefined && (this.treeView.visible || files.length <= EAGER_DRIFT_FILES);
  }

  private async checkStale(): Promise<void> {
    try {
      for (const state of this.states.values()) {
        if (!state.driftStale || this.disposed || !this.wantsDrift(state)) continue;
        const { index } = state;
        const files = index.files!;
        const model = index.model;
        const output = codeownersOutput(index);
        this.treeView.description = vscode.l10n.t('checking {0}…', output.path);
        const text = await readIfExists(output.uri);
        await new Promise((resolve) => setImmediate(resolve));
        // Changed while reading: the next update checks again.
        if (model !== index.model || files !== index.files) continue;
        const started = Date.now();
        const result = checkCodeowners(model.config, files, { target: output.target, text });
        this.logger.info(
          `Coverage: ${output.path} checked against ${plural(files.length, 'file')} in ${Date.now() - started} ms (${result.inSync ? 'in sync' : 'drift'})`,
        );
        state.drift = { model, files, path: output.path, result };
        state.driftStale = false;
      }
    } catch (error) {
      this.logger.error('Coverage: checking CODEOWNERS', error);
    }
    if (!this.disposed) this.render();
  }

  private render(): void {
    const states = [...this.states.values()];
    for (const state of states) {
      const drift = state.drift && !state.driftStale ? driftSummary(state.drift.result, state.drift.path) : undefined;
      state.groups = state.coverage ? problemGroups(state.coverage, drift, state.index.codeownersOnly) : [];
      state.rows = this.groupRows(state, states.length === 1 ? undefined : state.node);
    }
    this.roots = states.length === 1 ? states[0]!.rows : states.map((s) => s.node);
    const groups = states.flatMap((s) => s.groups);
    this.treeView.badge = problemBadge(groups);
    this.treeView.message = this.message(states);
    this.treeView.description = this.summary(states);
    this.emitter.fire(undefined);
  }

  private message(states: readonly FolderCoverage[]): string | undefined {
    if (states.length === 0) return undefined;
    if (states.some((s) => !s.index.files)) return 'Listing the files…';
    if (states.some((s) => !s.coverage)) return vscode.l10n.t('Computing coverage…');
    if (states.every((s) => s.groups.length === 0)) {
      const drift = states.some((s) => s.driftStale) ? '' : ', and CODEOWNERS says the same';
      return `No gaps: every file has an owner, every role is held, every rule decides${drift}.`;
    }
    return undefined;
  }

  private summary(states: readonly FolderCoverage[]): string | undefined {
    const covs = states.map((s) => s.coverage).filter((c): c is Coverage => c !== undefined);
    if (covs.length === 0) return undefined;
    const total = covs.reduce((n, c) => n + c.totalFiles, 0);
    const owned = covs.reduce((n, c) => n + c.ownedFiles, 0);
    const pct = total ? Math.floor((1000 * owned) / total) / 10 : 100;
    return `${owned} of ${plural(total, 'file')} owned (${pct}%)`;
  }

  private groupRows(state: FolderCoverage, parent: FolderRow | undefined): CoverageNode[] {
    return state.groups.map((problem): CoverageNode => {
      if (problem.kind !== 'unowned') return { kind: 'group', state, problem, parent };
      const list = state.coverage!.unownedFiles;
      return {
        kind: 'unowned',
        state,
        problem,
        parent,
        limit: PAGE_SIZE,
        group: {
          list,
          folderUri: state.index.folder.uri,
          idBase: `${state.key}#unowned`,
          // "Add a rule" writes to ops-roles.yaml: without one, the rows only reveal their file.
          fileContext: state.index.codeownersOnly ? 'opsRoles.roleFile' : 'opsRoles.unownedFile',
          owner: View.Coverage,
        },
      };
    });
  }

  getChildren(node?: CoverageNode): CoverageNode[] {
    if (!node) return this.roots;
    switch (node.kind) {
      case 'folder':
        return node.state.rows;
      case 'unowned':
      case 'dir':
        return fileRows(node, node);
      case 'group':
        return this.problemRows(node);
      default:
        return [];
    }
  }

  private problemRows(node: GroupRow): CoverageNode[] {
    const { state } = node;
    const cov = state.coverage;
    const index = state.index;
    if (!cov) return [];
    switch (node.problem.kind) {
      case 'unheld':
        return cov.rolesWithoutHolders.map((role) => ({ kind: 'role', index, role, problem: 'unheld', parent: node }));
      case 'single-holder':
        return cov.rolesWithSingleHolder.map((role) => ({ kind: 'role', index, role, problem: 'single-holder', parent: node }));
      case 'matches-nothing':
        return cov.rulesMatchingNothing.map((rule) => ({ kind: 'rule', index, rule, by: [], problem: 'matches-nothing', parent: node }));
      case 'shadowed':
        return cov.rulesShadowed.map((s) => ({ kind: 'rule', index, rule: s.rule, by: s.by, problem: 'shadowed', parent: node }));
      case 'drift': {
        const proof = state.drift?.result.proof;
        const rows: DriftRow[] = (proof?.differences ?? [])
          .slice(0, DRIFT_ROWS)
          .map((difference) => ({ kind: 'drift', state, difference, more: 0, parent: node }));
        const more = (proof?.differenceCount ?? 0) - rows.length;
        if (more > 0) rows.push({ kind: 'drift', state, difference: undefined, more, parent: node });
        return rows;
      }
      default:
        return [];
    }
  }

  getParent(node: CoverageNode): CoverageNode | undefined {
    return node.kind === 'folder' ? undefined : node.parent;
  }

  getTreeItem(node: CoverageNode): vscode.TreeItem {
    switch (node.kind) {
      case 'folder':
        return folderRowItem(node.state);
      case 'group':
      case 'unowned':
        return problemItem(node);
      case 'role':
        return roleProblemItem(node);
      case 'rule':
        return ruleProblemItem(node);
      case 'drift':
        return driftItem(node);
      default:
        return fileGroupItem(node);
    }
  }

  /** The row of an unowned file (for "Reveal in Ops Roles"), expanding its folders. */
  unownedRow(index: FolderIndex, rel: string): FileNode<CoverageNode> | undefined {
    const state = [...this.states.values()].find((s) => s.index === index);
    const unowned = state?.rows.find((r): r is UnownedRow => r.kind === 'unowned');
    return unowned && findFileRow(unowned, unowned, rel);
  }

  /** Load the next page of the container a "Show more" row belongs to. */
  showMore(node: MoreNode<CoverageNode>): void {
    const container = node.parent as UnownedRow | DirNode<CoverageNode>;
    showMore(container);
    this.emitter.fire(container);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

/** A folder's row, with how many problems it has. */
function folderRowItem(state: FolderCoverage): vscode.TreeItem {
  const item = folderItem(state.index.folder, state.key);
  const problems = state.groups.reduce((n, g) => n + g.count, 0);
  item.description = problems === 0 ? vscode.l10n.t('no gaps') : plural(problems, 'problem');
  return item;
}

/** A problem group's row: expanded when short, with the group's fix. */
function problemItem(node: GroupRow | UnownedRow): vscode.TreeItem {
  const { problem, state } = node;
  const small = problem.kind !== 'unowned' || problem.count <= 50;
  const leaf = problem.kind === 'drift' && !state.drift?.result.proof?.differenceCount;
  const item = new vscode.TreeItem(
    problem.title,
    leaf ? vscode.TreeItemCollapsibleState.None : small ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
  );
  item.id = `${state.key}#problems:${problem.kind}`;
  if (problem.kind !== 'drift') item.description = String(problem.count);
  item.iconPath = new vscode.ThemeIcon(
    GROUP_ICONS[problem.kind],
    new vscode.ThemeColor(problem.kind === 'drift' || problem.kind === 'unowned' ? 'list.errorForeground' : 'list.warningForeground'),
  );
  item.tooltip = vscode.l10n.t('{0}. Fix: {1}.', problem.title, problem.fix);
  item.contextValue = `opsRoles.problems.${problem.kind}`;
  if (problem.kind === 'drift') item.command = { command: Command.Generate, title: vscode.l10n.t('Generate CODEOWNERS'), arguments: [state.index.folder.uri] };
  return item;
}

/** A role nobody holds, or only one person: clicking assigns holders. */
function roleProblemItem(node: RoleRow): vscode.TreeItem {
  const config = node.index.parsed.config;
  const item = new vscode.TreeItem(roleName(config, node.role), vscode.TreeItemCollapsibleState.None);
  item.id = `${node.index.folder.uri.toString()}#${node.problem}:${node.role}`;
  if (node.problem === 'unheld') {
    const to = fallbackOf(config, node.role);
    item.description = to ? vscode.l10n.t('falls back to {0}: {1}', to.name, to.holders.join(', ')) : vscode.l10n.t('no fallback: its files have no owner');
  } else item.description = vscode.l10n.t('only {0}', effectiveHolders(config, node.role).join(', '));
  item.iconPath = new vscode.ThemeIcon(node.problem === 'unheld' ? 'person-add' : 'person');
  item.tooltip =
    node.problem === 'unheld'
      ? vscode.l10n.t('Assign holders to this role in ops-roles.yaml.')
      : vscode.l10n.t('One absence away from nobody: add a second holder or a team.');
  item.contextValue = 'opsRoles.coverageRole';
  item.command = { command: Command.AssignHolders, title: vscode.l10n.t('Assign holders'), arguments: [node] };
  return item;
}

/** A rule that matches nothing or never decides: clicking opens it. */
function ruleProblemItem(node: RuleRow): vscode.TreeItem {
  const { rule } = node;
  const line = ruleLine(rule);
  const item = new vscode.TreeItem(ruleLabel(rule), vscode.TreeItemCollapsibleState.None);
  item.id = `${node.index.folder.uri.toString()}#${node.problem}:${rule.index}`;
  item.description =
    node.problem === 'matches-nothing'
      ? vscode.l10n.t('line {0} · matches no file', line ?? '?')
      : vscode.l10n.t('line {0} · every file taken by line {1}', line ?? '?', node.by.map((b) => ruleLine(b) ?? '?').join(', '));
  item.iconPath = new vscode.ThemeIcon('law');
  item.tooltip =
    node.problem === 'matches-nothing'
      ? vscode.l10n.t('No file in the repository matches this rule: fix its pattern or remove it.')
      : vscode.l10n.t('Later rules take every file this rule matches, so it never decides: move it below them or remove it.');
  item.contextValue = 'opsRoles.rule';
  if (line !== undefined) item.command = openAt(node, line, vscode.l10n.t('Open the rule'));
  return item;
}

/** A file CODEOWNERS gives other owners than ops-roles.yaml, or the "… and N more" row. */
function driftItem(node: DriftRow): vscode.TreeItem {
  const path = node.state.drift?.path ?? 'CODEOWNERS';
  if (!node.difference) {
    const item = new vscode.TreeItem(vscode.l10n.t('… and {0}', plural(node.more, 'more file')), vscode.TreeItemCollapsibleState.None);
    item.id = `${node.state.key}#drift-more`;
    item.tooltip = vscode.l10n.t('Check drift lists every difference in the Ops Roles log.');
    item.command = { command: Command.CheckDrift, title: vscode.l10n.t('Check drift'), arguments: [node.state.index.folder.uri] };
    return item;
  }
  const d = node.difference;
  const uri = node.state.index.uriOf(d.path);
  const item = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.None);
  item.id = `${node.state.key}#drift:${d.path}`;
  item.description = vscode.l10n.t('{0}: {1} · ops-roles.yaml: {2}', path, showOwners(d.actual), showOwners(d.expected));
  item.tooltip = vscode.l10n.t(
    '{0}\n{1} ({2}{3}) says {4}\nops-roles.yaml says {5}',
    d.path,
    path,
    d.reading,
    d.line ? `, line ${d.line}` : '',
    showOwners(d.actual),
    showOwners(d.expected),
  );
  item.contextValue = 'opsRoles.driftFile';
  item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [uri] };
  return item;
}
