/**
 * Core problems as editor diagnostics: one conversion for every file the extension reports on
 * (ops-roles.yaml, CODEOWNERS), so ranges, severities and codes read the same everywhere.
 */
import * as vscode from 'vscode';
import type { Problem } from '../core/problems.js';

/** Diagnostic `source`: what users see after the message. */
export const DIAGNOSTIC_SOURCE = 'ops-roles';

/** A core problem (1-based, end exclusive) as an editor range (0-based). */
export function problemRange(p: Problem): vscode.Range {
  const start = new vscode.Position(Math.max(0, p.line - 1), Math.max(0, p.column - 1));
  const end = new vscode.Position(Math.max(0, p.endLine - 1), Math.max(0, p.endColumn - 1));
  return new vscode.Range(start, end.isBefore(start) ? start : end);
}

/** A diagnostic for `p`, its code the problem's; codes in `unnecessary` are drawn faded. */
export function problemDiagnostic(p: Problem, unnecessary: ReadonlySet<string> = new Set()): vscode.Diagnostic {
  const severity =
    p.severity === 'error'
      ? vscode.DiagnosticSeverity.Error
      : p.severity === 'warning'
        ? vscode.DiagnosticSeverity.Warning
        : vscode.DiagnosticSeverity.Information;
  const d = new vscode.Diagnostic(problemRange(p), p.message, severity);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = p.code;
  if (unnecessary.has(p.code)) d.tags = [vscode.DiagnosticTag.Unnecessary];
  return d;
}
