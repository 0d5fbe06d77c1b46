import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeLeftoverTempFiles, writeFileAtomic } from './atomic-write';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atomic-write-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('creates missing folders and leaves no temp file behind', async () => {
    const target = join(dir, 'a', 'b', 'file.json');
    await writeFileAtomic(target, '{"x":1}');
    expect(await readFile(target, 'utf8')).toBe('{"x":1}');
    expect(await readdir(join(dir, 'a', 'b'))).toEqual(['file.json']);
  });

  it('moves the replaced version to the backup path, and makes no backup of nothing', async () => {
    const target = join(dir, 'file.json');
    const backup = `${target}.bak`;
    await writeFileAtomic(target, 'one', { backup });
    expect((await readdir(dir)).sort()).toEqual(['file.json']);
    await writeFileAtomic(target, 'two', { backup });
    await writeFileAtomic(target, 'three', { backup });
    expect(await readFile(target, 'utf8')).toBe('three');
    expect(await readFile(backup, 'utf8')).toBe('two');
  });

  it('leaves the target untouched and removes its temp file when the backup cannot be made', async () => {
    const target = join(dir, 'file.json');
    await writeFileAtomic(target, 'old');
    // A non-empty folder where the backup should go: rename onto it fails, even for root.
    await mkdir(join(dir, 'file.json.bak', 'occupied'), { recursive: true });
    await expect(writeFileAtomic(target, 'new', { backup: `${target}.bak` })).rejects.toThrow();
    expect(await readFile(target, 'utf8')).toBe('old');
    expect((await readdir(dir)).sort()).toEqual(['file.json', 'file.json.bak']);
  });
});

describe('removeLeftoverTempFiles', () => {
  it('removes only the temp files a writer names after its target', async () => {
    const keep = ['doc.json', 'doc.json.bak', '.hidden', 'x.tmp', '.doc.json.123.tmp'];
    const leftovers = ['.doc.json.0123456789ab.tmp', '.other.json.a1b2c3d4e5f6.tmp'];
    for (const name of [...keep, ...leftovers]) await writeFile(join(dir, name), 'x');
    expect((await removeLeftoverTempFiles(dir)).sort()).toEqual(leftovers.sort());
    expect((await readdir(dir)).sort()).toEqual(keep.sort());
  });

  it('treats a missing folder as having none', async () => {
    expect(await removeLeftoverTempFiles(join(dir, 'absent'))).toEqual([]);
  });
});
