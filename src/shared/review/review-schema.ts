/**
 * The review's data as zod schemas: what crosses the API boundary (api.ts) and what the review
 * modules (review-cases.ts, adjudication.ts) work with. Only zod and the model here, so that the
 * API contract can import it without importing code that imports the contract.
 *
 * Offsets are UTF-16 code units.
 */
import { z } from 'zod';
import { Annotation, AnnotatorName, Attributes, Id } from '../model';

/**
 * The kind of a case, in order of precedence: a case where not everyone marked something is
 * about presence first; among spans everyone marked, boundaries come before labels, labels
 * before attributes.
 */
export const CaseKind = z.enum([
  /** Every annotator marked the same span with the same label and attributes. */
  'agree',
  /** Same boundaries, other labels. */
  'label_differs',
  /** Overlapping spans with other boundaries (labels may differ too: see `differences`). */
  'boundary_differs',
  /** Same boundaries and label, other attribute values. */
  'attribute_differs',
  /** Only one annotator marked anything here. */
  'only_one',
  /** Some but not all annotators marked something here (three or more annotators). */
  'only_some',
]);
export type CaseKind = z.infer<typeof CaseKind>;

/** Every way the spans of a case differ (a case's kind names the first of these). */
export const Difference = z.enum(['presence', 'boundary', 'label', 'attributes']);
export type Difference = z.infer<typeof Difference>;

export const CaseVersionSchema = z.object({ annotator: AnnotatorName, span: Annotation });

/** A review case as the API sends it (see ReviewCase in review-cases.ts). */
export const ReviewCaseSchema = z.object({
  key: z.string(),
  fingerprint: z.string(),
  kind: CaseKind,
  differences: z.array(Difference),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  versions: z.array(CaseVersionSchema),
  missing: z.array(AnnotatorName),
});

/** A span as the reviewer edited it (UTF-16 offsets into the document text). */
export const EditedSpan = z.object({
  label: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  attributes: Attributes,
});
export type EditedSpan = z.infer<typeof EditedSpan>;

export const AdjudicationStep = z.discriminatedUnion('action', [
  /** Take one annotator's version of the case as it is. */
  z.object({ action: z.literal('accept'), case: z.string().min(1), from: AnnotatorName }).strict(),
  /** Take an edited version, usually based on one annotator's (`from`). */
  z
    .object({
      action: z.literal('edit'),
      case: z.string().min(1),
      from: AnnotatorName.optional(),
      span: EditedSpan.strict(),
    })
    .strict(),
  /** Nothing of this case goes into the gold layer. */
  z.object({ action: z.literal('reject'), case: z.string().min(1) }).strict(),
  /** Take a gold span out again (and the decision that made it), whatever its case. */
  z.object({ action: z.literal('remove'), span: Id }).strict(),
]);
export type AdjudicationStep = z.infer<typeof AdjudicationStep>;
