/**
 * Writes an export to disk: one file, or a folder of files (brat, CoNLL, CSV, GraphML), every
 * file atomically (atomic-write.ts: temp file, fsync, rename), so a reader never sees a torn one.
 *
 * A folder export never touches a file it did not write. The folder must be new or empty, or
 * hold a previous export of the same format — recognised by EXPORT_MANIFEST, which lists every
 * file the export wrote with the SHA-256 of each version written. Writing into such a folder:
 * - refuses (writing nothing) when a file it would replace or remove was changed since it was
 *   written (someone edited an .ann in brat, say), or is a file the export never wrote;
 * - replaces the files of the previous export, and removes those of its files the new export no
 *   longer has (a document left out this time), but only when unchanged since written;
 * - leaves every other file alone (a README someone put beside the export).
 * The manifest names the versions of the previous and the new export while files are replaced,
 * so that an export cut short (a crash, a full disk) can simply be run again.
 */
import { createHash } from 'node:crypto';
import { lstat, readFile, readdir, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { z } from 'zod';
import { WorkbenchError, type ExportPayload } from '../../shared/api';
import type { ExportFile } from '../../shared/formats/bundle';
import { resolveInside } from '../project/safe-path';
import { writeFileAtomic } from '../store/atomic-write';

export const EXPORT_MANIFEST = '.workbench-export.json';

const Manifest = z.object({
  format: z.literal('workbench.export-folder'),
  version: z.literal(1),
  /** The export format of the folder: json, csv, brat… */
  exportFormat: z.string(),
  exportedAt: z.string(),
  /** Path → SHA-256 (hex) of every version of the file an export wrote and may replace. */
  files: z.record(z.string(), z.array(z.string())),
});
type Manifest = z.infer<typeof Manifest>;

/** Files written at once: fsyncs overlap, which is most of the time of a many-file export. */
const PARALLEL_WRITES = 8;
/** Paths listed in a refusal before "and N more". */
const LISTED = 8;

/** Writes a finished export at `path`: the file, or the folder of files. */
export async function writeExport(
  payload: ExportPayload,
  path: string,
  exportFormat: string,
  exportedAt: string,
): Promise<FolderWriteReport> {
  if (payload.kind === 'file') {
    await writeExportFile(path, payload.content);
    return { written: 1, removed: [] };
  }
  return writeExportFolder(path, exportFormat, payload.files, exportedAt);
}

/** Writes a single-file export. Replaces an existing file at `path` (a folder there is refused). */
export async function writeExportFile(path: string, content: string): Promise<void> {
  const existing = await stat(path).catch(() => null);
  if (existing?.isDirectory()) {
    throw new WorkbenchError(
      'invalid_argument',
      `${path} is a folder; this format is one file: give a file name (e.g. ${join(path, 'export.json')}).`,
    );
  }
  await writeFileAtomic(path, content);
}

export interface FolderWriteReport {
  written: number;
  /** Files of the previous export that this one no longer has, removed (relative paths). */
  removed: string[];
}

/** Writes a multi-file export into `dir` as the module comment says. */
export async function writeExportFolder(
  dir: string,
  exportFormat: string,
  files: readonly ExportFile[],
  exportedAt: string,
): Promise<FolderWriteReport> {
  const existing = await stat(dir).catch(() => null);
  if (existing && !existing.isDirectory()) {
    throw new WorkbenchError(
      'invalid_argument',
      `${dir} is a file; a ${exportFormat} export is a folder of files: give a folder that is new or empty.`,
    );
  }
  const present = existing ? await listFiles(dir) : new Map<string, 'file' | 'other'>();
  present.delete(EXPORT_MANIFEST);
  const previous = await readManifest(dir);
  if (present.size > 0 && previous === null) {
    throw new WorkbenchError(
      'conflict',
      `${dir} is not empty and holds no earlier export of the workbench; nothing was written. Choose a new or empty folder, so that no file of yours is overwritten.`,
    );
  }
  if (previous !== null && previous.exportFormat !== exportFormat) {
    throw new WorkbenchError(
      'conflict',
      `${dir} holds a ${previous.exportFormat} export; nothing was written. Choose another folder for the ${exportFormat} export.`,
    );
  }

  const next = new Map(files.map((f) => [f.path, { content: f.content, sha: sha256(f.content) }]));
  const known = previous?.files ?? {};
  const changed: string[] = [];
  const notOurs: string[] = [];
  const stale: string[] = [];
  for (const [path, kind] of present) {
    const versions = known[path];
    if (!next.has(path) && versions === undefined) continue; // someone else's file: left alone
    if (versions === undefined || kind !== 'file') {
      notOurs.push(path);
      continue;
    }
    if (!versions.includes(sha256(await readFile(join(dir, path), 'utf8')))) changed.push(path);
    else if (!next.has(path)) stale.push(path);
  }
  if (notOurs.length > 0 || changed.length > 0) {
    const parts = [
      changed.length > 0 &&
        `changed since the workbench wrote ${changed.length === 1 ? 'it' : 'them'}: ${list(changed)}`,
      notOurs.length > 0 && `not written by the workbench: ${list(notOurs)}`,
    ].filter(Boolean);
    throw new WorkbenchError(
      'conflict',
      `The export would overwrite or remove files in ${dir} that are ${parts.join('; and ')}. Nothing was written: move those files away, or choose another folder.`,
    );
  }

  // While files are replaced, both versions count as the workbench's.
  const during: Manifest['files'] = { ...known };
  for (const [path, { sha }] of next) during[path] = [...new Set([...(known[path] ?? []), sha])];
  await writeManifest(dir, exportFormat, exportedAt, during);

  const queue = [...next];
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      const [path, { content }] = item;
      await writeFileAtomic(await resolveInside(dir, path), content);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_WRITES }, worker));

  for (const path of stale) {
    await rm(join(dir, path));
    await removeEmptyParents(dir, dirname(join(dir, path)));
  }
  const final: Manifest['files'] = {};
  for (const [path, { sha }] of next) final[path] = [sha];
  await writeManifest(dir, exportFormat, exportedAt, final);
  return { written: next.size, removed: stale };
}

function sha256(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

function list(paths: readonly string[]): string {
  const shown = paths.slice(0, LISTED).join(', ');
  return paths.length > LISTED ? `${shown} and ${paths.length - LISTED} more` : shown;
}

/** Every entry below `dir` but folders, by `/`-separated relative path. */
async function listFiles(dir: string): Promise<Map<string, 'file' | 'other'>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, 'file' | 'other'>();
  for (const entry of entries) {
    if (entry.isDirectory()) continue;
    const path = relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/');
    files.set(path, entry.isFile() ? 'file' : 'other');
  }
  return files;
}

async function readManifest(dir: string): Promise<Manifest | null> {
  const path = join(dir, EXPORT_MANIFEST);
  let raw: string;
  try {
    if (!(await lstat(path)).isFile()) throw new Error('not a file');
    raw = await readFile(path, 'utf8');
  } catch {
    return null;
  }
  try {
    return Manifest.parse(JSON.parse(raw));
  } catch {
    throw new WorkbenchError(
      'conflict',
      `${path} is damaged, so the workbench cannot tell which files in ${dir} it wrote; nothing was written. Choose a new or empty folder.`,
    );
  }
}

async function writeManifest(
  dir: string,
  exportFormat: string,
  exportedAt: string,
  files: Manifest['files'],
): Promise<void> {
  const manifest: Manifest = {
    format: 'workbench.export-folder',
    version: 1,
    exportFormat,
    exportedAt,
    files,
  };
  await writeFileAtomic(join(dir, EXPORT_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Removes `folder` and its parents up to (not including) `root` while they are empty. */
async function removeEmptyParents(root: string, folder: string): Promise<void> {
  for (let current = folder; current !== root && current.startsWith(root);) {
    try {
      await rmdir(current);
    } catch {
      return; // not empty (or gone): stop
    }
    current = dirname(current);
  }
}
