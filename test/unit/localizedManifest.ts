/**
 * package.json as VS Code reads it in English: every `%key%` string replaced by its text from
 * package.nls.json. Tests that check what the manifest says to users read this one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_DIR } from './paths';

/** The raw manifest, `%key%` placeholders and all. */
export const rawManifest = JSON.parse(readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8'));
/** package.nls.json: the English text of every placeholder. */
export const nlsMessages: Record<string, string> = JSON.parse(readFileSync(join(PROJECT_DIR, 'package.nls.json'), 'utf8'));

/** Every `%key%` placeholder in `value`, in document order. */
export function placeholders(value: unknown): string[] {
  if (typeof value === 'string') return /^%([^%\s]+)%$/.exec(value) ? [value.slice(1, -1)] : [];
  if (Array.isArray(value)) return value.flatMap(placeholders);
  if (value && typeof value === 'object') return Object.values(value).flatMap(placeholders);
  return [];
}

/** `value` with each placeholder replaced; a key package.nls.json lacks stays as it is. */
export function localize(value: unknown): unknown {
  if (typeof value === 'string') {
    const key = /^%([^%\s]+)%$/.exec(value)?.[1];
    return key !== undefined && key in nlsMessages ? nlsMessages[key] : value;
  }
  if (Array.isArray(value)) return value.map(localize);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, localize(v)]));
  return value;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document, read by path in the tests
export const manifest: any = localize(rawManifest);
