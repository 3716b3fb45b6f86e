/**
 * Mapping a team's role to a built-in operations role, after an import or at any time.
 *
 * Two halves. {@link suggestMappings} reads a config and says which built-in role each team's
 * paths point to, with the evidence (the share of its rules under `migrations/`, `deploy/`,
 * `.github/workflows/`, …); it never decides. {@link mapRole} does what the user decided:
 * renames the team's role to the built-in one in the text, writes the reason as a comment, and
 * proves that every file keeps its owners before anyone applies the edits. The CLI
 * (`import --suggest`) and the editor ("Map teams to operations roles") both use these.
 */
import { parseConfig, type OpsRolesConfig } from './config.js';
import { OwnershipModel } from './ownership.js';
import { compareOwnership, describeDifference, modelReader, type OwnershipProof } from './ownershipProof.js';
import { BUILTIN_ROLE_IDS, BUILTIN_ROLES } from './roles.js';
import { pathHint } from './roleVocabulary.js';
import { plural } from './text.js';

/** Patterns that match every file: a rule with one of them is the catch-all. */
const CATCH_ALL_PATTERNS: ReadonlySet<string> = new Set(['*', '**', '/*', '/**', '**/*', '/**/*']);

/** Does this pattern match every file? */
export function isCatchAll(pattern: string): boolean {
  return CATCH_ALL_PATTERNS.has(pattern);
}

/** A custom role with holders that could become a built-in one, and what its paths say. */
export interface MappingCandidate {
  readonly roleId: string;
  readonly holders: readonly string[];
  /** Patterns of the rules naming it. */
  readonly patterns: number;
  /** It owns the catch-all rule: path evidence says nothing about it, so it is never suggested. */
  readonly catchAll: boolean;
  /** Built-in roles its paths point to, strongest first. */
  readonly evidence: readonly MappingEvidence[];
}

/** How many of a role's patterns point to one built-in role, and examples. */
export interface MappingEvidence {
  readonly role: string;
  readonly count: number;
  readonly share: number;
  readonly examples: readonly string[];
}

/** A suggestion: the candidate's paths point to `role` strongly enough to ask the user. */
export interface MappingSuggestion {
  readonly candidate: MappingCandidate;
  readonly evidence: MappingEvidence;
}

/** A third of a team's patterns under one role's paths is worth asking about; fewer is noise. */
export const SUGGESTION_SHARE = 1 / 3;

/** Every custom role with holders, with what its paths say (built-in roles already held are skipped as targets). */
export function mappingCandidates(config: OpsRolesConfig): MappingCandidate[] {
  const out: MappingCandidate[] = [];
  const patternsOf = new Map<string, string[]>();
  for (const rule of config.rules) {
    for (const id of new Set(rule.roles)) {
      const list = patternsOf.get(id) ?? [];
      for (const p of rule.patterns) list.push(p.source);
      patternsOf.set(id, list);
    }
  }
  for (const role of config.roles.values()) {
    if (role.builtin || role.holders.length === 0) continue;
    const patterns = patternsOf.get(role.id) ?? [];
    const votes = new Map<string, string[]>();
    for (const p of patterns) {
      const hint = pathHint(p);
      if (!hint) continue;
      const list = votes.get(hint.role) ?? [];
      list.push(p);
      votes.set(hint.role, list);
    }
    const evidence = [...votes].map(([r, list]) => ({ role: r, count: list.length, share: list.length / patterns.length, examples: list.slice(0, 3) }));
    evidence.sort((a, b) => b.count - a.count);
    out.push({ roleId: role.id, holders: role.holders, patterns: patterns.length, catchAll: patterns.some(isCatchAll), evidence });
  }
  return out;
}

/** Suggestions per built-in role nobody holds yet: candidates whose paths point there, strongest first. */
export function suggestMappings(config: OpsRolesConfig): MappingSuggestion[] {
  const held = (id: string) => (config.roles.get(id)?.holders.length ?? 0) > 0;
  const out: MappingSuggestion[] = [];
  for (const candidate of mappingCandidates(config)) {
    if (candidate.catchAll) continue;
    for (const evidence of candidate.evidence) if (evidence.share >= SUGGESTION_SHARE && !held(evidence.role)) out.push({ candidate, evidence });
  }
  const order = BUILTIN_ROLES.map((r) => r.id);
  return out.sort((a, b) => order.indexOf(a.evidence.role) - order.indexOf(b.evidence.role) || b.evidence.share - a.evidence.share);
}

/** The evidence in words: `3 of 4 rules (75%) are database administrator paths, such as /migrations/, *.sql`. */
export function describeEvidence(evidence: MappingEvidence, patterns: number): string {
  const name = BUILTIN_ROLES.find((r) => r.id === evidence.role)?.name.toLowerCase() ?? evidence.role;
  return `${evidence.count} of ${plural(patterns, 'pattern')} (${Math.round(evidence.share * 100)}%) are ${name} paths, such as ${evidence.examples.join(', ')}`;
}

/** A replacement in the text: `text.slice(offset, endOffset)` becomes `newText`. */
export interface RoleTextEdit {
  readonly offset: number;
  readonly endOffset: number;
  readonly newText: string;
}

/** What {@link mapRole} found: the edits and their proof, or why not. */
export type RoleMapping =
  | { readonly ok: true; readonly edits: readonly RoleTextEdit[]; readonly text: string; readonly proof: OwnershipProof }
  | { readonly ok: false; readonly message: string };

/**
 * Rename role `from` to the built-in role `to` where the text names it (its key and every
 * rule), with `reason` as a comment above the key, and prove over `files`
 * that every file keeps its owners. A built-in role the file lists as vacant (`role: []` on
 * one line) gives up that line; one with holders, or written in the long form, is refused.
 */
export function mapRole(text: string, from: string, to: string, reason: string, files: readonly string[]): RoleMapping {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const before = parseConfig(text);
  const role = before.config.roles.get(from);
  if (!BUILTIN_ROLE_IDS.has(to)) return { ok: false, message: `"${to}" is not a built-in role` };
  if (!role?.range || role.builtin) return { ok: false, message: `"${from}" is not a custom role listed under "roles"` };
  const vacancy = vacantEntryEdit(text, bom, before.config, to);
  if (typeof vacancy === 'string') return { ok: false, message: vacancy };
  const ranges = [role.range, ...before.config.rules.flatMap((r) => r.roleRanges.filter((_, i) => r.roles[i] === from))];
  const edits: RoleTextEdit[] = ranges.filter((r) => r !== undefined).map((r) => ({ offset: r.offset + bom, endOffset: r.endOffset + bom, newText: to }));
  const lineStart = text.lastIndexOf('\n', role.range.offset + bom - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  edits.push({ offset: lineStart, endOffset: lineStart, newText: `${indent}# ${to}: was "${from}"; ${reason}${eol}` });
  if (vacancy) edits.push(vacancy);
  edits.sort((a, b) => a.offset - b.offset);
  let after = '';
  let at = 0;
  for (const e of edits) {
    after += text.slice(at, e.offset) + e.newText;
    at = e.endOffset;
  }
  after += text.slice(at);
  const parsed = parseConfig(after);
  const newErrors = parsed.problems.filter((p) => p.severity === 'error').length - before.problems.filter((p) => p.severity === 'error').length;
  if (newErrors > 0) return { ok: false, message: `the edit would make ${plural(newErrors, 'new error')} in the file` };
  const old = new OwnershipModel(before.config);
  const proof = compareOwnership(files, (path) => old.resolve(path).owners, [modelReader(new OwnershipModel(parsed.config))]);
  if (!proof.ok) {
    const first = describeDifference(proof.differences[0]!, 'now', `after mapping ${from} to ${to}`);
    return { ok: false, message: `the mapping would change the owners of ${plural(proof.differenceCount, 'file')}: ${first}` };
  }
  return { ok: true, edits, text: after, proof };
}

/**
 * The edit removing `to: []` when the file lists the built-in role as vacant on one line;
 * `undefined` when it does not list it; a message when it cannot be merged safely.
 */
function vacantEntryEdit(text: string, bom: number, config: OpsRolesConfig, to: string): RoleTextEdit | string | undefined {
  const listed = config.roles.get(to);
  if (!listed?.range) return undefined;
  if (listed.holders.length) return `${to} is held by ${listed.holders.join(', ')} already; merge the two roles by hand`;
  const start = text.lastIndexOf('\n', listed.range.offset + bom - 1) + 1;
  const newline = text.indexOf('\n', start);
  const end = newline === -1 ? text.length : newline + 1;
  if (!/^\s*[a-z0-9-]+\s*:\s*\[\s*\]\s*(#.*)?\r?\n?$/.test(text.slice(start, end))) return `${to} is listed under "roles" already; merge the two by hand`;
  return { offset: start, endOffset: end, newText: '' };
}
