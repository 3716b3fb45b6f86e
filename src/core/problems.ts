/** How bad a problem is; `error` makes `ops-roles validate` exit 1. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * A problem in user input, as data: the editor turns it into a diagnostic, the CLI into a
 * `file:line:col: severity: message` line. Lines and columns are 1-based; the end is exclusive.
 */
export interface Problem {
  /** Stable identifier, e.g. `unknown-role`; quick fixes key on it. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** Extra data for quick fixes (e.g. the suggested role id). */
  readonly data?: Readonly<Record<string, string>>;
}

/** Where a problem stands: 1-based lines and columns, the end exclusive. */
export interface ProblemSpan {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * A span on one line, from `column` to `endColumn`; a point when no end is given. Problems about
 * a whole file (a refusal, a failed proof) stand at its first line.
 */
export function lineSpan(line = 1, column = 1, endColumn = column): ProblemSpan {
  return { line, column, endLine: line, endColumn };
}

/**
 * The one way to build a {@link Problem}, so every reader and checker gives the same shape (and
 * `data` is absent rather than `undefined` when there is none, as JSON output expects).
 */
export function makeProblem(
  severity: Severity,
  code: string,
  message: string,
  span: ProblemSpan = lineSpan(),
  data?: Readonly<Record<string, string>>,
): Problem {
  return { code, severity, message, line: span.line, column: span.column, endLine: span.endLine, endColumn: span.endColumn, ...(data ? { data } : {}) };
}

/**
 * Format a problem the way compilers do, for terminals and CI logs: always one line, with
 * control characters written as `\uXXXX`. Messages quote the user's text, and a newline in a
 * holder would otherwise start a new line, which CI runners read as a command when it begins
 * with `::`; escape sequences would drive the terminal.
 */
export function formatProblem(file: string, problem: Problem): string {
  return visibleControls(`${file}:${problem.line}:${problem.column}: ${problem.severity}: ${problem.message}`);
}

/** `text` with control characters and line separators spelled `\uXXXX`. */
export function visibleControls(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
