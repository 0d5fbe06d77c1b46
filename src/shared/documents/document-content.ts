/**
 * From an imported file to the content of its documents: format by extension, canonical text
 * and structure, metadata (front matter or page metadata, then the sidecar), title. A .txt, .md
 * or .html file is one document; a .json or .jsonl corpus holds many. Pure: the main side adds
 * ids, the SHA-256 and the import time, and does the file-level checks (size, binary).
 */
import { WorkbenchError } from '../api';
import type { Block, DocumentMeta, InlineMark } from '../model';
import { parseHtml } from './html';
import { parseJsonCorpus, type CorpusRecord } from './json-corpus';
import { parseMarkdown } from './markdown';
import { parsePlainText } from './plain-text';
import { chooseTitle, markTitleHeading } from './title';

/** The extensions of files that are one document each, and so may have a metadata sidecar. */
export const SINGLE_DOCUMENT_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm'] as const;

/** The extensions of corpus files: many documents in one file, each with its own metadata. */
export const CORPUS_EXTENSIONS = ['.json', '.jsonl'] as const;

export const SUPPORTED_EXTENSIONS = [...SINGLE_DOCUMENT_EXTENSIONS, ...CORPUS_EXTENSIONS] as const;

/** `<stem>.meta.json` is the metadata sidecar of `<stem>.txt` etc., never a corpus. */
export const METADATA_SIDECAR_SUFFIX = '.meta.json';

export type DocumentFormat = 'plain' | 'markdown' | 'html' | 'json' | 'jsonl';

const FORMAT_BY_EXTENSION: Readonly<Record<string, DocumentFormat>> = {
  '.txt': 'plain',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.json': 'json',
  '.jsonl': 'jsonl',
};

export interface DocumentContent {
  readonly title: string;
  /** Without `title`, which is the record's own field. */
  readonly meta: DocumentMeta;
  readonly text: string;
  readonly blocks: Block[];
  readonly marks: InlineMark[];
}

/** One document of an imported file, with what its id is to be made from. */
export interface FileDocument {
  readonly content: DocumentContent;
  /** The id the document states for itself (a corpus record's `id`), as given. */
  readonly ownId?: string;
  /**
   * The name a derived id comes from (see documentIdBase): the file's name, or for the n-th
   * record of a list of records (1-based), the file's name with "-<n>" before its extension.
   */
  readonly idName: string;
  /** Where the document is in its file ("line 4", "index 3"), for a multi-document file. */
  readonly location?: string;
}

/**
 * The format a file name's extension stands for (case-insensitive), or undefined. A metadata
 * sidecar (`.meta.json`) is not a document.
 */
export function documentFormat(fileName: string): DocumentFormat | undefined {
  if (fileName.toLowerCase().endsWith(METADATA_SIDECAR_SUFFIX)) return undefined;
  const extension = /\.[^./\\]*$/.exec(fileName)?.[0].toLowerCase();
  return extension === undefined ? undefined : FORMAT_BY_EXTENSION[extension];
}

/** Whether files of `format` are corpora of many records rather than one document. */
export function holdsManyDocuments(format: DocumentFormat): boolean {
  return format === 'json' || format === 'jsonl';
}

/**
 * Builds every document of one file, in file order. `sidecarMeta` (from `<name>.meta.json`)
 * applies to a single-document file only. Throws WorkbenchError('invalid_argument') for an
 * unsupported extension or content that cannot be read (front matter, a corpus record); the
 * message does not repeat the file name, which the caller reports alongside it.
 */
export function buildFileDocuments(
  fileName: string,
  raw: string,
  sidecarMeta: DocumentMeta = {},
): FileDocument[] {
  const format = requireFormat(fileName);
  if (format !== 'json' && format !== 'jsonl') {
    return [{ content: buildDocumentContent(fileName, raw, sidecarMeta), idName: fileName }];
  }
  if (Object.keys(sidecarMeta).length > 0) {
    throw new WorkbenchError(
      'invalid_argument',
      'a corpus file has no metadata sidecar; give each record its own metadata fields',
    );
  }
  const { records, single } = parseJsonCorpus(raw, format);
  const extension = /\.[^./\\]*$/.exec(fileName)![0];
  return records.map((record, i) => ({
    content: recordContent(fileName, record),
    ...(record.id === undefined ? {} : { ownId: record.id }),
    idName: single ? fileName : `${fileName.slice(0, -extension.length)}-${i + 1}${extension}`,
    location: record.location,
  }));
}

/**
 * Builds the content of a single-document file (.txt, .md, .html). `sidecarMeta` overrides the
 * file's own metadata key by key; a `title` in either sets the title. Throws as
 * buildFileDocuments does, and for a corpus format.
 */
export function buildDocumentContent(
  fileName: string,
  raw: string,
  sidecarMeta: DocumentMeta = {},
): DocumentContent {
  const format = requireFormat(fileName);
  switch (format) {
    case 'plain':
      return plainContent(fileName, raw, sidecarMeta);
    case 'markdown':
    case 'html': {
      const parsed = format === 'markdown' ? parseMarkdown(raw) : parseHtml(raw);
      const merged: DocumentMeta = { ...parsed.meta, ...sidecarMeta };
      const title = chooseTitle({
        meta: merged,
        text: parsed.text,
        blocks: parsed.blocks,
        fileName,
      });
      const meta = { ...merged };
      delete meta.title;
      return { title, meta, text: parsed.text, blocks: parsed.blocks, marks: parsed.marks };
    }
    case 'json':
    case 'jsonl':
      throw new WorkbenchError(
        'invalid_argument',
        'a corpus file holds many documents; build them with buildFileDocuments',
      );
  }
}

function requireFormat(fileName: string): DocumentFormat {
  const format = documentFormat(fileName);
  if (format === undefined) {
    throw new WorkbenchError(
      'invalid_argument',
      `unsupported file type; import ${SUPPORTED_EXTENSIONS.join(', ')} files`,
    );
  }
  return format;
}

/**
 * Plain text, from a .txt file or a corpus record: the text as written (line endings
 * normalised), paragraphs as blocks, and the paragraph that is the title as its heading.
 */
function plainContent(fileName: string, raw: string, givenMeta: DocumentMeta): DocumentContent {
  const parsed = parsePlainText(raw);
  const title = chooseTitle({
    meta: givenMeta,
    text: parsed.text,
    blocks: parsed.blocks,
    fileName,
  });
  const meta = { ...givenMeta };
  delete meta.title;
  const blocks = markTitleHeading(parsed.text, parsed.blocks, title);
  return { title, meta, text: parsed.text, blocks, marks: parsed.marks };
}

function recordContent(fileName: string, record: CorpusRecord): DocumentContent {
  const meta = record.title === undefined ? record.meta : { ...record.meta, title: record.title };
  return plainContent(fileName, record.text, meta);
}
