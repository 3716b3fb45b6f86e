#!/usr/bin/env node
// `npm run screenshots`: run the user-level suite against the current code and copy the
// screenshots README and docs/ show into docs/images/. README's pictures are therefore always what the
// tests saw, never hand-made; the script fails if a check failed or a picture is missing.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shots = join(root, 'test-results/screenshots');

/** docs/images file → the user check whose screenshot it is (file name prefix). */
const README_IMAGES = JSON.parse(readFileSync(join(root, 'scripts/screenshots.json'), 'utf8'));

if (!process.argv.includes('--copy-only')) {
  const run = spawnSync('npm', ['run', '--silent', 'test:editor'], { cwd: root, stdio: 'inherit', env: { ...process.env, OPS_ROLES_E2E_ONLY: 'user' } });
  if (run.status !== 0) {
    console.error('the user-level suite failed; README images left as they were');
    process.exit(1);
  }
}
mkdirSync(join(root, 'docs/images'), { recursive: true });
const files = existsSync(shots) ? readdirSync(shots) : [];
let missing = 0;
for (const [image, prefix] of Object.entries(README_IMAGES)) {
  const found = files.find((f) => f.startsWith(prefix));
  if (!found) {
    console.error(`no screenshot starting with ${prefix} in test-results/screenshots`);
    missing++;
    continue;
  }
  copyFileSync(join(shots, found), join(root, 'docs/images', image));
  console.log(`docs/images/${image} ← ${found}`);
}
process.exit(missing ? 1 : 0);
