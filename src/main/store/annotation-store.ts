/**
 * The annotation layers of a project folder: `annotations/<annotator>/<docId>.json` holds one
 * annotator's spans and relations for one document (an `AnnotationFile`).
 *
 * - One file per annotator per document keeps every write small, and lets a team share a
 *   project through git: each person writes only their own folder.
 * - Every change is queued per file, applied to an immutable copy of the cached layer, written
 *   durably (see DurableJsonFile), and only then becomes the cached layer and resolves. So a
 *   caller that was told "saved" can rely on it, and a failed write leaves nothing in memory
 *   that is not on disk.
 * - Layers are cached after their first read and handed out frozen: the cache is the store's,
 *   and a caller's stray mutation fails loudly instead of corrupting it.
 *
 * Offsets are UTF-16 code units into `DocumentRecord.text`, half-open.
 */
import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AnnotationPatch, WorkbenchError, describeZodError } from '../../shared/api';
import {
  ANNOTATION_FILE_FORMAT,
  ANNOTATION_FILE_VERSION,
  Annotation,
  AnnotationFile,
  type Attributes,
  DocStatus,
  type DocumentRecord,
  type Origin,
  Relation,
  SAFE_ID,
} from '../../shared/model';
import { PartialBatchWriteError, removeLeftoverTempFiles, writeFilesAtomic } from './atomic-write';
import { DurableJsonFile } from './durable-json-file';
import { serialiseLayer } from './layer-format';
import { SerialQueue } from './serial-queue';
import { checkSpan, spanText } from './span-text';
import { deepFreeze, messageOf } from './records';

export interface AnnotationStoreOptions {
  /** Receives notices a person must see, e.g. a layer recovered from its backup. */
  onWarning?: (message: string) => void;
  /** Clock for `created`/`modified` (tests pass a fixed one). */
  now?: () => Date;
  /** Id for new annotations and relations; must match SAFE_ID. */
  newId?: () => string;
}

/** A new span. The store fills in quote, context, times and annotator. */
export interface SpanDraft {
  label: string;
  /** UTF-16 code units into the document text, half-open. */
  start: number;
  end: number;
  attributes?: Attributes;
  /** Only to bring back a known span (e.g. an import); otherwise the store makes one. */
  id?: string;
  /** Manual unless said otherwise. */
  origin?: Origin;
}

/** A new link between two spans of the same layer. */
export interface RelationDraft {
  type: string;
  from: string;
  to: string;
  attributes?: Attributes;
  id?: string;
}

/** What a delete took away: enough for undo to put it all back with the same ids. */
export interface RemovedAnnotation {
  annotation: Annotation;
  relations: Relation[];
}

const RemovedAnnotationSchema = z.object({ annotation: Annotation, relations: z.array(Relation) });

/** Document ids that would collide with other files in an annotator's folder. */
const RESERVED_DOC_IDS = new Set(['entities']);

/** One file: where it lives, its durable adapter, its cached layer and its write queue. */
class LayerSlot {
  /** The last layer known to be on disk; undefined until read (or after a failed write). */
  layer: AnnotationFile | undefined;
  readonly queue = new SerialQueue();

  constructor(
    readonly annotator: string,
    readonly docId: string,
    readonly displayPath: string,
    /** What the file must hold; built once per file, as zod compiles each schema on first use. */
    readonly schema: z.ZodType<AnnotationFile>,
    readonly file: DurableJsonFile<AnnotationFile>,
  ) {}
}

export class AnnotationStore {
  private readonly slots = new Map<string, LayerSlot>();
  /** Per annotator folder: the one-time removal of temp files a killed writer left behind. */
  private readonly folderCleanups = new Map<string, Promise<void>>();
  private readonly notices: string[] = [];
  private readonly now: () => Date;
  private readonly newId: () => string;
  private closed = false;

  constructor(
    readonly projectDir: string,
    private readonly options: AnnotationStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
  }

  /** The annotator's layer for the document; an empty one ('todo') if nothing is saved yet. */
  async getLayer(annotator: string, doc: DocumentRecord | string): Promise<AnnotationFile> {
    const slot = this.slot(annotator, typeof doc === 'string' ? doc : doc.id);
    return slot.queue.run(() => this.load(slot));
  }

  async countAnnotations(annotator: string, docId: string): Promise<number> {
    return (await this.getLayer(annotator, docId)).annotations.length;
  }

  /** Annotators with a folder under annotations/, sorted. */
  async listAnnotators(): Promise<string[]> {
    let entries;
    try {
      entries = await readdir(join(this.projectDir, 'annotations'), { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new WorkbenchError('io', `Could not list annotations/: ${messageOf(error)}`);
    }
    return entries
      .filter((entry) => entry.isDirectory() && SAFE_ID.test(entry.name))
      .map((entry) => entry.name)
      .sort();
  }

  /**
   * Forgets the cached layers of `annotator`, so the next read gets what the disk holds now.
   * For colleagues' folders, which change under this store when a shared or synced project
   * folder brings their new files (this store never writes them then). Each file's queued
   * writes finish first, so nothing this store was told to save is dropped.
   */
  async reloadLayers(annotator: string): Promise<void> {
    checkName('Annotator name', annotator);
    const slots = [...this.slots.values()].filter((slot) => slot.annotator === annotator);
    await Promise.all(
      slots.map((slot) =>
        slot.queue.run(async () => {
          slot.layer = undefined;
        }),
      ),
    );
  }

  /** Adds a span; resolves once it is durably on disk. */
  async createAnnotation(
    annotator: string,
    doc: DocumentRecord,
    draft: SpanDraft,
  ): Promise<Annotation> {
    const slot = this.slot(annotator, doc.id);
    checkSpan(doc.id, doc.text, draft.start, draft.end);
    const time = this.timestamp();
    const annotation = checked(Annotation, 'The annotation', {
      id: draft.id ?? this.newId(),
      doc: doc.id,
      label: draft.label,
      start: draft.start,
      end: draft.end,
      ...spanText(doc.text, draft.start, draft.end),
      attributes: draft.attributes ?? {},
      annotator,
      created: time,
      modified: time,
      origin: draft.origin ?? { kind: 'manual' },
    });
    return this.change(slot, (layer) => {
      if (layer.annotations.some((a) => a.id === annotation.id)) {
        throw new WorkbenchError(
          'conflict',
          `Annotation ${annotation.id} already exists in ${slot.displayPath}; choose another id.`,
        );
      }
      return {
        layer: { ...layer, annotations: [...layer.annotations, annotation] },
        result: annotation,
      };
    });
  }

  /**
   * Changes a span. New offsets are checked against `doc.text` and refresh quote and context;
   * `entity: null` unlinks the entity. `modified` is bumped.
   */
  async updateAnnotation(
    annotator: string,
    doc: DocumentRecord,
    id: string,
    patch: AnnotationPatch,
  ): Promise<Annotation> {
    const slot = this.slot(annotator, doc.id);
    const change = checked(AnnotationPatch.strict(), `The change to annotation ${id}`, patch);
    return this.change(slot, (layer) => {
      const index = this.indexOf(slot, layer, id);
      const { entity, ...old } = layer.annotations[index]!;
      const start = change.start ?? old.start;
      const end = change.end ?? old.end;
      const moved = start !== old.start || end !== old.end;
      if (moved) checkSpan(doc.id, doc.text, start, end);
      const linked = change.entity === undefined ? entity : (change.entity ?? undefined);
      const updated = checked(Annotation, `Annotation ${id}`, {
        ...old,
        ...(change.label !== undefined && { label: change.label }),
        ...(change.attributes !== undefined && { attributes: change.attributes }),
        ...(change.note !== undefined && { note: change.note }),
        ...(linked !== undefined && { entity: linked }),
        start,
        end,
        ...(moved && spanText(doc.text, start, end)),
        modified: this.timestamp(),
      });
      return {
        layer: { ...layer, annotations: layer.annotations.with(index, updated) },
        result: updated,
      };
    });
  }

  /** Removes a span and every relation touching it; returns both so undo can restore them. */
  async deleteAnnotation(annotator: string, docId: string, id: string): Promise<RemovedAnnotation> {
    const slot = this.slot(annotator, docId);
    return this.change(slot, (layer) => {
      const index = this.indexOf(slot, layer, id);
      const touches = (r: Relation) => r.from === id || r.to === id;
      return {
        layer: {
          ...layer,
          annotations: layer.annotations.toSpliced(index, 1),
          relations: layer.relations.filter((r) => !touches(r)),
        },
        result: {
          annotation: layer.annotations[index]!,
          relations: layer.relations.filter(touches),
        },
      };
    });
  }

  /** Undoes a delete: the span and its relations come back with their ids and times. */
  async restoreAnnotation(annotator: string, removed: RemovedAnnotation): Promise<Annotation> {
    const { annotation, relations } = checked(
      RemovedAnnotationSchema,
      'The annotation to restore',
      removed,
    );
    if (annotation.annotator !== annotator) {
      throw new WorkbenchError(
        'invalid_argument',
        `Annotation ${annotation.id} belongs to ${annotation.annotator}'s layer; it cannot be ` +
          `restored into ${annotator}'s.`,
      );
    }
    if (new Set(relations.map((r) => r.id)).size !== relations.length) {
      throw new WorkbenchError(
        'invalid_argument',
        `The relations to restore with annotation ${annotation.id} repeat an id.`,
      );
    }
    for (const relation of relations) {
      if (
        relation.doc !== annotation.doc ||
        (relation.from !== annotation.id && relation.to !== annotation.id)
      ) {
        throw new WorkbenchError(
          'invalid_argument',
          `Relation ${relation.id} does not link annotation ${annotation.id} in document ` +
            `${annotation.doc}, so it cannot be restored with it.`,
        );
      }
    }
    const slot = this.slot(annotator, annotation.doc);
    return this.change(slot, (layer) => {
      const ids = new Set(layer.annotations.map((a) => a.id));
      if (ids.has(annotation.id)) {
        throw new WorkbenchError(
          'conflict',
          `Annotation ${annotation.id} is already in ${slot.displayPath}; it cannot be restored twice.`,
        );
      }
      ids.add(annotation.id);
      for (const relation of relations) {
        this.checkNewRelation(slot, layer, ids, relation);
      }
      return {
        layer: {
          ...layer,
          annotations: [...layer.annotations, annotation],
          relations: [...layer.relations, ...relations],
        },
        result: annotation,
      };
    });
  }

  /** Links two spans of the same layer. */
  async createRelation(annotator: string, docId: string, draft: RelationDraft): Promise<Relation> {
    const slot = this.slot(annotator, docId);
    if (draft.from === draft.to) {
      throw new WorkbenchError(
        'invalid_argument',
        `A relation links two different annotations; both ends are ${draft.from}.`,
      );
    }
    const time = this.timestamp();
    const relation = checked(Relation, 'The relation', {
      id: draft.id ?? this.newId(),
      doc: docId,
      type: draft.type,
      from: draft.from,
      to: draft.to,
      attributes: draft.attributes ?? {},
      annotator,
      created: time,
      modified: time,
    });
    return this.change(slot, (layer) => {
      this.checkNewRelation(slot, layer, new Set(layer.annotations.map((a) => a.id)), relation);
      return { layer: { ...layer, relations: [...layer.relations, relation] }, result: relation };
    });
  }

  async deleteRelation(annotator: string, docId: string, id: string): Promise<Relation> {
    const slot = this.slot(annotator, docId);
    return this.change(slot, (layer) => {
      const index = layer.relations.findIndex((r) => r.id === id);
      if (index < 0) {
        throw new WorkbenchError(
          'not_found',
          `No relation ${id} in document ${docId} (${annotator}'s layer); it may have been deleted already.`,
        );
      }
      return {
        layer: { ...layer, relations: layer.relations.toSpliced(index, 1) },
        result: layer.relations[index]!,
      };
    });
  }

  async setStatus(annotator: string, docId: string, status: DocStatus): Promise<void> {
    const slot = this.slot(annotator, docId);
    const valid = checked(DocStatus, 'The document status', status);
    await this.change(slot, (layer) => ({ layer: { ...layer, status: valid }, result: undefined }));
  }

  async setMemo(annotator: string, docId: string, memo: string): Promise<void> {
    const slot = this.slot(annotator, docId);
    const valid = checked(z.string(), 'The memo', memo);
    await this.change(slot, (layer) => ({ layer: { ...layer, memo: valid }, result: undefined }));
  }

  /**
   * The general edit for feature services (label migration, entity merge, imports): `apply`
   * receives the current layer and returns the next one, never mutating it. The result is
   * validated like a file read from disk, then written durably before anyone sees it; a change
   * that would produce an invalid layer is refused and nothing is written.
   */
  async updateLayer<R>(
    annotator: string,
    docId: string,
    apply: (layer: AnnotationFile) => { layer: AnnotationFile; result: R },
  ): Promise<R> {
    const slot = this.slot(annotator, docId);
    return this.change(slot, (current) => {
      const next = apply(current);
      return { layer: validLayer(slot, current, next.layer), result: next.result };
    });
  }

  /**
   * `updateLayer` for several documents of one annotator at once (entity merge, label
   * migration): `apply` receives the current layer of each of `docIds`, keyed by document id,
   * and returns the next ones — a layer left out, or returned as the very object it was given,
   * is unchanged and not rewritten. No other change to these files runs in between. Every
   * changed layer is validated as in `updateLayer`, and if one is refused nothing is written.
   *
   * The changed files are written in one batch (writeFilesAtomic): one round of fsyncs instead
   * of one per file. A crash leaves each file old or new, but NOT necessarily all of them new or
   * all old, so `apply` may only make changes of which every mix of old and new files is a state
   * the app reads correctly; a change that must be durable before another is a separate call.
   * The new layers are cached (and `result` returned) only once all are written; if the write
   * fails, the layers are re-read from disk on next access.
   */
  async updateLayers<R>(
    annotator: string,
    docIds: readonly string[],
    apply: (layers: ReadonlyMap<string, AnnotationFile>) => {
      layers: ReadonlyMap<string, AnnotationFile>;
      result: R;
    },
  ): Promise<R> {
    const slots = new Map(
      [...new Set(docIds)].sort().map((docId) => [docId, this.slot(annotator, docId)]),
    );
    return this.holding([...slots.values()], async () => {
      const current = new Map(
        await Promise.all(
          [...slots].map(async ([docId, slot]) => [docId, await this.load(slot)] as const),
        ),
      );
      const next = apply(current);
      const changed: { slot: LayerSlot; layer: AnnotationFile }[] = [];
      for (const [docId, layer] of next.layers) {
        const slot = slots.get(docId);
        if (!slot) {
          throw new WorkbenchError(
            'invalid_argument',
            `The change returned a layer of document ${docId}, which was not among the ` +
              `documents it was given; nothing was saved.`,
          );
        }
        const before = current.get(docId)!;
        if (layer !== before) changed.push({ slot, layer: validLayer(slot, before, layer) });
      }
      if (changed.length > 0) await this.writeLayers(changed);
      return next.result;
    });
  }

  /** Notices given so far (also sent to `onWarning` as they happen), oldest first. */
  warnings(): string[] {
    return [...this.notices];
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

  /**
   * Queues `apply` on the file: it gets the current layer and returns the next one (never
   * mutating), which is written durably before it replaces the cached layer.
   */
  private change<R>(
    slot: LayerSlot,
    apply: (layer: AnnotationFile) => { layer: AnnotationFile; result: R },
  ): Promise<R> {
    return slot.queue.run(async () => {
      const { layer, result } = apply(await this.load(slot));
      try {
        await slot.file.write(layer);
      } catch (error) {
        // Almost every failure leaves the old file in place; a failed directory fsync after the
        // rename may not. Forgetting the cache makes the next access read what the disk holds.
        slot.layer = undefined;
        throw new WorkbenchError(
          'io',
          `Could not save ${slot.displayPath}: ${messageOf(error)}. The change was not saved; ` +
            `check free disk space and permissions, then try again.`,
        );
      }
      slot.layer = deepFreeze(layer);
      return result;
    });
  }

  /** Writes the layers in one batch; they become the cached layers once all are written. */
  private async writeLayers(
    changes: readonly { slot: LayerSlot; layer: AnnotationFile }[],
  ): Promise<void> {
    try {
      await writeFilesAtomic(
        await Promise.all(changes.map(({ slot, layer }) => slot.file.prepareWrite(layer))),
      );
    } catch (error) {
      // As in `change`: what is on disk is no longer certain, so the next access reads it.
      for (const { slot } of changes) slot.layer = undefined;
      const files = listed(changes.map(({ slot }) => slot.displayPath));
      const outcome =
        error instanceof PartialBatchWriteError
          ? `${error.replaced.length} of the ${changes.length} files may hold the change and ` +
            `the others do not`
          : 'The change was not saved';
      throw new WorkbenchError(
        'io',
        `Could not save ${files}: ${messageOf(error)}. ${outcome}; check free disk space and ` +
          `permissions, then try again.`,
      );
    }
    for (const { slot, layer } of changes) slot.layer = deepFreeze(layer);
  }

  /**
   * Runs `work` after every operation queued before it on each of `slots`, and holds all those
   * queues until it settles. It takes its place in every queue in one synchronous step, so any
   * two multi-file edits stand in the same order in every queue they share and can never wait
   * for each other (a single-file operation waits in one queue only).
   */
  private holding<R>(slots: readonly LayerSlot[], work: () => Promise<R>): Promise<R> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const turns = slots.map(
      (slot) =>
        new Promise<void>((ready) => {
          void slot.queue.run(() => {
            ready();
            return released;
          });
        }),
    );
    return Promise.all(turns).then(work).finally(release);
  }

  private async load(slot: LayerSlot): Promise<AnnotationFile> {
    if (slot.layer) return slot.layer;
    await this.cleanFolder(slot.annotator);
    let data: AnnotationFile | null;
    try {
      data = await slot.file.read();
    } catch (error) {
      if (error instanceof WorkbenchError) throw error;
      throw new WorkbenchError('io', `Could not read ${slot.displayPath}: ${messageOf(error)}`);
    }
    slot.layer = deepFreeze(data ?? emptyLayer(slot.annotator, slot.docId));
    return slot.layer;
  }

  /** Runs before the folder's first read, so no write into it can be under way. */
  private cleanFolder(annotator: string): Promise<void> {
    let cleanup = this.folderCleanups.get(annotator);
    if (!cleanup) {
      cleanup = removeLeftoverTempFiles(join(this.projectDir, 'annotations', annotator)).then(
        () => undefined,
        (error: unknown) => {
          this.folderCleanups.delete(annotator);
          throw new WorkbenchError(
            'io',
            `Could not tidy annotations/${annotator}/: ${messageOf(error)}`,
          );
        },
      );
      this.folderCleanups.set(annotator, cleanup);
    }
    return cleanup;
  }

  private slot(annotator: string, docId: string): LayerSlot {
    if (this.closed) {
      throw new WorkbenchError(
        'unavailable',
        `The annotation store of ${this.projectDir} is closed; open the project again.`,
      );
    }
    checkName('Annotator name', annotator);
    checkName('Document id', docId);
    if (RESERVED_DOC_IDS.has(docId)) {
      throw new WorkbenchError(
        'invalid_argument',
        `Document id "${docId}" is reserved: annotations/<annotator>/${docId}.json holds other ` +
          `data. Give the document another id.`,
      );
    }
    const key = `${annotator}/${docId}`;
    let slot = this.slots.get(key);
    if (!slot) {
      const displayPath = `annotations/${annotator}/${docId}.json`;
      const schema = layerFileSchema(annotator, docId);
      const file = new DurableJsonFile<AnnotationFile>(
        join(this.projectDir, 'annotations', annotator, `${docId}.json`),
        {
          schema,
          format: ANNOTATION_FILE_FORMAT,
          version: ANNOTATION_FILE_VERSION,
          displayPath,
          onWarning: (message) => this.warn(message),
          now: this.now,
          serialise: serialiseLayer,
        },
      );
      slot = new LayerSlot(annotator, docId, displayPath, schema, file);
      this.slots.set(key, slot);
    }
    return slot;
  }

  private indexOf(slot: LayerSlot, layer: AnnotationFile, id: string): number {
    const index = layer.annotations.findIndex((a) => a.id === id);
    if (index < 0) {
      throw new WorkbenchError(
        'not_found',
        `No annotation ${id} in document ${slot.docId} (${slot.annotator}'s layer); it may ` +
          `have been deleted already.`,
      );
    }
    return index;
  }

  /** Throws unless `relation` may join the layer whose annotation ids are `ids`. */
  private checkNewRelation(
    slot: LayerSlot,
    layer: AnnotationFile,
    ids: ReadonlySet<string>,
    relation: Relation,
  ): void {
    if (layer.relations.some((r) => r.id === relation.id)) {
      throw new WorkbenchError(
        'conflict',
        `Relation ${relation.id} already exists in ${slot.displayPath}.`,
      );
    }
    for (const end of [relation.from, relation.to]) {
      if (!ids.has(end)) {
        throw new WorkbenchError(
          'conflict',
          `Relation ${relation.id} links annotation ${end}, which is not in document ` +
            `${slot.docId} (${slot.annotator}'s layer).`,
        );
      }
    }
  }

  private warn(message: string): void {
    this.notices.push(message);
    this.options.onWarning?.(message);
  }

  private timestamp(): string {
    return this.now().toISOString();
  }
}

/**
 * `next`, the change of the slot's `current` layer, as it will be read back from the file:
 * validated like a file read from disk, with no relation left joining a missing span. A change
 * that would make it invalid is refused.
 *
 * The records of `current` are valid records of this layer already (parsed when read, frozen
 * since), so only the records the change made are parsed; the others stay the very same
 * objects, which also keeps their serialised lines cached (layer-format.ts). Relinking 3 spans
 * of a 100-span layer parses and re-serialises 3 records, not 100.
 */
function validLayer(
  slot: LayerSlot,
  current: AnnotationFile,
  next: AnnotationFile,
): AnnotationFile {
  const refused = (why: string) =>
    new WorkbenchError(
      'invalid_argument',
      `The change would make ${slot.displayPath} invalid (${why}); nothing was saved.`,
    );
  const known = new Set<object>([...current.annotations, ...current.relations]);
  const made = {
    annotations: indicesWhere(next.annotations, (a) => !known.has(a)),
    relations: indicesWhere(next.relations, (r) => !known.has(r)),
  };
  const checked = slot.schema.safeParse({
    ...next,
    annotations: made.annotations.map((i) => next.annotations[i]),
    relations: made.relations.map((i) => next.relations[i]),
  });
  if (!checked.success) {
    // The schema saw only the records the change made: name their places in the whole layer.
    for (const issue of checked.error.issues) {
      const [kind, index] = issue.path;
      if ((kind === 'annotations' || kind === 'relations') && typeof index === 'number') {
        issue.path[1] = made[kind][index]!;
      }
    }
    throw refused(describeZodError(checked.error));
  }
  const parsedAnnotations = checked.data.annotations.values();
  const parsedRelations = checked.data.relations.values();
  const layer: AnnotationFile = {
    ...checked.data,
    annotations: next.annotations.map((a) => (known.has(a) ? a : parsedAnnotations.next().value!)),
    relations: next.relations.map((r) => (known.has(r) ? r : parsedRelations.next().value!)),
  };
  // What the schema could not see in part of the layer: ids unique across all of it.
  for (const kind of ['annotations', 'relations'] as const) {
    const seen = new Set<string>();
    for (const [index, { id }] of layer[kind].entries()) {
      if (seen.has(id)) throw refused(`${kind}.${index}: id ${id} appears more than once`);
      seen.add(id);
    }
  }
  const ids = new Set(layer.annotations.map((a) => a.id));
  const dangling = layer.relations.find((r) => !ids.has(r.from) || !ids.has(r.to));
  if (dangling) throw refused(`relation ${dangling.id} joins a span that is not there`);
  return layer;
}

function indicesWhere<T>(items: readonly T[], test: (item: T) => boolean): number[] {
  return items.flatMap((item, index) => (test(item) ? [index] : []));
}

/** "a, b and c", or the first three and how many more. */
function listed(names: readonly string[]): string {
  if (names.length === 1) return names[0]!;
  if (names.length > 3) return `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}

function emptyLayer(annotator: string, docId: string): AnnotationFile {
  return {
    format: ANNOTATION_FILE_FORMAT,
    version: ANNOTATION_FILE_VERSION,
    doc: docId,
    annotator,
    status: 'todo',
    memo: '',
    annotations: [],
    relations: [],
  };
}

/**
 * The schema of the file at annotations/<annotator>/<docId>.json: an AnnotationFile that says it
 * is that layer, with unique ids. A file copied to the wrong place counts as damaged.
 */
function layerFileSchema(annotator: string, docId: string): z.ZodType<AnnotationFile> {
  return AnnotationFile.superRefine((file, ctx) => {
    if (file.annotator !== annotator || file.doc !== docId) {
      ctx.addIssue({
        code: 'custom',
        path: ['doc'],
        message: `it holds ${file.annotator}'s layer of document ${file.doc}, not ${annotator}'s of ${docId}`,
      });
    }
    for (const kind of ['annotations', 'relations'] as const) {
      const seen = new Set<string>();
      file[kind].forEach((item, index) => {
        const path = [kind, index];
        if (item.doc !== docId) {
          ctx.addIssue({
            code: 'custom',
            path,
            message: `${item.id} belongs to document ${item.doc}`,
          });
        }
        if (seen.has(item.id)) {
          ctx.addIssue({ code: 'custom', path, message: `id ${item.id} appears more than once` });
        }
        seen.add(item.id);
      });
    }
  });
}

function checkName(what: string, value: string): void {
  if (typeof value !== 'string' || !SAFE_ID.test(value)) {
    throw new WorkbenchError(
      'invalid_argument',
      `${what} ${JSON.stringify(value)} cannot be used: it names a file or folder, so it must be ` +
        `1–128 letters, digits, "_" or "-", starting with a letter or digit.`,
    );
  }
}

/** Parses `value` with `schema`, or throws `invalid_argument` naming `what` and the problem. */
function checked<S extends z.ZodType>(schema: S, what: string, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new WorkbenchError(
      'invalid_argument',
      `${what} is not valid: ${describeZodError(parsed.error)}`,
    );
  }
  return parsed.data;
}
