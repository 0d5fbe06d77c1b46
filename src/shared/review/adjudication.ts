/**
 * Adjudication: settling review cases into the curated (gold) layer of one document. Each step
 * is a pure function of the curated file, the document's current cases and the step; the store
 * writes the result (main/store/curated-store.ts), and undo puts an earlier file back.
 *
 * A case is settled by accepting one annotator's version, by an edited version, or by rejecting
 * it (no gold span). Settling a case again replaces the earlier decision and its gold span, so a
 * reviewer can change their mind without undo. A decision belongs to the case's spans as they
 * were (its fingerprint): when they change, the case counts as unsettled again.
 *
 * Offsets are UTF-16 code units.
 */
import { WorkbenchError } from '../api';
import {
  CURATED_FILE_FORMAT,
  CURATED_FILE_VERSION,
  type Annotation,
  type CuratedAnnotation,
  type CuratedDecision,
  type CuratedFile,
  type ReviewStatus,
} from '../model';
import { isDisagreement, sameVersion, type ReviewCase } from './review-cases';
import type { AdjudicationStep } from './review-schema';
import type { SpanContext } from './span-context';

export interface AdjudicationEnv {
  /** Who adjudicates: the `annotator` of every gold span and the `by` of every decision. */
  readonly curator: string;
  /** ISO time of the change. */
  readonly now: string;
  readonly newId: () => string;
  /** The document's text. */
  readonly text: string;
  /** Quote and context of a span; throws a WorkbenchError when the range is not a valid span. */
  readonly spanContext: SpanContext;
}

export type ReviewedCase = ReviewCase<Annotation>;

/** What a gold span takes from the version it is made of. */
type GoldSource = Pick<
  Annotation,
  | 'doc'
  | 'label'
  | 'start'
  | 'end'
  | 'quote'
  | 'prefix'
  | 'suffix'
  | 'attributes'
  | 'entity'
  | 'note'
  | 'origin'
>;

/** The curated file of a document nobody has adjudicated yet. */
export function emptyCurated(docId: string): CuratedFile {
  return {
    format: CURATED_FILE_FORMAT,
    version: CURATED_FILE_VERSION,
    doc: docId,
    status: 'not_started',
    revision: 0,
    annotations: [],
    decisions: [],
  };
}

/** What deciding on cases reads of a curated file (or of the layer the API sends). */
type Decided = Pick<CuratedFile, 'decisions'>;

/** Where a case stands in the curated file. */
export type CaseState =
  | { settled: false; decision?: undefined }
  | { settled: true; decision: CuratedDecision }
  /** Decided, but its spans changed since: to be settled again. */
  | { settled: false; decision: CuratedDecision };

export function caseState(curated: Decided, reviewCase: ReviewedCase): CaseState {
  const decision = curated.decisions.find((d) => d.case === reviewCase.key);
  if (!decision) return { settled: false };
  return decision.fingerprint === reviewCase.fingerprint
    ? { settled: true, decision }
    : { settled: false, decision };
}

/** The cases not settled (never decided, or changed since), in document order. */
export function unsettledCases(curated: Decided, cases: readonly ReviewedCase[]): ReviewedCase[] {
  return cases.filter((c) => !caseState(curated, c).settled);
}

/** Steps that accept every unsettled case on which all annotators agree. */
export function acceptAgreedSteps(
  curated: Decided,
  cases: readonly ReviewedCase[],
): AdjudicationStep[] {
  return unsettledCases(curated, cases)
    .filter((c) => !isDisagreement(c.kind))
    .map((c) => ({ action: 'accept', case: c.key, from: c.versions[0]!.annotator }));
}

/** Applies the steps in order; throws (changing nothing) when one cannot be applied. */
export function applySteps(
  curated: CuratedFile,
  cases: readonly ReviewedCase[],
  steps: readonly AdjudicationStep[],
  env: AdjudicationEnv,
): CuratedFile {
  const byKey = new Map(cases.map((c) => [c.key, c]));
  let annotations = [...curated.annotations];
  let decisions = [...curated.decisions];

  /** Takes out a decision and the gold span it made. */
  const forget = (decision: CuratedDecision | undefined) => {
    if (!decision) return;
    decisions = decisions.filter((d) => d !== decision);
    if (decision.span !== undefined)
      annotations = annotations.filter((a) => a.id !== decision.span);
  };

  for (const step of steps) {
    if (step.action === 'remove') {
      const gold = annotations.find((a) => a.id === step.span);
      if (!gold) {
        throw new WorkbenchError(
          'not_found',
          `There is no gold span ${step.span} in document ${curated.doc}; it may have been removed already.`,
        );
      }
      annotations = annotations.filter((a) => a !== gold);
      decisions = decisions.filter((d) => d.span !== step.span);
      continue;
    }
    const reviewCase = byKey.get(step.case);
    if (!reviewCase) {
      throw new WorkbenchError(
        'conflict',
        `Case ${step.case} is no longer in document ${curated.doc}: an annotator's layer changed since the review was opened. Reopen the document to see the cases as they are now.`,
      );
    }
    forget(decisions.find((d) => d.case === reviewCase.key));
    const decide = (outcome: CuratedDecision['outcome'], span?: CuratedAnnotation) => {
      if (span) annotations.push(span);
      decisions.push({
        case: reviewCase.key,
        fingerprint: reviewCase.fingerprint,
        outcome,
        ...(span && { span: span.id }),
        by: env.curator,
        at: env.now,
      });
    };
    switch (step.action) {
      case 'reject':
        decide('rejected');
        break;
      case 'accept': {
        const version = versionOf(reviewCase, step.from);
        decide('accepted', goldSpan(version, reviewCase, [step.from], env));
        break;
      }
      case 'edit': {
        const base = step.from === undefined ? undefined : versionOf(reviewCase, step.from);
        const { label, start, end, attributes } = step.span;
        const edited: GoldSource = {
          doc: curated.doc,
          label,
          start,
          end,
          ...env.spanContext(env.text, start, end),
          attributes,
          ...(base?.entity !== undefined && { entity: base.entity }),
          // The reviewer drew this version: it is theirs, whatever it was based on.
          origin: { kind: 'manual' },
        };
        decide('edited', goldSpan(edited, reviewCase, step.from ? [step.from] : [], env));
        break;
      }
    }
  }
  return {
    ...curated,
    status: curated.status === 'not_started' ? 'in_review' : curated.status,
    revision: curated.revision + 1,
    annotations,
    decisions,
  };
}

/**
 * Sets the review status. "adjudicated" is refused while a case is unsettled: a document called
 * finished must have a decision for every place the annotators marked.
 */
export function setReviewStatus(
  curated: CuratedFile,
  cases: readonly ReviewedCase[],
  status: ReviewStatus,
): CuratedFile {
  if (status === 'adjudicated') {
    const open = unsettledCases(curated, cases);
    if (open.length > 0) {
      throw new WorkbenchError(
        'conflict',
        `Document ${curated.doc} cannot be marked adjudicated: ${open.length} case(s) are not settled yet (the first at characters ${open[0]!.start}–${open[0]!.end}). Settle them first.`,
      );
    }
  }
  return { ...curated, status, revision: curated.revision + 1 };
}

function versionOf(reviewCase: ReviewedCase, annotator: string): Annotation {
  const version = reviewCase.versions.find((v) => v.annotator === annotator);
  if (!version) {
    const who = reviewCase.versions.map((v) => v.annotator).join(', ');
    throw new WorkbenchError(
      'invalid_argument',
      `${annotator} marked nothing in case ${reviewCase.key} (only ${who} did); accept one of theirs.`,
    );
  }
  return version.span;
}

/**
 * The gold span for `span`: a new id, the curator as its annotator, and as sources every
 * annotator of the case whose version equals it, plus `basedOn`, in the case's annotator order.
 */
function goldSpan(
  span: GoldSource,
  reviewCase: ReviewedCase,
  basedOn: readonly string[],
  env: AdjudicationEnv,
): CuratedAnnotation {
  const sources = reviewCase.versions
    .filter((v) => basedOn.includes(v.annotator) || sameVersion(v.span, span))
    .map((v) => v.annotator);
  const { entity, note } = span;
  return {
    id: env.newId(),
    doc: span.doc,
    label: span.label,
    start: span.start,
    end: span.end,
    quote: span.quote,
    prefix: span.prefix,
    suffix: span.suffix,
    attributes: span.attributes,
    ...(entity !== undefined && { entity }),
    ...(note !== undefined && { note }),
    annotator: env.curator,
    created: env.now,
    modified: env.now,
    origin: span.origin,
    sources,
  };
}
