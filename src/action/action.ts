/**
 * The GitHub Action (action.yml): runs an `ops-roles` command on the runner's checkout, twice.
 * Once with `--format github`, printed as the runner reads it (annotations) and deciding the
 * step's result; once as data (`--json`, or a Code Quality report) for the job summary and the
 * step outputs. The CLI's documented output is the Action's only interface to the core, so the
 * two can never report different things.
 */
import { appendFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { resolve } from 'node:path';
import { runGit } from '../core/git.js';
import { runCli } from '../cli/main.js';
import { EXIT_USAGE, type CliIO } from '../cli/io.js';
import {
  coverageOutputs,
  coverageSummary,
  findingsSummary,
  outputLines,
  rawSummary,
  reviewOutputs,
  reviewSummary,
  type CoverageJson,
  type FindingJson,
  type ReviewJson,
} from './summary.js';

/** The commands the Action runs; `lint` is passed through to the CLI like the rest. */
export const ACTION_COMMANDS = ['check', 'review', 'validate', 'lint', 'coverage'] as const;

type Env = Readonly<Record<string, string | undefined>>;

/** An input as the runner passes it: `INPUT_` and the name in capitals (hyphens kept). */
const input = (env: Env, name: string) => env[`INPUT_${name.toUpperCase()}`]?.trim() || undefined;

/** What the runner gives the Action, besides its inputs. */
interface Runner {
  readonly env: Env;
  /** Where the annotations and the human-readable output go (the step's log). */
  readonly log: Pick<CliIO, 'out' | 'err'>;
}

/**
 * The base of a pull request: GITHUB_BASE_REF names a branch, which a checkout has as
 * `origin/NAME` (and a local clone may have as `NAME`).
 */
async function pullRequestBase(root: string, branch: string): Promise<string> {
  const remote = `origin/${branch}`;
  const r = await runGit(root, ['rev-parse', '--verify', '--quiet', `${remote}^{commit}`]);
  return r.code === 0 ? remote : branch;
}

/** The CLI arguments the inputs ask for, without `--format` (the two runs add their own). */
async function commandArgs(command: string, env: Env, root: string): Promise<string[]> {
  const args = [command, '--root', root];
  const config = input(env, 'config');
  // lint reads CODEOWNERS alone, with or without ops-roles.yaml.
  if (config && command !== 'lint') args.push('--config', resolve(root, config));
  const failOn = input(env, 'fail-on');
  if (command === 'review') {
    const base = input(env, 'base') ?? (env.GITHUB_BASE_REF ? await pullRequestBase(root, env.GITHUB_BASE_REF) : undefined);
    if (base) args.push('--base', base);
    if (failOn) args.push('--fail-on', failOn);
  }
  if (command === 'coverage') {
    const failUnder = input(env, 'fail-under');
    if (failUnder) args.push('--fail-under', failUnder);
    if (failOn?.split(',').some((g) => g.trim() === 'unowned')) args.push('--fail-on-unowned');
  }
  const target = input(env, 'target');
  if (target && (command === 'check' || command === 'lint')) args.push('--target', target);
  return [...args, ...(input(env, 'args')?.split(/\s+/) ?? [])];
}

/** Runs the CLI with its output kept in memory. */
async function captured(argv: string[], cwd: string, env: Env): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = {
    out: (t) => void (out += t + '\n'),
    err: (t) => void (err += t + '\n'),
    write: (t) => void (out += t),
    cwd,
    stdin: () => Readable.from([]),
    env,
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}

/** The job summary and outputs, from the command's data run. */
function report(command: string, data: { code: number; out: string; err: string }, verdict: string): { summary: string; outputs: Record<string, string> } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.out);
  } catch {
    return { summary: rawSummary(command, data.out + data.err), outputs: {} };
  }
  if (command === 'review') return { summary: reviewSummary(parsed as ReviewJson), outputs: reviewOutputs(parsed as ReviewJson) };
  if (command === 'coverage') return { summary: coverageSummary(parsed as CoverageJson), outputs: coverageOutputs(parsed as CoverageJson) };
  if (!Array.isArray(parsed)) return { summary: rawSummary(command, data.out + data.err), outputs: {} };
  return { summary: findingsSummary(command, verdict, parsed as FindingJson[]), outputs: {} };
}

/** The sentence above the findings when the command printed none of its own. */
function defaultVerdict(command: string, code: number): string {
  if (code === 0) return 'No findings.';
  if (command === 'check' && code === 1) return 'CODEOWNERS does not give every file the owners ops-roles.yaml gives it:';
  return `ops-roles ${command} exited ${code}.`;
}

/** Runs the Action as the runner would; returns the exit code of the step. */
export async function runAction({ env, log }: Runner, cwd: string): Promise<number> {
  const command = input(env, 'command') ?? 'check';
  if (!(ACTION_COMMANDS as readonly string[]).includes(command)) {
    log.out(`::error title=Ops Roles::The command input must be one of ${ACTION_COMMANDS.join(', ')}, not "${command}"`);
    return EXIT_USAGE;
  }
  const workspace = resolve(cwd, env.GITHUB_WORKSPACE ?? '.');
  const root = resolve(workspace, input(env, 'working-directory') ?? '.');
  const args = await commandArgs(command, env, root);

  let verdict = '';
  const code = await runCli([...args, '--format', 'github'], {
    out: log.out,
    err: (t) => {
      verdict = t;
      log.err(t);
    },
    write: (t) => log.out(t.replace(/\n$/, '')),
    cwd: workspace,
    stdin: () => Readable.from([]),
    env,
  });
  const dataFormat = command === 'review' || command === 'coverage' ? ['--json'] : ['--format', 'codequality'];
  const data = await captured([...args, ...dataFormat], workspace, env);
  const { summary, outputs } = report(command, data, verdict || defaultVerdict(command, code));
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, summary);
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, outputLines({ ...outputs, 'exit-code': String(code) }));
  return code;
}
