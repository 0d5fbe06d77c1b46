/**
 * The span commands of one open document: tag, relabel, set an attribute, delete, and link two
 * spans by a relation or unlink them — each undoable, each shown at once and then written
 * through the API. The editor holds the layer's relations too, because deleting a span takes
 * its relations with it and undoing the delete brings them back.
 *
 * Why optimistic: a highlight must appear within one frame of the keypress, while a durable
 * write takes milliseconds. The client chooses the new span's id, so the highlight already
 * carries its final id; when the write fails, the highlight is taken back and the error shown.
 */
import type { AnnotationPatch, ApiResult, WorkbenchClient } from '../../shared/api';
import type { Annotation, AttributeValue, Relation } from '../../shared/model';
import { CONTEXT_LENGTH } from '../../shared/model';
import type { History, Undoable } from './history';

/** What the editor needs of the viewer: incremental highlight updates. */
export interface HighlightSink {
  addAnnotations(list: readonly Annotation[]): void;
  removeAnnotations(ids: readonly string[]): void;
  updateAnnotation(annotation: Annotation): void;
}

export class ApiFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export function unwrap<T>(result: ApiResult<T>): T {
  if (result.ok) return result.value;
  throw new ApiFailure(result.error.message);
}

type Client = Pick<
  WorkbenchClient,
  | 'createAnnotation'
  | 'updateAnnotation'
  | 'deleteAnnotation'
  | 'restoreAnnotation'
  | 'createRelation'
  | 'deleteRelation'
>;

/** What deleting a span took away: the span and the relations that touched it. */
export interface RemovedSpan {
  readonly annotation: Annotation;
  readonly relations: readonly Relation[];
}

export interface SpanEditorOptions {
  client: Client;
  history: History;
  docId: string;
  text: string;
  annotator: string;
  annotations: readonly Annotation[];
  /** The layer's relations (both ends are spans of `annotations`). */
  relations?: readonly Relation[];
  newId?: () => string;
  /**
   * Runs the write of a new tag. By default after the next frame: starting a request costs a
   * few milliseconds of main-thread time that would otherwise delay the frame showing the
   * highlight. Tests run it at once.
   */
  afterPaint?: (run: () => void) => void;
  now?: () => Date;
  /** Called after every change of the span or relation list (count, selection panels). */
  onChange?: () => void;
}

export class SpanEditor {
  private readonly spans = new Map<string, Annotation>();
  private readonly links = new Map<string, Relation>();
  /** Writes of new spans not yet acknowledged: a link to such a span waits for its write. */
  private readonly pendingTags = new Map<string, Promise<unknown>>();
  private sink: HighlightSink | null = null;
  private readonly newId: () => string;
  private readonly afterPaint: (run: () => void) => void;
  private readonly now: () => Date;

  constructor(private readonly options: SpanEditorOptions) {
    for (const a of options.annotations) this.spans.set(a.id, a);
    for (const r of options.relations ?? []) this.links.set(r.id, r);
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.afterPaint =
      options.afterPaint ??
      (typeof requestAnimationFrame === 'function'
        ? (run) => requestAnimationFrame(() => setTimeout(run, 0))
        : (run) => run());
    this.now = options.now ?? (() => new Date());
  }

  attach(sink: HighlightSink | null): void {
    this.sink = sink;
  }

  get(id: string): Annotation | undefined {
    return this.spans.get(id);
  }

  list(): Annotation[] {
    return [...this.spans.values()];
  }

  get size(): number {
    return this.spans.size;
  }

  /** The layer's relations, oldest first. */
  relations(): Relation[] {
    return [...this.links.values()];
  }

  /** The relations with `spanId` at either end, oldest first. */
  relationsOf(spanId: string): Relation[] {
    return this.relations().filter((r) => r.from === spanId || r.to === spanId);
  }

  /**
   * Tags [start, end) (UTF-16 offsets) with a label. The highlight shows before this resolves;
   * the promise carries the new span's `id` at once, so the caller can select the span then.
   */
  tag(label: string, start: number, end: number): Promise<Annotation> & { readonly id: string } {
    const id = this.newId();
    const provisional = this.provisional(id, label, start, end);
    this.show(provisional);
    const request = new Promise<ApiResult<Annotation>>((resolve) =>
      this.afterPaint(() =>
        resolve(
          this.options.client.createAnnotation({ doc: this.options.docId, label, start, end, id }),
        ),
      ),
    );
    const write = request.then(unwrap).then(
      (saved) => {
        this.replace(saved);
        return saved;
      },
      (error: unknown) => {
        this.hide(id);
        throw error;
      },
    );
    this.pendingTags.set(id, write);
    const settled = () => this.pendingTags.delete(id);
    write.then(settled, settled);
    // The failure is reported through `write`; the history only records a tag that landed.
    this.options.history
      .run(async () => {
        await write;
        return this.undoableCreate(id, `tag ${label}`);
      })
      .catch(() => undefined);
    return Object.assign(write, { id });
  }

  async relabel(id: string, label: string): Promise<Annotation> {
    return this.update(id, { label }, `label ${label}`);
  }

  /** Moves the span's boundaries to `[start, end)` (UTF-16 offsets), e.g. a nudge by a word. */
  async resize(id: string, start: number, end: number): Promise<Annotation> {
    return this.update(id, { start, end }, 'move span boundary');
  }

  async setAttribute(id: string, name: string, value: AttributeValue): Promise<Annotation> {
    const current = this.require(id);
    return this.update(id, { attributes: { ...current.attributes, [name]: value } }, `set ${name}`);
  }

  /** Links the span to an actor of the registry (null unlinks it), undoably. */
  async setEntity(id: string, entity: string | null, description: string): Promise<Annotation> {
    return this.update(id, { entity }, description);
  }

  /**
   * Shows spans of this document that another command saved (accepted suggestions, an entity
   * linked together with its creation); that command owns their undo. Spans of other documents
   * are ignored.
   */
  adopt(saved: readonly Annotation[]): void {
    for (const a of saved) if (a.doc === this.options.docId) this.replace(a);
  }

  /** Stops showing spans another command removed (the undo of what `adopt` showed). */
  forget(ids: readonly string[]): void {
    for (const id of ids) this.hide(id);
  }

  /** Deletes a span and the relations touching it; undo brings back both. */
  async remove(id: string): Promise<RemovedSpan> {
    const entry = await this.options.history.run(async () => {
      const removed = await this.deleteNow(id);
      const count = removed.relations.length;
      return {
        description:
          `delete ${removed.annotation.label}` +
          (count > 0 ? ` and its ${count} ${count === 1 ? 'relation' : 'relations'}` : ''),
        removed,
        undo: async () => this.restoreNow(removed.annotation, removed.relations),
        redo: async () => void (await this.deleteNow(id)),
      };
    });
    return entry.removed;
  }

  /**
   * Links span `from` to span `to` by a relation of `type` (UTF-16 offsets play no part). The
   * link shows at once; when the write fails it is taken back and the promise rejects.
   */
  link(type: string, from: string, to: string): Promise<Relation> {
    const id = this.newId();
    const time = this.now().toISOString();
    const { docId, annotator } = this.options;
    this.showRelation({
      id,
      doc: docId,
      type,
      from,
      to,
      attributes: {},
      annotator,
      created: time,
      modified: time,
    });
    const write = Promise.all([this.pendingTags.get(from), this.pendingTags.get(to)])
      .then(() => this.options.client.createRelation({ doc: docId, type, from, to, id }))
      .then(unwrap)
      .then(
        (saved) => {
          this.showRelation(saved);
          return saved;
        },
        (error: unknown) => {
          this.hideRelation(id);
          throw error;
        },
      );
    this.options.history
      .run(async () => {
        const saved = await write;
        return {
          description: `link ${type}`,
          undo: async () => void (await this.unlinkNow(id)),
          redo: async () => void (await this.relinkNow(saved)),
        } satisfies Undoable;
      })
      .catch(() => undefined);
    return write;
  }

  /** Removes a relation; undo brings it back with its id. */
  async unlink(id: string): Promise<Relation> {
    const entry = await this.options.history.run(async () => {
      const removed = await this.unlinkNow(id);
      return {
        description: `unlink ${removed.type}`,
        removed,
        undo: async () => void (await this.relinkNow(removed)),
        redo: async () => void (await this.unlinkNow(id)),
      };
    });
    return entry.removed;
  }

  private async update(id: string, patch: AnnotationPatch, description: string) {
    await this.options.history.run(async () => {
      const before = this.require(id);
      const reverse = reversePatch(before, patch);
      await this.patchNow(id, patch);
      return {
        description,
        undo: async () => void (await this.patchNow(id, reverse)),
        redo: async () => void (await this.patchNow(id, patch)),
      } satisfies Undoable;
    });
    return this.require(id);
  }

  private undoableCreate(id: string, description: string): Undoable {
    let removed: { annotation: Annotation; relations: Relation[] } | null = null;
    return {
      description,
      undo: async () => {
        removed = await this.deleteNow(id);
      },
      redo: async () => {
        if (removed) await this.restoreNow(removed.annotation, removed.relations);
      },
    };
  }

  private async patchNow(id: string, patch: AnnotationPatch): Promise<Annotation> {
    const saved = unwrap(
      await this.options.client.updateAnnotation({ doc: this.options.docId, id, patch }),
    );
    this.replace(saved);
    return saved;
  }

  private async deleteNow(id: string) {
    const removed = unwrap(
      await this.options.client.deleteAnnotation({ doc: this.options.docId, id }),
    );
    for (const r of removed.relations) this.links.delete(r.id);
    this.hide(id);
    return removed;
  }

  private async restoreNow(annotation: Annotation, relations: readonly Relation[]): Promise<void> {
    const saved = unwrap(
      await this.options.client.restoreAnnotation({ annotation, relations: [...relations] }),
    );
    for (const r of relations) this.links.set(r.id, r);
    this.show(saved);
  }

  private async unlinkNow(id: string): Promise<Relation> {
    const removed = unwrap(
      await this.options.client.deleteRelation({ doc: this.options.docId, id }),
    );
    this.hideRelation(id);
    return removed;
  }

  /** Creates `relation` again with its id, type, ends and attributes. */
  private async relinkNow(relation: Relation): Promise<Relation> {
    const { id, type, from, to, attributes } = relation;
    const saved = unwrap(
      await this.options.client.createRelation({
        doc: this.options.docId,
        type,
        from,
        to,
        attributes,
        id,
      }),
    );
    this.showRelation(saved);
    return saved;
  }

  private require(id: string): Annotation {
    const a = this.spans.get(id);
    if (!a) throw new ApiFailure(`The span ${id} is no longer in this document.`);
    return a;
  }

  private provisional(id: string, label: string, start: number, end: number): Annotation {
    const { text, docId, annotator } = this.options;
    const time = this.now().toISOString();
    return {
      id,
      doc: docId,
      label,
      start,
      end,
      quote: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
      suffix: text.slice(end, end + CONTEXT_LENGTH),
      attributes: {},
      annotator,
      created: time,
      modified: time,
      origin: { kind: 'manual' },
    };
  }

  private show(a: Annotation): void {
    this.spans.set(a.id, a);
    this.sink?.addAnnotations([a]);
    this.options.onChange?.();
  }

  private replace(a: Annotation): void {
    const had = this.spans.has(a.id);
    this.spans.set(a.id, a);
    if (had) this.sink?.updateAnnotation(a);
    else this.sink?.addAnnotations([a]);
    this.options.onChange?.();
  }

  private showRelation(r: Relation): void {
    this.links.set(r.id, r);
    this.options.onChange?.();
  }

  private hideRelation(id: string): void {
    if (this.links.delete(id)) this.options.onChange?.();
  }

  private hide(id: string): void {
    if (!this.spans.delete(id)) return;
    this.sink?.removeAnnotations([id]);
    this.options.onChange?.();
  }
}

/** The patch that restores `before` after `patch` has been applied to it. */
export function reversePatch(before: Annotation, patch: AnnotationPatch): AnnotationPatch {
  const reverse: AnnotationPatch = {};
  if (patch.label !== undefined) reverse.label = before.label;
  if (patch.start !== undefined) reverse.start = before.start;
  if (patch.end !== undefined) reverse.end = before.end;
  if (patch.attributes !== undefined) reverse.attributes = before.attributes;
  if (patch.entity !== undefined) reverse.entity = before.entity ?? null;
  if (patch.note !== undefined) reverse.note = before.note ?? '';
  return reverse;
}
