import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { EXPORT_MANIFEST, writeExportFile, writeExportFolder } from './export-folder';

const T1 = '2024-05-01T12:00:00.000Z';
const T2 = '2024-05-02T12:00:00.000Z';
const BRAT = [
  { path: 'annotation.conf', content: '[entities]\nActor\n' },
  { path: 'alice/d1.txt', content: 'Hi 👍🏽 Comey' },
  { path: 'alice/d1.ann', content: 'T1\tActor 5 10\tComey\n' },
  { path: 'alice/d2.txt', content: 'Second' },
  { path: 'alice/d2.ann', content: '' },
];

let base: string;
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'awb-export-folder-'));
});

async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      out[path.slice(dir.length + 1)] = await readFile(path, 'utf8');
    }
  }
  return out;
}

describe('writeExportFolder', () => {
  it('writes every file into a new folder, with a manifest of what it wrote', async () => {
    const dir = join(base, 'brat');
    expect(await writeExportFolder(dir, 'brat', BRAT, T1)).toEqual({ written: 5, removed: [] });
    const files = await tree(dir);
    for (const f of BRAT) expect(files[f.path]).toBe(f.content);
    const manifest = JSON.parse(files[EXPORT_MANIFEST]!);
    expect(manifest).toMatchObject({ exportFormat: 'brat', exportedAt: T1 });
    expect(Object.keys(manifest.files).sort()).toEqual(BRAT.map((f) => f.path).sort());
  });

  it('writes into an empty folder', async () => {
    await writeExportFolder(base, 'brat', BRAT, T1);
    expect(Object.keys(await tree(base))).toHaveLength(6);
  });

  it('refuses a folder holding files it did not write, and writes nothing', async () => {
    await writeFile(join(base, 'thesis.docx'), 'mine');
    await expect(writeExportFolder(base, 'brat', BRAT, T1)).rejects.toThrow(
      /is not empty and holds no earlier export of the workbench; nothing was written/,
    );
    expect(await tree(base)).toEqual({ 'thesis.docx': 'mine' });
  });

  it('replaces its own previous export, removes files no longer exported, leaves others alone', async () => {
    await writeExportFolder(base, 'brat', BRAT, T1);
    await writeFile(join(base, 'README.txt'), 'notes of mine');
    const next = [
      ...BRAT.filter((f) => !f.path.startsWith('alice/d2')),
      { path: 'alice/d1.ann', content: 'T1\tActor 0 2\tHi\n' },
      { path: 'bob/d1.ann', content: '' },
    ].filter((f, i, all) => all.findLastIndex((g) => g.path === f.path) === i);
    const report = await writeExportFolder(base, 'brat', next, T2);
    expect(report.removed.sort()).toEqual(['alice/d2.ann', 'alice/d2.txt']);
    const files = await tree(base);
    expect(files['alice/d1.ann']).toBe('T1\tActor 0 2\tHi\n');
    expect(files['bob/d1.ann']).toBe('');
    expect(files['README.txt']).toBe('notes of mine');
    expect(files['alice/d2.txt']).toBeUndefined();
  });

  it('removes a folder left empty by removed files', async () => {
    await writeExportFolder(base, 'brat', BRAT, T1);
    await writeExportFolder(base, 'brat', [BRAT[0]!], T2);
    expect(existsSync(join(base, 'alice'))).toBe(false);
  });

  it('refuses, writing nothing, when a file it wrote was changed since', async () => {
    await writeExportFolder(base, 'brat', BRAT, T1);
    await writeFile(
      join(base, 'alice/d1.ann'),
      'T1\tActor 5 10\tComey\n#1\tAnnotatorNotes T1\tfixed in brat\n',
    );
    const before = await tree(base);
    await expect(writeExportFolder(base, 'brat', BRAT, T2)).rejects.toThrow(
      /changed since the workbench wrote it: alice\/d1\.ann\. Nothing was written/,
    );
    expect(await tree(base)).toEqual(before);
  });

  it('refuses to overwrite a file of the same name that it never wrote', async () => {
    await writeExportFolder(base, 'brat', [BRAT[0]!], T1);
    await mkdir(join(base, 'alice'));
    await writeFile(join(base, 'alice/d1.txt'), 'my own');
    await expect(writeExportFolder(base, 'brat', BRAT, T2)).rejects.toThrow(
      /not written by the workbench: alice\/d1\.txt/,
    );
    expect(await readFile(join(base, 'alice/d1.txt'), 'utf8')).toBe('my own');
  });

  it('refuses a folder holding an export of another format', async () => {
    await writeExportFolder(base, 'csv', [{ path: 'spans.csv', content: 'a\r\n' }], T1);
    await expect(writeExportFolder(base, 'brat', BRAT, T2)).rejects.toThrow(
      /holds a csv export; nothing was written/,
    );
  });

  it('finishes an export cut short, whose manifest names both versions', async () => {
    await writeExportFolder(base, 'brat', BRAT, T1);
    const next = BRAT.map((f) => ({ ...f, content: `${f.content}v2` }));
    // As if the process died after the first file of the second export was written.
    const manifest = JSON.parse(await readFile(join(base, EXPORT_MANIFEST), 'utf8'));
    for (const f of next) {
      manifest.files[f.path].push(createHash('sha256').update(f.content).digest('hex'));
    }
    await writeFile(join(base, EXPORT_MANIFEST), JSON.stringify(manifest));
    await writeFile(join(base, next[1]!.path), next[1]!.content);
    await writeExportFolder(base, 'brat', next, T2);
    const files = await tree(base);
    for (const f of next) expect(files[f.path]).toBe(f.content);
  });

  it('refuses a damaged manifest rather than guessing which files are its own', async () => {
    await writeExportFolder(base, 'brat', BRAT, T1);
    await writeFile(join(base, EXPORT_MANIFEST), '{"format": ');
    await expect(writeExportFolder(base, 'brat', BRAT, T2)).rejects.toThrow(
      /is damaged, so the workbench cannot tell which files/,
    );
  });

  it('refuses a path that is a file', async () => {
    const file = join(base, 'export.csv');
    await writeFile(file, 'x');
    await expect(writeExportFolder(file, 'csv', BRAT, T1)).rejects.toThrow(
      /is a file; a csv export is a folder of files/,
    );
  });
});

describe('writeExportFile', () => {
  it('writes, and replaces an earlier file', async () => {
    const file = join(base, 'export.jsonl');
    await writeExportFile(file, 'one\n');
    await writeExportFile(file, 'two\n');
    expect(await readFile(file, 'utf8')).toBe('two\n');
  });

  it('refuses a folder', async () => {
    await expect(writeExportFile(base, '{}')).rejects.toThrow(
      /is a folder; this format is one file/,
    );
  });
});
