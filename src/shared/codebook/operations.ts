/**
 * Codebook changes that touch annotations, as explicit operations — never guessed from a diff:
 * a label that disappeared and one that appeared could be a rename or a deletion plus a new
 * label, and only the person knows which. Edits that touch no annotation (colour, hotkey,
 * description, examples, new labels/attributes/values, the required flag, the overlap policy,
 * allowed relation ends) are a plain save of the edited codebook instead.
 *
 * Renames and merges (`delete…` with `migrateTo`) keep every annotation; deletions without
 * `migrateTo` lose data and need a confirmation that states the count.
 */
import { z } from 'zod';
import { Codebook } from '../model';

const LabelName = z.string().min(1).max(64);
const Name = z.string().min(1).max(200);

export const CodebookOperation = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('renameLabel'), from: LabelName, to: LabelName }).strict(),
  /** Without `migrateTo` the label's annotations are deleted, with every relation touching them. */
  z
    .object({ kind: z.literal('deleteLabel'), label: LabelName, migrateTo: LabelName.optional() })
    .strict(),
  z.object({ kind: z.literal('renameAttribute'), label: LabelName, from: Name, to: Name }).strict(),
  z.object({ kind: z.literal('deleteAttribute'), label: LabelName, attribute: Name }).strict(),
  z
    .object({
      kind: z.literal('renameValue'),
      label: LabelName,
      attribute: Name,
      from: Name,
      to: Name,
    })
    .strict(),
  /** Without `migrateTo` the value is removed from the annotations that hold it. */
  z
    .object({
      kind: z.literal('deleteValue'),
      label: LabelName,
      attribute: Name,
      value: Name,
      migrateTo: Name.optional(),
    })
    .strict(),
  z.object({ kind: z.literal('renameRelationType'), from: LabelName, to: LabelName }).strict(),
  /** Without `migrateTo` the relations of that type are deleted. */
  z
    .object({
      kind: z.literal('deleteRelationType'),
      name: LabelName,
      migrateTo: LabelName.optional(),
    })
    .strict(),
]);
export type CodebookOperation = z.infer<typeof CodebookOperation>;

/** Whether the operation deletes data (and so needs a confirmation with the count). */
export function isLossy(op: CodebookOperation): boolean {
  switch (op.kind) {
    case 'deleteLabel':
    case 'deleteValue':
    case 'deleteRelationType':
      return op.migrateTo === undefined;
    case 'deleteAttribute':
      return true;
    default:
      return false;
  }
}

/** The operation that undoes `op`, for renames; null when it cannot be undone that way. */
export function inverseOperation(op: CodebookOperation): CodebookOperation | null {
  switch (op.kind) {
    case 'renameLabel':
    case 'renameRelationType':
      return { ...op, from: op.to, to: op.from };
    case 'renameAttribute':
    case 'renameValue':
      return { ...op, from: op.to, to: op.from };
    default:
      // A merge cannot tell afterwards which annotations were merged; a deletion is gone.
      return null;
  }
}

/** One line for a person: "Rename label “Actor” to “Speaker”". */
export function describeOperation(op: CodebookOperation): string {
  switch (op.kind) {
    case 'renameLabel':
      return `Rename label “${op.from}” to “${op.to}”`;
    case 'deleteLabel':
      return op.migrateTo === undefined
        ? `Delete label “${op.label}” and its annotations`
        : `Merge label “${op.label}” into “${op.migrateTo}”`;
    case 'renameAttribute':
      return `Rename attribute “${op.from}” of “${op.label}” to “${op.to}”`;
    case 'deleteAttribute':
      return `Delete attribute “${op.attribute}” of “${op.label}” and its values`;
    case 'renameValue':
      return `Rename value “${op.from}” of “${op.label}” › “${op.attribute}” to “${op.to}”`;
    case 'deleteValue':
      return op.migrateTo === undefined
        ? `Delete value “${op.value}” of “${op.label}” › “${op.attribute}”`
        : `Merge value “${op.value}” of “${op.label}” › “${op.attribute}” into “${op.migrateTo}”`;
    case 'renameRelationType':
      return `Rename relation type “${op.from}” to “${op.to}”`;
    case 'deleteRelationType':
      return op.migrateTo === undefined
        ? `Delete relation type “${op.name}” and its relations`
        : `Merge relation type “${op.name}” into “${op.migrateTo}”`;
  }
}

// ---------------------------------------------------------------------------------------------
// What a change does, across every layer of the project

const Count = z.number().int().nonnegative();

export const ChangeCounts = z.object({
  /** Annotations changed or deleted. */
  annotations: Count,
  /** Relations changed or deleted. */
  relations: Count,
  deletedAnnotations: Count,
  deletedRelations: Count,
  /** Attribute values removed from annotations that stay. */
  removedValues: Count,
  /** Annotations an attribute rename cannot move (they hold a value under the new name). */
  conflicts: Count,
  /** Distinct documents (whoever's layer) with a change. */
  documents: Count,
  /** Distinct layer files with a change. */
  layers: Count,
});
export type ChangeCounts = z.infer<typeof ChangeCounts>;

export const OperationEffect = z.object({
  operation: CodebookOperation,
  description: z.string(),
  /** The codebook already shows this change (a re-run); layers that lag behind still follow. */
  alreadyApplied: z.boolean(),
  counts: ChangeCounts,
  notes: z.array(z.string()),
});
export type OperationEffect = z.infer<typeof OperationEffect>;

export const CodebookChangePreview = z.object({
  /** The codebook the change leads to. */
  codebook: Codebook,
  effects: z.array(OperationEffect),
  /** Annotations in layers that still used former names and follow the recorded renames. */
  earlierRenames: ChangeCounts,
  totals: ChangeCounts,
  /**
   * Records the change deletes: annotations + relations + attribute values. Applying needs
   * `confirmDeleteCount` of at least this when it is above zero.
   */
  deleteCount: Count,
  layersScanned: Count,
  /** Why the change cannot be applied as it stands; empty when it can. */
  blockers: z.array(z.string()),
  /** One sentence: "12 annotations in 3 documents will change." */
  summary: z.string(),
});
export type CodebookChangePreview = z.infer<typeof CodebookChangePreview>;

export const CodebookChangeResult = CodebookChangePreview.extend({
  /** Layer files rewritten. */
  layersMigrated: Count,
});
export type CodebookChangeResult = z.infer<typeof CodebookChangeResult>;

export const CodebookImportResult = z.object({
  codebook: Codebook,
  /** Renames the imported codebook brought that this project did not have yet. */
  newRenames: Count,
  /** Layer files rewritten to follow those renames. */
  layersMigrated: Count,
  annotationsMigrated: Count,
  summary: z.string(),
});
export type CodebookImportResult = z.infer<typeof CodebookImportResult>;
