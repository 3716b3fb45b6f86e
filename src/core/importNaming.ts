/**
 * Role ids for an import: a team's role is named after the team (`@org/collector-approvers` →
 * `collector-approvers`), a group of individuals after what it owns (the common folder of its
 * rules: `cmd/builder/` → `builder-maintainers`).
 *
 * Names must read like a person chose them and stay the same when the same CODEOWNERS is
 * imported again, so a clash is settled with more of the name (the team's organisation, a
 * parent folder, the people's handles), never a counter: `web-team-2` says nothing, and a
 * number that depends on order changes when a line moves.
 */
import { isRoleId } from './roles.js';

/** Lower-case words of letters and digits joined by `-`; a trailing number joins its word (`squad-3` → `squad3`). */
export function slugWords(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/-(\d+)$/, '$1');
}

/** Ids stay short enough to read: cut at a word boundary (a group of forty people would otherwise name them all). */
const MAX_ROLE_ID_LENGTH = 60;

function shortened(id: string): string {
  return id.length <= MAX_ROLE_ID_LENGTH ? id : slugWords(id.slice(0, MAX_ROLE_ID_LENGTH).replace(/-[^-]*$/, ''));
}

/** The first candidate not taken, else the first with letters appended (`-b`, `-c`, …), recorded as taken. */
export function claimRoleId(candidates: readonly string[], taken: Set<string>, prefix: string): string {
  const valid = candidates.map((c) => shortened(/^[a-z]/.test(c) ? c : slugWords(`${prefix}-${c}`))).filter((c) => c !== '' && isRoleId(c));
  const fallback = valid[0] ?? prefix;
  let id = valid.find((c) => !taken.has(c));
  for (let n = 1; id === undefined; n++) {
    const letters = n.toString(26).replace(/./g, (d) => String.fromCharCode(97 + parseInt(d, 26)));
    if (!taken.has(`${fallback}-${letters}`)) id = `${fallback}-${letters}`;
  }
  taken.add(id);
  return id;
}

/** Candidate ids for a team or e-mail holder: its name, then qualified by its organisation or domain. */
export function teamRoleCandidates(holder: string): string[] {
  if (holder.startsWith('@@')) return [slugWords(`gitlab-${holder.slice(2).replace(/s$/, '')}s`)];
  if (holder.startsWith('@')) {
    const parts = holder.slice(1).split('/');
    const name = slugWords(parts[parts.length - 1]!);
    return [name, slugWords(parts.join('-')), slugWords(`${name}-team`)];
  }
  const [local, domain] = holder.split('@');
  return [slugWords(local ?? ''), slugWords(`${local}-${(domain ?? '').split('.')[0]}`)];
}

/**
 * The folder names a pattern is about: its directory segments up to the first wildcard, plus a
 * last name without wildcards (`/cmd/builder/` → cmd, builder; `/docs/*.md` → docs;
 * `Makefile` → makefile).
 */
export function patternFolders(pattern: string): string[] {
  const segments = pattern.replace(/\\(.)/g, '$1').split('/').filter(Boolean);
  while (segments[0] === '**') segments.shift();
  const out: string[] = [];
  for (const [i, segment] of segments.entries()) {
    const last = i === segments.length - 1 && !pattern.endsWith('/');
    if (/[*?]/.test(segment)) {
      // `*.md` alone still says what it is about.
      if (out.length === 0 && last) {
        const ext = /^\*\.([A-Za-z0-9]+)$/.exec(segment)?.[1];
        if (ext) out.push(`${ext}-files`);
      }
      break;
    }
    out.push(last ? segment.replace(/\.[A-Za-z0-9]+$/, '') : segment);
  }
  return out.map(slugWords).filter(Boolean);
}

/** The longest leading run of folders every pattern shares. */
function commonFolders(patterns: readonly string[]): string[] {
  const lists = patterns.map(patternFolders);
  const first = lists[0] ?? [];
  let n = first.length;
  for (const list of lists) {
    let k = 0;
    while (k < n && k < list.length && list[k] === first[k]) k++;
    n = k;
  }
  return first.slice(0, n);
}

/** `builder-maintainers`, then `cmd-builder-maintainers`, … for the folders `cmd/builder`. */
function deeperNames(folders: readonly string[]): string[] {
  const out: string[] = [];
  for (let k = folders.length - 1; k >= 0; k--) out.push(slugWords(`${folders.slice(k).join('-')}-maintainers`));
  return out;
}

/**
 * Candidate ids for a group of individuals: `plain` after the folder its rules share (else the
 * folders of each of its rules in sorted order, so moving a line renames nothing), `qualified` the first of those with the people's
 * handles added (`components-kbx81`), for when several groups share a folder.
 */
export function groupRoleCandidates(patterns: readonly string[], holders: readonly string[]): { plain: string[]; qualified: string[] } {
  const common = commonFolders(patterns);
  const plain = common.length ? deeperNames(common) : [...patterns].sort().flatMap((p) => deeperNames(patternFolders(p)));
  if (plain.length === 0) plain.push(patterns.some((p) => /^\/?\*{1,2}$/.test(p)) ? 'default-maintainers' : 'maintainers');
  const people = holders.map((h) => slugWords(h.startsWith('@') ? h.slice(1) : (h.split('@')[0] ?? ''))).filter(Boolean);
  const leaf = plain[0]!.replace(/-maintainers$/, '');
  const qualified = [
    slugWords(`${leaf}-${people.join('-')}`),
    ...plain.slice(1).map((n) => slugWords(`${n.replace(/-maintainers$/, '')}-${people.join('-')}`)),
  ];
  return { plain: [...new Set(plain)], qualified: [...new Set(qualified)] };
}
