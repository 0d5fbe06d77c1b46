/**
 * From an imported file to the content of a document record: format by extension, canonical
 * text and structure, metadata (front matter, then the sidecar), title. Pure: the main side adds
 * the id, the SHA-256 and the import time, and does the file-level checks (size, binary).
 */
import { WorkbenchError } from '../api';
import type { Block, DocumentMeta, InlineMark } from '../model';
import { parseMarkdown } from './markdown';
import { parsePlainText } from './plain-text';
import { chooseTitle, markTitleHeading } from './title';

export const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.markdown'] as const;

export type DocumentFormat = 'plain' | 'markdown';

export interface DocumentContent {
  readonly title: string;
  /** Without `title`, which is the record's own field. */
  readonly meta: DocumentMeta;
  readonly text: string;
  readonly blocks: Block[];
  readonly marks: InlineMark[];
}

/** The format a file name's extension stands for (case-insensitive), or undefined. */
export function documentFormat(fileName: string): DocumentFormat | undefined {
  const extension = /\.[^./\\]*$/.exec(fileName)?.[0].toLowerCase();
  if (extension === '.txt') return 'plain';
  if (extension === '.md' || extension === '.markdown') return 'markdown';
  return undefined;
}

/**
 * Builds the content of one document. `sidecarMeta` (from `<name>.meta.json`) overrides front
 * matter key by key; a `title` in either sets the title. Throws WorkbenchError('invalid_argument')
 * for an unsupported extension or unreadable front matter; the message does not repeat the file
 * name, which the caller reports alongside it.
 */
export function buildDocumentContent(
  fileName: string,
  raw: string,
  sidecarMeta: DocumentMeta = {},
): DocumentContent {
  const format = documentFormat(fileName);
  if (format === undefined) {
    throw new WorkbenchError(
      'invalid_argument',
      `unsupported file type; import ${SUPPORTED_EXTENSIONS.join(', ')} files`,
    );
  }
  const parsed = format === 'markdown' ? parseMarkdown(raw) : { ...parsePlainText(raw), meta: {} };
  const merged: DocumentMeta = { ...parsed.meta, ...sidecarMeta };
  const title = chooseTitle({ meta: merged, text: parsed.text, blocks: parsed.blocks, fileName });
  const meta = { ...merged };
  delete meta.title;
  const blocks =
    format === 'plain' ? markTitleHeading(parsed.text, parsed.blocks, title) : parsed.blocks;
  return { title, meta, text: parsed.text, blocks, marks: parsed.marks };
}
