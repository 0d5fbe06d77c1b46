import { describe, expect, it } from 'vitest';
import { MAX_CORPUS_RECORDS, parseJsonCorpus, type CorpusFormat } from './json-corpus';

describe('parseJsonCorpus', () => {
  it.each<{ name: string; format: CorpusFormat; raw: string; single?: boolean; records: object[] }>(
    [
      {
        name: 'one record object',
        format: 'json',
        raw: '{"text": "Body", "title": "T", "id": "a1"}',
        single: true,
        records: [{ location: 'the record', id: 'a1', title: 'T', meta: {}, text: 'Body' }],
      },
      {
        name: 'an array of records',
        format: 'json',
        raw: '[{"text": "One"}, {"text": "Two", "id": 7}]',
        records: [
          { location: 'index 0', meta: {}, text: 'One' },
          { location: 'index 1', id: '7', meta: {}, text: 'Two' },
        ],
      },
      {
        name: 'a "documents" wrapper (its other fields are not records)',
        format: 'json',
        raw: '{"version": 2, "documents": [{"text": "One"}]}',
        records: [{ location: '"documents" index 0', meta: {}, text: 'One' }],
      },
      {
        name: 'JSON Lines with blank lines, CRLF and a byte order mark',
        format: 'jsonl',
        raw: '\uFEFF{"text": "One"}\r\n\r\n  \t\n{"text": "Two"}\n',
        records: [
          { location: 'line 1', meta: {}, text: 'One' },
          { location: 'line 4', meta: {}, text: 'Two' },
        ],
      },
      {
        name: 'metadata: top-level fields and "meta", plain values as text, nulls left out',
        format: 'jsonl',
        raw:
          '{"text": "x", "source": "Reuters", "pages": 3, "paywall": false, "section": null, ' +
          '"meta": {"author": "A", "score": 0.5, "author_id": null}}',
        records: [
          {
            location: 'line 1',
            meta: { source: 'Reuters', pages: '3', paywall: 'false', author: 'A', score: '0.5' },
            text: 'x',
          },
        ],
      },
      {
        name: 'meta.id and meta.title stand in for id and title; the same value twice is fine',
        format: 'jsonl',
        raw:
          '{"text": "x", "meta": {"id": "m1", "title": "Meta title"}}\n' +
          '{"text": "y", "id": "m2", "meta": {"id": "m2", "author": "B"}, "author": "B"}',
        records: [
          { location: 'line 1', id: 'm1', title: 'Meta title', meta: {}, text: 'x' },
          { location: 'line 2', id: 'm2', meta: { author: 'B' }, text: 'y' },
        ],
      },
      {
        name: 'text is kept exactly; a title is trimmed; an id is not',
        format: 'json',
        raw: '{"text": "  “Quoted”\\u00a0 ©\\r\\n  text  ", "title": "  T  ", "id": " spaced "}',
        single: true,
        records: [
          {
            location: 'the record',
            id: ' spaced ',
            title: 'T',
            meta: {},
            text: '  “Quoted”\u00a0 ©\r\n  text  ',
          },
        ],
      },
      {
        name: 'blank ids and titles count as not given',
        format: 'json',
        raw: '[{"text": "x", "id": "", "title": " "}]',
        records: [{ location: 'index 0', meta: {}, text: 'x' }],
      },
    ],
  )('reads $name', ({ format, raw, single = false, records }) => {
    expect(parseJsonCorpus(raw, format)).toEqual({ records, single });
  });

  it.each<{ reason: string; format: CorpusFormat; raw: string; message: RegExp }>([
    {
      reason: 'malformed JSON, with line and column',
      format: 'json',
      raw: '[\n  {"text": "a"},\n  {"text": "b",}\n]',
      message: /^is not valid JSON: line 3, column 16: a comma before "}": JSON does not allow/,
    },
    {
      reason: 'a malformed line, with its column',
      format: 'jsonl',
      raw: '{"text": "a"}\n{"text": \'b\'}',
      message: /^line 2, column 10 is not valid JSON: strings must be in double quotes/,
    },
    {
      reason: 'an empty .json file',
      format: 'json',
      raw: ' \n',
      message: /^is not valid JSON: line 2, column 1: there is no JSON value/,
    },
    {
      reason: 'a .jsonl file of blank lines',
      format: 'jsonl',
      raw: '\n \n',
      message: /^holds no records\. Write one record per line/,
    },
    {
      reason: 'an empty array',
      format: 'json',
      raw: '[]',
      message: /^holds an empty list/,
    },
    {
      reason: 'a top-level value that is not a record',
      format: 'json',
      raw: '"just text"',
      message: /^holds a string, not records\. A \.json corpus is one record/,
    },
    {
      reason: '"documents" that is not a list',
      format: 'json',
      raw: '{"documents": {"text": "x"}}',
      message: /^"documents" is an object; it must be a list of records\./,
    },
    {
      reason: 'a record that is not an object',
      format: 'json',
      raw: '[{"text": "a"}, "b"]',
      message: /^index 1 is a string, not a record\./,
    },
    {
      reason: 'a line holding a list',
      format: 'jsonl',
      raw: '[{"text": "a"}]',
      message: /^line 1 is a list, not a record\./,
    },
    {
      reason: 'missing text',
      format: 'jsonl',
      raw: '{"text": "a"}\n\n{"title": "b"}',
      message: /^line 3 has no "text"\. Every record needs its article as a string in "text"\./,
    },
    {
      reason: 'text of the wrong type',
      format: 'json',
      raw: '{"documents": [{"text": ["a"]}]}',
      message: /^"documents" index 0: "text" is a list; it must be a string/,
    },
    {
      reason: 'empty text',
      format: 'json',
      raw: '[{"text": ""}]',
      message: /^index 0: "text" is empty\.$/,
    },
    {
      reason: 'whitespace-only text',
      format: 'json',
      raw: '[{"text": " \\n\\u00a0"}]',
      message: /^index 0: "text" is only whitespace\.$/,
    },
    {
      reason: 'an id of the wrong type',
      format: 'jsonl',
      raw: '{"text": "a", "id": {"n": 1}}',
      message: /^line 1: "id" is an object; it must be a string or a number\./,
    },
    {
      reason: 'a title of the wrong type',
      format: 'jsonl',
      raw: '{"text": "a", "title": true}',
      message: /^line 1: "title" is a boolean; it must be a string or a number\./,
    },
    {
      reason: 'id and meta.id that differ',
      format: 'jsonl',
      raw: '{"text": "a", "id": "x", "meta": {"id": "y"}}',
      message: /^line 1: "id" is given twice, differently: "x" at the top level and "y" in "meta"/,
    },
    {
      reason: 'a metadata key at the top level and in meta, differently',
      format: 'jsonl',
      raw: '{"text": "a", "author": "A", "meta": {"author": "B"}}',
      message: /^line 1: "author" is given twice, differently/,
    },
    {
      reason: 'a nested metadata value at the top level',
      format: 'jsonl',
      raw: '{"text": "a", "tags": ["x", "y"]}',
      message: /^line 1: "tags" is a list; only plain values/,
    },
    {
      reason: 'a nested value in meta',
      format: 'json',
      raw: '[{"text": "a", "meta": {"who": {"first": "A"}}}]',
      message: /^index 0: "meta": "who" is a nested map; only plain values/,
    },
    {
      reason: 'meta that is not an object',
      format: 'json',
      raw: '[{"text": "a", "meta": "x"}]',
      message: /^index 0: "meta" must be a set of "key: value" pairs, not a string\./,
    },
    {
      reason: 'duplicate ids, ignoring case',
      format: 'jsonl',
      raw: '{"text": "a", "id": "Doc-1"}\n{"text": "b", "id": "x"}\n{"text": "c", "id": "doc-1"}',
      message: /^line 3: the id "doc-1" is already the id of line 1\. Ids must be unique/,
    },
    {
      reason: 'an unpaired surrogate escape in the text',
      format: 'jsonl',
      raw: '{"text": "bad \\ud800 half"}',
      message: /^line 1: "text" is not valid Unicode: it holds an unpaired surrogate/,
    },
    {
      reason: 'a NUL escape in metadata',
      format: 'jsonl',
      raw: '{"text": "a", "source": "x\\u0000y"}',
      message: /^line 1: "source" holds a NUL character/,
    },
  ])('refuses $reason', ({ format, raw, message }) => {
    expect(() => parseJsonCorpus(raw, format)).toThrow(message);
  });

  it.each<CorpusFormat>(['json', 'jsonl'])(
    'refuses more than MAX_CORPUS_RECORDS records in .%s, and accepts exactly that many',
    (format) => {
      const corpus = (n: number) => {
        const records = Array.from({ length: n }, () => '{"text":"a"}');
        return format === 'json' ? `[${records.join(',')}]` : records.join('\n');
      };
      expect(parseJsonCorpus(corpus(MAX_CORPUS_RECORDS), format).records).toHaveLength(
        MAX_CORPUS_RECORDS,
      );
      expect(() => parseJsonCorpus(corpus(MAX_CORPUS_RECORDS + 1), format)).toThrow(
        'holds more than 100,000 records. Split it into smaller files.',
      );
    },
  );
});
