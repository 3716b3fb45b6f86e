import { fallbackRole } from '../../core/fallback.js';
import { computeCoverage, OwnershipModel } from '../../core/ownership.js';
import { parseCommandArgs } from '../args.js';
import { loadRepo, repoFiles } from '../context.js';
import { EXIT_OK, type Command } from '../io.js';

export const coverage: Command = {
  name: 'coverage',
  summary: 'Files per role, unowned files, roles nobody holds, rules that match nothing',
  help: `Usage: ops-roles coverage [--root DIR] [--config FILE] [--json] [--sample N]

Resolves every file of the repository (git ls-files, or a walk of the folder) and reports,
per role, the files it owns, its holders and fallback; unowned files (count and a sample);
roles nobody holds; rules that match no file and rules every match of which a later rule takes.`,
  async run(argv, io) {
    const { values } = parseCommandArgs('coverage', argv, {
      root: { type: 'string' },
      config: { type: 'string' },
      json: { type: 'boolean' },
      sample: { type: 'string' },
    });
    if (values.help) {
      io.out(this.help);
      return EXIT_OK;
    }
    const sample = Math.max(0, Number(values.sample ?? 10) || 10);
    const repo = await loadRepo(io, { root: values.root, config: values.config });
    const { config } = repo.parsed;
    const files = await repoFiles(repo.root);
    const model = new OwnershipModel(config);
    const cov = computeCoverage(model, files);
    const lineOf = (i: number) => config.rules[i]?.range?.line ?? 0;
    const roles = [...config.roles.values()]
      .filter((r) => r.range || cov.filesByRole.has(r.id))
      .map((r) => {
        return {
          id: r.id,
          name: r.name,
          files: cov.filesByRole.get(r.id) ?? 0,
          holders: r.holders,
          fallback: fallbackRole(r.id, config.roles, config.fallback) ?? null,
        };
      });
    if (values.json) {
      io.out(
        JSON.stringify({
          totalFiles: cov.totalFiles,
          ownedFiles: cov.ownedFiles,
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
        }),
      );
      return EXIT_OK;
    }
    const pct = cov.totalFiles ? ((100 * cov.ownedFiles) / cov.totalFiles).toFixed(1) : '100.0';
    io.out(`${cov.ownedFiles} of ${cov.totalFiles} files owned (${pct}%)`);
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
    return EXIT_OK;
  },
};
