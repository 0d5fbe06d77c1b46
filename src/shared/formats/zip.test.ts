import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32, utf8, zipArchive } from './zip';

const dir = mkdtempSync(join(tmpdir(), 'workbench-zip-'));
const TIME = new Date('2024-05-01T12:34:56Z');

/** What Python's zipfile reads: CRCs tested, names, contents, times, modes. */
function readWithPython(bytes: Uint8Array) {
  const file = join(dir, `a${Math.random().toString(16).slice(2)}.zip`);
  writeFileSync(file, bytes);
  const script = `
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    bad = z.testzip()
    infos = z.infolist()
    print(json.dumps({
        "bad": bad,
        "count": len(infos),
        "first": [{"name": i.filename, "text": z.read(i).decode("utf-8"), "time": list(i.date_time),
                   "mode": oct(i.external_attr >> 16)} for i in infos[:5]],
    }))
`;
  const run = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as {
    bad: string | null;
    count: number;
    first: Array<{ name: string; text: string; time: number[]; mode: string }>;
  };
}

describe('utf8', () => {
  it.each([
    ['ascii', 'abc'],
    ['NBSP and curly quotes', 'a\u00a0“b”'],
    ['emoji with skin tone', '👍🏽'],
    ['CJK', '中文'],
  ])('encodes %s exactly as TextEncoder', (_name, text) => {
    expect([...utf8(text)]).toEqual([...new TextEncoder().encode(text)]);
  });

  it('writes a lone surrogate as U+FFFD, as TextEncoder does', () => {
    expect([...utf8('a\ud83d')]).toEqual([...new TextEncoder().encode('a\ud83d')]);
  });
});

describe('crc32', () => {
  it('gives the check value of the standard ("123456789" → 0xCBF43926)', () => {
    expect(crc32(utf8('123456789'))).toBe(0xcbf43926);
  });
});

describe('zipArchive', () => {
  const entries = [
    { path: 'documents.csv', content: 'document,title\r\nd1,"Comey, FBI"\r\n' },
    { path: 'alice/doc-emoji.txt', content: 'Hi 👍🏽 FBI director\u00a0James “Comey”\n' },
    { path: 'empty.txt', content: '' },
  ];

  it('reads back in Python: every CRC right, names under one folder, contents, time, mode', () => {
    const read = readWithPython(zipArchive('export-brat', entries, TIME));
    expect(read.bad).toBeNull();
    expect(read.count).toBe(3);
    expect(read.first.map((f) => f.name)).toEqual(entries.map((e) => `export-brat/${e.path}`));
    expect(read.first.map((f) => f.text)).toEqual(entries.map((e) => e.content));
    expect(read.first[0]!.time).toEqual([2024, 5, 1, 12, 34, 56]);
    expect(read.first[0]!.mode).toBe('0o100644');
  });

  it('flags names as UTF-8, so non-ASCII names survive', () => {
    const read = readWithPython(zipArchive('données', [{ path: 'é.txt', content: 'x' }], TIME));
    expect(read.first[0]!.name).toBe('données/é.txt');
  });

  it('is byte-identical for the same files and time', () => {
    expect(zipArchive('x', entries, TIME)).toEqual(zipArchive('x', entries, TIME));
  });

  it('passes unzip -t (Info-ZIP, what Linux and macOS users run)', () => {
    const file = join(dir, 'info-zip.zip');
    writeFileSync(file, zipArchive('export', entries, TIME));
    const run = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/No errors detected/);
  });

  it('writes ZIP64 end records past 65,535 entries, and Python reads them all', () => {
    const many = Array.from({ length: 65_540 }, (_, i) => ({ path: `f${i}.txt`, content: `${i}` }));
    const read = readWithPython(zipArchive('many', many, TIME));
    expect(read.bad).toBeNull();
    expect(read.count).toBe(65_540);
  });

  it.each([['../escape.txt'], ['/abs.txt'], ['a//b.txt'], ['a\\b.txt'], ['']])(
    'refuses the path %j',
    (path) => {
      expect(() => zipArchive('x', [{ path, content: '' }], TIME)).toThrow(/cannot be a path/);
    },
  );

  it('refuses the same path twice', () => {
    const twice = [
      { path: 'a.txt', content: '1' },
      { path: 'a.txt', content: '2' },
    ];
    expect(() => zipArchive('x', twice, TIME)).toThrow(/"x\/a.txt" twice/);
  });
});
