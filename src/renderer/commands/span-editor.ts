/**
 * The span commands of one open document: tag, relabel, set an attribute, delete — each
 * undoable, each shown at once and then written through the API.
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
  'createAnnotation' | 'updateAnnotation' | 'deleteAnnotation' | 'restoreAnnotation'
>;

export interface SpanEditorOptions {
  client: Client;
  history: History;
  docId: string;
  text: string;
  annotator: string;
  annotations: readonly Annotation[];
  newId?: () => string;
  now?: () => Date;
  /** Called after every change of the span list (count, selection panels). */
  onChange?: () => void;
}

export class SpanEditor {
  private readonly spans = new Map<string, Annotation>();
  private sink: HighlightSink | null = null;
  private readonly newId: () => string;
  private readonly now: () => Date;

  constructor(private readonly options: SpanEditorOptions) {
    for (const a of options.annotations) this.spans.set(a.id, a);
    this.newId = options.newId ?? (() => crypto.randomUUID());
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

  /** Tags [start, end) (UTF-16 offsets) with a label. The highlight shows before this resolves. */
  tag(label: string, start: number, end: number): Promise<Annotation> {
    const id = this.newId();
    const provisional = this.provisional(id, label, start, end);
    this.show(provisional);
    const write = this.options.client
      .createAnnotation({ doc: this.options.docId, label, start, end, id })
      .then(unwrap)
      .then(
        (saved) => {
          this.replace(saved);
          return saved;
        },
        (error: unknown) => {
          this.hide(id);
          throw error;
        },
      );
    // The failure is reported through `write`; the history only records a tag that landed.
    this.options.history
      .run(async () => {
        await write;
        return this.undoableCreate(id, `tag ${label}`);
      })
      .catch(() => undefined);
    return write;
  }

  async relabel(id: string, label: string): Promise<Annotation> {
    return this.update(id, { label }, `label ${label}`);
  }

  async setAttribute(id: string, name: string, value: AttributeValue): Promise<Annotation> {
    const current = this.require(id);
    return this.update(id, { attributes: { ...current.attributes, [name]: value } }, `set ${name}`);
  }

  async remove(id: string): Promise<void> {
    await this.options.history.run(async () => {
      const removed = await this.deleteNow(id);
      return {
        description: `delete ${removed.annotation.label}`,
        undo: async () => this.restoreNow(removed.annotation, removed.relations),
        redo: async () => void (await this.deleteNow(id)),
      };
    });
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
    this.hide(id);
    return removed;
  }

  private async restoreNow(annotation: Annotation, relations: Relation[]): Promise<void> {
    const saved = unwrap(await this.options.client.restoreAnnotation({ annotation, relations }));
    this.show(saved);
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
