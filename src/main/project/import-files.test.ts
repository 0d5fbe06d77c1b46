import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentRecord } from '../../shared/model';
import { MAX_DOCUMENT_BYTES, prepareImport, type ImportFileInput } from './import-files';
import { initProject, ProjectFolder } from './project-folder';

const AT = '2026-01-02T03:04:05.000Z';
const prepare = (files: ImportFileInput[], existing: string[] = []) =>
  prepareImport(files, existing, AT);

describe('prepareImport', () => {
  it('builds a complete, valid record for each file', () => {
    const text = 'Headline\r\n\r\nBody “text”\u00a0here.\r\n';
    const { documents, rejected } = prepare([{ name: 'My Article.txt', content: text }]);
    expect(rejected).toEqual([]);
    expect(documents).toHaveLength(1);
    const [doc] = documents;
    expect(DocumentRecord.parse(doc)).toEqual(doc);
    expect(doc).toMatchObject({
      format: 'workbench.document',
      version: 1,
      id: 'My-Article',
      title: 'Headline',
      meta: {},
      text: 'Headline\n\nBody “text”\u00a0here.\n',
      imported: AT,
      sourceFile: 'My Article.txt',
    });
    const utf8 = Buffer.from(doc!.text, 'utf8');
    expect(doc!.sha256).toBe(createHash('sha256').update(utf8).digest('hex'));
  });

  it('pairs <stem>.meta.json with its document; sidecar keys override front matter', () => {
    const { documents, rejected } = prepare([
      { name: 'a.meta.json', content: '{"title": "Sidecar title", "author": "B", "pages": 3}' },
      { name: 'a.md', content: '---\nauthor: A\nsection: World\n---\n# Heading\n\nBody' },
    ]);
    expect(rejected).toEqual([]);
    expect(documents[0]).toMatchObject({
      id: 'a',
      title: 'Sidecar title',
      meta: { author: 'B', section: 'World', pages: '3' },
      text: 'Heading\n\nBody',
    });
  });

  it('hands out ids in file order, deduplicated against existing ids and each other', () => {
    const files = ['a.txt', 'a.md', 'b.txt', 'A.txt'].map((name) => ({ name, content: 'x' }));
    const first = prepare(files, ['b']);
    expect(first.documents.map((d) => d.id)).toEqual(['a', 'a-2', 'b-2', 'A-3']);
    expect(prepare(files, ['b']).documents.map((d) => d.id)).toEqual(
      first.documents.map((d) => d.id),
    );
  });

  it('gives a rejected file no id, so the next file takes it', () => {
    const { documents } = prepare([
      { name: 'a.txt', content: '' },
      { name: 'a.md', content: 'text' },
    ]);
    expect(documents.map((d) => d.id)).toEqual(['a']);
  });

  it.each<{ reason: string; files: ImportFileInput[]; file: string; message: RegExp }>([
    {
      reason: 'unsupported extension',
      files: [{ name: 'report.pdf', content: 'x' }],
      file: 'report.pdf',
      message:
        /^"report\.pdf" is not a supported file type\. Import \.txt, \.md, \.markdown, \.html, \.htm files \(each with an optional <name>\.meta\.json for its metadata\), or \.json, \.jsonl corpora of many documents\.$/,
    },
    {
      reason: 'empty text',
      files: [{ name: 'e.txt', content: '' }],
      file: 'e.txt',
      message: /^"e\.txt" has no text: it is empty or holds only whitespace\.$/,
    },
    {
      reason: 'whitespace only',
      files: [{ name: 'w.txt', content: ' \r\n\u00a0\n\t' }],
      file: 'w.txt',
      message: /has no text/,
    },
    {
      reason: 'front matter only',
      files: [{ name: 'f.md', content: '---\ntitle: T\n---\n' }],
      file: 'f.md',
      message: /has no text: .*\(and front matter\)/,
    },
    {
      reason: 'oversized',
      files: [{ name: 'big.txt', content: 'é'.repeat(MAX_DOCUMENT_BYTES / 2 + 1) }],
      file: 'big.txt',
      message: /^"big\.txt" is 20\.1 MB; a document may be at most 20\.0 MB\. Split it/,
    },
    {
      reason: 'NUL bytes',
      files: [{ name: 'bin.txt', content: 'PK\u0003\u0004\u0000\u0000data' }],
      file: 'bin.txt',
      message: /contains NUL bytes: it looks like a binary file/,
    },
    {
      reason: 'replacement characters',
      files: [{ name: 'latin1.txt', content: 'caf\uFFFD au lait' }],
      file: 'latin1.txt',
      message: /is not valid UTF-8 text: .*U\+FFFD.*Save it as UTF-8/,
    },
    {
      reason: 'a lone surrogate',
      files: [{ name: 's.txt', content: 'a\uD800b' }],
      file: 's.txt',
      message: /is not valid UTF-8 text/,
    },
    {
      reason: 'malformed front matter',
      files: [{ name: 'bad.md', content: '---\nauthor: A\ntitle: [oops\n---\nBody' }],
      file: 'bad.md',
      message: /^"bad\.md": front matter, line 3: /,
    },
    {
      reason: 'a nested front matter value',
      files: [{ name: 'tags.md', content: '---\ntags: [a, b]\n---\nBody' }],
      file: 'tags.md',
      message: /^"tags\.md": front matter: "tags" is a list/,
    },
    {
      reason: 'a sidecar that is not JSON',
      files: [
        { name: 'a.txt', content: 'x' },
        { name: 'a.meta.json', content: '{title: x}' },
      ],
      file: 'a.txt',
      message: /^"a\.meta\.json" \(the metadata of "a\.txt"\) is not valid JSON: /,
    },
    {
      reason: 'a sidecar with a nested value',
      files: [
        { name: 'a.txt', content: 'x' },
        { name: 'a.meta.json', content: '{"authors": {"first": "A"}}' },
      ],
      file: 'a.txt',
      message: /"authors" is a nested map/,
    },
    {
      reason: 'a sidecar without its document',
      files: [{ name: 'lost.meta.json', content: '{}' }],
      file: 'lost.meta.json',
      message:
        /is a metadata sidecar, but no document named "lost\.txt" or "lost\.md" or "lost\.markdown" or "lost\.html" or "lost\.htm" is in this import\./,
    },
    {
      reason: 'a sidecar beside a corpus',
      files: [
        { name: 'c.jsonl', content: '{"text": "x"}' },
        { name: 'c.meta.json', content: '{"author": "A"}' },
      ],
      file: 'c.meta.json',
      message:
        /^"c\.meta\.json" is a metadata sidecar, but "c\.jsonl" is a corpus of many documents/,
    },
    {
      reason: 'a page without article text',
      files: [
        {
          name: 'furniture.html',
          content: '<title>T</title><nav><a href="/">Home</a></nav><script>alert(1)</script>',
        },
      ],
      file: 'furniture.html',
      message:
        /^"furniture\.html" has no article text: nothing readable is left once navigation, scripts, forms, hidden parts and other page furniture are left out\.$/,
    },
    {
      reason: 'binary garbage named .html',
      files: [{ name: 'image.html', content: '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR' }],
      file: 'image.html',
      message: /^"image\.html" contains NUL bytes: it looks like a binary file, not text\.$/,
    },
    {
      reason: 'a corpus with one bad record, naming the file and the line',
      files: [{ name: 'c.jsonl', content: '{"text": "a"}\n{"text": "b"}\n{"txt": "c"}' }],
      file: 'c.jsonl',
      message: /^"c\.jsonl": line 3 has no "text"\./,
    },
    {
      reason: 'a corpus with one bad record, naming the file and the index',
      files: [{ name: 'c.json', content: '[{"text": "a"}, {"text": 5}]' }],
      file: 'c.json',
      message: /^"c\.json": index 1: "text" is a number; it must be a string/,
    },
    {
      reason: 'a malformed corpus, with line and column',
      files: [{ name: 'c.json', content: '[\n{"text": "a"}\n{"text": "b"}]' }],
      file: 'c.json',
      message: /^"c\.json": is not valid JSON: line 3, column 1: expected "," or "\]"/,
    },
    {
      reason: 'an oversized corpus',
      files: [{ name: 'big.jsonl', content: `{"text": "${'a'.repeat(MAX_DOCUMENT_BYTES)}"}` }],
      file: 'big.jsonl',
      message: /^"big\.jsonl" is 20\.1 MB; a document may be at most 20\.0 MB/,
    },
    {
      reason: 'a sidecar given twice',
      files: [
        { name: 'a.txt', content: 'x' },
        { name: 'a.meta.json', content: '{}' },
        { name: 'A.meta.json', content: '{}' },
      ],
      file: 'A.meta.json',
      message: /appears twice in this import/,
    },
  ])('rejects $reason with a reason naming the file', ({ files, file, message }) => {
    const { rejected } = prepare(files);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.file).toBe(file);
    expect(rejected[0]!.message).toMatch(message);
  });

  it('imports a web page: its article, page metadata, a sidecar on top', () => {
    const page =
      '<!doctype html><html><head><title>Vote tonight | News</title>' +
      '<meta name="author" content="A"><link rel="canonical" href="https://news.example/vote">' +
      '</head><body><nav><a href="/">Home</a></nav><article><h1>Vote tonight</h1>' +
      '<p>Parliament votes <em>tonight</em> on the bill.</p></article></body></html>';
    const { documents, rejected } = prepare([
      { name: 'vote.html', content: page },
      { name: 'vote.meta.json', content: '{"section": "Politics"}' },
    ]);
    expect(rejected).toEqual([]);
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({
      id: 'vote',
      title: 'Vote tonight | News',
      meta: { author: 'A', url: 'https://news.example/vote', section: 'Politics' },
      text: 'Vote tonight\n\nParliament votes tonight on the bill.',
      marks: [{ kind: 'em', start: 31, end: 38 }],
      sourceFile: 'vote.html',
    });
  });

  it('imports every record of a corpus, in file order, each a complete record', () => {
    const corpus =
      '{"id": "r-1", "title": "First", "text": "Body one", "source": "Wire", "meta": {"n": 1}}\n' +
      '{"text": "Second body\\r\\nline two"}\n';
    const { documents, rejected } = prepare([{ name: 'wire.jsonl', content: corpus }]);
    expect(rejected).toEqual([]);
    for (const doc of documents) expect(DocumentRecord.parse(doc)).toEqual(doc);
    expect(
      documents.map(({ id, title, meta, text, sourceFile }) => ({
        id,
        title,
        meta,
        text,
        sourceFile,
      })),
    ).toEqual([
      {
        id: 'r-1',
        title: 'First',
        meta: { source: 'Wire', n: '1' },
        text: 'Body one',
        sourceFile: 'wire.jsonl',
      },
      {
        id: 'wire-2',
        title: 'Second body',
        meta: {},
        text: 'Second body\nline two',
        sourceFile: 'wire.jsonl',
      },
    ]);
  });

  it("uses a record's own id when it is safe and free, else derives one and keeps it as meta.id", () => {
    const records = ['kept', 'taken', 'a/b', 'con', 'Émile', 'x'.repeat(101), 'KEPT-2', 7].map(
      (id) => JSON.stringify({ id, text: 'x' }),
    );
    const { documents, rejected } = prepare(
      [{ name: 'c.jsonl', content: records.join('\n') }],
      ['taken'],
    );
    expect(rejected).toEqual([]);
    expect(documents.map((d) => [d.id, d.meta.id])).toEqual([
      ['kept', undefined],
      ['c-2', 'taken'],
      ['c-3', 'a/b'],
      ['c-4', 'con'],
      ['c-5', 'Émile'],
      ['c-6', 'x'.repeat(101)],
      ['KEPT-2', undefined],
      ['7', undefined],
    ]);
  });

  it('gives own ids first, so a derived id never takes one a later file asks for', () => {
    const { documents } = prepare([
      { name: 'a.txt', content: 'x' },
      {
        name: 'b.json',
        content: '[{"text": "y"}, {"text": "z", "id": "b-1"}, {"text": "w", "id": "a"}]',
      },
    ]);
    expect(documents.map((d) => [d.sourceFile, d.id])).toEqual([
      ['a.txt', 'a-2'],
      ['b.json', 'b-1-2'],
      ['b.json', 'b-1'],
      ['b.json', 'a'],
    ]);
  });

  it('rejects a whole corpus for one bad record; the rest of the batch is imported', () => {
    const { documents, rejected } = prepare([
      { name: 'good.json', content: '{"text": "fine", "id": "keep"}' },
      { name: 'bad.jsonl', content: '{"text": "a", "id": "one"}\n{"text": "b", "id": "ONE"}' },
      { name: 'after.txt', content: 'also fine' },
    ]);
    expect(documents.map((d) => d.id)).toEqual(['keep', 'after']);
    expect(rejected).toEqual([
      {
        file: 'bad.jsonl',
        message:
          '"bad.jsonl": line 2: the id "ONE" is already the id of line 1. Ids must be unique ' +
          'within a file (upper and lower case count as the same).',
      },
    ]);
  });

  it('gives the same ids for the same corpus and the same existing ids', () => {
    const files = [
      { name: 'c.jsonl', content: '{"text": "a"}\n{"text": "b", "id": "c-1"}\n{"text": "c"}' },
    ];
    const ids = () => prepare(files, ['c-3']).documents.map((d) => d.id);
    expect(ids()).toEqual(['c-1-2', 'c-1', 'c-3-2']);
    expect(ids()).toEqual(ids());
  });

  it('accepts a document of exactly the size limit', () => {
    const content = 'a'.repeat(MAX_DOCUMENT_BYTES);
    expect(prepare([{ name: 'max.txt', content }]).rejected).toEqual([]);
  });
});

describe('ProjectFolder.importFiles with web pages and corpora', () => {
  /** Runs `body` against a new, empty project in a temporary folder. */
  async function withProject(body: (project: ProjectFolder, dir: string) => Promise<void>) {
    const base = await mkdtemp(join(tmpdir(), 'import-formats-'));
    try {
      const dir = join(base, 'project');
      await initProject(dir);
      await body(await ProjectFolder.open(dir), dir);
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  }

  /** The documents as stored on disk, by id. */
  async function stored(dir: string): Promise<Record<string, DocumentRecord>> {
    const names = await readdir(join(dir, 'documents')).catch(() => [] as string[]);
    const documents: Record<string, DocumentRecord> = {};
    for (const name of names.sort()) {
      const raw = JSON.parse(await readFile(join(dir, 'documents', name), 'utf8'));
      documents[name.replace(/\.json$/, '')] = DocumentRecord.parse(raw);
    }
    return documents;
  }

  it.each([
    {
      format: '.html',
      files: [
        {
          name: 'Budget Vote.html',
          content:
            '<title>Budget passes | Gazette</title><meta name="author" content="R. Writer">' +
            '<header><a href="/">Gazette</a></header><main><h1>Budget passes</h1>' +
            '<p>The budget passed by <strong>12 votes</strong>, after a long debate.</p></main>' +
            '<script>track()</script>',
        },
      ],
      expected: {
        'Budget-Vote': {
          title: 'Budget passes | Gazette',
          meta: { author: 'R. Writer' },
          text: 'Budget passes\n\nThe budget passed by 12 votes, after a long debate.',
        },
      },
    },
    {
      format: '.json',
      files: [
        {
          name: 'speeches.json',
          content: JSON.stringify({
            documents: [
              { id: 'sp-001', title: 'Opening', text: 'We begin.', speaker: 'Chair', year: 2016 },
              { text: 'Second speech.', meta: { speaker: 'Member' } },
            ],
          }),
        },
      ],
      expected: {
        'sp-001': { title: 'Opening', meta: { speaker: 'Chair', year: '2016' }, text: 'We begin.' },
        'speeches-2': {
          title: 'Second speech.',
          meta: { speaker: 'Member' },
          text: 'Second speech.',
        },
      },
    },
    {
      format: '.jsonl',
      files: [
        {
          name: 'tweets.jsonl',
          content:
            '{"id": 101, "text": "First\\r\\npost", "lang": "en"}\n\n{"id": 102, "text": "Second"}\n',
        },
      ],
      expected: {
        '101': { title: 'First', meta: { lang: 'en' }, text: 'First\npost' },
        '102': { title: 'Second', meta: {}, text: 'Second' },
      },
    },
  ])('writes the documents of a $format file', async ({ files, expected }) => {
    await withProject(async (project, dir) => {
      const outcome = await project.importFiles(files);
      expect(outcome.rejected).toEqual([]);
      const onDisk = await stored(dir);
      expect(Object.keys(onDisk)).toEqual(Object.keys(expected));
      for (const [id, want] of Object.entries(expected)) {
        expect(onDisk[id]).toMatchObject({ id, ...want, sourceFile: files[0]!.name });
        expect(onDisk[id]!.sha256).toBe(
          createHash('sha256').update(onDisk[id]!.text, 'utf8').digest('hex'),
        );
      }
      expect(outcome.imported).toEqual(Object.values(onDisk));
      expect(await project.listDocuments()).toEqual(Object.values(onDisk));
    });
  });

  it.each([
    {
      name: 'a corpus with one bad record',
      file: { name: 'c.jsonl', content: '{"text": "a"}\n{"text": ""}' },
    },
    { name: 'a malformed corpus', file: { name: 'c.json', content: '[{"text": "a"},]' } },
    { name: 'a page without article text', file: { name: 'p.html', content: '<nav>Home</nav>' } },
  ])('writes nothing for $name', async ({ file }) => {
    await withProject(async (project, dir) => {
      await project.importFiles([{ name: 'existing.txt', content: 'Already here' }]);
      const before = await stored(dir);
      const outcome = await project.importFiles([file]);
      expect(outcome.imported).toEqual([]);
      expect(outcome.rejected).toEqual([
        { file: file.name, message: expect.stringContaining(`"${file.name}"`) },
      ]);
      expect(await stored(dir)).toEqual(before);
      expect(await readdir(join(dir, 'documents'))).toEqual(['existing.json']);
    });
  });

  it('never replaces a document: a corpus imported twice gets new ids, its own kept as meta.id', async () => {
    await withProject(async (project) => {
      const corpus = { name: 'c.jsonl', content: '{"id": "a", "text": "x"}\n{"text": "y"}' };
      const first = await project.importFiles([corpus]);
      const second = await project.importFiles([corpus]);
      expect(first.imported.map((d) => [d.id, d.meta.id])).toEqual([
        ['a', undefined],
        ['c-2', undefined],
      ]);
      expect(second.imported.map((d) => [d.id, d.meta.id])).toEqual([
        ['c-1', 'a'],
        ['c-2-2', undefined],
      ]);
      expect((await project.listDocuments()).map((d) => d.id)).toEqual([
        'a',
        'c-1',
        'c-2',
        'c-2-2',
      ]);
    });
  });
});
