/**
 * Drift between `ops-roles.yaml` and the CODEOWNERS on disk, judged by meaning: the file is in
 * sync when it gives every repository file the owners `ops-roles.yaml` gives it, read the way
 * the target host reads it. Reordered, reformatted or hand-tuned but equivalent files are in
 * sync; whether the text also equals what `generate` would write is reported on the side.
 */
import { CONFIG_FILE_NAME, type OpsRolesConfig } from './config.js';
import { parseCodeowners } from './codeowners.js';
import { GENERATED_BEGIN_LINE, generateCodeowners, MAX_CODEOWNERS_BYTES } from './generate.js';
import { OwnershipModel } from './ownership.js';
import { compareOwnership, parsedCodeownersReader, type OwnershipProof } from './ownershipProof.js';
import type { Flavor } from './pattern.js';
import { makeProblem, type Problem } from './problems.js';
import { plural, pluralForm } from './text.js';

/** Options for {@link checkCodeowners}. */
export interface CheckOptions {
  readonly target: Flavor;
  /** The CODEOWNERS text on disk; `undefined` when there is no file. */
  readonly text: string | undefined;
  /** Passed on to the generator, so "the text differs" compares with the same header. */
  readonly regenerateCommand?: string;
}

/** What {@link checkCodeowners} found. */
export interface CheckResult {
  /** Every file has the same owners in both (and the file exists and is not too large). */
  readonly inSync: boolean;
  readonly missing: boolean;
  /** The comparison over every file (absent when the file is missing or too large). */
  readonly proof: OwnershipProof | undefined;
  /** The text on disk is not byte-for-byte what `generate` would write now. */
  readonly textDiffers: boolean;
  /** The file has no Ops Roles markers: written (or rewritten) by hand. */
  readonly handWritten: boolean;
  /** Problems reading the CODEOWNERS (lines the host ignores) and the verdicts, as data. */
  readonly problems: readonly Problem[];
}

/** Compare the CODEOWNERS on disk with `ops-roles.yaml` over `files`. */
export function checkCodeowners(config: OpsRolesConfig, files: readonly string[], options: CheckOptions): CheckResult {
  const { target, text } = options;
  const problems: Problem[] = [];
  if (text === undefined) {
    problems.push(makeProblem('error', 'missing', `there is no CODEOWNERS yet; run "ops-roles generate" to write it from ${CONFIG_FILE_NAME}`));
    return { inSync: false, missing: true, proof: undefined, textDiffers: true, handWritten: false, problems };
  }
  const bytes = new TextEncoder().encode(text).length;
  if (target === 'github' && bytes >= MAX_CODEOWNERS_BYTES) {
    problems.push(
      makeProblem(
        'error',
        'too-large',
        `the CODEOWNERS is ${bytes.toLocaleString('en-US')} bytes; GitHub ignores a CODEOWNERS of 3 MB or more, so no file has owners on GitHub`,
      ),
    );
    return { inSync: false, missing: false, proof: undefined, textDiffers: true, handWritten: false, problems };
  }
  // Lines the host ignores or misreads are worth knowing even when ownership agrees.
  // One at a time: a hostile file has more problems than push(...list) takes arguments.
  const parsed = parseCodeowners(text, target);
  for (const p of parsed.problems) problems.push(p);

  const model = new OwnershipModel(config);
  const proof = compareOwnership(files, (path) => model.resolve(path).owners, [parsedCodeownersReader(parsed)]);
  const generated = generateCodeowners(config, files, { target, existingText: text, force: true, prove: false, regenerateCommand: options.regenerateCommand });
  // Line by line, as the generator reads markers: a file it would call hand-written is one here.
  const handWritten = !text.split(/\r?\n/).some((line) => GENERATED_BEGIN_LINE.test(line));
  const textDiffers = generated.text !== text;
  if (!proof.ok) {
    problems.push(
      makeProblem(
        'error',
        'drift',
        `${plural(proof.differenceCount, 'file')} ${pluralForm(proof.differenceCount, 'has', 'have')} other owners in the CODEOWNERS than in ${CONFIG_FILE_NAME}; run "ops-roles generate"`,
      ),
    );
  } else if (textDiffers) {
    problems.push(
      makeProblem(
        'info',
        'text-differs',
        handWritten
          ? `every file has the same owners, but the CODEOWNERS has no Ops Roles markers (written by hand); "ops-roles generate --force" would replace it`
          : `every file has the same owners, but the text differs from what "ops-roles generate" would write (order, comments or layout)`,
      ),
    );
  }
  return { inSync: proof.ok, missing: false, proof, textDiffers, handWritten, problems };
}
