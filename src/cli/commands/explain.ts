import { OwnershipModel } from '../../core/ownership.js';
import { parseCommandArgs } from '../args.js';
import { loadRepo, pathsInRepository } from '../context.js';
import { EXIT_OK, UsageError, type Command } from '../io.js';

export const explain: Command = {
  name: 'explain',
  summary: 'Every rule that matches a path, which one wins, and fallbacks',
  help: `Usage: ops-roles explain PATH [--root DIR] [--config FILE] [--json]

Lists every rule of ops-roles.yaml that matches PATH, in order; the last one decides.
Says which roles of the deciding rule nobody holds and whom they fall back to. PATH is relative
to the repository root (--root, default "."), or absolute inside it; it is taken exactly as
given (not trimmed). A PATH outside the repository is an error (exit 2).

Options:
  --json              one JSON object: path, matches, roles, owners, fallbacks
  --root DIR          the repository root (default: the working directory)
  --config FILE       the ops-roles.yaml to use (default: ROOT/ops-roles.yaml)`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('explain', argv, { root: { type: 'string' }, config: { type: 'string' }, json: { type: 'boolean' } });
    if (values.help) {
      io.out(this.help);
      return EXIT_OK;
    }
    if (positionals.length !== 1) throw new UsageError('give exactly one PATH');
    const repo = await loadRepo(io, { root: values.root, config: values.config });
    const inside = pathsInRepository(repo.root)(positionals[0]!);
    if (!inside.ok) throw new UsageError(inside.message);
    const path = inside.path;
    const model = new OwnershipModel(repo.parsed.config);
    const matches = model.explain(path);
    const o = model.resolve(path);
    const lineOf = (rule: (typeof matches)[number]) => rule.rule.patterns.find((p) => p.expanded.includes(rule.pattern))?.range?.line ?? 0;
    if (values.json) {
      io.out(
        JSON.stringify({
          path,
          matches: matches.map((m, i) => ({ line: lineOf(m), pattern: m.pattern, roles: m.rule.roles, decides: i === matches.length - 1 })),
          roles: o.roles,
          owners: o.owners,
          fallbacks: o.assignments.filter((a) => a.fellBackTo || a.holders.length === 0).map((a) => ({ role: a.role, to: a.fellBackTo ?? null })),
        }),
      );
      return EXIT_OK;
    }
    io.out(path);
    if (matches.length === 0) {
      io.out('  no rule matches: the file is unowned');
      return EXIT_OK;
    }
    matches.forEach((m, i) => {
      const last = i === matches.length - 1;
      io.out(
        `  ${last ? '→' : ' '} ${repo.configLabel}:${lineOf(m)}  ${m.pattern}  ${m.rule.roles.join(', ') || '(no roles)'}${last ? '  (decides)' : '  (overridden)'}`,
      );
    });
    for (const a of o.assignments) {
      const role = repo.parsed.config.roles.get(a.role);
      if (a.fellBackTo) io.out(`  ${role?.name ?? a.role}: nobody holds it; falls back to ${a.fellBackTo} (${a.holders.join(' ')})`);
      else if (a.holders.length === 0) io.out(`  ${role?.name ?? a.role}: nobody holds it, and nobody in the fallback chain either`);
      else io.out(`  ${role?.name ?? a.role}: ${a.holders.join(' ')}`);
    }
    io.out(`  owners: ${o.owners.join(' ') || '(none)'}`);
    return EXIT_OK;
  },
};
