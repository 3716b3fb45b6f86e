import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config';
import { PROJECT_DIR } from './paths';

const schema = JSON.parse(readFileSync(join(PROJECT_DIR, 'schemas/ops-roles.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const GOOD = [
  ['examples/ops-roles.yaml', readFileSync(join(PROJECT_DIR, 'examples/ops-roles.yaml'), 'utf8')],
  ['shorthand mapping', 'roles:\n  database-administrator: ["@acme/dba"]\nownership:\n  "migrations/**": [database-administrator]\n'],
  ['shorthand list item', 'ownership:\n  - "deploy/": release-manager\n'],
  ['PRODUCT.md example', readFileSync(join(PROJECT_DIR, 'test/fixtures/product-example.yaml'), 'utf8')],
] as const;

describe('the published JSON Schema', () => {
  it.each(GOOD)('accepts %s, which the parser reads without errors', (_name, text) => {
    expect(parseConfig(text).problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
  });

  // The schema and the parser must agree on what is wrong, as far as a schema can tell.
  const BAD = readdirSync(join(PROJECT_DIR, 'test/fixtures/bad-configs'))
    .map((name) => [name, readFileSync(join(PROJECT_DIR, 'test/fixtures/bad-configs', name), 'utf8')] as const)
    .filter(([name]) =>
      [
        'unknown-key.yaml',
        'bad-holder.yaml',
        'empty-pattern.yaml',
        'wrong-case-role.yaml',
        'wrong-type.yaml',
        'bad-version.yaml',
        'missing-roles.yaml',
      ].includes(name),
    );
  it.each(BAD)('rejects %s', (_name, text) => {
    expect(validate(parse(text))).toBe(false);
  });
});
