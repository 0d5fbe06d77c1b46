/**
 * How imported spans join an annotator's layer of one document: never overwriting a span, never
 * adding one twice, so importing the same file again changes nothing.
 *
 * 1. Ids. A span keeps the id the file gives it (`SpanDraft.id`, which a workbench export
 *    carries) when it goes into the layer of the annotator the file says made it: that id is the
 *    span's own. Every other span gets a new id (ids from another layer or another tool could
 *    name a different span here).
 * 2. Already there. A span whose id is in the layer with the same content (offsets, label,
 *    attributes, entity, note), or, failing that, a span of the layer with the same content under
 *    any id, is not added again; relations to it link the span that is there.
 * 3. Conflict. A span that would stand where a different one stands — the same id, or the same
 *    offsets and label, with other attributes, entity or note — is a conflict: adding it would
 *    duplicate the span in two versions, replacing would overwrite one. The file is refused.
 * 4. Relations: one with the same type and ends as one in the layer is already there (other
 *    attributes: a conflict); the others are added with new ids.
 * 5. Names: the codebook's recorded renames are applied first (a file from before a rename uses
 *    the former names); a label or relation type the codebook then lacks refuses the file, as
 *    does a relation the codebook does not allow between its spans' labels.
 * 6. Entities: a span's entity id is kept even when the layer's registry lacks it (nothing is
 *    dropped; the summary says so). A Wikidata id alone links the registry's entity with that
 *    id; when there is none the span comes in unlinked, and the summary says so.
 *
 * Offsets are UTF-16 code units (importers convert from code points before this).
 */
import { applyCodebookRenames } from '../codebook/renames';
import type { Annotation, AnnotationFile, Codebook, Entity, Relation } from '../model';
import { SAFE_ID } from '../model';
import { relationProblem } from '../relation-rules';
import { sameVersion } from '../review/review-cases';
import type { SpanContext } from '../review/span-context';
import type { RelationDraft, SpanDraft } from './import-draft';

export interface MergeEnv {
  readonly codebook: Codebook;
  /** Names the file in each new span's origin ({ kind: 'imported', source }). */
  readonly source: string;
  /** ISO time for `created`/`modified` of new spans and relations. */
  readonly now: string;
  readonly newId: () => string;
  readonly spanContext: SpanContext;
  /** The target annotator's entity registry. */
  readonly entities: readonly Entity[];
}

export interface LayerMerge {
  readonly layer: AnnotationFile;
  readonly added: number;
  /** Spans of the file the layer already had. */
  readonly unchanged: number;
  readonly relationsAdded: number;
  readonly relationsUnchanged: number;
  /** What a person should know: links kept to entities the registry lacks, links not made. */
  readonly notes: readonly string[];
}

export type MergeOutcome = { ok: true; merge: LayerMerge } | { ok: false; problems: string[] };

/**
 * `layer` with `spans` and `relations` (all of this document, all going into this layer) joined
 * as the rules above say, or every problem found. `text` is the document's text.
 */
export function mergeIntoLayer(
  layer: AnnotationFile,
  text: string,
  spans: readonly SpanDraft[],
  relations: readonly RelationDraft[],
  env: MergeEnv,
): MergeOutcome {
  const problems: string[] = [];
  const where = `document "${layer.doc}"`;
  const describe = (a: Pick<Annotation, 'label' | 'quote' | 'id'>) =>
    `the ${a.label} span “${clip(a.quote)}” (${a.id})`;

  // Candidates: the file's spans as records of this layer, then renamed to current names.
  const byKey = new Map<string, Annotation>();
  const qids = new Map<Annotation, string>();
  const candidates: Annotation[] = [];
  for (const draft of spans) {
    if (draft.start >= draft.end) {
      problems.push(
        `${where}: the ${draft.label} span at ${draft.start} is empty; the workbench keeps no empty spans`,
      );
      continue;
    }
    const own =
      draft.id !== undefined && draft.annotator === layer.annotator && SAFE_ID.test(draft.id);
    const entity = draft.entity ?? entityWithQid(env.entities, draft.qid)?.id;
    const candidate: Annotation = {
      id: own ? draft.id! : env.newId(),
      doc: layer.doc,
      label: draft.label,
      start: draft.start,
      end: draft.end,
      ...env.spanContext(text, draft.start, draft.end),
      attributes: draft.attributes,
      ...(entity !== undefined && { entity }),
      ...(draft.note !== undefined && { note: draft.note }),
      annotator: layer.annotator,
      created: env.now,
      modified: env.now,
      origin: { kind: 'imported', source: env.source },
    };
    if (draft.qid !== undefined && entity === undefined) qids.set(candidate, draft.qid);
    byKey.set(draft.key, candidate);
    candidates.push(candidate);
  }
  const drafts: Relation[] = [];
  for (const r of relations) {
    const from = byKey.get(r.from);
    const to = byKey.get(r.to);
    if (!from || !to) {
      problems.push(
        `${where}: a "${r.type}" relation joins a span that does not go into ${layer.annotator}'s layer`,
      );
      continue;
    }
    drafts.push({
      id: env.newId(),
      doc: layer.doc,
      type: r.type,
      from: from.id,
      to: to.id,
      attributes: r.attributes,
      annotator: layer.annotator,
      created: env.now,
      modified: env.now,
    });
  }
  const renamed = applyCodebookRenames(
    { annotations: candidates, relations: drafts },
    env.codebook,
  ).layer;
  const labels = new Set(env.codebook.labels.map((l) => l.name));
  const unknown = [...new Set(renamed.annotations.map((a) => a.label))].filter(
    (l) => !labels.has(l),
  );
  if (unknown.length > 0) {
    problems.push(
      `${where}: the codebook has no label ${unknown.map((l) => `"${l}"`).join(', ')} (labels: ${[...labels].map((l) => `"${l}"`).join(', ')}); add it to the codebook, or map it before importing`,
    );
  }
  if (problems.length > 0) return { ok: false, problems };

  // Spans: already there, a conflict, or new. Indexed by id and by place (offsets and label).
  const next: Annotation[] = [...layer.annotations];
  const byId = new Map(next.map((a) => [a.id, a]));
  const byPlace = new Map<string, Annotation[]>();
  const place = (a: Annotation) => `${a.start}:${a.end}:${a.label}`;
  const index = (a: Annotation) => {
    byId.set(a.id, a);
    byPlace.set(place(a), [...(byPlace.get(place(a)) ?? []), a]);
  };
  layer.annotations.forEach(index);
  const fromFile = new Set<Annotation>();
  const idOf = new Map<string, string>(); // candidate id → id of the span in the layer
  let added = 0;
  let unchanged = 0;
  const danglingEntities = new Set<string>();
  const unlinkedQids = new Set<string>();
  const registry = new Set(env.entities.map((e) => e.id));
  renamed.annotations.forEach((candidate, i) => {
    const sameId = byId.get(candidate.id);
    if (sameId) {
      if (sameContent(sameId, candidate)) {
        idOf.set(candidate.id, sameId.id);
        unchanged++;
      } else if (fromFile.has(sameId)) {
        problems.push(`${where}: the file gives the id ${candidate.id} to two different spans`);
      } else {
        problems.push(
          `${where}: ${describe(sameId)} is already in ${layer.annotator}'s layer and the file has another version of it (${difference(sameId, candidate)}); importing would overwrite it`,
        );
      }
      return;
    }
    const rivals = byPlace.get(place(candidate)) ?? [];
    const same = rivals.find((a) => sameContent(a, candidate));
    if (same) {
      idOf.set(candidate.id, same.id);
      unchanged++;
      return;
    }
    if (rivals.length > 0) {
      problems.push(
        `${where}: ${describe(rivals[0]!)} is already in ${layer.annotator}'s layer and the file has the same span with ${difference(rivals[0]!, candidate)}; importing would keep two versions of it`,
      );
      return;
    }
    next.push(candidate);
    index(candidate);
    fromFile.add(candidate);
    idOf.set(candidate.id, candidate.id);
    added++;
    if (candidate.entity !== undefined && !registry.has(candidate.entity)) {
      danglingEntities.add(candidate.entity);
    }
    const qid = qids.get(candidates[i]!);
    if (qid !== undefined) unlinkedQids.add(qid);
  });

  // Relations: checked against the codebook with the spans they now join.
  const nextRelations: Relation[] = [...layer.relations];
  let relationsAdded = 0;
  let relationsUnchanged = 0;
  for (const draft of renamed.relations ?? []) {
    const from = idOf.get(draft.from);
    const to = idOf.get(draft.to);
    if (from === undefined || to === undefined) continue; // its span is a conflict, reported
    const ends = { from: byId.get(from)!, to: byId.get(to)! };
    if (from === to) {
      problems.push(`${where}: a "${draft.type}" relation joins ${describe(ends.from)} to itself`);
      continue;
    }
    const problem = relationProblem(env.codebook, draft.type, ends);
    if (problem !== null) {
      problems.push(`${where}: ${problem}`);
      continue;
    }
    const existing = nextRelations.find(
      (r) => r.type === draft.type && r.from === from && r.to === to,
    );
    if (existing) {
      if (sameAttributes(existing.attributes, draft.attributes)) relationsUnchanged++;
      else {
        problems.push(
          `${where}: the "${draft.type}" relation from ${describe(ends.from)} to ${describe(ends.to)} is already in ${layer.annotator}'s layer with other attributes; importing would overwrite them`,
        );
      }
      continue;
    }
    nextRelations.push({ ...draft, from, to });
    relationsAdded++;
  }
  if (problems.length > 0) return { ok: false, problems };

  const notes: string[] = [];
  if (danglingEntities.size > 0) {
    notes.push(
      `${where}: spans link to ${danglingEntities.size} entit${danglingEntities.size === 1 ? 'y' : 'ies'} that ${layer.annotator}'s actor registry does not have (${[...danglingEntities].join(', ')}); the links were kept`,
    );
  }
  if (unlinkedQids.size > 0) {
    notes.push(
      `${where}: no entity in ${layer.annotator}'s actor registry has the Wikidata id ${[...unlinkedQids].join(', ')}; those spans came in without an entity link`,
    );
  }
  return {
    ok: true,
    merge: {
      layer: { ...layer, annotations: next, relations: nextRelations },
      added,
      unchanged,
      relationsAdded,
      relationsUnchanged,
      notes,
    },
  };
}

function entityWithQid(entities: readonly Entity[], qid: string | undefined) {
  return qid === undefined ? undefined : entities.find((e) => e.qid === qid);
}

/** What a person compares: offsets, label, attributes (nulls as unset), entity, note. */
function sameContent(a: Annotation, b: Annotation): boolean {
  return sameVersion(a, b) && a.entity === b.entity && (a.note ?? '') === (b.note ?? '');
}

function sameAttributes(a: Annotation['attributes'], b: Annotation['attributes']): boolean {
  return sameVersion(
    { start: 0, end: 0, label: '', attributes: a },
    { start: 0, end: 0, label: '', attributes: b },
  );
}

/** The first way the file's version differs from the layer's, for the message. */
function difference(have: Annotation, file: Annotation): string {
  if (have.start !== file.start || have.end !== file.end || have.label !== file.label) {
    return `${file.label} at ${file.start}–${file.end} instead of ${have.label} at ${have.start}–${have.end} (UTF-16)`;
  }
  if (!sameAttributes(have.attributes, file.attributes)) {
    return `attributes ${JSON.stringify(file.attributes)} instead of ${JSON.stringify(have.attributes)}`;
  }
  if (have.entity !== file.entity) {
    return `entity ${file.entity ?? 'none'} instead of ${have.entity ?? 'none'}`;
  }
  return `note ${JSON.stringify(file.note ?? '')} instead of ${JSON.stringify(have.note ?? '')}`;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
