// Repositories as big as a corpus. `git ls-files`, which the CLI and the extension use to list
// files, reads only the index, so for the CLI an index listing every path of files.txt (all
// pointing at the empty blob) is enough. An editor also runs git itself (its SCM view), which
// would see every file deleted; for it, `writeFiles` writes the files (empty) and commits them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Creates a git repository at `repo` listing every file of `corpusDir`; returns the paths. */
export function corpusRepo(repo, corpusDir, { writeFiles = false } = {}) {
  mkdirSync(repo, { recursive: true });
  const git = (args, input) => {
    const r = spawnSync('git', args, { cwd: repo, input, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(`git ${args[0]} failed: ${(r.stderr || r.error?.message || '').trim()}`);
    return r.stdout;
  };
  git(['init', '-q']);
  const files = readFileSync(join(corpusDir, 'files.txt'), 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  if (writeFiles) {
    const made = new Set();
    for (const f of files) {
      const dir = dirname(join(repo, f));
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      writeFileSync(join(repo, f), '');
    }
    git(['add', '-A']);
    git(['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'commit', '-q', '--no-gpg-sign', '-m', 'corpus']);
    return files;
  }
  const emptyBlob = git(['hash-object', '-w', '--stdin'], '').trim();
  git(['update-index', '--add', '--index-info'], files.map((f) => `100644 ${emptyBlob}\t${f}`).join('\n') + '\n');
  return files;
}
