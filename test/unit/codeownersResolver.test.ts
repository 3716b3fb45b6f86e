import { describe, expect, it } from 'vitest';
import { codeownersResolver, parseCodeowners } from '../../src/core/codeowners';

const TEXT = ['*  @acme/ops', '/db/  @acme/dba', '/db/readme.md', 'docs/*.md  @acme/docs', ''].join('\n');

describe('the CODEOWNERS resolver', () => {
  it('reads a path given as a user may write it as the repository path it names', () => {
    const resolver = codeownersResolver(parseCodeowners(TEXT, 'github'));
    // Each form after the normal one, so the resolver has just seen that path's directory.
    const cases: [string, string[]][] = [
      ['db/schema.sql', ['@acme/dba']],
      ['./db/schema.sql', ['@acme/dba']],
      ['/db/schema.sql', ['@acme/dba']],
      ['db//schema.sql', ['@acme/dba']],
      ['db/readme.md', []],
      ['.//db/readme.md', []],
      ['docs/a.md', ['@acme/docs']],
      ['//docs/a.md', ['@acme/docs']],
      ['./docs/a.md', ['@acme/docs']],
      ['docs/a.md', ['@acme/docs']],
      ['./x.ts', ['@acme/ops']],
      ['x.ts', ['@acme/ops']],
    ];
    for (const [path, owners] of cases) expect({ path, owners: resolver.resolve(path).owners }).toEqual({ path, owners });
  });
});
