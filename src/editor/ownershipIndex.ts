/**
 * One ownership index per source of ownership: the `ops-roles.yaml` of a workspace folder or
 * of the git repository that holds it, else that repository's CODEOWNERS (core/repository.ts
 * decides which). The index holds the parsed source (the open editor's unsaved text when there
 * is one), the ownership model, the files below its root and every file's owner resolved once,
 * so CodeLens, hover and the status bar answer with a map read. Several workspace folders of
 * one repository share its index; folders of different repositories get one each. The manager
 * fires ONE change event that every feature listens to.
 *
 * A {@link FolderIndex} puts together four parts, each holding one kind of state:
 * - {@link ConfigReader} (configReader.ts): the source's text, its parse and model, and the
 *   debounce of keystrokes;
 * - {@link ListedFiles} (listedFiles.ts): the files from the listing service (folderFiles.ts);
 * - {@link FileEventBatcher} (fileEvents.ts): creates and deletes since, in batches;
 * - {@link OwnerTable} (ownerTable.ts): every file's owner and the coverage, per model, both
 *   computed in slices in the background.
 * The index decides what follows from what: a new config or a new listing re-resolves every
 * owner; a batch of file events updates the list and the owners of just those files.
 */
import * as vscode from 'vscode';
import { readCodeownersModel } from '../core/codeownersModel.js';
import { CODEOWNERS_CANDIDATES } from '../core/codeownersTarget.js';
import { CONFIG_FILE_NAME, type ParsedConfig } from '../core/config.js';
import type { Coverage, Ownership, OwnershipModel } from '../core/ownership.js';
import { findOwnershipSource, findRepositoryRoot, type OwnershipSourceLocation } from '../core/repository.js';
import { ConfigReader, parseConfigSource, type SourceParser } from './configReader.js';
import { entryExists } from './diskFiles.js';
import { workingTreeUri } from './documents.js';
import { FileEventBatcher } from './fileEvents.js';
import { relativeTo } from './folderFiles.js';
import { ListedFiles } from './listedFiles.js';
import type { Logger } from './logger.js';
import { OwnerTable } from './ownerTable.js';
import { explicitSetting } from './settings.js';

/** Where an index reads ownership from. */
export interface IndexSource {
  /** The root its paths are relative to, as a workspace folder (it may lie above the opened one). */
  readonly folder: vscode.WorkspaceFolder;
  /** `config`: ops-roles.yaml; `codeowners`: a CODEOWNERS read with its host's semantics. */
  readonly kind: OwnershipSourceLocation['kind'];
  /** The source file, relative to the root. */
  readonly file: string;
}

/** A CODEOWNERS read as a model; its problems are the CODEOWNERS linter's to report. */
function codeownersParser(source: IndexSource): SourceParser {
  return (text) => {
    const model = readCodeownersModel(text, source.file, explicitSetting('codeowners.target', source.folder.uri));
    return { parsed: { config: model.config, problems: [] }, model };
  };
}

/**
 * What changed in an index: `owners`, its config and so possibly any file's owner; `files`,
 * only which files it lists (every owner stays what it was: an unlisted file is resolved on
 * the spot, with the same answer); `coverage`, nothing but that its coverage, asked for before,
 * is now computed.
 */
export type IndexChange = 'owners' | 'files' | 'coverage';

/** The index of one source of ownership. */
export class FolderIndex implements vscode.Disposable {
  /** The root: the workspace folder, or the repository root above it. */
  readonly folder: vscode.WorkspaceFolder;
  /** The source file: `ops-roles.yaml`, or the CODEOWNERS of a repository without one. */
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
    readonly source: IndexSource,
    private readonly logger: Logger,
    private readonly changed: (index: FolderIndex, what: IndexChange) => void,
  ) {
    const folder = (this.folder = source.folder);
    this.configUri = vscode.Uri.joinPath(folder.uri, ...source.file.split('/'));
    const parse = source.kind === 'codeowners' ? codeownersParser(source) : parseConfigSource;
    this.config = new ConfigReader(this.configUri, () => void this.reloadConfig(), parse);
    this.listedFiles = new ListedFiles(folder, logger);
    this.owners = new OwnerTable(this.config, {
      computed: () => this.changed(this, 'coverage'),
      failed: (error) => this.logger.error(`Computing the coverage of ${folder.name}`, error),
    });
    this.fileEvents = new FileEventBatcher(folder, source.file, {
      configTouched: () => void this.reloadConfig(),
      settled: () => void this.applyFileEvents(),
    });
  }

  /** Is the source a CODEOWNERS (no ops-roles.yaml)? */
  get codeownersOnly(): boolean {
    return this.source.kind === 'codeowners';
  }

  /** The parsed source with its problems (a CODEOWNERS as a config: see codeownersModel.ts). */
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

  /**
   * Has the source been read? Until then the config is empty and every file would look
   * unowned: surfaces say the index is reading instead of answering.
   */
  get sourceRead(): boolean {
    return this.config.loadedOnce;
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

  /**
   * Coverage of the current config over the current file list, computed once per change in
   * the background: `undefined` until then (and before the first listing);
   * {@link OwnershipIndexManager.onDidComputeCoverage} fires when it is ready.
   */
  coverage(): Coverage | undefined {
    const files = this.files;
    return files && this.owners.coverage(files);
  }

  /** Resolves with {@link coverage} once computed; `undefined` before the first listing or when a change abandoned it. */
  async coverageComputed(): Promise<Coverage | undefined> {
    const files = this.files;
    return files && this.owners.coverageComputed(files);
  }

  /** Read the config and list the files; call once, after activation has returned. */
  async start(): Promise<void> {
    try {
      await this.config.load();
      this.logger.info(`${this.source.file}: ${this.parsed.config.rules.length} rules read in ${this.config.parseMs} ms`);
      this.changed(this, 'owners');
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
    this.changed(this, 'owners');
    await this.resolveAll();
  }

  /** List the folder's files again (trust granted, a folder appeared), then resolve them. */
  async relist(): Promise<void> {
    if (!(await this.listedFiles.relist())) return;
    this.changed(this, 'files');
    await this.resolveAll();
  }

  private async resolveAll(): Promise<void> {
    const files = this.files;
    if (!files) return;
    const started = Date.now();
    if (await this.owners.resolveAll(files)) this.logger.info(`${this.folder.name}: ${files.length} owners resolved in ${Date.now() - started} ms`);
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
    if (touched) this.changed(this, 'files');
  }

  dispose(): void {
    this.disposed = true;
    this.config.dispose();
    this.fileEvents.dispose();
    this.listedFiles.dispose();
    this.owners.dispose();
  }
}

/** The files whose creation or deletion can change where a folder's ownership comes from. */
const SOURCE_FILES = `{${[CONFIG_FILE_NAME, ...CODEOWNERS_CANDIDATES].join(',')}}`;

/** The root of `location` as a workspace folder: the opened folder itself, or a folder-shaped root above it. */
function rootFolder(folder: vscode.WorkspaceFolder, location: OwnershipSourceLocation): vscode.WorkspaceFolder {
  if (location.root === folder.uri.path.replace(/\/+$/, '')) return folder;
  const uri = folder.uri.with({ path: location.root });
  return { uri, name: location.root.split('/').pop() || location.root, index: folder.index };
}

/**
 * Keeps one {@link FolderIndex} per source of ownership (see the module comment), follows
 * folder, document, file and settings changes, and fires {@link onDidChange} for all of them.
 */
export class OwnershipIndexManager implements vscode.Disposable {
  /** Indexes by the key of their source file. */
  private readonly indexes = new Map<string, FolderIndex>();
  /** For each workspace folder, the key of the index it reads (absent: no source found). */
  private readonly folderSources = new Map<string, string>();
  /** A watcher per workspace folder for the files that decide its source, so creating one starts an index. */
  private readonly sourceWatchers = new Map<string, vscode.Disposable>();
  /** The latest look for each folder's source, which the next one waits for. */
  private readonly refreshes = new Map<string, Promise<void>>();
  private readonly emitter = new vscode.EventEmitter<FolderIndex | undefined>();
  private readonly ownersEmitter = new vscode.EventEmitter<FolderIndex | undefined>();
  private readonly coverageEmitter = new vscode.EventEmitter<FolderIndex>();
  private readonly disposables: vscode.Disposable[] = [this.emitter, this.ownersEmitter, this.coverageEmitter];
  private started: Promise<void> | undefined;

  /** Fired after any index changed (config parsed, files listed or changed, settings changed). */
  readonly onDidChange = this.emitter.event;
  /**
   * Fired when a file's owner may have changed: a config parsed, an index added or dropped,
   * settings changed; not when files were only listed, created or deleted. VS Code puts off
   * a CodeLens request each time a provider says its lenses changed, so the owner CodeLens
   * listens to this, not to {@link onDidChange}, and a large folder's listing never delays it.
   */
  readonly onDidChangeOwners = this.ownersEmitter.event;
  /**
   * Fired when an index's coverage, asked for while it was not yet computed, is ready. Nothing
   * else changed, so only the surfaces that show coverage listen (not {@link onDidChange}).
   */
  readonly onDidComputeCoverage = this.coverageEmitter.event;

  /** Fire both events: something that can change any answer. */
  private fireAll(index: FolderIndex | undefined): void {
    this.emitter.fire(index);
    this.ownersEmitter.fire(index);
  }

  constructor(private readonly logger: Logger) {
    this.disposables.push(
      vscode.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const folder of e.removed) this.removeFolder(folder);
        for (const folder of e.added) void this.addFolder(folder);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.forSource(e.document.uri)?.configEdited();
      }),
      vscode.workspace.onDidOpenTextDocument((d) => void this.forSource(d.uri)?.reloadConfig()),
      vscode.workspace.onDidSaveTextDocument((d) => void this.forSource(d.uri)?.reloadConfig()),
      // Closing without saving drops the unsaved text: go back to the file on disk.
      vscode.workspace.onDidCloseTextDocument((d) => void this.forSource(d.uri)?.reloadConfig()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('opsRoles')) return;
        // The dialect setting changes how a CODEOWNERS is found and read: look again.
        if (e.affectsConfiguration('opsRoles.codeowners.target')) for (const folder of vscode.workspace.workspaceFolders ?? []) void this.refreshFolder(folder);
        this.fireAll(undefined);
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

  /**
   * The index that answers for `uri`: its workspace folder's; for a URI outside every folder
   * (a repository root above the opened folder), the index with the deepest root holding it.
   */
  forUri(uri: vscode.Uri): FolderIndex | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const key = folder && this.folderSources.get(folder.uri.toString());
    if (key) return this.indexes.get(key);
    let best: FolderIndex | undefined;
    for (const index of this.indexes.values()) {
      const inside = index.folder.uri.toString() === uri.toString() || index.relativePath(uri) !== undefined;
      if (inside && (!best || index.folder.uri.path.length > best.folder.uri.path.length)) best = index;
    }
    return best;
  }

  /** The index whose ops-roles.yaml is `uri` (not a CODEOWNERS source: that is no config). */
  forConfig(uri: vscode.Uri): FolderIndex | undefined {
    const index = this.forSource(uri);
    return index && !index.codeownersOnly ? index : undefined;
  }

  /** The index whose source file (ops-roles.yaml or CODEOWNERS) is `uri`. */
  forSource(uri: vscode.Uri): FolderIndex | undefined {
    return this.indexes.get(uri.toString());
  }

  /**
   * The index and repository-relative path of `uri`, when an index answers for it. A `git:`
   * document (a staged or HEAD version, one side of a diff) answers as its working-tree file.
   */
  locate(uri: vscode.Uri): { index: FolderIndex; rel: string } | undefined {
    const file = workingTreeUri(uri);
    const index = this.forUri(file);
    const rel = index?.relativePath(file);
    return index && rel !== undefined ? { index, rel } : undefined;
  }

  private async addFolder(folder: vscode.WorkspaceFolder): Promise<void> {
    const key = folder.uri.toString();
    if (folder.uri.scheme !== 'file' || this.sourceWatchers.has(key)) return;
    this.sourceWatchers.set(key, this.watchSources(folder));
    await this.refreshFolder(folder);
  }

  /** Watch the folder's own ops-roles.yaml and, at the repository root, every source file. */
  private watchSources(folder: vscode.WorkspaceFolder): vscode.Disposable {
    const watchers: vscode.FileSystemWatcher[] = [];
    let disposed = false;
    const watch = (base: vscode.Uri, glob: string): void => {
      if (disposed) return;
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(base, glob));
      watcher.onDidCreate(() => void this.refreshFolder(folder));
      watcher.onDidDelete(() => void this.refreshFolder(folder));
      watcher.onDidChange((uri) => this.sourceChangedOnDisk(uri));
      watchers.push(watcher);
    };
    watch(folder.uri, SOURCE_FILES);
    void findRepositoryRoot(folder.uri.path, (p) => entryExists(folder.uri.with({ path: p }))).then((root) => {
      if (root && root !== folder.uri.path.replace(/\/+$/, '')) watch(folder.uri.with({ path: root }), SOURCE_FILES);
    });
    return {
      dispose: () => {
        disposed = true;
        for (const w of watchers) w.dispose();
      },
    };
  }

  private sourceChangedOnDisk(uri: vscode.Uri): void {
    const index = this.forSource(uri);
    const open = index && vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
    // While the file is open, its editor text is what counts.
    if (index && !open) void index.reloadConfig();
  }

  /**
   * Find where the folder's ownership comes from now, and move it to that index. Calls for one
   * folder run one after the other, so a slow early look never undoes a later one.
   */
  private refreshFolder(folder: vscode.WorkspaceFolder): Promise<void> {
    const key = folder.uri.toString();
    const next = (this.refreshes.get(key) ?? Promise.resolve()).then(() => this.moveFolder(folder));
    const settled = next.catch((error: unknown) => this.logger.error(`Finding the ownership source of ${folder.name}`, error));
    this.refreshes.set(key, settled);
    return settled;
  }

  private async moveFolder(folder: vscode.WorkspaceFolder): Promise<void> {
    const folderKey = folder.uri.toString();
    const configured = explicitSetting('codeowners.target', folder.uri);
    const location = await findOwnershipSource(folder.uri.path, (p) => entryExists(folder.uri.with({ path: p })), configured);
    if (!this.sourceWatchers.has(folderKey)) return;
    const root = location && rootFolder(folder, location);
    const sourceKey = location && root ? vscode.Uri.joinPath(root.uri, ...location.file.split('/')).toString() : undefined;
    const before = this.folderSources.get(folderKey);
    if (before === sourceKey) return;
    if (sourceKey) this.folderSources.set(folderKey, sourceKey);
    else this.folderSources.delete(folderKey);
    if (before) this.releaseIndex(before);
    if (location && root && sourceKey) await this.ensureIndex(sourceKey, { folder: root, kind: location.kind, file: location.file });
  }

  private async ensureIndex(key: string, source: IndexSource): Promise<void> {
    if (this.indexes.has(key)) return;
    const index = new FolderIndex(source, this.logger, (i, what) => this.indexChanged(i, what));
    this.indexes.set(key, index);
    this.logger.info(`Indexing ${source.folder.uri.fsPath} from ${source.file}`);
    await index.start();
  }

  private indexChanged(index: FolderIndex, what: IndexChange): void {
    if (what === 'owners') this.fireAll(index);
    else if (what === 'files') this.emitter.fire(index);
    else this.coverageEmitter.fire(index);
  }

  /** Drop an index no workspace folder reads any more. */
  private releaseIndex(key: string): void {
    if ([...this.folderSources.values()].includes(key)) return;
    const index = this.indexes.get(key);
    if (!index) return;
    this.indexes.delete(key);
    index.dispose();
    this.fireAll(undefined);
  }

  private removeFolder(folder: vscode.WorkspaceFolder): void {
    const key = folder.uri.toString();
    this.sourceWatchers.get(key)?.dispose();
    this.sourceWatchers.delete(key);
    this.refreshes.delete(key);
    const source = this.folderSources.get(key);
    this.folderSources.delete(key);
    if (source) this.releaseIndex(source);
  }

  dispose(): void {
    for (const index of this.indexes.values()) index.dispose();
    for (const w of this.sourceWatchers.values()) w.dispose();
    this.indexes.clear();
    this.sourceWatchers.clear();
    this.folderSources.clear();
    for (const d of this.disposables) d.dispose();
  }
}
