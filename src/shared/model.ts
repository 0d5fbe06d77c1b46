/**
 * The domain model: plain, readonly JSON records, each with a zod schema that is the single
 * source of truth for validation on read (files), at the API boundary and in imports.
 *
 * Units: every `start`/`end` inside the app is a UTF-16 code unit offset into `Document.text`
 * (JavaScript's string unit), half-open `[start, end)`. Exports convert to Unicode code points
 * (see offsets.ts); nothing else does.
 */
import { z } from 'zod';

/** Ids used in file names: letters, digits, `_` and `-`, starting with a letter or digit. */
export const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
export const Id = z.string().regex(SAFE_ID, 'use letters, digits, "_" or "-" (at most 128)');
export type Id = z.infer<typeof Id>;

/** An annotator name is also a folder name under annotations/, so it is held to SAFE_ID. */
export const AnnotatorName = Id;

export const IsoTime = z.iso.datetime({ offset: true });

const Offset = z.number().int().nonnegative();

// ---------------------------------------------------------------------------------------------
// Documents

export const BlockKind = z.enum(['paragraph', 'heading', 'quote', 'list_item']);
export type BlockKind = z.infer<typeof BlockKind>;

/** A structural block of the text: a stand-off range, never overlapping another block. */
export const Block = z.object({
  kind: BlockKind,
  start: Offset,
  end: Offset,
  /** Heading level 1–6, only for headings. */
  level: z.number().int().min(1).max(6).optional(),
});
export type Block = z.infer<typeof Block>;

export const MarkKind = z.enum(['em', 'strong', 'link']);
export const InlineMark = z.object({
  kind: MarkKind,
  start: Offset,
  end: Offset,
  /** Only for links; only http(s) and mailto survive import. */
  href: z.string().optional(),
});
export type InlineMark = z.infer<typeof InlineMark>;

export const DocumentMeta = z.record(z.string(), z.string());
export type DocumentMeta = z.infer<typeof DocumentMeta>;

export const DOCUMENT_FORMAT = 'workbench.document';
export const DOCUMENT_VERSION = 1;

export const DocumentRecord = z.object({
  format: z.literal(DOCUMENT_FORMAT),
  version: z.literal(DOCUMENT_VERSION),
  id: Id,
  title: z.string(),
  meta: DocumentMeta,
  /** Canonical plain text, frozen after import. Line endings are `\n`; nothing else changed. */
  text: z.string(),
  blocks: z.array(Block),
  marks: z.array(InlineMark),
  /** Hex SHA-256 of the UTF-8 bytes of `text`. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  imported: IsoTime,
  /** The file the document came from (base name only), for provenance. */
  sourceFile: z.string().optional(),
});
export type DocumentRecord = z.infer<typeof DocumentRecord>;

// ---------------------------------------------------------------------------------------------
// Codebook

export const AttributeType = z.enum(['enum', 'text', 'number', 'boolean', 'entity']);
export type AttributeType = z.infer<typeof AttributeType>;

export const AttributeDef = z.object({
  name: z.string().min(1),
  type: AttributeType,
  /** Allowed values, only for `enum`. */
  values: z.array(z.string().min(1)).optional(),
  required: z.boolean().default(false),
  description: z.string().default(''),
});
export type AttributeDef = z.infer<typeof AttributeDef>;

export const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1f77b4');

export const LabelDef = z.object({
  name: z.string().min(1).max(64),
  color: HexColor,
  /** A single key, "1"–"9" by default. */
  hotkey: z.string().max(1).default(''),
  description: z.string().default(''),
  examples: z.array(z.string()).default([]),
  attributes: z.array(AttributeDef).default([]),
  /** Whether a span of this label may overlap another span of the same label. */
  allowOverlap: z.boolean().default(true),
});
export type LabelDef = z.infer<typeof LabelDef>;

export const RelationTypeDef = z.object({
  name: z.string().min(1).max(64),
  description: z.string().default(''),
  /** Labels allowed at the source / target end. */
  from: z.array(z.string()),
  to: z.array(z.string()),
});
export type RelationTypeDef = z.infer<typeof RelationTypeDef>;

/**
 * A rename (or merge) recorded in the codebook. A layer that arrives later — a colleague's folder
 * after a git pull, a synced folder, an import — may still use the former name; replaying the
 * recorded renames in order brings it up to date instead of orphaning its annotations (see
 * src/shared/codebook/renames.ts). `revision` is the codebook revision that made the rename.
 */
const RenameName = z.string().min(1);
const RenameRevision = z.number().int().positive();
export const CodebookRename = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('label'),
    from: RenameName,
    to: RenameName,
    revision: RenameRevision,
  }),
  z.object({
    kind: z.literal('attribute'),
    label: RenameName,
    from: RenameName,
    to: RenameName,
    revision: RenameRevision,
  }),
  z.object({
    kind: z.literal('value'),
    label: RenameName,
    attribute: RenameName,
    from: RenameName,
    to: RenameName,
    revision: RenameRevision,
  }),
  z.object({
    kind: z.literal('relationType'),
    from: RenameName,
    to: RenameName,
    revision: RenameRevision,
  }),
]);
export type CodebookRename = z.infer<typeof CodebookRename>;

export const CODEBOOK_FORMAT = 'workbench.codebook';
export const CODEBOOK_FILE_VERSION = 1;

export const Codebook = z.object({
  format: z.literal(CODEBOOK_FORMAT),
  version: z.literal(CODEBOOK_FILE_VERSION),
  name: z.string(),
  /** Content revision, bumped on every edit: exports record which codebook a dataset used. */
  revision: z.number().int().positive(),
  labels: z.array(LabelDef),
  relationTypes: z.array(RelationTypeDef),
  /** Every rename so far, oldest first. Optional: codebooks written before renames existed. */
  renames: z.array(CodebookRename).optional(),
});
export type Codebook = z.infer<typeof Codebook>;

// ---------------------------------------------------------------------------------------------
// Annotations, relations, entities

export const AttributeValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type AttributeValue = z.infer<typeof AttributeValue>;
export const Attributes = z.record(z.string(), AttributeValue);
export type Attributes = z.infer<typeof Attributes>;

export const Origin = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('manual') }),
  z.object({ kind: z.literal('imported'), source: z.string() }),
  z.object({ kind: z.literal('suggestion'), source: z.string() }),
]);
export type Origin = z.infer<typeof Origin>;

/** Characters of context kept on each side of a span for re-anchoring (UTF-16 units). */
export const CONTEXT_LENGTH = 32;

export const Annotation = z.object({
  id: Id,
  doc: Id,
  label: z.string().min(1),
  /** UTF-16 code units into the document text, half-open. */
  start: Offset,
  end: Offset,
  /** text.slice(start, end) when created: lets a span be re-anchored and verified. */
  quote: z.string(),
  prefix: z.string(),
  suffix: z.string(),
  attributes: Attributes,
  /** Entity registry id, for actor spans linked to a canonical entity. */
  entity: Id.optional(),
  note: z.string().optional(),
  annotator: AnnotatorName,
  created: IsoTime,
  modified: IsoTime,
  origin: Origin,
});
export type Annotation = z.infer<typeof Annotation>;

export const Relation = z.object({
  id: Id,
  doc: Id,
  type: z.string().min(1),
  /** Annotation ids (same document, same layer). */
  from: Id,
  to: Id,
  attributes: Attributes,
  annotator: AnnotatorName,
  created: IsoTime,
  modified: IsoTime,
});
export type Relation = z.infer<typeof Relation>;

export const EntityKind = z.enum([
  'person',
  'organisation',
  'government_body',
  'company',
  'country',
  'group',
  'other',
]);
export const Entity = z.object({
  id: Id,
  name: z.string().min(1),
  aliases: z.array(z.string()),
  kind: EntityKind,
  attributes: Attributes,
  /** Wikidata item id, e.g. Q42. */
  qid: z
    .string()
    .regex(/^Q[1-9][0-9]*$/)
    .optional(),
  created: IsoTime,
  modified: IsoTime,
});
export type Entity = z.infer<typeof Entity>;

export const DocStatus = z.enum(['todo', 'in_progress', 'done']);
export type DocStatus = z.infer<typeof DocStatus>;

export const ANNOTATION_FILE_FORMAT = 'workbench.annotations';
export const ANNOTATION_FILE_VERSION = 1;

/** annotations/<annotator>/<docId>.json: one annotator's layer for one document. */
export const AnnotationFile = z.object({
  format: z.literal(ANNOTATION_FILE_FORMAT),
  version: z.literal(ANNOTATION_FILE_VERSION),
  doc: Id,
  annotator: AnnotatorName,
  status: DocStatus.default('todo'),
  memo: z.string().default(''),
  annotations: z.array(Annotation),
  relations: z.array(Relation),
});
export type AnnotationFile = z.infer<typeof AnnotationFile>;

export const PROJECT_FORMAT = 'workbench.project';
export const PROJECT_VERSION = 1;

/** workbench.json */
export const ProjectSettings = z.object({
  format: z.literal(PROJECT_FORMAT),
  version: z.literal(PROJECT_VERSION),
  name: z.string(),
  created: IsoTime,
});
export type ProjectSettings = z.infer<typeof ProjectSettings>;

// ---------------------------------------------------------------------------------------------
// Review: the curated (gold) layer, curated/<docId>.json

/** Where the review of a document stands: no decision yet, some, or declared finished. */
export const ReviewStatus = z.enum(['not_started', 'in_review', 'adjudicated']);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

/**
 * A gold span: an annotation whose `annotator` is the person who adjudicated it, and whose
 * `sources` name the annotators whose version it came from (every annotator whose span equals
 * it, and the one whose version was edited into it). Offsets are UTF-16 code units.
 */
export const CuratedAnnotation = Annotation.extend({
  sources: z.array(AnnotatorName).default([]),
});
export type CuratedAnnotation = z.infer<typeof CuratedAnnotation>;

export const DecisionOutcome = z.enum(['accepted', 'edited', 'rejected']);
export type DecisionOutcome = z.infer<typeof DecisionOutcome>;

/**
 * How one review case (a place where annotators' spans were compared) was settled. `case` names
 * the compared spans ("annotator/spanId" joined by "+"), `fingerprint` their content when the
 * decision was made: a case whose spans changed since (a colleague's layer re-imported) shows
 * as undecided again instead of silently keeping an outdated decision.
 */
export const CuratedDecision = z.object({
  case: z.string().min(1),
  fingerprint: z.string().min(1),
  outcome: DecisionOutcome,
  /** The gold span the decision produced (none for a rejection). */
  span: Id.optional(),
  by: AnnotatorName,
  at: IsoTime,
});
export type CuratedDecision = z.infer<typeof CuratedDecision>;

export const CURATED_FILE_FORMAT = 'workbench.curated';
export const CURATED_FILE_VERSION = 1;

/** curated/<docId>.json: the adjudicated layer of one document and the decisions behind it. */
export const CuratedFile = z.object({
  format: z.literal(CURATED_FILE_FORMAT),
  version: z.literal(CURATED_FILE_VERSION),
  doc: Id,
  status: ReviewStatus.default('not_started'),
  /** Bumped by every change: undo refuses to overwrite a change it does not know about. */
  revision: z.number().int().nonnegative().default(0),
  annotations: z.array(CuratedAnnotation),
  decisions: z.array(CuratedDecision),
});
export type CuratedFile = z.infer<typeof CuratedFile>;
