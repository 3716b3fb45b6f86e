import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { writeFileAtomic } from '../../core/atomicWrite.js';
import { CODEOWNERS_CANDIDATES, codeownersDialect, flavorName } from '../../core/codeownersTarget.js';
import { CONFIG_FILE_NAME } from '../../core/config.js';
import { importCodeowners } from '../../core/importCodeowners.js';
import { parseCommandArgs } from '../args.js';
import { label, readTextFile, repoFiles } from '../context.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError, type Command } from '../io.js';
import { targetOption } from './generate.js';

export const importCommand: Command = {
  name: 'import',
  summary: 'Turn an existing CODEOWNERS into ops-roles.yaml, proved over every file',
  help: `Usage: ops-roles import [CODEOWNERS] [--out FILE] [--force] [--stdout] [--target github|gitlab] [--root DIR]

Reads a CODEOWNERS (default: the first of ${CODEOWNERS_CANDIDATES.join(', ')} that exists) and
writes an ops-roles.yaml that gives every file of the repository exactly the owners it gives.
Each set of owners becomes the holders of a role: a built-in role where the paths or a team
name make it clear (migrations, sql, db: database administrator; deploy, release: release
manager; CI, tools, .github: tool smith; infra, terraform, k8s: operations engineer), else a
custom role named after its holders. Each line becomes one rule, in the same order. Lines with
no owners become rules of an "unowned" role (with an empty fallback chain, so they stay
unowned). The result is read back and compared with the CODEOWNERS over every file; any
difference is an error and nothing is written.

Options:
  --out FILE    where to write (default: ROOT/${CONFIG_FILE_NAME}); must be inside the repository
  --force       replace an existing ${CONFIG_FILE_NAME}
  --stdout      print the result instead of writing it (the proof still runs)
  --target T    read the CODEOWNERS as github or gitlab syntax (default: github for
                .github/CODEOWNERS, gitlab for .gitlab/CODEOWNERS or a file with GitLab
                [Section] headers, else github); GitLab files import when they have at
                most one section and no exclusions
  --root DIR    the repository root (default: the working directory)

Exit codes: 0 written, 1 the result would not mean the same (or a line cannot be expressed),
2 bad usage, no CODEOWNERS found, or an existing ${CONFIG_FILE_NAME} without --force.`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('import', argv, {
      out: { type: 'string' },
      force: { type: 'boolean' },
      stdout: { type: 'boolean' },
      target: { type: 'string' },
      root: { type: 'string' },
    });
    if (values.help) {
      io.out(this.help);
      return EXIT_OK;
    }
    if (positionals.length > 1) throw new UsageError('give at most one CODEOWNERS file');
    const root = resolve(io.cwd, values.root ?? '.');
    let source: string;
    if (positionals[0]) source = resolve(io.cwd, positionals[0]);
    else {
      const found = CODEOWNERS_CANDIDATES.find((c) => existsSync(resolve(root, c)));
      if (!found) throw new UsageError(`no CODEOWNERS found (looked for ${CODEOWNERS_CANDIDATES.join(', ')} in ${label(root, io.cwd) || '.'})`);
      source = resolve(root, found);
    }
    const rel = relative(root, source).split('\\').join('/');
    const sourcePath = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : undefined;
    const out = values.out ? resolve(io.cwd, values.out) : resolve(root, CONFIG_FILE_NAME);
    const outLabel = label(out, io.cwd);
    if (!values.stdout && !values.force && existsSync(out))
      throw new UsageError(`${outLabel} already exists; use --force to replace it (or --stdout to see the result)`);

    const text = await readTextFile(source, 'CODEOWNERS');
    const flavor = targetOption(values.target) ?? codeownersDialect(sourcePath ?? source, { text });
    const files = await repoFiles(root);
    const result = importCodeowners(text, files, { flavor, sourcePath });
    const shownSource = sourcePath ?? label(source, io.cwd);
    for (const p of result.problems) io.err(`${shownSource}:${p.line}:${p.column}: ${p.severity}: ${p.message}`);
    if (!result.ok) return EXIT_PROBLEMS;

    const builtins = result.roles.filter((r) => r.builtin);
    const summary = [
      `${result.rules} rules, ${result.roles.length} roles` +
        (builtins.length ? ` (built-in: ${builtins.map((r) => `${r.id} for ${r.holders.join(' ')}`).join('; ')})` : ''),
      `proof: ${result.proof!.filesCompared.toLocaleString('en-US')} files resolve to the same owners in the imported ${CONFIG_FILE_NAME} as in ${shownSource} (read by ${flavorName(flavor)}) [${result.proof!.millis} ms]`,
    ];
    if (values.stdout) {
      io.out(result.text.replace(/\n$/, ''));
      for (const line of summary) io.err(line);
      return EXIT_OK;
    }
    const written = await writeFileAtomic(root, out, result.text, { overwrite: values.force === true });
    if (!written.ok) throw new UsageError(written.message, written.code === 'io-error' ? EXIT_PROBLEMS : EXIT_USAGE);
    io.err(`wrote ${outLabel}: ${summary[0]}`);
    io.err(summary[1]!);
    io.err(
      `next: name the roles' holders as you like, then "ops-roles generate${sourcePath ? '' : ' --out …'} --force" replaces ${shownSource} with the generated file (it has no markers yet)`,
    );
    return EXIT_OK;
  },
};
