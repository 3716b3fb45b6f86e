/**
 * Generating CODEOWNERS from `ops-roles.yaml`, and proving that it means the same.
 *
 * Every `ops-roles.yaml` pattern (GitHub's reading) is rewritten into lines that GitHub and
 * GitLab read identically: each starts with `/` (so neither reader floats it; floating becomes
 * an explicit `/**\/`), and a pattern that on GitHub also owns what is below a directory of that
 * name gets a second `…/` line, because GitLab gives a pattern without a trailing `/` no
 * directory contents. The generated text is then evaluated with the target's reader (and the
 * block alone with the other reader) over every repository file and compared with what
 * `ops-roles.yaml` resolves; any difference is an error and nothing should be written.
 */
import { isGitlabRoleOwner, roleOwnerRefusal } from './codeowners.js';
import { flavorName, otherFlavor } from './codeownersTarget.js';
import { CONFIG_FILE_NAME, type OpsRolesConfig, type OwnershipRule } from './config.js';
import { OwnershipModel, ruleOwners } from './ownership.js';
import { codeownersReader, compareOwnership, describeDifference, type OwnershipProof } from './ownershipProof.js';
import { splitSegments, type Flavor } from './pattern.js';
import { lineSpan, makeProblem, type Problem } from './problems.js';
import { plural, pluralForm } from './text.js';

/** First line of the generated block; text before it is the user's and is kept. */
export const GENERATED_BEGIN = '# BEGIN ops-roles generated block: do not edit by hand';
/** Last line of the generated block; text after it is the user's and is kept. */
export const GENERATED_END = '# END ops-roles generated block';
/**
 * GitHub ignores a CODEOWNERS file of 3 MB or more. Counted in bytes as UTF-8, and with the
 * decimal megabyte, which is the stricter reading.
 */
export const MAX_CODEOWNERS_BYTES = 3_000_000;

/**
 * A line that opens the generated block: {@link GENERATED_BEGIN} or any variant of it a hand
 * edit leaves (indented, other words after "ops-roles"). The generator, the drift check and the
 * editor's stale-block warning all find the block with these two.
 */
export const GENERATED_BEGIN_LINE = /^\s*#\s*BEGIN ops-roles\b/;
/** A line that closes the generated block; see {@link GENERATED_BEGIN_LINE}. */
export const GENERATED_END_LINE = /^\s*#\s*END ops-roles\b/;

/** Options for {@link generateCodeowners}. */
export interface GenerateOptions {
  /** Whose CODEOWNERS to write; its reader decides the proof. */
  readonly target: Flavor;
  /** The CODEOWNERS on disk, if there is one: text outside the markers is kept. */
  readonly existingText?: string;
  /** Replace an existing file that has no markers (or broken ones) instead of refusing. */
  readonly force?: boolean;
  /** The command the header tells readers to run (default `ops-roles generate --target T`). */
  readonly regenerateCommand?: string;
  /**
   * Run the proof (default). Only `check` turns it off: it proves the file on disk instead and
   * wants the generated text just to say whether the bytes differ.
   */
  readonly prove?: boolean;
}

/** What {@link generateCodeowners} produced. */
export interface GenerateResult {
  /** The whole file to write (existing text outside the markers kept, its line endings too). */
  readonly text: string;
  /** The generated block alone, `\n` line endings. */
  readonly block: string;
  /** Pattern lines in the block. */
  readonly ruleLines: number;
  /** Errors mean: do not write. Warnings and infos are worth showing. */
  readonly problems: readonly Problem[];
  /** The comparison over every file; `undefined` when generation stopped before it. */
  readonly proof: OwnershipProof | undefined;
  /** No error: `text` may be written. */
  readonly ok: boolean;
  /** `text` is byte-for-byte the existing text. */
  readonly unchanged: boolean;
  /**
   * Set when `force` let `text` replace the whole existing file, which had no markers (written
   * by hand) or broken ones: writing it without `force` would be refused.
   */
  readonly replaced?: 'hand-written' | 'markers-broken';
}

/**
 * Write one segment for both readers: brackets escaped (GitHub reads them literally, GitLab's
 * fnmatch as a character class, and both read `\[` as the character), and `\{` `\}` unescaped
 * (an `ops-roles.yaml` escape against brace expansion; CODEOWNERS has no braces, so both
 * readers take `{` literally).
 */
function portableSegment(segment: string): string {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '\\' && i + 1 < segment.length) {
      const next = segment[i + 1]!;
      out += next === '{' || next === '}' ? next : c + next;
      i++;
    } else if (c === '\\') {
      // A lone backslash at the end is a literal one; written bare, the `/` of a `name/` line
      // after it would become an escaped slash.
      out += '\\\\';
    } else if (c === '[' || c === ']') out += '\\' + c;
    else out += c;
  }
  return out;
}

/**
 * Rewrite one plain pattern (GitHub's reading, braces already expanded) into the CODEOWNERS
 * lines that GitHub and GitLab both read as that pattern. Returns `[]` for a pattern that
 * matches nothing (`/`).
 *
 * - `*`, `**`, `/**` (every file) → `*`, which both read as every file;
 * - a trailing `/` or `**` (everything below) → `/…/`, which GitLab reads as `/…/**\/*`;
 * - a last segment `*` (direct children only on GitHub) → `/…/*`, the same in GitLab's fnmatch;
 * - any other last segment also owns what is below a directory of that name on GitHub, which
 *   GitLab only gives to a trailing-`/` pattern → two lines, `/…/name` and `/…/name/`;
 * - a pattern without an inner slash floats on GitHub → written with an explicit `/**\/`.
 */
export function portablePatterns(pattern: string): string[] {
  if (pattern === '' || pattern === '/') return [];
  let raw = splitSegments(pattern);
  let floating = false;
  if (raw[0] === '') raw = raw.slice(1);
  else if (raw.length === 1 || (raw.length === 2 && raw[1] === '')) floating = true;
  let below = false;
  if (raw.length > 1 && raw[raw.length - 1] === '') {
    raw = raw.slice(0, -1);
    below = true;
  }
  if (floating && raw[0] !== '**') raw = ['**', ...raw];
  while (raw.length > 0 && raw[raw.length - 1] === '**') {
    raw = raw.slice(0, -1);
    below = true;
  }
  // `a/**/**/b` reads as `a/**/b`; one `**` is easier on the eye.
  raw = raw.filter((s, i) => !(s === '**' && raw[i - 1] === '**'));
  if (raw.length === 0 || (raw.length === 2 && raw[0] === '**' && raw[1] === '*' && !below)) return ['*'];
  const body = '/' + raw.map(portableSegment).join('/');
  if (below) return [body + '/'];
  if (raw[raw.length - 1] === '*') return [body];
  return [body, body + '/'];
}

/** Comment lines naming a rule's roles and, where a role fell back, to whom. */
function ruleComment(rule: OwnershipRule, config: OpsRolesConfig, owners: readonly string[]): string[] {
  const where = rule.range ? ` (${CONFIG_FILE_NAME} line ${rule.range.line})` : '';
  const lines = [`# Rule ${rule.index + 1}${where}: ${rule.roles.length ? rule.roles.join(', ') : '(no roles)'}`];
  const { assignments } = ruleOwners(rule, config);
  for (const a of assignments) {
    if (a.fellBackTo) lines.push(`#   nobody holds ${a.role}: falls back to ${a.fellBackTo}`);
  }
  if (owners.length === 0) {
    const chain = config.fallback.length ? `, nor any role of the fallback chain (${config.fallback.join(', ')})` : '';
    lines.push(`#   nobody holds ${pluralForm(rule.roles.length, 'this role', 'these roles')}${chain}: explicitly unowned`);
  }
  return lines;
}

/** Build the generated block (with `\n` line endings, ending in one). */
function buildBlock(config: OpsRolesConfig, target: Flavor, command: string): { block: string; ruleLines: number } {
  const out: string[] = [
    GENERATED_BEGIN,
    `# Generated by Ops Roles from ${CONFIG_FILE_NAME}: change ownership there, then regenerate with`,
    `#   ${command}`,
    `# Target: ${flavorName(target)}. Every pattern starts with "/" (or is "*") so that GitHub and GitLab`,
    '# read it the same way; a name that may also be a directory gets a second "name/" line.',
    '# One block per rule, in rule order: the last matching line wins, as in ops-roles.yaml.',
  ];
  let ruleLines = 0;
  for (const rule of config.rules) {
    const { owners } = ruleOwners(rule, config);
    out.push('', ...ruleComment(rule, config, owners));
    const suffix = owners.length ? ' ' + owners.join(' ') : '';
    for (const pattern of rule.patterns) {
      for (const expanded of pattern.expanded) {
        for (const line of portablePatterns(expanded)) {
          out.push(line + suffix);
          ruleLines++;
        }
      }
    }
  }
  out.push(GENERATED_END);
  return { block: out.join('\n') + '\n', ruleLines };
}

/**
 * Where the markers stand in existing text, by 0-based line: the generator replaces what is
 * between them, and the linter leaves to ops-roles.yaml's coverage what only it can fix there.
 */
export function findMarkers(lines: readonly string[]): { begin: number; end: number } | 'none' | 'broken' {
  const begins: number[] = [];
  const ends: number[] = [];
  lines.forEach((l, i) => {
    if (GENERATED_BEGIN_LINE.test(l)) begins.push(i);
    else if (GENERATED_END_LINE.test(l)) ends.push(i);
  });
  if (begins.length === 0 && ends.length === 0) return 'none';
  if (begins.length !== 1 || ends.length !== 1 || ends[0]! < begins[0]!) return 'broken';
  return { begin: begins[0]!, end: ends[0]! };
}

/**
 * Generate CODEOWNERS for `config` and prove it over `files` (repository-relative paths).
 * Never throws on user input: refusals (hand-written file, broken markers, too large, a proof
 * that fails) come back as error problems with `ok: false`.
 */
export function generateCodeowners(config: OpsRolesConfig, files: readonly string[], options: GenerateOptions): GenerateResult {
  const { target } = options;
  const other = otherFlavor(target);
  const command = options.regenerateCommand ?? `ops-roles generate --target ${target}`;
  const problems: Problem[] = [];
  const { block, ruleLines } = buildBlock(config, target, command);
  const roleOwners = [...config.roles.values()].flatMap((r) => r.holders.filter(isGitlabRoleOwner).map((h) => ({ role: r, holder: h })));
  const refused = roleOwners.find((o) => roleOwnerRefusal(o.holder, target));
  if (refused) {
    const message = `role "${refused.role.id}": ${roleOwnerRefusal(refused.holder, target)!}; nothing is written`;
    problems.push(makeProblem('error', 'role-owner-target', message, lineSpan(refused.role.range?.line ?? 1)));
    return { text: options.existingText ?? '', block, ruleLines, problems, proof: undefined, ok: false, unchanged: true };
  }
  if (config.rules.length === 0)
    problems.push(makeProblem('warning', 'no-rules', `${CONFIG_FILE_NAME} has no ownership rules: the generated CODEOWNERS owns nothing`));

  // Fit the block into the existing file.
  const existing = options.existingText ?? '';
  const eol = /\r\n/.test(existing) ? '\r\n' : '\n';
  const withEol = (text: string): string => (eol === '\n' ? text : text.replace(/\n/g, eol));
  let text = withEol(block);
  let replaced: GenerateResult['replaced'];
  if (existing.trim() !== '') {
    const lines = existing.split(/(?<=\n)/);
    const markers = findMarkers(lines.map((l) => l.replace(/\r?\n$/, '')));
    if (markers === 'none' || markers === 'broken') {
      if (!options.force) {
        const message =
          markers === 'none'
            ? 'the existing CODEOWNERS has no Ops Roles markers, so it was written by hand; refusing to replace it (use --force to replace it whole, or add the markers where the generated block should go)'
            : `the existing CODEOWNERS has broken Ops Roles markers (one "${GENERATED_BEGIN}" line must come before one "${GENERATED_END}" line); refusing to guess (fix them, or use --force to replace the file whole)`;
        problems.push(makeProblem('error', markers === 'none' ? 'hand-written' : 'markers-broken', message));
        return { text: existing, block, ruleLines, problems, proof: undefined, ok: false, unchanged: true };
      }
      replaced = markers === 'none' ? 'hand-written' : 'markers-broken';
    } else {
      const before = lines.slice(0, markers.begin).join('');
      const after = lines.slice(markers.end + 1).join('');
      const joint = before === '' || before.endsWith('\n') ? before : before + eol;
      text = joint + withEol(block) + after;
    }
  }

  const bytes = new TextEncoder().encode(text).length;
  if (bytes >= MAX_CODEOWNERS_BYTES) {
    problems.push(
      makeProblem(
        'error',
        'too-large',
        `the CODEOWNERS would be ${bytes.toLocaleString('en-US')} bytes; GitHub ignores a CODEOWNERS of 3 MB or more, so nothing is written (merge rules or use fewer {a,b} alternatives)`,
      ),
    );
    return { text, block, ruleLines, problems, proof: undefined, ok: false, unchanged: text === options.existingText, replaced };
  }

  if (options.prove === false) {
    return {
      text,
      block,
      ruleLines,
      problems,
      proof: undefined,
      ok: !problems.some((p) => p.severity === 'error'),
      unchanged: text === options.existingText,
      replaced,
    };
  }

  // The proof: the whole file with the target's reader, the block alone with the other one
  // (unless it names GitLab role owners, which GitHub cannot read by design).
  const model = new OwnershipModel(config);
  const expected = (path: string): readonly string[] => model.resolve(path).owners;
  const readers = [codeownersReader(text, target), ...(roleOwners.length ? [] : [codeownersReader(block, other)])];
  const proof = compareOwnership(files, expected, readers);
  if (!proof.ok) {
    const first = proof.differences[0]!;
    const rule = model.resolve(first.path).rule;
    const listed = proof.differences.slice(0, 5).map((d) => '  ' + describeDifference(d, CONFIG_FILE_NAME, 'the generated CODEOWNERS'));
    problems.push(
      makeProblem(
        'error',
        'proof-failed',
        `the generated CODEOWNERS does not give ${plural(proof.differenceCount, 'file')} the owners ${CONFIG_FILE_NAME} gives; nothing is written. First differences:\n${listed.join('\n')}` +
          (first.reading === proof.readings[0] && options.existingText
            ? '\n(text outside the generated block counts too: a hand-written line there may take files over)'
            : ''),
        lineSpan(rule?.range?.line ?? 1),
        { path: first.path },
      ),
    );
  }
  return { text, block, ruleLines, problems, proof, ok: !problems.some((p) => p.severity === 'error'), unchanged: text === options.existingText, replaced };
}
