import { existsSync } from 'node:fs';
import { checkCodeowners, type CheckResult } from '../../core/check.js';
import { flavorName } from '../../core/codeownersTarget.js';
import { OwnershipModel } from '../../core/ownership.js';
import { showOwners } from '../../core/ownershipProof.js';
import { annotation as githubAnnotation, annotationLevel } from '../annotations.js';
import { parseReportArgs } from '../args.js';
import { codeQualityIssue, codeQualityReport, codeQualitySeverity, type CodeQualityIssue } from '../codeQuality.js';
import { loadRepo, readTextFile, repoFiles, type RepoContext } from '../context.js';
import { EXIT_OK, EXIT_PROBLEMS, type Command } from '../io.js';
import { codeownersOutput, targetOption, type CodeownersOutput } from './generate.js';

const annotation = (level: 'error' | 'warning' | 'notice', message: string, file?: string, line?: number) => githubAnnotation(level, message, { file, line });

export const check: Command = {
  name: 'check',
  summary: 'Exit 1 when CODEOWNERS gives any file other owners than ops-roles.yaml',
  help: `Usage: ops-roles check [--target github|gitlab] [--codeowners FILE] [--format text|github|codequality] [--root DIR] [--config FILE]

Reads the CODEOWNERS on disk the way the target host reads it and compares, for every file of
the repository, its owners with the owners ops-roles.yaml gives (as sets: order does not
matter). A reordered or hand-edited but equivalent file is in sync; the command also says when
only the text differs from what "ops-roles generate" would write.

Options:
  --target T         github or gitlab (default: codeowners.target in ops-roles.yaml, else github)
  --codeowners FILE  the CODEOWNERS to check (default: codeowners.path, else the target's default)
  --format F         text (default), github: GitHub Actions annotations (::error file=…,line=…::…),
                     or codequality: a GitLab Code Quality report (JSON) of the same findings
  --root DIR         the repository root (default: the working directory)
  --config FILE      the ops-roles.yaml to use (default: ROOT/ops-roles.yaml)

Exit codes: 0 in sync, 1 drift (or no CODEOWNERS yet), 2 bad usage or an invalid ops-roles.yaml.`,
  async run(argv, io) {
    const args = parseReportArgs(this, argv, io, { target: { type: 'string' }, codeowners: { type: 'string' } });
    if (!args) return EXIT_OK;
    const { values, format } = args;
    const target = targetOption(values.target);
    const repo = await loadRepo(io, { root: values.root, config: values.config });
    const output = codeownersOutput(io, repo.root, repo.parsed.config, { target, out: values.codeowners });
    const text = existsSync(output.path) ? await readTextFile(output.path, 'CODEOWNERS') : undefined;
    const files = await repoFiles(repo.root);
    const { config } = repo.parsed;
    const result = checkCodeowners(config, files, { target: output.target, text, regenerateCommand: output.command });
    const model = new OwnershipModel(config);
    if (format === 'codequality') {
      io.out(codeQualityReport(checkCodeQuality(result, output, repo, model)));
      return result.inSync ? EXIT_OK : EXIT_PROBLEMS;
    }
    const github = format === 'github';
    const reading = flavorName(output.target);

    for (const p of readingProblems(result)) {
      if (github) io.out(annotation(annotationLevel(p.severity), p.message, output.relative, p.line));
      else io.out(`${output.relative}:${p.line}:${p.column}: ${p.severity}: ${p.message}`);
    }
    if (result.missing) {
      const message = `${output.relative} does not exist; run "${output.command}" to write it from ${repo.configLabel}`;
      io.out(github ? annotation('error', message, repo.configLabel) : `drift: ${message}`);
      return EXIT_PROBLEMS;
    }
    if (!result.proof) {
      const message = result.problems.find((p) => p.severity === 'error')?.message ?? 'the CODEOWNERS could not be compared';
      io.out(github ? annotation('error', message, output.relative) : `drift: ${message}`);
      return EXIT_PROBLEMS;
    }
    const proof = result.proof;
    if (!proof.ok) {
      const shownCount = proof.differences.length;
      if (!github)
        io.out(
          `drift: ${proof.differenceCount.toLocaleString('en-US')} of ${proof.filesCompared.toLocaleString('en-US')} files have other owners in ${output.relative} (read by ${reading}) than in ${repo.configLabel}; the first ${shownCount}:`,
        );
      for (const d of proof.differences) {
        const ruleLine = model.resolve(d.path).rule?.range?.line;
        const want = `${repo.configLabel}${ruleLine ? ` (line ${ruleLine})` : ''} says ${showOwners(d.expected)}`;
        const got = `${output.relative}${d.line ? ` (line ${d.line})` : ''} says ${showOwners(d.actual)}`;
        if (github) {
          // Annotate the CODEOWNERS line that decided; a file it leaves unowned, at the rule.
          const message = `${d.path}: ${got}, but ${want}. Run "${output.command}".`;
          io.out(d.line ? annotation('error', message, output.relative, d.line) : annotation('error', message, repo.configLabel, ruleLine));
        } else io.out(`  ${d.path}\n    ${want}\n    ${got}`);
      }
      if (github)
        io.out(
          annotation(
            'error',
            `${output.relative} has drifted from ${repo.configLabel}: ${proof.differenceCount} files get other owners. Run "${output.command}".`,
            output.relative,
          ),
        );
      else io.out(`run "${output.command}" to bring it back in sync`);
      return EXIT_PROBLEMS;
    }
    const note = result.textDiffers
      ? result.handWritten
        ? `; it has no Ops Roles markers (written by hand), so "${output.command} --force" would replace it`
        : `; only the text differs from what "${output.command}" would write`
      : '';
    const summary = `in sync: ${proof.filesCompared.toLocaleString('en-US')} files have the same owners in ${output.relative} (read by ${reading}) and ${repo.configLabel}${note}`;
    if (github) {
      if (result.textDiffers) io.out(annotation('notice', summary, output.relative));
      io.err(summary);
    } else io.out(summary);
    return EXIT_OK;
  },
};

/** The problems met reading CODEOWNERS; drift, a differing text and a missing file are reported their own way. */
const readingProblems = (result: CheckResult) => result.problems.filter((p) => p.code !== 'drift' && p.code !== 'text-differs' && p.code !== 'missing');

/**
 * The findings of `check` as GitLab Code Quality issues: reading problems and each differing file
 * on the CODEOWNERS line that decided (a file it leaves unowned, on the ops-roles.yaml rule).
 */
function checkCodeQuality(result: CheckResult, output: CodeownersOutput, repo: RepoContext, model: OwnershipModel): CodeQualityIssue[] {
  const issues: CodeQualityIssue[] = [];
  for (const p of readingProblems(result)) {
    issues.push(codeQualityIssue(`ops-roles/check/${p.code}`, codeQualitySeverity(p.severity), p.message, output.relative, p.line));
  }
  if (result.missing) {
    const message = `${output.relative} does not exist; run "${output.command}" to write it from ${repo.configInRepo}`;
    issues.push(codeQualityIssue('ops-roles/check/missing', 'major', message, repo.configInRepo));
  }
  for (const d of result.proof?.differences ?? []) {
    const ruleLine = model.resolve(d.path).rule?.range?.line;
    const message = `${d.path}: ${output.relative} says ${showOwners(d.actual)}, but ${repo.configInRepo} says ${showOwners(d.expected)}. Run "${output.command}".`;
    const [path, line] = d.line ? [output.relative, d.line] : [repo.configInRepo, ruleLine];
    issues.push(codeQualityIssue('ops-roles/check/drift', 'major', message, path, line));
  }
  return issues;
}
