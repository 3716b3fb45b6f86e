/**
 * A folder's files as its ownership index knows them: the list the listing service
 * (folderFiles.ts) returned last, kept current between listings by the files that were
 * created and deleted since. A new listing cancels one in progress.
 */
import * as vscode from 'vscode';
import { listFolderFiles } from './folderFiles.js';
import { isCancellation, type Logger } from './logger.js';
import { inSlices } from './slices.js';

/** The listed files of one folder. */
export class ListedFiles implements vscode.Disposable {
  private fileSet: Set<string> | undefined;
  private sortedFiles: string[] | undefined;
  private listing: vscode.CancellationTokenSource | undefined;
  private disposed = false;

  constructor(
    private readonly folder: vscode.WorkspaceFolder,
    private readonly logger: Logger,
  ) {}

  /** Has the first listing finished? */
  get listed(): boolean {
    return this.fileSet !== undefined;
  }

  /** The files (repository-relative, sorted), or `undefined` before the first listing. */
  get files(): readonly string[] | undefined {
    if (!this.fileSet) return undefined;
    if (!this.sortedFiles) this.sortedFiles = [...this.fileSet].sort();
    return this.sortedFiles;
  }

  /** Is `rel` one of the files? */
  has(rel: string): boolean {
    return this.fileSet?.has(rel) ?? false;
  }

  /** List the folder again; false when this listing was cancelled (by a newer one, or disposal) or failed. */
  async relist(): Promise<boolean> {
    this.listing?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.listing = source;
    const started = Date.now();
    try {
      // A spinner in the status bar while a large repository is listed.
      const files = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Ops Roles: listing the files of {0}', this.folder.name) },
        () => listFolderFiles(this.folder, source.token),
      );
      // The set of a 150k-file list takes ~80 ms to build on a busy host: in slices.
      const fileSet = new Set<string>();
      const stillWanted = (): boolean => !source.token.isCancellationRequested && !this.disposed;
      if (!stillWanted() || !(await inSlices(files.length, (i) => fileSet.add(files[i]!), stillWanted))) return false;
      this.fileSet = fileSet;
      // The listing service returns the list sorted and without repeats: no second sort.
      this.sortedFiles = files;
      this.logger.info(`${this.folder.name}: ${files.length} files listed in ${Date.now() - started} ms`);
      return true;
    } catch (error) {
      if (!isCancellation(error)) this.logger.error(`Listing the files of ${this.folder.name}`, error);
      return false;
    } finally {
      source.dispose();
    }
  }

  /** Drop `rel` and everything below it (a deleted folder reports only itself); returns what was dropped. */
  remove(rel: string): string[] {
    const removed: string[] = [];
    if (!this.fileSet) return removed;
    const prefix = `${rel}/`;
    for (const f of this.fileSet) {
      if (f === rel || f.startsWith(prefix)) {
        this.fileSet.delete(f);
        removed.push(f);
      }
    }
    if (removed.length > 0) this.sortedFiles = undefined;
    return removed;
  }

  /** Add a file; false when it is listed already (or nothing is listed yet). */
  add(rel: string): boolean {
    if (!this.fileSet || this.fileSet.has(rel)) return false;
    this.fileSet.add(rel);
    this.sortedFiles = undefined;
    return true;
  }

  dispose(): void {
    this.disposed = true;
    this.listing?.cancel();
  }
}
