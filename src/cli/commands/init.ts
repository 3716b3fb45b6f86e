import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../../core/atomicWrite.js';
import { CONFIG_FILE_NAME } from '../../core/config.js';
import { initConfig } from '../../core/init.js';
import { parseCommandArgs } from '../args.js';
import { label, repoFiles } from '../context.js';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type Command } from '../io.js';
import { targetOption } from './generate.js';

export const init: Command = {
  name: 'init',
  summary: `Write a starter ${CONFIG_FILE_NAME} from the repository's layout (never overwrites)`,
  help: `Usage: ops-roles init [--stdout] [--target github|gitlab] [--root DIR]

Looks for the paths each built-in role typically owns (infra/, migrations/, deploy/,
.github/workflows/, …) and writes ROOT/${CONFIG_FILE_NAME} with one rule per role that has some.
Holders are left empty, with a TODO: until you fill them in, roles fall back to
devops-engineer, then operations-manager, and with nobody anywhere the files stay unowned.
Never overwrites an existing ${CONFIG_FILE_NAME}; there is no --force.

Options:
  --stdout      print the starter file instead of writing it
  --target T    the CODEOWNERS target to record (default: gitlab when the repository has
                GitLab CI files and no .github/, else github)
  --root DIR    the repository root (default: the working directory)

Exit codes: 0 written, 2 bad usage or ${CONFIG_FILE_NAME} already exists.`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('init', argv, { stdout: { type: 'boolean' }, target: { type: 'string' }, root: { type: 'string' } });
    if (values.help) {
      io.out(this.help);
      return EXIT_OK;
    }
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const root = resolve(io.cwd, values.root ?? '.');
    const out = resolve(root, CONFIG_FILE_NAME);
    const outLabel = label(out, io.cwd);
    if (!values.stdout && existsSync(out)) throw new UsageError(`${outLabel} already exists; init never overwrites it (edit it, or "ops-roles validate" it)`);
    const result = initConfig(await repoFiles(root), { target: targetOption(values.target) });
    const found = result.rules.length ? result.rules.map((r) => `${r.role}: ${r.patterns.join(', ')}`).join('; ') : 'none of the typical paths';
    if (values.stdout) {
      io.out(result.text.replace(/\n$/, ''));
      io.err(`found ${found}`);
      return EXIT_OK;
    }
    const written = await writeFileAtomic(root, out, result.text, { overwrite: false });
    if (!written.ok) throw new UsageError(written.message, written.code === 'io-error' ? EXIT_PROBLEMS : undefined);
    io.err(`wrote ${outLabel}: found ${found}`);
    io.err(`next: fill in the holders of each role (the TODO at "roles:"), then "ops-roles generate"`);
    return EXIT_OK;
  },
};
