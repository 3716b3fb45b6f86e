import { formatProblem } from '../../core/problems.js';
import { plural } from '../../core/text.js';
import { parseCommandArgs, problemAnnotation } from '../args.js';
import { loadRepo } from '../context.js';
import { EXIT_OK, EXIT_PROBLEMS, type Command } from '../io.js';

export const validate: Command = {
  name: 'validate',
  summary: 'Check ops-roles.yaml; exit 1 on any error',
  help: `Usage: ops-roles validate [--root DIR] [--config FILE] [--format text|github]

Prints every problem in ops-roles.yaml as FILE:LINE:COL: SEVERITY: MESSAGE (or, with
--format github, as GitHub Actions annotations). Exits 1 when any problem is an error.`,
  async run(argv, io) {
    const { values } = parseCommandArgs('validate', argv, { root: { type: 'string' }, config: { type: 'string' }, format: { type: 'string' } });
    if (values.help) {
      io.out(this.help);
      return EXIT_OK;
    }
    const repo = await loadRepo(io, { root: values.root, config: values.config }, false);
    const { problems } = repo.parsed;
    for (const p of problems) {
      io.out(values.format === 'github' ? problemAnnotation(repo.configLabel, p) : formatProblem(repo.configLabel, p));
    }
    const errors = problems.filter((p) => p.severity === 'error').length;
    const warnings = problems.length - errors;
    io.err(`${repo.configLabel}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`);
    return errors > 0 ? EXIT_PROBLEMS : EXIT_OK;
  },
};
