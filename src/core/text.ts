/**
 * Small text helpers every surface shares: counted nouns, and escaping for the two places user
 * text is embedded in markup (Markdown for hovers, trees and pull requests; workflow commands
 * for CI annotations). One copy each, so a fix to an escape reaches every surface at once.
 */

/** `one` for a count of 1, else `many`: for verbs and irregular nouns (`gets`/`get`, `has`/`have`). */
export function pluralForm(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

/** `1 file`, `12 files`, `0 files`; `many` for nouns whose plural is not `word + s`. */
export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${pluralForm(count, word, many)}`;
}

/**
 * Text as Markdown shows it as written. Only inline syntax is escaped: callers never put the
 * text at the start of a line, so `-`, `#` and `1.` cannot start a list or heading, and handles
 * such as `@acme/ops-leads` stay readable in the raw Markdown. `~` is escaped because GitHub
 * and VS Code read `~~text~~` as strikethrough.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, '\\$&');
}

/**
 * The message of a GitHub Actions workflow command (`::error …::MESSAGE`). Messages quote the
 * user's text: unescaped, a newline in a holder ends the annotation and the rest of the line is
 * read as a command of its own.
 */
export function escapeAnnotationData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value of a workflow command (`file=…`, `title=…`): the message escapes, plus `:` and `,`. */
export function escapeAnnotationProperty(text: string): string {
  return escapeAnnotationData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** A Markdown code span that survives backticks in the text (CommonMark: a longer fence, padded). */
export function codeSpan(text: string): string {
  const runs = text.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/[\r\n]+/g, ' ')}${pad}${fence}`;
}
