/**
 * Turns imported files into document records, in memory: each file becomes its complete
 * records (one, or many for a .json/.jsonl corpus) or a rejection with a reason a person can act
 * on — never half a file. Writing is the caller's job (ProjectFolder, initProject), so nothing
 * here touches the disk.
 *
 * A file `<stem>.meta.json` in the same batch is the metadata sidecar of the single-document
 * file `<stem>.txt` / `.md` / `.markdown` / `.html` / `.htm`: a flat JSON object whose keys
 * override the file's own metadata (front matter, page metadata).
 */
import { createHash } from 'node:crypto';
import { WorkbenchError } from '../../shared/api';
import {
  buildFileDocuments,
  CORPUS_EXTENSIONS,
  documentFormat,
  holdsManyDocuments,
  METADATA_SIDECAR_SUFFIX,
  SINGLE_DOCUMENT_EXTENSIONS,
  type FileDocument,
} from '../../shared/documents/document-content';
import { DocumentIdAllocator, documentIdBase } from '../../shared/documents/document-id';
import { metaFromValue } from '../../shared/documents/meta';
import {
  DOCUMENT_FORMAT,
  DOCUMENT_VERSION,
  DocumentRecord,
  SAFE_ID,
  type DocumentMeta,
} from '../../shared/model';

/** Largest document accepted, in bytes of UTF-8: far above any article, below trouble. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

export const SIDECAR_SUFFIX = METADATA_SIDECAR_SUFFIX;

export interface ImportFileInput {
  /** The file's name (a path is reduced to its base name). */
  readonly name: string;
  readonly content: string;
}

export interface Rejection {
  readonly file: string;
  readonly message: string;
}

export interface PreparedImport {
  readonly documents: DocumentRecord[];
  readonly rejected: Rejection[];
}

/** Hex SHA-256 of the UTF-8 bytes of `text`. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** "4.2 MB", rounded up: a file just over the limit must not read as "20.0 MB" too. */
function formatMegabytes(bytes: number): string {
  return `${(Math.ceil((bytes / (1024 * 1024)) * 10) / 10).toFixed(1)} MB`;
}

export function oversizedMessage(file: string, bytes: number): string {
  return (
    `"${file}" is ${formatMegabytes(bytes)}; a document may be at most ` +
    `${formatMegabytes(MAX_DOCUMENT_BYTES)}. Split it into smaller files.`
  );
}

/**
 * Builds the records of every importable file of the batch. `existingIds` are the ids already
 * in the project (every file in documents/, readable or not), so a new id never replaces one.
 *
 * Ids go to accepted files only, so that the same batch into the same project gives the same
 * ids: first every corpus record that states a usable id (see ownIdIsUsable) not yet taken
 * gets it, in file order; then every other document gets one derived from its file name, in
 * file order. A record whose own id could not be used keeps it as `meta.id`.
 */
export function prepareImport(
  files: readonly ImportFileInput[],
  existingIds: Iterable<string>,
  importedAt: string,
): PreparedImport {
  const rejected: Rejection[] = [];
  const sidecars = new Map<string, ImportFileInput>();
  const documentFiles: ImportFileInput[] = [];
  for (const file of files) {
    const name = baseName(file.name);
    if (!name.toLowerCase().endsWith(SIDECAR_SUFFIX)) {
      documentFiles.push(file);
    } else if (sidecars.has(stemOf(name).toLowerCase())) {
      rejected.push({ file: file.name, message: `"${name}" appears twice in this import.` });
    } else {
      sidecars.set(stemOf(name).toLowerCase(), file);
    }
  }

  const accepted: { name: string; documents: FileDocument[] }[] = [];
  const usedSidecars = new Set<string>();
  const corpusStems = new Map<string, string>();
  for (const file of documentFiles) {
    const name = baseName(file.name);
    const format = documentFormat(name);
    const sidecarKey = stemOf(name).toLowerCase();
    if (format && holdsManyDocuments(format)) corpusStems.set(sidecarKey, name);
    const sidecar = format && !holdsManyDocuments(format) ? sidecars.get(sidecarKey) : undefined;
    if (sidecar) usedSidecars.add(sidecarKey);
    try {
      accepted.push({ name, documents: buildDocuments(name, file.content, sidecar) });
    } catch (error) {
      if (!(error instanceof WorkbenchError)) throw error;
      rejected.push({ file: file.name, message: error.message });
    }
  }

  const ids = allocateIds(
    accepted.flatMap((file) => file.documents),
    existingIds,
  );
  const documents: DocumentRecord[] = [];
  for (const { name, documents: built } of accepted) {
    for (const document of built) {
      const id = ids.get(document)!;
      const { content } = document;
      const meta =
        document.ownId !== undefined && document.ownId !== id
          ? { ...content.meta, id: document.ownId }
          : content.meta;
      documents.push(
        DocumentRecord.parse({
          format: DOCUMENT_FORMAT,
          version: DOCUMENT_VERSION,
          id,
          ...content,
          meta,
          sha256: sha256Hex(content.text),
          imported: importedAt,
          sourceFile: name,
        }),
      );
    }
  }

  for (const [key, sidecar] of sidecars) {
    if (usedSidecars.has(key)) continue;
    rejected.push({ file: sidecar.name, message: orphanSidecarMessage(sidecar, corpusStems) });
  }
  return { documents, rejected };
}

/** Every document's id, in the order described at prepareImport. */
function allocateIds(
  documents: readonly FileDocument[],
  existingIds: Iterable<string>,
): Map<FileDocument, string> {
  const existing = [...existingIds];
  const taken = new Set(existing.map((id) => id.toLowerCase()));
  const ids = new Map<FileDocument, string>();
  for (const document of documents) {
    const id = document.ownId;
    if (id === undefined || !ownIdIsUsable(id) || taken.has(id.toLowerCase())) continue;
    taken.add(id.toLowerCase());
    ids.set(document, id);
  }
  const derived = new DocumentIdAllocator([...existing, ...ids.values()]);
  for (const document of documents) {
    if (!ids.has(document)) ids.set(document, derived.allocate(document.idName));
  }
  return ids;
}

/**
 * A record's own id becomes its document id when a file name could have asked for it: a
 * SAFE_ID that is its own documentIdBase (so at most 100 characters, leaving room for a
 * suffix, and not a name Windows reserves for a device, like "con").
 */
function ownIdIsUsable(id: string): boolean {
  return SAFE_ID.test(id) && documentIdBase(id) === id;
}

function orphanSidecarMessage(sidecar: ImportFileInput, corpusStems: Map<string, string>): string {
  const name = baseName(sidecar.name);
  const corpus = corpusStems.get(stemOf(name).toLowerCase());
  if (corpus !== undefined) {
    return (
      `"${name}" is a metadata sidecar, but "${corpus}" is a corpus of many documents, which ` +
      'has none. Give each record its own metadata fields instead.'
    );
  }
  return (
    `"${name}" is a metadata sidecar, but no document named ` +
    `${SINGLE_DOCUMENT_EXTENSIONS.map((ext) => `"${stemOf(name)}${ext}"`).join(' or ')} ` +
    `is in this import. Import it together with its document.`
  );
}

/**
 * Checks one file and builds its documents; throws WorkbenchError with the file named (and, in
 * a corpus, the record's place).
 */
function buildDocuments(
  name: string,
  content: string,
  sidecar: ImportFileInput | undefined,
): FileDocument[] {
  const refuse = (message: string): never => {
    throw new WorkbenchError('invalid_argument', message);
  };
  const format = documentFormat(name);
  if (!format) {
    refuse(
      `"${name}" is not a supported file type. Import ${SINGLE_DOCUMENT_EXTENSIONS.join(', ')} ` +
        `files (each with an optional <name>${SIDECAR_SUFFIX} for its metadata), or ` +
        `${CORPUS_EXTENSIONS.join(', ')} corpora of many documents.`,
    );
  }
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > MAX_DOCUMENT_BYTES) refuse(oversizedMessage(name, bytes));
  if (content.includes('\0')) {
    refuse(`"${name}" contains NUL bytes: it looks like a binary file, not text.`);
  }
  if (content.includes('\uFFFD') || !content.isWellFormed()) {
    refuse(
      `"${name}" is not valid UTF-8 text: it contains replacement characters (U+FFFD) where ` +
        `bytes could not be decoded. Save it as UTF-8 and import it again.`,
    );
  }
  const meta = sidecar ? readSidecar(name, sidecar) : {};
  let built: FileDocument[];
  try {
    built = buildFileDocuments(name, content, meta);
  } catch (error) {
    if (error instanceof WorkbenchError) refuse(`"${name}": ${error.message}`);
    throw error;
  }
  // A corpus refuses a record without text itself; this is for the single-document formats.
  if (built.some((document) => document.content.blocks.length === 0)) {
    refuse(
      format === 'html'
        ? `"${name}" has no article text: nothing readable is left once navigation, scripts, ` +
            'forms, hidden parts and other page furniture are left out.'
        : `"${name}" has no text: it is empty or holds only whitespace${
            format === 'markdown' ? ' (and front matter)' : ''
          }.`,
    );
  }
  return built;
}

function readSidecar(documentName: string, sidecar: ImportFileInput): DocumentMeta {
  const name = baseName(sidecar.name);
  let value: unknown;
  try {
    value = JSON.parse(sidecar.content);
  } catch (error) {
    throw new WorkbenchError(
      'invalid_argument',
      `"${name}" (the metadata of "${documentName}") is not valid JSON: ` +
        `${(error as Error).message}. Fix it or leave it out.`,
    );
  }
  return metaFromValue(value, `"${name}" (the metadata of "${documentName}")`);
}

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

/** The name without its extension; for a sidecar, without `.meta.json`. */
function stemOf(name: string): string {
  return name.toLowerCase().endsWith(SIDECAR_SUFFIX)
    ? name.slice(0, -SIDECAR_SUFFIX.length)
    : name.replace(/\.[^.]*$/, '');
}
