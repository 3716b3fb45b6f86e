#!/usr/bin/env node
// `npm run package`: build the bundles and pack the .vsix users install (VS Code, VSCodium,
// Cursor, code-server), then say how big it is and what is inside, so a stray folder in the
// package shows up here rather than in the gallery. Beside it, the CLI's npm package
// (scripts/cliPackage.mjs): ops-roles-cli-<version>.tgz.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { packCli } from './cliPackage.mjs';
import { PROJECT_DIR, packageVsix } from './editor/codeServer.mjs';

execFileSync('npm', ['run', '--silent', 'build'], { cwd: PROJECT_DIR, stdio: 'inherit' });
const vsix = await packageVsix(PROJECT_DIR);
let listing = '';
try {
  listing = execFileSync('unzip', ['-l', vsix], { encoding: 'utf8' });
} catch {
  console.log('(install unzip to see the files inside the package)');
}
const entries = listing
  .split('\n')
  .map((line) => /^\s*(\d+)\s+\S+\s+\S+\s+(.+)$/.exec(line))
  .filter((m) => m && !m[2].endsWith('/') && m[2] !== 'Name')
  .map((m) => ({ size: Number(m[1]), name: m[2] }));
for (const e of entries.sort((a, b) => b.size - a.size)) console.log(`${String(e.size).padStart(9)}  ${e.name}`);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(
  `\n${relative(PROJECT_DIR, vsix)}: ${kb(statSync(vsix).size)} packed, ${entries.length} files, ${kb(entries.reduce((s, e) => s + e.size, 0))} unpacked`,
);
console.log(`dist/extension.js: ${kb(statSync(join(PROJECT_DIR, 'dist/extension.js')).size)}`);
const tarball = packCli(PROJECT_DIR, PROJECT_DIR);
console.log(`${relative(PROJECT_DIR, tarball)}: ${kb(statSync(tarball).size)} packed (npm package of the CLI)`);
