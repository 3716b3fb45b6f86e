#!/usr/bin/env node
// A repository for scale: the file list and CODEOWNERS of a very large TypeScript monorepo
// (about 152k files and 4.4k rules at scale 1). No public repository we may copy is that big, and
// size is what makes a CODEOWNERS slow to read. The shape follows what such repositories do: a
// block their tooling writes from the package manifests, one `path/to/package @org/team` line per
// package, then about 1,300 rules written by hand on top of it, which is where the cost and the
// mistakes are: folders deep inside packages, single files, `dir/*` (direct children only on
// GitHub), `/pkg/**/*.scss`, wildcards in the middle of a path, floating `*.scss` and
// `**/__snapshots__/`, and a few lines with no owner that take ownership away. Repository-level
// files (docs/, scripts/, .github/workflows/, ...) are mostly unowned, as they usually are.
//
// Deterministic: one seed, the project's seeded PRNG (bench/sample.mjs), no clock, no
// unordered iteration, and a plain code-unit sort, so every machine writes the same bytes.
//
//   node scripts/corpus/synthetic.mjs OUT_DIR [SCALE]     SCALE 1 by default; 3 is about 450k files
//
// Tests and the benchmark call ensureSyntheticCorpus(): one copy in .cache/corpora (git-ignored),
// written again only when the seed, the scale or this file changed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { random } from '../../bench/sample.mjs';

const SELF = fileURLToPath(import.meta.url);
const PROJECT_DIR = resolve(dirname(SELF), '../..');

/** Raise when the output changes shape on purpose (the stamp also hashes this file). */
export const SYNTHETIC_VERSION = 1;
export const SYNTHETIC_SEED = 413_2026;
export const SYNTHETIC_CACHE_DIR = join(PROJECT_DIR, '.cache', 'corpora', 'synthetic-monorepo');
const STAMP = 'stamp.json';
const ORG = '@northwind';

// ---------------------------------------------------------------------------------------------
// Words. Nouns of a made-up commerce and logistics company, and the folder names TypeScript
// code tends to have.

const NOUNS = `account alert allocation analytics annotation archive asset audit avatar backlog badge
balance basket batch billing booking budget bundle cache calendar campaign capacity carrier cart
catalog channel chart checkout claim cluster comment consent contract coupon courier credit
currency customer dashboard dataset delivery device digest discount dispatch document draft
estimate export feed filter fleet forecast fulfilment gateway geo grid health identity incident
inventory invoice journal label ledger licence listing locale lookup mailer manifest margin media
merchant meter mention metric notice offer order outage parcel partner payment payout permit
pipeline plan policy portal pricing printer profile promo quota quote rating receipt refund region
reminder report request reservation retention review route runbook schedule seller session
settlement shipment shop signal sku slot stock subscription supplier survey sync tariff tax
tenant ticket timeline token tracking transfer trial usage vendor voucher warehouse webhook widget
workflow zone`.split(/\s+/);

const CODE_DIRS = `adapters api clients components constants containers forms handlers helpers hooks lib
mappers models pages panels queries routes selectors services state store tables types utils
validators views`.split(/\s+/);
const UI_DIRS = new Set(['components', 'containers', 'forms', 'pages', 'panels', 'tables', 'views', 'public', 'src']);

const TEAM_AREAS = `billing catalog checkout core-platform data-pipeline delivery design-system
developer-experience docs fleet fulfilment growth identity infra localisation logistics
merchant-tools mobile notifications observability payments pricing qa-tooling release search
security storefront support-tools supply-chain warehouse`.split(/\s+/);
const TEAM_KINDS = ['team', 'web', 'api', 'platform', 'ops'];
const PEOPLE = ['ada-nw', 'bram-k', 'chidi-o', 'dana-r', 'eun-ji', 'farid-m', 'greta-l', 'hugo-b'];

const SOLUTIONS = ['commerce', 'logistics', 'insights', 'identity'];
const CORE_ENVS = ['browser', 'browser-internal', 'browser-mocks', 'common', 'server', 'server-internal', 'server-mocks'];
const LIB_SUFFIXES = ['utils', 'types', 'mocks', 'components', 'schemas', 'hooks', 'test-helpers'];
const SUITES = ['functional', 'api_integration', 'accessibility', 'upgrade'];

// What a package of each kind has at its root and at the top, and how many files it tends to
// hold: log-normal sizes (median, spread), so most packages are small and a few are huge.
const KINDS = {
  lib: {
    root: ['package.json', 'tsconfig.json', 'README.md', 'jest.config.js', 'index.ts'],
    top: ['src'],
    optional: ['test', '.storybook', 'src/__fixtures__'],
    median: 14,
    sigma: 1.0,
  },
  plugin: {
    root: ['package.json', 'tsconfig.json', 'README.md', 'jest.config.js', 'plugin.jsonc'],
    top: ['public', 'server', 'common'],
    fixed: ['common/constants.ts', 'common/index.ts', 'public/index.ts', 'public/plugin.tsx', 'server/index.ts', 'server/plugin.ts'],
    optional: ['server/routes', 'public/components', 'test_utils', 'scripts'],
    median: 64,
    sigma: 1.0,
  },
  app: {
    root: ['package.json', 'tsconfig.json', 'README.md', 'vite.config.ts', 'index.html'],
    top: ['src', 'public', 'e2e'],
    optional: ['src/routes', 'src/components'],
    median: 240,
    sigma: 0.6,
  },
  example: { root: ['package.json', 'tsconfig.json', 'README.md'], top: ['public', 'server'], optional: [], median: 8, sigma: 0.6 },
  suite: { root: ['config.ts', 'index.ts'], top: ['apps', 'fixtures', 'services'], optional: [], median: 28, sigma: 0.9 },
};

// ---------------------------------------------------------------------------------------------
// Random choices, all from one seeded sequence.

function dice(seed) {
  const next = random(seed);
  const int = (n) => Math.floor(next() * n);
  return {
    int,
    chance: (p) => next() < p,
    pick: (items) => items[int(items.length)],
    /** Log-normal (Box-Muller): median × e^(sigma·N(0,1)). */
    lognormal(median, sigma) {
      const u = 1 - next();
      const v = next();
      return median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
    },
    /** One to three nouns, mostly two, joined by `sep`. */
    name(sep) {
      const n = 1 + (next() < 0.3 ? 0 : next() < 0.8 ? 1 : 2);
      return Array.from({ length: n }, () => NOUNS[int(NOUNS.length)]).join(sep);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Packages.

/** Where packages live, and what share of them each place gets. */
function places(d) {
  const domains = Array.from({ length: 40 }, () => d.pick(NOUNS));
  return [
    { share: 0.17, kind: 'lib', path: () => `packages/nw-${d.name('-')}${d.chance(0.45) ? `-${d.pick(LIB_SUFFIXES)}` : ''}` },
    { share: 0.07, kind: 'lib', path: () => `platform/core/packages/${d.pick(domains)}/${d.pick(CORE_ENVS)}` },
    { share: 0.2, kind: 'lib', path: () => `platform/packages/${d.chance(0.6) ? 'common' : 'internal'}/nw-${d.name('-')}` },
    { share: 0.09, kind: 'plugin', path: () => `platform/plugins/${d.chance(0.6) ? 'common' : 'internal'}/${d.name('_')}` },
    { share: 0.15, kind: 'lib', path: () => `solutions/${d.pick(SOLUTIONS)}/packages/${d.name('-')}${d.chance(0.3) ? `-${d.pick(LIB_SUFFIXES)}` : ''}` },
    { share: 0.13, kind: 'plugin', path: () => `solutions/${d.pick(SOLUTIONS)}/plugins/${d.name('_')}` },
    { share: 0.02, kind: 'app', path: () => `apps/${d.name('-')}` },
    { share: 0.04, kind: 'example', path: () => `examples/${d.name('_')}` },
    { share: 0.13, kind: 'suite', path: () => `test/${d.pick(SUITES)}/${d.pick(['apps', 'apis', 'journeys'])}/${d.name('_')}` },
  ];
}

/** A module and the files that travel with it in folder `dir`. */
function family(d, dir, stem) {
  const last = dir.slice(dir.lastIndexOf('/') + 1);
  if (last === '__fixtures__') return [`${dir}/${stem}.json`];
  if (last === '.storybook') return [`${dir}/main.ts`, `${dir}/preview.tsx`];
  if (dir === 'e2e' || dir.startsWith('apps') || dir.startsWith('journeys')) return [`${dir}/${stem}.spec.ts`];
  if (dir.startsWith('fixtures')) return [`${dir}/${stem}${d.pick(['.json', '.ndjson', '.yml'])}`];
  if (last === 'hooks') return [`${dir}/use_${stem}.ts`, ...(d.chance(0.5) ? [`${dir}/use_${stem}.test.ts`] : [])];
  const out = [];
  if (UI_DIRS.has(last) || (dir.startsWith('public/') && d.chance(0.5))) {
    out.push(`${dir}/${stem}.tsx`);
    if (d.chance(0.5)) {
      out.push(`${dir}/${stem}.test.tsx`);
      if (d.chance(0.4)) out.push(`${dir}/__snapshots__/${stem}.test.tsx.snap`);
    }
    if (d.chance(0.3)) out.push(`${dir}/${stem}.scss`);
    return out;
  }
  out.push(`${dir}/${stem}.ts`);
  if (d.chance(0.45)) out.push(`${dir}/${stem}.test.ts`);
  if (d.chance(0.04)) out.push(`${dir}/${stem}.md`);
  if (d.chance(0.04)) out.push(`${dir}/${stem}.json`);
  return out;
}

/** The files of one package, relative to it: about `size` of them. */
function packageFiles(d, kind, size) {
  const spec = KINDS[kind];
  const files = spec.root.filter((f, i) => i < 2 || d.chance(0.7));
  for (const f of spec.fixed ?? []) files.push(f);
  const dirs = [...spec.top];
  for (const dir of spec.optional) if (d.chance(0.3)) dirs.push(dir);
  // About one folder per seven files, hung under a folder less than five deep.
  const wanted = Math.max(dirs.length, Math.round(size / 7));
  const known = new Set(dirs);
  for (let tries = 0; dirs.length < wanted && tries < wanted * 4; tries++) {
    const parent = d.pick(dirs);
    if (parent.split('/').length >= 5 || parent.endsWith('__fixtures__') || parent === '.storybook') continue;
    const dir = `${parent}/${d.chance(0.6) ? d.pick(CODE_DIRS) : d.name('_')}`;
    if (!known.has(dir)) {
      known.add(dir);
      dirs.push(dir);
    }
  }
  const seen = new Set(files);
  for (let tries = 0; files.length < size && tries < size * 4; tries++) {
    const dir = d.pick(dirs);
    const stem = d.chance(0.55) ? d.pick(NOUNS) : `${d.pick(NOUNS)}_${d.pick(NOUNS)}`;
    for (const f of family(d, dir, stem)) {
      if (files.length >= size || seen.has(f)) continue;
      seen.add(f);
      files.push(f);
    }
  }
  return files;
}

function makePackages(d, count) {
  const packages = [];
  const taken = new Set();
  for (const place of places(d)) {
    const n = Math.max(1, Math.round(place.share * count));
    for (let i = 0; i < n; i++) {
      let path = place.path();
      for (let k = 2; taken.has(path); k++) path = `${place.path()}${k > 4 ? `-${k}` : ''}`;
      taken.add(path);
      const spec = KINDS[place.kind];
      const size = Math.min(4000, Math.max(spec.root.length + 2, Math.round(d.lognormal(spec.median, spec.sigma))));
      packages.push({ path, kind: place.kind, files: packageFiles(d, place.kind, size) });
    }
  }
  return packages;
}

// ---------------------------------------------------------------------------------------------
// Repository-level files: docs, scripts, CI. Few rules reach them.

function repoFiles(d, scale) {
  const n = (base) => Math.max(2, Math.round(base * scale));
  const kebab = () => d.name('-');
  const files = [
    'package.json',
    'tsconfig.json',
    'tsconfig.base.json',
    'README.md',
    'CONTRIBUTING.md',
    'LICENSE.txt',
    'NOTICE.txt',
    '.gitignore',
    '.nvmrc',
    '.editorconfig',
    '.eslintrc.js',
    '.prettierrc',
    'yarn.lock',
    'renovate.json',
    '.github/CODEOWNERS',
    '.github/PULL_REQUEST_TEMPLATE.md',
    '.github/dependabot.yml',
    '.github/ISSUE_TEMPLATE/bug_report.md',
    '.github/ISSUE_TEMPLATE/feature_request.md',
    '.github/ISSUE_TEMPLATE/docs.md',
  ];
  for (let i = 0; i < n(45); i++) files.push(`.github/workflows/${kebab()}.yml`);
  for (let i = 0; i < n(60); i++) files.push(`.buildkite/pipelines/${kebab()}.yml`);
  for (let i = 0; i < n(140); i++) files.push(`.buildkite/scripts/steps/${kebab()}.sh`);
  for (let s = 0; s < Math.max(4, n(24)); s++) {
    const section = `docs/${kebab()}`;
    const pages = Math.round(d.lognormal(30, 0.8));
    for (let i = 0; i < pages; i++) files.push(`${section}/${d.chance(0.3) ? `${d.pick(NOUNS)}/` : ''}${kebab()}${d.chance(0.2) ? '.mdx' : '.md'}`);
    for (let i = 0; i < pages / 4; i++) files.push(`${section}/images/${kebab()}.png`);
  }
  for (let i = 0; i < n(180); i++) files.push(`scripts/${d.chance(0.3) ? `${d.pick(NOUNS)}/` : ''}${kebab()}${d.pick(['.js', '.mjs', '.sh', '.ts'])}`);
  for (let i = 0; i < n(20); i++) files.push(`config/${kebab()}.yml`);
  for (let i = 0; i < n(30); i++) files.push(`typings/${d.pick(NOUNS)}.d.ts`);
  return [...new Set(files)];
}

// ---------------------------------------------------------------------------------------------
// CODEOWNERS.

function makeTeams(d) {
  const teams = [];
  for (const area of TEAM_AREAS) for (const kind of TEAM_KINDS) if (d.chance(0.6)) teams.push(`${ORG}/${area}-${kind}`);
  return teams;
}

/** `*` in a pattern (one segment) as a regular expression over repository paths. */
function wildcardRegExp(pattern) {
  const body = pattern
    .slice(1)
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*');
  return new RegExp(`^${body}${pattern.endsWith('/') ? '' : '$'}`);
}

/** Folders of a package that hold files, deepest first for each file. */
function foldersOf(file) {
  const parts = file.split('/').slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/')).reverse();
}

function makeCodeowners(d, packages, repo, scale, seed) {
  const teams = makeTeams(d);
  // Teams keep to a neighbourhood: each top-level place draws from its own dozen teams.
  const pools = new Map();
  const teamFor = (path) => {
    const key = path.split('/').slice(0, 2).join('/');
    if (!pools.has(key))
      pools.set(
        key,
        Array.from({ length: 12 }, () => d.pick(teams)),
      );
    return d.chance(0.85) ? d.pick(pools.get(key)) : d.pick(teams);
  };

  // The generated block: one line per package, sorted, as the tooling writes it.
  const block = packages
    .map((p) => {
      const first = teamFor(p.path);
      let second = d.chance(0.15) ? teamFor(p.path) : undefined;
      if (second === first) second = undefined;
      return `${p.path} ${first}${second ? ` ${second}` : ''}`;
    })
    .sort();

  // The hand-written overrides, by kind; each pattern is made from files that exist.
  const target = Math.max(24, Math.round(1300 * scale));
  const quota = {
    folder: Math.round(target * 0.4),
    file: Math.round(target * 0.32),
    children: Math.round(target * 0.08),
    scss: Math.round(target * 0.06),
    unowned: Math.max(1, Math.round(15 * scale)),
  };
  const rules = [];
  const used = new Set();
  const add = (kind, pattern, owners) => {
    if (used.has(pattern)) return false;
    used.add(pattern);
    rules.push({ kind, pattern, owners });
    return true;
  };
  const ownersFor = (path) => {
    const r = d.int(100);
    if (r < 5) return [`@${d.pick(PEOPLE)}`];
    const first = teamFor(path);
    if (r < 15) {
      const second = d.pick(teams);
      return second === first ? [first] : [first, second];
    }
    return [first];
  };
  const somePackage = (test = () => true) => {
    for (let i = 0; i < 50; i++) {
      const p = d.pick(packages);
      if (test(p)) return p;
    }
    return undefined;
  };

  // Cross-cutting rules first, so that the rules below them can take files back.
  add('floating', '*.scss', [`${ORG}/design-system-web`]);
  add('floating', '**/__snapshots__/', [`${ORG}/qa-tooling-team`]);
  add('floating', 'jest.config.js', [`${ORG}/developer-experience-platform`]);

  // Wildcards in the middle of a path, kept only when they match something.
  const all = packages.flatMap((p) => p.files.map((f) => `${p.path}/${f}`));
  const wildcards = [
    '/packages/nw-*-utils/',
    '/packages/nw-*-test-helpers/',
    '/platform/core/packages/*/server-mocks/',
    ...SOLUTIONS.map((s) => `/solutions/${s}/plugins/*/common/constants.ts`),
    '/platform/plugins/*/*/server/plugin.ts',
    '/platform/plugins/common/*/server/routes/',
    '/solutions/*/plugins/*/public/components/',
    '/solutions/*/packages/*-mocks/',
    '/test/*/apis/*/fixtures/',
    '/test/*/journeys/*/fixtures/',
    '/examples/*/server/',
  ];
  for (const pattern of wildcards.slice(0, Math.max(2, Math.round(wildcards.length * Math.min(1, scale))))) {
    const re = wildcardRegExp(pattern);
    if (all.some((f) => re.test(f))) add('wildcard', pattern, ownersFor(pattern.slice(1)));
  }

  for (let i = 0, made = 0; made < quota.folder && i < quota.folder * 5; i++) {
    const p = somePackage((q) => q.files.some((f) => f.includes('/')));
    if (!p) continue;
    const folders = foldersOf(d.pick(p.files.filter((f) => f.includes('/'))));
    const folder = folders[Math.min(folders.length - 1, d.int(2))];
    if (add('folder', `/${p.path}/${folder}/`, ownersFor(p.path))) made++;
  }
  for (let i = 0, made = 0; made < quota.file && i < quota.file * 5; i++) {
    const p = d.pick(packages);
    if (add('file', `/${p.path}/${d.pick(p.files)}`, ownersFor(p.path))) made++;
  }
  for (let i = 0, made = 0; made < quota.children && i < quota.children * 5; i++) {
    const p = somePackage((q) => q.files.some((f) => f.split('/').length > 2));
    if (!p) continue;
    const folders = foldersOf(d.pick(p.files.filter((f) => f.split('/').length > 2)));
    if (add('children', `/${p.path}/${folders[0]}/*`, ownersFor(p.path))) made++;
  }
  for (let i = 0, made = 0; made < quota.scss && i < quota.scss * 5; i++) {
    const p = somePackage((q) => q.files.some((f) => f.endsWith('.scss')));
    if (p && add('scss', `/${p.path}/**/*.scss`, ownersFor(p.path))) made++;
  }
  for (let i = 0, made = 0; made < quota.unowned && i < quota.unowned * 5; i++) {
    const p = somePackage((q) => q.files.some((f) => f.includes('/')));
    if (!p) continue;
    const folders = foldersOf(d.pick(p.files.filter((f) => f.includes('/'))));
    if (add('unowned', `/${p.path}/${folders[0]}/`, [])) made++;
  }
  // Fill up with folders where the quotas could not be met (small scales).
  for (let i = 0; rules.length < target && i < target * 5; i++) {
    const p = d.pick(packages);
    const file = p.files.find((f) => f.includes('/'));
    if (file) add('folder', `/${p.path}/${foldersOf(file).at(-1)}/`, ownersFor(p.path));
  }

  // The hand-written part comes in sections, one per team, kinds mixed as people add them.
  const sections = new Map();
  const floating = rules.filter((r) => r.kind === 'floating');
  for (const r of rules) {
    if (r.kind === 'floating') continue;
    const key = r.owners[0] ?? d.pick(teams);
    if (!sections.has(key)) sections.set(key, []);
    sections.get(key).push(r);
  }
  const order = [...sections.keys()];
  for (let i = order.length - 1; i > 0; i--) {
    const j = d.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }

  // The repository's own files: a handful of rules; most of docs/, scripts/ and CI stay unowned.
  const teamOf = (area) => teams.find((t) => t.startsWith(`${ORG}/${area}-`)) ?? teams[0];
  const some = (prefix, n) => {
    const pool = repo.filter((f) => f.startsWith(prefix));
    return Array.from({ length: Math.max(1, Math.round(n * scale)) }, () => d.pick(pool));
  };
  const repoRules = [
    ...['/package.json', '/yarn.lock', '/renovate.json', '/tsconfig.base.json', '/typings/'].map((p) => [p, teamOf('developer-experience')]),
    ['/.github/CODEOWNERS', teamOf('release')],
    ['/.buildkite/pipelines/', teamOf('release')],
    ...some('.github/workflows/', 12).map((f) => [`/${f}`, teamOf('release')]),
    ...some('scripts/', 10).map((f) => [`/${f}`, teamFor(f)]),
    ...some('docs/', 5).map((f) => [`/${f.split('/').slice(0, 2).join('/')}/`, teamOf('docs')]),
  ].filter(([pattern]) => !used.has(pattern) && used.add(pattern));

  const line = (r) => (r.owners.length ? `${r.pattern} ${r.owners.join(' ')}` : r.pattern);
  const text = [
    `# CODEOWNERS of a repository that does not exist: a synthetic TypeScript monorepo written by`,
    `# scripts/corpus/synthetic.mjs (version ${SYNTHETIC_VERSION}, seed ${seed}, scale ${scale}) to measure tools at scale.`,
    '',
    '# Package owners, written by tooling from each package manifest. Do not edit by hand.',
    ...block,
    '',
    '# Maintained by hand: everything below wins over the block above.',
    '',
    '# Cross-cutting',
    ...floating.map(line),
    ...order.flatMap((team) => ['', `# ${team}`, ...sections.get(team).map(line)]),
    '',
    '# The repository itself',
    ...repoRules.map(([pattern, owner]) => `${pattern} ${owner}`),
    '',
  ].join('\n');
  return text;
}

// ---------------------------------------------------------------------------------------------

/** The corpus in memory: every path (sorted) and the CODEOWNERS text. */
export function generateSyntheticCorpus({ scale = 1, seed = SYNTHETIC_SEED } = {}) {
  if (!(scale > 0)) throw new Error(`scale must be a positive number, not ${scale}`);
  const d = dice(seed);
  const packages = makePackages(d, Math.max(8, Math.round(3050 * scale)));
  const repo = repoFiles(d, scale);
  const files = [...new Set([...repo, ...packages.flatMap((p) => p.files.map((f) => `${p.path}/${f}`))])].sort();
  const codeowners = makeCodeowners(d, packages, repo, scale, seed);
  return { files, codeowners };
}

/** Writes files.txt and CODEOWNERS into `dir` (created if missing). */
export function writeSyntheticCorpus(dir, options = {}) {
  const { files, codeowners } = generateSyntheticCorpus(options);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'files.txt'), `${files.join('\n')}\n`);
  writeFileSync(join(dir, 'CODEOWNERS'), codeowners);
  return { files: files.length, rules: codeowners.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).length };
}

/**
 * The synthetic corpus folder, written if missing or made by another seed, scale or version of
 * this file. Written beside its place and renamed into it, so a reader never sees half a corpus.
 */
export function ensureSyntheticCorpus({ dir = SYNTHETIC_CACHE_DIR, scale = 1, seed = SYNTHETIC_SEED } = {}) {
  const source = createHash('sha256').update(readFileSync(SELF)).digest('hex').slice(0, 16);
  const stamp = JSON.stringify({ version: SYNTHETIC_VERSION, seed, scale, source });
  const stampFile = join(dir, STAMP);
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && existsSync(join(dir, 'files.txt')) && existsSync(join(dir, 'CODEOWNERS')))
    return dir;
  const temporary = `${dir}.tmp-${process.pid}`;
  rmSync(temporary, { recursive: true, force: true });
  writeSyntheticCorpus(temporary, { scale, seed });
  writeFileSync(join(temporary, STAMP), stamp);
  rmSync(dir, { recursive: true, force: true });
  renameSync(temporary, dir);
  return dir;
}

if (process.argv[1] && resolve(process.argv[1]) === SELF) {
  const [out, scaleArg = '1'] = process.argv.slice(2);
  if (!out) {
    process.stderr.write('usage: node scripts/corpus/synthetic.mjs OUT_DIR [SCALE]\n');
    process.exit(2);
  }
  const started = Date.now();
  const { files, rules } = writeSyntheticCorpus(resolve(out), { scale: Number(scaleArg) });
  process.stdout.write(`${out}: ${files} files, ${rules} rules (scale ${scaleArg}, seed ${SYNTHETIC_SEED}) in ${Date.now() - started} ms\n`);
}
