/**
 * The agreement report: every measure of this folder for a set of documents, annotators and
 * labels, as one plain JSON value that crosses the API boundary (zod schema `AgreementReport`).
 *
 * How the pieces fit:
 * - the documents are laid end to end as one continuum (continuum.ts);
 * - α_U (unitizing-alpha.ts) runs on that continuum with every annotator as a rater;
 * - the kappas (token-kappa.ts) run on its word tokens (word-tokens.ts);
 * - span F1 (span-f1.ts) runs per annotator pair and is averaged over pairs;
 * - attribute alphas (krippendorff-alpha.ts) take spans that two or more annotators marked
 *   identically as the units.
 *
 * A measure that is undefined is null — never NaN, never a stand-in number — and `notes` (or the
 * document's own `notes`) says why. Nothing is dropped silently: spans set aside, tokens excluded
 * and overlapping spans merged are counted and explained.
 */
import { z } from 'zod';
import { buildContinuum, type AgreementInput, type Continuum, type PlacedSpan } from './continuum';
import { krippendorffAlpha, type CodedValue, type MeasurementLevel } from './krippendorff-alpha';
import { spanF1, type F1Score, type LabeledSpan } from './span-f1';
import {
  codeTokens,
  tokenAgreement,
  tokenAgreementByLabel,
  type KappaResult,
  type TokenAgreement,
} from './token-kappa';
import {
  mergeOverlaps,
  unitizingAlphaOfGroups,
  type DisjointUnits,
  type GroupedUnits,
  type UnitizingAlphas,
} from './unitizing-alpha';
import { wordTokens, type WordTokens } from './word-tokens';

export type { AgreementInput, AgreementSpanInput } from './continuum';

/** A coefficient or score; null where it is undefined (the notes say why). */
const Measure = z.number().nullable();
const Count = z.number().int().nonnegative();
const PerAnnotator = z.record(z.string(), Count);

/** The measures reported overall, per label and per document. */
export const AgreementMeasures = z.object({
  /** Krippendorff's unitizing alpha α_U over all annotators, on the characters of the documents
   * laid end to end, as DKPro Statistics computes it (what INCEpTION reports). Overall: 1 − mean
   * D_o / mean D_e over the labels that have spans; per label: that label's α_U. */
  alpha_unitizing: Measure,
  /** Cohen's kappa over word tokens (categories: the labels and "none"; per label: that label or
   * not). Present only when exactly two annotators are compared. */
  cohen_kappa: Measure.optional(),
  /** Fleiss' kappa over word tokens, all annotators (categories as for cohen_kappa). */
  fleiss_kappa: Measure,
  /** Span F1 with exact matching (same start, end, label), the mean over annotator pairs. */
  f1_exact: Measure,
  /** Span F1 with overlap matching (same label, intersecting, one-to-one), mean over pairs. */
  f1_overlap: Measure,
});
export type AgreementMeasures = z.infer<typeof AgreementMeasures>;

/** One pair of annotators; `a` is the reference, so precision is b's and recall is of a's spans. */
export const PairAgreement = z.object({
  a: z.string(),
  b: z.string(),
  f1_exact: Measure,
  precision_exact: Measure,
  recall_exact: Measure,
  f1_overlap: Measure,
  precision_overlap: Measure,
  recall_overlap: Measure,
  /** Cohen's kappa over word tokens for this pair (all labels and "none"). */
  cohen_kappa: Measure,
  /** α_U for these two annotators only. */
  alpha_unitizing: Measure,
  /** Tokens left out of this pair's kappa: one of the two covered them with two labels. */
  excluded_tokens: Count,
});
export type PairAgreement = z.infer<typeof PairAgreement>;

/** The overall measures restricted to one document (its own text is the continuum). */
export const DocumentAgreement = AgreementMeasures.extend({
  doc: z.string(),
  /** Word tokens in the document. */
  tokens: Count,
  /** Tokens left out of the document's kappas (see counts.excluded_tokens). */
  excluded_tokens: Count,
  /** Spans compared in this document, per annotator. */
  spans: PerAnnotator,
  /** Why a measure of this document is null. */
  notes: z.array(z.string()),
});
export type DocumentAgreement = z.infer<typeof DocumentAgreement>;

/** Krippendorff's alpha for one attribute of one label. */
export const AttributeAgreement = z.object({
  label: z.string(),
  attribute: z.string(),
  /** interval when every value given is a number, nominal otherwise (enum, text, boolean, …). */
  level: z.enum(['nominal', 'interval']),
  alpha: Measure,
  /** The units: spans of this label marked identically (same document, start and end) by two or
   * more annotators. */
  matched_spans: Count,
  /** Units where two or more of those annotators gave the attribute a value; only these count. */
  pairable_units: Count,
});
export type AttributeAgreement = z.infer<typeof AttributeAgreement>;

export const AgreementReport = z.object({
  /** The annotators compared, in the order given. */
  annotators: z.array(z.string()),
  /** The labels compared, in the order given (default: every label used, sorted). */
  labels: z.array(z.string()),
  overall: AgreementMeasures,
  /** Keyed by label; every label in `labels` has an entry. */
  by_label: z.record(z.string(), AgreementMeasures),
  /** Every annotator pair (a before b in `annotators`). */
  pairs: z.array(PairAgreement),
  /** One entry per document, in the order given. */
  by_document: z.array(DocumentAgreement),
  /** One entry per label and attribute found on spans marked identically by two annotators. */
  attributes: z.array(AttributeAgreement),
  counts: z.object({
    documents: Count,
    /** Total text length of the documents, in UTF-16 code units: the α_U continuum. */
    characters: Count,
    /** Word tokens (Intl.Segmenter words) in all documents. */
    tokens: Count,
    /** Tokens left out of the multi-category kappas because an annotator covered them with spans
     * of two different labels (they have no single category). */
    excluded_tokens: Count,
    /** Spans compared, per annotator. */
    spans: PerAnnotator,
    /** Spans not compared, per annotator (the notes give the reasons). */
    set_aside_spans: PerAnnotator,
    /** Spans merged into an overlapping span of the same annotator and label before α_U. */
    merged_spans: Count,
  }),
  /** Why each null measure is null, and what was set aside, excluded or merged. */
  notes: z.array(z.string()),
});
export type AgreementReport = z.infer<typeof AgreementReport>;

/** Computes every agreement measure for the input. Pure; throws WorkbenchError on bad input. */
export function computeAgreement(input: AgreementInput): AgreementReport {
  const continuum = buildContinuum(input);
  const { annotators, labels, documents } = continuum;
  const notes: string[] = describeInput(continuum);
  const R = annotators.length;
  const K = labels.length;

  const { tokens, firstToken } = continuumTokens(continuum);
  const codings = continuum.spans.map((spans) => codeTokens(tokens, spans, K));

  const allTokens = tokenAgreement(codings, K, 0, tokens.starts.length);
  const tokensByLabel = tokenAgreementByLabel(codings, K, 0, tokens.starts.length);
  const unitizingUnits = groupForUnitizing(continuum);
  const everyone = annotators.map((_, r) => r);
  const unitizing = unitizingAlphaOfGroups(unitizingUnits.views(everyone), R, 0, continuum.length);
  const pairIndices = allTokens.pairs.map(({ a, b }) => [a, b] as const);
  const pairF1 = pairIndices.map(([a, b]) =>
    spanF1(continuum.spans[a] as PlacedSpan[], continuum.spans[b] as PlacedSpan[], K),
  );
  const pairUnitizing = pairIndices.map(([a, b]) =>
    R === 2
      ? unitizing
      : unitizingAlphaOfGroups(unitizingUnits.views([a, b]), 2, 0, continuum.length),
  );

  if (unitizingUnits.merged > 0) {
    notes.push(
      `${unitizingUnits.merged} span(s) overlapped another span of the same annotator and label; for alpha_unitizing each such group counts as one span (their union), because on a continuum a character is either inside a label or not.`,
    );
  }
  if (allTokens.excludedTokens > 0) {
    notes.push(
      `${allTokens.excludedTokens} of ${allTokens.tokens} tokens are covered by one annotator with spans of two different labels; they have no single category and are left out of the overall kappas (the per-label kappas keep them).`,
    );
  }

  const overall = measures(
    {
      alpha: unitizing,
      kappas: allTokens,
      f1: pairF1.map((f) => ({ exact: f.exact, overlap: f.overlap })),
    },
    R,
    'overall',
    notes,
  );

  const byLabel: Record<string, AgreementMeasures> = {};
  labels.forEach((label, k) => {
    const labelAlpha = unitizing.byCategory.get(label);
    byLabel[label] = measures(
      {
        alpha: labelAlpha ?? {
          alpha: null,
          reason:
            R < 2
              ? 'unitizing alpha compares raters, so it needs two or more'
              : 'no annotator used this label',
        },
        kappas: tokensByLabel[k]!,
        f1: pairF1.map((f) => f.byLabel[k] as { exact: F1Score; overlap: F1Score }),
      },
      R,
      `by_label[${JSON.stringify(label)}]`,
      notes,
    );
  });

  const pairs = pairIndices.map(([a, b], p): PairAgreement => {
    const f1 = pairF1[p] as (typeof pairF1)[number];
    const kappa = (allTokens.pairs[p] as TokenAgreement['pairs'][number]).cohen;
    const alpha = pairUnitizing[p] as UnitizingAlphas;
    const path = `pairs[${annotators[a]}, ${annotators[b]}]`;
    return {
      a: annotators[a] as string,
      b: annotators[b] as string,
      f1_exact: f1.exact.f1,
      precision_exact: f1.exact.precision,
      recall_exact: f1.exact.recall,
      f1_overlap: f1.overlap.f1,
      precision_overlap: f1.overlap.precision,
      recall_overlap: f1.overlap.recall,
      cohen_kappa: explained(kappa.kappa, kappa.reason, `${path}.cohen_kappa`, notes),
      alpha_unitizing: explained(alpha.alpha, alpha.reason, `${path}.alpha_unitizing`, notes),
      excluded_tokens: (allTokens.pairs[p] as TokenAgreement['pairs'][number]).excludedTokens,
    };
  });

  const byDocument = documents.map((doc, d): DocumentAgreement => {
    const docNotes: string[] = [];
    const slices = continuum.spans.map((spans, r) => {
      const bounds = continuum.documentRanges[r] as Int32Array;
      return spans.slice(bounds[d], bounds[d + 1]);
    });
    const docTokens = tokenAgreement(
      codings,
      K,
      firstToken[d] as number,
      firstToken[d + 1] as number,
    );
    const docMeasures = measures(
      {
        alpha: unitizingAlphaOfGroups(
          unitizingUnits.views(everyone, d),
          R,
          doc.offset,
          doc.text.length,
        ),
        kappas: docTokens,
        f1: pairIndices.map(([a, b]) => {
          const f = spanF1(slices[a] as PlacedSpan[], slices[b] as PlacedSpan[], K);
          return { exact: f.exact, overlap: f.overlap };
        }),
      },
      R,
      'document',
      docNotes,
    );
    return {
      doc: doc.id,
      ...docMeasures,
      tokens: docTokens.tokens,
      excluded_tokens: docTokens.excludedTokens,
      spans: Object.fromEntries(
        annotators.map((name, r) => [name, (slices[r] as PlacedSpan[]).length]),
      ),
      notes: docNotes,
    };
  });

  return {
    annotators: [...annotators],
    labels: [...labels],
    overall,
    by_label: byLabel,
    pairs,
    by_document: byDocument,
    attributes: attributeAgreement(continuum, notes),
    counts: {
      documents: documents.length,
      characters: continuum.length,
      tokens: allTokens.tokens,
      excluded_tokens: allTokens.excludedTokens,
      spans: Object.fromEntries(
        annotators.map((name, r) => [name, (continuum.spans[r] as PlacedSpan[]).length]),
      ),
      set_aside_spans: Object.fromEntries(
        annotators.map((name, r) => {
          const aside = continuum.setAside[r] as Continuum['setAside'][number];
          return [name, aside.outsideDocuments + aside.otherLabel + aside.badOffsets];
        }),
      ),
      merged_spans: unitizingUnits.merged,
    },
    notes,
  };
}

/** Word tokens of every document placed on the continuum, and each document's first token. */
function continuumTokens(continuum: Continuum): { tokens: WordTokens; firstToken: Int32Array } {
  const perDocument = continuum.documents.map((doc) => wordTokens(doc.text));
  const total = perDocument.reduce((n, t) => n + t.starts.length, 0);
  const starts = new Uint32Array(total);
  const ends = new Uint32Array(total);
  const firstToken = new Int32Array(continuum.documents.length + 1);
  continuum.documents.forEach((doc, d) => {
    const local = perDocument[d] as WordTokens;
    const at = firstToken[d] as number;
    for (let i = 0; i < local.starts.length; i++) {
      starts[at + i] = doc.offset + (local.starts[i] as number);
      ends[at + i] = doc.offset + (local.ends[i] as number);
    }
    firstToken[d + 1] = at + local.starts.length;
  });
  return { tokens: { starts, ends }, firstToken };
}

/**
 * Every annotator's spans as α_U units, grouped once: per label and annotator, sorted and made
 * disjoint (overlapping spans of one annotator and label merged), with index bounds per document.
 * `views` then gives the units of some annotators, on the whole continuum or in one document,
 * as views on the same arrays — no copying per document or pair.
 */
function groupForUnitizing(continuum: Continuum): {
  views: (annotators: readonly number[], document?: number) => GroupedUnits;
  merged: number;
} {
  let merged = 0;
  const byLabel = continuum.labels.map((_, k) =>
    continuum.spans.map((spans) => {
      const ofLabel = spans.filter((span) => span.label === k);
      const disjoint = mergeOverlaps(
        ofLabel.map((span) => span.start),
        ofLabel.map((span) => span.end),
      );
      merged += disjoint.merged;
      return { units: disjoint.units, bounds: documentBounds(disjoint.units, continuum) };
    }),
  );
  const views = (annotators: readonly number[], document?: number): GroupedUnits =>
    new Map(
      continuum.labels.map((label, k) => [
        label,
        annotators.map((r): DisjointUnits => {
          const { units, bounds } = byLabel[k]![r]!;
          if (document === undefined) return units;
          const from = bounds[document];
          const to = bounds[document + 1];
          return { starts: units.starts.subarray(from, to), ends: units.ends.subarray(from, to) };
        }),
      ]),
    );
  return { views, merged };
}

/** Index boundaries of each document's units in sorted, disjoint units (documents + 1 entries). */
function documentBounds(units: DisjointUnits, continuum: Continuum): Int32Array {
  const bounds = new Int32Array(continuum.documents.length + 1);
  let i = 0;
  continuum.documents.forEach((doc, d) => {
    bounds[d] = i;
    while (i < units.starts.length && (units.starts[i] as number) < doc.offset + doc.text.length) {
      i++;
    }
    bounds[d + 1] = i;
  });
  return bounds;
}

interface MeasureSources {
  alpha: { alpha: number | null; reason: string | null };
  kappas: { fleiss: KappaResult; pairs?: TokenAgreement['pairs']; cohen?: KappaResult | null };
  f1: ReadonlyArray<{ exact: F1Score; overlap: F1Score }>;
}

/** One set of measures from its sources, noting why any of them is null. */
function measures(
  sources: MeasureSources,
  R: number,
  path: string,
  notes: string[],
): AgreementMeasures {
  const { alpha, kappas, f1 } = sources;
  const result: AgreementMeasures = {
    alpha_unitizing: explained(alpha.alpha, alpha.reason, `${path}.alpha_unitizing`, notes),
    fleiss_kappa: explained(
      kappas.fleiss.kappa,
      kappas.fleiss.reason,
      `${path}.fleiss_kappa`,
      notes,
    ),
    f1_exact: meanOverPairs(
      f1.map((f) => f.exact.f1),
      R,
      `${path}.f1_exact`,
      notes,
    ),
    f1_overlap: meanOverPairs(
      f1.map((f) => f.overlap.f1),
      R,
      `${path}.f1_overlap`,
      notes,
    ),
  };
  if (R === 2) {
    const cohen = kappas.cohen ?? kappas.pairs?.[0]?.cohen ?? null;
    result.cohen_kappa = cohen
      ? explained(cohen.kappa, cohen.reason, `${path}.cohen_kappa`, notes)
      : null;
  }
  return result;
}

function explained(value: number | null, reason: string | null, path: string, notes: string[]) {
  if (value === null) notes.push(`${path} is null: ${reason ?? 'undefined for these data'}.`);
  return value;
}

/** The mean F1 over the pairs where it is defined (a pair in which neither annotator marked a
 * span has no F1). */
function meanOverPairs(
  values: ReadonlyArray<number | null>,
  R: number,
  path: string,
  notes: string[],
) {
  if (R < 2)
    return explained(
      null,
      'span F1 compares annotator pairs, so it needs two or more annotators',
      path,
      notes,
    );
  const defined = values.filter((v): v is number => v !== null);
  if (defined.length === 0) return explained(null, 'no annotator marked a span here', path, notes);
  if (defined.length < values.length) {
    notes.push(
      `${path} is the mean over ${defined.length} of ${values.length} pairs: in the others neither annotator marked a span here.`,
    );
  }
  return defined.reduce((sum, v) => sum + v, 0) / defined.length;
}

/** Notes about the input itself: layers missing, spans set aside and why. */
function describeInput(continuum: Continuum): string[] {
  const notes: string[] = [];
  if (continuum.annotators.length < 2) {
    notes.push(
      `Only ${continuum.annotators.length} annotator(s) given: agreement needs two or more.`,
    );
  }
  for (const name of continuum.withoutLayer) {
    notes.push(`${name} has no layer in the input and counts as having marked nothing.`);
  }
  continuum.annotators.forEach((name, r) => {
    const { outsideDocuments, otherLabel, badOffsets } = continuum.setAside[
      r
    ] as Continuum['setAside'][number];
    if (outsideDocuments > 0) {
      notes.push(
        `${outsideDocuments} span(s) of ${name} are on documents outside this comparison and were not compared.`,
      );
    }
    if (otherLabel > 0) {
      notes.push(
        `${otherLabel} span(s) of ${name} have a label outside the compared labels and were not compared.`,
      );
    }
    if (badOffsets > 0) {
      notes.push(
        `${badOffsets} span(s) of ${name} are empty or end beyond their document's text (re-anchor or delete them); they were not compared.`,
      );
    }
  });
  return notes;
}

/**
 * Krippendorff's alpha per label and attribute, with spans marked identically by two or more
 * annotators as the units and each annotator's attribute value as their coding (an annotator
 * with two identical spans contributes the first).
 */
function attributeAgreement(continuum: Continuum, notes: string[]): AttributeAgreement[] {
  const R = continuum.annotators.length;
  const report: AttributeAgreement[] = [];
  continuum.labels.forEach((label, k) => {
    const matched = identicalSpans(
      continuum.spans.map((spans) => spans.filter((s) => s.label === k)),
    );
    const names = new Set<string>();
    for (const unit of matched) {
      for (const span of unit) if (span) for (const name in span.source.attributes) names.add(name);
    }
    for (const attribute of [...names].sort()) {
      const data = Array.from({ length: R }, (_, r) =>
        matched.map((unit): CodedValue | null => unit[r]?.source.attributes[attribute] ?? null),
      );
      const given = data.flat().filter((v) => v !== null);
      const level: MeasurementLevel = given.every((v) => typeof v === 'number')
        ? 'interval'
        : 'nominal';
      const result = krippendorffAlpha(data, level);
      const path = `attributes[${JSON.stringify(label)}, ${JSON.stringify(attribute)}]`;
      report.push({
        label,
        attribute,
        level,
        alpha: explained(result.alpha, result.reason, `${path}.alpha`, notes),
        matched_spans: matched.length,
        pairable_units: result.pairableUnits,
      });
    }
  });
  return report;
}

/**
 * Groups of identical spans (same start and end) found by two or more annotators: a k-way merge
 * over each annotator's spans, which are sorted by start, then end. One slot per annotator.
 */
function identicalSpans(
  byAnnotator: ReadonlyArray<readonly PlacedSpan[]>,
): Array<Array<PlacedSpan | undefined>> {
  const R = byAnnotator.length;
  const heads = new Int32Array(R);
  const groups: Array<Array<PlacedSpan | undefined>> = [];
  for (;;) {
    // The smallest (start, end) at the head of any annotator's list, and who has it.
    let key: PlacedSpan | undefined;
    let holders = 0;
    for (let r = 0; r < R; r++) {
      const span = (byAnnotator[r] as readonly PlacedSpan[])[heads[r] as number];
      if (!span) continue;
      const order = key ? compareRanges(span, key) : -1;
      if (order < 0) {
        key = span;
        holders = 1;
      } else if (order === 0) {
        holders++;
      }
    }
    if (!key) return groups;
    const group: Array<PlacedSpan | undefined> | undefined =
      holders >= 2 ? new Array(R) : undefined;
    for (let r = 0; r < R; r++) {
      const spans = byAnnotator[r] as readonly PlacedSpan[];
      let head = heads[r] as number;
      const span = spans[head];
      if (!span || compareRanges(span, key) !== 0) continue;
      if (group) group[r] = span;
      while (head < spans.length && compareRanges(spans[head] as PlacedSpan, key) === 0) head++;
      heads[r] = head;
    }
    if (group) groups.push(group);
  }
}

function compareRanges(x: LabeledSpan, y: LabeledSpan): number {
  return x.start - y.start || x.end - y.end;
}
