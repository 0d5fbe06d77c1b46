/**
 * JSON corpora (.json, .jsonl): one file, many documents, as researchers exchange them.
 *
 * - A .json file holds one record, an array of records, or `{ "documents": [records] }`.
 * - A .jsonl file (JSON Lines) holds one record per line; blank lines are allowed.
 * - A record is an object with `text` (a non-empty string: the article, kept exactly as written
 *   but for line endings, as a .txt file is) and optionally `id` (string or number), `title`,
 *   a `meta` object, and further top-level fields. Top-level fields other than text, id, title
 *   and meta, and the entries of `meta`, become the document's metadata as text (numbers and
 *   booleans as written by JSON: `3`, `true`); null values are left out. `meta.id` and
 *   `meta.title` may stand in for `id` and `title`.
 *
 * The file is all or nothing: the first record that cannot be used refuses it, with its place
 * ("line 4" in JSON Lines, "index 3" in an array) and the problem. Also refused: lists or nested
 * objects as metadata values (a flat table cannot hold them), the same key at the top level and
 * in `meta` with different values, two records with the same id (ignoring case), a string that
 * is not valid Unicode (an unpaired surrogate escape) or holds a NUL, more than
 * MAX_CORPUS_RECORDS records.
 */
import { WorkbenchError } from '../api';
import type { DocumentMeta } from '../model';
import { findJsonSyntaxError } from './json-corpus-syntax';
import { metaFromValue } from './meta';
import { stripByteOrderMark } from './structured-text';

/** Records one file may hold: far above any corpus a team annotates, below exhausting memory. */
export const MAX_CORPUS_RECORDS = 100_000;

export type CorpusFormat = 'json' | 'jsonl';

export interface CorpusRecord {
  /** Where the record is in its file, for messages: "line 4", "index 3", "the record". */
  readonly location: string;
  /** The record's own id (`id` or `meta.id`) as text; not checked against SAFE_ID here. */
  readonly id?: string;
  readonly title?: string;
  /** Without id and title. */
  readonly meta: DocumentMeta;
  readonly text: string;
}

export interface JsonCorpus {
  readonly records: CorpusRecord[];
  /** The file is a single record object rather than a list of records. */
  readonly single: boolean;
}

/** Fields of a record that are not metadata. */
const RECORD_FIELDS = new Set(['text', 'id', 'title', 'meta']);

const BLANK_LINE = /^[ \t]*$/;

/**
 * Reads a corpus file. Throws WorkbenchError('invalid_argument') naming the place and the
 * problem; the message does not repeat the file name, which the caller reports alongside it.
 */
export function parseJsonCorpus(raw: string, format: CorpusFormat): JsonCorpus {
  const source = stripByteOrderMark(raw);
  return format === 'jsonl' ? parseJsonLines(source) : parseJsonFile(source);
}

function parseJsonLines(source: string): JsonCorpus {
  const entries: [location: string, value: unknown][] = [];
  source.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (BLANK_LINE.test(line)) return;
    const location = `line ${i + 1}`;
    if (entries.length === MAX_CORPUS_RECORDS) refuse(tooManyRecords());
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      const error = findJsonSyntaxError(line);
      refuse(
        `${location}${error ? `, column ${error.column}` : ''} is not valid JSON` +
          `${error ? `: ${error.problem}` : ''}. Each line must hold one record, {"text": "…"}.`,
      );
    }
    entries.push([location, value]);
  });
  if (entries.length === 0) {
    refuse('holds no records. Write one record per line: {"text": "…", "title": "…"}.');
  }
  return { records: readRecords(entries), single: false };
}

function parseJsonFile(source: string): JsonCorpus {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch {
    const error = findJsonSyntaxError(source);
    refuse(
      error
        ? `is not valid JSON: line ${error.line}, column ${error.column}: ${error.problem}.`
        : 'is not valid JSON.',
    );
  }
  let list: unknown[];
  let place: string;
  if (Array.isArray(value)) {
    list = value;
    place = 'index';
  } else if (isObject(value) && !('text' in value) && 'documents' in value) {
    if (!Array.isArray(value.documents)) {
      refuse(`"documents" is ${describe(value.documents)}; it must be a list of records.`);
    }
    list = value.documents as unknown[];
    place = '"documents" index';
  } else if (isObject(value)) {
    return { records: readRecords([['the record', value]]), single: true };
  } else {
    refuse(
      `holds ${describe(value)}, not records. A .json corpus is one record {"text": "…"}, ` +
        'a list of them, or {"documents": [ … ]}.',
    );
  }
  if (list.length === 0) refuse('holds an empty list: there are no records to import.');
  if (list.length > MAX_CORPUS_RECORDS) refuse(tooManyRecords());
  return { records: readRecords(list.map((entry, i) => [`${place} ${i}`, entry])), single: false };
}

function readRecords(entries: readonly [location: string, value: unknown][]): CorpusRecord[] {
  const ids = new Map<string, string>();
  return entries.map(([location, value]) => {
    const record = readRecord(location, value);
    if (record.id !== undefined) {
      const key = record.id.toLowerCase();
      const first = ids.get(key);
      if (first !== undefined) {
        refuse(
          `${location}: the id "${record.id}" is already the id of ${first}. Ids must be unique ` +
            'within a file (upper and lower case count as the same).',
        );
      }
      ids.set(key, location);
    }
    return record;
  });
}

function readRecord(location: string, value: unknown): CorpusRecord {
  if (!isObject(value)) {
    refuse(
      `${location} is ${describe(value)}, not a record. A record is an object: {"text": "…"}.`,
    );
  }
  const text = value.text;
  if (text === undefined) {
    refuse(`${location} has no "text". Every record needs its article as a string in "text".`);
  }
  if (typeof text !== 'string') {
    refuse(`${location}: "text" is ${describe(text)}; it must be a string (the article).`);
  }
  checkString(text, location, '"text"');
  if (text.trim() === '') {
    refuse(`${location}: "text" is ${text === '' ? 'empty' : 'only whitespace'}.`);
  }

  const nested = metaFromValue(value.meta, `${location}: "meta"`);
  const topLevel = metaFromValue(
    Object.fromEntries(Object.entries(value).filter(([key]) => !RECORD_FIELDS.has(key))),
    location,
  );
  const meta: DocumentMeta = { ...nested };
  for (const [key, entry] of Object.entries(topLevel)) {
    const other = Object.hasOwn(nested, key) ? nested[key] : undefined;
    if (other !== undefined && other !== entry) refuse(twice(location, key, entry, other));
    meta[key] = entry;
  }
  const id = plainField(location, value, 'id', nested.id);
  const title = plainField(location, value, 'title', nested.title);
  delete meta.id;
  delete meta.title;
  for (const [key, entry] of Object.entries(meta)) {
    checkString(key, location, 'a metadata name');
    checkString(entry, location, `"${key}"`);
  }
  return {
    location,
    ...(id === undefined ? {} : { id }),
    ...(title === undefined ? {} : { title }),
    meta,
    text,
  };
}

/**
 * A record's `id` or `title`: a string, or a number written as JSON writes it; `meta.<name>`
 * may give it instead, but not differently. Blank means not given; a title is trimmed, an id
 * is kept exactly as given.
 */
function plainField(
  location: string,
  record: Record<string, unknown>,
  name: 'id' | 'title',
  fromMeta: string | undefined,
): string | undefined {
  const raw = record[name];
  if (raw !== undefined && raw !== null && typeof raw !== 'string' && typeof raw !== 'number') {
    refuse(`${location}: "${name}" is ${describe(raw)}; it must be a string or a number.`);
  }
  const value = raw === undefined || raw === null ? undefined : String(raw);
  if (value !== undefined && fromMeta !== undefined && value !== fromMeta) {
    refuse(twice(location, name, value, fromMeta));
  }
  const given = value ?? fromMeta;
  if (given === undefined || given.trim() === '') return undefined;
  checkString(given, location, `"${name}"`);
  return name === 'title' ? given.trim() : given;
}

function twice(location: string, key: string, top: string, nested: string): string {
  return (
    `${location}: "${key}" is given twice, differently: ${JSON.stringify(top)} at the top ` +
    `level and ${JSON.stringify(nested)} in "meta". Keep one.`
  );
}

/** Text that every consumer of a document can store and hash: valid Unicode, no NUL. */
function checkString(value: string, location: string, what: string): void {
  if (!value.isWellFormed()) {
    refuse(
      `${location}: ${what} is not valid Unicode: it holds an unpaired surrogate ` +
        '(a \\uD800–\\uDFFF escape without its partner).',
    );
  }
  if (value.includes('\0')) refuse(`${location}: ${what} holds a NUL character (\\u0000).`);
}

function tooManyRecords(): string {
  return (
    `holds more than ${MAX_CORPUS_RECORDS.toLocaleString('en-US')} records. ` +
    'Split it into smaller files.'
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}

function refuse(message: string): never {
  throw new WorkbenchError('invalid_argument', message);
}
