import { createHash } from 'node:crypto';
import {
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rm,
  symlink,
  truncate,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../shared/api';
import { Codebook, DocumentRecord, ProjectSettings } from '../../shared/model';
import { MAX_DOCUMENT_BYTES } from './import-files';
import { initProject, ProjectFolder } from './project-folder';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const corpusDir = join(repoRoot, 'corpus');
const defaultCodebook = join(repoRoot, 'resources', 'codebook.default.json');

let base: string;
let dir: string;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'project-folder-'));
  dir = join(base, 'project');
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

/** Every file under `root` with its bytes (as hex digests), to prove that nothing changed. */
async function snapshot(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        files[`${relative(root, path)}/`] = '';
        await walk(path);
      } else {
        files[relative(root, path)] = createHash('sha256')
          .update(await readFile(path))
          .digest('hex');
      }
    }
  };
  await walk(root);
  return files;
}

async function expectWorkbenchError(promise: Promise<unknown>, code: string, message: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkbenchError);
  expect((error as WorkbenchError).code).toBe(code);
  expect((error as WorkbenchError).message).toMatch(message);
}

describe('initProject', () => {
  it('creates a project from the bundled corpus, text byte-identical, meta from sidecars', async () => {
    await initProject(dir, { corpusDir, name: 'News' });
    expect((await readdir(dir)).sort()).toEqual(['codebook.json', 'documents', 'workbench.json']);

    const settings = ProjectSettings.parse(
      JSON.parse(await readFile(join(dir, 'workbench.json'), 'utf8')),
    );
    expect(settings.name).toBe('News');
    const codebook = JSON.parse(await readFile(join(dir, 'codebook.json'), 'utf8'));
    expect(codebook).toEqual(Codebook.parse(JSON.parse(await readFile(defaultCodebook, 'utf8'))));

    const project = await ProjectFolder.open(dir);
    const documents = await project.listDocuments();
    const sources = (await readdir(corpusDir)).filter((n) => n.endsWith('.txt')).sort();
    expect(sources).toHaveLength(3);
    expect(documents.map((d) => d.sourceFile)).toEqual(sources);
    for (const [i, doc] of documents.entries()) {
      const bytes = await readFile(join(corpusDir, sources[i]!));
      expect(Buffer.from(doc.text, 'utf8').equals(bytes)).toBe(true);
      expect(doc.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(doc.id).toBe(sources[i]!.replace(/\.txt$/, ''));
      const sidecar = JSON.parse(
        await readFile(join(corpusDir, sources[i]!.replace(/\.txt$/, '.meta.json')), 'utf8'),
      ) as Record<string, string>;
      expect(doc.title).toBe(sidecar.title);
      const meta = { ...sidecar };
      delete meta.title;
      expect(doc.meta).toEqual(meta);
      expect(
        DocumentRecord.parse(
          JSON.parse(await readFile(join(dir, 'documents', `${doc.id}.json`), 'utf8')),
        ),
      ).toEqual(doc);
    }
    expect(documents[0]!.meta).toEqual({
      standfirst:
        'Discussions will cover ways of making it more difficult for extremist groups to use online services to further their aims',
      image_credit: 'James Thew - Fotolia',
    });
    expect(documents[2]!.meta).toEqual({
      image_credit: '© Getty Images',
      contributor: 'Julian Hattem',
    });
  });

  it('creates an empty project without a corpus, named after its folder, in an empty folder', async () => {
    await mkdir(dir);
    await initProject(dir);
    const project = await ProjectFolder.open(dir);
    expect(project.name).toBe('project');
    expect(await project.listDocuments()).toEqual([]);
    expect((await project.getCodebook()).labels.map((l) => l.name)).toContain('Actor');
  });

  it('refuses a folder that is already a project, leaving it untouched', async () => {
    await initProject(dir, { corpusDir });
    const before = await snapshot(dir);
    await expectWorkbenchError(
      initProject(dir, { corpusDir }),
      'conflict',
      /is already a workbench project/,
    );
    expect(await snapshot(dir)).toEqual(before);
  });

  it('refuses a non-empty folder that is not a project', async () => {
    await mkdir(dir);
    await writeFile(join(dir, 'thesis.docx'), 'mine');
    await expectWorkbenchError(
      initProject(dir),
      'conflict',
      /is not empty and is not a workbench project/,
    );
    expect(await readdir(dir)).toEqual(['thesis.docx']);
  });

  it('refuses a file in place of the folder', async () => {
    await writeFile(dir, 'x');
    await expectWorkbenchError(initProject(dir), 'conflict', /is a file, not a folder/);
  });

  it('refuses an invalid codebook and creates nothing', async () => {
    const bad = join(base, 'bad-codebook.json');
    await writeFile(bad, JSON.stringify({ format: 'workbench.codebook', version: 1 }));
    await expectWorkbenchError(
      initProject(dir, { corpusDir, codebookPath: bad }),
      'invalid_argument',
      /The codebook .*bad-codebook\.json is not valid: name: /,
    );
    await expect(lstat(dir)).rejects.toThrow(/ENOENT/);
  });

  it('refuses a corpus with a file that cannot be imported, listing it, and creates nothing', async () => {
    const corpus = join(base, 'corpus');
    await mkdir(corpus);
    await writeFile(join(corpus, 'good.txt'), 'Fine.');
    await writeFile(join(corpus, 'empty.md'), '---\ntitle: Nothing\n---\n');
    await writeFile(join(corpus, 'notes.pdf'), 'not looked at');
    await expectWorkbenchError(
      initProject(dir, { corpusDir: corpus }),
      'invalid_argument',
      /1 file\(s\) in .* cannot be imported\.\n {2}- "empty\.md" has no text/,
    );
    await expect(lstat(dir)).rejects.toThrow(/ENOENT/);
  });

  it('refuses a corpus folder without documents', async () => {
    const corpus = join(base, 'corpus');
    await mkdir(corpus);
    await expectWorkbenchError(
      initProject(dir, { corpusDir: corpus }),
      'invalid_argument',
      /holds no \.txt, \.md, \.markdown, \.html, \.htm, \.json, \.jsonl files/,
    );
  });
});

describe('ProjectFolder', () => {
  it('says how to create a project when the folder is not one', async () => {
    await mkdir(dir);
    await expectWorkbenchError(
      ProjectFolder.open(dir),
      'not_found',
      new RegExp(
        `^${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not a workbench project \\(no workbench\\.json\\)\\. Create one with \`npm run cli -- init <dir>\`\\.$`,
      ),
    );
  });

  it('refuses a workbench.json from a newer version', async () => {
    await initProject(dir);
    const path = join(dir, 'workbench.json');
    const settings = JSON.parse(await readFile(path, 'utf8'));
    await writeFile(path, JSON.stringify({ ...settings, version: 99 }));
    await expectWorkbenchError(
      ProjectFolder.open(dir),
      'unavailable',
      /newer version of the workbench/,
    );
  });

  it('gets documents by id and says which id is unknown or malformed', async () => {
    await initProject(dir, { corpusDir });
    const project = await ProjectFolder.open(dir);
    const doc = await project.getDocument('001_be2b556b53156c24');
    expect(doc.title).toBe('US security officials to meet with tech CEOs on terror concerns');
    await expectWorkbenchError(project.getDocument('nope'), 'not_found', /no document "nope"/);
    await expectWorkbenchError(
      project.getDocument('../workbench'),
      'invalid_argument',
      /not a document id/,
    );
  });

  it('imports files with stable, deduplicated ids that survive reopening', async () => {
    await initProject(dir, { corpusDir });
    const project = await ProjectFolder.open(dir);
    const first = await project.importFiles([
      { name: 'story.txt', content: 'Title\n\nBody' },
      { name: 'story.md', content: '# Other\n\nBody' },
      { name: '000_3c96c7399f2592f5.txt', content: 'Same name as a corpus file' },
    ]);
    expect(first.rejected).toEqual([]);
    expect(first.imported.map((d) => d.id)).toEqual(['story', 'story-2', '000_3c96c7399f2592f5-2']);
    const second = await project.importFiles([{ name: 'story.txt', content: 'Again' }]);
    expect(second.imported.map((d) => d.id)).toEqual(['story-3']);

    const reopened = await ProjectFolder.open(dir);
    const ids = (await reopened.listDocuments()).map((d) => d.id);
    expect(ids).toEqual([
      '000_3c96c7399f2592f5',
      '000_3c96c7399f2592f5-2',
      '001_be2b556b53156c24',
      '002_954fd227d2c7efbf',
      'story',
      'story-2',
      'story-3',
    ]);
    expect(await reopened.getDocument('story-2')).toEqual(first.imported[1]);
  });

  it('rejects each bad file with its reason and changes nothing on disk', async () => {
    await initProject(dir, { corpusDir });
    const project = await ProjectFolder.open(dir);
    const before = await snapshot(dir);
    const outcome = await project.importFiles([
      { name: 'scan.pdf', content: '%PDF-1.4' },
      { name: 'empty.txt', content: '\n\n' },
      { name: 'huge.txt', content: 'x'.repeat(MAX_DOCUMENT_BYTES + 1) },
      { name: 'image.txt', content: '\u0089PNG\r\n\u001a\n\u0000\u0000' },
      { name: 'cp1252.txt', content: 'na\uFFFDve' },
      { name: 'broken.md', content: '---\ntitle: "unclosed\n---\nText' },
    ]);
    expect(outcome.imported).toEqual([]);
    expect(outcome.rejected.map((r) => [r.file, r.message.split(/[:.;] /)[0]])).toEqual([
      ['scan.pdf', '"scan.pdf" is not a supported file type'],
      ['empty.txt', '"empty.txt" has no text'],
      ['huge.txt', '"huge.txt" is 20.1 MB'],
      ['image.txt', '"image.txt" contains NUL bytes'],
      ['cp1252.txt', '"cp1252.txt" is not valid UTF-8 text'],
      ['broken.md', '"broken.md"'],
    ]);
    expect(outcome.rejected[5]!.message).toMatch(/^"broken\.md": front matter, line 2: /);
    expect(await snapshot(dir)).toEqual(before);
    expect(await project.listDocuments()).toHaveLength(3);
  });

  it('imports the good files of a batch that also holds bad ones', async () => {
    await initProject(dir);
    const project = await ProjectFolder.open(dir);
    const outcome = await project.importFiles([
      { name: 'bad.txt', content: '' },
      { name: 'good.txt', content: 'Good' },
    ]);
    expect(outcome.imported.map((d) => d.id)).toEqual(['good']);
    expect(outcome.rejected.map((r) => r.file)).toEqual(['bad.txt']);
    expect(await readdir(join(dir, 'documents'))).toEqual(['good.json']);
  });

  it('skips a damaged document file with a warning, and never reuses its id', async () => {
    await initProject(dir, { corpusDir });
    await writeFile(join(dir, 'documents', 'damaged.json'), '{"format": "workbench.document", ');
    const warnings: string[] = [];
    const project = await ProjectFolder.open(dir, { onWarning: (m) => warnings.push(m) });
    expect(await project.listDocuments()).toHaveLength(3);
    expect(warnings).toEqual([
      expect.stringMatching(/^documents\/damaged\.json cannot be used \(not valid JSON/),
    ]);
    const outcome = await project.importFiles([{ name: 'damaged.txt', content: 'New' }]);
    expect(outcome.imported.map((d) => d.id)).toEqual(['damaged-2']);
    expect(await readFile(join(dir, 'documents', 'damaged.json'), 'utf8')).toBe(
      '{"format": "workbench.document", ',
    );
  });

  it('warns when a stored text no longer matches its SHA-256', async () => {
    await initProject(dir, { corpusDir });
    const path = join(dir, 'documents', '001_be2b556b53156c24.json');
    const record = JSON.parse(await readFile(path, 'utf8'));
    await writeFile(path, JSON.stringify({ ...record, text: record.text.replace('Top', 'Tip') }));
    const warnings: string[] = [];
    const project = await ProjectFolder.open(dir, { onWarning: (m) => warnings.push(m) });
    expect(await project.listDocuments()).toHaveLength(3);
    expect(warnings).toEqual([
      expect.stringMatching(/001_be2b556b53156c24\.json: the text no longer matches its SHA-256/),
    ]);
  });

  it('saves a valid codebook with a backup and refuses an invalid one', async () => {
    await initProject(dir);
    const project = await ProjectFolder.open(dir);
    const codebook = await project.getCodebook();
    const edited = { ...codebook, revision: codebook.revision + 1, name: 'Edited' };
    expect(await project.saveCodebook(edited)).toEqual(edited);
    expect(await (await ProjectFolder.open(dir)).getCodebook()).toEqual(edited);
    expect(JSON.parse(await readFile(join(dir, 'codebook.json.bak'), 'utf8'))).toEqual(codebook);

    const before = await snapshot(dir);
    await expectWorkbenchError(
      project.saveCodebook({ ...edited, labels: [{ ...edited.labels[0]!, color: 'blue' }] }),
      'invalid_argument',
      /The codebook was not saved: labels\.0\.color: a colour like #1f77b4/,
    );
    expect(await snapshot(dir)).toEqual(before);
    expect(await project.getCodebook()).toEqual(edited);
  });

  describe('importPaths', () => {
    it('reads files from disk, with the sidecar beside each, and rejects what is not a text file', async () => {
      await initProject(dir);
      const project = await ProjectFolder.open(dir);
      const inbox = join(base, 'inbox');
      await mkdir(join(inbox, 'folder'), { recursive: true });
      await writeFile(join(inbox, 'article.txt'), '\uFEFFHeadline\r\n\r\nBody\r\n');
      await writeFile(join(inbox, 'article.meta.json'), '{"source": "Newspaper"}');
      await writeFile(join(inbox, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
      await writeFile(join(inbox, 'huge.txt'), '');
      await truncate(join(inbox, 'huge.txt'), MAX_DOCUMENT_BYTES + 1);
      await writeFile(join(base, 'elsewhere.md'), '# Linked\n\nText');
      await symlink(join(base, 'elsewhere.md'), join(inbox, 'linked.md'));

      const outcome = await project.importPaths(
        ['article.txt', 'latin1.txt', 'huge.txt', 'folder', 'missing.txt', 'linked.md'].map((n) =>
          join(inbox, n),
        ),
      );
      expect(outcome.imported.map((d) => [d.id, d.title, d.meta, d.text])).toEqual([
        ['article', 'Headline', { source: 'Newspaper' }, 'Headline\n\nBody\n'],
        ['linked', 'Linked', {}, 'Linked\n\nText'],
      ]);
      expect(outcome.rejected).toEqual([
        {
          file: join(inbox, 'latin1.txt'),
          message: expect.stringMatching(/is not valid UTF-8 text/),
        },
        {
          file: join(inbox, 'huge.txt'),
          message: expect.stringMatching(/"huge\.txt" is 20\.1 MB/),
        },
        {
          file: join(inbox, 'folder'),
          message: expect.stringMatching(/is a folder\. Choose the files inside it/),
        },
        { file: join(inbox, 'missing.txt'), message: expect.stringMatching(/does not exist/) },
      ]);
    });
  });
});
