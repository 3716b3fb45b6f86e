import { fallbackRole } from '../../core/fallback.js';
import { computeCoverage, OwnershipModel, type Coverage } from '../../core/ownership.js';
import { plural } from '../../core/text.js';
import { annotation } from '../annotations.js';
import { outputFormat, parseCommandArgs, type OutputFormat } from '../args.js';
import { codeQualityIssue, codeQualityReport } from '../codeQuality.js';
import { loadRepo, repoFiles, type RepoContext } from '../context.js';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliIO, type Command } from '../io.js';

/** What the gates found: one sentence each; empty when the coverage passes them. */
interface Gates {
  readonly failures: string[];
  readonly failOnUnowned: boolean;
}

/** Everything `coverage` prints, in every format. */
interface Report {
  readonly repo: RepoContext;
  readonly cov: Coverage;
  readonly roles: { id: string; name: string; files: number; holders: readonly string[]; fallback: string | null }[];
  readonly percent: number;
  readonly sample: number;
  readonly gates: Gates;
}

export const coverage: Command = {
  name: 'coverage',
  summary: 'Files per role, unowned files, roles nobody holds, rules that match nothing',
  help: `Usage: ops-roles coverage [--root DIR] [--config FILE] [--json] [--format text|github|codequality] [--sample N]
                          [--fail-under PERCENT] [--fail-on-unowned]

Resolves every file of the repository (git ls-files, or a walk of the folder) and reports,
per role, the files it owns, its holders and fallback; unowned files (count and a sample);
roles nobody holds; rules that match no file and rules every match of which a later rule takes.

Options:
  --fail-under PERCENT  exit 1 when less than PERCENT (0-100) of the files are owned
  --fail-on-unowned     exit 1 when any file is unowned
  --format FORMAT       text (default), github (GitHub Actions annotations: the unowned files of
                        the sample, and a failed gate) or codequality (a GitLab Code Quality
                        report: every unowned file)
  --json                one JSON object (the gates decide the exit code all the same)
  --sample N            how many unowned files text and github list (default 10)

Exit codes: 0 ok, 1 a gate failed, 2 bad usage or an invalid ops-roles.yaml.`,
  async run(argv, io) {
    const { values } = parseCommandArgs('coverage', argv, {
      root: { type: 'string' },
      config: { type: 'string' },
      json: { type: 'boolean' },
      format: { type: 'string' },
      sample: { type: 'string' },
      'fail-under': { type: 'string' },
      'fail-on-unowned': { type: 'boolean' },
    });
    if (values.help) {
      io.out(this.help);
      return EXIT_OK;
    }
    if (values.json && values.format !== undefined) throw new UsageError('--json and --format cannot be combined');
    const format = outputFormat(values.format);
    const failUnder = percentOption(values['fail-under']);
    const report = await coverageReport(io, values, failUnder, values['fail-on-unowned'] ?? false);
    if (values.json) io.out(JSON.stringify(toJson(report)));
    else print(io, report, format);
    return report.gates.failures.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
  },
};

/** `--fail-under`: a number from 0 to 100, or a usage error. */
function percentOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/%$/, ''));
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`--fail-under takes a percentage from 0 to 100, not "${value}"`);
  return n;
}

async function coverageReport(
  io: CliIO,
  values: { root?: string; config?: string; sample?: string },
  failUnder: number | undefined,
  failOnUnowned: boolean,
): Promise<Report> {
  const sample = Math.max(0, Number(values.sample ?? 10) || 10);
  const repo = await loadRepo(io, { root: values.root, config: values.config });
  const { config } = repo.parsed;
  const cov = computeCoverage(new OwnershipModel(config), await repoFiles(repo.root));
  const roles = [...config.roles.values()]
    .filter((r) => r.range || cov.filesByRole.has(r.id))
    .map((r) => ({
      id: r.id,
      name: r.name,
      files: cov.filesByRole.get(r.id) ?? 0,
      holders: r.holders,
      fallback: fallbackRole(r.id, config.roles, config.fallback) ?? null,
    }));
  const percent = cov.totalFiles ? (100 * cov.ownedFiles) / cov.totalFiles : 100;
  const failures: string[] = [];
  if (failUnder !== undefined && percent < failUnder) {
    failures.push(`${percent.toFixed(1)}% of files are owned, under the --fail-under ${failUnder}%`);
  }
  if (failOnUnowned && cov.unownedFiles.length > 0) {
    failures.push(`${plural(cov.unownedFiles.length, 'file')} no rule owns (--fail-on-unowned)`);
  }
  return { repo, cov, roles, percent, sample, gates: { failures, failOnUnowned } };
}

function toJson({ cov, roles, sample, percent, gates }: Report) {
  return {
    totalFiles: cov.totalFiles,
    ownedFiles: cov.ownedFiles,
    ownedPercent: Math.round(percent * 10) / 10,
    unownedFiles: cov.unownedFiles.length,
    unownedSample: cov.unownedFiles.slice(0, sample),
    roles,
    rolesWithoutHolders: cov.rolesWithoutHolders,
    rolesWithSingleHolder: cov.rolesWithSingleHolder,
    rulesMatchingNothing: cov.rulesMatchingNothing.map((r) => ({ line: r.range?.line ?? 0, patterns: r.patterns.map((p) => p.source) })),
    rulesShadowed: cov.rulesShadowed.map((s) => ({
      line: s.rule.range?.line ?? 0,
      patterns: s.rule.patterns.map((p) => p.source),
      by: s.by.map((b) => b.range?.line ?? 0),
    })),
    failures: gates.failures,
  };
}

function print(io: CliIO, report: Report, format: OutputFormat): void {
  if (format === 'github') printGithub(io, report);
  else if (format === 'codequality') io.out(codeQualityReport(codeQuality(report)));
  else printText(io, report);
}

function printText(io: CliIO, { repo, cov, roles, percent, sample, gates }: Report): void {
  const lineOf = (i: number) => repo.parsed.config.rules[i]?.range?.line ?? 0;
  io.out(`${cov.ownedFiles} of ${cov.totalFiles} files owned (${percent.toFixed(1)}%)`);
  io.out('');
  io.out('Roles:');
  for (const r of roles) {
    const who = r.holders.length ? r.holders.join(' ') : r.fallback ? `nobody; falls back to ${r.fallback}` : 'nobody';
    io.out(`  ${r.name.padEnd(26)} ${String(r.files).padStart(7)} files  ${who}`);
  }
  if (cov.unownedFiles.length) {
    io.out('');
    io.out(`Unowned files: ${cov.unownedFiles.length}`);
    for (const f of cov.unownedFiles.slice(0, sample)) io.out(`  ${f}`);
    if (cov.unownedFiles.length > sample) io.out(`  … and ${cov.unownedFiles.length - sample} more`);
  }
  if (cov.rolesWithoutHolders.length) io.out(`\nRoles nobody holds: ${cov.rolesWithoutHolders.join(', ')}`);
  if (cov.rolesWithSingleHolder.length) io.out(`Roles held by one person: ${cov.rolesWithSingleHolder.join(', ')}`);
  for (const r of cov.rulesMatchingNothing)
    io.out(`${repo.configLabel}:${lineOf(r.index)}: rule matches no file: ${r.patterns.map((p) => p.source).join(', ')}`);
  for (const s of cov.rulesShadowed) {
    io.out(
      `${repo.configLabel}:${lineOf(s.rule.index)}: rule never decides: every file it matches is taken by line ${s.by.map((b) => lineOf(b.index)).join(', ')}`,
    );
  }
  for (const f of gates.failures) io.out(`coverage gate failed: ${f}`);
}

/** Annotations: a sample of unowned files (errors when --fail-on-unowned), then each failed gate. */
function printGithub(io: CliIO, { repo, cov, percent, sample, gates }: Report): void {
  const level = gates.failOnUnowned ? 'error' : 'warning';
  for (const f of cov.unownedFiles.slice(0, sample)) {
    io.out(annotation(level, `No rule in ${repo.configLabel} owns this file`, { file: f, title: 'Unowned' }));
  }
  for (const f of gates.failures) io.out(annotation('error', f, { file: repo.configLabel, title: 'Coverage' }));
  io.err(`${cov.ownedFiles} of ${cov.totalFiles} files owned (${percent.toFixed(1)}%)`);
}

/** Every unowned file, and roles nobody holds at the line of the config that names them. */
function codeQuality({ repo, cov, gates }: Report) {
  const severity = gates.failOnUnowned ? 'major' : 'minor';
  return [
    ...cov.unownedFiles.map((f) => codeQualityIssue('ops-roles/coverage/unowned', severity, `No rule in ${repo.configInRepo} owns this file`, f)),
    ...cov.rolesWithoutHolders.map((id) => {
      const line = repo.parsed.config.roles.get(id)?.range?.line;
      return codeQualityIssue('ops-roles/coverage/unheld-role', 'minor', `Nobody holds the role ${id}`, repo.configInRepo, line);
    }),
  ];
}
