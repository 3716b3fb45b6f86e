/**
 * Every listed file's owner under the current ownership model, resolved once per model in
 * chunks (a 150k-file folder never holds the extension host for long), so a lookup is a map
 * read; and the coverage of the model over the file list, computed once per pair.
 */
import type * as vscode from 'vscode';
import { computeCoverage, type Coverage, type OwnershipModel, type Ownership } from '../core/ownership.js';

/** Resolve this many files, then let the extension host breathe. */
const RESOLVE_CHUNK = 4000;

function yieldToHost(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Resolved owners of one folder's files. */
export class OwnerTable implements vscode.Disposable {
  private owners = new Map<string, Ownership>();
  /** The model `owners` was resolved with; lookups resolve afresh while it is not the current one. */
  private ownersModel: OwnershipModel | undefined;
  private cachedCoverage: { model: OwnershipModel; files: readonly string[]; coverage: Coverage } | undefined;
  private resolving: AbortController | undefined;
  private disposed = false;

  /** `config.model` is the current model, whatever it is when asked. */
  constructor(private readonly config: { readonly model: OwnershipModel }) {}

  /** Who owns `rel`: a map read when it is resolved with the current model, else resolved on the spot. */
  ownership(rel: string): Ownership {
    const model = this.config.model;
    if (this.ownersModel === model) {
      const known = this.owners.get(rel);
      if (known) return known;
    }
    return model.resolve(rel);
  }

  /** Coverage of the current model over `files` (computed once per model and list). */
  coverage(files: readonly string[]): Coverage {
    const model = this.config.model;
    const cached = this.cachedCoverage;
    if (cached && cached.model === model && cached.files === files) return cached.coverage;
    const coverage = computeCoverage(model, files);
    this.cachedCoverage = { model, files, coverage };
    return coverage;
  }

  /**
   * Resolve every file with the current model, in chunks, then swap the table in. A newer call,
   * a new model or disposal abandons the work; until the swap, lookups resolve on the spot.
   * False when the work was abandoned.
   */
  async resolveAll(files: readonly string[]): Promise<boolean> {
    this.resolving?.abort();
    const controller = new AbortController();
    this.resolving = controller;
    const model = this.config.model;
    const next = new Map<string, Ownership>();
    for (let i = 0; i < files.length; i += RESOLVE_CHUNK) {
      const end = Math.min(files.length, i + RESOLVE_CHUNK);
      for (let j = i; j < end; j++) next.set(files[j]!, model.resolve(files[j]!));
      if (end < files.length) {
        await yieldToHost();
        if (controller.signal.aborted || this.disposed || model !== this.config.model) return false;
      }
    }
    this.owners = next;
    this.ownersModel = model;
    return true;
  }

  /** Files that are gone. */
  forget(files: readonly string[]): void {
    for (const f of files) this.owners.delete(f);
  }

  /** A file that appeared: resolved now when the table is current, else at the next {@link resolveAll}. */
  add(rel: string): void {
    const model = this.config.model;
    if (this.ownersModel === model) this.owners.set(rel, model.resolve(rel));
  }

  dispose(): void {
    this.disposed = true;
    this.resolving?.abort();
  }
}
