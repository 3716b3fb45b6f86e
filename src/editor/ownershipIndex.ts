/**
 * One ownership index per workspace folder that has `ops-roles.yaml` at its root: the parsed
 * config (the open editor's unsaved text when there is one), the ownership model, the folder's
 * files and every file's owner resolved once, so CodeLens, hover and the status bar answer with
 * a map read. The manager keeps one index per such folder and fires ONE change event that
 * every feature listens to.
 */
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, parseConfig, type ParsedConfig } from '../core/config.js';
import { computeCoverage, OwnershipModel, type Coverage, type Ownership } from '../core/ownership.js';
import { listFolderFiles, relativeTo } from './folderFiles.js';
import { isCancellation, type Logger } from './logger.js';

/** Debounce for edits of ops-roles.yaml: quick enough to feel live, slow enough to skip keystrokes. */
const CONFIG_DEBOUNCE_MS = 250;
/** The longest wait after a keystroke, however slow parsing is. */
const MAX_CONFIG_DEBOUNCE_MS = 3000;
/** Debounce for file creates/deletes: a checkout or a build creates many at once. */
const FILES_DEBOUNCE_MS = 400;
/** Resolve this many files, then let the extension host breathe. */
const RESOLVE_CHUNK = 4000;

/** Paths that are never part of the repository's files. */
function ignoredPath(rel: string): boolean {
  return /(^|\/)(\.git|node_modules)(\/|$)/.test(rel);
}

function yieldToHost(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The index of one workspace folder. */
export class FolderIndex implements vscode.Disposable {
  /** `ops-roles.yaml` at the folder's root. */
  readonly configUri: vscode.Uri;
  private parsedConfig: ParsedConfig;
  private ownershipModel: OwnershipModel;
  private configText = '';
  private fileSet: Set<string> | undefined;
  private sortedFiles: string[] | undefined;
  private owners = new Map<string, Ownership>();
  /** The model `owners` was resolved with; lookups resolve afresh while they differ. */
  private ownersModel: OwnershipModel | undefined;
  private cachedCoverage: { model: OwnershipModel; files: readonly string[]; coverage: Coverage } | undefined;
  private listing: vscode.CancellationTokenSource | undefined;
  private resolving: AbortController | undefined;
  private configTimer: NodeJS.Timeout | undefined;
  private lastParseMs = 0;
  private loaded = false;
  private readonly configWaiters: (() => void)[] = [];
  private filesTimer: NodeJS.Timeout | undefined;
  private readonly pendingCreated = new Set<string>();
  private readonly pendingDeleted = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  private readyResolve!: () => void;
  /** Resolves once the config is read and the first file listing has finished (or failed). */
  readonly ready: Promise<void> = new Promise((resolve) => (this.readyResolve = resolve));

  constructor(
    readonly folder: vscode.WorkspaceFolder,
    private readonly logger: Logger,
    private readonly changed: (index: FolderIndex) => void,
  ) {
    this.configUri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
    this.parsedConfig = parseConfig('');
    this.ownershipModel = new OwnershipModel(this.parsedConfig.config);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'), false, true, false);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.fileEvent(uri, 'created')),
      watcher.onDidDelete((uri) => this.fileEvent(uri, 'deleted')),
    );
  }

  /** The parsed `ops-roles.yaml` with its problems. */
  get parsed(): ParsedConfig {
    return this.parsedConfig;
  }

  /** The model built from the current config. */
  get model(): OwnershipModel {
    return this.ownershipModel;
  }

  /** The text the current config was parsed from. */
  get text(): string {
    return this.configText;
  }

  /** The folder's files (repository-relative, sorted), or `undefined` before the first listing. */
  get files(): readonly string[] | undefined {
    if (!this.fileSet) return undefined;
    if (!this.sortedFiles) this.sortedFiles = [...this.fileSet].sort();
    return this.sortedFiles;
  }

  /** Is `rel` one of the folder's files? */
  hasFile(rel: string): boolean {
    return this.fileSet?.has(rel) ?? false;
  }

  /** The repository-relative path of `uri`, or `undefined` when it is outside this folder. */
  relativePath(uri: vscode.Uri): string | undefined {
    return relativeTo(this.folder, uri);
  }

  /** The URI of a repository-relative path. */
  uriOf(rel: string): vscode.Uri {
    return vscode.Uri.joinPath(this.folder.uri, ...rel.split('/'));
  }

  /** Who owns `rel`: a map read when the file is indexed, else resolved on the spot. */
  ownership(rel: string): Ownership {
    if (this.ownersModel === this.ownershipModel) {
      const known = this.owners.get(rel);
      if (known) return known;
    }
    return this.ownershipModel.resolve(rel);
  }

  /** Coverage of the current config over the current file list (computed once per change). */
  coverage(): Coverage | undefined {
    const files = this.files;
    if (!files) return undefined;
    const cached = this.cachedCoverage;
    if (cached && cached.model === this.ownershipModel && cached.files === files) return cached.coverage;
    const coverage = computeCoverage(this.ownershipModel, files);
    this.cachedCoverage = { model: this.ownershipModel, files, coverage };
    return coverage;
  }

  /** Read the config and list the files; call once, after activation has returned. */
  async start(): Promise<void> {
    try {
      await this.loadConfig();
      this.changed(this);
      await this.relist();
    } finally {
      this.readyResolve();
    }
  }

  /** The open editor's text of ops-roles.yaml changed: re-parse soon. */
  configEdited(): void {
    clearTimeout(this.configTimer);
    // A huge config takes a while to parse on the extension host's thread: wait longer between
    // keystrokes for it, so typing never queues parse after parse.
    const wait = Math.min(MAX_CONFIG_DEBOUNCE_MS, Math.max(CONFIG_DEBOUNCE_MS, 3 * this.lastParseMs));
    this.configTimer = setTimeout(() => void this.reloadConfig(), wait);
  }

  /**
   * Resolves once the config has been parsed from the editor's current text: at the next
   * (debounced) reload, which is scheduled here if none is pending. Providers wait on this
   * instead of parsing themselves, so a large config is parsed once per pause in typing.
   */
  catchUp(): Promise<void> {
    const waiting = new Promise<void>((resolve) => this.configWaiters.push(resolve));
    if (this.configTimer === undefined) this.configEdited();
    return waiting;
  }

  /** Re-read the config now (saved, closed, changed on disk), then re-resolve every file. */
  async reloadConfig(): Promise<void> {
    clearTimeout(this.configTimer);
    this.configTimer = undefined;
    if (this.disposed) return;
    let changed: boolean;
    try {
      changed = await this.loadConfig();
    } catch (error) {
      this.logger.error(`Reading ${this.configUri.fsPath}`, error);
      return;
    } finally {
      for (const resolve of this.configWaiters.splice(0)) resolve();
    }
    // Opening, saving or closing without edits gives the same text: nothing to redo.
    if (!changed) return;
    this.changed(this);
    await this.resolveAll();
  }

  /** List the folder's files again (trust granted, a folder appeared), then resolve them. */
  async relist(): Promise<void> {
    this.listing?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.listing = source;
    const started = Date.now();
    try {
      // A spinner in the status bar while a large repository is listed; a newer listing or
      // closing the folder cancels this one through its token.
      const files = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Ops Roles: listing the files of ${this.folder.name}` }, () =>
        listFolderFiles(this.folder, source.token),
      );
      if (source.token.isCancellationRequested || this.disposed) return;
      this.fileSet = new Set(files);
      this.sortedFiles = undefined;
      this.logger.info(`${this.folder.name}: ${files.length} files listed in ${Date.now() - started} ms`);
    } catch (error) {
      if (!isCancellation(error)) this.logger.error(`Listing the files of ${this.folder.name}`, error);
      return;
    } finally {
      source.dispose();
    }
    this.changed(this);
    await this.resolveAll();
  }

  /** Read and parse the config; false when the text is what was parsed last time. */
  private async loadConfig(): Promise<boolean> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.configUri.toString());
    let text: string;
    if (open) text = open.getText();
    else {
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(this.configUri));
      } catch (error) {
        if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') text = '';
        else throw error;
      }
    }
    if (this.disposed || (this.loaded && text === this.configText)) return false;
    this.loaded = true;
    const started = Date.now();
    this.configText = text;
    this.parsedConfig = parseConfig(text);
    this.ownershipModel = new OwnershipModel(this.parsedConfig.config);
    this.lastParseMs = Date.now() - started;
    return true;
  }

  /** Resolve every file with the current model, in chunks, then swap the map in. */
  private async resolveAll(): Promise<void> {
    const files = this.files;
    if (!files) return;
    this.resolving?.abort();
    const controller = new AbortController();
    this.resolving = controller;
    const model = this.ownershipModel;
    const next = new Map<string, Ownership>();
    for (let i = 0; i < files.length; i += RESOLVE_CHUNK) {
      const end = Math.min(files.length, i + RESOLVE_CHUNK);
      for (let j = i; j < end; j++) next.set(files[j]!, model.resolve(files[j]!));
      if (end < files.length) {
        await yieldToHost();
        if (controller.signal.aborted || this.disposed || model !== this.ownershipModel) return;
      }
    }
    this.owners = next;
    this.ownersModel = model;
  }

  private fileEvent(uri: vscode.Uri, kind: 'created' | 'deleted'): void {
    const rel = this.relativePath(uri);
    if (rel === undefined || ignoredPath(rel)) return;
    if (rel === CONFIG_FILE_NAME) {
      void this.reloadConfig();
      return;
    }
    if (kind === 'created') {
      this.pendingDeleted.delete(rel);
      this.pendingCreated.add(rel);
    } else {
      this.pendingCreated.delete(rel);
      this.pendingDeleted.add(rel);
    }
    clearTimeout(this.filesTimer);
    this.filesTimer = setTimeout(() => void this.flushFileEvents(), FILES_DEBOUNCE_MS);
  }

  /** Apply batched creates/deletes: only the touched entries change; a new folder is listed again. */
  private async flushFileEvents(): Promise<void> {
    if (!this.fileSet || this.disposed) return;
    const created = [...this.pendingCreated];
    const deleted = [...this.pendingDeleted];
    this.pendingCreated.clear();
    this.pendingDeleted.clear();
    let touched = false;
    for (const rel of deleted) {
      // A deleted folder reports only itself: drop everything below it too.
      const prefix = `${rel}/`;
      for (const f of this.fileSet) {
        if (f === rel || f.startsWith(prefix)) {
          this.fileSet.delete(f);
          this.owners.delete(f);
          touched = true;
        }
      }
    }
    for (const rel of created) {
      let stat: vscode.FileStat;
      try {
        stat = await vscode.workspace.fs.stat(this.uriOf(rel));
      } catch {
        continue;
      }
      if (stat.type & vscode.FileType.Directory) {
        // A folder moved in with its contents: cheaper to list again than to walk it here.
        await this.relist();
        return;
      }
      if (!this.fileSet.has(rel)) {
        this.fileSet.add(rel);
        if (this.ownersModel === this.ownershipModel) this.owners.set(rel, this.ownershipModel.resolve(rel));
        touched = true;
      }
    }
    if (touched) {
      this.sortedFiles = undefined;
      this.changed(this);
    }
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.configTimer);
    for (const resolve of this.configWaiters.splice(0)) resolve();
    clearTimeout(this.filesTimer);
    this.listing?.cancel();
    this.resolving?.abort();
    for (const d of this.disposables) d.dispose();
  }
}

/**
 * Keeps one {@link FolderIndex} per workspace folder with `ops-roles.yaml` at its root, follows
 * folder, document, file and settings changes, and fires {@link onDidChange} for all of them.
 */
export class OwnershipIndexManager implements vscode.Disposable {
  private readonly indexes = new Map<string, FolderIndex>();
  /** A watcher for `ops-roles.yaml` in each folder (indexed or not), so creating it starts one. */
  private readonly configWatchers = new Map<string, vscode.Disposable>();
  private readonly emitter = new vscode.EventEmitter<FolderIndex | undefined>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private started: Promise<void> | undefined;

  /** Fired after any index changed (config parsed, files listed or changed, settings changed). */
  readonly onDidChange = this.emitter.event;

  constructor(private readonly logger: Logger) {
    this.disposables.push(
      vscode.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const folder of e.removed) this.removeFolder(folder);
        for (const folder of e.added) void this.addFolder(folder);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.forConfig(e.document.uri)?.configEdited();
      }),
      vscode.workspace.onDidOpenTextDocument((d) => void this.forConfig(d.uri)?.reloadConfig()),
      vscode.workspace.onDidSaveTextDocument((d) => void this.forConfig(d.uri)?.reloadConfig()),
      // Closing without saving drops the unsaved text: go back to the file on disk.
      vscode.workspace.onDidCloseTextDocument((d) => void this.forConfig(d.uri)?.reloadConfig()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('opsRoles')) this.emitter.fire(undefined);
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        for (const index of this.indexes.values()) void index.relist();
      }),
    );
  }

  /** Find the folders to index; resolves when every index has read its config and files. */
  start(): Promise<void> {
    this.started ??= Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => this.addFolder(f))).then(() => undefined);
    return this.started;
  }

  /** Resolves when every current index is ready. */
  async ready(): Promise<void> {
    await this.start();
    await Promise.all([...this.indexes.values()].map((i) => i.ready));
  }

  /** Every index, in workspace-folder order. */
  all(): FolderIndex[] {
    return [...this.indexes.values()].sort((a, b) => a.folder.index - b.folder.index);
  }

  /** The index of the folder holding `uri`, if that folder has ops-roles.yaml. */
  forUri(uri: vscode.Uri): FolderIndex | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? this.indexes.get(folder.uri.toString()) : undefined;
  }

  /** The index whose ops-roles.yaml is `uri`. */
  forConfig(uri: vscode.Uri): FolderIndex | undefined {
    const index = this.forUri(uri);
    return index && index.configUri.toString() === uri.toString() ? index : undefined;
  }

  /** The index and repository-relative path of `uri`, when it is in an indexed folder. */
  locate(uri: vscode.Uri): { index: FolderIndex; rel: string } | undefined {
    const index = this.forUri(uri);
    const rel = index?.relativePath(uri);
    return index && rel !== undefined ? { index, rel } : undefined;
  }

  private async addFolder(folder: vscode.WorkspaceFolder): Promise<void> {
    const key = folder.uri.toString();
    if (folder.uri.scheme !== 'file' || this.configWatchers.has(key)) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, CONFIG_FILE_NAME));
    this.configWatchers.set(key, watcher);
    watcher.onDidCreate(() => void this.ensureIndex(folder));
    watcher.onDidChange(() => {
      const index = this.indexes.get(key);
      const open = index && vscode.workspace.textDocuments.find((d) => d.uri.toString() === index.configUri.toString());
      // While the file is open, its editor text is what counts.
      if (index && !open) void index.reloadConfig();
    });
    watcher.onDidDelete(() => this.dropIndex(key));
    try {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME));
    } catch {
      return;
    }
    await this.ensureIndex(folder);
  }

  private async ensureIndex(folder: vscode.WorkspaceFolder): Promise<void> {
    const key = folder.uri.toString();
    if (this.indexes.has(key)) return;
    const index = new FolderIndex(folder, this.logger, (i) => this.emitter.fire(i));
    this.indexes.set(key, index);
    this.logger.info(`Indexing ${folder.name}`);
    await index.start();
  }

  private dropIndex(key: string): void {
    const index = this.indexes.get(key);
    if (!index) return;
    this.indexes.delete(key);
    index.dispose();
    this.emitter.fire(undefined);
  }

  private removeFolder(folder: vscode.WorkspaceFolder): void {
    const key = folder.uri.toString();
    this.configWatchers.get(key)?.dispose();
    this.configWatchers.delete(key);
    this.dropIndex(key);
  }

  dispose(): void {
    for (const index of this.indexes.values()) index.dispose();
    for (const w of this.configWatchers.values()) w.dispose();
    this.indexes.clear();
    this.configWatchers.clear();
    for (const d of this.disposables) d.dispose();
  }
}
