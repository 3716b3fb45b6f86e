/**
 * The role vocabulary: which words in a team's name, and which names in a path, point to a
 * built-in role. One table per kind, documented in docs/import.md.
 *
 * The two are not equally strong. A team's name is someone's statement ("we are the DBAs"), so
 * the import may act on it. A path is only evidence: one `k8s.yaml` under a team that owns
 * everything says nothing about who operates the clusters. Paths therefore only feed
 * suggestions (`ops-roles import --suggest`, "Map teams to operations roles"), never an
 * automatic choice.
 */

/**
 * Words in a team name (`@acme/dba`, `@acme/data-platform`, `dba-oncall@acme.example`) per role.
 * A phrase of several words (`data-platform`) must appear as consecutive words of the name and
 * beats the shorter words it covers (`platform`).
 */
export const TEAM_VOCABULARY: readonly { readonly role: string; readonly words: readonly string[] }[] = [
  { role: 'database-administrator', words: ['dba', 'dbas', 'db', 'database', 'databases', 'data-platform', 'dbre'] },
  { role: 'operations-engineer', words: ['sre', 'sres', 'infra', 'infrastructure', 'platform', 'ops', 'operations'] },
  { role: 'release-manager', words: ['release', 'releases', 'release-management', 'deploy', 'deployment', 'deployments'] },
  { role: 'devops-engineer', words: ['devops', 'dev-ops'] },
  {
    role: 'tool-smith',
    words: ['tooling', 'tools', 'toolsmith', 'toolsmiths', 'devtools', 'ci', 'build', 'builds', 'devex', 'dev-ex', 'developer-experience'],
  },
];

/**
 * Path names per role: a whole path segment (lower-cased, wildcards and one extension dropped:
 * `release*.yml` counts as `release`) or a file extension.
 */
export const PATH_VOCABULARY: readonly { readonly role: string; readonly names: readonly string[]; readonly extensions: readonly string[] }[] = [
  {
    role: 'database-administrator',
    names: ['migrations', 'migration', 'db', 'database', 'databases', 'sql', 'schema', 'schemas', 'prisma', 'alembic'],
    extensions: ['.sql'],
  },
  { role: 'release-manager', names: ['deploy', 'deployment', 'deployments', 'release', 'releases'], extensions: [] },
  {
    role: 'tool-smith',
    names: ['.github', '.gitlab', '.gitlab-ci', '.circleci', '.buildkite', '.ci', 'ci', 'workflows', 'tools', 'tooling', 'scripts', 'makefile'],
    extensions: [],
  },
  { role: 'operations-engineer', names: ['infra', 'infrastructure', 'terraform', 'k8s', 'kubernetes', 'helm', 'ansible'], extensions: ['.tf'] },
];

/**
 * The built-in role a pattern's paths point to, and the segment that says so. The last segment
 * with a hint decides (`.github/workflows/release*.yml` is the release manager's).
 */
export function pathHint(pattern: string): { role: string; because: string } | undefined {
  const segments = pattern.split('/').filter(Boolean);
  for (let i = segments.length - 1; i >= 0; i--) {
    const name = segments[i]!.toLowerCase()
      .replace(/\\(.)/g, '$1')
      .replace(/[*?[\]{}]/g, '');
    if (name === '' || name === '.') continue;
    const ext = /(\.[a-z0-9]+)$/.exec(name)?.[1];
    const base = ext && ext !== name ? name.slice(0, -ext.length) : name;
    for (const hint of PATH_VOCABULARY) {
      if (hint.names.includes(name) || hint.names.includes(base) || (ext !== undefined && hint.extensions.includes(ext))) {
        return { role: hint.role, because: segments[i]! };
      }
    }
  }
  return undefined;
}

/** The name part of a team or e-mail owner (`@acme/dba` → `dba`); `undefined` for `@user` handles. */
export function teamName(owner: string): string | undefined {
  if (owner.startsWith('@@')) return undefined;
  if (owner.startsWith('@')) {
    const slash = owner.lastIndexOf('/');
    return slash === -1 ? undefined : owner.slice(slash + 1);
  }
  return owner.split('@')[0] || undefined;
}

/** Words that say nothing about a role, allowed beside the vocabulary in a team name (`release-eng`, `dba-oncall`). */
export const GENERIC_TEAM_WORDS: readonly string[] = [
  'team',
  'teams',
  'squad',
  'group',
  'eng',
  'engineering',
  'engineers',
  'oncall',
  'on-call',
  'admins',
  'maintainers',
  'owners',
  'reviewers',
  'approvers',
  'core',
];

/**
 * The built-in role a team or e-mail owner's name says, and the vocabulary word that says it.
 * The whole name must be about the role: every word is in that role's vocabulary or generic
 * (`@acme/dba`, `@acme/data-platform`, `@acme/release-eng`). A name that only mentions a word
 * (`@acme/fulfilment-platform`, `@acme/release-api`) says nothing, and neither does one that
 * names two roles (`@acme/release-sre`) or an `@user` handle.
 */
export function teamHint(owner: string): { role: string; word: string } | undefined {
  const name = teamName(owner);
  if (name === undefined) return undefined;
  const words = name
    .toLowerCase()
    .split(/[-_.+]+/)
    .filter(Boolean);
  const covered = new Array<string | undefined>(words.length).fill(undefined);
  let word: string | undefined;
  // Longer phrases first, so `data-platform` claims both words before `platform` could.
  const phrases = [
    ...TEAM_VOCABULARY.flatMap((e) => e.words.map((w) => ({ role: e.role, word: w }))),
    ...GENERIC_TEAM_WORDS.map((w) => ({ role: '', word: w })),
  ];
  phrases.sort((a, b) => b.word.split('-').length - a.word.split('-').length);
  for (const phrase of phrases) {
    const parts = phrase.word.split('-');
    for (let start = 0; start + parts.length <= words.length; start++) {
      if (!parts.every((p, k) => words[start + k] === p && covered[start + k] === undefined)) continue;
      for (let k = 0; k < parts.length; k++) covered[start + k] = phrase.role;
      if (phrase.role) word ??= phrase.word;
    }
  }
  if (covered.some((c) => c === undefined)) return undefined;
  const roles = new Set(covered.filter((c) => c !== ''));
  return roles.size === 1 ? { role: [...roles][0]!, word: word! } : undefined;
}
