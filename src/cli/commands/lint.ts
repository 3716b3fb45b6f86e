import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { lintCodeowners } from '../../core/codeownersLint.js';
import { CODEOWNERS_CANDIDATES, CODEOWNERS_LOCATIONS, codeownersDialect, findCodeowners, flavorName } from '../../core/codeownersTarget.js';
import type { Flavor } from '../../core/pattern.js';
import { formatProblem } from '../../core/problems.js';
import { plural } from '../../core/text.js';
import { problemAnnotation } from '../annotations.js';
import { outputFormat, parseCommandArgs } from '../args.js';
import { codeQualityIssue, codeQualityReport, codeQualitySeverity } from '../codeQuality.js';
import { label, readTextFile, repoFiles } from '../context.js';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type Command } from '../io.js';
import { targetOption } from './generate.js';

export const lint: Command = {
  name: 'lint',
  summary: 'Check a CODEOWNERS file for lines its host ignores or misreads; exit 1 on any error',
  help: `Usage: ops-roles lint [FILE] [--target github|gitlab] [--format text|github|codequality] [--root DIR]

Reads a CODEOWNERS file the way its host reads it and reports, each under a rule id: lines the
host ignores (owners that are not owners, "!" negation on GitHub, bracket classes, a pattern
without owners that changes nothing), patterns that match no file of the repository, rules that
later rules shadow completely, the same pattern twice, the same owner twice on a line, a file of
3 MB or more, CODEOWNERS files in two places (and which one the host reads), a lone "/"; in a
GitLab file, section headers GitLab cannot read, [Section][0], and section names alike but for
case. The rules are listed in docs/codeowners.md. Works with or without ops-roles.yaml.

FILE defaults to the first CODEOWNERS found where the hosts look (.github/, the root, docs/,
then .gitlab/; with --target, only that host's places, in its order). The file is read as
GitLab's when it is in .gitlab/, has sections, or --target gitlab says so; else as GitHub's.

Options:
  --target T   github or gitlab: whose reading applies (and where FILE is looked for)
  --format F   text (default: FILE:LINE:COL: SEVERITY: MESSAGE [rule-id]), github
               (GitHub Actions annotations, titled with the rule id) or codequality (a GitLab
               Code Quality report, each issue's check name the rule id)
  --root DIR   the repository root, whose files the patterns are checked against (default: the
               working directory)

Exit codes: 0 no error (warnings may be printed), 1 at least one finding at error level,
2 bad usage or no readable CODEOWNERS.`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('lint', argv, { target: { type: 'string' }, format: { type: 'string' }, root: { type: 'string' } });
    if (values.help) {
      io.out(this.help);
      return EXIT_OK;
    }
    const format = outputFormat(values.format);
    const target = targetOption(values.target);
    if (positionals.length > 1) throw new UsageError('give one CODEOWNERS file at most');
    const root = resolve(io.cwd, values.root ?? '.');
    const file = positionals[0] !== undefined ? resolve(io.cwd, positionals[0]) : await codeownersIn(root, target);
    const text = await readTextFile(file, 'CODEOWNERS');
    // The path inside the repository says which host's place the file is in; outside it, none.
    const rel = relative(root, file);
    const path = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : undefined;
    const flavor = codeownersDialect(path ?? file, { text, configured: target });
    const problems = lintCodeowners(text, { flavor, path, files: await repoFiles(root) });
    const shown = label(file, io.cwd);
    if (format === 'codequality') {
      const issue = (p: (typeof problems)[number]) =>
        codeQualityIssue(`ops-roles/lint/${p.code}`, codeQualitySeverity(p.severity), p.message, path ?? shown, p.line);
      io.out(codeQualityReport(problems.map(issue)));
    } else {
      for (const p of problems) io.out(format === 'github' ? problemAnnotation(shown, p, p.code) : `${formatProblem(shown, p)} [${p.code}]`);
    }
    const errors = problems.filter((p) => p.severity === 'error').length;
    io.err(`${shown} (read as ${flavorName(flavor)}'s): ${plural(errors, 'error')}, ${plural(problems.length - errors, 'other finding')}`);
    return errors > 0 ? EXIT_PROBLEMS : EXIT_OK;
  },
};

/** The first CODEOWNERS where the hosts (or the one host of `target`) look, or a usage error. */
async function codeownersIn(root: string, target: Flavor | undefined): Promise<string> {
  const found = await findCodeowners(async (p) => existsSync(resolve(root, p)), target);
  if (!found) {
    const places = target ? CODEOWNERS_LOCATIONS[target] : CODEOWNERS_CANDIDATES;
    throw new UsageError(`no CODEOWNERS in ${root} (looked in ${places.join(', ')}); name the file to lint`);
  }
  return resolve(root, found);
}
