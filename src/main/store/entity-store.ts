/**
 * The actor registries of a project folder: `annotations/<annotator>/entities.json` holds one
 * annotator's entities (canonical actors that spans link to through `Annotation.entity`).
 *
 * It keeps the promises of the annotation store (annotation-store.ts), file for file:
 * - every change is queued per file, applied to an immutable copy of the cached registry,
 *   validated like a file read from disk, written durably (DurableJsonFile: temp file, fsync,
 *   rename, the old version kept as `.bak`), and only then becomes the cached registry;
 * - a damaged file is recovered from its backup (with a notice), never overwritten;
 * - the file names its format, version and annotator, so a file copied to the wrong folder is
 *   recognised as damage rather than adopted.
 *
 * The store knows files, not rules: what a valid name, alias or Wikidata id is, and what a merge
 * does to the spans, is the service's (entity-handlers.ts).
 */
import { join } from 'node:path';
import { z } from 'zod';
import { WorkbenchError, describeZodError } from '../../shared/api';
import { AnnotatorName, Entity, SAFE_ID } from '../../shared/model';
import { DurableJsonFile } from './durable-json-file';
import { SerialQueue } from './serial-queue';
import { deepFreeze, messageOf } from './records';

export const ENTITY_FILE_FORMAT = 'workbench.entities';
export const ENTITY_FILE_VERSION = 1;
/** The registry's file name inside an annotator's folder (a document may not take this id). */
export const ENTITY_FILE_NAME = 'entities.json';

export const EntityFile = z.object({
  format: z.literal(ENTITY_FILE_FORMAT),
  version: z.literal(ENTITY_FILE_VERSION),
  annotator: AnnotatorName,
  entities: z.array(Entity),
});
export type EntityFile = z.infer<typeof EntityFile>;

export interface EntityStoreOptions {
  /** Receives notices a person must see, e.g. a registry recovered from its backup. */
  onWarning?: (message: string) => void;
  /** Clock for the name of a damaged file moved aside. */
  now?: () => Date;
  /**
   * Awaited once per annotator before the registry is first read. The annotation store deletes
   * temp files left in the annotator's folder before its own first read there; the registry's
   * temp file lives in the same folder, so the session makes that tidy-up happen first (and
   * never during a registry write).
   */
  prepareFolder?: (annotator: string) => Promise<unknown>;
}

/** One registry file: its durable adapter, its cached entities and its write queue. */
class RegistrySlot {
  /** The last registry known to be on disk; undefined until read (or after a failed write). */
  entities: readonly Entity[] | undefined;
  readonly queue = new SerialQueue();

  constructor(
    readonly annotator: string,
    readonly displayPath: string,
    readonly file: DurableJsonFile<EntityFile>,
  ) {}
}

export class EntityStore {
  private readonly slots = new Map<string, RegistrySlot>();
  private readonly prepared = new Map<string, Promise<unknown>>();
  private closed = false;

  constructor(
    readonly projectDir: string,
    private readonly options: EntityStoreOptions = {},
  ) {}

  /** The annotator's entities (frozen), in the order they were created; none if no file yet. */
  async list(annotator: string): Promise<readonly Entity[]> {
    const slot = this.slot(annotator);
    return slot.queue.run(() => this.load(slot));
  }

  /**
   * The one way to change a registry. `apply` receives the current entities and returns the
   * next list (never mutating); it may be async and do other work first — a merge relinks spans
   * before it drops the merged entities — and no other change of this registry runs meanwhile.
   * The new list is validated (unique ids, valid entities) and written durably before it is
   * cached or `result` is returned; a change that would make the file invalid is refused and
   * nothing is written.
   */
  async update<R>(
    annotator: string,
    apply: (
      entities: readonly Entity[],
    ) => Promise<{ entities: Entity[]; result: R }> | { entities: Entity[]; result: R },
  ): Promise<R> {
    const slot = this.slot(annotator);
    return slot.queue.run(async () => {
      const next = await apply(await this.load(slot));
      const file: EntityFile = {
        format: ENTITY_FILE_FORMAT,
        version: ENTITY_FILE_VERSION,
        annotator,
        entities: next.entities,
      };
      const checked = registrySchema(annotator).safeParse(file);
      if (!checked.success) {
        throw new WorkbenchError(
          'invalid_argument',
          `The change would make ${slot.displayPath} invalid ` +
            `(${describeZodError(checked.error)}); nothing was saved.`,
        );
      }
      try {
        await slot.file.write(checked.data);
      } catch (error) {
        // As in the annotation store: forget the cache so the next access reads the disk.
        slot.entities = undefined;
        throw new WorkbenchError(
          'io',
          `Could not save ${slot.displayPath}: ${messageOf(error)}. The change was not saved; ` +
            `check free disk space and permissions, then try again.`,
        );
      }
      slot.entities = deepFreeze(checked.data.entities);
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

  private async load(slot: RegistrySlot): Promise<readonly Entity[]> {
    if (slot.entities) return slot.entities;
    await this.prepare(slot.annotator);
    let data: EntityFile | null;
    try {
      data = await slot.file.read();
    } catch (error) {
      if (error instanceof WorkbenchError) throw error;
      throw new WorkbenchError('io', `Could not read ${slot.displayPath}: ${messageOf(error)}`);
    }
    slot.entities = deepFreeze(data?.entities ?? []);
    return slot.entities;
  }

  private prepare(annotator: string): Promise<unknown> {
    const hook = this.options.prepareFolder;
    if (!hook) return Promise.resolve();
    let done = this.prepared.get(annotator);
    if (!done) {
      done = hook(annotator).catch((error: unknown) => {
        this.prepared.delete(annotator);
        throw error;
      });
      this.prepared.set(annotator, done);
    }
    return done;
  }

  private slot(annotator: string): RegistrySlot {
    if (this.closed) {
      throw new WorkbenchError(
        'unavailable',
        `The actor registry of ${this.projectDir} is closed; open the project again.`,
      );
    }
    if (typeof annotator !== 'string' || !SAFE_ID.test(annotator)) {
      throw new WorkbenchError(
        'invalid_argument',
        `Annotator name ${JSON.stringify(annotator)} cannot be used: it names a folder, so it ` +
          `must be 1–128 letters, digits, "_" or "-", starting with a letter or digit.`,
      );
    }
    let slot = this.slots.get(annotator);
    if (!slot) {
      const displayPath = `annotations/${annotator}/${ENTITY_FILE_NAME}`;
      const file = new DurableJsonFile<EntityFile>(
        join(this.projectDir, 'annotations', annotator, ENTITY_FILE_NAME),
        {
          schema: registrySchema(annotator),
          format: ENTITY_FILE_FORMAT,
          version: ENTITY_FILE_VERSION,
          displayPath,
          onWarning: this.options.onWarning,
          now: this.options.now,
          serialise: serialiseRegistry,
        },
      );
      slot = new RegistrySlot(annotator, displayPath, file);
      this.slots.set(annotator, slot);
    }
    return slot;
  }
}

/** An EntityFile that says it is this annotator's, with each entity id once. */
function registrySchema(annotator: string): z.ZodType<EntityFile> {
  return EntityFile.superRefine((file, ctx) => {
    if (file.annotator !== annotator) {
      ctx.addIssue({
        code: 'custom',
        path: ['annotator'],
        message: `it holds ${file.annotator}'s registry, not ${annotator}'s`,
      });
    }
    const seen = new Set<string>();
    file.entities.forEach((entity, index) => {
      if (seen.has(entity.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['entities', index],
          message: `id ${entity.id} appears more than once`,
        });
      }
      seen.add(entity.id);
    });
  });
}

/**
 * Indented JSON with one entity per line, so that a registry shared through git diffs one line
 * per changed entity (the layer files do the same with their spans).
 */
export function serialiseRegistry(file: EntityFile): string {
  const { entities, ...header } = file;
  const head = JSON.stringify(header, null, 2).slice(0, -2);
  const list =
    entities.length === 0
      ? '[]'
      : `[\n    ${entities.map((entity) => JSON.stringify(entity)).join(',\n    ')}\n  ]`;
  return `${head},\n  "entities": ${list}\n}\n`;
}
