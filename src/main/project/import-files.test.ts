import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DocumentRecord } from '../../shared/model';
import { MAX_DOCUMENT_BYTES, prepareImport, type ImportFileInput } from './import-files';

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
      message: /^"report\.pdf" is not a supported file type\. Import \.txt, \.md, \.markdown files/,
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
      message: /is a metadata sidecar, but no document named "lost\.txt" or "lost\.md" or/,
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

  it('accepts a document of exactly the size limit', () => {
    const content = 'a'.repeat(MAX_DOCUMENT_BYTES);
    expect(prepare([{ name: 'max.txt', content }]).rejected).toEqual([]);
  });
});
