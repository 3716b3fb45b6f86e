/**
 * The CODEOWNERS a repository has or gets: which dialect a file is written in, where each host
 * looks for it, and which output paths may be written. The CLI, the editor and the importer all
 * ask here, so a file is read the same way and the same paths are refused everywhere.
 */
import type { Flavor } from './pattern.js';

/** Display name of a dialect, as reports and messages say it. */
export function flavorName(flavor: Flavor): string {
  return flavor === 'gitlab' ? 'GitLab' : 'GitHub';
}

/** The other dialect: the generated block is also proved with the reader of the host not targeted. */
export function otherFlavor(flavor: Flavor): Flavor {
  return flavor === 'github' ? 'gitlab' : 'github';
}

/** Where each target's CODEOWNERS goes unless `ops-roles.yaml` or the user says otherwise. */
export function defaultCodeownersPath(target: Flavor): string {
  return target === 'gitlab' ? '.gitlab/CODEOWNERS' : '.github/CODEOWNERS';
}

/**
 * The places each host reads CODEOWNERS from, in the order it looks: the first one that exists
 * is used and the others are ignored.
 */
export const CODEOWNERS_LOCATIONS: Readonly<Record<Flavor, readonly string[]>> = {
  github: ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'],
  gitlab: ['CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'],
};

/** Every place some host reads, GitHub's order first: where an import looks when no file is named. */
export const CODEOWNERS_CANDIDATES: readonly string[] = [...new Set([...CODEOWNERS_LOCATIONS.github, ...CODEOWNERS_LOCATIONS.gitlab])];

/**
 * A CODEOWNERS file that the host reads instead of `outPath` (because it comes first in the
 * host's search order), or `undefined` when `outPath` is the one the host uses.
 */
export function shadowingCodeowners(target: Flavor, outPath: string, exists: (path: string) => boolean): string | undefined {
  const order = CODEOWNERS_LOCATIONS[target];
  const at = order.indexOf(outPath);
  const before = at === -1 ? order : order.slice(0, at);
  return before.find((p) => p !== outPath && exists(p));
}

/** A GitLab section header line: `[Name]`, `^[Optional]`, `[Name][2]`. */
const GITLAB_SECTION = /^\s*\^?\[[^\]]+\](?:\[\d+\])?(?:\s|$)/m;

/** What is known about a CODEOWNERS file besides its path, for {@link codeownersDialect}. */
export interface DialectHints {
  /** The file's text: GitLab section headers mark a GitLab file. */
  readonly text?: string;
  /** The dialect `ops-roles.yaml` or the user's settings name, when they do. */
  readonly configured?: Flavor;
}

/**
 * The dialect a CODEOWNERS file is read in. A file only one host reads is that host's:
 * `.github/CODEOWNERS` is GitHub's, `.gitlab/CODEOWNERS` GitLab's. A file both may read
 * (`CODEOWNERS`, `docs/CODEOWNERS`) is read as configured; failing that, section headers say
 * GitLab (GitHub has no sections); else GitHub. `path` may be repository-relative or absolute.
 */
export function codeownersDialect(path: string, hints: DialectHints = {}): Flavor {
  const p = path.replace(/\\/g, '/');
  if (/(^|\/)\.gitlab\/CODEOWNERS$/.test(p)) return 'gitlab';
  if (/(^|\/)\.github\/CODEOWNERS$/.test(p)) return 'github';
  if (hints.configured) return hints.configured;
  if (hints.text !== undefined && GITLAB_SECTION.test(hints.text)) return 'gitlab';
  return 'github';
}

/** The verdict on an output path: the path to use (`/`-separated), or why it is refused. */
export type OutputPathCheck = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly message: string };

/**
 * May a CODEOWNERS be written at `path` (repository-relative)? Backslashes count as `/`. Refused:
 * absolute paths and drive letters, any `..` segment (outside the repository), any `.git`
 * segment (a pull request could aim the writer at git's hooks or config), and control
 * characters (a NUL makes every file-system call throw; others make a name nobody can see).
 * `what` names the path in the message (`codeowners.path`). The writer still refuses symlinks
 * that lead outside: this check reads only the text.
 */
export function checkCodeownersPath(path: string, what: string): OutputPathCheck {
  const p = path.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p) || p.split('/').includes('..')) {
    return { ok: false, message: `${what} must be a path inside the repository (no "..", not absolute)` };
  }
  if (p.split('/').some((segment) => segment.toLowerCase() === '.git')) return { ok: false, message: `${what} must not point into the .git directory` };
  if (/\p{Cc}/u.test(p)) return { ok: false, message: `${what} must not contain control characters` };
  return { ok: true, path: p };
}

/**
 * The CODEOWNERS a repository without `ops-roles.yaml` is read from: the first that exists in
 * the search order of the configured host (GitHub's, then GitLab's `.gitlab/` when nothing is
 * configured), as a repository-relative path; `undefined` when there is none. Its dialect then
 * comes from {@link codeownersDialect}.
 */
export async function findCodeowners(exists: (path: string) => Promise<boolean>, configured?: Flavor): Promise<string | undefined> {
  const order = configured ? CODEOWNERS_LOCATIONS[configured] : CODEOWNERS_CANDIDATES;
  for (const path of order) if (await exists(path)) return path;
  return undefined;
}
