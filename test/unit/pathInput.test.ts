/**
 * Paths as users give them: a stream of records split exactly (no trimming, any chunking), and
 * each record judged against the repository root on its text alone.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { ChunkedOutput } from '../../src/cli/output';
import { MAX_RECORD_BYTES, splitRecords, type PathRecord, type RecordSeparator } from '../../src/cli/pathList';
import { repositoryPath } from '../../src/core/pattern';

/**
 * The records, each batch's claims checked: every text of a plain batch is its own JSON string
 * and ASCII; of a relative one, also its own repository path.
 */
async function records(chunks: (string | Buffer)[], separator: RecordSeparator = 'line'): Promise<PathRecord[]> {
  const all: PathRecord[] = [];
  for await (const batch of splitRecords(chunks, separator)) {
    if (batch.records) all.push(...batch.records);
    else
      batch.plain.forEach((text, i) => {
        expect([JSON.stringify(text), isAscii(Buffer.from(text))]).toEqual([`"${text}"`, true]);
        if (text !== '' && batch.relative) expect(repositoryPath(text, '/srv/checkout')).toEqual({ ok: true, path: text });
        if (text !== '') all.push({ number: batch.first + i, text });
      });
  }
  return all;
}

/** How the batches of `chunks` came: `plain`, `relative` (plain too) or `records`. */
async function kinds(chunks: (string | Buffer)[], separator: RecordSeparator = 'line'): Promise<string[]> {
  const seen: string[] = [];
  for await (const batch of splitRecords(chunks, separator)) seen.push(batch.records ? 'records' : batch.relative ? 'relative' : 'plain');
  return seen;
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

/** The definition, on the whole input at once: what any chunking must give. */
function reference(bytes: Buffer, separator: RecordSeparator): PathRecord[] {
  const out: PathRecord[] = [];
  const byte = separator === 'nul' ? 0 : 10;
  let number = 0;
  for (let start = 0; start < bytes.length;) {
    let end = bytes.indexOf(byte, start);
    if (end === -1) end = bytes.length;
    number++;
    let stop = end;
    if (end - start > MAX_RECORD_BYTES) out.push({ number, error: `longer than ${MAX_RECORD_BYTES} bytes` });
    else {
      if (separator === 'line' && stop > start && bytes[stop - 1] === 13) stop--;
      const part = bytes.subarray(start, stop);
      if (stop === start) {
        // empty: skipped, but numbered
      } else if (!isUtf8(part)) out.push({ number, error: 'not valid UTF-8' });
      else out.push({ number, text: part.toString('utf8') });
    }
    start = end + 1;
  }
  return out;
}

describe('splitRecords: whole blocks of plain records', () => {
  it('a block of printable ASCII paths is plain and relative; one control byte, quote, backslash or non-ASCII name makes it records', async () => {
    expect(await kinds(['src/a.ts\n.github/x\ndocs/..x/y.md\na b/c~d.txt\n'])).toEqual(['relative']);
    for (const odd of ['tab\tx', 'quo"te', 'back\\slash', 'café', 'c\rr', 'del\x01x']) {
      expect(await kinds([`src/a.ts\n${odd}\ndocs/b.md\n`])).toEqual(['records']);
    }
    expect(await kinds(['a\nb\0c\0'], 'nul')).toEqual(['records']);
    expect(await kinds(['a\nb\0c\n'], 'line')).toEqual(['records']);
  });

  it('a name cut between two chunks comes plain when it is, and as a record when it is not', async () => {
    expect(await kinds(['src/a.ts\nsrc/b', '.ts\ndocs/c.md\n'])).toEqual(['relative', 'relative', 'relative']);
    expect(await kinds(['src/a.ts\nsrc/b', '.ts\r\ndocs/c.md\r\n'])).toEqual(['relative', 'relative', 'relative']);
    expect(await kinds(['src/a.ts\n../b', '.ts\ndocs/c.md\n'])).toEqual(['relative', 'plain', 'relative']);
    expect(await kinds(['src/a.ts\nsrc/"b', '.ts\ndocs/c.md\n'])).toEqual(['relative', 'records', 'relative']);
    expect(await kinds(['a\0b', 'c\0'], 'nul')).toEqual(['relative', 'relative']);
    expect((await records(['src/a.ts\nsrc/b', '.ts\ndocs/c.md'])).map((r) => [r.number, r.text])).toEqual([
      [1, 'src/a.ts'],
      [2, 'src/b.ts'],
      [3, 'docs/c.md'],
    ]);
  });

  it('one odd name in a large chunk sends only its own batch record by record', async () => {
    const paths = Array.from({ length: 20_000 }, (_, i) => (i === 10_000 ? 'café/menü.md' : `src/m${i % 89}/file${i}.ts`));
    const seen = await kinds([Buffer.from(paths.join('\n') + '\n')]);
    expect(seen.filter((k) => k === 'records')).toEqual(['records']);
    expect(seen.filter((k) => k === 'relative').length).toBeGreaterThan(3);
    expect((await records([Buffer.from(paths.join('\n') + '\n')])).map((r) => r.text)).toEqual(paths);
  });

  it('in a block with odd names only they go record by record; the runs of plain names between them stay plain', async () => {
    const paths = Array.from({ length: 3000 }, (_, i) => ([100, 101, 2000].includes(i) ? `café/${i}.md` : `src/m${i % 89}/file${i}.ts`));
    const bytes = Buffer.from(paths.join('\n') + '\n');
    const odd: string[] = [];
    for await (const batch of splitRecords([bytes], 'line')) odd.push(...(batch.records ?? []).map((r) => r.text ?? r.error));
    expect(odd).toEqual(['café/100.md', 'café/101.md', 'café/2000.md']);
    expect(await records([bytes])).toEqual(reference(bytes, 'line'));
  });

  it('lines that end with \\r\\n (or some with \\n) are plain; a \\r elsewhere in a name is not', async () => {
    expect(await kinds(['src/a.ts\r\ndocs/b.md\r\n'])).toEqual(['relative']);
    expect(await kinds(['src/a.ts\r\ndocs/b.md\nc.md\r\n'])).toEqual(['relative']);
    for (const block of ['src/a.ts\r\na/./b\r\n', 'src/a.ts\r\na/.\r\n', 'a/..\r\nsrc/a.ts\r\n']) expect(await kinds([block]), block).toEqual(['plain']);
    expect(await kinds(['c\rr\r\nx\r\n'])).toEqual(['records']);
    expect(texts(await records(['c\rr\r\nx\r\n']))).toEqual(['c\rr', 'x']);
    // A name's own last \r, before the line's \r\n, stays in the name.
    expect(texts(await records(['a\r\r\nb\r\n']))).toEqual(['a\r', 'b']);
  });

  it('a path that is not its own repository path keeps the block plain but not relative', async () => {
    for (const odd of ['/abs/x', './x', 'a/./b', 'a/../b', 'a//b', '..', '.', 'a/.', 'a/..', '../x']) {
      for (const block of [`${odd}\nsrc/a.ts\n`, `src/a.ts\n${odd}\nb\n`, `src/a.ts\n${odd}\n`]) expect(await kinds([block]), block).toEqual(['plain']);
    }
    for (const fine of ['.github/x', 'a/.b', 'a/..b', '...', 'a/...', 'x/', '.x']) expect(await kinds([`${fine}\nsrc/a.ts\n`]), fine).toEqual(['relative']);
  });

  it('relative exactly when repositoryPath gives every path back unchanged: every name of up to 5 of a . /', async () => {
    const names = [''];
    for (let length = 1; length <= 5; length++)
      for (const name of names.filter((n) => n.length === length - 1)) names.push(...['a', '.', '/'].map((c) => name + c));
    for (const name of names.filter((n) => n !== '')) {
      const own = repositoryPath(name, '/srv/checkout');
      const expected = own.ok && own.path === name ? 'relative' : 'plain';
      for (const block of [`${name}\n`, `src/a.ts\n${name}\n`, `${name}\nb\n`]) expect(await kinds([block]), JSON.stringify(block)).toEqual([expected]);
      expect(await kinds([`${name}\0b\0`], 'nul'), name).toEqual([expected]);
    }
  });

  it('a record split across two chunks at any byte gives the same records, plain or not', async () => {
    for (const input of [
      'src/app/main.ts\ndocs/"q".md\nlib/x.ts\n',
      'src/a.ts\n.github/CODEOWNERS\nb/../c\ncafé/menü.md\n',
      'a\0b c\0./d\0',
      'one/two\r\nthree\r\n',
    ]) {
      const separator = input.includes('\0') ? 'nul' : 'line';
      const bytes = Buffer.from(input, 'utf8');
      const whole = await records([bytes], separator);
      for (let cut = 1; cut < bytes.length; cut++) expect(await records([bytes.subarray(0, cut), bytes.subarray(cut)], separator)).toEqual(whole);
    }
  });
});

describe('splitRecords against its definition', () => {
  it('on chunks far larger than a batch: plain paths, long records, paths to normalise, at every separator', async () => {
    const paths = Array.from({ length: 9000 }, (_, i) => (i % 997 === 5 ? './x/' : i % 1009 === 7 ? 'y'.repeat(70_000 + i) : `src/m${i % 89}/file${i}.ts`));
    for (const separator of ['line', 'nul'] as const) {
      const bytes = Buffer.from(paths.join(separator === 'nul' ? '\0' : '\n'), 'utf8');
      for (const cuts of [[], [1], [65_535, 65_536, 65_537], [100_000, 300_001]]) {
        const chunks = [0, ...cuts, bytes.length].slice(1).map((end, i, ends) => bytes.subarray(i === 0 ? 0 : ends[i - 1], end));
        expect(await records(chunks, separator)).toEqual(reference(bytes, separator));
      }
    }
  });

  it('on random inputs cut into random chunks, valid UTF-8 or not, long records or not', async () => {
    let seed = 18;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const pieces = ['a', 'dir/', 'é', '\n', '\r\n', '\r', '\0', ' ', '', 'x'.repeat(700), 'y'.repeat(25_000), '/', '.', '..', '"', '\\', '\t'];
    for (let run = 0; run < 400; run++) {
      const parts: Buffer[] = [];
      const count = Math.floor(next() * 60);
      for (let i = 0; i < count; i++) {
        const r = next();
        parts.push(r < 0.04 ? Buffer.from([0xff]) : r < 0.06 ? Buffer.from([0xc3]) : Buffer.from(pieces[Math.floor(next() * pieces.length)]!, 'utf8'));
      }
      const bytes = Buffer.concat(parts);
      const chunks: Buffer[] = [];
      for (let at = 0; at < bytes.length;) {
        const size = 1 + Math.floor(next() * (next() < 0.5 ? 8 : 4000));
        chunks.push(bytes.subarray(at, at + size));
        at += size;
      }
      for (const separator of ['line', 'nul'] as const) {
        expect(await records(chunks, separator)).toEqual(reference(bytes, separator));
      }
    }
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
    const write = async (text: string) => {
      pending++;
      most = Math.max(most, pending);
      writes.push(text);
      await new Promise((r) => setTimeout(r, 1));
      pending--;
    };
    const output = new ChunkedOutput({ write }, 1000);
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

  it('writes a small chunk first, then four times larger ones up to the chunk size', async () => {
    const sizes: number[] = [];
    const output = new ChunkedOutput({ write: () => expect.fail('bytes go to writeBytes'), writeBytes: (b) => void sizes.push(b.length) }, 300_000);
    const head = Buffer.from('{"path":"');
    const tail = Buffer.concat([Buffer.from('"}\n'), head]);
    for (let i = 0; i < 60_000; i++) {
      const full = output.addAscii(head, `src/${i}.ts`, tail);
      if (full) await full;
    }
    await output.flush();
    const chunks = sizes.slice(0, -1).map((n) => Math.round(n / 1024));
    expect(chunks).toEqual([16, 64, 256, 293, 293, 293].slice(0, chunks.length));
    expect(chunks.length).toBeGreaterThanOrEqual(5);
  });

  it('writes text and ASCII answers in order, answers larger than a chunk whole, and fills the buffer again only once the reader has it', async () => {
    const writes: string[] = [];
    const writeBytes = async (b: Uint8Array) => {
      const seen = Buffer.from(b).toString('utf8');
      await new Promise((r) => setTimeout(r, 1));
      // Not touched while the reader had it.
      expect(Buffer.from(b).toString('utf8')).toBe(seen);
      writes.push(seen);
    };
    const output = new ChunkedOutput({ write: () => expect.fail('bytes go to writeBytes'), writeBytes }, 100);
    const expected: string[] = [];
    // Two kinds of ASCII answer (each leaves its head open for the next), and text between runs of them.
    const heads = [Buffer.from('{"path":"'), Buffer.from('H:')];
    const tails = [Buffer.from('","x":"é"}\n'), Buffer.from(' t\0')];
    let seed = 7;
    for (let i = 0; i < 600; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const kind = seed % 10 < 2 ? 2 : seed % 10 < 4 ? 1 : 0;
      const big = i % 50 === 7 ? 'z'.repeat(250) : '';
      const [head, tail] = [heads[kind % 2]!, tails[kind % 2]!];
      const full = kind === 2 ? output.add(`ü${big}${i}\n`) : output.addAscii(head, `p/${big}${i}`, Buffer.concat([tail, head]));
      expected.push(kind === 2 ? `ü${big}${i}\n` : `${head}p/${big}${i}${tail}`);
      if (full) await full;
    }
    await output.flush();
    expect(writes.join('')).toBe(expected.join(''));
    // A chunk is full at 100 bytes; the head left open for the next answer waits for the next chunk.
    for (const w of writes.slice(0, -1)) expect(Buffer.byteLength(w)).toBeGreaterThanOrEqual(100 - heads[0]!.length);
  });
});
