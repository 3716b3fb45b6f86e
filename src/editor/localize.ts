/**
 * Localised wording for the pure editor modules (format, markdown, sidebar data, coverage
 * report): they build text without importing `vscode`, so they stay unit-testable. `t` has the
 * contract of `vscode.l10n.t` (`{0}`, `{1}` … are the arguments); until activation hands it
 * `vscode.l10n.t` it formats the English message itself, which is what the unit tests read.
 * `npm run l10n` lists every `t(...)` and `tCount(...)` message in the English bundle.
 */

/** The signature of `vscode.l10n.t` used here. */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** `message` with `{n}` replaced by the n-th argument (a placeholder without one stays as written). */
export function formatMessage(message: string, ...args: Array<string | number | boolean>): string {
  return message.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));
}

let translate: Translate = formatMessage;

/** Called once at activation with `vscode.l10n.t`; `undefined` restores English (tests). */
export function setTranslator(fn: Translate | undefined): void {
  translate = fn ?? formatMessage;
}

/** A message in the user's language: `t('line {0}', 12)`. */
export function t(message: string, ...args: Array<string | number | boolean>): string {
  return translate(message, ...args);
}

/**
 * A counted message: `one` when `count` is 1, else `many`, each a whole localisable message
 * with the count as `{0}` and `args` as `{1}` …: `tCount(n, '{0} file', '{0} files')`.
 */
export function tCount(count: number, one: string, many: string, ...args: Array<string | number | boolean>): string {
  return translate(count === 1 ? one : many, count, ...args);
}
