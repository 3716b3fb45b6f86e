// The CLI as its own npm package, @ops-roles/cli: the bundled dist/cli.js (no runtime
// dependencies: yaml and minimatch are inside it), a package.json whose `bin` is `ops-roles`, and
// the CLI's README and the LICENSE. `npm run package` packs it beside the .vsix; the unit tests
// pack it the same way and install the tarball into an empty folder.
//
// Why a scope: `npx ops-roles` would run whatever anyone published under that bare name. The
// `@ops-roles` scope belongs to the same organisation as the extension's publisher id and the
// repository, so `npx @ops-roles/cli` can only ever run our package.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CLI_PACKAGE_NAME = '@ops-roles/cli';

/** The CLI package's manifest, from the extension's: one version, licence and repository for both. */
export function cliManifest(projectDir) {
  const root = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8'));
  return {
    name: CLI_PACKAGE_NAME,
    version: root.version,
    description:
      'ops-roles: role-aware code ownership for CI. Checks that CODEOWNERS means what ops-roles.yaml says, routes reviews by role, gates on coverage.',
    license: root.license,
    repository: root.repository,
    homepage: root.homepage,
    bugs: root.bugs,
    keywords: ['codeowners', 'code owners', 'ownership', 'ci', 'github-actions', 'gitlab-ci', 'pre-commit'],
    bin: { 'ops-roles': 'dist/cli.js' },
    files: ['dist/cli.js', 'README.md', 'LICENSE'],
    engines: { node: root.engines.node },
  };
}

/**
 * Packs the CLI package into `outDir` and returns the tarball's path
 * (`ops-roles-cli-<version>.tgz`). `cliBundle` is the bundled CLI; it must start with a `#!` line,
 * or npm's `bin` link would hand it to the shell.
 */
export function packCli(projectDir, outDir, cliBundle = join(projectDir, 'dist/cli.js')) {
  const bundle = readFileSync(cliBundle, 'utf8');
  if (!bundle.startsWith('#!/usr/bin/env node\n')) throw new Error(`${cliBundle} does not start with "#!/usr/bin/env node"`);
  const stage = mkdtempSync(join(tmpdir(), 'ops-roles-cli-pack-'));
  try {
    mkdirSync(join(stage, 'dist'));
    writeFileSync(join(stage, 'package.json'), JSON.stringify(cliManifest(projectDir), null, 2) + '\n');
    writeFileSync(join(stage, 'dist/cli.js'), bundle);
    chmodSync(join(stage, 'dist/cli.js'), 0o755);
    copyFileSync(join(projectDir, 'packaging/cli/README.md'), join(stage, 'README.md'));
    copyFileSync(join(projectDir, 'LICENSE'), join(stage, 'LICENSE'));
    mkdirSync(outDir, { recursive: true });
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', resolve(outDir)], {
      cwd: stage,
      encoding: 'utf8',
      env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false' },
    });
    return join(resolve(outDir), JSON.parse(out)[0].filename);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
