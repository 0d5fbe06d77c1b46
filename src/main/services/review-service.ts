/**
 * Review on the main side: colleagues' layers in (import, or a shared folder's new files),
 * cases compared per document, adjudication into the curated (gold) layer, agreement over the
 * layers. The comparing and deciding are pure (src/shared/review, src/shared/agreement); this
 * module reads and writes through the stores, which are the only writers of their files.
 *
 * Offsets are UTF-16 code units.
 */
import { randomUUID } from 'node:crypto';
import type {
  CuratedChange,
  CuratedLayer,
  CuratedSnapshot,
  DocumentReview,
  LayerImportSummary,
  ReviewDocument,
} from '../../shared/api';
import { WorkbenchError } from '../../shared/api';
import { computeAgreement, type AgreementReport } from '../../shared/agreement/report';
import {
  AnnotationFile,
  type Annotation,
  type CuratedFile,
  type DocumentRecord,
  type Relation,
  type ReviewStatus,
} from '../../shared/model';
import {
  applySteps,
  setReviewStatus,
  unsettledCases,
  type ReviewedCase,
} from '../../shared/review/adjudication';
import {
  layerChange,
  readColleagueLayers,
  type IncomingLayer,
} from '../../shared/review/layer-import';
import { isDisagreement, reviewCases } from '../../shared/review/review-cases';
import type { AdjudicationStep } from '../../shared/review/review-schema';
import type { ProjectFolder } from '../project/project-folder';
import type { AnnotationStore } from '../store/annotation-store';
import type { CuratedStore } from '../store/curated-store';
import { checkSpan, spanText } from '../store/span-text';
import { requireLabel } from './session-context';

/** What review reads and writes. */
export interface ReviewSources {
  readonly project: ProjectFolder;
  readonly store: AnnotationStore;
  readonly curated: CuratedStore;
  /** The person reviewing: their own layer is never re-read or written by review. */
  readonly self: string | null;
}

export interface ImportLayersArgs {
  content: string;
  fileName: string;
  annotators?: readonly string[];
}

/**
 * Writes colleagues' layers from a native JSON export: only their folders, never `self`'s; a
 * layer the file holds replaces what the project had of it (so importing a colleague again
 * updates their layer). All or nothing: every file is checked before the first write, and if a
 * write fails the layers already written are put back.
 */
export async function importLayers(
  sources: ReviewSources & { self: string },
  args: ImportLayersArgs,
): Promise<LayerImportSummary> {
  const { project, store, self } = sources;
  const plan = readColleagueLayers({
    fileName: args.fileName,
    content: args.content,
    documents: await project.listDocuments(),
    self,
    annotators: args.annotators,
    spanContext: spanText,
  });
  for (const name of plan.annotators) await store.reloadLayers(name);

  const writes: Array<{ incoming: IncomingLayer; previous: AnnotationFile; next: AnnotationFile }> =
    [];
  const summary = new Map(
    plan.annotators.map((annotator) => [
      annotator,
      { annotator, documents: 0, added: 0, changed: 0, removed: 0 },
    ]),
  );
  for (const incoming of plan.layers) {
    const previous = await store.getLayer(incoming.annotator, incoming.doc);
    const change = layerChange(previous.annotations, incoming.annotations);
    const same =
      change.added + change.changed + change.removed === 0 &&
      sameRelations(previous.relations, incoming.relations) &&
      previous.status === incoming.status;
    if (same) continue;
    const next: AnnotationFile = {
      ...previous,
      status: incoming.status,
      annotations: [...incoming.annotations],
      relations: [...incoming.relations],
    };
    // Checked before anything is written, so a bad record cannot leave half a file imported.
    const checked = AnnotationFile.safeParse(next);
    if (!checked.success) {
      throw new WorkbenchError(
        'invalid_argument',
        `${args.fileName} was not imported, nothing changed: ${incoming.annotator}'s layer of ${incoming.doc} would not be valid (${checked.error.issues[0]?.message}).`,
      );
    }
    writes.push({ incoming, previous, next: checked.data });
    const total = summary.get(incoming.annotator)!;
    total.documents++;
    total.added += change.added;
    total.changed += change.changed;
    total.removed += change.removed;
  }

  const written: typeof writes = [];
  try {
    for (const write of writes) {
      await store.updateLayer(write.incoming.annotator, write.incoming.doc, () => ({
        layer: write.next,
        result: undefined,
      }));
      written.push(write);
    }
  } catch (error) {
    const putBack = await putBackLayers(store, written);
    const reason = error instanceof Error ? error.message : String(error);
    throw new WorkbenchError(
      error instanceof WorkbenchError ? error.code : 'io',
      `${args.fileName} was not imported: ${reason} ${putBack}`,
    );
  }
  return { file: args.fileName, annotators: [...summary.values()], notes: [...plan.notes] };
}

/** Restores layers an import had written before it failed; says what happened, for the message. */
async function putBackLayers(
  store: AnnotationStore,
  written: ReadonlyArray<{ incoming: IncomingLayer; previous: AnnotationFile }>,
): Promise<string> {
  if (written.length === 0) return 'Nothing was changed.';
  const failed: string[] = [];
  for (const { incoming, previous } of [...written].reverse()) {
    await store
      .updateLayer(incoming.annotator, incoming.doc, () => ({ layer: previous, result: undefined }))
      .catch(() => failed.push(`annotations/${incoming.annotator}/${incoming.doc}.json`));
  }
  return failed.length === 0
    ? `The ${written.length} layer file(s) already written were put back as they were.`
    : `Could not put back ${failed.join(', ')} (its backup file .bak holds the version before the import).`;
}

function sameRelations(a: readonly Relation[], b: readonly Relation[]): boolean {
  const key = (list: readonly Relation[]) =>
    JSON.stringify(
      [...list]
        .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
        .map((r) => [r.id, r.type, r.from, r.to, r.attributes, r.created, r.modified]),
    );
  return key(a) === key(b);
}

/** Throws 'not_found' unless every annotator has a layer folder in the project. */
async function checkAnnotators(store: AnnotationStore, annotators: readonly string[]) {
  const known = await store.listAnnotators();
  const unknown = annotators.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new WorkbenchError(
      'not_found',
      `No layer of ${unknown.map((n) => `"${n}"`).join(', ')} in this project (annotators: ${known.join(', ') || 'none yet'}). Import their export, or check the name.`,
    );
  }
}

/**
 * Re-reads colleagues' layers from disk: a shared or synced folder may have brought new files
 * since they were cached. Called whenever review opens a view on them.
 */
async function refreshColleagues(sources: ReviewSources, annotators: readonly string[]) {
  for (const name of annotators) {
    if (name !== sources.self) await sources.store.reloadLayers(name);
  }
}

async function casesOf(
  store: AnnotationStore,
  docId: string,
  annotators: readonly string[],
): Promise<ReviewedCase[]> {
  const layers: Record<string, readonly Annotation[]> = {};
  for (const name of annotators) layers[name] = (await store.getLayer(name, docId)).annotations;
  return reviewCases(annotators, layers);
}

export function curatedLayer(file: CuratedFile): CuratedLayer {
  const { doc, status, revision, annotations, decisions } = file;
  return { doc, status, revision, annotations, decisions };
}

/** Every case of one document, with its curated layer. */
export async function documentReview(
  sources: ReviewSources,
  docId: string,
  annotators: readonly string[],
): Promise<DocumentReview> {
  await sources.project.getDocument(docId);
  await checkAnnotators(sources.store, annotators);
  await refreshColleagues(sources, annotators);
  return {
    doc: docId,
    annotators: [...annotators],
    cases: await casesOf(sources.store, docId, annotators),
    curated: curatedLayer(await sources.curated.get(docId)),
  };
}

/** Every document with its review status and how many cases are left to settle. */
export async function reviewDocuments(
  sources: ReviewSources,
  annotators: readonly string[],
): Promise<ReviewDocument[]> {
  await checkAnnotators(sources.store, annotators);
  await refreshColleagues(sources, annotators);
  const result: ReviewDocument[] = [];
  for (const doc of await sources.project.listDocuments()) {
    const cases = await casesOf(sources.store, doc.id, annotators);
    const curated = await sources.curated.get(doc.id);
    const disagreements = cases.filter((c) => isDisagreement(c.kind));
    const byLabel: Record<string, number> = {};
    for (const c of disagreements) {
      for (const label of new Set(c.versions.map((v) => v.span.label))) {
        byLabel[label] = (byLabel[label] ?? 0) + 1;
      }
    }
    result.push({
      doc: doc.id,
      title: doc.title,
      status: curated.status,
      cases: cases.length,
      disagreements: disagreements.length,
      unsettled: unsettledCases(curated, cases).length,
      disagreementsByLabel: byLabel,
    });
  }
  return result;
}

/** Settles cases into the gold layer; returns the layer before (for undo) and after. */
export async function adjudicate(
  sources: ReviewSources & { self: string },
  docId: string,
  annotators: readonly string[],
  steps: readonly AdjudicationStep[],
): Promise<CuratedChange> {
  const document = await sources.project.getDocument(docId);
  const codebook = await sources.project.getCodebook();
  for (const step of steps) if (step.action === 'edit') requireLabel(codebook, step.span.label);
  await checkAnnotators(sources.store, annotators);
  const cases = await casesOf(sources.store, docId, annotators);
  return sources.curated.update(docId, (file) => {
    const next = applySteps(file, cases, steps, {
      curator: sources.self,
      now: new Date().toISOString(),
      newId: randomUUID,
      text: document.text,
      spanContext: (text, start, end) => spanContextIn(document, text, start, end),
    });
    return { file: next, result: { before: curatedLayer(file), after: curatedLayer(next) } };
  });
}

function spanContextIn(document: DocumentRecord, text: string, start: number, end: number) {
  checkSpan(document.id, text, start, end);
  return spanText(text, start, end);
}

export async function changeReviewStatus(
  sources: ReviewSources,
  docId: string,
  annotators: readonly string[],
  status: ReviewStatus,
): Promise<CuratedChange> {
  await sources.project.getDocument(docId);
  await checkAnnotators(sources.store, annotators);
  const cases = await casesOf(sources.store, docId, annotators);
  return sources.curated.update(docId, (file) => {
    const next = setReviewStatus(file, cases, status);
    return { file: next, result: { before: curatedLayer(file), after: curatedLayer(next) } };
  });
}

/**
 * Undo and redo of adjudication: puts `layer` back, if the curated layer is still at `revision`
 * — otherwise something changed it since, and overwriting would lose that change.
 */
export async function restoreCurated(
  curated: CuratedStore,
  docId: string,
  revision: number,
  layer: CuratedSnapshot,
): Promise<CuratedLayer> {
  return curated.update(docId, (file) => {
    if (file.revision !== revision) {
      throw new WorkbenchError(
        'conflict',
        `The gold layer of ${docId} changed since (it is at revision ${file.revision}, not ${revision}); undoing would lose that change. Reopen the document to see it as it is.`,
      );
    }
    const next: CuratedFile = { ...file, ...layer, revision: file.revision + 1 };
    return { file: next, result: curatedLayer(next) };
  });
}

export interface AgreementArgs {
  annotators: readonly string[];
  /** Document ids; default: every document of the project. */
  docs?: readonly string[];
  labels?: readonly string[];
}

/** The agreement report of the annotators' layers (src/shared/agreement/report.ts). */
export async function projectAgreement(
  sources: Pick<ReviewSources, 'project' | 'store' | 'self'>,
  args: AgreementArgs,
): Promise<AgreementReport> {
  const { project, store } = sources;
  await checkAnnotators(store, args.annotators);
  for (const name of args.annotators) if (name !== sources.self) await store.reloadLayers(name);
  const all = await project.listDocuments();
  const documents = args.docs ? args.docs.map((id) => documentIn(all, id)) : all;
  const layers: Record<string, Annotation[]> = {};
  for (const name of args.annotators) {
    const spans: Annotation[] = [];
    for (const doc of documents) spans.push(...(await store.getLayer(name, doc.id)).annotations);
    layers[name] = spans;
  }
  return computeAgreement({
    documents: documents.map(({ id, text }) => ({ id, text })),
    layers,
    annotators: args.annotators,
    ...(args.labels && { labels: args.labels }),
  });
}

function documentIn(all: readonly DocumentRecord[], id: string): DocumentRecord {
  const doc = all.find((d) => d.id === id);
  if (!doc) throw new WorkbenchError('not_found', `There is no document "${id}" in this project.`);
  return doc;
}
