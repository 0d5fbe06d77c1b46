import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  PartialBatchWriteError,
  removeLeftoverTempFiles,
  writeFileAtomic,
  writeFilesAtomic,
} from './atomic-write';

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

describe('writeFilesAtomic', () => {
  /** Three files in two folders, each written twice: 'old', with 'older' as its backup. */
  async function threeFiles() {
    const paths = [
      join(dir, 'a', 'one.json'),
      join(dir, 'a', 'two.json'),
      join(dir, 'b', 'x.json'),
    ];
    for (const contents of ['older', 'old']) {
      await writeFilesAtomic(paths.map((path) => ({ path, contents, backup: `${path}.bak` })));
    }
    return paths;
  }

  it('replaces every file, keeps each old version as its backup, and leaves no temp file', async () => {
    const paths = await threeFiles();
    await writeFilesAtomic(
      paths.map((path, i) => ({ path, contents: `new ${i}`, backup: `${path}.bak` })),
    );
    for (const [i, path] of paths.entries()) {
      expect(await readFile(path, 'utf8')).toBe(`new ${i}`);
      expect(await readFile(`${path}.bak`, 'utf8')).toBe('old');
    }
    expect((await readdir(join(dir, 'a'))).sort()).toEqual([
      'one.json',
      'one.json.bak',
      'two.json',
      'two.json.bak',
    ]);
    expect((await readdir(join(dir, 'b'))).sort()).toEqual(['x.json', 'x.json.bak']);
  });

  it('renames nothing and removes every temp file when one temp file cannot be written', async () => {
    const paths = await threeFiles();
    // Its own name fits (250 bytes), its temp file's name (".<name>.<12 hex>.tmp") does not.
    const tooLong = join(dir, 'a', `${'n'.repeat(245)}.json`);
    const error = await writeFilesAtomic([
      ...paths.map((path) => ({ path, contents: 'new', backup: `${path}.bak` })),
      { path: tooLong, contents: 'new' },
    ]).then(
      () => undefined,
      (e: unknown) => e as NodeJS.ErrnoException,
    );
    expect(error?.code).toBe('ENAMETOOLONG');
    for (const path of paths) {
      expect(await readFile(path, 'utf8')).toBe('old');
      expect(await readFile(`${path}.bak`, 'utf8')).toBe('older');
    }
    expect((await readdir(join(dir, 'a'))).sort()).toEqual([
      'one.json',
      'one.json.bak',
      'two.json',
      'two.json.bak',
    ]);
    expect((await readdir(join(dir, 'b'))).sort()).toEqual(['x.json', 'x.json.bak']);
  });

  it('names the files it had replaced when a rename fails part-way, and leaves no temp file', async () => {
    const [one, two, x] = await threeFiles();
    // A non-empty folder where two.json's backup should go: that rename fails, even for root.
    await rm(`${two}.bak`);
    await mkdir(join(`${two}.bak`, 'occupied'), { recursive: true });
    const error = await writeFilesAtomic(
      [one!, two!, x!].map((path) => ({ path, contents: 'new', backup: `${path}.bak` })),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PartialBatchWriteError);
    const partial = error as PartialBatchWriteError;
    expect([...partial.replaced].sort()).toEqual([one, x].sort());
    expect(partial.message).toMatch(/^renaming into place failed \(.+\) after 2 of 3 files/);
    expect(await readFile(one!, 'utf8')).toBe('new');
    expect(await readFile(two!, 'utf8')).toBe('old');
    expect(await readFile(x!, 'utf8')).toBe('new');
    expect((await readdir(join(dir, 'a'))).sort()).toEqual([
      'one.json',
      'one.json.bak',
      'two.json',
      'two.json.bak',
    ]);
  });

  it('refuses a path named twice before writing anything, and does nothing for no files', async () => {
    const target = join(dir, 'file.json');
    await expect(
      writeFilesAtomic([
        { path: target, contents: 'one' },
        { path: join(dir, 'other.json'), contents: 'two', backup: target },
      ]),
    ).rejects.toThrow(`${target} appears twice in one batch of writes; nothing was written.`);
    await writeFilesAtomic([]);
    expect(await readdir(dir)).toEqual([]);
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
