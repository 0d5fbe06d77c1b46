import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initProject, ProjectFolder } from './project-folder';
import { listCorpusFolder, readImportFiles } from './read-import-files';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'read-import-files-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(files: Record<string, string | Buffer>): Promise<void> {
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
}

describe('readImportFiles', () => {
  it('brings the sidecar of a web page along, not one beside a corpus', async () => {
    await write({
      'page.html': '<p>Text</p>',
      'page.meta.json': '{"source": "S"}',
      'c.jsonl': '{"text": "x"}',
      'c.meta.json': '{"source": "S"}',
    });
    const read = await readImportFiles([join(dir, 'page.html'), join(dir, 'c.jsonl')]);
    expect(read.rejected).toEqual([]);
    expect(read.files.map((f) => f.name)).toEqual(['page.html', 'page.meta.json', 'c.jsonl']);
  });

  it('refuses binary garbage named .html before import sees it, and nothing is written', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00]);
    await write({ 'photo.html': png });
    const read = await readImportFiles([join(dir, 'photo.html')]);
    expect(read.files).toEqual([]);
    expect(read.rejected).toEqual([
      {
        file: join(dir, 'photo.html'),
        message: expect.stringMatching(
          /"[^"]*photo\.html" is not valid UTF-8 text \(it may be a binary file/,
        ),
      },
    ]);

    const project = join(dir, 'project');
    await initProject(project);
    const outcome = await (
      await ProjectFolder.open(project)
    ).importPaths([join(dir, 'photo.html')]);
    expect(outcome.imported).toEqual([]);
    expect(outcome.rejected).toHaveLength(1);
  });
});

describe('listCorpusFolder', () => {
  it('lists documents of every supported format and sidecars, sorted', async () => {
    await write({
      'b.html': '',
      'a.jsonl': '',
      'c.htm': '',
      'd.json': '',
      'd.meta.json': '',
      'e.txt': '',
      'notes.docx': '',
      'f.ndjson': '',
    });
    expect((await listCorpusFolder(dir)).map((path) => basename(path))).toEqual([
      'a.jsonl',
      'b.html',
      'c.htm',
      'd.json',
      'd.meta.json',
      'e.txt',
    ]);
  });

  it('lets a project be created from a folder holding a JSON Lines corpus and a page', async () => {
    const corpus = join(dir, 'corpus');
    await mkdir(corpus);
    await writeFile(join(corpus, 'wire.jsonl'), '{"id": "w1", "text": "One"}\n{"text": "Two"}\n');
    await writeFile(join(corpus, 'page.html'), '<article><p>Page text</p></article>');
    await initProject(join(dir, 'project'), { corpusDir: corpus });
    const documents = await (await ProjectFolder.open(join(dir, 'project'))).listDocuments();
    expect(documents.map((d) => [d.id, d.text, d.sourceFile])).toEqual([
      ['page', 'Page text', 'page.html'],
      ['w1', 'One', 'wire.jsonl'],
      ['wire-2', 'Two', 'wire.jsonl'],
    ]);
  });
});
