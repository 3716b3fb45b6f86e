/**
 * Finding file paths written in text (import specifiers, paths in YAML, JSON and Markdown) and
 * turning them into repository-relative candidates. Pure: no editor APIs, no file system; the
 * caller checks candidates against the folder's file list.
 */
import { posix } from 'node:path';

/** A path-like token found on a line. */
export interface PathToken {
  readonly text: string;
  /** 0-based character range on the line (end exclusive). */
  readonly start: number;
  readonly end: number;
}

// Characters a file path written in code or prose is made of. Quotes, brackets, commas, colons
// and white space end it, so `"./a.ts"`, `(docs/x.md)` and `path: deploy/k8s/api.yaml` work.
const PATH_CHAR = /[A-Za-z0-9_.\-/@~+$%]/;

/** The longest path-like token that contains `character` (0-based), if it looks like a path. */
export function pathTokenAt(line: string, character: number): PathToken | undefined {
  if (character < 0 || character > line.length) return undefined;
  let start = character;
  while (start > 0 && PATH_CHAR.test(line[start - 1]!)) start--;
  let end = character;
  while (end < line.length && PATH_CHAR.test(line[end]!)) end++;
  if (end <= start) return undefined;
  let text = line.slice(start, end);
  // Prose ends sentences with a full stop; a path never ends with one.
  while (text.endsWith('.') && text.length > 1 && !text.endsWith('..')) {
    text = text.slice(0, -1);
    end--;
  }
  if (character > end) return undefined;
  // A bare word (`server`) is too likely to be something else; ask for a slash or an extension.
  if (!text.includes('/') && !/\.[A-Za-z0-9]+$/.test(text)) return undefined;
  // `https://host/x`: the token starts after the scheme's colon.
  if (text.startsWith('//') && line[start - 1] === ':') return undefined;
  if (text.startsWith('@') && !text.includes('/')) return undefined;
  return { text, start, end };
}

/** Extensions tried, in order, for an import specifier written without one (`./auth/session`). */
export const IMPORT_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts', '.json', '.vue', '.svelte'] as const;

/**
 * Repository-relative paths that `token` may stand for, most likely first, when written in the
 * document at `documentPath` (repository-relative). `./x` and `../x` are relative to the
 * document only; `/x` to the root only; anything else to the document, then to the root.
 * Candidates that would leave the repository are dropped.
 */
export function pathCandidates(token: string, documentPath: string): string[] {
  const cleaned = token.replace(/[?#].*$/, '').replace(/\\/g, '/');
  if (cleaned === '' || cleaned === '/' || cleaned === '.' || cleaned === '..') return [];
  const dir = posix.dirname(documentPath);
  const bases: string[] = [];
  if (cleaned.startsWith('./') || cleaned.startsWith('../')) bases.push(posix.join(dir, cleaned));
  else if (cleaned.startsWith('/')) bases.push(cleaned.slice(1));
  else {
    bases.push(posix.join(dir, cleaned));
    bases.push(cleaned);
  }
  const out: string[] = [];
  const add = (p: string): void => {
    const n = posix.normalize(p).replace(/\/+$/, '');
    if (n === '' || n === '.' || n.startsWith('../') || n === '..' || posix.isAbsolute(n)) return;
    if (!out.includes(n)) out.push(n);
  };
  for (const base of bases) {
    add(base);
    if (!/\.[A-Za-z0-9]+$/.test(posix.basename(base))) {
      for (const ext of IMPORT_EXTENSIONS) add(base + ext);
      for (const ext of IMPORT_EXTENSIONS) add(`${base}/index${ext}`);
    } else if (/\.(js|jsx|mjs|cjs)$/.test(base)) {
      // TypeScript sources import `./x.js` for `./x.ts`.
      const stem = base.replace(/\.(js|jsx|mjs|cjs)$/, '');
      for (const ext of ['.ts', '.tsx', '.mts', '.cts']) add(stem + ext);
    }
  }
  return out;
}

/** The first candidate that `exists` accepts. */
export function resolveWrittenPath(token: string, documentPath: string, exists: (path: string) => boolean): string | undefined {
  return pathCandidates(token, documentPath).find(exists);
}
