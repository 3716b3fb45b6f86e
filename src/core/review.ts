/**
 * Review routing: which roles, and which people, must approve a change. Two halves:
 * {@link collectChanges} asks git which files changed between a base and the work tree, and
 * {@link groupChangesByRole} (pure, no git) turns that list into roles → holders → files.
 * Git runs through its command line with argument arrays only, never a shell string.
 */
import type { OwnershipRule } from './config.js';
import { assignRole } from './fallback.js';
import { firstLine, GitNotFoundError, runGit, type GitRunner } from './git.js';
import type { OwnershipModel } from './ownership.js';
import { normalizePath } from './pattern.js';
import { codeSpan, escapeMarkdown, plural, pluralForm } from './text.js';

/** How a file changed, in git's terms (untracked files are files git does not know yet). */
export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'type-changed' | 'unmerged' | 'untracked';

/** One changed file, with a repository-relative, `/`-separated path. */
export interface ChangedFile {
  /** The path now (for a deleted file: the path it had). */
  readonly path: string;
  readonly status: ChangeStatus;
  /** For a rename or copy: the path before. */
  readonly oldPath?: string;
}

/** The base a change is measured from, and how it was chosen. */
export interface ReviewBase {
  /** The ref as given or found (`origin/main`, `HEAD~2`), or `undefined` for the empty tree. */
  readonly ref: string | undefined;
  /** The commit (or, for `empty-tree`, the tree) that the work tree is compared with. */
  readonly commit: string;
  /**
   * `merge-base`: the merge base of `ref` and HEAD (what a pull request shows);
   * `ref`: `ref` itself (the repository has no commits yet);
   * `empty-tree`: no base could be found, so every file counts as new.
   */
  readonly kind: 'merge-base' | 'ref' | 'empty-tree';
  /** Why the empty tree was used, when it was. */
  readonly reason?: string;
}

/** Where HEAD stands. */
export interface ReviewHead {
  /** `undefined` in a repository with no commits. */
  readonly commit: string | undefined;
  /** The checked-out branch, or `undefined` on a detached HEAD. */
  readonly branch: string | undefined;
  readonly detached: boolean;
}

/** Why the changes could not be listed: user input or environment, never a crash. */
export interface ReviewError {
  readonly code: 'git-not-found' | 'not-a-repository' | 'bad-base' | 'base-not-found' | 'no-merge-base' | 'git-failed';
  readonly message: string;
}

/** The files a change touches, or why they could not be listed. */
export type ChangeSetResult =
  | { readonly ok: true; readonly base: ReviewBase; readonly head: ReviewHead; readonly files: readonly ChangedFile[] }
  | { readonly ok: false; readonly error: ReviewError };

/** Options for {@link collectChanges}. */
export interface CollectChangesOptions {
  /**
   * Compare with the merge base of this ref and HEAD. Default: the default branch
   * (`origin/HEAD`, else `main`, else `master`, local or on `origin`), else the empty tree.
   */
  readonly base?: string;
  /** Stop early when this aborts (the promise then rejects with an AbortError). */
  readonly signal?: AbortSignal;
  /** How git is run (default: the real one); tests answer in its place. */
  readonly git?: GitRunner;
}

/** git in one repository, with one signal: what the steps below share. */
type RepoGit = (args: readonly string[]) => ReturnType<GitRunner>;

function repoGit(root: string, options: CollectChangesOptions): RepoGit {
  const git = options.git ?? runGit;
  return (args) => git(root, args, { signal: options.signal });
}

async function revParseCommit(git: RepoGit, ref: string): Promise<string | undefined> {
  const r = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  return r.code === 0 ? r.stdout.trim() : undefined;
}

async function mergeBase(git: RepoGit, a: string, b: string): Promise<string | undefined> {
  const r = await git(['merge-base', a, b]);
  return r.code === 0 ? r.stdout.trim() : undefined;
}

async function emptyTree(git: RepoGit): Promise<string> {
  // Computed rather than hard-coded so SHA-256 repositories get their own empty-tree id.
  const r = await git(['hash-object', '-t', 'tree', '--stdin']);
  if (r.code !== 0) throw new Error(`git hash-object failed: ${firstLine(r.stderr)}`);
  return r.stdout.trim();
}

/**
 * The default branch to compare with, as a ref name: `origin/HEAD`'s target, else the first of
 * `main`, `master`, `origin/main`, `origin/master` that exists; `undefined` when none does.
 */
export async function findDefaultBranch(root: string, options: Pick<CollectChangesOptions, 'signal' | 'git'> = {}): Promise<string | undefined> {
  return defaultBranch(repoGit(root, options));
}

async function defaultBranch(git: RepoGit): Promise<string | undefined> {
  const sym = await git(['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD']);
  if (sym.code === 0) {
    const target = sym.stdout.trim();
    if (target && (await revParseCommit(git, target))) return target.replace(/^refs\/remotes\//, '');
  }
  for (const [full, short] of [
    ['refs/heads/main', 'main'],
    ['refs/heads/master', 'master'],
    ['refs/remotes/origin/main', 'origin/main'],
    ['refs/remotes/origin/master', 'origin/master'],
  ] as const) {
    if (await revParseCommit(git, full)) return short;
  }
  return undefined;
}

/** Parse `git diff --name-status -z` output: `STATUS\0path\0`, or `Rnnn\0old\0new\0` for renames and copies. */
export function parseNameStatus(output: string): ChangedFile[] {
  const parts = output.split('\0');
  const files: ChangedFile[] = [];
  let i = 0;
  while (i < parts.length) {
    const code = parts[i++];
    if (!code) continue;
    const letter = code.charAt(0);
    if (letter === 'R' || letter === 'C') {
      const oldPath = parts[i++];
      const path = parts[i++];
      if (!oldPath || !path) break;
      files.push({ path: normalizePath(path), status: letter === 'R' ? 'renamed' : 'copied', oldPath: normalizePath(oldPath) });
      continue;
    }
    const path = parts[i++];
    if (!path) break;
    const status: ChangeStatus =
      letter === 'A' ? 'added' : letter === 'D' ? 'deleted' : letter === 'T' ? 'type-changed' : letter === 'U' ? 'unmerged' : 'modified';
    files.push({ path: normalizePath(path), status });
  }
  return files;
}

/**
 * Files changed between a base and the work tree of the repository at `root`: committed since
 * the base, staged, unstaged, and untracked files git does not ignore. Renames are detected
 * (`-M`) and keep both paths. Paths are relative to `root` (which may be a folder inside the
 * repository; changes outside it are left out). Never throws on user input: a missing base,
 * a folder outside git or a missing git come back as an error.
 */
export async function collectChanges(root: string, options: CollectChangesOptions = {}): Promise<ChangeSetResult> {
  const git = repoGit(root, options);
  try {
    const inside = await git(['rev-parse', '--is-inside-work-tree']);
    if (inside.code !== 0 || inside.stdout.trim() !== 'true') return fail('not-a-repository', `not inside a git work tree: ${root}`);
    const head = await findHead(git);
    const base = await findBase(git, options.base, head.commit);
    if ('ok' in base) return base;

    // --relative keeps paths relative to `root` and drops changes outside it, as `git ls-files` does below.
    const diff = await git(['diff', '--name-status', '-M', '-z', '--no-color', '--no-ext-diff', '--relative', base.commit, '--']);
    if (diff.code !== 0) return fail('git-failed', `git diff failed: ${firstLine(diff.stderr)}`);
    const untracked = await git(['ls-files', '--others', '--exclude-standard', '-z', '--', '.']);
    if (untracked.code !== 0) return fail('git-failed', `git ls-files failed: ${firstLine(untracked.stderr)}`);

    const files = parseNameStatus(diff.stdout);
    const seen = new Set(files.map((f) => f.path));
    for (const p of untracked.stdout.split('\0')) {
      if (!p) continue;
      const path = normalizePath(p);
      if (!seen.has(path)) files.push({ path, status: 'untracked' });
    }
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { ok: true, base, head, files };
  } catch (error) {
    if (error instanceof GitNotFoundError) return fail('git-not-found', error.message);
    throw error;
  }
}

function fail(code: ReviewError['code'], message: string): { readonly ok: false; readonly error: ReviewError } {
  return { ok: false, error: { code, message } };
}

async function findHead(git: RepoGit): Promise<ReviewHead> {
  const commit = await revParseCommit(git, 'HEAD');
  const sym = await git(['symbolic-ref', '--quiet', '--short', 'HEAD']);
  const branch = sym.code === 0 ? sym.stdout.trim() || undefined : undefined;
  return { commit, branch, detached: branch === undefined };
}

/** The base a change is measured from: the given ref's merge base, else the default branch's, else the empty tree. */
async function findBase(git: RepoGit, given: string | undefined, headCommit: string | undefined): Promise<ReviewBase | ReturnType<typeof fail>> {
  if (given !== undefined) {
    const ref = given.trim();
    // A ref that starts with "-" would be read by git as an option.
    if (!ref || ref.startsWith('-')) return fail('bad-base', `not a valid base ref: "${given}"`);
    const commit = await revParseCommit(git, ref);
    if (!commit) return fail('base-not-found', `base "${ref}" is not a commit in this repository (fetch it, or check the name)`);
    if (!headCommit) return { ref, commit, kind: 'ref' };
    const mb = await mergeBase(git, commit, headCommit);
    if (!mb) return fail('no-merge-base', `base "${ref}" shares no history with HEAD`);
    return { ref, commit: mb, kind: 'merge-base' };
  }
  if (!headCommit) return { ref: undefined, commit: await emptyTree(git), kind: 'empty-tree', reason: 'the repository has no commits yet' };
  const ref = await defaultBranch(git);
  const mb = ref ? await mergeBase(git, ref, headCommit) : undefined;
  if (ref && mb) return { ref, commit: mb, kind: 'merge-base' };
  return {
    ref: undefined,
    commit: await emptyTree(git),
    kind: 'empty-tree',
    reason: ref ? `${ref} shares no history with HEAD` : 'no default branch (origin/HEAD, main or master) was found',
  };
}

/** Which side of a change put it in a group: its path now, its old path (renames), or both. */
export type MatchedSide = 'path' | 'oldPath' | 'both';

/** A changed file as one role group lists it. */
export interface ReviewFile extends ChangedFile {
  readonly matched: MatchedSide;
  /** The deciding rule for the side that put the file here (for `both`: the new path's). */
  readonly rule: OwnershipRule;
  /** The expanded pattern of that rule that matched. */
  readonly pattern: string;
}

/** One role the change needs, who is asked to approve, and the files that need it. */
export interface ReviewRoleGroup {
  readonly role: string;
  /** Display name (`Database administrator`). */
  readonly name: string;
  /** Who approves: the role's holders, or the holders of the role it fell back to. */
  readonly holders: readonly string[];
  /** Set when nobody holds the role and another role covers it. */
  readonly fellBackTo: string | undefined;
  /** Display name of {@link fellBackTo}. */
  readonly fellBackToName: string | undefined;
  readonly files: readonly ReviewFile[];
  /** The rules that route files here, in config order without repeats. */
  readonly rules: readonly OwnershipRule[];
}

/** A changed file no rule matches (neither its path nor, for a rename, its old path). */
export type UnownedFile = ChangedFile;

/** Roles → holders → files for one change. */
export interface ReviewGroups {
  /** Every role the change needs, in the config's role order. */
  readonly roles: readonly ReviewRoleGroup[];
  readonly unowned: readonly UnownedFile[];
  /** Roles the change needs that nobody holds and no fallback role covers: it cannot be approved as configured. */
  readonly unheldRoles: readonly string[];
}

/** The result of a review: what changed, measured from where, and who must approve it. */
export interface ReviewResult extends ReviewGroups {
  readonly base: ReviewBase;
  readonly head: ReviewHead;
  readonly files: readonly ChangedFile[];
}

/**
 * Group changed files by the roles that own them (pure; no git). A file counts for every role
 * its deciding rule names; a renamed file counts for the owners of both its old and its new
 * path, once per role. A file neither of whose paths any rule matches is unowned.
 */
export function groupChangesByRole(model: OwnershipModel, changes: readonly ChangedFile[]): ReviewGroups {
  const { config } = model;
  const byRole = new Map<string, ReviewFile[]>();
  const unowned: UnownedFile[] = [];
  for (const change of changes) {
    const sides: { side: 'path' | 'oldPath'; path: string }[] = [{ side: 'path', path: change.path }];
    // A copy leaves its source untouched, so only a rename's old path needs its owners' approval.
    if (change.status === 'renamed' && change.oldPath !== undefined && change.oldPath !== change.path) sides.push({ side: 'oldPath', path: change.oldPath });
    const entries = new Map<string, ReviewFile>();
    for (const { side, path } of sides) {
      const own = model.resolve(path);
      if (!own.rule || own.pattern === undefined) continue;
      for (const role of own.roles) {
        const existing = entries.get(role);
        if (existing) entries.set(role, { ...existing, matched: 'both' });
        else entries.set(role, { ...change, matched: side, rule: own.rule, pattern: own.pattern });
      }
    }
    if (entries.size === 0) unowned.push(change);
    for (const [role, file] of entries) {
      let list = byRole.get(role);
      if (!list) byRole.set(role, (list = []));
      list.push(file);
    }
  }
  // Config order first (built-ins in catalog order, then custom roles), so output is stable.
  const order = [...config.roles.keys()];
  const ids = [...byRole.keys()].sort((a, b) => rank(order, a) - rank(order, b) || (a < b ? -1 : a > b ? 1 : 0));
  const roles: ReviewRoleGroup[] = ids.map((id) => {
    const files = byRole.get(id)!;
    const a = assignRole(id, config.roles, config.fallback);
    const rules: OwnershipRule[] = [];
    for (const f of files) if (!rules.includes(f.rule)) rules.push(f.rule);
    rules.sort((x, y) => x.index - y.index);
    return {
      role: id,
      name: config.roles.get(id)?.name ?? id,
      holders: a.holders,
      fellBackTo: a.fellBackTo,
      fellBackToName: a.fellBackTo === undefined ? undefined : (config.roles.get(a.fellBackTo)?.name ?? a.fellBackTo),
      files,
      rules,
    };
  });
  return { roles, unowned, unheldRoles: roles.filter((r) => r.holders.length === 0).map((r) => r.role) };
}

function rank(order: readonly string[], id: string): number {
  const i = order.indexOf(id);
  return i === -1 ? order.length : i;
}

/** Collect the changes at `root` and group them by role: the whole review in one call. */
export async function reviewChanges(
  root: string,
  model: OwnershipModel,
  options: CollectChangesOptions = {},
): Promise<{ readonly ok: true; readonly result: ReviewResult } | { readonly ok: false; readonly error: ReviewError }> {
  const changes = await collectChanges(root, options);
  if (!changes.ok) return changes;
  const groups = groupChangesByRole(model, changes.files);
  return { ok: true, result: { base: changes.base, head: changes.head, files: changes.files, ...groups } };
}

/** One-letter status, as `git status --short` shows it (`?` for untracked). */
export function statusLetter(status: ChangeStatus): string {
  switch (status) {
    case 'added':
      return 'A';
    case 'modified':
      return 'M';
    case 'deleted':
      return 'D';
    case 'renamed':
      return 'R';
    case 'copied':
      return 'C';
    case 'type-changed':
      return 'T';
    case 'unmerged':
      return 'U';
    case 'untracked':
      return '?';
  }
}

/** A changed file as one line of text: `old → new` for renames and copies. */
export function describeChange(file: ChangedFile): string {
  return file.oldPath !== undefined && file.oldPath !== file.path ? `${file.oldPath} → ${file.path}` : file.path;
}

/** Options for {@link renderReviewMarkdown}. */
export interface ReviewMarkdownOptions {
  /** Files listed per role before the rest are summarised as "… and N more" (default 50). */
  readonly maxFilesPerRole?: number;
}

/**
 * The review as Markdown a pull-request description can take: one checklist item per role with
 * its holders (mentioned, so they are asked) and files, then unowned files and the roles that
 * block approval.
 */
export function renderReviewMarkdown(result: ReviewGroups & { readonly files?: readonly ChangedFile[] }, options: ReviewMarkdownOptions = {}): string {
  const max = options.maxFilesPerRole ?? 50;
  const lines: string[] = ['### Review by role', ''];
  if (result.roles.length === 0 && result.unowned.length === 0) {
    lines.push('No changed files.');
    return lines.join('\n') + '\n';
  }
  for (const group of result.roles) {
    const n = group.files.length;
    const who = group.holders.length > 0 ? group.holders.join(', ') : '**nobody holds this role**';
    const via = group.fellBackTo !== undefined ? ` (nobody holds the role; falls back to ${escapeMarkdown(group.fellBackToName ?? group.fellBackTo)})` : '';
    lines.push(`- [ ] **${escapeMarkdown(group.name)}** — ${who}${via} — ${plural(n, 'file')}`);
    for (const f of group.files.slice(0, max)) lines.push(`  - ${codeSpan(describeChange(f))} (${f.status})`);
    if (n > max) lines.push(`  - … and ${n - max} more`);
  }
  if (result.unowned.length > 0) {
    lines.push('', `**Unowned** (no rule in \`ops-roles.yaml\` matches) — ${plural(result.unowned.length, 'file')}:`, '');
    for (const f of result.unowned.slice(0, max)) lines.push(`- ${codeSpan(describeChange(f))} (${f.status})`);
    if (result.unowned.length > max) lines.push(`- … and ${result.unowned.length - max} more`);
  }
  if (result.unheldRoles.length > 0) {
    const names = result.roles.filter((r) => result.unheldRoles.includes(r.role)).map((r) => `**${escapeMarkdown(r.name)}**`);
    lines.push(
      '',
      `> [!WARNING]`,
      `> Nobody holds ${names.join(', ')}, and no fallback role covers ${pluralForm(names.length, 'it', 'them')}: this change cannot be approved as configured.`,
    );
  }
  return lines.join('\n') + '\n';
}
