import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { writeFileAtomic } from '../../core/atomicWrite.js';
import { CODEOWNERS_CANDIDATES, codeownersDialect, flavorName } from '../../core/codeownersTarget.js';
import { CONFIG_FILE_NAME, type OpsRolesConfig } from '../../core/config.js';
import { importCodeowners, type RoleMapRequest } from '../../core/importCodeowners.js';
import { describeEvidence, mappingCandidates, suggestMappings, type MappingCandidate } from '../../core/roleMapping.js';
import { parseCommandArgs } from '../args.js';
import { label, readTextFile, repoFiles } from '../context.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError, type CliIO, type Command } from '../io.js';
import { targetOption } from './generate.js';

export const importCommand: Command = {
  name: 'import',
  summary: 'Turn an existing CODEOWNERS into ops-roles.yaml, proved over every file',
  help: `Usage: ops-roles import [CODEOWNERS] [--map OWNER=ROLE]... [--suggest] [--out FILE] [--force] [--stdout]
                         [--target github|gitlab] [--root DIR]

Reads a CODEOWNERS (default: the first of ${CODEOWNERS_CANDIDATES.join(', ')} that exists) and
writes an ops-roles.yaml that gives every file of the repository exactly the owners it gives.
Each team becomes a role named after it (@org/web-team: web-team), and each group of people
named together a role named after the folder they own (cmd/builder/: builder-maintainers);
each line becomes one rule naming the roles that hold its owners, in the same order. A team
gets a built-in role only when its whole name says so (dba, sre, platform, release, devops,
tooling, ci, ...: see docs/import.md) or you say so with --map. Lines with no owners become
rules of an "unowned" role (with an empty fallback chain, so they stay unowned). The result
is read back and compared with the CODEOWNERS over every file; any difference is an error
and nothing is written.

Options:
  --map O=R     give team (or person, or imported role id) O the built-in role R, e.g.
                --map @acme/data=database-administrator; repeatable
  --suggest     print which teams' paths point to a built-in role, with the evidence, as
                --map options to copy; writes nothing
  --out FILE    where to write (default: ROOT/${CONFIG_FILE_NAME}); must be inside the repository
  --force       replace an existing ${CONFIG_FILE_NAME}
  --stdout      print the result instead of writing it (the proof still runs)
  --target T    read the CODEOWNERS as github or gitlab syntax (default: github for
                .github/CODEOWNERS, gitlab for .gitlab/CODEOWNERS or a file with GitLab
                [Section] headers, else github); GitLab files import when they have at
                most one section and no exclusions
  --root DIR    the repository root (default: the working directory)

Exit codes: 0 written, 1 the result would not mean the same (or a line cannot be expressed),
2 bad usage (a --map nobody in the file can take), no CODEOWNERS found, or an existing ${CONFIG_FILE_NAME} without --force.`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('import', argv, {
      out: { type: 'string' },
      force: { type: 'boolean' },
      stdout: { type: 'boolean' },
      target: { type: 'string' },
      root: { type: 'string' },
      map: { type: 'string', multiple: true },
      suggest: { type: 'boolean' },
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
    const map = (values.map ?? []).map(mapRequest);
    if (!values.suggest && !values.stdout && !values.force && existsSync(out))
      throw new UsageError(`${outLabel} already exists; use --force to replace it (or --stdout to see the result)`);

    const text = await readTextFile(source, 'CODEOWNERS');
    const flavor = targetOption(values.target) ?? codeownersDialect(sourcePath ?? source, { text });
    const files = await repoFiles(root);
    const result = importCodeowners(text, files, { flavor, sourcePath, map });
    const shownSource = sourcePath ?? label(source, io.cwd);
    // A --map the CODEOWNERS cannot honour is a mistake on the command line, not in the file.
    const badMaps = result.problems.filter((p) => p.code === 'bad-mapping');
    if (badMaps.length) throw new UsageError(badMaps.map((p) => p.message).join('\n'));
    for (const p of result.problems) io.err(`${shownSource}:${p.line}:${p.column}: ${p.severity}: ${p.message}`);
    if (!result.ok) return EXIT_PROBLEMS;
    if (values.suggest) {
      printSuggestions(result.config!, io);
      return EXIT_OK;
    }

    const builtins = result.roles.filter((r) => r.builtin);
    for (const r of builtins) io.err(`${r.id}: ${r.holders.join(' ')}, because ${r.reason}`);
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
    if (!builtins.length) io.err(`no team's name says which operations role it holds: "ops-roles import --suggest" shows what the paths point to`);
    io.err(
      `next: name the roles' holders as you like, then "ops-roles generate${sourcePath ? '' : ' --out …'} --force" replaces ${shownSource} with the generated file (it has no markers yet)`,
    );
    return EXIT_OK;
  },
};

/** `--map @org/team=database-administrator` as a request the importer checks. */
function mapRequest(option: string): RoleMapRequest {
  const at = option.lastIndexOf('=');
  if (at <= 0 || at === option.length - 1) throw new UsageError(`--map takes OWNER=ROLE (such as @acme/dba=database-administrator), not "${option}"`);
  return { from: option.slice(0, at), to: option.slice(at + 1), label: `--map ${option}` };
}

/** The suggestions as --map options, with their evidence, and the teams left out because they own everything. */
function printSuggestions(config: OpsRolesConfig, io: CliIO): void {
  const suggestions = suggestMappings(config);
  const mapKey = (c: MappingCandidate) => (c.holders.length === 1 ? c.holders[0]! : c.roleId);
  if (suggestions.length === 0) io.out("no suggestions: no team has a third of its rules under one operations role's paths");
  for (const { candidate, evidence } of suggestions) {
    io.out(`--map ${mapKey(candidate)}=${evidence.role}`);
    io.out(`    ${describeEvidence(evidence, candidate.patterns)}`);
  }
  for (const c of mappingCandidates(config).filter((x) => x.catchAll && x.evidence.length > 0)) {
    io.out(`not suggested: ${mapKey(c)} owns the catch-all rule, so its paths say nothing about its role (${describeEvidence(c.evidence[0]!, c.patterns)})`);
  }
  io.err('nothing written: pass the --map options you agree with to "ops-roles import"');
}
