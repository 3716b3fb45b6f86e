/**
 * Which roles an import writes, factored out of CODEOWNERS owner lists.
 *
 * A CODEOWNERS line names owners; a rule in `ops-roles.yaml` names roles, and a rule may name
 * several. So instead of one role per distinct owner list (which made a team that appears on
 * every line a holder of dozens of roles), each team becomes one role of its own, and the
 * individuals named together on a line form a group that becomes one role, reused on every
 * line that names the same people. A line's rule names the roles whose holders together are
 * exactly that line's owners.
 *
 * A built-in role replaces a unit's own role only on someone's word: the team's name (the
 * vocabulary in `roleVocabulary.ts`) or the user's mapping (`--map`). Paths never decide here.
 */
import type { CodeownersEntry } from './codeowners.js';
import { claimRoleId, groupRoleCandidates, teamRoleCandidates } from './importNaming.js';
import { lineSpan, makeProblem, type Problem } from './problems.js';
import { BUILTIN_ROLE_IDS, BUILTIN_ROLES } from './roles.js';
import { teamHint } from './roleVocabulary.js';

/** The role id that imported lines without owners get. */
export const UNOWNED_ROLE_ID = 'unowned';

/** A team (`@org/team`, GitLab's `@@maintainer`) or a group of individuals that always appear together. */
export interface OwnerUnit {
  readonly kind: 'team' | 'group';
  readonly holders: readonly string[];
  /** The lines that name it, in file order. */
  readonly entries: CodeownersEntry[];
}

/** The user's word: give the role of `from` (a holder, or a role id the import would write) to built-in role `to`. */
export interface RoleMapRequest {
  readonly from: string;
  readonly to: string;
  /** How the reason names the request (the CLI passes `--map from=to`). */
  readonly label?: string;
}

/** Every unit's role id, and why a built-in role went to a unit. */
export interface ImportRoleChoice {
  readonly units: readonly OwnerUnit[];
  /** Each line's units, in the order its owners are written. */
  readonly unitsOf: ReadonlyMap<CodeownersEntry, readonly OwnerUnit[]>;
  readonly idOf: ReadonlyMap<OwnerUnit, string>;
  readonly reasonOf: ReadonlyMap<OwnerUnit, string>;
}

/** Teams and GitLab role owners hold a role alone; `@user` handles and e-mail addresses are people. */
export function isTeamHolder(holder: string): boolean {
  return holder.startsWith('@@') || (holder.startsWith('@') && holder.includes('/'));
}

/** Split every line's owners into units, each unit once however many lines name it. */
export function collectUnits(entries: readonly CodeownersEntry[]): { units: OwnerUnit[]; unitsOf: Map<CodeownersEntry, OwnerUnit[]> } {
  const byKey = new Map<string, OwnerUnit>();
  const unitsOf = new Map<CodeownersEntry, OwnerUnit[]>();
  const unit = (kind: OwnerUnit['kind'], holders: readonly string[], entry: CodeownersEntry): OwnerUnit => {
    const key = `${kind} ${[...holders].sort().join(' ')}`;
    let found = byKey.get(key);
    if (!found) byKey.set(key, (found = { kind, holders, entries: [] }));
    found.entries.push(entry);
    return found;
  };
  for (const entry of entries) {
    const holders = [...new Set(entry.owners)];
    const people = holders.filter((h) => !isTeamHolder(h));
    const list: OwnerUnit[] = [];
    for (const h of holders) {
      if (isTeamHolder(h)) list.push(unit('team', [h], entry));
      else if (h === people[0]) list.push(unit('group', people, entry));
    }
    unitsOf.set(entry, list);
  }
  return { units: [...byKey.values()], unitsOf };
}

/** Name every unit, then give built-in roles: the user's mappings first, then team names. */
export function chooseImportRoles(entries: readonly CodeownersEntry[], map: readonly RoleMapRequest[], problems: Problem[]): ImportRoleChoice {
  const { units, unitsOf } = collectUnits(entries);
  const taken = new Set<string>([...BUILTIN_ROLE_IDS, UNOWNED_ROLE_ID]);
  const idOf = new Map<OwnerUnit, string>();
  const candidates = new Map(units.map((u) => [u, unitCandidates(u)]));
  // A first choice several units share goes to none of them: each gets its qualified name, so
  // no name depends on which line came first.
  const firsts = new Map<string, number>();
  for (const list of candidates.values()) firsts.set(list[0]!, (firsts.get(list[0]!) ?? 0) + 1);
  for (const u of units) {
    const list = candidates.get(u)!;
    const shared = firsts.get(list[0]!)! > 1;
    idOf.set(u, claimRoleId(shared ? list.slice(1) : list, taken, u.kind === 'team' ? 'team' : 'owners'));
  }
  const reasonOf = new Map<OwnerUnit, string>();
  const give = (u: OwnerUnit, role: string, reason: string): void => {
    idOf.set(u, role);
    reasonOf.set(u, reason);
  };
  applyMapRequests(units, idOf, map, give, problems);
  const given = (role: string) => [...reasonOf.keys()].some((u) => idOf.get(u) === role);
  for (const u of units) {
    const hint = nameHint(u);
    if (!hint || reasonOf.has(u)) continue;
    if (given(hint.role)) {
      problems.push(
        makeProblem(
          'info',
          'role-name-taken',
          `${u.holders[0]}'s name also says ${hint.role}, which is already held; it keeps a role of its own (${idOf.get(u)})`,
          lineSpan(u.entries[0]!.line, u.entries[0]!.column),
        ),
      );
      continue;
    }
    give(u, hint.role, `the team name ${u.holders[0]} says so ("${hint.word}")`);
  }
  return { units, unitsOf, idOf, reasonOf };
}

/** A unit's names, best first; the first is the plain one (`core`, `builder-maintainers`). */
function unitCandidates(u: OwnerUnit): string[] {
  if (u.kind === 'team') return teamRoleCandidates(u.holders[0]!);
  const { plain, qualified } = groupRoleCandidates(
    u.entries.map((e) => e.pattern),
    u.holders,
  );
  return [plain[0]!, ...qualified, ...plain.slice(1)];
}

/** A team, or one e-mail address alone, whose name is in the vocabulary. */
function nameHint(u: OwnerUnit): { role: string; word: string } | undefined {
  const holder = u.holders[0]!;
  if (u.kind === 'team' || (u.holders.length === 1 && !holder.startsWith('@'))) return teamHint(holder);
  return undefined;
}

function applyMapRequests(
  units: readonly OwnerUnit[],
  idOf: ReadonlyMap<OwnerUnit, string>,
  map: readonly RoleMapRequest[],
  give: (u: OwnerUnit, role: string, reason: string) => void,
  problems: Problem[],
): void {
  const done = new Map<string, string>();
  for (const request of map) {
    const label = request.label ?? `${request.from}=${request.to}`;
    const fail = (why: string) => problems.push(makeProblem('error', 'bad-mapping', `${label}: ${why}`));
    if (!BUILTIN_ROLE_IDS.has(request.to)) {
      fail(`"${request.to}" is not a built-in role (${BUILTIN_ROLES.map((r) => r.id).join(', ')})`);
      continue;
    }
    const unit = units.find((u) => (u.holders.length === 1 && u.holders[0] === request.from) || idOf.get(u) === request.from);
    if (!unit) {
      fail(`no team, person or imported role "${request.from}" holds a role of its own in this CODEOWNERS`);
      continue;
    }
    if (BUILTIN_ROLE_IDS.has(idOf.get(unit)!)) {
      fail(`${request.from} is already mapped to ${idOf.get(unit)}`);
      continue;
    }
    const earlier = done.get(request.to);
    if (earlier !== undefined) {
      fail(`${request.to} is already given to ${earlier}; a built-in role holds one team or group here`);
      continue;
    }
    done.set(request.to, request.from);
    give(unit, request.to, `you said so (${label})`);
  }
}
