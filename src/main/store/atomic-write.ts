/**
 * Durable, atomic file replacement: the only way the workbench writes a file.
 *
 * A reader (or a crash at any instant) sees either the old complete file or the new complete
 * file, never a torn one: the bytes go to a temp file beside the target, are fsync'd, renamed
 * over the target, and the directory is fsync'd so the rename itself survives a power cut.
 */
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface AtomicWriteOptions {
  /**
   * Keep the version being replaced: it is renamed to this path (in the same folder) just
   * before the new file takes its place. Renaming costs no copy, and the old version keeps its
   * own inode, so nothing later done to the new file can touch it. Between the two renames the
   * target does not exist: a reader that finds it missing must fall back to the backup.
   */
  backup?: string;
}

/** `.<target name>.<12 hex digits>.tmp`: hidden, and named after the file it was to become. */
const TEMP_NAME = /^\..+\.[0-9a-f]{12}\.tmp$/;

export async function writeFileAtomic(
  path: string,
  contents: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  try {
    await writeFilesAtomic([{ path, contents, ...options }]);
  } catch (error) {
    // "Partly" means nothing for one file: its caller gets the error that stopped it.
    throw error instanceof PartialBatchWriteError ? error.cause : error;
  }
}

/** One file of a batch for `writeFilesAtomic`. */
export interface AtomicFileWrite extends AtomicWriteOptions {
  path: string;
  contents: string | Uint8Array;
}

/**
 * A write of several files that stopped after it had replaced some of them (a rename or the
 * final directory fsync failed). The files in `replaced` may hold their new contents — after a
 * failed directory fsync, perhaps only until a power cut — and the others their old ones.
 */
export class PartialBatchWriteError extends Error {
  constructor(
    message: string,
    readonly replaced: readonly string[],
    options: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'PartialBatchWriteError';
  }
}

/**
 * Replaces several files durably, paying for the fsyncs once per batch rather than once per file:
 * 1. every temp file is written and fsync'd, all at once;
 * 2. only then is each file renamed into place (its backup rename first, as in writeFileAtomic);
 * 3. each distinct folder is fsync'd once, which makes all its renames durable.
 *
 * What a crash (or power cut) at any moment leaves: EACH FILE on its own is its old version or its
 * new one, never torn — its new bytes are on disk before its rename, and a file caught between its
 * two renames is missing with its old version in the backup, which readers fall back to
 * (DurableJsonFile). THE BATCH AS A WHOLE IS NOT ATOMIC: before step 3 completes, any subset of
 * the renames may have survived, so some files can be new and others old. A caller must only
 * batch changes of which every mix of old and new files is a state its readers handle; when one
 * change has to be durable before another (a registry entry must not vanish before the spans
 * that link to it move), those are two batches, the second started after the first resolved.
 * Leftover temp files are hidden and never hold anything acknowledged; removeLeftoverTempFiles
 * deletes them.
 *
 * Failures: if writing any temp file fails, nothing is renamed, every temp file is removed and
 * the first error is thrown — every target is as it was. So is a rename failure before any file
 * was replaced. A failure after some were replaced throws PartialBatchWriteError naming them
 * (temp files not renamed are removed). A path named twice in one batch (as a target or a
 * backup) is refused before anything is written.
 */
export async function writeFilesAtomic(files: readonly AtomicFileWrite[]): Promise<void> {
  const targets = new Set<string>();
  for (const { path, backup } of files) {
    for (const name of backup === undefined ? [path] : [path, backup]) {
      if (targets.has(name)) {
        throw new Error(`${name} appears twice in one batch of writes; nothing was written.`);
      }
      targets.add(name);
    }
  }
  const dirs = [...new Set([...targets].map((name) => dirname(name)))];
  for (const dir of dirs) await mkdirDurable(dir);

  const temps = files.map(({ path }) =>
    join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`),
  );
  // allSettled, not all: no temp file may still be being written when the cleanup runs.
  const written = await Promise.allSettled(
    files.map((file, index) => writeDurably(temps[index]!, file.contents)),
  );
  const failed = written.find((outcome) => outcome.status === 'rejected');
  if (failed) {
    await Promise.all(temps.map((temp) => rm(temp, { force: true })));
    throw failed.reason;
  }

  // The renames of different files overlap; each file's backup rename precedes its own rename.
  const replaced: string[] = [];
  const renamed = await Promise.allSettled(
    files.map(async (file, index) => {
      try {
        if (file.backup !== undefined) await renameIfExists(file.path, file.backup);
        await rename(temps[index]!, file.path);
      } catch (error) {
        await rm(temps[index]!, { force: true });
        throw error;
      }
      replaced.push(file.path);
    }),
  );
  const notRenamed = renamed.find((outcome) => outcome.status === 'rejected');
  if (notRenamed) {
    if (replaced.length === 0) throw notRenamed.reason;
    // Still make what was replaced durable, so the disk stays what the error describes.
    await Promise.allSettled(dirs.map(fsyncDirectory));
    throw partial('renaming into place failed', files.length, replaced, notRenamed.reason);
  }
  try {
    await Promise.all(dirs.map(fsyncDirectory));
  } catch (error) {
    throw partial('the folder could not be synced', files.length, replaced, error);
  }
}

function partial(
  what: string,
  total: number,
  replaced: readonly string[],
  cause: unknown,
): PartialBatchWriteError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new PartialBatchWriteError(
    `${what} (${reason}) after ${replaced.length} of ${total} files had been replaced`,
    replaced,
    { cause },
  );
}

/** Creates `path` with `contents` and fsyncs it; removes it again if that fails. */
async function writeDurably(path: string, contents: string | Uint8Array): Promise<void> {
  const handle = await open(path, 'w', 0o644);
  try {
    await handle.writeFile(contents);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(path, { force: true });
    throw error;
  }
  await handle.close();
}

/** Makes a rename or create in `dir` durable. */
export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * `mkdir -p` whose new folders survive a power cut: each new folder's entry lives in its
 * parent, so every parent that gained one is fsync'd. Without this the first file written by
 * a new annotator could be acknowledged and then vanish with its folder.
 */
async function mkdirDurable(dir: string): Promise<void> {
  const firstCreated = await mkdir(dir, { recursive: true });
  if (firstCreated === undefined) return;
  const stop = dirname(firstCreated);
  for (let created = dir; created !== stop; created = dirname(created)) {
    await fsyncDirectory(dirname(created));
  }
}

async function renameIfExists(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Deletes the temp files a killed writer left in `dir`; returns their names. A temp file is
 * renamed into place before its write is acknowledged, so a leftover one never holds anything a
 * caller was told was saved. Call it only when no write into `dir` is in progress.
 */
export async function removeLeftoverTempFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const leftovers = names.filter((name) => TEMP_NAME.test(name));
  await Promise.all(leftovers.map((name) => rm(join(dir, name), { force: true })));
  return leftovers;
}
