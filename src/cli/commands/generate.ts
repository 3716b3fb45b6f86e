import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { OpsRolesConfig } from '../../core/config.js';
import { resolveInsideRoot, writeFileAtomic } from '../../core/atomicWrite.js';
import { checkCodeownersPath, defaultCodeownersPath, flavorName, shadowingCodeowners } from '../../core/codeownersTarget.js';
import { generateCodeowners } from '../../core/generate.js';
import type { Flavor } from '../../core/pattern.js';
import { parseCommandArgs } from '../args.js';
import { loadRepo, readTextFile, repoFiles } from '../context.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError, type CliIO, type Command } from '../io.js';

/** Where a CODEOWNERS goes, and for which host. */
export interface CodeownersOutput {
  readonly target: Flavor;
  /** Absolute path. */
  readonly path: string;
  /** Relative to the repository root, `/`-separated. */
  readonly relative: string;
  /** What the generated header tells readers to run (the same for generate and check). */
  readonly command: string;
}

/** Parse `--target`, a usage error unless github or gitlab. */
export function targetOption(value: string | undefined): Flavor | undefined {
  if (value === undefined) return undefined;
  if (value !== 'github' && value !== 'gitlab') throw new UsageError(`--target must be "github" or "gitlab", not "${value}"`);
  return value;
}

/**
 * The target and path: `--target` / `--out` first (`--out` relative to the working directory),
 * then `codeowners:` in ops-roles.yaml (its path relative to the root), then the defaults.
 */
export function codeownersOutput(io: CliIO, root: string, config: OpsRolesConfig, values: { target?: string; out?: string }): CodeownersOutput {
  const target = targetOption(values.target) ?? config.codeowners.target ?? 'github';
  const configured = config.codeowners.path ?? defaultCodeownersPath(target);
  const path = values.out ? resolve(io.cwd, values.out) : resolve(root, configured);
  const rel = relative(root, path).split('\\').join('/');
  // Outside paths are refused by the writer; the label just has to be readable.
  const inside = rel !== '' && !rel.startsWith('../') && rel !== '..' && !isAbsolute(rel);
  // Inside, the rule codeowners.path is held to: never into .git, no control characters.
  const checked = inside ? checkCodeownersPath(rel, 'the CODEOWNERS path') : undefined;
  if (checked && !checked.ok) throw new UsageError(checked.message);
  const shown = inside ? rel : path;
  const command = `ops-roles generate --target ${target}${shown !== configured ? ` --out ${shown}` : ''}`;
  return { target, path, relative: shown, command };
}

export const generate: Command = {
  name: 'generate',
  summary: 'Write CODEOWNERS from ops-roles.yaml, proved over every file',
  help: `Usage: ops-roles generate [--target github|gitlab] [--out FILE] [--stdout] [--force] [--root DIR] [--config FILE]

Writes the CODEOWNERS that gives every file the owners ops-roles.yaml gives it, between
"# BEGIN ops-roles" and "# END ops-roles" marker lines; text outside them is kept. Every
pattern is written so that GitHub and GitLab read it the same way. Before writing, the file is
evaluated with the target's own reading (and the generated block with the other host's) over
every file of the repository; any difference is an error and nothing is written.

Options:
  --target T    github or gitlab (default: codeowners.target in ops-roles.yaml, else github)
  --out FILE    where to write (default: codeowners.path in ops-roles.yaml, else
                .github/CODEOWNERS for GitHub, .gitlab/CODEOWNERS for GitLab); must be
                inside the repository
  --stdout      print the file instead of writing it (the proof still runs); writes nothing,
                so a hand-written CODEOWNERS is no reason to refuse: the file is printed as
                --force would write it, with a note on stderr
  --force       replace an existing CODEOWNERS that has no markers (written by hand)
  --root DIR    the repository root (default: the working directory)
  --config FILE the ops-roles.yaml to use (default: ROOT/ops-roles.yaml)

Exit codes: 0 written, printed (--stdout) or already up to date, 1 the proof failed or the file
would be 3 MB or more, 2 bad usage, an invalid ops-roles.yaml, a hand-written CODEOWNERS
without --force (unless --stdout), or an output path outside the repository.`,
  async run(argv, io) {
    const { values } = parseCommandArgs('generate', argv, {
      target: { type: 'string' },
      out: { type: 'string' },
      stdout: { type: 'boolean' },
      force: { type: 'boolean' },
      root: { type: 'string' },
      config: { type: 'string' },
    });
    if (values.help) {
      io.out(this.help);
      return EXIT_OK;
    }
    const target = targetOption(values.target);
    const repo = await loadRepo(io, { root: values.root, config: values.config });
    const output = codeownersOutput(io, repo.root, repo.parsed.config, { target, out: values.out });
    // Refuse an output outside the repository before reading anything there.
    if (!values.stdout) {
      const inside = await resolveInsideRoot(repo.root, output.path);
      if (!inside.ok) throw new UsageError(inside.message, inside.code === 'io-error' ? EXIT_PROBLEMS : EXIT_USAGE);
    }
    const existing = existsSync(output.path) ? await readTextFile(output.path, 'CODEOWNERS') : undefined;
    const files = await repoFiles(repo.root);
    // --stdout writes nothing, so there is nothing to refuse: print what --force would write.
    const force = values.force === true || values.stdout === true;
    const result = generateCodeowners(repo.parsed.config, files, { target: output.target, existingText: existing, force, regenerateCommand: output.command });

    for (const p of result.problems) io.err(`${p.severity === 'error' ? 'error' : p.severity}: ${p.message}`);
    if (!result.ok) {
      const refused = result.problems.some((p) => p.code === 'hand-written' || p.code === 'markers-broken');
      return refused ? EXIT_USAGE : EXIT_PROBLEMS;
    }
    const proof = result.proof!;
    const proved = `proof: ${proof.filesCompared.toLocaleString('en-US')} files have the same owners in ${repo.configLabel} and in the CODEOWNERS read by ${flavorName(output.target)} (and the generated block read by ${flavorName(output.target === 'github' ? 'gitlab' : 'github')}) [${proof.millis} ms]`;

    if (values.stdout) {
      io.out(result.text.replace(/\r?\n$/, ''));
      if (result.replaced && !values.force)
        io.err(
          `note: ${output.relative} ${result.replaced === 'hand-written' ? 'has no Ops Roles markers (written by hand)' : 'has broken Ops Roles markers'}; writing this over it would need --force`,
        );
      io.err(proved);
      return EXIT_OK;
    }
    const shadow = shadowingCodeowners(output.target, output.relative, (p) => existsSync(resolve(repo.root, p)));
    if (shadow)
      io.err(
        `warning: ${shadow} exists and ${flavorName(output.target)} reads it before ${output.relative}, so ${output.relative} has no effect there; remove ${shadow} or write to it with --out`,
      );
    if (result.unchanged) {
      io.err(`${output.relative} is up to date (${result.ruleLines} pattern lines)`);
      io.err(proved);
      return EXIT_OK;
    }
    const written = await writeFileAtomic(repo.root, output.path, result.text);
    if (!written.ok) throw new UsageError(written.message, written.code === 'io-error' ? EXIT_PROBLEMS : EXIT_USAGE);
    io.err(`wrote ${output.relative} (${result.ruleLines} pattern lines, ${written.bytes.toLocaleString('en-US')} bytes)`);
    io.err(proved);
    return EXIT_OK;
  },
};
