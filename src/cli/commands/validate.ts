import { formatProblem } from '../../core/problems.js';
import { plural } from '../../core/text.js';
import { problemAnnotation } from '../annotations.js';
import { outputFormat, parseCommandArgs } from '../args.js';
import { codeQualityIssue, codeQualityReport, codeQualitySeverity } from '../codeQuality.js';
import { loadRepo } from '../context.js';
import { EXIT_OK, EXIT_PROBLEMS, type Command } from '../io.js';

export const validate: Command = {
  name: 'validate',
  summary: 'Check ops-roles.yaml; exit 1 on any error',
  help: `Usage: ops-roles validate [--root DIR] [--config FILE] [--format text|github|codequality]

Prints every problem in ops-roles.yaml as FILE:LINE:COL: SEVERITY: MESSAGE (with --format
github, as GitHub Actions annotations; with --format codequality, as a GitLab Code Quality
report). Exits 1 when any problem is an error.`,
  async run(argv, io) {
    const { values } = parseCommandArgs('validate', argv, { root: { type: 'string' }, config: { type: 'string' }, format: { type: 'string' } });
    if (values.help) {
      io.out(this.help);
      return EXIT_OK;
    }
    const format = outputFormat(values.format);
    const repo = await loadRepo(io, { root: values.root, config: values.config }, false);
    const { problems } = repo.parsed;
    if (format === 'codequality') {
      const issue = (p: (typeof problems)[number]) =>
        codeQualityIssue(`ops-roles/validate/${p.code}`, codeQualitySeverity(p.severity), p.message, repo.configInRepo, p.line);
      io.out(codeQualityReport(problems.map(issue)));
    } else {
      for (const p of problems) io.out(format === 'github' ? problemAnnotation(repo.configLabel, p) : formatProblem(repo.configLabel, p));
    }
    const errors = problems.filter((p) => p.severity === 'error').length;
    const warnings = problems.length - errors;
    io.err(`${repo.configLabel}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`);
    return errors > 0 ? EXIT_PROBLEMS : EXIT_OK;
  },
};
