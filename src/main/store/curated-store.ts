/**
 * The curated (gold) layers of a project folder: `curated/<docId>.json` holds one document's
 * adjudicated spans and the decisions behind them (a `CuratedFile`).
 *
 * The same guarantees as the annotation layers (annotation-store.ts), by the same means: one
 * writer per file (this store, with a queue per file), every change validated and written
 * durably (DurableJsonFile: temp file, fsync, rename, backup of the previous version, recovery
 * from the backup) before it becomes the cached file and the caller hears "saved". Files are
 * handed out frozen.
 *
 * Offsets are UTF-16 code units into `DocumentRecord.text`, half-open.
 */
import { join } from 'node:path';
import type { z } from 'zod';
import { WorkbenchError, describeZodError } from '../../shared/api';
import {
  CURATED_FILE_FORMAT,
  CURATED_FILE_VERSION,
  CuratedFile,
  SAFE_ID,
} from '../../shared/model';
import { emptyCurated } from '../../shared/review/adjudication';
import { removeLeftoverTempFiles } from './atomic-write';
import { DurableJsonFile } from './durable-json-file';
import { SerialQueue } from './serial-queue';
import { deepFreeze, messageOf } from './records';

export const CURATED_DIR = 'curated';

export interface CuratedStoreOptions {
  /** Receives notices a person must see, e.g. a file recovered from its backup. */
  onWarning?: (message: string) => void;
  /** Clock for the name of a damaged file moved aside. */
  now?: () => Date;
}

class CuratedSlot {
  file: CuratedFile | undefined;
  readonly queue = new SerialQueue();

  constructor(
    readonly docId: string,
    readonly displayPath: string,
    readonly durable: DurableJsonFile<CuratedFile>,
  ) {}
}

export class CuratedStore {
  private readonly slots = new Map<string, CuratedSlot>();
  private cleanup: Promise<void> | null = null;
  private closed = false;

  constructor(
    readonly projectDir: string,
    private readonly options: CuratedStoreOptions = {},
  ) {}

  /** The document's curated file; an empty one ('not_started') if nothing is saved yet. */
  async get(docId: string): Promise<CuratedFile> {
    const slot = this.slot(docId);
    return slot.queue.run(() => this.load(slot));
  }

  /**
   * The one way to change a curated file: `apply` gets the current file and returns the next
   * (never mutating it). The next file gets the next revision, is validated — refused, with
   * nothing written, if it is not a valid curated file of this document — then written
   * durably, then cached.
   */
  async update<R>(
    docId: string,
    apply: (file: CuratedFile) => { file: CuratedFile; result: R },
  ): Promise<R> {
    const slot = this.slot(docId);
    return slot.queue.run(async () => {
      const current = await this.load(slot);
      const next = apply(current);
      // Every change bumps the revision, whoever makes it (adjudication, a codebook rename):
      // undo of adjudication refuses to put back a layer over a change it does not know of.
      const checked = curatedFileSchema(docId).safeParse({
        ...next.file,
        revision: current.revision + 1,
      });
      if (!checked.success) {
        throw new WorkbenchError(
          'invalid_argument',
          `The change would make ${slot.displayPath} invalid (${describeZodError(checked.error)}); nothing was saved.`,
        );
      }
      try {
        await slot.durable.write(checked.data);
      } catch (error) {
        // As in the annotation store: forget the cache so the next access reads the disk.
        slot.file = undefined;
        throw new WorkbenchError(
          'io',
          `Could not save ${slot.displayPath}: ${messageOf(error)}. The change was not saved; ` +
            `check free disk space and permissions, then try again.`,
        );
      }
      slot.file = deepFreeze(checked.data);
      return next.result;
    });
  }

  /** Settles once every change queued so far has been written (or has failed). */
  async flush(): Promise<void> {
    await Promise.all([...this.slots.values()].map((slot) => slot.queue.idle()));
  }

  /** Waits for queued writes; afterwards every call fails with 'unavailable'. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private async load(slot: CuratedSlot): Promise<CuratedFile> {
    if (slot.file) return slot.file;
    await this.tidy();
    const data = await slot.durable.read();
    slot.file = deepFreeze(data ?? emptyCurated(slot.docId));
    return slot.file;
  }

  /** Before the first read: temp files a killed writer left in curated/ go. */
  private tidy(): Promise<void> {
    this.cleanup ??= removeLeftoverTempFiles(join(this.projectDir, CURATED_DIR)).then(
      () => undefined,
      (error: unknown) => {
        this.cleanup = null;
        throw new WorkbenchError('io', `Could not tidy ${CURATED_DIR}/: ${messageOf(error)}`);
      },
    );
    return this.cleanup;
  }

  private slot(docId: string): CuratedSlot {
    if (this.closed) {
      throw new WorkbenchError(
        'unavailable',
        `The curated store of ${this.projectDir} is closed; open the project again.`,
      );
    }
    if (typeof docId !== 'string' || !SAFE_ID.test(docId)) {
      throw new WorkbenchError(
        'invalid_argument',
        `Document id ${JSON.stringify(docId)} cannot be used: it names a file, so it must be ` +
          `1–128 letters, digits, "_" or "-", starting with a letter or digit.`,
      );
    }
    let slot = this.slots.get(docId);
    if (!slot) {
      const displayPath = `${CURATED_DIR}/${docId}.json`;
      const durable = new DurableJsonFile<CuratedFile>(
        join(this.projectDir, CURATED_DIR, `${docId}.json`),
        {
          schema: curatedFileSchema(docId),
          format: CURATED_FILE_FORMAT,
          version: CURATED_FILE_VERSION,
          displayPath,
          onWarning: this.options.onWarning,
          now: this.options.now,
        },
      );
      slot = new CuratedSlot(docId, displayPath, durable);
      this.slots.set(docId, slot);
    }
    return slot;
  }
}

/**
 * A CuratedFile that says it is this document's, with unique span ids, one decision per case,
 * and every decision's span present. A file copied to the wrong place counts as damaged.
 */
function curatedFileSchema(docId: string): z.ZodType<CuratedFile> {
  return CuratedFile.superRefine((file, ctx) => {
    if (file.doc !== docId) {
      ctx.addIssue({
        code: 'custom',
        path: ['doc'],
        message: `it holds the curated layer of document ${file.doc}, not of ${docId}`,
      });
    }
    const ids = new Set<string>();
    file.annotations.forEach((a, index) => {
      if (a.doc !== docId) {
        ctx.addIssue({
          code: 'custom',
          path: ['annotations', index],
          message: `${a.id} belongs to document ${a.doc}`,
        });
      }
      if (ids.has(a.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['annotations', index],
          message: `id ${a.id} appears more than once`,
        });
      }
      ids.add(a.id);
    });
    const cases = new Set<string>();
    file.decisions.forEach((d, index) => {
      if (cases.has(d.case)) {
        ctx.addIssue({
          code: 'custom',
          path: ['decisions', index],
          message: `case ${d.case} is decided twice`,
        });
      }
      cases.add(d.case);
      if (d.span !== undefined && !ids.has(d.span)) {
        ctx.addIssue({
          code: 'custom',
          path: ['decisions', index],
          message: `the decision on case ${d.case} names span ${d.span}, which is not there`,
        });
      }
    });
  });
}
