/**
 * Handlers for the actor registry (canonical entities that Actor spans link to, so that "FBI
 * director James Comey", "James Comey" and "Comey" count as one actor) and for "annotate all
 * occurrences" (suggested spans, saved only when accepted).
 *
 * Every registry operation of an annotator runs alone, in order (one queue per annotator), and
 * the steps of one that spans several files are ordered so that a crash between them never
 * leaves a span linked to an entity that is not in the registry:
 * - merge: spans move to the kept entity first, then the merged entities leave the registry;
 * - unmerge: the merged entities come back first, then their spans return to them.
 * The spans of all documents move in one batched write, which a crash can leave half done:
 * harmless, as both ends of every move are in the registry while it runs.
 * A failure half-way leaves every span linked to an entity that exists; running the operation
 * again finishes it.
 *
 * Linking one span is `updateAnnotation` with `patch.entity` (annotation-handlers.ts); it does
 * not consult the registry, so a span may name an entity that is gone: it counts for nothing.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  WorkbenchError,
  describeZodError,
  type EntityMerge,
  type RelinkedSpans,
  type Suggestion,
  type WorkbenchHandlers,
} from '../../shared/api';
import { checkEntityNames, unionAliases } from '../../shared/entities/entity-fields';
import {
  MAX_SUGGESTIONS,
  findWholeWordOccurrences,
  untaggedOccurrences,
} from '../../shared/entities/occurrences';
import { sentenceAround } from '../../shared/entities/sentence-context';
import {
  Annotation,
  type AnnotationFile,
  type Codebook,
  type DocumentRecord,
  Entity,
  type Relation,
} from '../../shared/model';
import type { AnnotationStore } from '../store/annotation-store';
import { EntityStore } from '../store/entity-store';
import { SerialQueue } from '../store/serial-queue';
import { checkSpan, spanText } from '../store/span-text';
import { requireAnnotator, requireLabel, type SessionContext } from './session-context';

type EntityHandlers = Pick<
  WorkbenchHandlers,
  | 'listEntities'
  | 'createEntity'
  | 'updateEntity'
  | 'deleteEntities'
  | 'restoreEntities'
  | 'mergeEntities'
  | 'unmergeEntities'
  | 'findOccurrences'
  | 'acceptSuggestions'
  | 'retractSuggestions'
>;

export interface EntityHandlerOptions {
  /** Clock for `created`/`modified` (tests pass a fixed one). */
  now?: () => Date;
  /** Id for new entities and spans; must match SAFE_ID. */
  newId?: () => string;
}

/** The entity handlers of a session, and how to close their actor registry with it. */
export interface EntityService {
  readonly handlers: EntityHandlers;
  /**
   * Waits for the registry operations under way (a merge's registry step comes after its spans
   * moved, so waiting for the registry's own writes is not enough) and their writes; afterwards
   * registry calls fail with 'unavailable'. Call it before the annotation store is closed.
   */
  close(): Promise<void>;
}

export function openEntityService(
  ctx: SessionContext,
  options: EntityHandlerOptions = {},
): EntityService {
  const { project, store } = ctx;
  const now = () => (options.now?.() ?? new Date()).toISOString();
  const newId = options.newId ?? randomUUID;
  const registry = new EntityStore(project.dir, {
    onWarning: (message) => ctx.warnings.push(message),
    prepareFolder: (annotator) => tidyAnnotatorFolder(ctx, annotator),
  });
  const queues = new Map<string, SerialQueue>();
  /** Runs one registry operation of the annotator after the ones before it. */
  const serially = <R>(annotator: string, operation: () => Promise<R>): Promise<R> => {
    let queue = queues.get(annotator);
    if (!queue) queues.set(annotator, (queue = new SerialQueue()));
    return queue.run(operation);
  };

  const layers = async (annotator: string): Promise<AnnotationFile[]> =>
    Promise.all((await project.listDocuments()).map((d) => store.getLayer(annotator, d.id)));

  const usageCounts = async (annotator: string): Promise<Map<string, number>> => {
    const counts = new Map<string, number>();
    for (const layer of await layers(annotator)) {
      for (const a of layer.annotations) {
        if (a.entity !== undefined) counts.set(a.entity, (counts.get(a.entity) ?? 0) + 1);
      }
    }
    return counts;
  };

  const handlers: EntityHandlers = {
    listEntities: async () => {
      const who = requireAnnotator(ctx);
      const [entities, counts] = await Promise.all([registry.list(who), usageCounts(who)]);
      return entities.map((e) => ({ ...e, usage: counts.get(e.id) ?? 0 }));
    },

    createEntity: async ({ name, aliases, kind, qid, attributes, id }) => {
      const who = requireAnnotator(ctx);
      const clean = cleanNames({ name, aliases, qid });
      return serially(who, () =>
        registry.update(who, (entities) => {
          if (id !== undefined && entities.some((e) => e.id === id)) {
            throw new WorkbenchError('conflict', `There is already an actor with id ${id}.`);
          }
          requireFreeQid(entities, clean.qid, null);
          const time = now();
          const entity = checkedEntity({
            id: id ?? newId(),
            name: clean.name,
            aliases: clean.aliases,
            kind,
            attributes,
            ...(clean.qid !== undefined && { qid: clean.qid }),
            created: time,
            modified: time,
          });
          return { entities: [...entities, entity], result: entity };
        }),
      );
    },

    updateEntity: async ({ id, patch }) => {
      const who = requireAnnotator(ctx);
      return serially(who, () =>
        registry.update(who, (entities) => {
          const index = indexOfEntity(entities, id);
          const { qid: oldQid, ...old } = entities[index]!;
          const clean = cleanNames({
            name: patch.name ?? old.name,
            aliases: patch.aliases ?? old.aliases,
            qid: patch.qid === undefined ? oldQid : patch.qid,
          });
          requireFreeQid(entities, clean.qid, id);
          const updated = checkedEntity({
            ...old,
            ...(patch.kind !== undefined && { kind: patch.kind }),
            ...(patch.attributes !== undefined && { attributes: patch.attributes }),
            name: clean.name,
            aliases: clean.aliases,
            ...(clean.qid !== undefined && { qid: clean.qid }),
            modified: now(),
          });
          return { entities: entities.with(index, updated), result: updated };
        }),
      );
    },

    deleteEntities: async ({ ids }) => {
      const who = requireAnnotator(ctx);
      const wanted = new Set(ids);
      return serially(who, async () => {
        const counts = await usageCounts(who);
        return registry.update(who, (entities) => {
          for (const id of wanted) indexOfEntity(entities, id);
          const removed = entities.filter((e) => wanted.has(e.id));
          const used = removed.filter((e) => (counts.get(e.id) ?? 0) > 0);
          if (used.length > 0) {
            const which = used
              .map((e) => `“${e.name}” (${plural(counts.get(e.id)!, 'span')})`)
              .join(', ');
            throw new WorkbenchError(
              'conflict',
              `Still linked: ${which}. Unlink those spans or merge the actor into another ` +
                `first; nothing was deleted.`,
            );
          }
          return { entities: entities.filter((e) => !wanted.has(e.id)), result: { removed } };
        });
      });
    },

    restoreEntities: async ({ entities: restored }) => {
      const who = requireAnnotator(ctx);
      return serially(who, () =>
        registry.update(who, (entities) => ({
          entities: withRestored(entities, restored),
          result: restored,
        })),
      );
    },

    mergeEntities: async ({ keep, merge }) => {
      const who = requireAnnotator(ctx);
      const mergeIds = [...new Set(merge)];
      if (mergeIds.includes(keep)) {
        throw new WorkbenchError(
          'invalid_argument',
          'An actor cannot be merged into itself: choose the one to keep and the others to merge.',
        );
      }
      return serially(who, async () => {
        const before = await registry.list(who);
        const keptBefore = before[indexOfEntity(before, keep)]!;
        const removed = mergeIds.map((id) => before[indexOfEntity(before, id)]!);
        const time = now();
        const relinked = await relinkSpans(
          ctx.store,
          who,
          await docIds(ctx),
          (a) =>
            a.entity !== undefined && mergeIds.includes(a.entity) ? { entity: keep, time } : null,
          'The actors were left as they were',
        );
        const kept = mergedEntity(keptBefore, removed, time);
        await registry.update(who, (entities) => ({
          entities: entities
            .filter((e) => !mergeIds.includes(e.id))
            .map((e) => (e.id === keep ? kept : e)),
          result: undefined,
        }));
        return { kept, keptBefore, removed, relinked } satisfies EntityMerge;
      });
    },

    unmergeEntities: async ({ kept, keptBefore, removed, relinked }) => {
      const who = requireAnnotator(ctx);
      if (keptBefore.id !== kept.id) {
        throw new WorkbenchError(
          'invalid_argument',
          `This is not the record of one merge: it keeps ${kept.id} but restores ${keptBefore.id}.`,
        );
      }
      return serially(who, async () => {
        await registry.update(who, (entities) => {
          const index = entities.findIndex((e) => e.id === kept.id);
          if (index < 0) {
            throw new WorkbenchError(
              'not_found',
              `“${kept.name}” was deleted after the merge, so the merge cannot be undone.`,
            );
          }
          return {
            entities: withRestored(entities.with(index, keptBefore), removed),
            result: undefined,
          };
        });
        const former = new Map(
          relinked.flatMap((group) => group.spans.map((s) => [`${group.doc}/${s.id}`, s])),
        );
        const back = await relinkSpans(
          ctx.store,
          who,
          [...new Set(relinked.map((r) => r.doc))],
          (a) => {
            const was = former.get(`${a.doc}/${a.id}`);
            // A span moved elsewhere since the merge stays where the person put it.
            return was && a.entity === kept.id ? { entity: was.entity, time: was.modified } : null;
          },
          'The merged actors are back in the registry',
        );
        const restoredSpans = back.reduce((sum, group) => sum + group.spans.length, 0);
        return { restoredSpans, skippedSpans: former.size - restoredSpans };
      });
    },

    findOccurrences: async ({ scope, doc, strings, label, entity, caseSensitive }) => {
      const who = requireAnnotator(ctx);
      const codebook = await project.getCodebook();
      requireLabel(codebook, label);
      if (scope === 'document' && doc === undefined) {
        throw new WorkbenchError(
          'invalid_argument',
          'Say which document to search (doc), or search the whole corpus.',
        );
      }
      const needles = strings.map((s) => s.trim()).filter((s) => s.length > 0);
      if (needles.length === 0) {
        throw new WorkbenchError(
          'invalid_argument',
          'Nothing to search for: every string given is empty.',
        );
      }
      if (entity !== undefined) indexOfEntity(await registry.list(who), entity);
      const documents = await documentsToSearch(ctx, scope, doc);
      const overlapAllowed = labelAllowsOverlap(codebook, label);
      const suggestions: Suggestion[] = [];
      let found = 0;
      for (const document of documents) {
        const tagged = (await store.getLayer(who, document.id)).annotations;
        const sameLabel = tagged.filter((a) => a.label === label);
        for (const o of untaggedOccurrences(
          findWholeWordOccurrences(document.text, needles, { caseSensitive }),
          tagged,
          label,
        )) {
          if (!overlapAllowed && sameLabel.some((a) => a.start < o.end && o.start < a.end)) {
            continue;
          }
          found++;
          if (suggestions.length >= MAX_SUGGESTIONS) continue;
          suggestions.push({
            doc: document.id,
            docTitle: document.title,
            start: o.start,
            end: o.end,
            text: document.text.slice(o.start, o.end),
            label,
            ...(entity !== undefined && { entity }),
            context: sentenceAround(document.text, o.start, o.end),
          });
        }
      }
      return { suggestions, documents: documents.length, truncated: found > suggestions.length };
    },

    acceptSuggestions: async ({ suggestions, source }) => {
      const who = requireAnnotator(ctx);
      const codebook = await project.getCodebook();
      for (const label of new Set(suggestions.map((s) => s.label))) requireLabel(codebook, label);
      const known = new Set((await registry.list(who)).map((e) => e.id));
      const unknown = suggestions.find((s) => s.entity !== undefined && !known.has(s.entity));
      if (unknown) {
        throw new WorkbenchError(
          'not_found',
          `No actor ${unknown.entity} in your registry; it may have been deleted. Nothing was saved.`,
        );
      }
      const time = now();
      // Everything is built and checked before anything is written.
      const byDoc = new Map<string, Annotation[]>();
      for (const s of suggestions) {
        const document = await project.getDocument(s.doc);
        checkSpan(document.id, document.text, s.start, s.end);
        const annotation = checkedAnnotation({
          id: s.id ?? newId(),
          doc: s.doc,
          label: s.label,
          start: s.start,
          end: s.end,
          ...spanText(document.text, s.start, s.end),
          attributes: {},
          ...(s.entity !== undefined && { entity: s.entity }),
          annotator: who,
          created: time,
          modified: time,
          origin: { kind: 'suggestion', source },
        });
        byDoc.set(s.doc, [...(byDoc.get(s.doc) ?? []), annotation]);
      }
      for (const [docId, added] of byDoc) {
        refuseClashes(await store.getLayer(who, docId), added, codebook);
      }
      const written = await Promise.allSettled(
        [...byDoc].map(([docId, added]) =>
          store.updateLayer(who, docId, (layer) => {
            refuseClashes(layer, added, codebook);
            return {
              layer: { ...layer, annotations: [...layer.annotations, ...added] },
              result: added,
            };
          }),
        ),
      );
      const failed = written.find((w) => w.status === 'rejected');
      if (failed) {
        // All or nothing: take back the documents that were saved, then report the failure.
        await Promise.allSettled(
          written.flatMap((w) =>
            w.status === 'fulfilled' ? [removeSpans(store, who, w.value[0]!.doc, w.value)] : [],
          ),
        );
        throw failed.reason;
      }
      return [...byDoc.values()].flat();
    },

    retractSuggestions: async ({ spans }) => {
      const who = requireAnnotator(ctx);
      const byDoc = new Map<string, Set<string>>();
      for (const { doc, id } of spans) byDoc.set(doc, (byDoc.get(doc) ?? new Set()).add(id));
      for (const [docId, ids] of byDoc) {
        await project.getDocument(docId);
        suggestedSpans(await store.getLayer(who, docId), ids);
      }
      const removed = await Promise.all(
        [...byDoc].map(([docId, ids]) =>
          store.updateLayer(who, docId, (layer) => {
            const gone = suggestedSpans(layer, ids);
            const touches = (r: Relation) => ids.has(r.from) || ids.has(r.to);
            return {
              layer: {
                ...layer,
                annotations: layer.annotations.filter((a) => !ids.has(a.id)),
                relations: layer.relations.filter((r) => !touches(r)),
              },
              result: gone.map((annotation) => ({
                annotation,
                relations: layer.relations.filter(
                  (r) => r.from === annotation.id || r.to === annotation.id,
                ),
              })),
            };
          }),
        ),
      );
      return removed.flat();
    },
  };

  return {
    handlers,
    close: async () => {
      await Promise.all([...queues.values()].map((queue) => queue.idle()));
      await registry.close();
    },
  };
}

/** A span's new entity link and `modified` time, or null to leave it as it is. */
type Relink = (annotation: Annotation) => { entity: string; time: string } | null;

/**
 * Applies `relink` to every span of the annotator's layers of `docIds`, rewriting only the
 * layers where it changes something, all in one batch (AnnotationStore.updateLayers). Returns,
 * per changed layer, each changed span's previous link and time. `registryState` tells the
 * person, if the write fails, where the registry stands.
 *
 * The batch is not atomic: a crash or failed write may leave some documents relinked and others
 * not. Each caller keeps every link valid through that: a merge moves spans while both entities
 * are in the registry, an unmerge after the merged entities are back in it.
 */
async function relinkSpans(
  store: AnnotationStore,
  annotator: string,
  docIds: readonly string[],
  relink: Relink,
  registryState: string,
): Promise<RelinkedSpans[]> {
  try {
    return await store.updateLayers(annotator, docIds, (layers) => {
      const next = new Map<string, AnnotationFile>();
      const relinked: RelinkedSpans[] = [];
      for (const [doc, layer] of layers) {
        const spans: RelinkedSpans['spans'] = [];
        const annotations = layer.annotations.map((a) => {
          const link = relink(a);
          if (link === null) return a;
          spans.push({ id: a.id, entity: a.entity!, modified: a.modified });
          return { ...a, entity: link.entity, modified: link.time };
        });
        if (spans.length === 0) continue;
        next.set(doc, { ...layer, annotations });
        relinked.push({ doc, spans });
      }
      return { layers: next, result: relinked };
    });
  } catch (error) {
    if (!(error instanceof WorkbenchError) || error.code !== 'io') throw error;
    throw new WorkbenchError(
      'io',
      `${error.message} ${registryState}, and every span still names an actor in the ` +
        `registry. Fix the problem and run the same operation again to finish it.`,
    );
  }
}

/**
 * The kept entity after a merge: its aliases unioned with the merged names and aliases; its
 * Wikidata id, or else the one id the merged entities agree on; its attributes over theirs.
 */
function mergedEntity(keep: Entity, removed: readonly Entity[], time: string): Entity {
  const qids = [...new Set(removed.flatMap((e) => (e.qid === undefined ? [] : [e.qid])))];
  const qid = keep.qid ?? (qids.length === 1 ? qids[0] : undefined);
  const attributes = Object.assign({}, ...removed.map((e) => e.attributes), keep.attributes);
  return checkedEntity({
    ...keep,
    aliases: unionAliases(keep, removed),
    attributes,
    ...(qid !== undefined && { qid }),
    modified: time,
  });
}

/**
 * `entities` with `restored` put back where creation order places them (the registry is
 * append-only otherwise, so this is where they were). An entity already there unchanged is left
 * alone, so an interrupted undo can simply be run again; one there in another form is refused,
 * as is a Wikidata id another entity has taken since.
 */
function withRestored(entities: readonly Entity[], restored: readonly Entity[]): Entity[] {
  const next = [...entities];
  for (const entity of restored) {
    const present = next.find((e) => e.id === entity.id);
    if (present && JSON.stringify(present) === JSON.stringify(entity)) continue;
    if (present) {
      throw new WorkbenchError(
        'conflict',
        `“${entity.name}” (${entity.id}) is already in the registry, changed since; it cannot ` +
          `be restored over itself.`,
      );
    }
    requireFreeQid(next, entity.qid, entity.id);
    const at = next.findIndex((e) => e.created > entity.created);
    next.splice(at < 0 ? next.length : at, 0, entity);
  }
  return next;
}

function cleanNames(fields: { name: string; aliases: string[]; qid?: string | null }) {
  const { clean, problems } = checkEntityNames(fields);
  if (problems.length > 0) {
    throw new WorkbenchError('invalid_argument', `${problems.join(' ')} Nothing was saved.`);
  }
  return clean;
}

/** One Wikidata item is one actor: a second entity with its id should be merged instead. */
function requireFreeQid(entities: readonly Entity[], qid: string | undefined, self: string | null) {
  const owner =
    qid === undefined ? undefined : entities.find((e) => e.qid === qid && e.id !== self);
  if (owner) {
    throw new WorkbenchError(
      'conflict',
      `${qid} is already the Wikidata id of “${owner.name}”: one Wikidata item is one actor. ` +
        `Merge the two actors instead.`,
    );
  }
}

function indexOfEntity(entities: readonly Entity[], id: string): number {
  const index = entities.findIndex((e) => e.id === id);
  if (index < 0) {
    throw new WorkbenchError(
      'not_found',
      `No actor ${id} in your registry; it may have been deleted or merged already.`,
    );
  }
  return index;
}

/** Refuses new spans whose id is taken or that break the label's overlap policy. */
function refuseClashes(layer: AnnotationFile, added: readonly Annotation[], codebook: Codebook) {
  const ids = new Set(layer.annotations.map((a) => a.id));
  for (const a of added) {
    if (ids.has(a.id)) {
      throw new WorkbenchError(
        'conflict',
        `Span ${a.id} is already in document ${a.doc}; these suggestions were accepted before. ` +
          `Nothing was saved.`,
      );
    }
    ids.add(a.id);
    if (labelAllowsOverlap(codebook, a.label)) continue;
    const clash = [...layer.annotations, ...added].find(
      (b) => b !== a && b.label === a.label && b.start < a.end && a.start < b.end,
    );
    if (clash) {
      throw new WorkbenchError(
        'conflict',
        `“${a.quote}” in document ${a.doc} would overlap the ${a.label} span “${clash.quote}”, ` +
          `and ${a.label} spans may not overlap. Nothing was saved.`,
      );
    }
  }
}

/** The spans `ids` of the layer, each of which must have come from a suggestion. */
function suggestedSpans(layer: AnnotationFile, ids: ReadonlySet<string>): Annotation[] {
  const found = layer.annotations.filter((a) => ids.has(a.id));
  const missing = [...ids].filter((id) => !found.some((a) => a.id === id));
  if (missing.length > 0) {
    throw new WorkbenchError(
      'not_found',
      `No span ${missing.join(', ')} in document ${layer.doc}; it may have been deleted already. ` +
        `Nothing was removed.`,
    );
  }
  const manual = found.find((a) => a.origin.kind !== 'suggestion');
  if (manual) {
    throw new WorkbenchError(
      'invalid_argument',
      `Span ${manual.id} (“${manual.quote}”) did not come from a suggestion; delete it as a ` +
        `span instead. Nothing was removed.`,
    );
  }
  return found;
}

async function removeSpans(
  store: AnnotationStore,
  annotator: string,
  docId: string,
  spans: readonly Annotation[],
): Promise<void> {
  const ids = new Set(spans.map((a) => a.id));
  await store.updateLayer(annotator, docId, (layer) => ({
    layer: { ...layer, annotations: layer.annotations.filter((a) => !ids.has(a.id)) },
    result: undefined,
  }));
}

function labelAllowsOverlap(codebook: Codebook, label: string): boolean {
  return codebook.labels.find((l) => l.name === label)?.allowOverlap ?? true;
}

async function docIds(ctx: SessionContext): Promise<string[]> {
  return (await ctx.project.listDocuments()).map((d) => d.id);
}

/** The documents searched: one, or all with the given one first. */
async function documentsToSearch(
  ctx: SessionContext,
  scope: 'document' | 'corpus',
  doc: string | undefined,
): Promise<DocumentRecord[]> {
  if (scope === 'document') return [await ctx.project.getDocument(doc!)];
  const all = await ctx.project.listDocuments();
  if (doc === undefined) return all;
  await ctx.project.getDocument(doc);
  return [...all.filter((d) => d.id === doc), ...all.filter((d) => d.id !== doc)];
}

/**
 * The annotation store tidies an annotator's folder (deletes temp files a killed writer left)
 * before its first read there. Reading one layer now makes that happen before the registry's
 * first read, so the tidy-up can never delete the registry's temp file in the middle of a write.
 */
async function tidyAnnotatorFolder(ctx: SessionContext, annotator: string): Promise<void> {
  const [first] = await ctx.project.listDocuments();
  if (first) await ctx.store.getLayer(annotator, first.id);
}

function checkedEntity(value: unknown): Entity {
  return checked(Entity, 'The actor', value);
}

function checkedAnnotation(value: unknown): Annotation {
  return checked(Annotation, 'The suggested span', value);
}

/** Parses `value` with `schema`, or throws `invalid_argument` naming `what` and the problem. */
function checked<S extends z.ZodType>(schema: S, what: string, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new WorkbenchError(
      'invalid_argument',
      `${what} is not valid: ${describeZodError(result.error)}. Nothing was saved.`,
    );
  }
  return result.data;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
