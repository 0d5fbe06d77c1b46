/**
 * Reads files named by paths (the CLI, a file dialog, a corpus folder) into the
 * `{ name, content }` form that import takes, refusing what is not a readable text file.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { documentFormat, holdsManyDocuments } from '../../shared/documents/document-content';
import {
  MAX_DOCUMENT_BYTES,
  oversizedMessage,
  SIDECAR_SUFFIX,
  type ImportFileInput,
  type Rejection,
} from './import-files';

export interface ReadFiles {
  readonly files: ImportFileInput[];
  /** `file` is the path as given. */
  readonly rejected: Rejection[];
}

/**
 * Reads each path as UTF-8. A single-document file's `<stem>.meta.json` beside it is read too,
 * so that its metadata comes along without being named (a .json/.jsonl corpus has none).
 * Refused: a missing path, a folder, anything that is not a regular file (symlinks are followed
 * to what they point at), a file over the size limit (refused before it is read), bytes that
 * are not valid UTF-8.
 */
export async function readImportFiles(paths: readonly string[]): Promise<ReadFiles> {
  const files: ImportFileInput[] = [];
  const rejected: Rejection[] = [];
  const seen = new Set<string>();
  const add = async (path: string, optional: boolean): Promise<void> => {
    if (seen.has(path)) return;
    seen.add(path);
    const result = await readOne(path, optional);
    if (result === null) return;
    if (typeof result === 'string') rejected.push({ file: path, message: result });
    else files.push(result);
  };
  for (const path of paths) {
    await add(path, false);
    const format = documentFormat(path);
    if (format && !holdsManyDocuments(format)) {
      await add(
        join(dirname(path), `${basename(path).replace(/\.[^.]*$/, '')}${SIDECAR_SUFFIX}`),
        true,
      );
    }
  }
  return { files, rejected };
}

/**
 * The paths of a corpus folder's documents and sidecars (not its subfolders), sorted by name so
 * that ids are handed out in a stable order.
 */
export async function listCorpusFolder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => entry.name)
    .filter((name) => documentFormat(name) || name.toLowerCase().endsWith(SIDECAR_SUFFIX))
    .sort()
    .map((name) => join(dir, name));
}

/** The file, a reason it cannot be imported, or null for an optional file that is absent. */
async function readOne(path: string, optional: boolean): Promise<ImportFileInput | string | null> {
  const name = basename(path);
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return `"${path}" is a folder. Choose the files inside it.`;
    if (!info.isFile()) return `"${path}" is not a regular file.`;
    if (info.size > MAX_DOCUMENT_BYTES) return oversizedMessage(name, info.size);
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      return optional ? null : `"${path}" does not exist.`;
    if (code === 'EACCES' || code === 'EPERM')
      return `"${path}" cannot be read: permission denied.`;
    return `"${path}" cannot be read: ${(error as Error).message}`;
  }
  try {
    // ignoreBOM keeps a byte order mark in the string, so that import strips it in one place.
    const content = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { name, content };
  } catch {
    return (
      `"${path}" is not valid UTF-8 text (it may be a binary file, or text in another ` +
      `encoding such as Windows-1252). Save it as UTF-8 and import it again.`
    );
  }
}
