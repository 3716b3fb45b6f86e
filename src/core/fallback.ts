/**
 * The fallback chain: who answers for a role nobody holds. This is the only place that decides
 * it; ownership resolution, the config's warnings, the generated CODEOWNERS comments, review
 * routing and every surface that says where a vacant role's files go ask these functions.
 */
import type { RoleDefinition } from './config.js';

/** How one role is staffed. */
export interface RoleAssignment {
  /** The role the rule names. */
  readonly role: string;
  /** Who is asked to review: the role's holders, or the holders of the role it fell back to. */
  readonly holders: readonly string[];
  /** Set when the role has no holders and another role covers it. */
  readonly fellBackTo: string | undefined;
}

/** Roles tried, in order, when `roleId` has no holders: the chain without the role itself. */
export function fallbackChain(roleId: string, chain: readonly string[]): string[] {
  return chain.filter((id) => id !== roleId);
}

/**
 * The role that answers for `roleId` when nobody holds it: the first role of the chain (other
 * than itself) that has holders. `undefined` when the role has holders of its own, or when no
 * role of the chain has any.
 */
export function fallbackRole(roleId: string, roles: ReadonlyMap<string, RoleDefinition>, chain: readonly string[]): string | undefined {
  if ((roles.get(roleId)?.holders.length ?? 0) > 0) return undefined;
  for (const id of chain) {
    if (id === roleId) continue;
    if ((roles.get(id)?.holders.length ?? 0) > 0) return id;
  }
  return undefined;
}

/** Staff a role: its holders, or the holders of the role it falls back to, or nobody. */
export function assignRole(roleId: string, roles: ReadonlyMap<string, RoleDefinition>, chain: readonly string[]): RoleAssignment {
  const role = roles.get(roleId);
  if (role && role.holders.length > 0) return { role: roleId, holders: role.holders, fellBackTo: undefined };
  const to = fallbackRole(roleId, roles, chain);
  return { role: roleId, holders: to === undefined ? [] : roles.get(to)!.holders, fellBackTo: to };
}
