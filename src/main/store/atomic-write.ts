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
  const dir = dirname(path);
  await mkdirDurable(dir);
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'w', 0o644);
  try {
    await handle.writeFile(contents);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    if (options.backup !== undefined) await renameIfExists(path, options.backup);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  // One directory fsync makes both renames durable before the caller is told "written".
  await fsyncDirectory(dir);
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
