/**
 * One ownership index per workspace folder that has `ops-roles.yaml` at its root: the parsed
 * config (the open editor's unsaved text when there is one), the ownership model, the folder's
 * files and every file's owner resolved once, so CodeLens, hover and the status bar answer with
 * a map read. The manager keeps one index per such folder and fires ONE change event that
 * every feature listens to.
 *
 * A {@link FolderIndex} puts together four parts, each holding one kind of state:
 * - {@link ConfigReader} (configReader.ts): the config's text, its parse and model, and the
 *   debounce of keystrokes;
 * - {@link ListedFiles} (listedFiles.ts): the files from the listing service (folderFiles.ts);
 * - {@link FileEventBatcher} (fileEvents.ts): creates and deletes since, in batches;
 * - {@link OwnerTable} (ownerTable.ts): every file's owner and the coverage, per model.
 * The index decides what follows from what: a new config or a new listing re-resolves every
 * owner; a batch of file events updates the list and the owners of just those files.
 */
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, type ParsedConfig } from '../core/config.js';
import type { Coverage, Ownership, OwnershipModel } from '../core/ownership.js';
import { ConfigReader } from './configReader.js';
import { FileEventBatcher } from './fileEvents.js';
import { relativeTo } from './folderFiles.js';
import { ListedFiles } from './listedFiles.js';
import type { Logger } from './logger.js';
import { OwnerTable } from './ownerTable.js';

/** The index of one workspace folder. */
export class FolderIndex implements vscode.Disposable {
  /** `ops-roles.yaml` at the folder's root. */
  readonly configUri: vscode.Uri;
  private readonly config: ConfigReader;
  private readonly listedFiles: ListedFiles;
  private readonly fileEvents: FileEventBatcher;
  private readonly owners: OwnerTable;
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
    this.config = new ConfigReader(this.configUri, () => void this.reloadConfig());
    this.listedFiles = new ListedFiles(folder, logger);
    this.owners = new OwnerTable(this.config);
    this.fileEvents = new FileEventBatcher(folder, {
      configTouched: () => void this.reloadConfig(),
      settled: () => void this.applyFileEvents(),
    });
  }

  /** The parsed `ops-roles.yaml` with its problems. */
  get parsed(): ParsedConfig {
    return this.config.parsed;
  }

  /** The model built from the current config. */
  get model(): OwnershipModel {
    return this.config.model;
  }

  /** The text the current config was parsed from. */
  get text(): string {
    return this.config.text;
  }

  /** The folder's files (repository-relative, sorted), or `undefined` before the first listing. */
  get files(): readonly string[] | undefined {
    return this.listedFiles.files;
  }

  /** Is `rel` one of the folder's files? */
  hasFile(rel: string): boolean {
    return this.listedFiles.has(rel);
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
    return this.owners.ownership(rel);
  }

  /** Coverage of the current config over the current file list (computed once per change). */
  coverage(): Coverage | undefined {
    const files = this.files;
    return files && this.owners.coverage(files);
  }

  /** Read the config and list the files; call once, after activation has returned. */
  async start(): Promise<void> {
    try {
      await this.config.load();
      this.changed(this);
      await this.relist();
    } finally {
      this.readyResolve();
    }
  }

  /** The open editor's text of ops-roles.yaml changed: re-parse soon. */
  configEdited(): void {
    this.config.edited();
  }

  /**
   * Resolves once the config has been parsed from the editor's current text: at the next
   * (debounced) reload, which is scheduled here if none is pending. Providers wait on this
   * instead of parsing themselves, so a large config is parsed once per pause in typing.
   */
  catchUp(): Promise<void> {
    return this.config.catchUp();
  }

  /** Re-read the config now (saved, closed, changed on disk), then re-resolve every file. */
  async reloadConfig(): Promise<void> {
    let changed: boolean;
    try {
      changed = await this.config.read();
    } catch (error) {
      this.logger.error(`Reading ${this.configUri.fsPath}`, error);
      return;
    }
    // Opening, saving or closing without edits gives the same text: nothing to redo.
    if (!changed) return;
    this.changed(this);
    await this.resolveAll();
  }

  /** List the folder's files again (trust granted, a folder appeared), then resolve them. */
  async relist(): Promise<void> {
    if (!(await this.listedFiles.relist())) return;
    this.changed(this);
    await this.resolveAll();
  }

  private async resolveAll(): Promise<void> {
    const files = this.files;
    if (files) await this.owners.resolveAll(files);
  }

  /**
   * Apply a batch of creates and deletes: only the touched files change; a new folder is listed
   * again. Events before the first listing wait for the next batch after it.
   */
  private async applyFileEvents(): Promise<void> {
    if (!this.listedFiles.listed || this.disposed) return;
    const { created, deleted } = this.fileEvents.take();
    let touched = false;
    for (const rel of deleted) {
      const removed = this.listedFiles.remove(rel);
      this.owners.forget(removed);
      touched ||= removed.length > 0;
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
      if (this.listedFiles.add(rel)) {
        this.owners.add(rel);
        touched = true;
      }
    }
    if (touched) this.changed(this);
  }

  dispose(): void {
    this.disposed = true;
    this.config.dispose();
    this.fileEvents.dispose();
    this.listedFiles.dispose();
    this.owners.dispose();
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
