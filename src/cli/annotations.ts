/**
 * GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`): the one place that
 * spells them, for every command's `--format github`.
 */
import type { Problem } from '../core/problems.js';
import { escapeAnnotationData, escapeAnnotationProperty } from '../core/text.js';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

/** Where an annotation points, and its title; every field optional. */
export interface AnnotationProps {
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly title?: string;
}

/** One annotation line. Properties without a value are left out (a line 0 means none). */
export function annotation(level: AnnotationLevel, message: string, props: AnnotationProps = {}): string {
  const parts = Object.entries(props)
    .filter(([, v]) => v !== undefined && v !== '' && v !== 0)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? escapeAnnotationProperty(v) : v}`);
  return `::${level}${parts.length ? ' ' + parts.join(',') : ''}::${escapeAnnotationData(message)}`;
}

/** The annotation level of a problem's severity. */
export function annotationLevel(severity: string): AnnotationLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'notice';
}

/**
 * A problem as an annotation at its span, so a CI run shows it on the pull request at its line.
 * `title` names the finding (a lint rule id).
 */
export function problemAnnotation(file: string, p: Problem, title?: string): string {
  return annotation(annotationLevel(p.severity), p.message, { file, line: p.line, col: p.column, endLine: p.endLine, endColumn: p.endColumn, title });
}
