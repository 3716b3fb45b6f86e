import { Buffer } from 'node:buffer';
import { resolve } from 'node:path';
import { codeownersResolver, parseCodeowners, type CodeownersEntry } from '../../core/codeowners.js';
import { codeownersDialect } from '../../core/codeownersTarget.js';
import { OwnershipModel, ruleLine } from '../../core/ownership.js';
import { parseCommandArgs } from '../args.js';
import { label, loadRepo, pathsInRepository, readTextFile } from '../context.js';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIO, type Command } from '../io.js';
import { ChunkedOutput } from '../output.js';
import { targetOption } from './generate.js';
import { openFileList, readingAs, splitRecords, type PathRecord, type RecordBatch, type RecordSeparator } from '../pathList.js';

/** What comes before a path's JSON string in a `--json` answer. */
const JSON_HEAD = '{"path":"';

/** How answers are written: `--json` or text, each ended by a newline or (`-z`) a NUL. */
interface AnswerForm {
  readonly json: boolean;
  readonly end: string;
  /** What comes before a path's own bytes: `{"path":"` or nothing. */
  readonly head: Buffer;
}

/**
 * Who owns a path, without the path: one per deciding pattern, shared by every path it decides,
 * so its JSON or text is built once instead of once a path (a million times for a monorepo).
 */
class Verdict {
  private bytes: Buffer | undefined;

  /** `after`: what follows the path in an answer (its JSON string, or itself as text). */
  constructor(
    private readonly form: AnswerForm,
    private readonly after: string,
  ) {}

  /** The answer for `path`: byte for byte JSON.stringify({ path, roles, owners, rule }), or the text line. */
  line(path: string): string {
    return this.form.json ? `{"path":${JSON.stringify(path)}${this.after}` : `${path}${this.after}`;
  }

  /**
   * For a plain path (its own JSON string, output.ts): what follows `form.head` and its bytes,
   * then `form.head` again for the next answer (ChunkedOutput.addAscii), built once.
   */
  tailThenHead(): Buffer {
    // One encode of one string: a Buffer.concat of two encoded parts cost twice as much.
    return (this.bytes ??= Buffer.from(this.form.json ? `"${this.after}${JSON_HEAD}` : this.after));
  }
}

type Rule = { line: number; pattern: string };

/**
 * JSON.stringify of a list, made once a list (the same array): a model's rules that name the
 * same roles share one owner list (core/ownership.ts), and one role may have thousands of holders.
 */
function listJsonOnce(): (list: readonly string[]) => string {
  const known = new Map<readonly string[], string>();
  return (list) => {
    let json = known.get(list);
    if (json === undefined) known.set(list, (json = JSON.stringify(list)));
    return json;
  };
}

/**
 * `rule` is the deciding rule (JSON names that one); `others`, on a GitLab file, the deciding
 * rules of the other sections, which the text line shows after it.
 */
function verdict(
  form: AnswerForm,
  roles: readonly string[],
  owners: readonly string[],
  rule: Rule | null,
  source: string,
  others: readonly Rule[] = [],
  ownersJson: (owners: readonly string[]) => string = JSON.stringify,
): Verdict {
  if (form.json) {
    // Byte for byte JSON.stringify({ roles, owners, rule }) (a test holds the two together): the
    // object's stringify, once a deciding pattern in a fresh process, cost twice this (measured).
    const shownRule = rule ? `{"line":${rule.line},"pattern":${JSON.stringify(rule.pattern)}}` : 'null';
    return new Verdict(form, `,"roles":${JSON.stringify(roles)},"owners":${ownersJson(owners)},"rule":${shownRule}}${form.end}`);
  }
  const shownRoles = roles.length ? `${roles.join(', ')}: ` : '';
  const shownOwners = owners.length ? owners.join(' ') : rule ? '(no owners)' : '(unowned)';
  const shownRule = rule ? `  [${[rule, ...others].map((r) => `${source}:${r.line} ${r.pattern}`).join('; ')}]` : '';
  return new Verdict(form, `  ${shownRoles}${shownOwners}${shownRule}${form.end}`);
}

/** A node of {@link VerdictsByEntries}: the verdict of the entries that lead to it, and what follows. */
interface EntryNode {
  verdict?: Verdict;
  next?: WeakMap<CodeownersEntry, EntryNode>;
}

/**
 * The verdict of a CODEOWNERS match, built once per list of deciding entries. A match's owners
 * follow from its entries (the file's own objects, one a section on GitLab), so the entries are
 * the key: a GitLab resolver answers every path with a new match, and building the verdict
 * again for each (its rule list, its JSON) cost more than the lookup, a million times on a
 * monorepo. A path of weak maps, one step an entry: no key is built per path.
 */
class VerdictsByEntries {
  private readonly root: EntryNode = {};

  of(entries: readonly CodeownersEntry[], build: () => Verdict): Verdict {
    let node = this.root;
    for (const entry of entries) {
      node.next ??= new WeakMap();
      let next = node.next.get(entry);
      if (!next) node.next.set(entry, (next = {}));
      node = next;
    }
    return (node.verdict ??= build());
  }
}

/** Where paths come from: the arguments, standard input, a file list. */
interface PathInput {
  /** How an error line names a record (`standard input, line 3`). */
  readonly where: (number: number) => string;
  readonly records: AsyncIterable<RecordBatch> | Iterable<RecordBatch>;
}

interface WhoOptions {
  readonly stdin?: boolean;
  readonly 'files-from'?: string;
  readonly null?: boolean;
  readonly json?: boolean;
  readonly root?: string;
  readonly config?: string;
  readonly codeowners?: string;
  readonly target?: string;
}

export const who: Command = {
  name: 'who',
  summary: 'Owners of each path (roles, holders, the deciding rule)',
  help: `Usage: ops-roles who [PATH...] [--stdin] [--files-from FILE] [-z] [--json] [--root DIR] [--config FILE] [--codeowners FILE [--target T]]

Prints who owns each path: the roles of the last matching rule in ops-roles.yaml and their
holders (after fallback). Paths are relative to the repository root (--root, default ".");
absolute paths inside the root are accepted. Paths are taken exactly as given: only the line
ending (\\n or \\r\\n) is removed, never spaces; empty lines are skipped. Lists are read and
answered as a stream, so "git ls-files | ops-roles who --stdin" works on any size of repository.

A path outside the repository (../x, an absolute path elsewhere) or a line that is not UTF-8
gets an error line on stderr; the other paths are still answered, and the exit code is 2.

Options:
  --stdin             read paths from standard input, one a line
  --files-from FILE   read paths from FILE, one a line
  -z, --null          paths are separated by NUL bytes (git ls-files -z), and every answer
                      ends with a NUL byte instead of a newline: any file name round-trips
  --json              one JSON object a line: {"path","roles","owners","rule":{"line","pattern"}|null}
  --root DIR          the repository root (default: the working directory)
  --config FILE       the ops-roles.yaml to use (default: ROOT/ops-roles.yaml)
  --codeowners FILE   resolve from this CODEOWNERS file instead; roles are []. It is read the way
                      its host reads it: GitLab's semantics (sections, merged without regard to
                      case, section default owners, the last match of each section, owners of
                      all sections together, !path exclusions) when the file is in .gitlab/, has
                      sections, or --target gitlab says so; else GitHub's. "rule" is the deciding
                      line (on GitLab, of the first section that has one; the text line names
                      the deciding line of every section)
  --target T          github or gitlab: whose reading --codeowners FILE gets

Exit codes: 0 every path answered, 2 bad usage, an unreadable config or list, or some path
that could not be answered.`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('who', argv, {
      stdin: { type: 'boolean' },
      'files-from': { type: 'string' },
      null: { type: 'boolean', short: 'z' },
      json: { type: 'boolean' },
      root: { type: 'string' },
      config: { type: 'string' },
      codeowners: { type: 'string' },
      target: { type: 'string' },
    });
    if (values.help) {
      io.out(this.help);
      return EXIT_OK;
    }
    if (positionals.length === 0 && !values.stdin && !values['files-from']) throw new UsageError('give at least one path (or --stdin / --files-from)');
    // The config first: a broken one fails before any input is read.
    const form: AnswerForm = { json: values.json === true, end: values.null ? '\0' : '\n', head: Buffer.from(values.json ? JSON_HEAD : '') };
    const { verdictOf, root } = await loadVerdicts(io, values, form);
    const inputs = pathInputs(io, values, positionals);
    const { answered, failed } = await answerAll(io, inputs, root, form, verdictOf);
    if (answered + failed === 0) throw new UsageError('give at least one path (or --stdin / --files-from)');
    return failed > 0 ? EXIT_USAGE : EXIT_OK;
  },
};

/** How to answer a path: from `--codeowners FILE`, or from ops-roles.yaml (loaded now). */
async function loadVerdicts(io: CliIO, values: WhoOptions, form: AnswerForm): Promise<{ verdictOf: (path: string) => Verdict; root: string }> {
  if (values.codeowners) {
    const file = resolve(io.cwd, values.codeowners);
    const source = label(file, io.cwd);
    const text = await readTextFile(file, 'CODEOWNERS');
    const resolver = codeownersResolver(parseCodeowners(text, codeownersDialect(file, { text, configured: targetOption(values.target) })));
    const known = new VerdictsByEntries();
    const verdictOf = (path: string): Verdict => {
      const m = resolver.resolve(path);
      return known.of(m.entries, () => {
        const [first, ...others] = m.entries.map((e) => ({ line: e.line, pattern: e.pattern }));
        return verdict(form, [], m.owners, first ?? null, source, others);
      });
    };
    return { verdictOf, root: resolve(io.cwd, values.root ?? '.') };
  }
  const repo = await loadRepo(io, { root: values.root, config: values.config });
  return { verdictOf: modelVerdicts(form, new OwnershipModel(repo.parsed.config), repo.configLabel), root: repo.root };
}

/**
 * The verdict of each path from `model`, built once per deciding pattern: its rule and line come
 * from the pattern, its owners from the model's list for the rule's roles (`ownersOf`), so a
 * monorepo's 4,000 patterns do not each resolve a path again.
 */
function modelVerdicts(form: AnswerForm, model: OwnershipModel, source: string): (path: string) => Verdict {
  const unowned = verdict(form, [], [], null, source);
  const ownersJson = listJsonOnce();
  // Its full length at once: an empty array written at an index past 1,024 turns into a
  // dictionary in V8, and every path would then look its verdict up in a hash table.
  const byPattern = new Array<Verdict | undefined>(model.flat.length);
  // Built in a function of its own, called for a few hundred patterns in a run of a million
  // paths: V8 then leaves it out of the per-path code it optimises, which otherwise went back
  // to unoptimised code when a rule's lists first came in another shape (the config cache's).
  const build = (i: number): Verdict => {
    const { rule, pattern } = model.flat[i]!;
    const owners = model.ownersOf(rule);
    const line = ruleLine(rule, pattern) ?? 0;
    return verdict(form, rule.roles, owners, { line, pattern }, source, [], ownersJson);
  };
  return (path) => {
    const i = model.decidingPatternIndex(path);
    return i === -1 ? unowned : (byPattern[i] ?? (byPattern[i] = build(i)));
  };
}

/** The arguments, then standard input, then the file list; a missing file list fails before anything is read. */
function pathInputs(io: CliIO, values: WhoOptions, positionals: readonly string[]): PathInput[] {
  const separator: RecordSeparator = values.null ? 'nul' : 'line';
  const unit = values.null ? 'record' : 'line';
  const args = positionals.filter((p) => p !== '').map((text, i) => ({ number: i + 1, text }));
  const inputs: PathInput[] = [{ where: (n) => `argument ${n}`, records: [{ records: args }] }];
  if (values.stdin) inputs.push({ where: (n) => `standard input, ${unit} ${n}`, records: splitRecords(readingAs(io.stdin(), 'standard input'), separator) });
  if (values['files-from']) {
    const file = resolve(io.cwd, values['files-from']);
    const shown = label(file, io.cwd);
    inputs.push({ where: (n) => `${shown}, ${unit} ${n}`, records: splitRecords(readingAs(openFileList(file), shown), separator) });
  }
  return inputs;
}

/**
 * Answer every path as it is read and write the answers in chunks: memory holds the index, one
 * chunk of input and one of output, however many paths there are. A path that cannot be answered
 * gets an error line on stderr and the rest go on.
 */
async function answerAll(
  io: CliIO,
  inputs: readonly PathInput[],
  root: string,
  form: AnswerForm,
  verdictOf: (path: string) => Verdict,
): Promise<{ answered: number; failed: number }> {
  const output = new ChunkedOutput(io);
  const inRepository = pathsInRepository(root);
  const plainRuns = new PlainRuns(io, output, form, verdictOf, inRepository);
  let answered = 0;
  let failed = 0;
  try {
    for (const input of inputs) {
      for await (const batch of input.records) {
        if (batch.plain !== undefined) {
          for (let at = 0; at < batch.plain.length;) {
            const wait = plainRuns.answer(batch.plain, at, batch.relative);
            at = plainRuns.next;
            if (wait) await wait;
          }
        }
        for (const record of batch.records ?? []) {
          const path = record.error === undefined ? repositoryPathOf(io, record.text, inRepository) : recordError(io, input, record);
          if (path === undefined) failed++;
          else {
            answered++;
            const full = output.add(verdictOf(path).line(path));
            if (full) await full;
          }
        }
      }
    }
  } catch (error) {
    // What was answered before the failure still reaches the reader.
    await output.flush().catch(() => undefined);
    throw error;
  }
  await output.flush();
  return { answered: answered + plainRuns.answered, failed: failed + plainRuns.failed };
}

/**
 * The answers to plain records (pathList.ts), the bulk of a long list, in a loop of their own:
 * synchronous, holding nothing but this path, so V8 optimises it alone, early, and once. Inside
 * `answerAll` it was optimised on the stack of that loop with everything around it (the batches,
 * the inputs, the other records, the promises), and optimised again each time a first pass met
 * something of that the first time (~30 ms of compiling each time, in a run of 151k paths).
 */
class PlainRuns {
  answered = 0;
  failed = 0;
  /** Where the last {@link answer} stopped: the batch's length when it got to its end. */
  next = 0;

  constructor(
    private readonly io: CliIO,
    private readonly output: ChunkedOutput,
    private readonly form: AnswerForm,
    private readonly verdictOf: (path: string) => Verdict,
    private readonly inRepository: ReturnType<typeof pathsInRepository>,
  ) {}

  /**
   * Answer `plain[from..]` (each relative to the root already when `relative`) until the end of
   * the batch, or until an answer fills a chunk of output: then returns the promise to wait for
   * before going on from {@link next}.
   */
  answer(plain: readonly string[], from: number, relative: boolean): Promise<void> | undefined {
    const { output, form } = this;
    for (let k = from; k < plain.length; k++) {
      const text = plain[k]!;
      if (text === '') continue;
      const path = relative ? text : repositoryPathOf(this.io, text, this.inRepository);
      if (path === undefined) {
        this.failed++;
        continue;
      }
      this.answered++;
      const full = output.addAscii(form.head, path, this.verdictOf(path).tailThenHead());
      if (full) {
        this.next = k + 1;
        return full;
      }
    }
    this.next = plain.length;
    return undefined;
  }
}

/** Undefined, after an error line naming the record that cannot be read. */
function recordError(io: CliIO, input: PathInput, record: PathRecord & { error: string }): undefined {
  io.err(`ops-roles who: ${input.where(record.number)}: ${record.error}`);
  return undefined;
}

/** The repository path of `text`, or undefined after an error line saying why there is none. */
function repositoryPathOf(io: CliIO, text: string, inRepository: ReturnType<typeof pathsInRepository>): string | undefined {
  const inside = inRepository(text);
  if (inside.ok) return inside.path;
  io.err(`ops-roles who: ${inside.message}`);
  return undefined;
}
