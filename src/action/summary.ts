/**
 * The GitHub Action's job summary (`$GITHUB_STEP_SUMMARY`) and step outputs, built from what the
 * CLI prints as data: `review --json`, `coverage --json`, and the Code Quality report of `check`,
 * `validate` and `lint`. Pure: text in, Markdown and key/value pairs out.
 */
import { codeSpan, escapeMarkdown, plural } from '../core/text.js';

/** The parts of `ops-roles review --json` the summary reads. */
export interface ReviewJson {
  readonly base: { readonly ref: string | null; readonly kind: string };
  readonly files: readonly unknown[];
  readonly roles: readonly {
    readonly role: string;
    readonly name: string;
    readonly holders: readonly string[];
    readonly fellBackTo: string | null;
    readonly files: readonly { readonly path: string }[];
  }[];
  readonly unowned: readonly { readonly path: string }[];
  readonly unheldRoles: readonly string[];
}

/** The parts of `ops-roles coverage --json` the summary reads. */
export interface CoverageJson {
  readonly totalFiles: number;
  readonly ownedFiles: number;
  readonly ownedPercent: number;
  readonly unownedFiles: number;
  readonly unownedSample: readonly string[];
  readonly roles: readonly { readonly name: string; readonly files: number; readonly holders: readonly string[]; readonly fallback: string | null }[];
  readonly failures?: readonly string[];
}

/** The parts of a Code Quality issue the summary reads. */
export interface FindingJson {
  readonly description: string;
  readonly severity: string;
  readonly location: { readonly path: string; readonly lines: { readonly begin: number } };
}

/** Files listed in one table cell before the rest are counted. */
const FILES_PER_CELL = 10;

/**
 * A code span inside a table cell: GitHub splits cells at a `|` even inside a code span unless it
 * is escaped, and shows `\|` there as `|`.
 */
const codeCell = (text: string) => codeSpan(text).replace(/\|/g, '\\|');

/** A table cell listing files, one a line. */
function filesCell(paths: readonly string[]): string {
  const shown = paths.slice(0, FILES_PER_CELL).map(codeCell);
  if (paths.length > FILES_PER_CELL) shown.push(`… and ${paths.length - FILES_PER_CELL} more`);
  return shown.join('<br>');
}

/** Text for a table cell: Markdown escaped, and no line breaks to end the row. */
const cell = (text: string) => escapeMarkdown(text).replace(/[\r\n]+/g, ' ');

/** Appends a Markdown table and a blank line to `lines`, a row at a time (findings may outnumber a call's arguments). */
function appendTable(lines: string[], header: readonly string[], rows: readonly (readonly string[])[]): void {
  lines.push(`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`);
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  lines.push('');
}

/** The roles, holders and files a change needs, then its unowned files. */
export function reviewSummary(review: ReviewJson): string {
  const lines = ['## Ops Roles: review', ''];
  const base = review.base.ref ? ` against ${codeSpan(review.base.ref)}` : '';
  lines.push(`${plural(review.files.length, 'changed file')}${base}.`, '');
  if (review.roles.length > 0) {
    const rows = review.roles.map((g) => {
      const holders = g.holders.length ? g.holders.map(cell).join(', ') : '**nobody**';
      const via = g.fellBackTo !== null ? ` (falls back to ${cell(g.fellBackTo)})` : '';
      return [cell(g.name), holders + via, filesCell(g.files.map((f) => f.path))];
    });
    appendTable(lines, ['Role', 'Holders', 'Files'], rows);
  }
  if (review.unowned.length > 0) {
    lines.push(`**Unowned**: ${plural(review.unowned.length, 'file')} no rule owns: ${filesCell(review.unowned.map((f) => f.path))}`, '');
  }
  if (review.unheldRoles.length > 0) {
    lines.push(`> [!WARNING]`, `> Nobody holds ${review.unheldRoles.map(codeSpan).join(', ')}, and no fallback role has holders.`, '');
  }
  return lines.join('\n') + '\n';
}

/** The step outputs of a review: the roles and holders it needs, and how many files nobody owns. */
export function reviewOutputs(review: ReviewJson): Record<string, string> {
  const holders = [...new Set(review.roles.flatMap((g) => g.holders))];
  return { roles: review.roles.map((g) => g.role).join(','), holders: holders.join(','), 'unowned-count': String(review.unowned.length) };
}

/** Owned share, files per role, and a sample of the unowned files. */
export function coverageSummary(coverage: CoverageJson): string {
  const lines = ['## Ops Roles: coverage', ''];
  lines.push(`${coverage.ownedFiles} of ${coverage.totalFiles} files owned (${coverage.ownedPercent}%).`, '');
  const rows = coverage.roles.map((r) => {
    const holders = r.holders.length ? r.holders.map(cell).join(', ') : r.fallback ? `nobody; falls back to ${cell(r.fallback)}` : '**nobody**';
    return [cell(r.name), holders, String(r.files)];
  });
  if (rows.length) appendTable(lines, ['Role', 'Holders', 'Files'], rows);
  if (coverage.unownedFiles > 0) lines.push(`**Unowned**: ${plural(coverage.unownedFiles, 'file')}, among them ${filesCell(coverage.unownedSample)}`, '');
  for (const f of coverage.failures ?? []) lines.push(`**Gate failed**: ${cell(f)}`, '');
  return lines.join('\n') + '\n';
}

/** The step outputs of coverage. */
export function coverageOutputs(coverage: CoverageJson): Record<string, string> {
  return { 'unowned-count': String(coverage.unownedFiles) };
}

/** The findings of check, validate or lint as a table; `verdict` is the sentence above it. */
export function findingsSummary(command: string, verdict: string, findings: readonly FindingJson[]): string {
  const lines = [`## Ops Roles: ${command}`, '', cell(verdict), ''];
  if (findings.length > 0) {
    const rows = findings.map((f) => [codeCell(f.location.path), String(f.location.lines.begin), f.severity, cell(f.description)]);
    appendTable(lines, ['File', 'Line', 'Severity', 'Finding'], rows);
  }
  return lines.join('\n') + '\n';
}

/** What a command printed when it gave no data to tabulate (a usage error, say). */
export function rawSummary(command: string, text: string): string {
  const fence = '`'.repeat(Math.max(3, ...(text.match(/`+/g) ?? []).map((r) => r.length + 1)));
  return `## Ops Roles: ${command}\n\n${fence}text\n${text.trimEnd()}\n${fence}\n`;
}

/**
 * Lines for `$GITHUB_OUTPUT`: `name=value`, or GitHub's heredoc form with a delimiter the value
 * cannot contain when the value has a line break.
 */
export function outputLines(outputs: Record<string, string>, delimiter = 'ops_roles_eof'): string {
  return Object.entries(outputs)
    .map(([name, value]) => {
      if (!/[\r\n]/.test(value)) return `${name}=${value}\n`;
      let d = delimiter;
      while (value.includes(d)) d += '_';
      return `${name}<<${d}\n${value}\n${d}\n`;
    })
    .join('');
}
