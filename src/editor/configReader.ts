/**
 * The source file of an ownership index (ops-roles.yaml, or the CODEOWNERS of a repository
 * without one) as the index reads it: the open editor's text when there is one (unsaved edits
 * count), else the file on disk, parsed into the config and its ownership model once per
 * change of text. Keystrokes are debounced, longer for a config that is slow to
 * parse, and providers that need the parse of the text on screen wait for the next one instead
 * of parsing themselves.
 */
import * as vscode from 'vscode';
import { parseConfig, type ParsedConfig } from '../core/config.js';
import { OwnershipModel } from '../core/ownership.js';
import { readFileBytes } from './diskFiles.js';

/** Text in, config and model out: how one kind of source file is read. */
export type SourceParser = (text: string) => { parsed: ParsedConfig; model: OwnershipModel };

/** ops-roles.yaml: the config reader, then the model over it. */
export const parseConfigSource: SourceParser = (text) => {
  const parsed = parseConfig(text);
  return { parsed, model: new OwnershipModel(parsed.config) };
};

/** Debounce for edits of ops-roles.yaml: quick enough to feel live, slow enough to skip keystrokes. */
const CONFIG_DEBOUNCE_MS = 250;
/** The longest wait after a keystroke, however slow parsing is. */
const MAX_CONFIG_DEBOUNCE_MS = 3000;

/** The parsed ops-roles.yaml of one folder. */
export class ConfigReader implements vscode.Disposable {
  private parsedConfig: ParsedConfig;
  private ownershipModel: OwnershipModel;
  private configText = '';
  private lastParseMs = 0;
  private loaded = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly waiters: (() => void)[] = [];
  private disposed = false;

  /** `reload` runs when an edit's debounce ends: the index re-reads through {@link read} and re-resolves. */
  constructor(
    readonly uri: vscode.Uri,
    private readonly reload: () => void,
    private readonly parse: SourceParser = parseConfigSource,
  ) {
    ({ parsed: this.parsedConfig, model: this.ownershipModel } = parse(''));
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

  /** Has the source been read once? Before that the config is empty, not the source's. */
  get loadedOnce(): boolean {
    return this.loaded;
  }

  /** How long the last parse took (the config and its model), in milliseconds. */
  get parseMs(): number {
    return this.lastParseMs;
  }

  /** The open editor's text changed: reload once typing pauses. */
  edited(): void {
    clearTimeout(this.timer);
    // A huge config takes a while to parse on the extension host's thread: wait longer between
    // keystrokes for it, so typing never queues parse after parse.
    const wait = Math.min(MAX_CONFIG_DEBOUNCE_MS, Math.max(CONFIG_DEBOUNCE_MS, 3 * this.lastParseMs));
    this.timer = setTimeout(this.reload, wait);
  }

  /**
   * Resolves once the config has been parsed from the editor's current text: at the next
   * (debounced) reload, which is scheduled here if none is pending.
   */
  catchUp(): Promise<void> {
    const waiting = new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.timer === undefined) this.edited();
    return waiting;
  }

  /**
   * Read and parse now, instead of at the end of a pending debounce; false when the text is
   * what was parsed last time. Everyone waiting in {@link catchUp} is released, also on failure.
   */
  async read(): Promise<boolean> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.disposed) return false;
    try {
      return await this.load();
    } finally {
      for (const resolve of this.waiters.splice(0)) resolve();
    }
  }

  /** Read and parse (the first read, before any edit); false when the text is what was parsed last time. */
  async load(): Promise<boolean> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.uri.toString());
    let text: string;
    if (open) text = open.getText();
    else {
      try {
        text = new TextDecoder().decode(await readFileBytes(this.uri));
      } catch (error) {
        if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') text = '';
        else throw error;
      }
    }
    if (this.disposed || (this.loaded && text === this.configText)) return false;
    this.loaded = true;
    const started = Date.now();
    this.configText = text;
    ({ parsed: this.parsedConfig, model: this.ownershipModel } = this.parse(text));
    this.lastParseMs = Date.now() - started;
    return true;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
