/**
 * Paths as users give them: a stream of records split exactly (no trimming, any chunking), and
 * each record judged against the repository root on its text alone.
 */
import { describe, expect, it } from 'vitest';
import { ChunkedOutput } from '../../src/cli/output';
import { MAX_RECORD_BYTES, splitRecords, type PathRecord, type RecordSeparator } from '../../src/cli/pathList';
import { repositoryPath } from '../../src/core/pattern';

async function records(chunks: (string | Buffer)[], separator: RecordSeparator = 'line'): Promise<PathRecord[]> {
  const all: PathRecord[] = [];
  for await (const batch of splitRecords(chunks, separator)) all.push(...batch);
  return all;
}

const texts = (rs: PathRecord[]) => rs.map((r) => r.text ?? `error: ${r.error}`);

describe('splitRecords', () => {
  const input = 'a.txt\r\n lead.txt\ntrail.txt  \n\n\r\ncafé/menü.md\nmid\rcr\nlast';
  const expected = ['a.txt', ' lead.txt', 'trail.txt  ', 'café/menü.md', 'mid\rcr', 'last'];

  it('removes only the line ending (\\n or \\r\\n), never spaces; skips empty lines; keeps a last line without one', async () => {
    expect(texts(await records([input]))).toEqual(expected);
  });

  it('gives the same records however the bytes are chunked (inside \\r\\n and inside a UTF-8 character too)', async () => {
    const bytes = Buffer.from(input, 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(texts(await records([bytes.subarray(0, cut), bytes.subarray(cut)]))).toEqual(expected);
    }
    const oneByteEach = [...bytes].map((b) => Buffer.from([b]));
    expect(texts(await records(oneByteEach))).toEqual(expected);
  });

  it('numbers records from 1, counting the skipped empty ones', async () => {
    expect((await records(['a\n\nb\n'])).map((r) => r.number)).toEqual([1, 3]);
  });

  it('-z: splits on NUL only, so newlines and spaces are part of the name', async () => {
    expect(texts(await records(['new\nline.txt\0  lead.txt\0\0trail \0last'], 'nul'))).toEqual(['new\nline.txt', '  lead.txt', 'trail ', 'last']);
  });

  it('reports a record that is not UTF-8 and goes on', async () => {
    const rs = await records([Buffer.concat([Buffer.from('ok\nbad'), Buffer.from([0xff, 0xfe]), Buffer.from('\nalso ok\n')])]);
    expect(texts(rs)).toEqual(['ok', 'error: not valid UTF-8', 'also ok']);
  });

  it('reports a record longer than the limit without keeping it, and goes on', async () => {
    const huge = 'x'.repeat(MAX_RECORD_BYTES);
    const rs = await records(['a\n', huge, huge, huge, '\nb\n', huge + 'yy']);
    expect(texts(rs)).toEqual(['a', `error: longer than ${MAX_RECORD_BYTES} bytes`, 'b', `error: longer than ${MAX_RECORD_BYTES} bytes`]);
  });
});

describe('repositoryPath', () => {
  const root = '/srv/checkout';
  it.each([
    ['src/a.ts', 'src/a.ts'],
    [' lead.txt', ' lead.txt'],
    ['trail.txt ', 'trail.txt '],
    ['./src//a.ts', 'src/a.ts'],
    ['a/../b.txt', 'b.txt'],
    ['a/./b/', 'a/b/'],
    ['.github/CODEOWNERS', '.github/CODEOWNERS'],
    ['..x/y', '..x/y'],
    ['/srv/checkout/src/a.ts', 'src/a.ts'],
    ['/srv/checkout/../checkout/x', 'x'],
  ])('%j is %j', (input, path) => {
    expect(repositoryPath(input, root)).toEqual({ ok: true, path });
  });
  it.each([['../x'], ['a/../../x'], ['..'], ['/etc/passwd'], ['/srv/checkout-other/x'], ['/srv/checkout/../other/x']])('%j is outside', (input) => {
    expect(repositoryPath(input, root)).toEqual({ ok: false, reason: 'outside' });
  });
  it.each([['.'], ['./'], ['a/..'], ['/srv/checkout'], ['/srv/checkout/']])('%j is the root itself', (input) => {
    expect(repositoryPath(input, root)).toEqual({ ok: false, reason: 'root' });
  });
  it('a root at / holds every absolute path', () => {
    expect(repositoryPath('/etc/passwd', '/')).toEqual({ ok: true, path: 'etc/passwd' });
  });
});

describe('ChunkedOutput', () => {
  it('writes in chunks of about the given size, one at a time, waiting for the reader', async () => {
    const writes: string[] = [];
    let pending = 0;
    let most = 0;
    const output = new ChunkedOutput(async (text) => {
      pending++;
      most = Math.max(most, pending);
      writes.push(text);
      await new Promise((r) => setTimeout(r, 1));
      pending--;
    }, 1000);
    for (let i = 0; i < 5000; i++) {
      const full = output.add(`line ${i}\n`);
      if (full) await full;
    }
    await output.flush();
    expect(writes.join('')).toBe(Array.from({ length: 5000 }, (_, i) => `line ${i}\n`).join(''));
    expect(most).toBe(1);
    expect(writes.length).toBeLessThan(60);
    for (const w of writes.slice(0, -1)) expect(w.length).toBeGreaterThanOrEqual(1000);
  });
});
