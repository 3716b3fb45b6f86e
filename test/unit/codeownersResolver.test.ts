import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codeownersResolver, parseCodeowners, ruleTokens } from '../../src/core/codeowners';

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

  it('gives the paths one entry decides one frozen answer, made when first asked', () => {
    const resolver = codeownersResolver(parseCodeowners('/db/ @acme/dba @acme/dba\n*.md @acme/docs\n', 'github'));
    const first = resolver.resolve('db/schema.sql');
    expect(first).toEqual({ owners: ['@acme/dba'], entries: [resolver.file.entries[0]] });
    expect(resolver.resolve('db/x/y.sql')).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.owners)).toBe(true);
    expect(resolver.resolve('db/a.md').owners).toEqual(['@acme/docs']);
    expect(resolver.resolve('src/a.ts')).toEqual({ owners: [], entries: [] });
  });
});

/** The tokens of a line as they were read before tokens became slices: a character at a time. */
function tokensOneCharAtATime(line: string): { text: string; column: number }[] {
  const tokens: { text: string; column: number }[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
    if (i >= line.length) break;
    const start = i;
    let text = '';
    while (i < line.length && line[i] !== ' ' && line[i] !== '\t') {
      if (line[i] === '\\' && i + 1 < line.length) {
        text += line[i]! + line[i + 1]!;
        i += 2;
      } else text += line[i++];
    }
    tokens.push({ text, column: start + 1 });
  }
  return tokens;
}

describe('the tokens of a CODEOWNERS line', () => {
  const line = fc.array(fc.constantFrom(' ', '\t', '\\', '#', 'a', '@', '/', '*', 'é'), { maxLength: 24 }).map((chars) => chars.join(''));

  it('are what reading it a character at a time gives, escapes and columns included', () => {
    fc.assert(
      fc.property(line, (text) => {
        expect(ruleTokens(text, 'gitlab')).toEqual(tokensOneCharAtATime(text));
        const github = tokensOneCharAtATime(text);
        const comment = github.findIndex((t, i) => i > 0 && t.text.startsWith('#'));
        expect(ruleTokens(text, 'github')).toEqual(comment === -1 ? github : github.slice(0, comment));
      }),
      { numRuns: 3000 },
    );
  });

  it('keep an escaped blank and a trailing backslash inside the token', () => {
    expect(ruleTokens('a\\ b\\\tc  @x # y \\')).toEqual([
      { text: 'a\\ b\\\tc', column: 1 },
      { text: '@x', column: 10 },
    ]);
    expect(ruleTokens('docs\\', 'gitlab')).toEqual([{ text: 'docs\\', column: 1 }]);
  });
});
