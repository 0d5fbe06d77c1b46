/**
 * The API contract: every operation the UI may ask of the main side, with zod schemas for its
 * argument and its result. The IPC handlers, the preload, the HTTP transport and the renderer's
 * client are all derived from this one table, so a method exists everywhere or nowhere.
 *
 * Errors cross the boundary as values (`ApiResult`), with a message a person can act on.
 */
import { z } from 'zod';
import {
  Annotation,
  AnnotatorName,
  AttributeValue,
  Attributes,
  Codebook,
  CuratedFile,
  DocStatus,
  DocumentMeta,
  DocumentRecord,
  Entity,
  EntityKind,
  Id,
  IsoTime,
  Relation,
  ReviewStatus,
} from './model';
import { AgreementReport } from './agreement/report';
import {
  CodebookChangePreview,
  CodebookChangeResult,
  CodebookImportResult,
  CodebookOperation,
} from './codebook/operations';
import { AdjudicationStep, ReviewCaseSchema } from './review/review-schema';

export const ProjectInfo = z.object({
  name: z.string(),
  /** Absolute folder of the project. */
  path: z.string(),
  /** Who is annotating; null until the person has confirmed a name. */
  annotator: AnnotatorName.nullable(),
  /** Suggested name (the OS user, made safe as a folder name). */
  suggestedAnnotator: AnnotatorName,
  /** Things the person must know, e.g. a file recovered from its backup. */
  warnings: z.array(z.string()),
  /** How the UI is connected: a desktop window, or a browser tab talking to `serve`. */
  shell: z.enum(['electron', 'browser']),
});
export type ProjectInfo = z.infer<typeof ProjectInfo>;

export const DocumentSummary = z.object({
  id: Id,
  title: z.string(),
  meta: DocumentMeta,
  /** Length of the text in UTF-16 code units. */
  length: z.number().int().nonnegative(),
  /** Spans in the current annotator's layer. */
  annotationCount: z.number().int().nonnegative(),
  status: DocStatus,
  /** The current annotator's memo on the document, when there is one. */
  memo: z.string().optional(),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

export const Layer = z.object({
  doc: Id,
  annotator: AnnotatorName,
  status: DocStatus,
  memo: z.string(),
  annotations: z.array(Annotation),
  relations: z.array(Relation),
});
export type Layer = z.infer<typeof Layer>;

/** What the UI sends to create a span. The store fills in quote/context, times and annotator. */
export const AnnotationDraft = z.object({
  doc: Id,
  label: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  attributes: Attributes.default({}),
  /** Set only when re-creating a deleted span (undo): the same id comes back. */
  id: Id.optional(),
});
export type AnnotationDraft = z.input<typeof AnnotationDraft>;

export const AnnotationPatch = z
  .object({
    label: z.string().min(1),
    start: z.number().int().nonnegative(),
    end: z.number().int().positive(),
    attributes: z.record(z.string(), AttributeValue),
    entity: Id.nullable(),
    note: z.string(),
  })
  .partial();
export type AnnotationPatch = z.infer<typeof AnnotationPatch>;

export const ImportFile = z.object({
  /** Base name, used for the format (by extension) and for messages. */
  name: z.string().min(1).max(255),
  content: z.string(),
});

export const ImportReport = z.object({
  imported: z.array(DocumentSummary),
  /** Files that were not imported, each with the reason. */
  rejected: z.array(z.object({ file: z.string(), message: z.string() })),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** Export formats: export-formats.ts says what each is for and whether it is a file or a folder. */
export const ExportFormat = z.enum(['json', 'jsonl', 'webanno', 'csv', 'brat', 'conll', 'graphml']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const ExportResult = z.object({
  fileName: z.string(),
  mediaType: z.string(),
  content: z.string(),
});
export type ExportResult = z.infer<typeof ExportResult>;

const Empty = z.object({}).strict();

function method<A extends z.ZodType, R extends z.ZodType>(args: A, result: R) {
  return { args, result };
}

// ---------------------------------------------------------------------------------------------
// Actor registry and "annotate all occurrences" (services/entity-handlers.ts). Entities live in
// annotations/<annotator>/entities.json; a span links to one through `Annotation.entity`.

/** A registry entry with the number of the annotator's spans that link to it. */
export const EntityWithUsage = Entity.extend({ usage: z.number().int().nonnegative() });
export type EntityWithUsage = z.infer<typeof EntityWithUsage>;

/** A new entity. Names and aliases are cleaned and checked by the service (entity-fields.ts). */
export const EntityDraft = z.object({
  name: z.string(),
  aliases: z.array(z.string()).default([]),
  kind: EntityKind,
  /** Wikidata item id, e.g. Q42. */
  qid: z.string().optional(),
  attributes: Attributes.default({}),
  /** Set only when re-creating a deleted entity (redo): the same id comes back. */
  id: Id.optional(),
});
export type EntityDraft = z.input<typeof EntityDraft>;

export const EntityPatch = z
  .object({
    name: z.string(),
    aliases: z.array(z.string()),
    kind: EntityKind,
    /** null removes the Wikidata id. */
    qid: z.string().nullable(),
    attributes: Attributes,
  })
  .partial();
export type EntityPatch = z.infer<typeof EntityPatch>;

/** Spans of one document that a merge moved to the kept entity, with what they were before. */
export const RelinkedSpans = z.object({
  doc: Id,
  spans: z.array(z.object({ id: Id, entity: Id, modified: IsoTime })),
});
export type RelinkedSpans = z.infer<typeof RelinkedSpans>;

/** What a merge did: everything `unmergeEntities` needs to put it back exactly. */
export const EntityMerge = z.object({
  /** The kept entity after the merge (aliases unioned). */
  kept: Entity,
  /** The kept entity as it was before. */
  keptBefore: Entity,
  /** The entities merged into it, now gone from the registry. */
  removed: z.array(Entity).min(1),
  relinked: z.array(RelinkedSpans),
});
export type EntityMerge = z.infer<typeof EntityMerge>;

export const OccurrenceQuery = z.object({
  scope: z.enum(['document', 'corpus']),
  /** The document searched when scope is 'document'. */
  doc: Id.optional(),
  /** What a mention reads: a span's text, an entity's name and aliases. */
  strings: z.array(z.string()).min(1).max(100),
  /** The label the suggested spans get. */
  label: z.string().min(1),
  /** The entity the suggested spans link to. */
  entity: Id.optional(),
  caseSensitive: z.boolean().default(true),
});
export type OccurrenceQuery = z.input<typeof OccurrenceQuery>;

/** A proposed span, never saved until accepted. Offsets are UTF-16 code units, half-open. */
export const Suggestion = z.object({
  doc: Id,
  docTitle: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  /** The text at [start, end). */
  text: z.string(),
  label: z.string().min(1),
  entity: Id.optional(),
  /** The rest of the sentence around it. */
  context: z.object({ before: z.string(), after: z.string() }),
});
export type Suggestion = z.infer<typeof Suggestion>;

export const OccurrenceResult = z.object({
  suggestions: z.array(Suggestion),
  /** Documents searched. */
  documents: z.number().int().nonnegative(),
  /** More mentions were found than listed (the list stops at a limit the message names). */
  truncated: z.boolean(),
});
export type OccurrenceResult = z.infer<typeof OccurrenceResult>;

export const AcceptedSuggestion = z.object({
  doc: Id,
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  label: z.string().min(1),
  entity: Id.optional(),
  /** Chosen by the client, so that redo brings back the same span. */
  id: Id.optional(),
});
export type AcceptedSuggestion = z.input<typeof AcceptedSuggestion>;

/** The block of methods of the actor registry, spread into `api` below. */
const entityMethods = {
  listEntities: method(Empty, z.array(EntityWithUsage)),
  createEntity: method(EntityDraft.strict(), Entity),
  updateEntity: method(z.object({ id: Id, patch: EntityPatch.strict() }).strict(), Entity),
  /** Refuses (naming the count) any entity still linked from a span. */
  deleteEntities: method(
    z.object({ ids: z.array(Id).min(1) }).strict(),
    z.object({ removed: z.array(Entity) }),
  ),
  /** Undoes a delete: the entities come back with their ids and times. */
  restoreEntities: method(z.object({ entities: z.array(Entity).min(1) }).strict(), z.array(Entity)),
  mergeEntities: method(z.object({ keep: Id, merge: z.array(Id).min(1) }).strict(), EntityMerge),
  /** Undoes a merge. Spans changed since (relinked elsewhere, deleted) are left as they are. */
  unmergeEntities: method(
    EntityMerge.strict(),
    z.object({ restoredSpans: z.number().int(), skippedSpans: z.number().int() }),
  ),
  findOccurrences: method(OccurrenceQuery.strict(), OccurrenceResult),
  /** Saves accepted suggestions as spans with a `suggestion` origin naming `source`. */
  acceptSuggestions: method(
    z
      .object({
        suggestions: z.array(AcceptedSuggestion.strict()).min(1).max(5000),
        source: z.string().min(1).max(200),
      })
      .strict(),
    z.array(Annotation),
  ),
  /** Undoes `acceptSuggestions`: removes those spans (only spans that came from suggestions). */
  retractSuggestions: method(
    z
      .object({
        spans: z
          .array(z.object({ doc: Id, id: Id }).strict())
          .min(1)
          .max(5000),
      })
      .strict(),
    z.array(z.object({ annotation: Annotation, relations: z.array(Relation) })),
  ),
} as const;

// ---------------------------------------------------------------------------------------------
// Statements: links between spans, and the document status that needs every span complete
// (services/relation-handlers.ts, services/document-status-handlers.ts).

/** A link from one span to another of the annotator's layer of `doc`. */
export const NewRelation = z.object({
  doc: Id,
  /** A relation type of the codebook, allowing the two spans' labels at its ends. */
  type: z.string().min(1),
  from: Id,
  to: Id,
  attributes: Attributes.default({}),
  /** Set only when re-creating a deleted relation (undo, redo): the same id comes back. */
  id: Id.optional(),
});
export type NewRelation = z.input<typeof NewRelation>;

/** The block of methods of statements, spread into `api` below. */
const statementMethods = {
  /** Refuses a type the codebook lacks, or spans whose labels the type does not allow. */
  createRelation: method(NewRelation.strict(), Relation),
  /** Returns the removed relation, so that undo can create it again with its id. */
  deleteRelation: method(z.object({ doc: Id, id: Id }).strict(), Relation),
  /** Refuses 'done' while a span misses a required attribute, naming how many miss which. */
  setDocumentStatus: method(z.object({ doc: Id, status: DocStatus }).strict(), DocumentSummary),
} as const;

// ---------------------------------------------------------------------------------------------
// Annotation list and document memo (services/annotation-list-handlers.ts,
// services/document-memo-handlers.ts).

export const AnnotationSortKey = z.enum(['document', 'label', 'text', 'annotator', 'modified']);

/** Which spans the annotation list shows, in which order, which page. */
export const AnnotationListQuery = z.object({
  /** One document; absent: every document of the project. */
  doc: Id.optional(),
  /** Whose layer: absent is the current annotator's, '*' every annotator's. */
  annotator: z.union([AnnotatorName, z.literal('*')]).optional(),
  label: z.string().min(1).optional(),
  /** Spans whose attribute `name` is `value`; a null value finds spans where it is missing. */
  attribute: z
    .object({ name: z.string().min(1), value: AttributeValue })
    .strict()
    .optional(),
  /** Spans linked to this entity; null finds spans linked to none. */
  entity: Id.nullable().optional(),
  /** Part of the span's text, ignoring case. */
  text: z.string().max(500).optional(),
  /** "document" is reading order: the project's document order, then position in the text. */
  sort: AnnotationSortKey.default('document'),
  descending: z.boolean().default(false),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().min(1).max(1000).default(100),
});
export type AnnotationListQuery = z.input<typeof AnnotationListQuery>;

export const AnnotationListPage = z.object({
  /** Spans matching the query, on every page. */
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  rows: z.array(z.object({ annotation: Annotation, docTitle: z.string() })),
  /** Annotators with a folder of layers in the project, for the annotator filter. */
  annotators: z.array(AnnotatorName),
  /** Entities linked from the spans in scope (document and annotator), for the entity filter. */
  entities: z.array(Id),
});
export type AnnotationListPage = z.infer<typeof AnnotationListPage>;

/** Longest memo kept for one document (UTF-16 code units): notes, not a second article. */
export const MEMO_MAX_LENGTH = 20_000;

/** The block of methods of the annotation list and the memo, spread into `api` below. */
const annotationListMethods = {
  listAnnotations: method(AnnotationListQuery.strict(), AnnotationListPage),
  setDocumentMemo: method(
    z.object({ doc: Id, memo: z.string().max(MEMO_MAX_LENGTH) }).strict(),
    DocumentSummary,
  ),
} as const;

// ---------------------------------------------------------------------------------------------
// Review: colleagues' layers, blind mode, adjudication into the curated (gold) layer, agreement.
// Offsets are UTF-16 code units, as everywhere inside the app.

/** Blind mode: until a person opens review, colleagues' layers are hidden, not even counted. */
export const ReviewState = z.object({
  /** Whether this person has opened review in this project (a per-person setting). */
  open: z.boolean(),
  /** Every annotator with a layer folder, yourself included; empty while review is closed. */
  annotators: z.array(AnnotatorName),
});
export type ReviewState = z.infer<typeof ReviewState>;

/** What importing a colleague's export changed, per annotator (spans compared by id). */
export const LayerImportSummary = z.object({
  file: z.string(),
  annotators: z.array(
    z.object({
      annotator: AnnotatorName,
      /** Documents whose layer changed. */
      documents: z.number().int().nonnegative(),
      added: z.number().int().nonnegative(),
      changed: z.number().int().nonnegative(),
      removed: z.number().int().nonnegative(),
    }),
  ),
  /** What was deliberately left out, and why (e.g. your own layer in the file). */
  notes: z.array(z.string()),
});
export type LayerImportSummary = z.infer<typeof LayerImportSummary>;

/** A document's curated layer as the API sends it. */
export const CuratedLayer = CuratedFile.omit({ format: true, version: true });
export type CuratedLayer = z.infer<typeof CuratedLayer>;

/** A curated layer's content, as undo puts it back. */
export const CuratedSnapshot = CuratedLayer.omit({ doc: true, revision: true });
export type CuratedSnapshot = z.infer<typeof CuratedSnapshot>;

/** One change to a curated layer: the layer before (for undo) and after. */
export const CuratedChange = z.object({ before: CuratedLayer, after: CuratedLayer });
export type CuratedChange = z.infer<typeof CuratedChange>;

export const ReviewDocument = z.object({
  doc: Id,
  title: z.string(),
  status: ReviewStatus,
  cases: z.number().int().nonnegative(),
  /** Cases where the annotators differ. */
  disagreements: z.number().int().nonnegative(),
  /** Cases without a (current) decision, agreed ones included. */
  unsettled: z.number().int().nonnegative(),
  /** Per label: disagreements in which some annotator used it (for "show me Actor's"). */
  disagreementsByLabel: z.record(z.string(), z.number().int().positive()),
});
export type ReviewDocument = z.infer<typeof ReviewDocument>;

/** One document under review: every case (every span of every annotator is in exactly one). */
export const DocumentReview = z.object({
  doc: Id,
  annotators: z.array(AnnotatorName),
  cases: z.array(ReviewCaseSchema),
  curated: CuratedLayer,
});
export type DocumentReview = z.infer<typeof DocumentReview>;

/** The annotators a review or an agreement report compares. */
const Compared = z.array(AnnotatorName).min(2).max(12);

const reviewMethods = {
  getReviewState: method(Empty, ReviewState),
  setReviewOpen: method(z.object({ open: z.boolean() }).strict(), ReviewState),
  /** Writes only colleagues' layers (never yours), all or nothing per file. */
  importLayers: method(
    z
      .object({
        content: z.string(),
        fileName: z.string().min(1).max(255),
        annotators: z.array(AnnotatorName).min(1).optional(),
      })
      .strict(),
    LayerImportSummary,
  ),
  listReviewDocuments: method(z.object({ annotators: Compared }).strict(), z.array(ReviewDocument)),
  getReview: method(z.object({ doc: Id, annotators: Compared }).strict(), DocumentReview),
  adjudicate: method(
    z
      .object({
        doc: Id,
        annotators: Compared,
        steps: z.array(AdjudicationStep).min(1).max(10_000),
      })
      .strict(),
    CuratedChange,
  ),
  setReviewStatus: method(
    z.object({ doc: Id, annotators: Compared, status: ReviewStatus }).strict(),
    CuratedChange,
  ),
  /** Undo/redo: puts a snapshot back if the layer is still at `revision` (else 'conflict'). */
  restoreCurated: method(
    z
      .object({
        doc: Id,
        revision: z.number().int().nonnegative(),
        layer: CuratedSnapshot.strict(),
      })
      .strict(),
    CuratedLayer,
  ),
  computeAgreement: method(
    z
      .object({
        annotators: Compared,
        docs: z.array(Id).min(1).optional(),
        labels: z.array(z.string().min(1)).min(1).optional(),
      })
      .strict(),
    // Lazy: report.ts imports this module (for WorkbenchError), so its schema is read on use.
    z.lazy(() => AgreementReport),
  ),
} as const;

// ---------------------------------------------------------------------------------------------
// Research exports and annotation imports (services/export-handlers.ts). An export runs as a
// job the window polls; its files hold offsets in Unicode code points, as every export does.

/** Whose layers an export holds. */
export const ExportLayers = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('annotator'), annotator: AnnotatorName }).strict(),
  z.object({ kind: z.literal('all') }).strict(),
  /** The adjudicated (gold) layer: curated/<docId>.json. */
  z.object({ kind: z.literal('curated') }).strict(),
]);
export type ExportLayers = z.infer<typeof ExportLayers>;

export const ExportRequest = z
  .object({
    format: ExportFormat,
    layers: ExportLayers,
    /** Only these documents; absent: every document. */
    docs: z.array(Id).min(1).max(100_000).optional(),
    /** CoNLL only: the labels it tags (absent: every codebook label). */
    labels: z.array(z.string().min(1)).min(1).max(500).optional(),
  })
  .strict();
export type ExportRequest = z.infer<typeof ExportRequest>;

/** A finished export: one file, or a folder of files (relative, "/"-separated paths). */
export const ExportPayload = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('file'),
    fileName: z.string(),
    mediaType: z.string(),
    content: z.string(),
  }),
  z.object({
    kind: z.literal('folder'),
    folderName: z.string(),
    files: z.array(z.object({ path: z.string(), content: z.string() })),
  }),
]);
export type ExportPayload = z.infer<typeof ExportPayload>;

const Count = z.number().int().nonnegative();

/** What an export holds, for the person to check before using it. */
export const ExportSummary = z.object({
  format: ExportFormat,
  exportedAt: IsoTime,
  documents: Count,
  /** Annotator layers (one annotator, one document) with something in them. */
  layers: Count,
  spans: Count,
  relations: Count,
  files: Count,
  /** UTF-8 bytes of all files. */
  bytes: Count,
  /** What a person should know: spans a format could not hold exactly, layers still in review. */
  notes: z.array(z.string()),
});
export type ExportSummary = z.infer<typeof ExportSummary>;

/** How far an export got: documents read, then records (JSONL) or the one step of writing. */
export const ExportJob = z.object({
  job: Id,
  state: z.enum(['running', 'done']),
  phase: z.enum(['reading', 'writing']),
  done: Count,
  total: Count,
  /** Once done. */
  summary: ExportSummary.optional(),
});
export type ExportJob = z.infer<typeof ExportJob>;

export const AnnotationImportFormat = z.enum(['json', 'jsonl', 'webanno', 'brat']);
export type AnnotationImportFormat = z.infer<typeof AnnotationImportFormat>;

/** What one file did to one annotator's layers. */
export const ImportedLayerCounts = z.object({
  annotator: AnnotatorName,
  /** Document layers the file changed. */
  documents: Count,
  added: Count,
  /** Spans of the file the layers already had (absent for a workbench JSON export). */
  unchanged: Count.optional(),
  /** A workbench JSON export replaces a colleague's layer: spans it changed and removed. */
  changed: Count,
  removed: Count,
  relationsAdded: Count,
});
export type ImportedLayerCounts = z.infer<typeof ImportedLayerCounts>;

export const AnnotationImportReport = z.object({
  /** One entry per file; a refused file changed nothing. */
  files: z.array(
    z.discriminatedUnion('ok', [
      z.object({
        ok: z.literal(true),
        file: z.string(),
        format: AnnotationImportFormat,
        annotators: z.array(ImportedLayerCounts),
        notes: z.array(z.string()),
      }),
      z.object({
        ok: z.literal(false),
        file: z.string(),
        format: AnnotationImportFormat.optional(),
        problems: z.array(z.string()),
      }),
    ]),
  ),
});
export type AnnotationImportReport = z.infer<typeof AnnotationImportReport>;

const JobRef = z.object({ job: Id }).strict();

/** The block of methods of exports and annotation imports, spread into `api` below. */
const exportMethods = {
  /** Checks the request and starts the export; poll `exportProgress` until it is done. */
  startExport: method(ExportRequest, ExportJob),
  /** A failed export answers with its error. */
  exportProgress: method(JobRef, ExportJob),
  cancelExport: method(JobRef, z.object({ cancelled: z.boolean() })),
  /** The finished export's files, for the browser to download; the job is then forgotten. */
  takeExport: method(JobRef, ExportPayload),
  /** Desktop app: the main process asks where (a save dialog) and writes the file or folder. */
  saveExport: method(JobRef, z.object({ saved: z.boolean(), path: z.string().optional() })),
  /** Each file's format from its name and content unless given; brat: .ann with its .txt. */
  importAnnotations: method(
    z
      .object({
        files: z.array(ImportFile).min(1).max(5000),
        format: AnnotationImportFormat.optional(),
        /** Every span into this annotator's layer (default: the file's annotator, else yours). */
        annotator: AnnotatorName.optional(),
      })
      .strict(),
    AnnotationImportReport,
  ),
} as const;

// ---------------------------------------------------------------------------------------------
// Codebook editor (services/codebook-handlers.ts, src/shared/codebook/): renames, merges and
// deletions as explicit operations that migrate every layer (annotator folders and curated/),
// plain saves of edits that touch no annotation, import and export.

const CodebookOperations = z.array(CodebookOperation).min(1).max(50);

/** Largest codebook file accepted for import, in UTF-16 code units (a codebook is a few KB). */
export const MAX_CODEBOOK_CHARS = 2 * 1024 * 1024;

/** The block of codebook methods, spread into `api` below. */
const codebookMethods = {
  /** What the operations would change, counted in every layer of the project; writes nothing. */
  previewCodebookChange: method(
    z.object({ operations: CodebookOperations }).strict(),
    CodebookChangePreview,
  ),
  /**
   * Applies the operations: codebook with the renames first, then each layer, then the codebook
   * without what was deleted. A change that deletes needs `confirmDeleteCount` of at least the
   * previewed `deleteCount`. After a failure, the same call again finishes the change.
   */
  applyCodebookChange: method(
    z
      .object({
        operations: CodebookOperations,
        confirmDeleteCount: z.number().int().nonnegative().optional(),
      })
      .strict(),
    CodebookChangeResult,
  ),
  /**
   * Saves edits that touch no annotation (colour, hotkey, description, examples, new labels,
   * attributes and values, required, overlap, relation ends). `codebook.revision` must be the
   * current one; dropping a name is refused (use the operations).
   */
  saveCodebook: method(z.object({ codebook: Codebook }).strict(), Codebook),
  /** Replaces the codebook with a JSON file's; refused when it would orphan annotations. */
  importCodebook: method(
    z.object({ content: z.string().min(1).max(MAX_CODEBOOK_CHARS) }).strict(),
    CodebookImportResult,
  ),
  exportCodebook: method(Empty, ExportResult),
} as const;

export const api = {
  getProject: method(Empty, ProjectInfo),
  setAnnotator: method(z.object({ name: AnnotatorName }).strict(), ProjectInfo),
  listDocuments: method(Empty, z.array(DocumentSummary)),
  getDocument: method(z.object({ id: Id }).strict(), DocumentRecord),
  getCodebook: method(Empty, Codebook),
  getLayer: method(z.object({ doc: Id }).strict(), Layer),
  createAnnotation: method(AnnotationDraft.strict(), Annotation),
  updateAnnotation: method(
    z.object({ doc: Id, id: Id, patch: AnnotationPatch.strict() }).strict(),
    Annotation,
  ),
  deleteAnnotation: method(
    z.object({ doc: Id, id: Id }).strict(),
    /** The removed span and the relations removed with it, so that undo can restore them. */
    z.object({ annotation: Annotation, relations: z.array(Relation) }),
  ),
  restoreAnnotation: method(
    z.object({ annotation: Annotation, relations: z.array(Relation) }).strict(),
    Annotation,
  ),
  importDocuments: method(
    z.object({ files: z.array(ImportFile).min(1).max(500) }).strict(),
    ImportReport,
  ),
  exportDataset: method(
    z
      .object({
        format: ExportFormat,
        /** Export the curated (gold) layer instead of the annotators' layers. */
        curated: z.boolean().optional(),
      })
      .strict(),
    ExportResult,
  ),
  ...statementMethods,
  ...entityMethods,
  ...annotationListMethods,
  ...exportMethods,
  ...reviewMethods,
  ...codebookMethods,
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
export const METHOD_NAMES = Object.keys(api) as MethodName[];
export type ArgsOf<M extends MethodName> = z.input<Api[M]['args']>;
export type ResultOf<M extends MethodName> = z.output<Api[M]['result']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(api, name);
}

// ---------------------------------------------------------------------------------------------
// Results as values

export const ErrorCode = z.enum([
  'invalid_argument',
  'not_found',
  'conflict',
  'unavailable',
  'io',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiError = z.object({ code: ErrorCode, message: z.string() });
export type ApiError = z.infer<typeof ApiError>;

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown inside services; transports turn it into `{ ok: false, error }`. */
export class WorkbenchError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WorkbenchError';
  }
}

/** The client-side interface: one async function per method. */
export type WorkbenchClient = {
  [M in MethodName]: (args: ArgsOf<M>) => Promise<ApiResult<ResultOf<M>>>;
};

/** The server-side interface the services implement. */
export type WorkbenchHandlers = {
  [M in MethodName]: (args: z.output<Api[M]['args']>) => Promise<ResultOf<M>>;
};

/** Describes a zod failure in one sentence a person can act on. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const where = issue.path.length ? issue.path.join('.') : 'value';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

/**
 * Validates the argument, runs the handler, validates the result: the one place where
 * both transports turn calls into values. Unknown failures become `internal` errors whose
 * message is kept (the person sees what went wrong), never a crash of the transport.
 */
export async function dispatch(
  handlers: WorkbenchHandlers,
  name: string,
  rawArgs: unknown,
): Promise<ApiResult<unknown>> {
  if (!isMethodName(name)) {
    return { ok: false, error: { code: 'not_found', message: `No such operation: ${name}` } };
  }
  const parsed = api[name].args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'invalid_argument',
        message: `${name}: ${describeZodError(parsed.error)}`,
      },
    };
  }
  try {
    const handler = handlers[name] as (args: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof WorkbenchError) {
      return { ok: false, error: { code: error.code, message: error.message } };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', message: `${name} failed: ${message}` } };
  }
}
