/**
 * Turns imported files into document records, in memory: each file becomes a complete record or
 * a rejection with a reason a person can act on — never half a document. Writing is the
 * caller's job (ProjectFolder, initProject), so nothing here touches the disk.
 *
 * A file `<stem>.meta.json` in the same batch is the metadata sidecar of `<stem>.txt` /
 * `<stem>.md` / `<stem>.markdown`: a flat JSON object whose keys override the front matter.
 */
import { createHash } from 'node:crypto';
import { WorkbenchError } from '../../shared/api';
import {
  buildDocumentContent,
  documentFormat,
  SUPPORTED_EXTENSIONS,
  type DocumentContent,
} from '../../shared/documents/document-content';
import { DocumentIdAllocator } from '../../shared/documents/document-id';
import { metaFromValue } from '../../shared/documents/meta';
import {
  DOCUMENT_FORMAT,
  DOCUMENT_VERSION,
  DocumentRecord,
  type DocumentMeta,
} from '../../shared/model';

/** Largest document accepted, in bytes of UTF-8: far above any article, below trouble. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

export const SIDECAR_SUFFIX = '.meta.json';

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
 * Builds a record for every importable file of the batch. `existingIds` are the ids already in
 * the project (every file in documents/, readable or not), so a new id never replaces one.
 * Ids are handed out in the order of `files`, to accepted files only: the same batch into the
 * same project gives the same ids.
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

  const ids = new DocumentIdAllocator(existingIds);
  const documents: DocumentRecord[] = [];
  const usedSidecars = new Set<string>();
  for (const file of documentFiles) {
    const name = baseName(file.name);
    const sidecarKey = stemOf(name).toLowerCase();
    const sidecar = documentFormat(name) ? sidecars.get(sidecarKey) : undefined;
    if (sidecar) usedSidecars.add(sidecarKey);
    try {
      const content = buildContent(name, file.content, sidecar);
      documents.push(
        DocumentRecord.parse({
          format: DOCUMENT_FORMAT,
          version: DOCUMENT_VERSION,
          id: ids.allocate(name),
          ...content,
          sha256: sha256Hex(content.text),
          imported: importedAt,
          sourceFile: name,
        }),
      );
    } catch (error) {
      if (!(error instanceof WorkbenchError)) throw error;
      rejected.push({ file: file.name, message: error.message });
    }
  }
  for (const [key, sidecar] of sidecars) {
    if (usedSidecars.has(key)) continue;
    const name = baseName(sidecar.name);
    rejected.push({
      file: sidecar.name,
      message:
        `"${name}" is a metadata sidecar, but no document named ` +
        `${SUPPORTED_EXTENSIONS.map((ext) => `"${stemOf(name)}${ext}"`).join(' or ')} ` +
        `is in this import. Import it together with its document.`,
    });
  }
  return { documents, rejected };
}

/** Checks one file and builds its content; throws WorkbenchError with the file named. */
function buildContent(
  name: string,
  content: string,
  sidecar: ImportFileInput | undefined,
): DocumentContent {
  const refuse = (message: string): never => {
    throw new WorkbenchError('invalid_argument', message);
  };
  if (!documentFormat(name)) {
    refuse(
      `"${name}" is not a supported file type. Import ${SUPPORTED_EXTENSIONS.join(', ')} ` +
        `files (each with an optional <name>${SIDECAR_SUFFIX} for its metadata).`,
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
  let built: DocumentContent;
  try {
    built = buildDocumentContent(name, content, meta);
  } catch (error) {
    if (error instanceof WorkbenchError) refuse(`"${name}": ${error.message}`);
    throw error;
  }
  if (built.blocks.length === 0) {
    refuse(
      `"${name}" has no text: it is empty or holds only whitespace${
        documentFormat(name) === 'markdown' ? ' (and front matter)' : ''
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
