/**
 * The built-in role catalog: Disciplined Agile's IT-operations roles, described in our words.
 * Roles, not positions: one person may hold all six, or many people one.
 */

/** A role as the rest of the product sees it, built-in or defined in `ops-roles.yaml`. */
export interface RoleInfo {
  /** Kebab-case id used in `ops-roles.yaml` (`database-administrator`). */
  readonly id: string;
  /** Display name (`Database administrator`). */
  readonly name: string;
  /** One sentence on what the role is for. */
  readonly description: string;
  /** What the role answers for, in a few short items. */
  readonly responsibilities: readonly string[];
  /** Paths the role typically owns; `init` proposes rules from the ones a repository has. */
  readonly typicalPaths: readonly string[];
  readonly builtin: boolean;
}

/** The six built-in roles, in the order the catalog lists them. */
export const BUILTIN_ROLES: readonly RoleInfo[] = [
  {
    id: 'operations-engineer',
    name: 'Operations engineer',
    description: 'Runs and evolves the shared infrastructure: networks, servers, cloud accounts and external services.',
    responsibilities: [
      'Install, configure and operate infrastructure',
      'Keep environments healthy, patched and observable',
      'Change infrastructure as code safely',
    ],
    typicalPaths: ['infra/', 'infrastructure/', 'terraform/', 'ansible/', 'k8s/', 'kubernetes/', 'helm/', 'charts/', 'ops/', 'network/'],
    builtin: true,
  },
  {
    id: 'operations-manager',
    name: 'Operations manager',
    description: 'Leads the operations team and is the owner of last resort for anything operational.',
    responsibilities: ['Approve changes to operational infrastructure', 'Plan for disasters and their recovery', 'Set operational guidelines and runbooks'],
    typicalPaths: ['runbooks/', 'docs/operations/', 'docs/runbooks/', 'SECURITY.md', 'disaster-recovery/'],
    builtin: true,
  },
  {
    id: 'tool-smith',
    name: 'Tool smith',
    description: 'Builds, buys and supports the tools the teams work with: CI, deployment, monitoring, backup and chaos tooling.',
    responsibilities: ['Own build and CI pipelines', 'Maintain developer and operations tooling', 'Support monitoring, backup and chaos-engineering tools'],
    typicalPaths: ['.github/workflows/', '.gitlab-ci.yml', 'tools/', 'scripts/', 'Makefile', '.ci/', 'monitoring/', 'dashboards/'],
    builtin: true,
  },
  {
    id: 'devops-engineer',
    name: 'DevOps engineer',
    description: 'Generalist who covers several operations roles in small teams; first fallback for roles nobody holds.',
    responsibilities: ['Cover operations roles nobody else holds', 'Bridge delivery and operations work', 'Keep containers and local environments working'],
    typicalPaths: ['Dockerfile', 'docker-compose.yml', 'compose.yaml', '.devcontainer/', 'Procfile'],
    builtin: true,
  },
  {
    id: 'database-administrator',
    name: 'Database administrator',
    description: 'Operates and evolves data sources, and works with delivery teams so schema changes stay sound.',
    responsibilities: ['Review schema changes and migrations', 'Operate, back up and tune databases', 'Guard data quality across teams'],
    typicalPaths: ['migrations/', 'db/', 'database/', 'sql/', 'schema/', 'prisma/', 'alembic/'],
    builtin: true,
  },
  {
    id: 'release-manager',
    name: 'Release manager',
    description: 'Coordinates releases into production across teams and decides when a solution is ready to ship.',
    responsibilities: ['Coordinate the release schedule', 'Judge production readiness', 'Own release and deployment configuration'],
    typicalPaths: ['deploy/', 'deployment/', 'release/', 'releases/', 'CHANGELOG.md', '.github/workflows/release*.yml', 'VERSION'],
    builtin: true,
  },
];

/** Default fallback chain for a role nobody holds. */
export const DEFAULT_FALLBACK: readonly string[] = ['devops-engineer', 'operations-manager'];

export const BUILTIN_ROLE_IDS: ReadonlySet<string> = new Set(BUILTIN_ROLES.map((r) => r.id));

/**
 * Is `id` written as a role id may be: lower-case words of letters and digits joined by single
 * `-` (`security-reviewer`). The parser refuses other keys under `roles`, and the editor offers
 * to create a role only for a name it would accept.
 */
export function isRoleId(id: string): boolean {
  return /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(id);
}

/** Turn an id such as `security-reviewer` into a display name (`Security reviewer`). */
export function displayNameFromId(id: string): string {
  const words = id.split(/[-_\s]+/).filter(Boolean);
  if (words.length === 0) return id;
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Damerau-free Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** What looking at one candidate costs, in edit-distance cells (measured: setup dominates short ids). */
const CANDIDATE_COST = 32;

/**
 * Work that several {@link suggest} calls may share: a file with thousands of unknown names
 * and thousands of roles would otherwise compare every pair (20 000 of each took four minutes).
 */
export interface SuggestBudget {
  /** Edit-distance cells (and candidates looked at) left; a call that would overdraw gives up. */
  cells: number;
}

/**
 * The closest known id to `wanted`, if it is close enough to be a likely typo. With a
 * `budget`, a call that runs out of it suggests nothing rather than something worse.
 */
export function suggest(wanted: string, known: Iterable<string>, budget?: SuggestBudget): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = wanted.toLowerCase();
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  const spend = (cells: number): boolean => {
    if (!budget) return true;
    budget.cells -= cells;
    return budget.cells >= 0;
  };
  for (const id of known) {
    // Looking at a candidate costs more than a cell: lower-casing it, a row for the distance.
    if (!spend(CANDIDATE_COST + id.length)) return undefined;
    const other = id.toLowerCase();
    // Lengths further apart than the limit mean a distance beyond it: never the answer.
    if (Math.abs(other.length - lower.length) > limit) continue;
    if (!spend(lower.length * other.length)) return undefined;
    const d = other === lower ? 0 : editDistance(lower, other);
    if (d < bestDistance) {
      best = id;
      bestDistance = d;
    }
  }
  if (best !== undefined && bestDistance <= limit) return best;
  // Accept a prefix too: `dba` is far from `database-administrator` but `database` is not.
  if (lower.length < 4) return undefined;
  for (const id of known) {
    if (!spend(CANDIDATE_COST)) return undefined;
    if (id.startsWith(lower)) return id;
  }
  return undefined;
}
