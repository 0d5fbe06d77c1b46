import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDocumentContent, buildFileDocuments, documentFormat } from './document-content';
import { structureProblems } from './structured-text';

const corpusDir = new URL('../../../corpus/', import.meta.url);
const readCorpus = (name: string) => readFileSync(new URL(name, corpusDir), 'utf8');

describe('documentFormat', () => {
  it.each([
    ['a.txt', 'plain'],
    ['A.TXT', 'plain'],
    ['a.md', 'markdown'],
    ['a.Markdown', 'markdown'],
    ['a.html', 'html'],
    ['a.HTM', 'html'],
    ['a.json', 'json'],
    ['a.JSONL', 'jsonl'],
    ['a.meta.json', undefined],
    ['a.META.JSON', undefined],
    ['a.ndjson', undefined],
    ['a.pdf', undefined],
    ['txt', undefined],
    ['dir.md/file', undefined],
  ])('%s → %s', (name, format) => {
    expect(documentFormat(name)).toBe(format);
  });
});

describe('buildDocumentContent', () => {
  it.each([
    {
      file: '000_3c96c7399f2592f5',
      title: 'US officials to meet tech firms about countering Islamic State',
      headingIndex: 1,
    },
    {
      file: '001_be2b556b53156c24',
      title: 'US security officials to meet with tech CEOs on terror concerns',
      headingIndex: 0,
    },
    {
      file: '002_954fd227d2c7efbf',
      title: 'Obama prods tech to shut down social media accounts of terrorists',
      headingIndex: 0,
    },
  ])('builds corpus file $file with its sidecar', ({ file, title, headingIndex }) => {
    const raw = readCorpus(`${file}.txt`);
    const sidecar = JSON.parse(readCorpus(`${file}.meta.json`)) as Record<string, string>;
    const content = buildDocumentContent(`${file}.txt`, raw, sidecar);
    expect(content.text).toBe(raw);
    expect(content.title).toBe(title);
    const meta = { ...sidecar };
    delete meta.title;
    expect(content.meta).toEqual(meta);
    const headings = content.blocks.filter((b) => b.kind === 'heading');
    expect(headings).toEqual([{ ...content.blocks[headingIndex], kind: 'heading', level: 1 }]);
    expect(content.text.slice(headings[0]!.start, headings[0]!.end)).toBe(title);
    expect(structureProblems(content)).toEqual([]);
  });

  it('without a sidecar, a .txt title is its first line, rendered as a heading', () => {
    const content = buildDocumentContent('a.txt', 'Headline\n\nBody.\n');
    expect(content.title).toBe('Headline');
    expect(content.blocks[0]).toEqual({ kind: 'heading', start: 0, end: 8, level: 1 });
    expect(content.meta).toEqual({});
  });

  it('a sidecar overrides front matter key by key; the title leaves meta', () => {
    const raw = '---\ntitle: From front matter\nauthor: A\nsource: S\n---\n# Heading\n\nBody';
    const content = buildDocumentContent('a.md', raw, { title: 'From sidecar', author: 'B' });
    expect(content.title).toBe('From sidecar');
    expect(content.meta).toEqual({ author: 'B', source: 'S' });
    expect(content.text).toBe('Heading\n\nBody');
  });

  it('a Markdown title falls back to its first heading; no paragraph is promoted', () => {
    const content = buildDocumentContent('a.md', 'Intro\n\n## Real title\n\nIntro');
    expect(content.title).toBe('Real title');
    expect(content.blocks.map((b) => b.kind)).toEqual(['paragraph', 'heading', 'paragraph']);
  });

  it('an empty file gets the file name as title and no blocks', () => {
    expect(buildDocumentContent('notes.txt', '')).toEqual({
      title: 'notes',
      meta: {},
      text: '',
      blocks: [],
      marks: [],
    });
  });

  it('a web page: its article, its stated metadata, a sidecar overriding key by key', () => {
    const page =
      '<title>Page title | Site</title><meta name="author" content="A">' +
      '<meta property="og:site_name" content="Site"><nav><a href="/">Home</a></nav>' +
      '<article><h1>Headline</h1><p>Body <em>text</em>.</p></article>';
    const content = buildDocumentContent('page.html', page, { author: 'B' });
    expect(content).toEqual({
      title: 'Page title | Site',
      meta: { author: 'B', source: 'Site' },
      text: 'Headline\n\nBody text.',
      blocks: [
        { kind: 'heading', start: 0, end: 8, level: 1 },
        { kind: 'paragraph', start: 10, end: 20 },
      ],
      marks: [{ kind: 'em', start: 15, end: 19 }],
    });
    expect(buildDocumentContent('page.htm', '<h2>Only</h2>').title).toBe('Only');
  });

  it('refuses a corpus file, which holds many documents', () => {
    expect(() => buildDocumentContent('c.json', '{"text": "x"}')).toThrow(/holds many documents/);
  });

  it('refuses an unsupported extension, naming the supported ones', () => {
    expect(() => buildDocumentContent('a.docx', 'x')).toThrow(
      'unsupported file type; import .txt, .md, .markdown, .html, .htm, .json, .jsonl files',
    );
  });
});

describe('buildFileDocuments', () => {
  it('a single-document file is one document, its id made from the file name', () => {
    expect(buildFileDocuments('dir/a.txt', 'Title\n\nBody')).toEqual([
      { content: buildDocumentContent('dir/a.txt', 'Title\n\nBody'), idName: 'dir/a.txt' },
    ]);
  });

  it('a corpus record is plain text, like a .txt file; its title heads it when it is a line', () => {
    const raw =
      '{"text": "Headline\\r\\n\\r\\nBody  “text”\u00a0here.", "id": "r1", "title": "Headline", "src": "X"}\n' +
      '\n{"text": "First line\\nsecond"}';
    const documents = buildFileDocuments('news.v2.jsonl', raw);
    expect(documents).toEqual([
      {
        content: {
          title: 'Headline',
          meta: { src: 'X' },
          text: 'Headline\n\nBody  “text”\u00a0here.',
          blocks: [
            { kind: 'heading', start: 0, end: 8, level: 1 },
            { kind: 'paragraph', start: 10, end: 28 },
          ],
          marks: [],
        },
        ownId: 'r1',
        idName: 'news.v2-1.jsonl',
        location: 'line 1',
      },
      {
        content: {
          title: 'First line',
          meta: {},
          text: 'First line\nsecond',
          blocks: [{ kind: 'paragraph', start: 0, end: 17 }],
          marks: [],
        },
        idName: 'news.v2-2.jsonl',
        location: 'line 3',
      },
    ]);
    for (const { content } of documents) expect(structureProblems(content)).toEqual([]);
  });

  it('a .json file of one record takes its id from the file name; of a list, numbered', () => {
    expect(buildFileDocuments('one.json', '{"text": "x"}').map((d) => d.idName)).toEqual([
      'one.json',
    ]);
    expect(buildFileDocuments('many.json', '[{"text": "x"}]').map((d) => d.idName)).toEqual([
      'many-1.json',
    ]);
  });

  it('refuses a sidecar for a corpus', () => {
    expect(() => buildFileDocuments('c.json', '{"text": "x"}', { author: 'A' })).toThrow(
      /a corpus file has no metadata sidecar/,
    );
  });
});
