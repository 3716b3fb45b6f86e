/**
 * GitLab's Code Quality report: the JSON artifact (`artifacts:reports:codequality`) that GitLab
 * shows in a merge request's widget and diff. The one place that spells it, for every command's
 * `--format codequality`. The shape is GitLab's subset of the Code Climate issue format.
 */
import { createHash } from 'node:crypto';

/** GitLab's five severities, mildest first. */
export type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

/** One issue of a Code Quality report. */
export interface CodeQualityIssue {
  readonly description: string;
  /** What found it, e.g. `ops-roles/check/drift`. */
  readonly check_name: string;
  /** Unique within a report and stable between runs: GitLab compares reports by it. */
  readonly fingerprint: string;
  readonly severity: CodeQualitySeverity;
  /** A repository-relative path and a 1-based line (1 when no line applies). */
  readonly location: { readonly path: string; readonly lines: { readonly begin: number } };
}

/** An issue; the fingerprint hashes everything that tells it apart from another. */
export function codeQualityIssue(checkName: string, severity: CodeQualitySeverity, description: string, path: string, line = 1): CodeQualityIssue {
  const begin = Math.max(1, line);
  const fingerprint = createHash('sha256')
    .update([checkName, path, String(begin), description].join('\0'))
    .digest('hex')
    .slice(0, 32);
  return { description, check_name: checkName, fingerprint, severity, location: { path, lines: { begin } } };
}

/** The severity of a problem (`problems.ts`) in GitLab's words. */
export function codeQualitySeverity(severity: string): CodeQualitySeverity {
  return severity === 'error' ? 'major' : severity === 'warning' ? 'minor' : 'info';
}

/** The report as GitLab reads it: a JSON array, written whole (an empty one when all is well). */
export function codeQualityReport(issues: readonly CodeQualityIssue[]): string {
  return JSON.stringify(issues, null, 2);
}
