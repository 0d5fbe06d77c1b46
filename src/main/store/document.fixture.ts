/**
 * Builds valid DocumentRecords for the store's tests, crash fixture and benchmark (the store
 * only needs `id` and `text`, but it is handed whole records, as the services will do).
 */
import { createHash } from 'node:crypto';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, DocumentRecord } from '../../shared/model';

export function makeDocument(id: string, text: string): DocumentRecord {
  return DocumentRecord.parse({
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    id,
    title: `Test document ${id}`,
    meta: {},
    text,
    blocks: [{ kind: 'paragraph', start: 0, end: text.length }],
    marks: [],
    sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
    imported: '2024-01-01T00:00:00.000Z',
  });
}
