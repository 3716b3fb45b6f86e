import { join } from 'node:path';
import type { OwnershipRule } from '../../core/config.js';
import { OwnershipModel } from '../../core/ownership.js';
import { describeChange, reviewChanges, statusLetter, type ChangedFile, type ReviewResult } from '../../core/review.js';
import { plural } from '../../core/text.js';
import { annotation } from '../annotations.js';
import { listOption, parseReportArgs } from '../args.js';
import { codeQualityIssue, codeQualityReport, type CodeQualityIssue } from '../codeQuality.js';
import { label, loadRepo, type RepoContext } from '../context.js';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliIO, type Command } from '../io.js';

export const review: Command = {
  name: 'review',
  summary: 'Roles and holders that must approve the current change; exit 1 if nobody can',
  help: `Usage: ops-roles review [--base REF] [--fail-on LIST] [--json] [--format text|github|codequality] [--root DIR] [--config FILE]

Lists the files changed between a base and the work tree (committed since the base, staged,
unstaged, and untracked files git does not ignore), grouped by the roles that own them: each
role with its holders (after fallback), its files and the rule that routed them there; then
unowned files, and roles nobody holds that no fallback covers. A renamed file counts for the
owners of both its old and new path; a deleted file for the owners of the path it had.

Options:
  --base REF          compare with the merge base of REF and HEAD (default: the default branch,
                      found as origin/HEAD, else main, else master; else every file is new)
  --fail-on LIST      what makes the command exit 1, comma-separated: unheld-role (a role the
                      change needs has nobody to approve it; the default), unowned (a changed
                      file no rule owns), or none
  --json              one JSON object: base, head, files, roles, unowned, unheldRoles
  --format FORMAT     text (default), github (GitHub Actions annotations) or codequality (a
                      GitLab Code Quality report of the unowned and unapprovable files)
  --root DIR          the repository root (default: the working directory)
  --config FILE       the ops-roles.yaml to use (default: ROOT/ops-roles.yaml)

Exit codes: 0 nothing --fail-on names was found; 1 some role the change needs has nobody to
approve it (unheld-role) or a changed file has no owner (unowned); 2 bad usage, a base that does
not exist, or not a git repository.`,
  async run(argv, io) {
    const args = parseReportArgs(this, argv, io, { base: { type: 'string' }, json: { type: 'boolean' }, 'fail-on': { type: 'string' } });
    if (!args) return EXIT_OK;
    const { values, format } = args;
    if (values.json && values.format !== undefined) throw new UsageError('--json and --format cannot be combined');
    const failOn = listOption('--fail-on', values['fail-on'] ?? 'unheld-role', REVIEW_GATES);

    const repo = await loadRepo(io, { root: values.root, config: values.config });
    const model = new OwnershipModel(repo.parsed.config);
    const outcome = await reviewChanges(repo.root, model, { base: values.base });
    if (!outcome.ok) throw new UsageError(`${outcome.error.message}`);
    const result = outcome.result;

    if (values.json) io.out(JSON.stringify(toJson(result)));
    else if (format === 'github') printGithub(io, result, repo, failOn);
    else if (format === 'codequality') io.out(codeQualityReport(codeQuality(result, repo, failOn)));
    else printText(io, result, repo.configLabel);
    return failsGate(result, failOn) ? EXIT_PROBLEMS : EXIT_OK;
  },
};

/** What `--fail-on` can name. */
const REVIEW_GATES = ['unheld-role', 'unowned'] as const;
type ReviewGate = (typeof REVIEW_GATES)[number];

/** Whether `result` fails any gate `failOn` names. */
function failsGate(result: ReviewResult, failOn: readonly ReviewGate[]): boolean {
  return (failOn.includes('unheld-role') && result.unheldRoles.length > 0) || (failOn.includes('unowned') && result.unowned.length > 0);
}

const ruleJson = (rule: OwnershipRule) => ({ line: rule.range?.line ?? 0, patterns: rule.patterns.map((p) => p.source), roles: rule.roles });
const fileJson = (f: ChangedFile) => ({ path: f.path, status: f.status, ...(f.oldPath !== undefined ? { oldPath: f.oldPath } : {}) });

/** The `--json` shape: stable keys, `null` rather than missing values. */
export function toJson(result: ReviewResult) {
  return {
    base: { ref: result.base.ref ?? null, commit: result.base.commit, kind: result.base.kind, reason: result.base.reason ?? null },
    head: { commit: result.head.commit ?? null, branch: result.head.branch ?? null, detached: result.head.detached },
    files: result.files.map(fileJson),
    roles: result.roles.map((g) => ({
      role: g.role,
      name: g.name,
      holders: g.holders,
      fellBackTo: g.fellBackTo ?? null,
      files: g.files.map((f) => ({ ...fileJson(f), matched: f.matched, rule: { line: f.rule.range?.line ?? 0, pattern: f.pattern } })),
      rules: g.rules.map(ruleJson),
    })),
    unowned: result.unowned.map(fileJson),
    unheldRoles: result.unheldRoles,
    approvable: result.unheldRoles.length === 0,
  };
}

function baseLine(result: ReviewResult): string {
  const { base, head } = result;
  const at = head.branch ?? (head.commit ? `detached HEAD ${head.commit.slice(0, 12)}` : 'no commits');
  if (base.kind === 'empty-tree') return `Changes on ${at}, every file counted as new (${base.reason ?? 'no base'})`;
  if (base.kind === 'ref') return `Changes on ${at} against ${base.ref}`;
  return `Changes on ${at} since ${base.ref} (merge base ${base.commit.slice(0, 12)})`;
}

function printText(io: CliIO, result: ReviewResult, configLabel: string): void {
  io.out(`${baseLine(result)}: ${plural(result.files.length, 'file')}`);
  if (result.files.length === 0) return;
  for (const g of result.roles) {
    const who =
      g.holders.length === 0
        ? 'nobody holds it, and no fallback role has holders'
        : g.fellBackTo !== undefined
          ? `nobody holds it; falls back to ${g.fellBackToName ?? g.fellBackTo}: ${g.holders.join(', ')}`
          : g.holders.join(', ');
    io.out('');
    io.out(`${g.name} (${who}) — ${plural(g.files.length, 'file')}`);
    for (const rule of g.rules) {
      io.out(`  rule ${configLabel}:${rule.range?.line ?? 0}  ${rule.patterns.map((p) => p.source).join(', ')}`);
      for (const f of g.files) if (f.rule === rule) io.out(`    ${statusLetter(f.status)}  ${describeChange(f)}`);
    }
  }
  if (result.unowned.length > 0) {
    io.out('');
    io.out(`Unowned (no rule matches) — ${plural(result.unowned.length, 'file')}`);
    for (const f of result.unowned) io.out(`    ${statusLetter(f.status)}  ${describeChange(f)}`);
  }
  if (result.unheldRoles.length > 0) {
    const names = result.roles.filter((g) => result.unheldRoles.includes(g.role)).map((g) => g.name);
    io.out('');
    io.out(`Cannot be approved as configured: nobody holds ${names.join(', ')}, and no role of the fallback chain has holders.`);
  }
}

function printGithub(io: CliIO, result: ReviewResult, repo: RepoContext, failOn: readonly ReviewGate[]): void {
  // Annotations name files relative to the working directory, which in Actions is the checkout.
  const fileOf = (path: string) => label(join(repo.root, path), io.cwd).split('\\').join('/');
  const configLabel = repo.configLabel;
  for (const g of result.roles) {
    const title = `Review: ${g.name}`;
    if (g.holders.length === 0) {
      for (const f of g.files) {
        const message = `Nobody holds the role "${g.name}" and no fallback role has holders: this change cannot be approved as configured (${configLabel}:${f.rule.range?.line ?? 0} ${f.pattern})`;
        io.out(annotation('error', message, { file: fileOf(f.matched === 'oldPath' ? f.oldPath! : f.path), title }));
      }
    } else if (g.fellBackTo !== undefined) {
      const message = `Nobody holds ${g.name}; ${plural(g.files.length, 'file')} fall back to ${g.fellBackToName ?? g.fellBackTo} (${g.holders.join(', ')})`;
      io.out(annotation('warning', message, { title }));
    } else {
      io.out(annotation('notice', `${g.holders.join(', ')} approve ${plural(g.files.length, 'file')}`, { title }));
    }
  }
  const unownedLevel = failOn.includes('unowned') ? 'error' : 'warning';
  for (const f of result.unowned) {
    // A deleted file has no line to annotate, but GitHub still shows the annotation in the summary.
    io.out(annotation(unownedLevel, `No rule in ${configLabel} owns this changed file`, { file: fileOf(f.path), title: 'Unowned' }));
  }
}

/** GitLab Code Quality issues: files nobody can approve, and unowned files (major when gated). */
function codeQuality(result: ReviewResult, repo: RepoContext, failOn: readonly ReviewGate[]): CodeQualityIssue[] {
  const issues: CodeQualityIssue[] = [];
  for (const g of result.roles) {
    if (g.holders.length > 0) continue;
    const severity = failOn.includes('unheld-role') ? 'major' : 'minor';
    for (const f of g.files) {
      const message = `Nobody holds the role "${g.name}" and no fallback role has holders: this change cannot be approved as configured (${repo.configInRepo}:${f.rule.range?.line ?? 0})`;
      issues.push(codeQualityIssue('ops-roles/review/unheld-role', severity, message, f.matched === 'oldPath' ? f.oldPath! : f.path));
    }
  }
  const severity = failOn.includes('unowned') ? 'major' : 'minor';
  for (const f of result.unowned) {
    issues.push(codeQualityIssue('ops-roles/review/unowned', severity, `No rule in ${repo.configInRepo} owns this changed file`, f.path));
  }
  return issues;
}
