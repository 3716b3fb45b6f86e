import { resolve } from 'node:path';
import { codeownersResolver, parseCodeowners } from '../../core/codeowners.js';
import { OwnershipModel } from '../../core/ownership.js';
import { normalizePath } from '../../core/pattern.js';
import { parseCommandArgs } from '../args.js';
import { label, loadRepo, readTextFile } from '../context.js';
import { EXIT_OK, UsageError, type Command } from '../io.js';
import { relative } from 'node:path';

export const who: Command = {
  name: 'who',
  summary: 'Owners of each path (roles, holders, the deciding rule)',
  help: `Usage: ops-roles who [PATH...] [--stdin] [--files-from FILE] [--json] [--root DIR] [--config FILE] [--codeowners FILE]

Prints who owns each path: the roles of the last matching rule in ops-roles.yaml and their
holders (after fallback). Paths are relative to the repository root (--root, default ".");
absolute paths inside the root are accepted.

Options:
  --stdin             read paths from standard input, one a line
  --files-from FILE   read paths from FILE, one a line
  --json              one JSON object a line: {"path","roles","owners","rule":{"line","pattern"}|null}
  --root DIR          the repository root (default: the working directory)
  --config FILE       the ops-roles.yaml to use (default: ROOT/ops-roles.yaml)
  --codeowners FILE   resolve from this CODEOWNERS file instead (GitHub semantics); roles are []`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('who', argv, {
      stdin: { type: 'boolean' },
      'files-from': { type: 'string' },
      json: { type: 'boolean' },
      root: { type: 'string' },
      config: { type: 'string' },
      codeowners: { type: 'string' },
    });
    if (values.help) {
      io.out(this.help);
      return EXIT_OK;
    }
    const root = resolve(io.cwd, values.root ?? '.');
    const paths: string[] = [...positionals];
    if (values.stdin) paths.push(...(await io.readStdin()).split(/\r?\n/));
    if (values['files-from']) paths.push(...(await readTextFile(resolve(io.cwd, values['files-from']), 'file list')).split(/\r?\n/));
    const wanted = paths
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => (p.startsWith('/') ? relative(root, p) : p))
      .map(normalizePath);
    if (wanted.length === 0) throw new UsageError('give at least one path (or --stdin / --files-from)');

    const lines: { path: string; roles: readonly string[]; owners: readonly string[]; rule: { line: number; pattern: string } | null }[] = [];
    if (values.codeowners) {
      const file = resolve(io.cwd, values.codeowners);
      const resolver = codeownersResolver(parseCodeowners(await readTextFile(file, 'CODEOWNERS'), 'github'));
      for (const path of wanted) {
        const m = resolver.resolve(path);
        const entry = m.entries[0];
        lines.push({ path, roles: [], owners: m.owners, rule: entry ? { line: entry.line, pattern: entry.pattern } : null });
      }
      print(io, lines, values.json === true, label(file, io.cwd));
      return EXIT_OK;
    }
    const repo = await loadRepo(io, { root: values.root, config: values.config });
    const model = new OwnershipModel(repo.parsed.config);
    for (const path of wanted) {
      const o = model.resolve(path);
      const line = o.rule ? o.rule.patterns.find((p) => p.expanded.includes(o.pattern!))?.range?.line ?? o.rule.range?.line ?? 0 : 0;
      lines.push({ path, roles: o.roles, owners: o.owners, rule: o.rule ? { line, pattern: o.pattern! } : null });
    }
    print(io, lines, values.json === true, repo.configLabel);
    return EXIT_OK;
  },
};

function print(io: { out: (s: string) => void }, lines: { path: string; roles: readonly string[]; owners: readonly string[]; rule: { line: number; pattern: string } | null }[], json: boolean, source: string): void {
  for (const l of lines) {
    if (json) {
      io.out(JSON.stringify({ path: l.path, roles: l.roles, owners: l.owners, rule: l.rule }));
    } else {
      const roles = l.roles.length ? `${l.roles.join(', ')}: ` : '';
      const owners = l.owners.length ? l.owners.join(' ') : l.rule ? '(no owners)' : '(unowned)';
      const rule = l.rule ? `  [${source}:${l.rule.line} ${l.rule.pattern}]` : '';
      io.out(`${l.path}  ${roles}${owners}${rule}`);
    }
  }
}
