// What a user-level check gets: the page with the workbench, and a few helpers that act the way a
// user does (keyboard, Quick Open, command palette) and fail with expected-vs-actual messages.
// Selectors come from VS Code's DOM as tested on code-server 4.139 (see REAL-EDITOR.md).

/** A check failure that says what was expected and what the workbench showed instead. */
export class CheckError extends Error {
  constructor(expected, actual) {
    super(`expected: ${expected}\nactual:   ${actual}`);
    this.expected = expected;
    this.actual = actual;
  }
}

export const SELECTORS = {
  workbench: '.monaco-workbench',
  explorerRows: '.explorer-folders-view .monaco-list-row',
  quickInput: '.quick-input-widget',
  quickInputRows: '.quick-input-widget .quick-input-list .monaco-list-row',
  tabs: '.tabs-container .tab',
  activeTab: '.tabs-container .tab.active',
  editorLines: '.editor-instance .monaco-editor .view-lines',
  panel: '.part.panel',
  panelEditorLines: '.part.panel .monaco-editor .view-lines',
  extensionRows: '.extensions-viewlet .monaco-list-row',
  codeLens: '.monaco-editor .codelens-decoration',
  hover: '.monaco-hover',
  toasts: '.notifications-toasts .notification-toast',
  statusBar: '.part.statusbar',
  statusBarItems: '.part.statusbar .statusbar-item',
};

// Monaco renders spaces as no-break spaces and splits labels into spans, so compare text with
// whitespace normalised, and also with all whitespace removed ("ops-roles" + ".yaml").
const normalize = (text) =>
  String(text)
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
const compact = (text) => String(text).replace(/[\s\u00a0]+/g, '');

/** True if `text` contains `expected` (a string, ignoring how whitespace is laid out) or matches it (a RegExp). */
export function textMatches(text, expected) {
  if (expected instanceof RegExp) return expected.test(normalize(text));
  return normalize(text).includes(normalize(expected)) || compact(text).includes(compact(expected));
}

const short = (text, max = 300) => {
  const oneLine = String(text).replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
};

export class Workbench {
  constructor({ page, url, folder, root = folder }) {
    /** Playwright's Page showing the workbench. */
    this.page = page;
    /** The URL that opens the workspace. */
    this.url = url;
    /** The workspace folder on disk (a throwaway copy of examples/, checks may change it). */
    this.folder = folder;
    /** The copied workspace on disk: `folder`, or what holds it (a repository above it, a multi-root workspace). */
    this.root = root;
  }

  /** Loads the workbench and waits until the explorer lists the workspace. */
  async open() {
    await this.page.goto(this.url);
    await this.expectVisible(SELECTORS.workbench, 'the workbench', 60_000);
    await this.expectVisible(SELECTORS.explorerRows, 'explorer rows', 60_000);
  }

  /**
   * Loads a multi-root workspace (`?workspace=`). Under load the workbench can read the
   * workspace file before its connection to the server is up, and then shows "No Folder Opened"
   * for good; a user would reload, and so does this, once.
   */
  async openWorkspace() {
    await this.page.goto(this.url);
    await this.expectVisible(SELECTORS.workbench, 'the workbench', 60_000);
    const rows = this.page.locator(SELECTORS.explorerRows).first();
    const empty = this.page.locator('.explorer-viewlet', { hasText: 'No Folder Opened' }).first();
    await Promise.race([rows.waitFor({ state: 'visible', timeout: 60_000 }), empty.waitFor({ state: 'visible', timeout: 60_000 })]).catch(() => {});
    if (!(await rows.isVisible()) && (await empty.isVisible())) await this.page.reload();
    await this.expectVisible(SELECTORS.explorerRows, 'explorer rows', 60_000);
  }

  /** Texts of all elements matching `selector` (trimmed, empty ones dropped). */
  async texts(selector) {
    const all = await this.page.locator(selector).allInnerTexts();
    return all.map(normalize).filter(Boolean);
  }

  /** Waits for `selector` to be visible; fails saying what was expected. */
  async expectVisible(selector, what = selector, timeout = 20_000) {
    try {
      await this.page.locator(selector).first().waitFor({ state: 'visible', timeout });
    } catch {
      throw new CheckError(`${what} visible (${selector})`, `not visible after ${timeout / 1000}s`);
    }
  }

  /**
   * Waits until some element matching `selector` contains `expected` (a string or RegExp).
   * On failure the message lists what those elements did show.
   */
  async expectText(selector, expected, what = selector, timeout = 20_000) {
    const deadline = Date.now() + timeout;
    let seen = [];
    while (Date.now() < deadline) {
      seen = await this.texts(selector);
      const hit = seen.find((text) => textMatches(text, expected));
      if (hit !== undefined) return hit;
      await this.page.waitForTimeout(200);
    }
    throw new CheckError(
      `${what} showing ${expected instanceof RegExp ? expected : JSON.stringify(expected)}`,
      seen.length ? seen.map((t) => JSON.stringify(short(t, 120))).join(', ') : `nothing matches ${selector}`,
    );
  }

  /** Opens Quick Open (Ctrl+P), types `query`, waits for `expectRow` in the list and picks it with Enter. */
  async quickPick(open, query, expectRow, what) {
    await open();
    await this.expectVisible(SELECTORS.quickInput, 'the quick input');
    await this.page.keyboard.type(query, { delay: 10 });
    const deadline = Date.now() + 20_000;
    let rows = [];
    while (Date.now() < deadline) {
      rows = await this.texts(SELECTORS.quickInputRows);
      if (rows[0] !== undefined && textMatches(rows[0], expectRow)) break;
      await this.page.waitForTimeout(200);
    }
    if (rows[0] === undefined || !textMatches(rows[0], expectRow)) {
      await this.page.keyboard.press('Escape');
      throw new CheckError(`${what}: first row "${expectRow}"`, rows.length ? rows.map((r) => JSON.stringify(short(r, 80))).join(', ') : 'no rows');
    }
    await this.page.keyboard.press('Enter');
  }

  /** Opens the Extensions view (Ctrl+Shift+X) filtered to installed extensions; returns the row texts. */
  async showInstalledExtensions(expected) {
    await this.page.keyboard.press('Control+Shift+X');
    await this.expectVisible('.extensions-viewlet', 'the Extensions view');
    // The view focuses its search box: replace whatever filter it had.
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.type('@installed', { delay: 10 });
    // The list fills once the extension host is up, which on a busy 2-core machine takes a while.
    return this.expectText(SELECTORS.extensionRows, expected, 'the installed extensions list', 45_000);
  }

  /** Opens a workspace file the way a user does: Ctrl+P, its name, Enter; waits for its tab. */
  async quickOpen(fileName) {
    await this.quickPick(() => this.page.keyboard.press('Control+P'), fileName, fileName, `Quick Open "${fileName}"`);
    await this.expectText(SELECTORS.activeTab, fileName, 'the active editor tab');
  }

  /** Runs a command from the command palette by its label, e.g. "View: Toggle Panel". */
  async runCommand(label) {
    await this.quickPick(() => this.page.keyboard.press('F1'), label, label, `command palette "${label}"`);
  }

  /** Shows an output channel in the Output panel and returns the panel's text once it contains `expected`. */
  async showOutputChannel(channel, expected) {
    await this.runCommand('Output: Show Output Channels...');
    // The channel picker replaces the command palette in the same widget: let it swap first.
    await this.quickPick(() => this.page.waitForTimeout(400), channel, channel, `output channel "${channel}"`);
    await this.expectVisible(SELECTORS.panelEditorLines, 'the Output panel');
    return this.expectText(SELECTORS.panelEditorLines, expected, `the "${channel}" output channel`, 30_000);
  }
}
