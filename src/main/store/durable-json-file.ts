/**
 * One versioned JSON file, read and written as a lowdb `Adapter`: durable writes, a backup of
 * the previous version, validation on read, and recovery from the backup when the file is
 * damaged — without ever overwriting or deleting the damaged bytes.
 *
 * Files on disk:
 *   <file>                     the current version
 *   <file>.bak                 the version before it (the write that replaced it renamed it here)
 *   <file>.corrupt-<time>      a damaged current version, moved aside byte for byte
 */
import { lstat, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { WorkbenchError, describeZodError } from '../../shared/api';
import { type AtomicFileWrite, fsyncDirectory, writeFileAtomic } from './atomic-write';
import { messageOf } from './records';

export interface DurableJsonFileOptions<T> {
  /** Validates the whole file after the format/version check (and after migration). */
  schema: z.ZodType<T>;
  /** The file's `format` field must equal this. */
  format: string;
  /** The current `version`; older versions go through `migrate`, newer ones are refused. */
  version: number;
  /**
   * Brings a file of an older version up to `version` (validation follows). Without it, an older
   * version cannot be read and counts as damage.
   */
  migrate?: (data: Record<string, unknown>, fromVersion: number) => unknown;
  /** How a person should see the path in messages, e.g. relative to the project folder. */
  displayPath?: string;
  /** Receives the notice when the file was recovered from its backup. */
  onWarning?: (message: string) => void;
  /** Clock for the name of a damaged file moved aside. */
  now?: () => Date;
  /** Turns data into the file's contents (text, or UTF-8 bytes); indented JSON unless given. */
  serialise?: (data: T) => string | Uint8Array;
}

/** What one of the two copies (file or backup) turned out to be. */
type Loaded<T> =
  | { kind: 'missing' }
  | { kind: 'ok'; data: T }
  | { kind: 'damaged'; reason: string }
  | { kind: 'newer'; version: number };
type Unusable = Exclude<Loaded<unknown>, { kind: 'ok' }>;

export class DurableJsonFile<T> implements Adapter<T> {
  readonly backupPath: string;
  private readonly displayPath: string;
  private readonly serialise: (data: T) => string | Uint8Array;
  /**
   * Set once this object has read (or written) the file. A write before that would rotate an
   * unchecked — possibly damaged — file over the good backup, so `write` reads first.
   */
  private checked = false;
  /** The "cannot be recovered" notice goes out once; every later read still throws. */
  private reportedUnrecoverable = false;

  constructor(
    readonly path: string,
    private readonly options: DurableJsonFileOptions<T>,
  ) {
    this.backupPath = `${path}.bak`;
    this.displayPath = options.displayPath ?? path;
    this.serialise = options.serialise ?? indentedJson;
  }

  /**
   * The file's data; null when neither the file nor a backup exists (nothing written yet).
   * Throws a `WorkbenchError` when the data cannot be had without guessing: the file and its
   * backup are both unusable, or the file is from a newer version of the workbench. In those
   * cases nothing on disk is changed.
   */
  async read(): Promise<T | null> {
    const current = await this.load(this.path);
    if (current.kind === 'ok') return this.done(current.data);
    if (current.kind === 'newer') throw this.newerError(current.version);

    const backup = await this.load(this.backupPath);
    if (current.kind === 'missing') {
      if (backup.kind === 'missing') return this.done(null);
      // A crash between "old → .bak" and "new → file" leaves only the backup, which is the last
      // version a caller was told was saved: using it loses nothing acknowledged.
      if (backup.kind === 'ok') return this.done(backup.data);
      throw this.unrecoverable('is missing', backup);
    }

    if (backup.kind !== 'ok') {
      throw this.unrecoverable(`cannot be read (${current.reason})`, backup);
    }
    const aside = await this.moveAside();
    await writeFileAtomic(this.path, this.serialise(backup.data));
    this.options.onWarning?.(
      `${this.displayPath} was damaged (${current.reason}); recovered the previous version from ` +
        `its backup (the last change may be missing). The damaged file is kept as ${aside}.`,
    );
    return this.done(backup.data);
  }

  /** Replaces the file durably; the version it replaces becomes the backup. */
  async write(data: T): Promise<void> {
    const { path, contents, backup } = await this.prepareWrite(data);
    await writeFileAtomic(path, contents, { backup });
  }

  /**
   * What `write(data)` would write, for a caller that writes several files in one batch
   * (writeFilesAtomic). The file is read first if this object has not read it yet, as `write`
   * does.
   */
  async prepareWrite(data: T): Promise<AtomicFileWrite> {
    if (!this.checked) await this.read();
    return { path: this.path, contents: this.serialise(data), backup: this.backupPath };
  }

  private done<D>(data: D): D {
    this.checked = true;
    return data;
  }

  private async load(path: string): Promise<Loaded<T>> {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      throw new WorkbenchError('io', `Could not read ${this.display(path)}: ${messageOf(error)}`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      return { kind: 'damaged', reason: `not valid JSON: ${messageOf(error)}` };
    }
    return this.decode(raw);
  }

  private decode(raw: unknown): Loaded<T> {
    const { format, version, migrate, schema } = this.options;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      return { kind: 'damaged', reason: 'not a JSON object' };
    }
    const record = raw as Record<string, unknown>;
    if (record.format !== format) {
      return {
        kind: 'damaged',
        reason: `format is ${JSON.stringify(record.format)}, expected "${format}"`,
      };
    }
    const fileVersion = record.version;
    if (typeof fileVersion !== 'number' || !Number.isInteger(fileVersion) || fileVersion < 1) {
      return { kind: 'damaged', reason: `version ${JSON.stringify(fileVersion)} is not valid` };
    }
    if (fileVersion > version) return { kind: 'newer', version: fileVersion };
    let candidate: unknown = record;
    if (fileVersion < version) {
      if (!migrate) {
        return { kind: 'damaged', reason: `version ${fileVersion} is not supported` };
      }
      try {
        candidate = migrate(record, fileVersion);
      } catch (error) {
        return {
          kind: 'damaged',
          reason: `migrating version ${fileVersion} failed: ${messageOf(error)}`,
        };
      }
    }
    const parsed = schema.safeParse(candidate);
    if (!parsed.success) return { kind: 'damaged', reason: describeZodError(parsed.error) };
    return { kind: 'ok', data: parsed.data };
  }

  /** Renames the damaged file to a name that is not taken yet; returns that name for people. */
  private async moveAside(): Promise<string> {
    const stamp = (this.options.now?.() ?? new Date()).toISOString().replace(/:/g, '-');
    let target = `${this.path}.corrupt-${stamp}`;
    for (let n = 2; await exists(target); n++) target = `${this.path}.corrupt-${stamp}-${n}`;
    await rename(this.path, target);
    // The move must be durable before the recovered file is written in its place.
    await fsyncDirectory(dirname(this.path));
    return this.display(target);
  }

  private unrecoverable(problem: string, backup: Unusable): WorkbenchError {
    const message =
      `${this.displayPath} ${problem} and ${this.describeBackup(backup)}. Nothing was changed, ` +
      `and nothing will be saved to it until it is fixed: repair the file in a text editor, or ` +
      `move it (and its backup) out of the folder to start over without it.`;
    if (!this.reportedUnrecoverable) this.options.onWarning?.(message);
    this.reportedUnrecoverable = true;
    return new WorkbenchError('io', message);
  }

  private describeBackup(backup: Unusable): string {
    const shown = this.display(this.backupPath);
    switch (backup.kind) {
      case 'missing':
        return 'there is no backup';
      case 'damaged':
        return `its backup ${shown} cannot be read either (${backup.reason})`;
      case 'newer':
        return `its backup ${shown} is from a newer version of the workbench (version ${backup.version})`;
    }
  }

  private newerError(fileVersion: number): WorkbenchError {
    return new WorkbenchError(
      'unavailable',
      `${this.displayPath} was written by a newer version of the workbench (file version ${fileVersion}, ` +
        `this version reads up to ${this.options.version}). Update the workbench to open it; ` +
        `the file was not changed.`,
    );
  }

  /** Sibling paths of the file, shown the way the file itself is shown. */
  private display(path: string): string {
    return path.startsWith(this.path) ? this.displayPath + path.slice(this.path.length) : path;
  }
}

/** Indented so that a project shared through git gets readable, line-based diffs. */
function indentedJson(data: unknown): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
