/**
 * Every listed file's owner under the current ownership model, resolved once per model, so a
 * lookup is a map read; and the coverage of the model over the file list, computed once per
 * pair. Both walk every file in slices (slices.ts): a 150k-file folder never holds the
 * extension host for long, and a newer model or list abandons the walk at the next slice.
 */
import type * as vscode from 'vscode';
import { computeCoverage, CoverageTally, type Coverage, type OwnershipModel, type Ownership } from '../core/ownership.js';
import { inSlices } from './slices.js';

/** Lists up to this long are counted on the spot (a few milliseconds), larger ones in the background. */
const COVERAGE_AT_ONCE = 5000;

/**
 * The coverage of `model` over `files`, counted in slices ({@link inSlices}); `undefined` when
 * `stillWanted` says no at a slice's end.
 */
export async function coverageInSlices(model: OwnershipModel, files: readonly string[], stillWanted: () => boolean): Promise<Coverage | undefined> {
  const tally = new CoverageTally(model);
  return (await inSlices(files.length, (i) => tally.add(files[i]!), stillWanted)) ? tally.result() : undefined;
}

/** One computation of coverage: its model and list, and its result once every file is counted. */
interface CoverageRun {
  readonly model: OwnershipModel;
  readonly files: readonly string[];
  coverage: Coverage | undefined;
  /** Resolves with `coverage`, or with `undefined` when a newer model or list abandoned the run. */
  done: Promise<Coverage | undefined>;
}

/** What the table tells its index about coverage computed in the background. */
export interface CoverageListener {
  /** Coverage of the current model and list is ready: surfaces that showed "not yet" may ask again. */
  computed(): void;
  failed(error: unknown): void;
}

/** Resolved owners of one folder's files. */
export class OwnerTable implements vscode.Disposable {
  private owners = new Map<string, Ownership>();
  /** The model `owners` was resolved with; lookups resolve afresh while it is not the current one. */
  private ownersModel: OwnershipModel | undefined;
  private coverageRun: CoverageRun | undefined;
  private resolving: AbortController | undefined;
  private disposed = false;

  /** `config.model` is the current model, whatever it is when asked. */
  constructor(
    private readonly config: { readonly model: OwnershipModel },
    private readonly coverageListener: CoverageListener,
  ) {}

  /** Who owns `rel`: a map read when it is resolved with the current model, else resolved on the spot. */
  ownership(rel: string): Ownership {
    const model = this.config.model;
    if (this.ownersModel === model) {
      const known = this.owners.get(rel);
      if (known) return known;
    }
    return model.resolve(rel);
  }

  /**
   * Coverage of the current model over `files`, once computed; until then `undefined`, and it
   * is being computed in the background (the listener hears when it is ready).
   */
  coverage(files: readonly string[]): Coverage | undefined {
    return this.coverageFor(files).coverage;
  }

  /** Resolves with {@link coverage} once computed; `undefined` when a newer model or list abandoned it. */
  coverageComputed(files: readonly string[]): Promise<Coverage | undefined> {
    return this.coverageFor(files).done;
  }

  /** The run for the current model and `files`, started when there is none. */
  private coverageFor(files: readonly string[]): CoverageRun {
    const model = this.config.model;
    const current = this.coverageRun;
    if (current && current.model === model && current.files === files) return current;
    const run: CoverageRun = { model, files, coverage: undefined, done: Promise.resolve(undefined) };
    this.coverageRun = run;
    if (files.length <= COVERAGE_AT_ONCE) {
      run.coverage = computeCoverage(model, files);
      run.done = Promise.resolve(run.coverage);
      return run;
    }
    run.done = this.countCoverage(run).catch((error: unknown) => {
      this.coverageListener.failed(error);
      return undefined;
    });
    return run;
  }

  private async countCoverage(run: CoverageRun): Promise<Coverage | undefined> {
    const coverage = await coverageInSlices(run.model, run.files, () => !this.disposed && this.coverageRun === run);
    if (!coverage) return undefined;
    run.coverage = coverage;
    this.coverageListener.computed();
    return coverage;
  }

  /**
   * Resolve every file with the current model, in slices, then swap the table in. A newer call,
   * a new model or disposal abandons the work; until the swap, lookups resolve on the spot.
   * False when the work was abandoned.
   */
  async resolveAll(files: readonly string[]): Promise<boolean> {
    this.resolving?.abort();
    const controller = new AbortController();
    this.resolving = controller;
    const model = this.config.model;
    const next = new Map<string, Ownership>();
    const stillWanted = (): boolean => !controller.signal.aborted && !this.disposed && model === this.config.model;
    if (!(await inSlices(files.length, (i) => next.set(files[i]!, model.resolve(files[i]!)), stillWanted))) return false;
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
